"""The audit log: every ORM create, update and delete; sensitive values never written,
client-identifying values sealed (readable with the key only)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine, select, text
from sqlmodel import Session

from casekit.store import audit, keys
from casekit.store.audit import REDACTED
from casekit.store.models import AuditEvent, Client, Matter, Note
from casekit.store.session import transaction

A_NUMBER = "A-201-555-731"
STATUS = "TPS pending, prior removal order"
BIRTH = date(1987, 3, 14)


def _events(engine: Engine, entity: str) -> list[AuditEvent]:
    with Session(engine) as session:
        query = select(AuditEvent).where(AuditEvent.entity == entity).order_by(AuditEvent.id)
        return list(session.execute(query).scalars())


def _everything_in_the_audit_table(engine: Engine) -> str:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT * FROM auditevent")).all()
    return json.dumps([list(map(str, row)) for row in rows], ensure_ascii=False)


def _opened(engine: Engine, event: AuditEvent) -> dict:
    """The event's changes with the sealed values opened (as ``casekit audit list`` does)."""
    with engine.begin() as conn:
        cipher = keys.resolve(conn, allow_create=False)
    return audit.reveal(event.entity, event.changes, cipher, event.seq)


def _sensitive_client(engine: Engine) -> int:
    with transaction(engine, actor="paralegal") as session:
        client = Client(
            name="Rosa Díaz",
            name_key="rosa diaz",
            a_number=A_NUMBER,
            immigration_status=STATUS,
            date_of_birth=BIRTH,
            phone="203-555-0100",
        )
        session.add(client)
    assert client.id is not None
    return client.id


def test_create_records_actor_fields_and_id(migrated_engine: Engine) -> None:
    client_id = _sensitive_client(migrated_engine)

    [event] = _events(migrated_engine, "client")
    assert (event.actor, event.action, event.entity_id) == ("paralegal", "create", client_id)
    assert event.matter_id is None
    # Identifying values are sealed in the table and open with the key.
    assert "Rosa" not in json.dumps(event.changes, ensure_ascii=False)
    opened = _opened(migrated_engine, event)
    assert opened["name"] == {"before": None, "after": "Rosa Díaz"}
    assert opened["phone"] == {"before": None, "after": "203-555-0100"}
    assert event.changes["phone_safe"] == {"before": None, "after": False}
    assert not {"id", "version", "created_at", "updated_at"} & set(event.changes)


def test_sensitive_values_are_redacted_and_appear_nowhere(migrated_engine: Engine) -> None:
    client_id = _sensitive_client(migrated_engine)
    with transaction(migrated_engine, actor="attorney") as session:
        client = session.get(Client, client_id)
        assert client is not None
        client.a_number = A_NUMBER.replace("731", "732")
        client.immigration_status = "asylum granted"
        client.date_of_birth = date(1987, 3, 15)
    with transaction(migrated_engine, actor="attorney") as session:
        session.delete(session.get(Client, client_id))

    events = _events(migrated_engine, "client")
    assert [e.action for e in events] == ["create", "update", "delete"]
    for event in events:
        for field in ("a_number", "immigration_status", "date_of_birth"):
            assert event.changes[field] == {"before": REDACTED, "after": REDACTED}
    dump = _everything_in_the_audit_table(migrated_engine)
    for secret in (A_NUMBER, "A-201-555-732", "201-555", STATUS, "asylum", "1987"):
        assert secret not in dump


def test_update_records_only_changed_fields_and_bumps_updated_at(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    time.sleep(0.002)
    with transaction(migrated_engine, actor="attorney") as session:
        stored = session.get(Matter, matter.id)
        assert stored is not None
        stored.status = "active"
        stored.closed_on = date(2026, 3, 1)
        stored.relief_sought = stored.relief_sought  # set, but not a change

    with Session(migrated_engine) as session:
        stored = session.get(Matter, matter.id)
        assert stored is not None
    assert stored.updated_at > stored.created_at
    assert stored.version == 2
    update = _events(migrated_engine, "matter")[-1]
    assert (update.action, update.actor, update.matter_id) == ("update", "attorney", matter.id)
    assert update.changes == {
        "status": {"before": "intake", "after": "active"},
        "closed_on": {"before": None, "after": "2026-03-01"},  # dates as ISO strings
    }


def test_an_untouched_row_gets_no_event_and_keeps_updated_at(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    with transaction(migrated_engine, actor="attorney") as session:
        stored = session.get(Matter, matter.id)
        assert stored is not None
        stored.status = stored.status
    with Session(migrated_engine) as session:
        stored = session.get(Matter, matter.id)
        assert stored is not None and stored.version == 1
    assert [e.action for e in _events(migrated_engine, "matter")] == ["create"]


def test_child_rows_carry_their_matter_and_deletes_keep_the_old_values(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    with transaction(migrated_engine, actor="attorney") as session:
        note = Note(matter_id=matter.id, author="attorney", body="Called the clerk.")
        session.add(note)
    with transaction(migrated_engine, actor="attorney") as session:
        session.delete(session.get(Note, note.id))

    create, delete = _events(migrated_engine, "note")
    assert create.matter_id == delete.matter_id == matter.id
    assert create.entity_id == delete.entity_id == note.id
    assert delete.action == "delete"
    assert delete.changes["body"]["after"] is None
    assert "clerk" not in delete.changes["body"]["before"]
    assert _opened(migrated_engine, delete)["body"] == {
        "before": "Called the clerk.",
        "after": None,
    }


def test_matter_events_point_at_the_matter_itself(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    [create] = _events(migrated_engine, "matter")
    assert create.matter_id == create.entity_id == matter.id
    assert create.changes["claims"] == {"before": None, "after": []}


def test_a_rolled_back_change_leaves_no_event(migrated_engine: Engine) -> None:
    try:
        with transaction(migrated_engine, actor="attorney") as session:
            session.add(Client(name="Ana", name_key="ana"))
            session.flush()
            raise RuntimeError
    except RuntimeError:
        pass
    assert _events(migrated_engine, "client") == []
