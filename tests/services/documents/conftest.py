"""Fixtures for the document use cases (``casekit.services.documents``; SQLite and PostgreSQL).

``today`` pins ``CASEKIT_TODAY`` (2025-11-20, as ``tests/cli/documents``). ``firm`` stores the
firm settings through ``casekit.services.office.settings`` and returns the ``services``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.factories import HOSTILE_NAME, document_rows, files_under, pin_today, set_firm

__all__ = ["HOSTILE_NAME", "TODAY", "document_rows", "files_under"]

#: Not the suite's 2026-03-15: the documents' computed dates (response due, notice deadlines)
#: were written for 2025-11-20.
TODAY = date(2025, 11, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch, TODAY)


@pytest.fixture
def firm(services: Any) -> Any:
    set_firm(services)
    return services


@pytest.fixture
def documents_dir(casekit_home: Path) -> Path:
    return casekit_home / "documents"
