"""App-wide behaviour: keys, palette, help, themes, quitting, small terminals."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, Static

from casekit.services.base import AppContext
from casekit.tui.bindings import APP_ACTIONS
from casekit.tui.launch import make_app
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.screens.help import HelpScreen
from casekit.tui.screens.intake import IntakeScreen
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.matters import MattersScreen
from casekit.tui.screens.reports import ReportsScreen
from casekit.tui.screens.settings import SettingsScreen
from casekit.tui.widgets.row_table import RowTable
from tests.tui.helpers import wait_for_workers

SIZE = (100, 30)


def test_every_app_binding_has_a_stable_unique_id() -> None:
    ids = [a.id for a in APP_ACTIONS]
    assert len(ids) == len(set(ids))
    bindings = make_app.__module__  # the factory is importable without starting anything
    assert bindings == "casekit.tui.launch"


async def test_q_quits(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("typed", ["TA-2026-0007", "open TA-2026-0007", "Open matter TA-2026-0007"])
async def test_palette_opens_a_matter_by_number(svc: AppContext, typed: str) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for ch in typed:
            await pilot.press("space" if ch == " " else ch)
        await wait_for_workers(pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        assert app.screen.detail is not None and app.screen.detail.number == "TA-2026-0007"


async def test_palette_offers_the_actions(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"new intake")
        await wait_for_workers(pilot)  # the palette's search is a worker
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)


def plain(static: Static) -> str:
    """What a Static shows, as text."""
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


async def test_help_lists_keys_with_where_they_work_and_no_ids(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        here, everywhere, elsewhere = (
            plain(app.screen.query_one(f"#help-{part}", Static))
            for part in ("here", "everywhere", "elsewhere")
        )
        assert "Dashboard" in here and "Refresh" in here
        assert "New intake" in everywhere and "Search" in everywhere
        # A key of another screen says where it works.
        assert "Generate" in elsewhere and "(Matter)" in elsewhere
        # A key of one matter tab says which tab.
        assert "(Matter, Deadlines tab)" in elsewhere and "(Matter, Evidence tab)" in elsewhere
        for text in (here, everywhere, elsewhere):  # no internal binding ids
            assert "go-dashboard" not in text and "new-intake" not in text
            assert "dashboard-refresh" not in text
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_theme_toggles(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        before = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != before
        await pilot.press("ctrl+t")
        assert app.theme == before


async def test_reports_and_settings_screens(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("r")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, ReportsScreen)
        assert app.screen.query_one("#reports-reminders", DataTable).row_count > 0
        await pilot.press("e")
        await wait_for_workers(pilot)
        assert list((svc.settings.home / "reports").glob("reminders-*.csv"))
        await pilot.press("s")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert app.screen.query_one("#settings-attorneys", DataTable).row_count == 3
        assert app.screen.query_one("#settings-firm-name", Input).value == "Elm City Legal Aid"


async def test_usable_at_80_by_24(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_workers(pilot)
        agenda = app.screen.query_one("#dashboard-agenda", RowTable)
        assert agenda.region.height >= 8 and agenda.region.width == 80
        await pilot.press("enter")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        tabs = app.screen.query("Tab")
        assert all(t.region.right <= 80 for t in tabs)
        await pilot.press("m")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MattersScreen)
        table = app.screen.query_one("#matters-table", RowTable)
        assert table.region.height >= 8
        await pilot.press("n")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.screen.query_one("#intake-side").region.right <= 80


async def test_slash_focuses_the_search_from_anywhere(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("slash")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MattersScreen)
        assert app.focused is not None and app.focused.id == "matters-search-input"


async def test_mouse_opens_a_matter(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.click("#dashboard-quiet", offset=(5, 1))
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)


async def test_reports_pattern_bars_and_grouping(svc: AppContext) -> None:
    from casekit.tui.widgets.bar_chart import BarChart

    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("r")
        await wait_for_workers(pilot)
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        await pilot.press("v")  # next grouping: by agency (and the Agencies tab shows)
        await wait_for_workers(pilot)
        assert screen.view == "agency" and screen.data is not None
        assert screen.data.agencies.by == "agency"
        chart = screen.query_one(BarChart)
        table = screen.query_one("#reports-agencies", DataTable)
        assert table.row_count == len(screen.data.agencies.rows)
        rendered = str(chart.render())
        if screen.data.agencies.rows:
            top = max(screen.data.agencies.rows, key=lambda r: r.count)
            assert "█" in rendered and str(top.count) in rendered
        else:
            assert "No count is large enough" in rendered
        await pilot.press("e")
        await wait_for_workers(pilot)
        assert list((svc.settings.home / "reports").glob("agencies-agency-*.csv"))
