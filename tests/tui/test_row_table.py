"""RowTable, the light table under the dashboard and the matters list, on its own."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult

from casekit.tui.widgets.columns import Column, fit
from casekit.tui.widgets.row_table import RowTable

COLUMNS = (Column("Number", 8), Column("Name", 10))


def rows(n: int, start: int = 0) -> list[tuple[str, tuple[str, str]]]:
    return [(f"k{i}", (f"N{i:04d}", f"Name {i}")) for i in range(start, start + n)]


class TableApp(App[None]):
    def __init__(self, n: int = 50) -> None:
        super().__init__()
        self.n = n
        self.selected: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield RowTable(COLUMNS, zebra_stripes=True, id="t")

    def on_mount(self) -> None:
        self.query_one(RowTable).add_rows(rows(self.n))

    def on_row_table_selected(self, message: RowTable.Selected) -> None:
        self.selected.append((message.key, message.index))


@pytest.mark.parametrize(
    ("text", "width", "want"),
    [
        ("abc", 5, "abc  "),
        ("abcdef", 5, "abcd…"),
        ("abcde", 5, "abcde"),
        ("Núñez", 5, "Núñez"),
        ("line\nbreak", 10, "line break"),
        ("tab\there!", 8, "tab her…"),
        ("東京都", 4, "東 …"),  # wide characters count two cells; a half cell is padded
        ("", 3, "   "),
        ("x", 0, ""),
    ],
)
def test_fit_pads_or_cuts_to_exact_cells(text: str, width: int, want: str) -> None:
    assert fit(text, width) == want


@given(st.text(max_size=40), st.integers(min_value=1, max_value=30))
def test_fit_is_always_exactly_width_cells(text: str, width: int) -> None:
    out = fit(text, width)
    assert cell_len(out) == width
    assert "\n" not in out


async def test_rows_keys_and_cells() -> None:
    app = TableApp(n=3)
    async with app.run_test(size=(40, 10)):
        table = app.query_one(RowTable)
        assert table.row_count == 3
        assert table.get_row_at(1) == ("N0001", "Name 1")
        assert table.key_at(2) == "k2" and "k2" in table and "k9" not in table
        table.add_rows(rows(2, start=2))  # k2 again is skipped, k3 appended
        assert [table.key_at(i) for i in range(table.row_count)] == ["k0", "k1", "k2", "k3"]
        table.replace_rows(rows(1, start=7))
        assert table.row_count == 1 and table.cursor_key == "k7" and table.cursor_row == 0
        table.clear()
        assert table.row_count == 0 and table.cursor_key is None


async def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    app = TableApp(n=50)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RowTable)
        table.focus()
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("up", "up", "up")
        assert table.cursor_row == 0  # never above the first row
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 49
        visible = table.scrollable_content_region.height - 1  # less the header
        assert table.scroll_y == 50 - visible  # the last row is on screen
        await pilot.press("down")
        assert table.cursor_row == 49  # never past the last
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_y == 0
        await pilot.press("pagedown")
        assert table.cursor_row == visible
        await pilot.press("pageup")
        assert table.cursor_row == 0


async def test_enter_selects_the_cursor_row() -> None:
    app = TableApp(n=5)
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one(RowTable).focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.selected == [("k1", 1)]


async def test_enter_on_an_empty_table_does_nothing() -> None:
    app = TableApp(n=0)
    async with app.run_test(size=(40, 10)) as pilot:
        app.query_one(RowTable).focus()
        await pilot.press("enter", "down", "end")
        await pilot.pause()
        assert app.selected == []
        assert app.query_one(RowTable).cursor_row == 0


async def test_a_click_moves_the_cursor_and_a_second_click_selects() -> None:
    app = TableApp(n=5)
    async with app.run_test(size=(40, 10)) as pilot:
        table = app.query_one(RowTable)
        # Line 0 is the header; line 3 is the third row (index 2).
        await pilot.click(RowTable, offset=(2, 3))
        assert table.cursor_row == 2 and app.selected == []
        await pilot.click(RowTable, offset=(2, 3))
        await pilot.pause()
        assert app.selected == [("k2", 2)]
        await pilot.click(RowTable, offset=(2, 0))  # the header: nothing happens
        await pilot.pause()
        assert table.cursor_row == 2 and len(app.selected) == 1


def _lines(app: App[Any]) -> list[str]:
    table = app.query_one(RowTable)
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_drawn_lines_are_header_then_visible_rows() -> None:
    app = TableApp(n=50)
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(RowTable)
        lines = _lines(app)
        assert lines[0].startswith(" Number    Name")
        assert lines[1].startswith(" N0000     Name 0")
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        lines = _lines(app)
        assert lines[0].startswith(" Number")  # the header stays put
        assert lines[-1].startswith(" N0049")
        assert all(len(line) == table.size.width for line in lines)


async def test_text_cells_keep_their_style_and_untrusted_text_is_literal() -> None:
    app = TableApp(n=0)
    async with app.run_test(size=(40, 6)):
        table = app.query_one(RowTable)
        table.add_rows([("a", (Text("late", style="bold red"), "[b]{{7*7}}"))])
        line = table.render_line(1)
        assert line.text.startswith(" late      [b]{{7*7}}")
        styles = {seg.text.strip(): seg.style for seg in line if seg.text.strip()}
        late = styles["late"]
        assert late is not None and late.bold and late.color is not None
