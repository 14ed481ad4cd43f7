"""The generate dialog says when the client's language has no version of a letter (issue 13
item 7), and the document it then writes is recorded in English."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import select as sql_select
from textual.widgets import Select

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from tests.tui.helpers import wait_for_workers
from tests.tui.test_workspace import MATTER, SIZE, open_matter


async def test_generate_dialog_notes_an_untranslated_language(svc: AppContext) -> None:
    from casekit.store.models import Document
    from casekit.tui.screens.generate import GenerateModal

    with svc.transaction() as session:
        session.execute(
            text(
                "UPDATE client SET preferred_language = 'pt' "
                "WHERE id = (SELECT client_id FROM matter WHERE id = :m)"
            ),
            {"m": MATTER},
        )
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await open_matter(pilot)
        await pilot.press("g")
        await wait_for_workers(pilot)
        modal = app.screen
        assert isinstance(modal, GenerateModal)
        select = modal.query_one("#generate-template", Select)
        select.value = "client-letter"
        await wait_for_workers(pilot)
        shown = str(modal.query_one("#generate-result").render())
        assert shown.startswith("Note: client-letter has no 'pt' version")
        assert "casekit templates translate client-letter pt" in shown
        select.value = "demand-letter"  # a letter to an agency: English by design, no note
        await wait_for_workers(pilot)
        assert str(modal.query_one("#generate-result").render()) == ""
        select.value = "client-letter"
        await wait_for_workers(pilot)
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert modal.written is not None
    with svc.transaction() as session:
        rows = session.exec(sql_select(Document).where(Document.matter_id == MATTER)).all()
        assert [(d.template, d.language) for d in rows][-1:] == [("client-letter", "en")]
