"""matter deadline triggers: permission to sue (§ 4-160) and dismissal (§ 52-592)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

Two nullable dates on ``matter`` that start deadlines (casekit.services.deadlines):

* ``authorization_on``: the Claims Commissioner granted permission to sue the State; the suit is
  due within 1 year (``CT_4160_SUIT``, § 4-160(d)).
* ``dismissed_on``: an earlier action failed for a matter of form; a new action is due within
  1 year (``CT_SAVINGS_REFILE``, § 52-592).

Plain ``ADD COLUMN`` (no batch mode): on SQLite a batch rebuild of ``matter`` would drop the
``matter_fts_*`` triggers of 0003.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("matter", sa.Column("authorization_on", sa.Date(), nullable=True))
    op.add_column("matter", sa.Column("dismissed_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite >= 3.35 drops a column in place (no table rebuild, so the FTS triggers stay).
    op.drop_column("matter", "dismissed_on")
    op.drop_column("matter", "authorization_on")
