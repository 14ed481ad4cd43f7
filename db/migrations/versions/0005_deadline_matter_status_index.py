"""deadline index on (matter_id, status), replacing the one on matter_id alone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

"Open matters with no open deadline" (the dashboard, the reminder report) asks, for every open
matter, whether one of its deadlines is open. With an index on ``matter_id`` alone SQLite reads
each deadline row to see its status, and deadline rows are wide (the trail is stored inline):
about 30 ms per query at 10 k matters. With ``(matter_id, status)`` the question is answered from
the index (benchmarks/README.md). The new index serves every ``matter_id`` lookup the old one did,
so that one goes.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain CREATE/DROP INDEX (no batch mode): nothing here needs a table rebuild.
    op.create_index("ix_deadline_matter_status", "deadline", ["matter_id", "status"])
    op.drop_index("ix_deadline_matter_id", table_name="deadline")


def downgrade() -> None:
    op.create_index("ix_deadline_matter_id", "deadline", ["matter_id"])
    op.drop_index("ix_deadline_matter_status", table_name="deadline")
