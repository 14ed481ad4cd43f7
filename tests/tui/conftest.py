"""Fixtures for the TUI tests: a small fixed office database and a pinned today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casekit.services.base import AppContext
from tests.factories import pin_today
from tests.tui.factory import TODAY, build


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the developer's real casekit data or clock."""
    monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / "home"))
    # Not the suite's 2026-03-15: the fixed office (tests/tui/factory.py) spreads its deadlines
    # around 2026-11-21, and the snapshots show them as seen that day.
    pin_today(monkeypatch, TODAY)
    monkeypatch.delenv("CASEKIT_DATABASE_URL", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(scope="session")
def _db_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("casekit-db-cache")


@pytest.fixture
def svc(tmp_path: Path, _db_cache: Path) -> Iterator[AppContext]:
    """The app context on a copy of a 40-matter database, today pinned to 2026-11-21."""
    services = build(tmp_path / "office", matters=40, cache_dir=_db_cache)
    yield services
    services.dispose()
