"""The audit log is append-only (database triggers) and hash-chained (``audit verify``)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from casekit.store import audit
from casekit.store.models import Client, Matter, Note
from casekit.store.session import transaction


def _notes(engine: Engine, matter_id: int, count: int, actor: str = "attorney") -> None:
    for n in range(count):
        with transaction(engine, actor=actor) as session:
            session.add(Note(matter_id=matter_id, author=actor, body=f"Called the clerk {n}."))


def _verify(engine: Engine) -> audit.ChainReport:
    with engine.connect() as conn:
        return audit.verify(conn)


def _without_triggers(engine: Engine, statement: str, **params: Any) -> None:
    """Run ``statement`` as an attacker with DDL rights would: triggers off, then back on."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TRIGGER auditevent_no_update")
            conn.exec_driver_sql("DROP TRIGGER auditevent_no_delete")
            conn.execute(text(statement), params)
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE auditevent DISABLE TRIGGER USER")
            conn.execute(text(statement), params)
            conn.exec_driver_sql("ALTER TABLE auditevent ENABLE TRIGGER USER")


def test_the_chain_links_every_event(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    _notes(migrated_engine, matter.id, 3)
    report = _verify(migrated_engine)
    assert report.ok and report.events >= 5 and report.first_bad_id is None
    with migrated_engine.connect() as conn:
        rows = conn.execute(text("SELECT seq, prev_hash, hash FROM auditevent ORDER BY seq")).all()
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == audit.GENESIS
    for before, after in zip(rows, rows[1:], strict=False):
        assert after.prev_hash == before.hash
    assert report.head_hash == rows[-1].hash


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE auditevent SET actor = 'someone else'",
        "DELETE FROM auditevent",
        "UPDATE auditevent SET changes = '{}' WHERE seq = 1",
    ],
)
def test_update_and_delete_are_refused_by_the_database(
    migrated_engine: Engine, add_matter: Callable[..., Matter], statement: str
) -> None:
    add_matter()
    with migrated_engine.connect() as conn:
        before = conn.execute(text("SELECT count(*), max(hash) FROM auditevent")).one()
    with pytest.raises(DBAPIError, match="append-only"), migrated_engine.begin() as conn:
        conn.execute(text(statement))
    with migrated_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*), max(hash) FROM auditevent")).one() == before
    assert _verify(migrated_engine).ok


@pytest.mark.postgres
def test_postgresql_refuses_truncate_and_a_forged_identity(pg_url: str) -> None:
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    engine = make_engine(pg_url)
    try:
        upgrade(engine)
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql("TRUNCATE auditevent")
        with pytest.raises(DBAPIError, match="session role"), engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO auditevent (at, actor, identity, action, entity, changes, seq, "
                "prev_hash, hash) VALUES (now(), 'x', 'somebody_else', 'create', 'note', '{}', "
                "1, 'x', 'x')"
            )
        with engine.connect() as conn:
            grants = conn.exec_driver_sql(
                "SELECT privilege_type FROM information_schema.role_table_grants "
                "WHERE table_name = 'auditevent' AND grantee = 'PUBLIC'"
            ).all()
        assert not {"UPDATE", "DELETE", "TRUNCATE"} & {g[0] for g in grants}
    finally:
        engine.dispose()


def test_an_altered_event_is_found_and_named_by_id(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    _notes(migrated_engine, matter.id, 3)
    with migrated_engine.connect() as conn:
        victim = conn.execute(text("SELECT id FROM auditevent WHERE seq = 3")).scalar()
    _without_triggers(
        migrated_engine, "UPDATE auditevent SET actor = 'nobody' WHERE id = :id", id=victim
    )
    report = _verify(migrated_engine)
    assert not report.ok and report.first_bad_id == victim and "altered" in report.problem
    assert report.events == 2


def test_a_rehashed_event_breaks_the_link_to_the_next(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    _notes(migrated_engine, matter.id, 3)
    with migrated_engine.connect() as conn:
        row = conn.execute(text("SELECT * FROM auditevent WHERE seq = 2")).one()
        following = conn.execute(text("SELECT id FROM auditevent WHERE seq = 3")).scalar()
    # The attacker recomputes the altered event's own hash, but not the rest of the chain.
    from casekit.store.models import AuditEvent

    with migrated_engine.connect() as conn:
        stored = conn.execute(
            AuditEvent.__table__.select().where(AuditEvent.__table__.c.seq == 2)  # type: ignore[attr-defined]
        ).one()
    forged = dict(stored._mapping, actor="nobody")
    _without_triggers(
        migrated_engine,
        "UPDATE auditevent SET actor = 'nobody', hash = :h WHERE id = :id",
        h=audit.event_hash(forged),
        id=row.id,
    )
    report = _verify(migrated_engine)
    assert not report.ok and report.first_bad_id == following
    assert "does not follow" in report.problem


def test_a_deleted_event_leaves_a_gap_that_is_named(
    migrated_engine: Engine, add_matter: Callable[..., Matter]
) -> None:
    matter = add_matter()
    _notes(migrated_engine, matter.id, 3)
    with migrated_engine.connect() as conn:
        gone, after = conn.execute(
            text("SELECT id FROM auditevent WHERE seq IN (2, 3) ORDER BY seq")
        ).scalars()
    _without_triggers(migrated_engine, "DELETE FROM auditevent WHERE id = :id", id=gone)
    report = _verify(migrated_engine)
    assert not report.ok and report.first_bad_id == after and "removed" in report.problem


def test_identifying_values_are_sealed_and_the_identity_is_authenticated(
    migrated_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pwd

    monkeypatch.setenv("USER", "not-the-account")
    monkeypatch.setenv("CASEKIT_USER", "not-the-account")
    with transaction(migrated_engine, actor="Display Name") as session:
        session.add(
            Client(
                name="Rosa Díaz",
                name_key="rosa diaz",
                phone="203-555-0100",
                address="12 Elm Street",
                email="rosa@mail.example",
            )
        )
    with migrated_engine.connect() as conn:
        row = conn.execute(text("SELECT actor, identity, changes FROM auditevent")).all()[-1]
        if migrated_engine.dialect.name == "postgresql":
            expected = conn.execute(text("SELECT session_user")).scalar()
        else:
            import os

            expected = pwd.getpwuid(os.geteuid()).pw_name
    assert row.actor == "Display Name" and row.identity == expected
    raw = row.changes if isinstance(row.changes, str) else json.dumps(row.changes)
    # Whole values, and words long enough not to turn up by chance in base64 ciphertext
    # ("Elm" did, one run in a few hundred).
    for secret in ("Rosa Díaz", "rosa diaz", "555-0100", "12 Elm Street", "mail.example"):
        assert secret not in raw
    assert json.loads(raw)["phone_safe"] == {"before": None, "after": False}  # flags stay clear


@pytest.mark.postgres
def test_concurrent_writers_on_postgresql_keep_one_chain(pg_url: str) -> None:
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    engine = make_engine(pg_url, pool_size=6)
    try:
        upgrade(engine)
        with transaction(engine, actor="setup") as session:
            client = Client(name="Ana", name_key="ana")
            session.add(client)
            session.flush()
            matter = Matter(number="TA-2026-0001", client_id=client.id, opened_on="2026-01-02")
            session.add(matter)
        errors: list[BaseException] = []
        start = threading.Barrier(4)

        def writer(n: int) -> None:
            try:
                start.wait()
                _notes(engine, matter.id, 8, actor=f"writer{n}")
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        report = _verify(engine)
        assert report.ok, report
        with engine.connect() as conn:
            notes = conn.execute(text("SELECT count(*) FROM auditevent WHERE entity = 'note'"))
            assert notes.scalar() == 32
    finally:
        engine.dispose()
