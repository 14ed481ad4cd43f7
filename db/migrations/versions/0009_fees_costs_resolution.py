"""fees, costs and resolution: time entries, rates, costs, fee petitions, timers, resolution log

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-03

Issue 18. Hours are stored as whole tenths and money as whole cents (``casekit.domain.fees``).

New tables: ``rate`` (a timekeeper's hourly rate from a date, with its source), ``timeentry``,
``cost`` (the receipt is an evidence item in the vault), ``feepetition`` and ``feepetitionitem``
(exactly which entries and costs a petition includes, at which rate and value), ``timer`` (a
running timer's start, so it survives a restart) and ``resolutionevent`` (demands, offers,
settlements, judgments). ``matter.outcome`` records how a matter ended.

**Locking is the database's job**, on SQLite and PostgreSQL alike (triggers below): once a fee
petition includes a time entry or a cost, an UPDATE or DELETE of that row fails, whether it comes
from casekit or from plain SQL; a reversal (a correction's negative entry) can never change; a
petition and its items are append-only. A correction is a new, visible entry.

A later migration that rebuilds ``timeentry``, ``cost``, ``feepetition`` or ``feepetitionitem``
in batch mode (SQLite copies the table) drops these triggers: it must create them again
(``_create_lock_triggers``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision: str = "0009"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOCKED_ENTRY = (
    "casekit: this time entry is locked (a fee petition includes it, or it is a reversal); "
    "record a correction instead"
)
LOCKED_COST = (
    "casekit: this cost is locked (a fee petition includes it, or it is a reversal); "
    "record a correction instead"
)
APPEND_ONLY = "casekit: fee petitions are append-only"

# (table, condition on OLD that locks the row, message)
_LOCKED = (
    (
        "timeentry",
        "OLD.tenths < 0 OR EXISTS (SELECT 1 FROM feepetitionitem i WHERE i.time_entry_id = OLD.id)",
        LOCKED_ENTRY,
    ),
    (
        "cost",
        "OLD.cents < 0 OR EXISTS (SELECT 1 FROM feepetitionitem i WHERE i.cost_id = OLD.id)",
        LOCKED_COST,
    ),
    ("feepetition", "1 = 1", APPEND_ONLY),
    ("feepetitionitem", "1 = 1", APPEND_ONLY),
)


def _create_lock_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, condition, message in _LOCKED:
            # ERRCODE 23000 (integrity_constraint_violation): drivers report an IntegrityError.
            op.execute(
                f"""
                CREATE FUNCTION casekit_{table}_locked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF {condition} THEN
                        RAISE EXCEPTION '{message}' USING ERRCODE = '23000';
                    END IF;
                    IF TG_OP = 'DELETE' THEN
                        RETURN OLD;
                    END IF;
                    RETURN NEW;
                END
                $$
                """
            )
            op.execute(
                f"CREATE TRIGGER {table}_locked BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION casekit_{table}_locked()"
            )
        return
    for table, condition, message in _LOCKED:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_locked_{event.lower()} BEFORE {event} ON {table} "
                f"FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def _drop_lock_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, _, _ in _LOCKED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_locked ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS casekit_{table}_locked()")
        return
    for table, _, _ in _LOCKED:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_locked_{event}")


def upgrade() -> None:
    op.create_table(
        "rate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("cents_per_hour", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "effective_from", name="uq_rate_user_from"),
    )
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rate_user_id"), ["user_id"], unique=False)

    op.create_table(
        "timeentry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("worked_on", sa.Date(), nullable=False),
        sa.Column("tenths", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("claim", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("unrelated", sa.Boolean(), nullable=False),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.CheckConstraint(
            "tenths <> 0 AND (tenths > 0 OR corrects_id IS NOT NULL)", name="ck_timeentry_tenths"
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["timeentry.id"],
        ),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("timeentry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timeentry_corrects_id"), ["corrects_id"], unique=False)
        batch_op.create_index(
            "ix_timeentry_matter_worked", ["matter_id", "worked_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_timeentry_user_id"), ["user_id"], unique=False)

    op.create_table(
        "timer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )
    with op.batch_alter_table("timer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_timer_matter_id"), ["matter_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_timer_started_by"), ["started_by"], unique=False)

    op.create_table(
        "feepetition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("through", sa.Date(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("hours_tenths", sa.Integer(), nullable=False),
        sa.Column("lodestar_cents", sa.Integer(), nullable=False),
        sa.Column("excluded_tenths", sa.Integer(), nullable=False),
        sa.Column("costs_cents", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
        ),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("matter_id", "number", name="uq_feepetition_number"),
    )
    with op.batch_alter_table("feepetition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feepetition_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "resolutionevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("cents", sa.Integer(), nullable=True),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("injunctive_terms", sa.Text(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("court", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["party.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("resolutionevent", schema=None) as batch_op:
        batch_op.create_index("ix_resolutionevent_expires", ["expires_on", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_resolutionevent_matter_id"), ["matter_id"], unique=False
        )

    op.create_table(
        "cost",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("incurred_on", sa.Date(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("cents", sa.Integer(), nullable=False),
        sa.Column("billable", sa.Boolean(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "cents <> 0 AND (cents > 0 OR corrects_id IS NOT NULL)", name="ck_cost_cents"
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"],
            ["cost.id"],
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
        ),
        sa.ForeignKeyConstraint(
            ["matter_id"],
            ["matter.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cost", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cost_corrects_id"), ["corrects_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_cost_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "feepetitionitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("petition_id", sa.Integer(), nullable=False),
        sa.Column("time_entry_id", sa.Integer(), nullable=True),
        sa.Column("cost_id", sa.Integer(), nullable=True),
        sa.Column("cents_per_hour", sa.Integer(), nullable=True),
        sa.Column("value_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(time_entry_id IS NULL) <> (cost_id IS NULL)", name="ck_feepetitionitem_one"
        ),
        sa.ForeignKeyConstraint(
            ["cost_id"],
            ["cost.id"],
        ),
        sa.ForeignKeyConstraint(
            ["petition_id"],
            ["feepetition.id"],
        ),
        sa.ForeignKeyConstraint(
            ["time_entry_id"],
            ["timeentry.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("feepetitionitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feepetitionitem_cost_id"), ["cost_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_feepetitionitem_petition_id"), ["petition_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_feepetitionitem_time_entry_id"), ["time_entry_id"], unique=False
        )

    # Plain ADD COLUMN (no batch mode): a batch rebuild of ``matter`` would drop the FTS triggers
    # of 0003. The server default fills existing rows; the model supplies "" for new ones.
    op.add_column(
        "matter",
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""),
    )
    _create_lock_triggers()


def downgrade() -> None:
    _drop_lock_triggers()
    # SQLite >= 3.35 drops a column in place (no table rebuild, so the FTS triggers stay).
    op.drop_column("matter", "outcome")

    with op.batch_alter_table("feepetitionitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feepetitionitem_time_entry_id"))
        batch_op.drop_index(batch_op.f("ix_feepetitionitem_petition_id"))
        batch_op.drop_index(batch_op.f("ix_feepetitionitem_cost_id"))

    op.drop_table("feepetitionitem")
    with op.batch_alter_table("cost", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_matter_id"))
        batch_op.drop_index(batch_op.f("ix_cost_corrects_id"))

    op.drop_table("cost")
    with op.batch_alter_table("resolutionevent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resolutionevent_matter_id"))
        batch_op.drop_index("ix_resolutionevent_expires")

    op.drop_table("resolutionevent")
    with op.batch_alter_table("feepetition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feepetition_matter_id"))

    op.drop_table("feepetition")
    with op.batch_alter_table("timer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timer_started_by"))
        batch_op.drop_index(batch_op.f("ix_timer_matter_id"))

    op.drop_table("timer")
    with op.batch_alter_table("timeentry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeentry_user_id"))
        batch_op.drop_index("ix_timeentry_matter_worked")
        batch_op.drop_index(batch_op.f("ix_timeentry_corrects_id"))

    op.drop_table("timeentry")
    with op.batch_alter_table("rate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_user_id"))

    op.drop_table("rate")
