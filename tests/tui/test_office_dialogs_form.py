"""The office's dialogs (the Records tab's, evidence) are forms like the others: escape on a
half-typed one asks "Discard changes?" (the default keeps editing, what was typed stays), on an
untouched one it just closes; nothing is written until saved."""

from __future__ import annotations

from sqlalchemy import func, select
from textual.widgets import Input

from casekit.services.base import AppContext
from casekit.store.models import RecordsRequest
from casekit.tui.launch import make_app
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.evidence_add import EvidenceModal
from casekit.tui.screens.form import DISCARD_QUESTION, FormDialog
from casekit.tui.screens.records_add import RecordsDatesModal, RecordsModal
from tests.tui.helpers import wait_for_workers
from tests.tui.test_matter_edits import new_matter
from tests.tui.test_workspace import SIZE, open_matter


def _requests(svc: AppContext, matter_id: int) -> int:
    with svc.engine.connect() as conn:
        query = select(func.count()).where(RecordsRequest.matter_id == matter_id)
        return int(conn.execute(query).scalar() or 0)


async def test_escape_on_a_half_typed_records_request_asks_first(svc: AppContext) -> None:
    assert issubclass(RecordsDatesModal, FormDialog) and issubclass(EvidenceModal, FormDialog)
    matter_id = new_matter(svc)
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_matter(pilot, matter_id)
        await pilot.press("9")
        await pilot.press("a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, RecordsModal)
        await pilot.press("escape")  # untouched (the agency is pre-filled): just closes
        await wait_for_workers(pilot)
        assert app.screen is screen

        await pilot.press("a")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, RecordsModal)
        modal.query_one("#records-description", Input).focus()
        await pilot.press(*"detainer pa")
        await pilot.press("escape")
        await wait_for_workers(pilot)
        asked = app.screen
        assert isinstance(asked, ConfirmModal)
        assert asked.question == DISCARD_QUESTION == "Discard changes?"
        await pilot.press("escape")  # keep editing: what was typed is still there
        await wait_for_workers(pilot)
        assert app.screen is modal
        assert modal.query_one("#records-description", Input).value == "detainer pa"

        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.click("#confirm-yes")  # Discard
        await wait_for_workers(pilot)
        assert app.screen is screen
    assert _requests(svc, matter_id) == 0
