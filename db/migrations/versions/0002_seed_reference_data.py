"""seed reference data: 169 towns, 211 agencies, the 2025 A/B felony table

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The rows come from ``db/seed/*.csv`` (sources and confidence in ``db/seed/SOURCES.md`` and
``FELONIES_SOURCES.md``). The column mapping is frozen here, not taken from the models, so this
migration keeps doing the same thing when the models grow. Rows already present (same town
name, agency name or statute section) are left alone, so re-running the seed never duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from casekit.store.seed import read_seed_csv

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _bookkeeping() -> tuple[sa.ColumnClause[object], ...]:
    return (
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer),
    )


town = sa.table(
    "town",
    *_bookkeeping(),
    sa.column("name", sa.String),
    sa.column("county", sa.String),
    sa.column("judicial_district", sa.String),
    sa.column("jd_court_location", sa.String),
    sa.column("jd_courthouse_address", sa.String),
    sa.column("judicial_district_before_2025_10_01", sa.String),
    sa.column("jd_history_note", sa.String),
    sa.column("jd_source", sa.String),
    sa.column("jd_confidence", sa.String),
    sa.column("police_service", sa.String),
    sa.column("clerk_address", sa.String),
)

agency = sa.table(
    "agency",
    *_bookkeeping(),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("town_id", sa.Integer),
    sa.column("employer", sa.String),
    sa.column("address", sa.String),
    sa.column("address_status", sa.String),
    sa.column("source", sa.Text),
    sa.column("trust_act_coverage", sa.String),
    sa.column("notes", sa.Text),
    sa.column("clerk_for_notices", sa.String),
)

felony = sa.table(
    "felony",
    *_bookkeeping(),
    sa.column("section", sa.String),
    sa.column("offense_name", sa.String),
    sa.column("felony_class", sa.String),
    sa.column("notes", sa.Text),
    sa.column("source", sa.Text),
    sa.column("confidence", sa.String),
)


def _stamp() -> dict[str, object]:
    now = datetime.now(UTC)
    return {"created_at": now, "updated_at": now, "version": 1}


def _existing(table: sa.TableClause, key: str) -> dict[str, int]:
    rows = op.get_bind().execute(sa.select(table.c[key], table.c.id))
    return {row[0]: row[1] for row in rows}


def upgrade() -> None:
    stamp = _stamp()

    have = _existing(town, "name")
    op.bulk_insert(
        town,
        [
            {
                **stamp,
                "name": row["town"],
                "county": row["county"],
                "judicial_district": row["judicial_district"],
                "jd_court_location": row["jd_court_location"],
                "jd_courthouse_address": row["jd_civil_courthouse_address"],
                "judicial_district_before_2025_10_01": row["judicial_district_before_2025_10_01"],
                "jd_history_note": row["jd_history_note"],
                "jd_source": row["jd_source"],
                "jd_confidence": row["jd_confidence"],
                "police_service": row["police_service"],
                "clerk_address": "",
            }
            for row in read_seed_csv("towns.csv")
            if row["town"] not in have
        ],
    )

    town_ids = _existing(town, "name")
    agency_rows = read_seed_csv("agencies.csv")
    unknown = sorted({r["town"] for r in agency_rows if r["town"] and r["town"] not in town_ids})
    if unknown:
        raise ValueError(f"agencies.csv names towns not in towns.csv: {', '.join(unknown)}")
    have = _existing(agency, "name")
    op.bulk_insert(
        agency,
        [
            {
                **stamp,
                "name": row["name"],
                "kind": row["kind"],
                "town_id": town_ids[row["town"]] if row["town"] else None,
                "employer": row["employer"],
                "address": row["address"],
                "address_status": row["address_status"],
                "source": row["source"],
                "trust_act_coverage": row["trust_act_coverage"],
                "notes": row["notes"],
                "clerk_for_notices": "",
            }
            for row in agency_rows
            if row["name"] not in have
        ],
    )

    have = _existing(felony, "section")
    op.bulk_insert(
        felony,
        [
            {
                **stamp,
                "section": row["section"],
                "offense_name": row["offense_name"],
                "felony_class": row["felony_class"],
                "notes": row["notes"],
                "source": row["source"],
                "confidence": row["confidence"],
            }
            for row in read_seed_csv("felonies_ab.csv")
            if row["section"] not in have
        ],
    )


def downgrade() -> None:
    # Only the seeded rows go; agencies first (they point at towns).
    bind = op.get_bind()
    sections = [row["section"] for row in read_seed_csv("felonies_ab.csv")]
    bind.execute(felony.delete().where(felony.c.section.in_(sections)))
    names = [row["name"] for row in read_seed_csv("agencies.csv")]
    bind.execute(agency.delete().where(agency.c.name.in_(names)))
    towns = [row["town"] for row in read_seed_csv("towns.csv")]
    bind.execute(town.delete().where(town.c.name.in_(towns)))
