"""Calendar export, backup and restore from the command palette (issue 15, item 5); restore
asks first and puts the backed-up data back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from textual.widgets import Input, Static

from casekit.services.base import AppContext
from casekit.services.casefile import notes
from casekit.store.models import Note
from casekit.tui.launch import make_app
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.office_tasks import BackupModal, ExportCalendarModal, RestoreModal
from tests.tui.helpers import wait_for_workers
from tests.tui.test_workspace import SIZE


async def _palette(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    await wait_for_workers(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    for ch in typed:
        await pilot.press("space" if ch == " " else ch)
    await wait_for_workers(pilot)  # the palette's search is a worker
    await pilot.press("enter")
    await pilot.pause()


def _notes(svc: AppContext) -> int:
    with svc.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Note)).scalar())


async def test_export_the_calendar(svc: AppContext, tmp_path: Path) -> None:
    target = tmp_path / "office.ics"
    app = make_app(svc)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _palette(pilot, "export calendar")
        modal = app.screen
        assert isinstance(modal, ExportCalendarModal)
        modal.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        result = str(modal.query_one("#task-result", Static).render())
        assert "event(s) written to" in result
        assert target.read_text().startswith("BEGIN:VCALENDAR")
        assert target.read_text().count("BEGIN:VEVENT") == int(result.split()[0])


async def test_back_up_then_restore_after_confirming(svc: AppContext, tmp_path: Path) -> None:
    archive = tmp_path / "office-backup.tar.gz"
    app = make_app(svc)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _palette(pilot, "back up")
        modal = app.screen
        assert isinstance(modal, BackupModal)
        modal.query_one("#backup-output", Input).value = str(archive)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert "Backed up" in str(modal.query_one("#task-result", Static).render())
        assert archive.is_file()
        await pilot.press("escape")
        await pilot.pause()

        before = _notes(svc)
        notes.add_note(svc, 3, "written after the backup")
        assert _notes(svc) == before + 1

        await _palette(pilot, "restore")
        modal = app.screen
        assert isinstance(modal, RestoreModal)
        modal.query_one("#restore-archive", Input).value = str(archive)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        confirm = app.screen
        assert isinstance(confirm, ConfirmModal)
        await pilot.press("escape")  # not now: nothing restored
        await wait_for_workers(pilot)
        assert "Nothing was restored" in str(modal.query_one("#task-result", Static).render())
        assert _notes(svc) == before + 1

        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")
        await wait_for_workers(pilot)
        result = str(modal.query_one("#task-result", Static).render())
        assert result.startswith("Restored"), result
        assert _notes(svc) == before  # the note written after the backup is gone
