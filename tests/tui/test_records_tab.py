"""The Records tab (issue 15, item 5): a records (FOI) request recorded from the tab, with its
clocks (the agency's answer due, days left) shown and saved."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from textual.widgets import DataTable, Input, Static, TabbedContent

from casekit.services.base import AppContext
from casekit.store.models import Deadline, RecordsRequest
from casekit.tui.launch import make_app
from casekit.tui.screens.records_add import RecordsModal
from tests.tui.helpers import Notices, cells, wait_for_workers
from tests.tui.test_matter_edits import new_matter
from tests.tui.test_workspace import SIZE, open_matter


async def test_a_records_request_from_the_tab(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("9")
        assert screen.query_one(TabbedContent).active == "records"
        info = str(screen.query_one("#records-info", Static).render())
        assert "No records request yet" in info
        await pilot.press("a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, RecordsModal)
        # Pre-filled with the incident's agency.
        assert modal.query_one("#records-agency", Input).value == "Danbury Police Department"
        modal.query_one("#records-sent", Input).value = "2026-11-19"
        modal.query_one("#records-received", Input).value = "2026-11-20"
        modal.query_one("#records-description", Input).value = "detainer packet, release log"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert app.screen is screen
        messages = [str(n.message) for n in notices.shown]
        assert any("Records request #" in m and "answer due by" in m for m in messages), messages
        (row,) = cells(screen.query_one("#matter-records", DataTable))
        assert row[1:4] == ["Danbury Police Department", "received", "2026-11-19"]
        assert row[4] != "—" and row[5].startswith("in ")
        info = str(screen.query_one("#records-info", Static).render())
        assert "Asked for: detainer packet, release log" in info
        with svc.engine.connect() as conn:
            (req,) = conn.execute(
                select(RecordsRequest).where(RecordsRequest.matter_id == matter_id)
            ).all()
            assert (req.status, req.sent_on, req.received_on) == (
                "received",
                date(2026, 11, 19),
                date(2026, 11, 20),
            )
            clocks = conn.execute(
                select(Deadline.rule_id, Deadline.safe_target).where(
                    Deadline.records_request_id == req.id
                )
            ).all()
        by_rule = {c.rule_id: c.safe_target.isoformat() for c in clocks}
        assert set(by_rule) == {"CT_FOI_RESPONSE", "CT_FOI_APPEAL"}  # deemed denial, then appeal
        assert (row[4], row[6]) == (by_rule["CT_FOI_RESPONSE"], by_rule["CT_FOI_APPEAL"])


async def test_an_unknown_agency_is_refused(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        await open_matter(pilot, matter_id)
        await pilot.press("9", "a")
        await wait_for_workers(pilot)
        app.screen.query_one("#records-agency", Input).value = "Nowhere Police"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert [str(n.message) for n in notices.shown]
        with svc.engine.connect() as conn:
            assert conn.execute(select(RecordsRequest)).all() == []


async def test_record_the_received_date_from_the_tab(svc: AppContext) -> None:
    from casekit.services import records
    from casekit.tui.screens.confirm import ConfirmModal
    from casekit.tui.screens.records_add import RecordsDatesModal

    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        assert screen.detail is not None
        req = records.create_records_request(
            svc, screen.detail.number, "Danbury Police Department", sent_on=date(2026, 11, 16)
        )
        await pilot.press("f5")
        await wait_for_workers(pilot)
        await pilot.press("9", "r")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, RecordsDatesModal)
        assert modal.query_one("#records-sent_on", Input).value == "2026-11-16"
        modal.query_one("#records-received_on", Input).value = "2026-11-17"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        (row,) = cells(screen.query_one("#matter-records", DataTable))
        assert row[2] == "received" and row[4] != "—"
        first = row[4]
        # A correction that moves a running clock asks first.
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#records-received_on", Input).value = "2026-11-18"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await wait_for_workers(pilot)
        (row,) = cells(screen.query_one("#matter-records", DataTable))
        assert row[4] > first
        with svc.engine.connect() as conn:
            saved = conn.execute(
                select(RecordsRequest.received_on).where(RecordsRequest.id == req.id)
            ).scalar()
        assert saved == date(2026, 11, 18)
