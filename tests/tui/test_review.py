"""The recompute review screen (U): every matter's changes, each accepted or rejected on its own."""

from __future__ import annotations

from textual.widgets import DataTable

from casekit.services.base import AppContext
from casekit.services.deadlines import recompute_all_preview
from casekit.tui.launch import make_app
from casekit.tui.screens.review import ACCEPTED, REJECTED, RecomputeReviewScreen
from tests.tui.helpers import cells, wait_for_workers
from tests.tui.test_workspace import SIZE


def _signatures(svc: AppContext) -> set[tuple[object, ...]]:
    return {c.signature() for d in recompute_all_preview(svc).values() for c in d.changes}


async def test_accept_one_change_then_a_matter_then_all(svc: AppContext) -> None:
    before = _signatures(svc)
    assert len(before) > 3  # the office database has pending changes
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("U")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, RecomputeReviewScreen)
        table = screen.query_one("#review-table", DataTable)
        rows = cells(table)
        assert len(rows) == len(before)
        assert {r[0] for r in rows} == {REJECTED}  # every change starts rejected
        await pilot.press("ctrl+s")  # nothing accepted: nothing applied
        await wait_for_workers(pilot)
        assert _signatures(svc) == before

        await pilot.press("space")
        assert cells(table)[0][0] == ACCEPTED
        chosen = screen.items[0][1].signature()
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert _signatures(svc) == before - {chosen}  # the rejected ones come back
        assert len(cells(table)) == len(before) - 1

        await pilot.press("a")  # every change of the first row's matter
        matter = screen.items[0][0]
        marked = {screen.items[i][0] for i in screen.accepted}
        assert marked == {matter}
        await pilot.press("A")
        assert {r[0] for r in cells(table)} == {ACCEPTED}
        await pilot.press("ctrl+s")
        await wait_for_workers(pilot)
        assert _signatures(svc) == set()
