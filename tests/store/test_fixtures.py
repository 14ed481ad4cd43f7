"""The shared fixtures in tests/conftest.py do what their docstring promises."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect

from casekit.config import load_settings
from casekit.store.engine import make_engine
from casekit.store.migrate import is_current
from casekit.store.models import Town

from .conftest import count


def test_environment_is_isolated(casekit_home: Path, tmp_path: Path) -> None:
    assert os.environ["CASEKIT_HOME"] == str(casekit_home)
    assert casekit_home.parent == tmp_path
    assert "CASEKIT_DATABASE_URL" not in os.environ
    assert "CASEKIT_TODAY" not in os.environ
    assert load_settings().actor == "tester"


def test_db_url_is_an_empty_database(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_migrated_engine_is_at_head_and_seeded(migrated_engine: Engine, db_url: str) -> None:
    assert migrated_engine.url.render_as_string(hide_password=False) == db_url
    assert is_current(migrated_engine)
    assert count(migrated_engine, Town) == 169


def test_services_share_the_database_with_the_environment(services: Any, db_url: str) -> None:
    assert services.settings.database_url == db_url
    assert load_settings().database_url == db_url  # what CLI code in the same test reads
    assert services.actor == "tester"
    with services.transaction() as session:
        assert session.get(Town, 1) is not None
