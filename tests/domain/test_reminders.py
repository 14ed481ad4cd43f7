"""Reminder tiers."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.domain.reminders import LONG_TIERS, SHORT_TIERS, current_tier, next_reminder, tiers_for

DUE = date(2026, 11, 3)


def test_tiers_for_kinds():
    assert tiers_for("limitation") == (180, 90, 60, 30, 14, 7, 1)
    assert tiers_for("notice") == LONG_TIERS
    assert tiers_for("foi") == SHORT_TIERS == (14, 7, 1)
    assert tiers_for("return", short_tiers=(1, 3, 3)) == (3, 1)
    assert tiers_for("limitation", long_tiers=(10, 5)) == (10, 5)


@pytest.mark.parametrize(
    ("today", "tiers", "expected"),
    [
        ("2026-01-01", LONG_TIERS, "2026-05-07"),  # 180 days before
        ("2026-05-07", LONG_TIERS, "2026-05-07"),  # on the reminder day itself
        ("2026-05-08", LONG_TIERS, "2026-08-05"),  # 90 days before
        ("2026-10-27", LONG_TIERS, "2026-10-27"),  # 7 days before
        ("2026-10-28", LONG_TIERS, "2026-11-02"),  # 1 day before
        ("2026-11-03", LONG_TIERS, None),  # due today: no reminder left
        ("2026-12-01", LONG_TIERS, None),
        ("2026-01-01", SHORT_TIERS, "2026-10-20"),
    ],
)
def test_next_reminder(today, tiers, expected):
    got = next_reminder(DUE, date.fromisoformat(today), tiers)
    assert (got.isoformat() if got else None) == expected


@pytest.mark.parametrize(
    ("today", "tiers", "expected"),
    [
        ("2026-01-01", LONG_TIERS, None),  # 306 days out
        ("2026-05-07", LONG_TIERS, 180),
        ("2026-09-19", LONG_TIERS, 60),  # 45 days left
        ("2026-10-30", LONG_TIERS, 7),
        ("2026-11-02", LONG_TIERS, 1),
        ("2026-11-03", LONG_TIERS, 1),  # due today
        ("2026-11-04", LONG_TIERS, None),  # passed
        ("2026-09-19", SHORT_TIERS, None),
    ],
)
def test_current_tier(today, tiers, expected):
    assert current_tier(DUE, date.fromisoformat(today), tiers) == expected
