"""Fees and resolution in the TUI: the timer across a restart, the fees screen, the dashboard's
expiring offers. Pilot flows assert on the messages posted and on the database; the clock is
injected (``AppContext.clock``), nothing sleeps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static, TabbedContent

from casekit.services.base import AppContext
from casekit.store.models import FeePetition, TimeEntry, Timer
from casekit.tui.launch import make_app
from casekit.tui.screens.fees import ChoiceModal, FeesScreen, TimeEntryModal, TimerModal
from casekit.tui.screens.matter import MatterScreen
from tests.tui.helpers import Notices, cells, wait_for_workers

SIZE = (80, 24)
MATTER = 3  # TA-2026-0003: attorney Alex Rivera, claims Trust Act and § 1983
NUMBER = "TA-2026-0003"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def _rows(svc: AppContext, model: Any) -> list[Any]:
    with svc.transaction() as session:
        return list(session.scalars(select(model)).all())


def _rates(svc: AppContext) -> None:
    from casekit.services import fees

    for who in ("Alex Rivera", "Dana Okafor"):
        fees.add_rate(svc, who, cents_per_hour=30000, effective_from=date(2025, 1, 1),
                      source="Affidavit")  # fmt: skip


async def test_timer_start_restart_stop_records_one_entry(svc: AppContext) -> None:
    clock = Clock(datetime(2026, 11, 21, 14, 2, tzinfo=UTC))  # 9:02 in Connecticut
    svc.clock = clock
    messages: list[Message] = []

    app = make_app(svc)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await wait_for_workers(pilot)
        app.open_matter(MATTER)
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        await pilot.press("T")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, TimerModal)
        assert modal.query_one("#timer-timekeeper", Select).value == "Alex Rivera"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert any(isinstance(m, TimerModal.Done) for m in messages)
        assert app.title == f"casekit · Timer {NUMBER} 0:00 (Alex Rivera)"
    [timer] = _rows(svc, Timer)
    assert (timer.started_at, timer.started_by) == (clock.now, "tester")

    clock.now += timedelta(hours=1, minutes=23)  # the app is closed meanwhile
    svc.dispose()
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        # The first screen already shows the timer left running before the restart.
        assert app.title == f"casekit · Timer {NUMBER} 1:23 (Alex Rivera)"
        app.open_matter(MATTER)
        await wait_for_workers(pilot)
        await pilot.press("T")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, TimerModal)
        assert "1 h 23 min, billed as 1.4 h" in str(
            modal.query_one("#timer-state", Static).render()
        )
        assert modal.query_one("#timer-hours", Input).value == "1.4"
        modal.query_one("#timer-category", Select).value = "motions"
        modal.query_one("#timer-claim", Select).value = "section_1983"
        modal.query_one("#timer-description", Input).value = "Draft the opposition"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        assert app.title == "casekit"
    assert _rows(svc, Timer) == []
    [entry] = _rows(svc, TimeEntry)
    assert (entry.tenths, entry.category, entry.claim, entry.source) == (
        14,
        "motions",
        "section_1983",
        "timer",
    )
    assert entry.worked_on == date(2026, 11, 21) and entry.description == "Draft the opposition"


async def test_fees_screen_add_issue_lock_and_correct(svc: AppContext) -> None:
    _rates(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        app.open_fees(MATTER)
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, FeesScreen)
        await pilot.press("a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, TimeEntryModal)
        modal.query_one("#entry-date", Input).value = "2026-11-02"
        modal.query_one("#entry-hours", Input).value = "1.25"
        modal.query_one("#entry-category", Select).value = "pleadings"
        modal.query_one("#entry-description", Input).value = "Draft the complaint"
        await pilot.press("ctrl+s")
        assert "tenths" in str(modal.query_one("#entry-error").render())  # nothing saved yet
        modal.query_one("#entry-hours", Input).value = "1.5"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        [entry] = _rows(svc, TimeEntry)
        assert (entry.tenths, entry.user_id) == (15, 1)  # Alex Rivera, the matter's attorney
        table = screen.query_one("#fees-entries", DataTable)
        assert cells(table)[0][1:6] == ["2026-11-02", "Alex Rivera", "1.5", "Pleadings", "$450.00"]

        await pilot.press("p")
        await wait_for_workers(pilot)
        await pilot.press("enter")  # "through today" as proposed
        await wait_for_workers(pilot)
        [petition] = _rows(svc, FeePetition)
        assert (petition.number, petition.lodestar_cents) == (1, 45000)
        assert cells(table)[0][0] == "L"

        await pilot.press("e")  # a locked entry is not edited: the notice says what to do
        await wait_for_workers(pilot)
        assert isinstance(app.screen, FeesScreen)
        assert any("press c" in text for text in notices.texts)
        await pilot.press("c")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, TimeEntryModal) and modal.correction
        modal.query_one("#entry-hours", Input).value = "1.2"
        modal.query_one("#entry-reason", Input).value = "Time overstated"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
    entries = sorted(_rows(svc, TimeEntry), key=lambda e: e.id)
    assert [(e.tenths, e.corrects_id) for e in entries] == [
        (15, None), (-15, entries[0].id), (12, entries[0].id)
    ]  # fmt: skip


async def test_dashboard_lists_offers_about_to_expire(svc: AppContext) -> None:
    from casekit.services.deadlines.resolution import add_resolution

    add_resolution(svc, NUMBER, kind="offer", amount="15000", expires_on=date(2026, 11, 26),
                   injunctive_terms="Adopt a written policy")  # fmt: skip
    app = make_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        offers = app.screen.query_one("#dashboard-offers")
        assert offers.display
        assert cells(offers) == [  # type: ignore[arg-type]
            ["2026-11-26", "in 5d", NUMBER, "defendant's offer $15,000.00", cells(offers)[0][4]]  # type: ignore[arg-type]
        ]
        offers.focus()
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, FeesScreen) and app.screen.matter_id == MATTER
        assert app.screen.query_one(TabbedContent).active == "fees-resolution"
        events = app.screen.query_one("#fees-events", DataTable)
        assert cells(events)[0][1:4] == ["offer", "defendant", "$15,000.00"]
        await pilot.press("u")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ChoiceModal)
        app.screen.query_one(Select).value = "accepted"
        await pilot.click("#choice-save")
        await wait_for_workers(pilot)
        assert cells(events)[0][5] == "accepted"


async def test_no_offers_no_section(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_workers(pilot)
        assert not app.screen.query_one("#dashboard-offers").display
        assert app.title == "casekit"


def _footer(app: Any) -> list[str]:
    """The ids of the keys the footer shows, in its order."""
    shown = app.screen.active_bindings.values()
    return [b.binding.id for b in shown if b.binding.show and b.binding.id]


async def test_each_tab_has_its_own_keys(svc: AppContext) -> None:
    """``e`` and ``c`` belong to the Time tab, ``u`` to the Resolution tab: on another tab they
    are not in the footer and do nothing; 1-4 and left/right switch tabs; the footer keeps its
    order."""
    from casekit.services import fees

    _rates(svc)
    fees.add_time_entry(svc, MATTER, timekeeper="Alex Rivera", hours="1.0",
                        category="pleadings", description="Draft")  # fmt: skip
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        app.open_fees(MATTER)
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, FeesScreen)
        tabs = screen.query_one(TabbedContent)
        assert _footer(app)[:8] == ["help", "quit", "fees-add", "fees-edit", "fees-remove",
                                    "fees-correct", "fees-timer", "fees-petition"]  # fmt: skip
        await pilot.press("3")
        assert tabs.active == "fees-resolution"
        shown = _footer(app)
        assert "fees-offer-status" in shown
        assert "fees-edit" not in shown and "fees-correct" not in shown
        await pilot.press("e")  # a Time tab key on the Resolution tab: nothing happens
        await wait_for_workers(pilot)
        assert app.screen is screen
        await pilot.press("left")
        assert tabs.active == "fees-costs"
        await pilot.press("u")  # a Resolution tab key on the Costs tab: nothing happens
        await wait_for_workers(pilot)
        assert app.screen is screen
        await pilot.press("1")
        assert tabs.active == "fees-time"
        assert "fees-edit" in _footer(app) and "fees-offer-status" not in _footer(app)
        await pilot.press("e")  # on its own tab it works
        await wait_for_workers(pilot)
        assert isinstance(app.screen, TimeEntryModal)
        await pilot.press("escape")
        await pilot.press("right", "right")
        assert tabs.active == "fees-resolution"
        await pilot.press("u")
        await wait_for_workers(pilot)
        assert app.screen is screen  # no demand or offer selected: a notice, no dialog


def test_help_says_which_fees_tab_a_key_works_on() -> None:
    """The help screen names a tab as its label reads ("Matter, Docs tab"), on both screens."""
    from casekit.tui.bindings import key_rows

    where = {row.ids[0]: row.where for row in key_rows() if row.ids}
    assert where["fees-edit"] == ("Fees, Time tab",)
    assert where["fees-offer-status"] == ("Fees, Resolution tab",)
    assert where["fees-add"] == ("Fees",)
    assert where["document-open"] == ("Matter, Docs tab",)
