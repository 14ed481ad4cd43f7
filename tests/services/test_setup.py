"""Creating CASEKIT_HOME and the database; refusing an unmigrated PostgreSQL database."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from casekit.config import Settings
from casekit.errors import ConfigurationError
from casekit.services.base import AppContext
from casekit.services.setup import ensure_schema, init_home, upgrade_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_creates_private_home(casekit_home: Path, sqlite_url: str) -> None:
    svc = AppContext(Settings(home=casekit_home, database_url=sqlite_url, actor="tester"))
    try:
        status = init_home(svc)
        assert status.revision == status.head and status.upgraded
        assert mode(casekit_home) == 0o700
        assert mode(casekit_home / "documents") == 0o700
        assert mode(casekit_home / "evidence") == 0o700
        assert mode(casekit_home / "casekit.sqlite") == 0o600
        again = upgrade_database(svc)
        assert not again.upgraded and again.revision == status.revision
    finally:
        svc.dispose()


def test_sqlite_is_migrated_on_first_use(casekit_home: Path, sqlite_url: str) -> None:
    svc = AppContext(Settings(home=casekit_home, database_url=sqlite_url, actor="tester"))
    try:
        ensure_schema(svc)
        from casekit.store.migrate import is_current

        assert is_current(svc.engine)
    finally:
        svc.dispose()


@pytest.mark.postgres
def test_postgresql_is_never_migrated_behind_the_office_back(
    casekit_home: Path, pg_url: str
) -> None:
    svc = AppContext(Settings(home=casekit_home, database_url=pg_url, actor="tester"))
    try:
        with pytest.raises(ConfigurationError, match="run casekit db upgrade"):
            ensure_schema(svc)
        status = upgrade_database(svc)
        assert status.database == "postgresql" and "@" in status.location
        ensure_schema(svc)  # now current: no error
    finally:
        svc.dispose()
