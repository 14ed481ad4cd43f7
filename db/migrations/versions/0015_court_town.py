"""the caption's courthouse town, apart from the court location's remarks

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04

``town.jd_court_town`` is the town a caption names after "AT" ("J.D. OF TOLLAND AT ROCKVILLE")
and ``town.jd_court_note`` a remark that is not part of it ("also sits at Meriden, 54 West Main
Street"). Until now the caption cut the town out of ``jd_court_location`` at " at ", which
printed "AT BRIDGEPORT')" and "AT MERIDEN, 54 WEST MAIN STREET)" for about forty towns. Both
come from db/seed/towns.csv (SOURCES.md); a town a firm added itself keeps "" (the caption then
names the district).

Plain ``ADD COLUMN`` (no batch mode), as in 0004 and 0011.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from casekit.store.seed import read_seed_csv

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("jd_court_town", "jd_court_note")

town = sa.table(
    "town",
    sa.column("name", sa.String),
    *(sa.column(name, sa.String) for name in _COLUMNS),
)


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column(
            "town",
            sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""),
        )
    conn = op.get_bind()
    for row in read_seed_csv("towns.csv"):
        conn.execute(
            town.update()
            .where(town.c.name == row["town"])
            .values(jd_court_town=row["jd_court_town"], jd_court_note=row["jd_court_note"])
        )


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column("town", name)
