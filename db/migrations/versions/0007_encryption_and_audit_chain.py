"""encryption at rest, blind indexes, key checks; an append-only, hash-chained audit log

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24

* ``encryptionkey``: the key checks (``casekit.store.keys``); never a key.
* ``client``: ``a_number``, ``immigration_status`` and ``date_of_birth`` hold sealed tokens
  (``casekit.store.sealed``); ``date_of_birth`` becomes text. ``a_number_bidx`` and
  ``date_of_birth_bidx`` are keyed hashes for look-ups and conflict checks.
* ``auditevent``: ``identity`` (the authenticated actor), ``seq``, ``prev_hash``, ``hash`` (the
  chain, ``casekit.store.audit``). Triggers refuse UPDATE and DELETE (and TRUNCATE on
  PostgreSQL, where a trigger also refuses an event whose identity is not the session role, and
  UPDATE/DELETE/TRUNCATE are revoked from PUBLIC).

Existing data is converted in the same transaction: every client's sensitive values are sealed,
client-identifying values already in the audit log are sealed, the existing events are chained in
id order (their identity is "" : it was never recorded), and every evidence item whose hash the
log does not hold yet gets a ``baseline`` event, so ``evidence verify`` can compare every item with
the chain. Sealing needs the key: it is looked up as casekit always does; a SQLite database may
create one (and says where); on PostgreSQL without a key the migration stops with "the encryption
key is missing: run `casekit key init`" and changes nothing.

The client columns change without a table rebuild (add, fill, drop, rename), so the raw-SQL client
indexes of 0003 stay. WARNING for later migrations: a SQLite ``batch_alter_table("auditevent")``
recreates the table and drops its triggers: recreate them (``APPEND_ONLY_SQLITE`` below).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import context, op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MIGRATION_ACTOR = "casekit (migration 0007)"

APPEND_ONLY_SQLITE = (
    "CREATE TRIGGER auditevent_no_update BEFORE UPDATE ON auditevent BEGIN "
    "SELECT RAISE(ABORT, 'casekit: the audit log is append-only'); END",
    "CREATE TRIGGER auditevent_no_delete BEFORE DELETE ON auditevent BEGIN "
    "SELECT RAISE(ABORT, 'casekit: the audit log is append-only'); END",
)
# Sent with exec_driver_sql: psycopg reads % as a placeholder, so a literal one is doubled.
APPEND_ONLY_POSTGRESQL = (
    """CREATE OR REPLACE FUNCTION casekit_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'casekit: the audit log is append-only (%% refused)', TG_OP
            USING ERRCODE = '42501';
    END $$""",
    """CREATE OR REPLACE FUNCTION casekit_audit_identity() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.identity IS DISTINCT FROM session_user::text THEN
            RAISE EXCEPTION 'casekit: an audit event must name the session role'
                USING ERRCODE = '42501';
        END IF;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER auditevent_append_only BEFORE UPDATE OR DELETE ON auditevent "
    "FOR EACH ROW EXECUTE FUNCTION casekit_audit_append_only()",
    "CREATE TRIGGER auditevent_no_truncate BEFORE TRUNCATE ON auditevent "
    "FOR EACH STATEMENT EXECUTE FUNCTION casekit_audit_append_only()",
    "CREATE TRIGGER auditevent_identity BEFORE INSERT ON auditevent "
    "FOR EACH ROW EXECUTE FUNCTION casekit_audit_identity()",
    "REVOKE UPDATE, DELETE, TRUNCATE ON auditevent FROM PUBLIC",
)
DROP_SQLITE = (
    "DROP TRIGGER IF EXISTS auditevent_no_update",
    "DROP TRIGGER IF EXISTS auditevent_no_delete",
)
DROP_POSTGRESQL = (
    "DROP TRIGGER IF EXISTS auditevent_identity ON auditevent",
    "DROP TRIGGER IF EXISTS auditevent_no_truncate ON auditevent",
    "DROP TRIGGER IF EXISTS auditevent_append_only ON auditevent",
    "DROP FUNCTION IF EXISTS casekit_audit_identity()",
    "DROP FUNCTION IF EXISTS casekit_audit_append_only()",
)


def _attributes() -> dict[str, Any]:
    return dict(context.config.attributes)


def _cipher(bind: sa.Connection) -> tuple[Any, bool]:
    from casekit.store import keys

    attrs = _attributes()
    return keys.find(
        bind,
        allow_create=bind.dialect.name == "sqlite",
        notify=attrs.get("notify"),
    )


def _audit_table() -> sa.TableClause:
    from casekit.store.models import UTCDateTime

    return sa.table(
        "auditevent",
        sa.column("id", sa.Integer),
        sa.column("at", UTCDateTime),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.Integer),
        sa.column("matter_id", sa.Integer),
        sa.column("changes", sa.JSON),
        sa.column("identity", sa.String),
        sa.column("seq", sa.Integer),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )


def _convert(bind: sa.Connection) -> None:
    from casekit.store import audit, keys, sealed

    client = sa.table(
        "client",
        sa.column("id", sa.Integer),
        sa.column("a_number", sa.String),
        sa.column("immigration_status", sa.String),
        sa.column("date_of_birth", sa.Date),
        sa.column("date_of_birth_sealed", sa.Text),
        sa.column("a_number_bidx", sa.String),
        sa.column("date_of_birth_bidx", sa.String),
    )
    events_t = _audit_table()
    clients = bind.execute(
        sa.select(
            client.c.id, client.c.a_number, client.c.immigration_status, client.c.date_of_birth
        )
    ).all()
    events = bind.execute(sa.select(events_t).order_by(events_t.c.id)).all()

    def plain_changes(row: Any) -> dict[str, Any]:
        value = row.changes
        if isinstance(value, str):
            value = json.loads(value)
        return value if isinstance(value, dict) else {}

    needs_key = bool(clients) or audit.needs_cipher(
        {"entity": e.entity, "changes": plain_changes(e)} for e in events
    )
    cipher, new_key = _cipher(bind) if needs_key else (None, False)

    if clients:
        updates = []
        for row in clients:
            values = sealed.seal_row(
                cipher,
                "client",
                row.id,
                {
                    "a_number": sealed.normalise_a_number(row.a_number or ""),
                    "immigration_status": row.immigration_status or "",
                    "date_of_birth": row.date_of_birth,
                },
            )
            values["date_of_birth_sealed"] = values.pop("date_of_birth")
            updates.append({"_id": row.id, **{f"v_{k}": v for k, v in values.items()}})
        columns = (
            "a_number",
            "immigration_status",
            "date_of_birth_sealed",
            "a_number_bidx",
            "date_of_birth_bidx",
        )
        bind.execute(
            sa.update(client)
            .where(client.c.id == sa.bindparam("_id"))
            .values({c: sa.bindparam(f"v_{c}") for c in columns}),
            updates,
        )

    # Chain the events already there, in the order they were written.
    prev, chained, with_hash = audit.GENESIS, [], set()
    for seq, row in enumerate(events, start=1):
        changes = audit.protect(row.entity, plain_changes(row), cipher, seq)
        record = {
            "at": row.at,
            "actor": row.actor,
            "identity": "",
            "action": row.action,
            "entity": row.entity,
            "entity_id": row.entity_id,
            "matter_id": row.matter_id,
            "changes": changes,
            "seq": seq,
            "prev_hash": prev,
        }
        record["hash"] = prev = audit.event_hash(record)
        chained.append(
            {
                "_id": row.id,
                "v_changes": changes,
                "v_identity": "",
                "v_seq": seq,
                "v_prev_hash": record["prev_hash"],
                "v_hash": record["hash"],
            }
        )
        if row.entity == "evidence" and isinstance(changes.get("sha256"), dict):
            with_hash.add(row.entity_id)
    if chained:
        bind.execute(
            sa.update(events_t)
            .where(events_t.c.id == sa.bindparam("_id"))
            .values(
                {
                    c: sa.bindparam(f"v_{c}")
                    for c in ("changes", "identity", "seq", "prev_hash", "hash")
                }
            ),
            chained,
        )

    # Every evidence hash goes into the chain, so evidence verify can compare with it.
    evidence = bind.execute(sa.text("SELECT id, matter_id, sha256 FROM evidence ORDER BY id")).all()
    baseline = [
        audit.new_event(
            actor=MIGRATION_ACTOR,
            action="baseline",
            entity="evidence",
            entity_id=row.id,
            matter_id=row.matter_id,
            changes={"sha256": {"before": None, "after": row.sha256}},
        )
        for row in evidence
        if row.id not in with_hash
    ]
    audit.record(bind, cipher, baseline)
    if new_key:
        keys.register(bind, cipher, actor=MIGRATION_ACTOR)


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "encryptionkey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("kid", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("check", sa.Text(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=True),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("current"),
        sa.UniqueConstraint("kid"),
    )
    op.add_column(
        "client", sa.Column("a_number_bidx", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.add_column(
        "client", sa.Column("date_of_birth_bidx", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.create_index("ix_client_a_number_bidx", "client", ["a_number_bidx"])
    op.create_index("ix_client_date_of_birth_bidx", "client", ["date_of_birth_bidx"])
    op.add_column(
        "client",
        sa.Column("date_of_birth_sealed", sa.Text(), nullable=False, server_default=""),
    )
    op.add_column(
        "auditevent",
        sa.Column(
            "identity", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        ),
    )
    op.add_column("auditevent", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column(
        "auditevent", sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )
    op.add_column(
        "auditevent", sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
    )

    _convert(bind)

    # In place on both databases (SQLite >= 3.35 drops and renames without a rebuild).
    op.drop_column("client", "date_of_birth")
    bind.exec_driver_sql("ALTER TABLE client RENAME COLUMN date_of_birth_sealed TO date_of_birth")
    with op.batch_alter_table("auditevent") as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "prev_hash", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False
        )
        batch_op.alter_column(
            "hash", existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False
        )
    op.create_index("ix_auditevent_seq", "auditevent", ["seq"], unique=True)
    # Last, after every rewrite above: from here on the log only grows.
    for statement in (
        APPEND_ONLY_SQLITE if bind.dialect.name == "sqlite" else (APPEND_ONLY_POSTGRESQL)
    ):
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    """Back to plaintext columns (for development; needs the key when clients exist).

    Values already sealed inside audit events stay sealed.
    """
    from casekit.store import sealed

    bind = op.get_bind()
    for statement in DROP_SQLITE if bind.dialect.name == "sqlite" else DROP_POSTGRESQL:
        bind.exec_driver_sql(statement)
    op.drop_index("ix_auditevent_seq", table_name="auditevent")
    op.drop_column("auditevent", "hash")
    op.drop_column("auditevent", "prev_hash")
    op.drop_column("auditevent", "seq")
    op.drop_column("auditevent", "identity")

    op.add_column("client", sa.Column("date_of_birth_plain", sa.Date(), nullable=True))
    client = sa.table(
        "client",
        sa.column("id", sa.Integer),
        sa.column("a_number", sa.String),
        sa.column("immigration_status", sa.String),
        sa.column("date_of_birth", sa.Text),
        sa.column("date_of_birth_plain", sa.Date),
    )
    rows = bind.execute(sa.select(client)).all()
    if rows:
        from casekit.store import keys

        cipher = keys.resolve(bind, allow_create=False)
        updates = [
            {"_id": row.id, **{f"v_{k}": v for k, v in _opened(cipher, row, sealed).items()}}
            for row in rows
        ]
        bind.execute(
            sa.update(client)
            .where(client.c.id == sa.bindparam("_id"))
            .values(
                {
                    c: sa.bindparam(f"v_{c}")
                    for c in ("a_number", "immigration_status", "date_of_birth_plain")
                }
            ),
            updates,
        )
    op.drop_column("client", "date_of_birth")
    bind.exec_driver_sql("ALTER TABLE client RENAME COLUMN date_of_birth_plain TO date_of_birth")
    op.drop_index("ix_client_date_of_birth_bidx", table_name="client")
    op.drop_index("ix_client_a_number_bidx", table_name="client")
    op.drop_column("client", "date_of_birth_bidx")
    op.drop_column("client", "a_number_bidx")
    op.drop_table("encryptionkey")


def _opened(cipher: Any, row: Any, sealed: Any) -> dict[str, Any]:
    from datetime import date

    values = {
        c: sealed.open_value(cipher, "client", c, row.id, getattr(row, c))
        for c in ("a_number", "immigration_status", "date_of_birth")
    }
    dob = values.pop("date_of_birth")
    values["date_of_birth_plain"] = date.fromisoformat(dob) if dob else None
    return values
