"""Fixtures for the use-case tests: the shared ``services`` (SQLite and PostgreSQL) plus helpers.

``today`` pins ``CASEKIT_TODAY`` (2026-03-15), so "future date" and matter numbers are stable.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.factories import TODAY, pin_today

__all__ = ["TODAY", "count_rows"]


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch)


def count_rows(svc: Any, *models: Any) -> dict[str, int]:
    """Rows per table, to prove that a refused command wrote nothing.

    The key is checked first: its one-time registration (a key-check row and its audit event)
    happens on a database's first use, not because of the command under test.
    """
    from sqlalchemy import func, select

    from casekit.store import models as m

    svc.cipher  # noqa: B018

    chosen = models or (m.Client, m.Matter, m.Incident, m.Party, m.AuditEvent, m.User, m.Setting)
    with svc.engine.connect() as conn:
        return {
            model.__name__: int(conn.execute(select(func.count()).select_from(model)).scalar())
            for model in chosen
        }
