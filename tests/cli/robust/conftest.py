"""Robustness tests: bounded input, one transaction per command, locks, conflicts, crashes.

Unlike ``tests/cli/commands`` these run the CLI on BOTH databases (``services`` is parametrized
over SQLite and PostgreSQL; ``CASEKIT_DATABASE_URL`` points the CLI at the same database).
``matter`` is a client with one matter, TA-2026-0001, opened on the pinned today (2026-03-15).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests import clirun
from tests.factories import MATTER, MATTER_ARGS, cli_matter, pin_today

__all__ = ["MATTER", "MATTER_ARGS"]


@pytest.fixture
def cli(services: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    pin_today(monkeypatch)
    return clirun.cli


@pytest.fixture
def matter(cli: Callable[..., Any]) -> str:
    return cli_matter(cli, "--json")
