"""PostgreSQL backup and restore, performed by casekit itself (pg_dump / psql)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from casekit.config import Settings
from casekit.errors import ConfigurationError
from casekit.services import clients, documents, evidence, matters
from casekit.services import office as backup
from casekit.services import office as users
from casekit.services.base import AppContext
from tests.clirun import run_casekit
from tests.factories import members, office_data, sqlite_services

pytestmark = pytest.mark.postgres


@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


@pytest.fixture
def empty_pg(_pg_server: Any) -> Iterator[str]:
    """A second throwaway database, empty (no schema): where a backup is restored."""
    name = _pg_server.new_name("r")
    _pg_server.create(name)
    try:
        yield _pg_server.url(name)
    finally:
        _pg_server.drop_later(name)


def pg_services(url: str, home: Path) -> AppContext:
    return AppContext(Settings(home=home, database_url=url, actor="tester"))


@pytest.fixture
def pg_archive(services: AppContext, tmp_path: Path) -> tuple[Path, str]:
    data = office_data(services, tmp_path)
    made = backup.backup(services, output=tmp_path / "pg.tar.gz")
    assert made.database == "postgresql"
    content = members(Path(made.path))
    assert b"CREATE TABLE" in content["casekit.sql"]
    assert not any("@" in name for name in content)  # no URL, no password in member names
    return Path(made.path), data.matter


def test_restore_into_an_empty_database_and_a_fresh_home(
    pg_archive: tuple[Path, str], empty_pg: str, tmp_path: Path
) -> None:
    archive, number = pg_archive
    target = pg_services(empty_pg, tmp_path / "fresh")
    result = backup.restore(target, archive)
    assert result.database == "postgresql" and result.replaced is None
    assert [m.number for m in matters.list_matters(target)] == [number]
    [doc] = documents.list_documents(target, number)
    assert doc.status == "ok"
    assert [r.status for r in evidence.verify_evidence(target)] == ["ok"]
    with target.engine.connect() as conn:
        walled = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_policies WHERE policyname = 'casekit_wall'"
        ).scalar()
        marker = conn.exec_driver_sql(
            "SELECT count(*) FROM setting WHERE key = 'casekit.restore_id'"
        ).scalar()
    assert walled and walled >= 10 and marker == 1
    assert not (tmp_path / "fresh" / "RESTORE-IN-PROGRESS.json").exists()
    target.dispose()


def test_a_database_with_data_is_replaced_only_with_force(
    pg_archive: tuple[Path, str], empty_pg: str, tmp_path: Path
) -> None:
    archive, number = pg_archive
    target = pg_services(empty_pg, tmp_path / "fresh")
    from casekit.services.setup import upgrade_database

    upgrade_database(target)
    clients.add_client(target, name="Someone Else")
    with pytest.raises(ConfigurationError, match="--force"):
        backup.restore(target, archive)
    assert [c.name for c in clients.list_clients(target)] == ["Someone Else"]
    result = backup.restore(target, archive, force=True)
    assert result.replaced is not None
    safety = Path(result.replaced) / "casekit.sql"
    assert b"Someone Else" in safety.read_bytes()  # the replaced contents, dumped first
    assert [c.name for c in clients.list_clients(target)] == ["José Núñez"]
    assert [m.number for m in matters.list_matters(target)] == [number]
    target.dispose()


def test_database_kinds_must_match(
    pg_archive: tuple[Path, str], services: AppContext, tmp_path: Path
) -> None:
    archive, _ = pg_archive
    with pytest.raises(ConfigurationError, match="CASEKIT_DATABASE_URL"):
        backup.restore(sqlite_services(tmp_path / "lite"), archive)
    from casekit.services.setup import upgrade_database

    lite = sqlite_services(tmp_path / "lite2")
    upgrade_database(lite)
    clients.add_client(lite, name="Ana Ruiz")
    sqlite_archive = Path(backup.backup(lite, output=tmp_path / "lite.tar.gz").path)
    with pytest.raises(ConfigurationError, match="SQLite"):
        backup.restore(services, sqlite_archive, force=True)
    lite.dispose()


@pytest.mark.parametrize(
    ("point", "finish"), [("database", "resume"), ("database", "rollback"), ("marked", "rollback")]
)
def test_killed_postgresql_restore_is_finished_or_undone(
    pg_archive: tuple[Path, str], empty_pg: str, tmp_path: Path, point: str, finish: str
) -> None:
    archive, number = pg_archive
    home = tmp_path / "fresh"
    env = {"CASEKIT_HOME": str(home), "CASEKIT_DATABASE_URL": empty_pg}
    killed = run_casekit({**env, "CASEKIT_TEST_CRASH_AT": point}, "restore", str(archive))
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    blocked = run_casekit(env, "matter", "list")
    assert blocked.returncode == 2 and "restore --resume" in blocked.stderr
    done = run_casekit(env, "restore", f"--{finish}")
    assert done.returncode == 0, done.stderr
    target = pg_services(empty_pg, home)
    if finish == "resume":
        assert [m.number for m in matters.list_matters(target)] == [number]
        assert [d.status for d in documents.list_documents(target, number)] == ["ok"]
    else:  # the database was empty before: empty again, and so is the home
        with target.engine.connect() as conn:
            tables = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            ).scalar()
        assert tables == 0
        assert not (home / "documents").exists() or not any((home / "documents").iterdir())
    target.dispose()


def test_a_role_behind_the_wall_cannot_make_a_partial_backup(
    services: AppContext, pg_url: str, tmp_path: Path
) -> None:
    from sqlalchemy.engine import make_url

    setup = users.setup_office(services)
    role = users.add_user(services, f"{setup.prefix}att", "attorney").name
    try:
        url = make_url(pg_url).set(username=role).render_as_string(False)
        attorney = pg_services(url, tmp_path / "att")
        with pytest.raises(ConfigurationError, match="database owner"):
            backup.backup(attorney, output=tmp_path / "partial.tar.gz")
        assert not (tmp_path / "partial.tar.gz").exists()
        attorney.dispose()
    finally:
        services.dispose()
        from .test_roles import _drop_roles

        _drop_roles(pg_url, setup.prefix)
