"""deadlines you can trust at a glance: completion date, out-of-date markers

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-04

Issue 15 (item 4):

* ``deadline.completed_on``: the day a deadline was marked done (kept while it stays done;
  cleared when it is reopened). Deadlines already done get the day of their last change.
* ``recomputemarker``: a matter whose incident changed and whose recompute was not accepted:
  its deadlines are "out of date" (on the deadlines, the matter and the dashboard) until the
  recompute is accepted or the attorney keeps them with a reason (stored here).

Plain ``ADD COLUMN`` (no batch mode), as in 0004 and 0014.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("deadline", sa.Column("completed_on", sa.Date(), nullable=True))
    bind = op.get_bind()
    meta = sa.MetaData()
    deadline = sa.Table("deadline", meta, autoload_with=bind)
    # The best record of when an existing done deadline was done: its last change. A plain
    # UPDATE of a column no trigger watches; the version is left alone (nobody edited it).
    bind.execute(
        sa.update(deadline)
        .where(deadline.c.status == "done")
        .values(completed_on=sa.func.date(deadline.c.updated_at))
    )
    op.create_table(
        "recomputemarker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("cause", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("changed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("deadline_ids", sa.JSON(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("resolution", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolved_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matter.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_recomputemarker_matter_id", "recomputemarker", ["matter_id"])


def downgrade() -> None:
    op.drop_index("ix_recomputemarker_matter_id", table_name="recomputemarker")
    op.drop_table("recomputemarker")
    op.drop_column("deadline", "completed_on")
