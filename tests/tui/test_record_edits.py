"""Editing every record from the matter workspace, and nothing typed lost (issue 15, items 1
and 3). Each flow asserts on what the screen says and on the database."""

from __future__ import annotations

from textual import events
from textual.widgets import Checkbox, DataTable, Input, Label, Select

from casekit.services import casefile as timeline
from casekit.services import clients
from casekit.services.base import AppContext
from casekit.services.office import settings
from casekit.tui.launch import make_app
from casekit.tui.screens.attorney_edit import AttorneyModal
from casekit.tui.screens.claims_edit import ClaimsModal
from casekit.tui.screens.client_edit import ClientEditModal
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.conflict import ConflictModal
from casekit.tui.screens.custody_edit import CustodyEditModal
from casekit.tui.screens.deadline_edit import ReasonModal
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.matter_edit import CustodyModal
from casekit.tui.screens.recompute import RecomputeModal
from tests.tui.helpers import Notices, wait_for_workers
from tests.tui.test_matter_edits import fill, new_matter
from tests.tui.test_workspace import open_matter

SIZE = (80, 24)


def notes_of(notices: Notices) -> list[str]:
    return [str(n.message) for n in notices.shown]


async def test_edit_a_clients_phone_and_mark_it_unsafe(svc: AppContext) -> None:
    from casekit.services.casefile import matter_detail

    matter_id = new_matter(svc)
    client = clients.show_client(svc, str(matter_detail(svc, matter_id).client_id))
    clients.update_client(
        svc, str(client.id), changes={"phone": "860-555-0100", "phone_safe": True}
    )
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("e")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, ClientEditModal)
        assert modal.query_one("#client-phone", Input).value == "860-555-0100"
        await fill(pilot, "#client-phone", "203-555-0199")
        modal.query_one("#client-phone-safe", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        confirm = app.screen  # a flag change is confirmed first
        assert isinstance(confirm, ConfirmModal)
        assert "phone: NOT safe to contact" in str(confirm.query_one("#confirm-question").render())
        await pilot.press("y")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert any("PHONE NOT SAFE to contact" in n for n in notes_of(notices))
        overview = str(screen.query_one("#matter-overview").render())
        assert "203-555-0199  [NOT safe to contact]" in overview
    stored = clients.show_client(svc, str(client.id))
    assert (stored.phone, stored.phone_safe) == ("203-555-0199", False)
    assert stored.version == client.version + 2


async def test_change_the_attorney_and_a_stale_version_is_refused(svc: AppContext) -> None:
    from casekit.services.casefile import matter_detail
    from casekit.services.matters import assign_attorney

    matter_id = new_matter(svc)
    number = matter_detail(svc, matter_id).number
    settings.add_attorney(svc, name="Zora Quill", juris="412345")
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("A")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, AttorneyModal)
        modal.query_one("#attorney-select", Select).value = "Zora Quill"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert screen.detail is not None and screen.detail.attorney == "Zora Quill"
        assert any("→ Zora Quill" in n for n in notes_of(notices))

        settings.add_attorney(svc, name="Ada Byrne", juris="412399")
        assign_attorney(svc, number, "Ada Byrne")  # someone else, meanwhile
        await pilot.press("A")
        await wait_for_workers(pilot)
        app.screen.query_one("#attorney-select", Select).value = "none"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        conflict = app.screen
        assert isinstance(conflict, ConflictModal)
        assert "someone else changed this matter" in str(
            conflict.query_one("#conflict-message", Label).render()
        )
    from casekit.services.casefile import matter_file as show_matter

    assert show_matter(svc, number).attorney == "Ada Byrne"  # the stale write changed nothing


async def test_claims_and_relief(svc: AppContext) -> None:
    from casekit.services.casefile import matter_detail
    from casekit.services.casefile import matter_file as show_matter

    matter_id = new_matter(svc)
    number = matter_detail(svc, matter_id).number
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await open_matter(pilot, matter_id)
        await pilot.press("l")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ClaimsModal)
        modal.query_one("#claim-section_1983", Checkbox).value = True
        await fill(pilot, "#claims-relief", "injunction; damages")
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
    shown = show_matter(svc, number)
    assert "section_1983" in shown.claims
    assert shown.relief_sought == "injunction; damages"


async def test_edit_and_remove_a_custody_event_with_a_reason(svc: AppContext) -> None:
    matter_id = new_matter(svc)
    timeline.add_custody_event(svc, matter_id, kind="booking", at="2026-10-01T12:00")
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("2")
        table = screen.query_one("#matter-timeline", DataTable)
        table.focus()
        table.move_cursor(row=1)  # the incident, then the booking
        await pilot.press("e")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, CustodyEditModal)
        assert modal.query_one("#custody-time", Input).value == "12:00"
        await fill(pilot, "#custody-date", "2026-09-30")  # before the incident: asked
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmModal)
        assert "before the incident" in str(confirm.query_one("#confirm-question").render())
        await pilot.press("escape")  # not saved
        await wait_for_workers(pilot)
        (event,) = timeline.list_custody_events(svc, matter_id)
        assert event.at.strftime("%Y-%m-%d") == "2026-10-01"

        table.focus()
        table.move_cursor(row=1)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press(*"wrong matter", "enter")
        await wait_for_workers(pilot)
        if isinstance(app.screen, RecomputeModal):
            await pilot.press("escape")
            await pilot.pause()
        assert len(screen.detail.timeline) == 1  # type: ignore[union-attr]
    assert timeline.list_custody_events(svc, matter_id) == []
    from sqlalchemy import text

    with svc.engine.connect() as conn:
        removed = conn.execute(
            text("SELECT removed_at FROM custodyevent WHERE matter_id = :m"), {"m": matter_id}
        ).scalar()
    assert removed is not None  # kept, marked removed


async def test_escape_on_a_half_typed_note_asks(svc: AppContext) -> None:
    from casekit.services.casefile.notes import list_notes

    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("7", "i", *"Called the cli")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)  # asked; the default keeps editing
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#matter-note-input", Input).value == "Called the cli"
        await pilot.press(*"ent", "enter")
        await wait_for_workers(pilot)
    assert [n.body for n in list_notes(svc, matter_id)] == ["Called the client"]


async def test_escape_on_settings_prompts(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("s")
        await wait_for_workers(pilot)
        settings_screen = app.screen
        settings_screen.query_one("#settings-firm-name", Input).focus()
        await pilot.press(*"Smith")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is settings_screen
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        await pilot.press("escape")  # saved: nothing to ask
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
    assert settings.show_settings(svc)["firm.name"].endswith("Smith")


async def test_a_key_burst_lands_in_the_custody_dialog(svc: AppContext) -> None:
    """Keys typed or pasted at full speed right behind the one that opens the dialog go to its
    fields in order, none to the timeline underneath."""
    matter_id = new_matter(svc)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("2")
        await pilot.pause()
        burst = ["a", "tab", *"2026-10-04", "tab", *"09:30", "tab", *"jail log"]
        for key in burst:  # posted at once: nothing waits between them
            char = key if len(key) == 1 else None
            app.post_message(events.Key(key, char))
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, CustodyModal)
        values = [modal.query_one(f"#custody-{n}", Input).value for n in ("date", "time", "note")]
        assert values == ["2026-10-04", "09:30", "jail log"]
        assert screen.query_one("#matter-timeline", DataTable).cursor_row == 0
        modal.query_one("#custody-kind", Select).value = "release"
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
    (event,) = timeline.list_custody_events(svc, matter_id)
    assert (event.kind, event.note) == ("release", "jail log")
