"""Fixtures for the office use cases (backup, restore, files root, units): a home with real rows.

``office_data(svc)`` (``tests/factories.py``) fills a database the way users do: a client and a
matter, a generated document (firm settings set), an evidence item, the firm's own template,
``config.toml``, ``rules.local.toml`` and ``law.local.toml``; ``members``, ``rewrite`` and
``add_member`` read and forge backup archives. ``today`` pins the suite's 2026-03-15.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import pin_today


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch)
