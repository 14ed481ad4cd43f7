"""the conflict log: every conflict check at intake, with its decision

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-04

``conflictcheck`` records each conflict check run when a matter is opened: the name checked,
the hits, who decided and what (no hits, the existing client, cleared with a note, namesakes
looked at). The query, the hits and the note name people: they are sealed tokens written by
``casekit.services.conflicts``. The table is append-only, on SQLite and PostgreSQL alike
(triggers below, as for fee petitions in 0009); a matter's row-level security (the wall) and the
privileges come from the catalog after the upgrade (``casekit.store.office``, where the table
is listed in ``APPEND_ONLY``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0017"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "conflictcheck"
MESSAGE = "casekit: the conflict log is append-only"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("checked_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("hits", sa.Text(), nullable=False),
        sa.Column("hit_count", sa.Integer(), nullable=False),
        sa.Column("clearance_count", sa.Integer(), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("cleared_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matter.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_conflictcheck_matter_id"), TABLE, ["matter_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # ERRCODE 23000 (integrity_constraint_violation): drivers report an IntegrityError.
        op.execute(
            f"""
            CREATE FUNCTION casekit_{TABLE}_locked() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23000';
            END
            $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_locked BEFORE UPDATE OR DELETE ON {TABLE} "
            f"FOR EACH ROW EXECUTE FUNCTION casekit_{TABLE}_locked()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_locked_truncate BEFORE TRUNCATE ON {TABLE} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION casekit_{TABLE}_locked()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER {TABLE}_locked_{event.lower()} BEFORE {event} ON {TABLE} "
            f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_locked_truncate ON {TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_locked ON {TABLE}")
        op.execute(f"DROP FUNCTION IF EXISTS casekit_{TABLE}_locked()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_locked_{event}")
    op.drop_index(op.f("ix_conflictcheck_matter_id"), table_name=TABLE)
    op.drop_table(TABLE)
