"""Robustness tests: bounded input, one transaction per command, locks, conflicts, crashes.

Unlike ``tests/cli`` these run the CLI on BOTH databases (``services`` is parametrized over
SQLite and PostgreSQL; ``CASEKIT_DATABASE_URL`` points the CLI at the same database).
``matter`` is a client with one matter, TA-2026-0001, opened on the pinned today (2026-03-15).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner

from casekit.cli import app

TODAY = "2026-03-15"
MATTER = "TA-2026-0001"
MATTER_ARGS = (
    "--client",
    "1",
    "--incident-date",
    "2026-01-10",
    "--town",
    "Danbury",
    "--agency",
    "Danbury Police Department",
)


@pytest.fixture
def cli(services: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    monkeypatch.setenv("CASEKIT_TODAY", TODAY)
    runner = CliRunner()

    def invoke(*args: str) -> Any:
        return runner.invoke(app, list(args))

    return invoke


@pytest.fixture
def matter(cli: Callable[..., Any]) -> str:
    assert cli("client", "add", "--name", "José Núñez").exit_code == 0
    result = cli("matter", "add", *MATTER_ARGS, "--json")
    assert result.exit_code == 0, result.stderr
    return MATTER
