"""Fixtures for the document commands: the acceptance matter, built the way a paralegal would.

``today`` pins ``CASEKIT_TODAY`` (2025-11-20). ``firm`` stores the firm settings through
``casekit.services.office.settings``. ``acceptance`` creates the client and matter of the acceptance
case through the CLI (``casekit client add … ; casekit matter add … --json``) on the database of the
shared ``services`` fixture (SQLite and PostgreSQL) and returns the matter number. The data and the
CLI helpers live in ``tests/factories.py`` and ``tests/clirun.py``."""

from __future__ import annotations

import os
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from tests import clirun
from tests.clirun import cli, cli_json
from tests.factories import (
    FIRM,
    HOSTILE_NAME,
    NARRATIVE,
    add_matter_cli,
    document_rows,
    files_under,
    pin_today,
    set_firm,
)

__all__ = [
    "FIRM",
    "HOSTILE_NAME",
    "NARRATIVE",
    "TEMPLATES",
    "TODAY",
    "add_matter_cli",
    "assert_one_line_error",
    "cli",
    "cli_json",
    "document_rows",
    "files_under",
    "set_firm",
]

#: Not the suite's 2026-03-15: the acceptance case (incident 2025-11-03) and its letters' dates
#: (response due, notice deadlines) were written for 2025-11-20.
TODAY = date(2025, 11, 20)
TEMPLATES = (
    "demand-letter",
    "complaint",
    "notice-7-465",
    "foi-request",
    "preservation-letter",
    "client-letter",
)

#: The one error contract, plus: the client's name never reaches stderr.
assert_one_line_error = partial(clirun.one_line_error, absent=("Núñez",))


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch, TODAY)


@pytest.fixture
def firm(services: Any) -> Any:
    set_firm(services)
    return services


@pytest.fixture
def acceptance(firm: Any) -> str:
    assert os.environ["CASEKIT_DATABASE_URL"] == firm.settings.database_url
    return add_matter_cli()


@pytest.fixture
def documents_dir(casekit_home: Path) -> Path:
    return casekit_home / "documents"
