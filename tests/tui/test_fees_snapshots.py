"""Snapshots of the fees screens (today pinned, fixed data, no cursor blink) at 80×24 and 120×40.

Regenerate with ``--snapshot-update`` only after looking at the report of the failing ones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from tests.tui.test_snapshots import settle

pytestmark = pytest.mark.snapshot
NUMBER = "TA-2026-0003"


def _fill(svc: AppContext) -> None:
    from casekit.services import fees
    from casekit.services.deadlines import resolution
    from casekit.services.fees import costs

    svc.clock = lambda: datetime(2026, 11, 21, 15, 0, tzinfo=UTC)
    fees.add_timekeeper(svc, name="Nguyễn Thị Lan", role="paralegal")
    for who, cents in (("Alex Rivera", 35000), ("Nguyễn Thị Lan", 12500)):
        fees.add_rate(svc, who, cents_per_hour=cents, effective_from=date(2025, 1, 1),
                      source="Affidavit")  # fmt: skip
    for n, (who, hours, task, text) in enumerate(
        (
            ("Alex Rivera", "1.5", "pleadings", "Draft the complaint (§ 54-192h)"),
            ("Nguyễn Thị Lan", "0.8", "foi", "FOI request to the police department"),
            ("Alex Rivera", "2.0", "discovery", "Review the booking records"),
        )
    ):
        day = date(2026, 10, 1) + timedelta(days=n)
        fees.add_time_entry(svc, NUMBER, timekeeper=who, hours=hours, category=task,
                            description=text, worked_on=day)  # fmt: skip
    costs.add_cost(svc, NUMBER, kind="filing_fee", amount="360", description="Entry fee",
                   incurred_on=date(2026, 10, 5))  # fmt: skip
    resolution.add_resolution(svc, NUMBER, kind="offer", amount="15000",
                              expires_on=date(2026, 11, 26), dated=date(2026, 11, 10))  # fmt: skip


def _fees(svc: AppContext) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_fees(3)  # type: ignore[attr-defined]
        await settle(pilot)

    _fill(svc)
    return run_before


def test_fees_80x24(snap_compare: Any, svc: AppContext) -> None:
    assert snap_compare(make_app(svc), terminal_size=(80, 24), run_before=_fees(svc))


def test_fees_120x40(snap_compare: Any, svc: AppContext) -> None:
    assert snap_compare(make_app(svc), terminal_size=(120, 40), run_before=_fees(svc))


def test_fees_timer_80x24(snap_compare: Any, svc: AppContext) -> None:
    before = _fees(svc)

    async def run_before(pilot: Pilot[Any]) -> None:
        await before(pilot)
        await pilot.press("T")
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=(80, 24), run_before=run_before)


def test_fees_add_time_80x24(snap_compare: Any, svc: AppContext) -> None:
    before = _fees(svc)

    async def run_before(pilot: Pilot[Any]) -> None:
        await before(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(make_app(svc), terminal_size=(80, 24), run_before=run_before)


def test_dashboard_with_offers(snap_compare: Any, svc: AppContext) -> None:
    _fill(svc)
    assert snap_compare(make_app(svc), terminal_size=(100, 30), run_before=settle)
