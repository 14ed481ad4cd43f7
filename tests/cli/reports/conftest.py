"""Fixtures for the report, reminder and calendar tests (rows from ``tests/factories.py``).

``services`` is the shared fixture of ``tests/conftest.py`` (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from casekit.services.base import AppContext
from tests.factories import MatterFactory, add_deadline


@pytest.fixture(autouse=True)
def _no_smtp_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEKIT_SMTP_PASSWORD", raising=False)


@pytest.fixture
def make_matter(services: AppContext) -> MatterFactory:
    return MatterFactory(services)


@pytest.fixture
def deadline(services: AppContext) -> Callable[..., int]:
    """``deadline(matter_number, due=date(...), ...)`` inserts an open deadline row."""
    return partial(add_deadline, services)
