"""law pack versions: stored screening results, and the law version of every computed deadline

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

casekit's law lives in one law pack (``casekit/domain/data``, plus a firm's overrides), and a
result is only worth what the law it came from (trust-act.md § 4). So:

* ``screening``: a matter's Trust Act screening, stored each time it is decided (the matter is
  opened, its incident corrected, or ``casekit law check --apply`` accepts a newer pack), with the
  reasons, the claims (step 5) and the law pack version. The newest row per incident is the
  screening in force; older rows are the history.
* ``deadline.law_version``: the law pack version a computed deadline came from ("" for rows
  computed before this revision and for manual deadlines).

Plain ``ADD COLUMN`` (no batch mode): on SQLite a batch rebuild would drop the FTS triggers of
0003 (they are on ``matter`` and ``client``, but the rule is kept everywhere).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "screening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("law_version", sa.String(), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("screened_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matter.id"]),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screening_matter_id", "screening", ["matter_id"])
    op.create_index("ix_screening_law_version", "screening", ["law_version"])
    op.add_column(
        "deadline",
        sa.Column("law_version", sa.String(), nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_column("deadline", "law_version")
    op.drop_index("ix_screening_law_version", table_name="screening")
    op.drop_index("ix_screening_matter_id", table_name="screening")
    op.drop_table("screening")
