"""Editing a matter from its workspace: custody events, the incident, the status, parties.

A change to a deadline trigger opens the recompute dialog; nothing moves until it is accepted.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select, Static

from casekit.services import clients, matters
from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.matter_edit import CustodyModal, IncidentModal, StatusModal
from casekit.tui.screens.party_add import PartyModal
from casekit.tui.screens.recompute import RecomputeModal
from tests.tui.helpers import Notices, cells, column, wait_for_workers
from tests.tui.test_workspace import SIZE, open_matter


def new_matter(svc: AppContext) -> int:
    """A matter opened through the services, so its deadlines are the real computed ones."""
    client = clients.add_client(svc, name="Wei Chen")
    return matters.add_matter(
        svc,
        client=client.id,
        incident_date="2026-10-01",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    ).id


def due(screen: MatterScreen, rule_id: str) -> date:
    assert screen.detail is not None
    (row,) = [d for d in screen.detail.deadlines if d.rule_id == rule_id and d.status == "open"]
    return row.due


async def fill(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(selector, Input)
    widget.value = ""
    widget.focus()
    await pilot.press(*text)


async def test_a_release_restates_the_1983_deadline_once_accepted(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        assert due(screen, "FED_1983_SOL") == date(2029, 10, 1)
        await pilot.press("2", "a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CustodyModal)
        modal.query_one("#custody-kind", Select).value = "release"
        await fill(pilot, "#custody-date", "2026-10-04")
        await fill(pilot, "#custody-time", "09:30")
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)

        review = app.screen
        assert isinstance(review, RecomputeModal)
        rows = cells(review.query_one(DataTable))
        # Both accrual readings are shown; the incident-date one stays the safe target
        # (trust-act.md § 4), so the deadline is restated, not moved.
        assert ["restated", "2029-10-01", "2029-10-01"] in [[r[0], r[2], r[3]] for r in rows]
        timeline = cells(screen.query_one("#matter-timeline", DataTable))
        assert ["2026-10-04 09:30", "release", "Release"] in timeline  # Connecticut time

        await pilot.click("#recompute-accept")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert due(screen, "FED_1983_SOL") == date(2029, 10, 1)


async def test_a_custody_event_needs_a_time(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await open_matter(pilot)
        await pilot.press("2", "a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CustodyModal)
        modal.query_one("#custody-kind", Select).value = "booking"
        await fill(pilot, "#custody-date", "2026-10-04")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert "HH:MM" in str(modal.query_one("#custody-error").render())
        await pilot.press("escape")  # typed input: asks first (issue 15, item 3)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, MatterScreen)


async def test_correct_the_incident_date_and_reject_the_recompute(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        before = due(screen, "CT_7465_NOTICE")
        await pilot.press("2", "c")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, IncidentModal)
        assert modal.query_one("#incident-date", Input).value == "2026-10-01"
        await fill(pilot, "#incident-date", "2026-10-02")
        await fill(pilot, "#incident-time", "23:10")
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, RecomputeModal)
        await pilot.press("escape")  # reject: the deadlines stay where they were
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert screen.detail is not None
        incident = screen.detail.incidents[0]
        assert incident.occurred_on == date(2026, 10, 2)
        assert column(screen.query_one("#matter-timeline", DataTable), 0)[0] == "2026-10-02 23:10"
        assert due(screen, "CT_7465_NOTICE") == before
        assert any("rejected" in n.message for n in notices.shown)


async def test_change_the_status(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        assert screen.detail is not None and screen.detail.status == "active"
        await pilot.press("t")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, StatusModal)
        modal.query_one("#status-select", Select).value = "closed"
        await pilot.press("ctrl+s")  # no reason yet: asked for
        await pilot.pause()
        assert app.screen is modal
        assert "Say why" in str(modal.query_one("#status-error").render())
        await pilot.press(*"settled")  # the reason field has the focus
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        confirm = app.screen  # the open deadlines that close with the matter, listed first
        assert isinstance(confirm, ConfirmModal)
        assert "close with the matter" in str(confirm.query_one("#confirm-question").render())
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert screen.detail.status == "closed"
        assert "closed" in str(screen.query_one("#matter-title").render())
        from casekit.services.deadlines import list_deadlines

        assert list_deadlines(svc, matter=screen.detail.number) == []
        from casekit.services.casefile.notes import list_notes

        assert "Status closed: settled" in [n.body for n in list_notes(svc, screen.detail.id)]

        await pilot.press("t")  # reopen: restoring them is offered
        await pilot.pause()
        app.screen.query_one("#status-select", Select).value = "active"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert screen.detail.status == "active"
        assert list_deadlines(svc, matter=screen.detail.number)


async def test_add_a_defendant_from_the_registry_and_remove_it(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("3", "a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, PartyModal)
        await fill(pilot, "#party-agency", "Connecticut State Police Troop A")
        suggestion = str(modal.query_one("#party-suggestion", Static).render())
        assert "State of Connecticut" in suggestion and "§ 52-64" in suggestion
        await pilot.press("enter")
        await wait_for_workers(pilot)

        review = app.screen
        assert isinstance(review, RecomputeModal)  # a State defendant brings its own notice
        assert any("Claims Commissioner" in r[1] for r in cells(review.query_one(DataTable)))
        await pilot.press("escape")
        await wait_for_workers(pilot)
        parties = cells(screen.query_one("#matter-parties", DataTable))
        assert ["defendant", "State of Connecticut", "state", "official"] in [
            r[:4] for r in parties
        ]

        # Remove it again: select its row, confirm.
        table = screen.query_one("#matter-parties", DataTable)
        table.focus()
        table.move_cursor(row=[r[1] for r in parties].index("State of Connecticut"))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await wait_for_workers(pilot)
        if isinstance(app.screen, RecomputeModal):
            await pilot.press("escape")
            await wait_for_workers(pilot)
        names = column(screen.query_one("#matter-parties", DataTable), 1)
        assert "State of Connecticut" not in names


async def test_add_a_witness(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("3", "a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, PartyModal)
        modal.query_one("#party-role", Select).value = "witness"
        await pilot.pause()
        assert not modal.query_one("#party-agency").display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a name" in str(modal.query_one("#party-error").render())
        await fill(pilot, "#party-name", "Rosa Diaz")
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert app.screen is screen  # a witness moves no deadline: no dialog
        rows = cells(screen.query_one("#matter-parties", DataTable))
        assert ["witness", "Rosa Diaz", "person"] in [r[:3] for r in rows]


async def test_record_service_of_process(svc: AppContext) -> None:
    from casekit.services.deadlines import list_deadlines
    from casekit.services.deadlines.process import recorded
    from casekit.tui.screens.matter_edit import ProcessModal

    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("p")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ProcessModal)
        modal.query_one("#process-date", Input).value = "2026-11-20"
        modal.query_one("#process-return", Input).value = "2026-12-15"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert app.screen is screen
        number = screen.detail.number
    assert recorded(svc, number)[:2] == (date(2026, 11, 20), date(2026, 12, 15))
    rules = {d.rule_id for d in list_deadlines(svc, matter=number)}
    assert {"CT_SERVICE_BEFORE_RETURN", "CT_RETURN_TO_COURT"} <= rules
