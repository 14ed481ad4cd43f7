"""Fixtures for the evidence and records-request commands (rows from ``tests/factories.py``).

``services`` is the shared fixture of ``tests/conftest.py`` (SQLite and PostgreSQL).
"""

from __future__ import annotations

import pytest

from casekit.services.base import AppContext
from tests.factories import MatterFactory


@pytest.fixture
def make_matter(services: AppContext) -> MatterFactory:
    return MatterFactory(services)
