"""Deadlines you can trust at a glance (issue 15, item 4), driven as a user: a rejected
recompute leaves the deadlines "out of date" on the Deadlines tab, the matter's title and the
dashboard until accepted or kept with a reason; a deadline done by mistake is reopened; the
day it was done is shown; a dashboard row opens the matter on its deadline."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from textual.widgets import DataTable, Label, Static, TabbedContent

from casekit.services.base import AppContext
from casekit.store.models import AuditEvent, Deadline, RecomputeMarker
from casekit.tui.launch import make_app
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.screens.deadline_edit import ReasonModal
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.matter_edit import IncidentModal
from casekit.tui.screens.recompute import RecomputeModal
from casekit.tui.widgets.agenda import AgendaTable
from tests.tui.helpers import Notices, cells, wait_for_workers
from tests.tui.test_matter_edits import fill, new_matter
from tests.tui.test_workspace import SIZE, open_matter

TODAY = date(2026, 11, 21)


def _markers(svc: AppContext) -> list[tuple[str, str]]:
    with svc.engine.connect() as conn:
        return [
            (r.resolution, r.reason)
            for r in conn.execute(select(RecomputeMarker).order_by(RecomputeMarker.id))
        ]


def _messages(notices: Notices) -> list[str]:
    return [str(n.message) for n in notices.shown]


async def _change_incident_and_reject(pilot, screen: MatterScreen) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("2", "c")
    await pilot.pause()
    assert isinstance(app.screen, IncidentModal)
    await fill(pilot, "#incident-date", "2026-10-02")
    await pilot.press("enter")
    await wait_for_workers(pilot)
    assert isinstance(app.screen, RecomputeModal)
    await pilot.press("escape")
    await wait_for_workers(pilot)
    assert app.screen is screen


def _stale_rows(screen: MatterScreen) -> list[list[str]]:
    return [
        r for r in cells(screen.query_one("#matter-deadlines", DataTable)) if "OUT OF DATE" in r[4]
    ]


async def test_rejected_recompute_is_marked_until_accepted(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await _change_incident_and_reject(pilot, screen)
        text = f"out of date: incident changed on {TODAY} (incident date 2026-10-01 → 2026-10-02)"
        assert any(text in m for m in _messages(notices)), _messages(notices)
        assert _markers(svc) == [("", "")]
        await pilot.press("5")
        assert _stale_rows(screen)
        banner = str(screen.query_one("#matter-deadlines-marker", Static).render())
        assert text.capitalize() in banner
        title = str(screen.query_one("#matter-title", Label).render())
        assert "OUT OF DATE" in title
        # Still there after leaving and coming back (persistent: read from the database).
        await pilot.press("d")
        await wait_for_workers(pilot)
        dash = app.screen
        assert isinstance(dash, DashboardScreen)
        counts = str(dash.query_one("#dashboard-counts", Static).render())
        assert "OUT OF DATE 1" in counts
        agenda = cells(dash.query_one(AgendaTable))  # type: ignore[arg-type]
        assert any(r[4].startswith("OUT OF DATE") for r in agenda)
        screen = await open_matter(pilot, matter_id)
        await pilot.press("5")
        assert _stale_rows(screen)
        # Accept the recompute: the marker goes everywhere.
        await pilot.press("u")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, RecomputeModal)
        # ctrl+s accepts (the button may sit under the notifications in the corner).
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert "The recomputed deadlines were accepted" in _messages(notices)
        assert not _stale_rows(screen)
        assert not screen.query_one("#matter-deadlines-marker", Static).display
        assert "OUT OF DATE" not in str(screen.query_one("#matter-title", Label).render())
        assert _markers(svc) == [("accepted", "")]
        await pilot.press("d")
        await wait_for_workers(pilot)
        counts = str(app.screen.query_one("#dashboard-counts", Static).render())
        assert "OUT OF DATE" not in counts


async def test_keep_with_a_reason_clears_the_marker(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await _change_incident_and_reject(pilot, screen)
        await pilot.press("5", "k")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press("enter")  # no reason: still asking
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press(*"arrest report says Oct 1", "enter")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert any("kept as they are" in m for m in _messages(notices))
        assert not _stale_rows(screen)
        assert _markers(svc) == [("kept", "arrest report says Oct 1")]


async def test_reopen_a_deadline_done_by_mistake(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("5")
        table = screen.query_one("#matter-deadlines", DataTable)
        first = screen.query_one("#matter-deadlines", DataTable).cursor_row
        assert cells(table)[first][3] == "open"
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"served", "enter")
        await wait_for_workers(pilot)
        assert cells(table)[first][2] == f"done {TODAY}"
        detail = str(screen.query_one("#matter-deadline-detail", Static).render())
        assert f"done on {TODAY}" in detail
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press(*"wrong deadline", "enter")
        await wait_for_workers(pilot)
        assert cells(table)[first][3] == "open"
        assert any("open again" in m for m in _messages(notices))
        assert screen.detail is not None
        row_id = screen.detail.deadlines[first].id
        with svc.engine.connect() as conn:
            row = conn.execute(select(Deadline).where(Deadline.id == row_id)).one()
            assert (row.status, row.completed_on, row.status_reason) == (
                "open",
                None,
                "wrong deadline",
            )
            events = conn.execute(
                select(AuditEvent.changes)
                .where(AuditEvent.entity == "deadline")
                .where(AuditEvent.entity_id == row_id)
            ).all()
        assert [e[0]["status"]["after"] for e in events if "status" in e[0]][-2:] == [
            "done",
            "open",
        ]


async def test_a_dashboard_row_opens_the_matter_on_its_deadline(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        agenda = app.screen.query_one(AgendaTable)
        agenda.focus()
        await pilot.press("down", "down")
        key = agenda.cursor_key
        assert key is not None and key.startswith("deadline-")
        wanted = int(key.removeprefix("deadline-"))
        await pilot.press("enter")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, MatterScreen)
        assert screen.query_one(TabbedContent).active == "deadlines"
        assert screen.detail is not None
        row = screen.query_one("#matter-deadlines", DataTable).cursor_row
        assert screen.detail.deadlines[row].id == wanted
