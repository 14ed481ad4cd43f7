"""The Docs tab (issue 15, item 5): each generated document with its integrity; enter or o
opens it with the system's application (stubbed here), a changed file is said to be changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from casekit.services import documents
from casekit.services.base import AppContext
from casekit.tui import opener
from casekit.tui.launch import make_app
from tests.tui.helpers import Notices, cells, wait_for_workers
from tests.tui.test_workspace import MATTER, SIZE, open_matter


async def test_open_a_document_and_see_its_integrity(
    svc: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(opener, "open_file", opened.append)
    first = documents.generate(svc, "demand-letter", MATTER)
    second = documents.generate(svc, "preservation-letter", MATTER)
    app = make_app(svc)
    notices = Notices()
    async with app.run_test(size=SIZE, notifications=True, message_hook=notices) as pilot:
        screen = await open_matter(pilot)
        await pilot.press("6")
        await wait_for_workers(pilot)
        table = screen.query_one("#matter-documents", DataTable)
        rows = cells(table)
        assert [r[1] for r in rows] == ["preservation-letter", "demand-letter"]  # newest first
        assert [r[3] for r in rows] == ["ok", "ok"]
        table.focus()
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert opened == [Path(second.path)]
        await pilot.press("down", "o")
        await wait_for_workers(pilot)
        assert opened[-1] == Path(first.path)
        # Someone edits the demand letter outside casekit.
        Path(first.path).chmod(0o600)
        Path(first.path).write_bytes(b"edited")
        await pilot.press("f5")
        await wait_for_workers(pilot)
        assert cells(table)[1][3] == "MODIFIED since generated"
        await pilot.press("o")
        await wait_for_workers(pilot)
        messages = [str(n.message) for n in notices.shown]
        assert any("changed since casekit generated it" in m for m in messages)
