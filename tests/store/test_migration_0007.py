"""Migration 0007 on a database that already holds plaintext: ``casekit db upgrade`` seals it.

Both databases: the client's sensitive values become tokens, identifying values already in the
audit log are sealed, the old events are chained, every evidence item gets its hash into the
chain. SQLite may create the key (and says where); PostgreSQL without a key stops with the
one-line error and changes nothing, and works after ``casekit key init``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine

from casekit.errors import KeyMissing
from casekit.store import audit, crypto, keys, migrate, sealed
from casekit.store.engine import make_engine

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def old_engine(db_url: str) -> Engine:
    """A database at revision 0005 holding a client, a matter, an evidence item and events,
    all in plaintext (as casekit wrote them before 0007)."""
    engine = make_engine(db_url)
    migrate.upgrade(engine, "0005")

    def base() -> list[sa.ColumnClause]:
        return [
            sa.column("created_at", sa.DateTime(timezone=True)),
            sa.column("updated_at", sa.DateTime(timezone=True)),
            sa.column("version", sa.Integer),
        ]

    client = sa.table(
        "client",
        sa.column("id", sa.Integer), *base(), sa.column("name", sa.String),
        sa.column("name_key", sa.String), sa.column("preferred_name", sa.String),
        sa.column("date_of_birth", sa.Date), sa.column("preferred_language", sa.String),
        sa.column("phone", sa.String), sa.column("phone_safe", sa.Boolean),
        sa.column("email", sa.String), sa.column("email_safe", sa.Boolean),
        sa.column("address", sa.String), sa.column("address_safe", sa.Boolean),
        sa.column("a_number", sa.String), sa.column("immigration_status", sa.String),
    )  # fmt: skip
    matter = sa.table(
        "matter",
        sa.column("id", sa.Integer), *base(), sa.column("number", sa.String),
        sa.column("client_id", sa.Integer), sa.column("status", sa.String),
        sa.column("claims", sa.JSON), sa.column("relief_sought", sa.String),
        sa.column("opened_on", sa.Date), sa.column("search_text", sa.String),
    )  # fmt: skip
    evidence = sa.table(
        "evidence",
        sa.column("id", sa.Integer), *base(), sa.column("matter_id", sa.Integer),
        sa.column("kind", sa.String), sa.column("description", sa.String),
        sa.column("original_name", sa.String), sa.column("source", sa.String),
        sa.column("sha256", sa.String), sa.column("stored_path", sa.String),
        sa.column("size_bytes", sa.Integer), sa.column("proves", sa.JSON),
    )  # fmt: skip
    events = sa.table(
        "auditevent",
        sa.column("at", sa.DateTime(timezone=True)), sa.column("actor", sa.String),
        sa.column("action", sa.String), sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer), sa.column("matter_id", sa.Integer),
        sa.column("changes", sa.JSON),
    )  # fmt: skip
    stamp = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with engine.begin() as conn:
        conn.execute(
            client.insert(),
            [
                {
                    "id": 1,
                    **stamp,
                    "name": "Rosa Díaz",
                    "name_key": "rosa diaz",
                    "preferred_name": "",
                    "date_of_birth": date(1987, 3, 14),
                    "preferred_language": "es",
                    "phone": "203-555-0100",
                    "phone_safe": True,
                    "email": "",
                    "email_safe": False,
                    "address": "12 Elm Street",
                    "address_safe": False,
                    "a_number": "A201555731",
                    "immigration_status": "TPS pending",
                },
                {
                    "id": 2,
                    **stamp,
                    "name": "Ana Pérez",
                    "name_key": "ana perez",
                    "preferred_name": "",
                    "date_of_birth": None,
                    "preferred_language": "en",
                    "phone": "",
                    "phone_safe": False,
                    "email": "",
                    "email_safe": False,
                    "address": "",
                    "address_safe": False,
                    "a_number": "",
                    "immigration_status": "",
                },
            ],  # fmt: skip
        )
        conn.execute(
            matter.insert(),
            {
                "id": 1,
                **stamp,
                "number": "TA-2026-0001",
                "client_id": 1,
                "status": "active",
                "claims": [],
                "relief_sought": "",
                "opened_on": date(2026, 1, 10),
                "search_text": "rosa diaz ta 2026 0001",
            },  # fmt: skip
        )
        conn.execute(
            evidence.insert(),
            {
                "id": 1,
                **stamp,
                "matter_id": 1,
                "kind": "detainer",
                "description": "",
                "original_name": "",
                "source": "",
                "sha256": "ab" * 32,
                "stored_path": "ab/x",
                "size_bytes": 3,
                "proves": [],
            },  # fmt: skip
        )
        conn.execute(
            events.insert(),
            [
                {
                    "at": NOW,
                    "actor": "paralegal",
                    "action": "create",
                    "entity": "client",
                    "entity_id": 1,
                    "matter_id": None,
                    "changes": {
                        "name": {"before": None, "after": "Rosa Díaz"},
                        "phone": {"before": None, "after": "203-555-0100"},
                        "a_number": {"before": "[redacted]", "after": "[redacted]"},
                    },
                },
                {
                    "at": NOW,
                    "actor": "attorney",
                    "action": "create",
                    "entity": "note",
                    "entity_id": 1,
                    "matter_id": 1,
                    "changes": {"body": {"before": None, "after": "Met Rosa at the jail."}},
                },
            ],  # fmt: skip
        )
    yield engine
    engine.dispose()


def _everything(engine: Engine, *tables: str) -> str:
    with engine.connect() as conn:
        rows = [
            conn.execute(sa.text(f"SELECT * FROM {t}")).all()  # noqa: S608
            for t in tables or ("client", "auditevent")
        ]
    return json.dumps([[list(map(str, r)) for r in rs] for rs in rows], ensure_ascii=False)


def _check_converted(engine: Engine) -> None:
    dump = _everything(engine)
    for secret in ("A201555731", "201555731", "TPS pending", "1987-03-14", "Met Rosa"):
        assert secret not in dump
    # The phone is not marked sensitive: in clear on the client row, sealed in the log.
    assert "555-0100" not in _everything(engine, "auditevent")
    with engine.begin() as conn:
        cipher = keys.resolve(conn, allow_create=False)
        row = conn.execute(sa.text("SELECT * FROM client WHERE id = 1")).one()
        assert sealed.open_client(cipher, row) == {
            "a_number": "A201555731",
            "immigration_status": "TPS pending",
            "date_of_birth": date(1987, 3, 14),
        }
        empty = conn.execute(sa.text("SELECT * FROM client WHERE id = 2")).one()
        assert crypto.is_token(empty.a_number)  # even "none" is not visible
        assert sealed.open_client(cipher, empty)["date_of_birth"] is None
        assert row.a_number_bidx == sealed.a_number_index(cipher, "A201555731")
        report = audit.verify(conn)
        assert report.ok and report.events == 4  # 2 old, the evidence baseline, the key
        note = conn.execute(sa.text("SELECT seq, changes FROM auditevent WHERE entity = 'note'"))
        seq, changes = note.one()
        changes = json.loads(changes) if isinstance(changes, str) else changes
        body = audit.reveal("note", changes, cipher, seq)["body"]
        assert body["after"] == "Met Rosa at the jail."
        recorded = audit.recorded_values(conn, "evidence", [1], "sha256")
        assert [(r.action, r.value, r.intact) for r in recorded[1]] == [
            ("baseline", "ab" * 32, True)
        ]


def test_sqlite_upgrade_creates_the_key_and_seals_everything(
    old_engine: Engine, key_file: Path
) -> None:
    if old_engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL never creates a key by itself (the test below)")
    key_file.unlink()
    told: list[str] = []
    migrate.upgrade(old_engine, notify=told.append)
    assert migrate.is_current(old_engine)
    assert key_file.exists() and len(told) == 1 and str(key_file) in told[0]
    _check_converted(old_engine)


def test_upgrade_with_an_existing_key_uses_it(old_engine: Engine, key_file: Path) -> None:
    ring = keys.load(keys.locate())
    assert ring is not None
    migrate.upgrade(old_engine)
    with old_engine.connect() as conn:
        assert [k.kid for k in keys.database_keys(conn)] == [ring.active]
    _check_converted(old_engine)


def test_postgresql_upgrade_without_a_key_stops_and_changes_nothing(
    old_engine: Engine, key_file: Path
) -> None:
    if old_engine.dialect.name != "postgresql":
        pytest.skip("SQLite creates the key (the test above)")
    pg_url = old_engine.url.render_as_string(hide_password=False)
    from casekit.config import Settings
    from casekit.services.base import AppContext
    from casekit.services.office import init_key

    key_file.unlink()
    before = _everything(old_engine)
    with pytest.raises(KeyMissing, match="run `casekit key init`"):
        migrate.upgrade(old_engine)
    assert migrate.current_revision(old_engine) == "0005"
    assert _everything(old_engine) == before
    assert not key_file.exists()

    svc = AppContext(Settings(home=key_file.parent / "home", database_url=pg_url, actor="admin"))
    try:
        created = init_key(svc)  # the key table does not exist yet: the migration registers it
        assert not created.registered and key_file.exists()
    finally:
        svc.dispose()
    migrate.upgrade(old_engine)
    _check_converted(old_engine)
