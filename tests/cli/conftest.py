"""CLI tests: typer's CliRunner against ``casekit.cli.app`` on a migrated SQLite database.

The commands are thin, so the SQLite run is enough here; the use cases themselves run on both
databases in ``tests/services``. ``cli("client", "list", "--json")`` returns the click result;
``CASEKIT_TODAY`` is pinned to 2026-03-15.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from casekit.cli import app

TODAY = "2026-03-15"


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("CASEKIT_TODAY", TODAY)
    return TODAY


@pytest.fixture
def run(today: str) -> Callable[..., Any]:
    """Run ``casekit ARGS`` in-process (no database prepared: see ``cli``)."""
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args))

    return invoke


@pytest.fixture
def cli(services: Any, run: Callable[..., Any]) -> Callable[..., Any]:
    """``run`` on the migrated test database (``services`` points the environment at it)."""
    return run


def ok_json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def one_line_error(result: Any, code: int = 2) -> str:
    """The command failed with ``code`` and exactly one ``error:`` line on stderr, no traceback."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]
