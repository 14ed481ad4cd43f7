"""The Alembic chain, from an empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text
from sqlmodel import Session, SQLModel

from casekit.resources import db_dir
from casekit.store import migrate
from casekit.store.engine import make_engine
from casekit.store.models import Agency, Town

from .conftest import count

SEEDED = {Town: 169, Agency: 211}

# P.A. 25-91: these six towns moved to the Litchfield J.D. on 2025-10-01 (db/seed/SOURCES.md, J7).
MOVED_TOWNS = {
    "Avon": "Hartford",
    "Burlington": "New Britain",
    "Canton": "Hartford",
    "Farmington": "Hartford",
    "Granby": "Hartford",
    "Simsbury": "Hartford",
}


@pytest.fixture
def engine(db_url: str) -> Engine:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def _tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _seed_counts(engine: Engine) -> dict[type, int]:
    return {model: count(engine, model) for model in SEEDED}


def test_one_head() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config(make_engine("sqlite://")))
    assert len(script.get_heads()) == 1


def test_upgrade_from_empty_creates_every_table_and_seeds(engine: Engine) -> None:
    assert _tables(engine) == set()

    migrate.upgrade(engine)

    assert set(SQLModel.metadata.tables) <= _tables(engine)
    assert _seed_counts(engine) == SEEDED
    assert migrate.is_current(engine)


def test_upgrade_twice_is_idempotent(engine: Engine) -> None:
    migrate.upgrade(engine)
    migrate.upgrade(engine)

    assert _seed_counts(engine) == SEEDED
    assert migrate.is_current(engine)


def test_downgrade_to_base_and_up_again(engine: Engine) -> None:
    migrate.upgrade(engine)

    migrate.downgrade(engine, "base")
    assert _tables(engine) <= {"alembic_version"}
    assert migrate.current_revision(engine) is None

    migrate.upgrade(engine)
    assert _seed_counts(engine) == SEEDED


def test_seed_skips_rows_already_present(migrated_engine: Engine) -> None:
    migrate.downgrade(migrated_engine, "0001")
    assert _seed_counts(migrated_engine) == dict.fromkeys(SEEDED, 0)
    with migrated_engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO town (created_at, updated_at, version, name, county, "
                "judicial_district, jd_court_location, jd_courthouse_address, "
                "judicial_district_before_2025_10_01, jd_history_note, jd_source, "
                "jd_confidence, police_service, clerk_address) VALUES (CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP, 1, 'Avon', 'Hartford', 'x', 'x', 'x', 'x', '', '', '', "
                "'', '')"
            )
        )

    migrate.upgrade(migrated_engine)

    assert _seed_counts(migrated_engine) == SEEDED


def test_models_match_the_migrations(migrated_engine: Engine) -> None:
    """A model change without a migration (or the reverse) shows up here."""
    with migrated_engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_six_towns_moved_to_litchfield_on_2025_10_01(migrated_engine: Engine) -> None:
    with Session(migrated_engine) as session:
        towns = session.exec(select(Town)).scalars().all()
    moved = {
        t.name: (t.judicial_district_before_2025_10_01, t.judicial_district)
        for t in towns
        if t.judicial_district != t.judicial_district_before_2025_10_01
    }
    assert moved == {name: (before, "Litchfield") for name, before in MOVED_TOWNS.items()}
    avon = next(t for t in towns if t.name == "Avon")
    assert avon.jd_court_location == "Litchfield at Torrington"
    assert "P.A. 25-91" in avon.jd_history_note
    assert avon.jd_source and avon.jd_confidence.startswith("high")


def test_agencies_link_to_their_town(migrated_engine: Engine) -> None:
    with Session(migrated_engine) as session:
        rows = session.execute(select(Agency.name, Town.name).join(Town, isouter=True)).all()
    by_agency = dict(rows)
    assert by_agency["Avon Police Department"] == "Avon"
    assert by_agency["Ansonia Police Department"] == "Ansonia"
    assert sum(1 for town in by_agency.values() if town is None) == 4  # blank town in the CSV


def test_seed_keeps_sources_and_confidence(migrated_engine: Engine) -> None:
    with Session(migrated_engine) as session:
        agency = session.execute(
            select(Agency).where(Agency.name == "Avon Police Department")
        ).scalar_one()
    assert agency.kind == "municipal_police"
    assert agency.address_status == "unverified_pre2013_map"
    assert "DESPP" in agency.source


FAILING_MIGRATION = """
from alembic import op

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
    raise RuntimeError("migration failed halfway")


def downgrade() -> None:
    pass
"""


def test_a_failing_migration_leaves_nothing_behind(engine: Engine, tmp_path: Path) -> None:
    """All pending migrations share one transaction, on SQLite too (see db/migrations/env.py)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(db_dir() / "migrations", scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = ScriptDirectory(str(scripts)).get_current_head()
    (scripts / "versions" / "9999_fails.py").write_text(FAILING_MIGRATION.format(head=head))
    config = migrate.alembic_config(engine)
    config.set_main_option("script_location", str(scripts))

    with pytest.raises(RuntimeError, match="halfway"):
        command.upgrade(config, "head")

    assert _tables(engine) == set()
    with engine.connect() as conn:  # and the pooled connection still enforces foreign keys
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_unused_felony_table_is_dropped_and_comes_back_on_downgrade(
    migrated_engine: Engine,
) -> None:
    assert "felony" not in _tables(migrated_engine)  # the law pack holds the felony classes
    migrate.downgrade(migrated_engine, "0018")
    with migrated_engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT felony_class, confidence, source FROM felony WHERE section = '53a-54a'"
        ).one()
    assert (row[0], row[1]) == ("A", "confirmed")
    assert "53a-35a" in row[2]
