"""Fixtures for the document tests: the acceptance matter, built the way a paralegal would.

``today`` pins ``CASEKIT_TODAY`` (2025-11-20). ``firm`` stores the firm settings through
``casekit.services.office.settings``. ``acceptance`` creates the client and matter of the
acceptance case through the CLI (``casekit client add … ; casekit matter add … --json``) on
the database of the shared ``services`` fixture (SQLite and PostgreSQL) and returns the matter
number.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

TODAY = date(2025, 11, 20)
HOSTILE_NAME = "José Núñez-O'Brien & Hijos <LLC> {{ 7*7 }}"
NARRATIVE = (
    'Stopped on Main St & White St <near the park>.\n\nThe sergeant said "ICE wants him" {{ x }}.'
)
TEMPLATES = (
    "demand-letter",
    "complaint",
    "notice-7-465",
    "foi-request",
    "preservation-letter",
    "client-letter",
)
FIRM = {
    "firm.name": 'Smith & Jones <LLP> "Trust Act" Clinic',
    "firm.address": "100 Pearl Street, Suite 4, Hartford, CT 06103",
    "firm.phone": "(860) 555-0100",
    "firm.email": "intake@smith-jones.example",
    "firm.juris_number": "123456",
}


def cli(*args: str) -> Any:
    from casekit.cli import app

    return CliRunner().invoke(app, list(args))


def cli_json(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def assert_one_line_error(result: Any, *fragments: str, code: int = 2) -> str:
    """Exit ``code``, exactly one ``error: ...`` line on stderr, no traceback, no client name."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    assert "Núñez" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def set_firm(svc: Any, skip: tuple[str, ...] = ()) -> None:
    from casekit.services.office import set_setting

    for key, value in FIRM.items():
        if key not in skip:
            set_setting(svc, key, value)


def add_matter_cli(name: str = HOSTILE_NAME, language: str = "es") -> str:
    client = cli_json("client", "add", "--name", name, "--language", language)
    matter = cli_json(
        "matter", "add",
        "--client", str(client["id"]),
        "--incident-date", "2025-11-03",
        "--incident-time", "14:15",
        "--town", "Danbury",
        "--agency", "Danbury Police Department",
        "--violation", "V1", "--violation", "V2", "--violation", "V7",
        "--narrative", NARRATIVE,
    )  # fmt: skip
    return str(matter["number"])


def files_under(folder: Path) -> list[Path]:
    """Everything under ``folder``: files and folders (a refusal leaves not even a folder)."""
    return sorted(folder.rglob("*")) if folder.exists() else []


def document_rows(svc: Any) -> list[Any]:
    from sqlalchemy import select

    from casekit.store.models import Document

    with svc.transaction() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("CASEKIT_TODAY", TODAY.isoformat())
    return TODAY


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
