"""The layout rules of issue 15 item 6, asserted (not only pictured in the snapshots).

At 80x24 the dashboard keeps the client column and at least 14 agenda rows, the matters list
keeps number, client, status and next deadline, and every footer keeps ``?`` and ``q``; at
120x40 the columns grow so that names are not cut short.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.widgets.agenda import AgendaTable
from casekit.tui.widgets.columns import Column, fit_columns
from casekit.tui.widgets.matter_table import MatterTable
from tests.tui.helpers import column, wait_for_workers


def test_fit_columns_drops_the_highest_rank_first_then_grows() -> None:
    cols = (
        Column("A", 10),
        Column("B", 10, grow=1, max_width=14),
        Column("C", 10, drop=1),
        Column("D", 10, drop=2),
    )
    assert fit_columns(cols, 48) == ((0, 10), (1, 10), (2, 10), (3, 10))  # 4 x (10 + 2)
    assert fit_columns(cols, 40) == ((0, 10), (1, 14), (2, 10))  # D goes, B takes 4 of 4
    assert fit_columns(cols, 30) == ((0, 10), (1, 14))
    assert fit_columns(cols, 100) == ((0, 10), (1, 14), (2, 10), (3, 10))  # B stops at 14
    assert fit_columns(cols, 0) == ((0, 10), (1, 10), (2, 10), (3, 10))  # not laid out yet


def footer_keys(pilot: Pilot[Any]) -> dict[str, bool]:
    """Each footer key and whether it is wholly on screen."""
    width = pilot.app.size.width
    return {
        key.key: key.region.width > 0 and key.region.right <= width
        for key in pilot.app.screen.query(FooterKey)
    }


async def test_dashboard_at_80x24_keeps_client_and_14_agenda_rows(svc: AppContext) -> None:
    async with make_app(svc).run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        agenda = pilot.app.screen.query_one(AgendaTable)
        assert "Client" in agenda.shown_columns
        assert agenda.scrollable_content_region.height - 1 >= 14  # the header row aside
        assert agenda.region.bottom <= 24
        shown = footer_keys(pilot)
        assert shown["question_mark"] and shown["q"], shown
        # Empty sections take no line: every section heading shown has deadlines under it.
        keys = [agenda.key_at(i) for i in range(agenda.row_count)]
        for i, key in enumerate(keys):
            if key.startswith("section-"):
                assert i + 1 < len(keys) and keys[i + 1].startswith("deadline-"), keys


async def test_matters_at_80x24_keep_number_client_status_next_due(svc: AppContext) -> None:
    async with make_app(svc).run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await wait_for_workers(pilot)
        table = pilot.app.screen.query_one(MatterTable)
        assert table.shown_columns[:4] == ("Matter", "Client", "Status", "Next due")
        width = sum(w + 2 for _, w in table.layout_columns)
        assert width <= table.size.width  # nothing to scroll sideways for
        shown = footer_keys(pilot)
        assert shown["question_mark"] and shown["q"], shown


@pytest.mark.parametrize("tab", ["1", "5", "8"])
async def test_workspace_footer_keeps_help_and_quit_at_80(svc: AppContext, tab: str) -> None:
    async with make_app(svc).run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        pilot.app.open_matter(3)  # type: ignore[attr-defined]
        await wait_for_workers(pilot)
        await pilot.press(tab)
        await wait_for_workers(pilot)
        shown = footer_keys(pilot)
        assert shown["question_mark"] and shown["q"], shown


async def test_at_120x40_columns_grow_and_names_are_not_cut(svc: AppContext) -> None:
    async with make_app(svc).run_test(size=(120, 40)) as pilot:
        await wait_for_workers(pilot)
        agenda = pilot.app.screen.query_one(AgendaTable)
        assert "Safe by" in agenda.shown_columns
        widths = dict(zip(agenda.shown_columns, (w for _, w in agenda.layout_columns), strict=True))
        assert widths["Client"] > 12 and widths["Deadline"] > 15
        titles = [t for t in column(agenda, 4) if t and not t.startswith("first ")]
        assert max(len(t) for t in titles) <= widths["Deadline"]
        await pilot.press("m")
        await wait_for_workers(pilot)
        table = pilot.app.screen.query_one(MatterTable)
        assert table.shown_columns == (
            "Matter",
            "Client",
            "Status",
            "Next due",
            "Town",
            "Agency",
            "Attorney",
        )
        widths = dict(zip(table.shown_columns, (w for _, w in table.layout_columns), strict=True))
        client_width = widths["Client"]
        assert max(len(n) for n in column(table, 1)) <= client_width
