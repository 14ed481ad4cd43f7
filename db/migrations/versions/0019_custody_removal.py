"""custody events are removed with a reason, never deleted

Revision ID: 0019
Revises: 0015
Create Date: 2026-12-06

A custody event entered by mistake is *removed*: ``removed_at``, ``removed_by`` and
``removed_reason`` are set and the row stays (the timeline, the over-detention count, the
deadlines and the documents leave it out). The row and the audit log keep what it said and why
it went (issue 15: "delete with a reason").

Plain ``ADD COLUMN`` (no batch mode), as in 0004, 0011 and 0015.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0019"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "custodyevent", sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "custodyevent",
        sa.Column(
            "removed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        ),
    )
    op.add_column(
        "custodyevent",
        sa.Column("removed_reason", sa.Text(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    for name in ("removed_reason", "removed_by", "removed_at"):
        op.drop_column("custodyevent", name)
