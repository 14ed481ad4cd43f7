"""Command tests: typer's CliRunner against ``casekit.cli.app`` on a migrated SQLite database.

The commands are thin, so the SQLite run is enough here (``db_url`` is pinned to SQLite for this
folder only); the use cases themselves run on both databases in ``tests/services``, and the
feature folders beside this one (``tests/cli/deadlines`` ...) run the CLI on both.
``cli("client", "list", "--json")`` returns the click result; ``CASEKIT_TODAY`` is pinned to
2026-03-15 (``tests.factories.TODAY``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import clirun
from tests.clirun import ok_json, one_line_error
from tests.factories import TODAY as SUITE_TODAY
from tests.factories import pin_today

__all__ = ["TODAY", "ok_json", "one_line_error"]

TODAY = SUITE_TODAY.isoformat()


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> str:
    return pin_today(monkeypatch).isoformat()


@pytest.fixture
def run(today: str) -> Callable[..., Any]:
    """Run ``casekit ARGS`` in-process (no database prepared: see ``cli``)."""
    return clirun.cli


@pytest.fixture
def cli(services: Any, run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` on the migrated test database (``services`` points the environment at it)."""
    return run
