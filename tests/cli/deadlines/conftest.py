"""Helpers for the deadline, screening and calendar tests: run the CLI, read the acceptance data.

``cli(*args)`` runs ``casekit`` in-process with typer's CliRunner and returns the result (stdout
and stderr apart); ``cli_json`` also checks the exit code and parses the JSON (both from
``tests/clirun.py``). ``today`` pins ``CASEKIT_TODAY`` so screening ("not after today") and
expiry are stable. The tests run on SQLite and PostgreSQL (``services``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.clirun import cli, cli_json
from tests.clirun import one_line_error as assert_one_line_error
from tests.factories import DATA, pin_today, read_csv

__all__ = ["DATA", "TODAY", "assert_one_line_error", "cli", "cli_json", "read_csv"]

#: Not the suite's 2026-03-15: the screening table (tests/data/screening.csv) and these scenarios
#: ("not after today", open or expired, the office week) were written for 2026-06-01.
TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch, TODAY)
