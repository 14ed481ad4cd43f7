"""drop the unused felony table

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-04

The class A/B felony table that 0002 seeded was never read: the E2 exception's felony classes
come from the law pack (``casekit/domain/data/felonies_ab.csv``, overridable in
``law.local.toml``), which a firm can correct without a migration. Downgrade puts the table and
its seeded rows back as 0001 and 0002 left them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from casekit.store.seed import read_seed_csv

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("felony", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_felony_section"))
    op.drop_table("felony")


def downgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    felony = op.create_table(
        "felony",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("section", text(), nullable=False),
        sa.Column("offense_name", text(), nullable=False),
        sa.Column("felony_class", text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("confidence", text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("felony", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_felony_section"), ["section"], unique=True)
    now = datetime.now(UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    columns = ("section", "offense_name", "felony_class", "notes", "source", "confidence")
    op.bulk_insert(
        felony,
        [{**stamp, **{c: row[c] for c in columns}} for row in read_seed_csv("felonies_ab.csv")],
    )
