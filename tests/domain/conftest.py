"""Shared fixtures for the pure domain tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.lawpack import local_rules
from casekit.domain.rules import RuleSet

DATA = Path(__file__).resolve().parent.parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in tests/data."""
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return local_rules()


@pytest.fixture(scope="session")
def court() -> CourtCalendar:
    return CourtCalendar()


@pytest.fixture(scope="session")
def federal() -> FederalCalendar:
    return FederalCalendar()
