"""matter lifecycle, per-deadline adjustments, calendar exports, service of process

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-04

Issue 14 (items 1-4):

* ``deadline.closed_with_matter``: the deadline was superseded because its matter was closed or
  declined; reopening the matter restores it (``casekit.services.lifecycle``). Open deadlines of
  matters that are already closed or declined are closed here the same way (reason "matter
  closed"), so they leave the dashboard, digests, reports and calendar exports.
* ``deadline.adjusted_due`` and ``deadlineadjustment``: tolling and extensions, a recorded history
  per deadline (cause, effective date, old and new date, citation, who) that a recompute respects.
* ``calendarexport``: the deadlines an ICS export carried and the SEQUENCE it gave them, so the
  next export can cancel those that are no longer open (``STATUS:CANCELLED``).
* ``matter.process_on``, ``matter.return_on``, ``matter.marshal_delivery_on``: service of process.
* the setting ``casekit.installation_id``: a random id generated once per database; ICS UIDs carry
  it, so two databases never produce the same UID.

Plain ``ADD COLUMN`` (no batch mode), as in 0004.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0014"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INSTALLATION_KEY = "casekit.installation_id"
CLOSED = ("closed", "declined")


def _base() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.add_column(
        "deadline",
        sa.Column("closed_with_matter", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("deadline", sa.Column("adjusted_due", sa.Date(), nullable=True))
    for name in ("process_on", "return_on", "marshal_delivery_on"):
        op.add_column("matter", sa.Column(name, sa.Date(), nullable=True))
    op.create_table(
        "deadlineadjustment",
        *_base(),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("old_due", sa.Date(), nullable=False),
        sa.Column("new_due", sa.Date(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("citation", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("made_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadline.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_deadlineadjustment_deadline_id", "deadlineadjustment", ["deadline_id"])
    op.create_table(
        "calendarexport",
        *_base(),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["deadline_id"], ["deadline.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("deadline_id"),
    )

    bind = op.get_bind()
    meta = sa.MetaData()
    setting = sa.Table("setting", meta, autoload_with=bind)
    deadline = sa.Table("deadline", meta, autoload_with=bind)
    matter = sa.Table("matter", meta, autoload_with=bind)
    now = datetime.now(UTC)
    have = bind.execute(sa.select(setting.c.id).where(setting.c.key == INSTALLATION_KEY)).first()
    if have is None:
        bind.execute(
            sa.insert(setting).values(
                key=INSTALLATION_KEY,
                value=uuid.uuid4().hex[:16],
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
    closed = sa.select(matter.c.id).where(matter.c.status.in_(CLOSED))
    bind.execute(
        sa.update(deadline)
        .where(deadline.c.status == "open")
        .where(deadline.c.matter_id.in_(closed))
        .values(
            status="superseded",
            status_reason="matter closed",
            closed_with_matter=True,
            changed_by="casekit db upgrade (0014)",
            updated_at=now,
            version=deadline.c.version + 1,
        )
    )


def downgrade() -> None:
    op.drop_table("calendarexport")
    op.drop_index("ix_deadlineadjustment_deadline_id", table_name="deadlineadjustment")
    op.drop_table("deadlineadjustment")
    bind = op.get_bind()
    meta = sa.MetaData()
    setting = sa.Table("setting", meta, autoload_with=bind)
    bind.execute(sa.delete(setting).where(setting.c.key == INSTALLATION_KEY))
    # Plain DROP COLUMN: a batch rebuild of ``matter`` would drop 0003's FTS triggers.
    for name in ("marshal_delivery_on", "return_on", "process_on"):
        op.drop_column("matter", name)
    op.drop_column("deadline", "adjusted_due")
    op.drop_column("deadline", "closed_with_matter")
