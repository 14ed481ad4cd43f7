"""Whole user flows through the app, driven with Pilot."""

from __future__ import annotations

from textual.widgets import Input, Label

from casekit.services.base import AppContext
from casekit.tui.launch import make_app
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.screens.matter import MatterScreen
from casekit.tui.screens.matters import MattersScreen
from casekit.tui.widgets.row_table import RowTable
from tests.tui.helpers import cells, column, until, wait_for_workers

SIZE = (100, 30)


async def test_dashboard_shows_agenda_with_matter_numbers(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert isinstance(app.screen, DashboardScreen)
        agenda = app.screen.query_one("#dashboard-agenda", RowTable)
        rows = cells(agenda)
        assert rows[0][0].startswith("Overdue")
        numbers = [r[3] for r in rows if r[3].startswith("TA-")]
        assert numbers
        assert any(r[2] == "verify" for r in rows)
        assert "DEMO DATA" in app.sub_title


async def test_matters_search_and_open(svc: AppContext) -> None:
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("m")
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MattersScreen)
        table = app.screen.query_one("#matters-table", RowTable)
        assert table.row_count == 40
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"perez")
        await until(pilot, lambda: app.screen.settled)  # type: ignore[attr-defined]
        await wait_for_workers(pilot)
        clients = column(table, 1)
        assert clients and all("Pérez" in c for c in clients)
        await pilot.press("enter")  # from the search box to the table
        await pilot.press("enter")  # open the highlighted matter
        await wait_for_workers(pilot)
        assert isinstance(app.screen, MatterScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MattersScreen)
        await pilot.press("d")
        assert isinstance(app.screen, DashboardScreen)


async def test_a_long_search_pages_as_the_cursor_moves(svc: AppContext, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from casekit.services import casefile as views
    from casekit.tui.screens import matters as matters_screen
    from casekit.tui.widgets import matter_table

    monkeypatch.setattr(matters_screen, "PAGE_SIZE", 5)
    monkeypatch.setattr(matter_table, "PREFETCH_ROWS", 2)
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("m", "slash", "a")
        await until(pilot, lambda: app.screen.settled)  # type: ignore[attr-defined]
        await wait_for_workers(pilot)
        total = views.page_matters(svc, query="a").total
        assert total > 10
        status = app.screen.query_one("#matters-status-line", Label)
        assert str(status.content) == f"5 of {total} matters"
        table = app.screen.query_one("#matters-table", RowTable)
        table.focus()
        await pilot.press("end")  # near the end of the page: the next one is read
        await wait_for_workers(pilot)
        assert table.row_count == 10
        assert str(status.content) == f"10 of {total} matters"


async def test_on_the_demo_generator(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The app on what ``casekit demo`` makes (schema created on first start, then filled)."""
    from datetime import date

    from casekit.services.demo import run_demo
    from casekit.services.setup import ensure_schema
    from tests.tui.factory import settings_for

    svc = AppContext(settings_for(tmp_path / "demo"), today=date(2026, 11, 21))
    ensure_schema(svc)
    run_demo(svc, matters=20, seed=7)
    app = make_app(svc, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        assert "DEMO DATA" in app.sub_title
        await pilot.press("m")
        await wait_for_workers(pilot)
        numbers = column(app.screen.query_one("#matters-table", RowTable), 0)
        assert len(numbers) == 20 and all(n.startswith("TA-") for n in numbers)
    svc.dispose()


async def test_first_start_on_an_empty_home_creates_the_database(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.tui.factory import settings_for

    svc = AppContext(settings_for(tmp_path / "new"), today=date(2026, 11, 21))
    app = make_app(svc)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_workers(pilot)
        # The dashboard, under the first-run welcome: nothing due (empty sections collapse).
        agenda = app.screen_stack[0].query_one("#dashboard-agenda", RowTable)
        assert cells(agenda) == [["Nothing due", "", "", "", "in the next 30 days", "", ""]]
    assert (tmp_path / "new" / "casekit.sqlite").exists()
    svc.dispose()
