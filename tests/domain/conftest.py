"""Shared fixtures for the pure domain tests."""

from __future__ import annotations

import pytest

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.lawpack import local_rules
from casekit.domain.rules import RuleSet
from tests.factories import DATA, read_csv

__all__ = ["DATA", "read_csv"]


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return local_rules()


@pytest.fixture(scope="session")
def court() -> CourtCalendar:
    return CourtCalendar()


@pytest.fixture(scope="session")
def federal() -> FederalCalendar:
    return FederalCalendar()
