"""municipal legal names (City of Hartford, Borough of Naugatuck) and attorney coverage

Revision ID: 0011
Revises: 0008
Create Date: 2026-12-03

Reference data a caption can carry (db/seed/municipalities.csv, sources in SOURCES.md § 3):

* ``town`` gets the municipality's name as it sues and is sued (``legal_name``: "City of
  Hartford", "Town of West Hartford", "Borough of Naugatuck"), its form (town, consolidated town
  and city, consolidated town and borough), the title of the clerk who takes service
  (``clerk_title``), and the ``legal_name_source`` / ``legal_name_confidence`` /
  ``legal_name_note`` of that name. A clerk address from the seed fills ``clerk_address`` only
  where the firm has not filled it.
* Municipal police agencies whose employer was seeded as "Town of X" for a city (every city was
  "Town of ..." before) get the legal name; the three employers seeded with a note in
  parentheses ("City of Groton (political subdivision ...)") get the bare name, the note moving
  to ``notes``. An employer a firm changed by hand is left alone.
* Defendants already stored under the old suggested name ("Town of Hartford", served on "Town
  Clerk, Town of Hartford") are renamed: casekit suggested the wrong name, and a complaint
  generated later would carry it into the caption. Only exact old suggestions change (the row's
  ``version`` rises, so an open edit screen sees the change); a name an attorney typed stays.

Phonetic keys: ``client.name_phonetic`` and ``party.name_phonetic`` hold the phonetic keys of the
names (casekit.domain.phonetic), so the conflict check can find "Mohammed" for "Muhammad"; the
existing rows are filled here, new ones by the store.

Index: ``matter (attorney_id, status)`` replaces ``matter (attorney_id)``: the dashboard counts
the open matters nobody answers for on every start, from the index alone (benchmarks/README.md).
Plain CREATE/DROP INDEX: no batch rebuild of ``matter`` (that would drop 0003's FTS triggers).

Attorney coverage: ``coverage`` holds "attorney A's deadlines go to attorney B from D1 to D2"
(casekit.services.coverage).

Plain ``ADD COLUMN`` (no batch mode), as in 0004.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from casekit.domain.phonetic import phonetic_keys
from casekit.domain.text import fold
from casekit.store.seed import read_seed_csv

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOWN_COLUMNS = (
    ("legal_name", False),
    ("municipal_form", False),
    ("clerk_title", False),
    ("legal_name_source", True),
    ("legal_name_confidence", False),
    ("legal_name_note", True),
)

town = sa.table(
    "town",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("clerk_address", sa.String),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    *(sa.column(name, sa.Text if long else sa.String) for name, long in _TOWN_COLUMNS),
)
agency = sa.table(
    "agency",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("kind", sa.String),
    sa.column("employer", sa.String),
    sa.column("notes", sa.Text),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)
party = sa.table(
    "party",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("name", sa.String),
    sa.column("name_key", sa.String),
    sa.column("service_address", sa.String),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime(timezone=True)),
    sa.column("name_phonetic", sa.Text),
)
client = sa.table(
    "client",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("preferred_name", sa.String),
    sa.column("name_phonetic", sa.Text),
)


def _clerk(title: str, legal_name: str) -> str:
    """The clerk to serve, as casekit.services.matters.suggest_defendant writes it."""
    return f"{title or 'Clerk'}, {legal_name}"


def upgrade() -> None:
    for name, long in _TOWN_COLUMNS:
        op.add_column(
            "town",
            sa.Column(
                name,
                sa.Text() if long else sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="",
            ),
        )
    for table in ("client", "party"):
        op.add_column(
            table, sa.Column("name_phonetic", sa.Text(), nullable=False, server_default="")
        )
    op.create_table(
        "coverage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("attorney_id", sa.Integer(), nullable=False),
        sa.Column("covering_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column(
            "created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""
        ),
        sa.ForeignKeyConstraint(["attorney_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["covering_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_coverage_attorney_id", "coverage", ["attorney_id"])
    op.create_index("ix_matter_attorney_status", "matter", ["attorney_id", "status"])
    op.drop_index("ix_matter_attorney_id", table_name="matter")
    op.create_index("ix_coverage_ends_on", "coverage", ["ends_on"])

    bind = op.get_bind()
    now = datetime.now(UTC)
    rows = read_seed_csv("municipalities.csv")
    existing = dict(bind.execute(sa.select(town.c.name, town.c.clerk_address)).all())
    legal: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row["town"] not in existing:
            continue  # a database seeded without that town: nothing to name
        legal[row["town"]] = (row["legal_name"], row["clerk_title"])
        values = {
            "legal_name": row["legal_name"],
            "municipal_form": row["form"],
            "clerk_title": row["clerk_title"],
            "legal_name_source": row["source"],
            "legal_name_confidence": row["confidence"],
            "legal_name_note": row["note"],
            "updated_at": now,
        }
        if row["clerk_address"] and not existing[row["town"]]:
            values["clerk_address"] = row["clerk_address"]
        bind.execute(town.update().where(town.c.name == row["town"]).values(**values))

    renamed: dict[str, str] = {}  # old suggested defendant name -> legal name
    current = {
        r.name: (r.employer, r.notes)
        for r in bind.execute(sa.select(agency.c.name, agency.c.employer, agency.c.notes))
    }
    for row in read_seed_csv("agencies.csv"):
        if row["kind"] != "municipal_police" or row["name"] not in current:
            continue
        employer, notes = current[row["name"]]
        new = row["employer"]
        old_default = f"Town of {row['town']}"
        if employer == new or not (employer == old_default or employer.startswith(f"{new} (")):
            continue
        bind.execute(
            agency.update()
            .where(agency.c.name == row["name"])
            .values(employer=new, notes=row["notes"] or notes, updated_at=now)
        )
        if employer == old_default:
            renamed[employer] = new

    for old, new in renamed.items():
        town_name = old.removeprefix("Town of ")
        title = legal.get(town_name, (new, ""))[1]
        old_clerk = f"Town Clerk, {old}"
        stored = bind.execute(
            sa.select(party.c.id, party.c.service_address, party.c.version)
            .where(party.c.kind == "municipality")
            .where(party.c.name == old)
        ).all()
        for pid, address, version in stored:
            values = {
                "name": new,
                "name_key": fold(new),
                "version": (version or 1) + 1,
                "updated_at": now,
            }
            if address == old_clerk or address.startswith(f"{old_clerk}, "):
                values["service_address"] = _clerk(title, new) + address[len(old_clerk) :]
            bind.execute(party.update().where(party.c.id == pid).values(**values))

    _fill_phonetic(bind)


def _fill_phonetic(bind: sa.Connection) -> None:
    """Phonetic keys for the names already stored (in batches: an office may have 100 k)."""
    for table, columns in ((client, ("name", "preferred_name")), (party, ("name",))):
        rows = bind.execute(sa.select(table.c.id, *(table.c[c] for c in columns))).all()
        updates = [
            {"row_id": row[0], "keys": phonetic_keys(*(value or "" for value in row[1:]))}
            for row in rows
        ]
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values(name_phonetic=sa.bindparam("keys"))
        )
        for start in range(0, len(updates), 5000):
            batch = updates[start : start + 5000]
            if batch:
                bind.execute(statement, batch)


def downgrade() -> None:
    # The renamed employers and defendants keep their (correct) names; only the schema goes.
    op.create_index("ix_matter_attorney_id", "matter", ["attorney_id"])
    op.drop_index("ix_matter_attorney_status", table_name="matter")
    op.drop_index("ix_coverage_ends_on", table_name="coverage")
    op.drop_index("ix_coverage_attorney_id", table_name="coverage")
    op.drop_table("coverage")
    for name, _ in reversed(_TOWN_COLUMNS):
        op.drop_column("town", name)
    for table in ("party", "client"):
        op.drop_column(table, "name_phonetic")
