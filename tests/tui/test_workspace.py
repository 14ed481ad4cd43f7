"""The matter workspace: tabs, deadline edits, recompute review, edit conflicts."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from textual.widgets import DataTable, Input, Static, TabbedContent

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.conflict import ConflictModal
from casekit.tui.screens.deadline_edit import ReasonModal
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.recompute import RecomputeModal
from tests.tui.helpers import Notices, cells, column, wait_for_workers

SIZE = (100, 30)
MATTER = 3  # TA-2026-0003: open deadlines, custody times, evidence without its file


async def open_matter(pilot, matter_id: int = MATTER) -> MatterScreen:  # type: ignore[no-untyped-def]
    await wait_for_workers(pilot)
    pilot.app.open_matter(matter_id)
    await wait_for_workers(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MatterScreen)
    return screen


async def test_every_tab_shows_the_matter(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        overview = str(screen.query_one("#matter-overview", Static).render())
        assert "TA-2026-0003" in overview
        assert "ELIGIBLE" in overview and "§ 54-192h" in overview
        assert "past the scheduled release" in overview
        await pilot.press("2")
        assert screen.query_one(TabbedContent).active == "timeline"
        kinds = column(screen.query_one("#matter-timeline", DataTable), 1)
        assert kinds[:2] == ["incident", "arrest"] and "release to ICE" in kinds
        await pilot.press("3")
        roles = column(screen.query_one("#matter-parties", DataTable), 0)
        assert "defendant" in roles and "plaintiff" in roles
        await pilot.press("4")
        assert column(screen.query_one("#matter-evidence", DataTable), 3) == ["missing"]
        await pilot.press("5")
        deadlines = screen.query_one("#matter-deadlines", DataTable)
        assert deadlines.row_count >= 1
        detail = str(screen.query_one("#matter-deadline-detail", Static).render())
        assert "Citation: C.G.S." in detail and "trigger" in detail
        await pilot.press("8")
        assert screen.query_one(TabbedContent).active == "history"


async def test_mark_a_deadline_done(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("5")
        table = screen.query_one("#matter-deadlines", DataTable)
        assert cells(table)[0][3] == "open"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)
        await pilot.press(*"filed by hand", "enter")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert cells(table)[0][3] == "done"
        assert cells(table)[0][2].startswith("done ")
        detail = str(screen.query_one("#matter-deadline-detail", Static).render())
        assert "filed by hand" in detail


async def test_waiving_needs_a_reason(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await open_matter(pilot)
        await pilot.press("5", "w")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReasonModal)  # still asking
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MatterScreen)


async def test_accept_a_recompute_diff(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("5")
        before = cells(screen.query_one("#matter-deadlines", DataTable))
        await pilot.press("u")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, RecomputeModal)
        diff_rows = cells(app.screen.query_one(DataTable))
        assert diff_rows and all(row[4] for row in diff_rows)  # every change says why
        await pilot.click("#recompute-accept")
        await wait_for_workers(pilot)
        assert app.screen is screen
        after = cells(screen.query_one("#matter-deadlines", DataTable))
        assert after != before
        await pilot.press("u")  # nothing left to change
        await wait_for_workers(pilot)
        assert app.screen is screen


async def test_edit_conflict_offers_reload(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        assert screen.detail is not None
        first = screen.detail.deadlines[0]
        # Someone else saves the deadline after this screen read it.
        with svc.engine.begin() as conn:
            conn.execute(
                text("UPDATE deadline SET version = version + 1, title = 'Moved' WHERE id = :i"),
                {"i": first.id},
            )
        await pilot.press("5", "x")
        await pilot.pause()
        await pilot.press(*"done", "enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConflictModal)
        assert "changed by someone else" in str(
            app.screen.query_one("#conflict-message", Static).render()
        )
        await pilot.press("r")
        await wait_for_workers(pilot)
        assert app.screen is screen
        assert screen.detail.deadlines[0].title == "Moved"
        assert screen.detail.deadlines[0].status == "open"


async def test_add_a_note(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("7", "i")
        note_input = screen.query_one("#matter-note-input", Input)
        assert app.focused is note_input
        await pilot.press(*"Client called; court date moved", "enter")
        await wait_for_workers(pilot)
        assert note_input.value == ""
        assert screen.detail is not None
        newest = screen.detail.notes[0]
        assert (newest.body, newest.author) == ("Client called; court date moved", "tester")
        assert "Client called; court date moved" in str(
            screen.query_one("#matter-notes", Static).render()
        )
        assert any(n.message == "Note saved" for n in notices.shown)


async def test_a_failed_save_is_a_notification_not_a_crash(svc: AppContext) -> None:
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        screen.query_one("#matter-note-input", Input).value = "x" * 10_001
        screen.query_one("#matter-note-input", Input).focus()
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert app.is_running
        errors = [n.message for n in notices.shown if n.severity == "error"]
        assert errors == ["the note is longer than 10,000 characters"]
        assert screen.detail is not None and len(screen.detail.notes) == 1  # nothing saved


async def test_generate_a_document_with_a_preview(svc: AppContext) -> None:
    from textual.widgets import Select

    from casekit.tui.screens.generate import GenerateModal

    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("g")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, GenerateModal)
        select = modal.query_one("#generate-template", Select)
        names = [value for _, value in select._options if isinstance(value, str)]
        assert "demand-letter" in names
        select.value = "demand-letter"
        await wait_for_workers(pilot)
        preview = str(modal.query_one("#generate-values", Static).render())
        assert "Ana García" in preview
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        written = modal.written
        assert written is not None and Path(written).exists()
        assert "Written to" in str(modal.query_one("#generate-result").render())
        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert app.screen is screen
        await pilot.press("6")
        docs = cells(screen.query_one("#matter-documents", DataTable))
        assert docs and docs[0][1] == "demand-letter"


async def test_generate_dialog_shows_the_plan_refusal(svc: AppContext) -> None:
    from textual.widgets import Select

    from casekit.tui.screens.generate import GenerateModal

    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await open_matter(pilot)
        await pilot.press("g")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, GenerateModal)
        select = modal.query_one("#generate-template", Select)
        select.value = "notice-4-147"  # a municipal matter: no notice to the Claims Commissioner
        await wait_for_workers(pilot)
        shown = str(modal.query_one("#generate-result").render())
        assert "Refused by the pleading plan" in shown and "NOTICE_4147_STATE" in shown
        select.value = "demand-letter"
        await wait_for_workers(pilot)
        assert str(modal.query_one("#generate-result").render()) == ""


async def test_a_notice_asks_which_town_when_there_are_several(svc: AppContext) -> None:
    from textual.widgets import Select

    from casekit.services import casefile as parties
    from casekit.services import documents
    from casekit.tui.screens.generate import GenerateModal

    parties.add_party(svc, 3, role="defendant", town="Avon")
    towns = dict(documents.municipal_defendants(svc, 3))
    assert len(towns) == 2
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, message_hook=notices) as pilot:
        await open_matter(pilot)
        await pilot.press("g")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, GenerateModal)
        town = modal.query_one("#generate-party", Select)
        assert not town.display
        modal.query_one("#generate-template", Select).value = "notice-7-465"
        await wait_for_workers(pilot)
        assert town.display  # several towns: the dialog asks
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert modal.written is None  # not without a town
        # Avon is sued but none of its employees acted: the plan refuses its notice.
        avon = next(i for i, name in towns.items() if name == "Town of Avon")
        town.value = str(avon)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert modal.written is None
        home, home_name = next((i, n) for i, n in towns.items() if n != "Town of Avon")
        town.value = str(home)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert modal.written is not None
    from tests.docgen.helpers import read_back

    text = read_back(Path(modal.written)).everything()
    assert home_name in text and "Town of Avon" not in text
