"""Helpers for the deadline, screening and calendar tests: run the CLI, read the acceptance data.

``cli(*args)`` runs ``casekit`` in-process with typer's CliRunner and returns the result (stdout
and stderr apart); ``cli_json`` also checks the exit code and parses the JSON. ``today`` pins
``CASEKIT_TODAY`` so screening ("not after today") and expiry are stable.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

DATA = Path(__file__).resolve().parent.parent / "data"
TODAY = date(2026, 6, 1)


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def cli(*args: str) -> Any:
    from casekit.cli import app

    return CliRunner().invoke(app, list(args))


def cli_json(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def assert_one_line_error(result: Any, *fragments: str) -> None:
    """Exit 2, nothing on stdout, exactly one ``error: ...`` line on stderr, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("CASEKIT_TODAY", TODAY.isoformat())
    return TODAY
