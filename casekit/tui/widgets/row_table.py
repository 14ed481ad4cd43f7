"""A light table for long lists: one line per row, only visible rows drawn.

Textual's ``DataTable`` renders every new cell through rich (measure, pad, crop) and measures the
whole table again when rows arrive; on the matters list that was most of a search keystroke and
of the dashboard's first paint (benchmarks/README.md, hot spot 4). The lists here have fixed
column widths and short one-line values, so a row is prepared (the first time it is drawn) as a
few pieces of padded text and drawn as a ``Strip`` only when it scrolls into view.

Columns fit the width the table has (``casekit.tui.widgets.columns``).

Cells are ``str`` or ``rich.text.Text``; a ``Text`` cell is drawn in its own base style (its
spans are not drawn). Keys: up/down, page up/down, home/end move the cursor; enter (or a click
on the cursor row) posts :class:`RowTable.Selected`; left/right scroll sideways.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from casekit.tui.widgets.columns import PAD, Cell, Column, Layout, Pieces, fit_columns, prepare


class RowTable(ScrollView, can_focus=True):
    """Rows keyed by strings under a fixed header; the cursor highlights one row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-table--header",
        "row-table--cursor",
        "row-table--hover",
        "row-table--even-row",
        "row-table--odd-row",
    }
    DEFAULT_CSS = """
    RowTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .row-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .row-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .row-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .row-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .row-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .row-table--hover {
            background: $block-hover-background;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", show=False, id="table-select"),
        Binding("up", "cursor_up", show=False, id="table-up"),
        Binding("down", "cursor_down", show=False, id="table-down"),
        Binding("pageup", "page_up", show=False, id="table-page-up"),
        Binding("pagedown", "page_down", show=False, id="table-page-down"),
        Binding("home", "first", show=False, id="table-first"),
        Binding("end", "last", show=False, id="table-last"),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Selected(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, table: RowTable, key: str, index: int) -> None:
            super().__init__()
            self.table = table
            self.key = key
            self.index = index

        @property
        def control(self) -> RowTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        zebra_stripes: bool = False,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.zebra_stripes = zebra_stripes
        self._keys: list[str] = []
        self._cells: list[tuple[Cell, ...]] = []
        self._pieces: list[Pieces | None] = []
        self._index: dict[str, int] = {}
        self._set_layout(fit_columns(self.columns, 0))
        self._lines: dict[tuple[int, bool, bool, int, int], Strip] = {}
        self._styles: dict[str, Style] = {}
        self._hover = -1
        self.virtual_size = Size(self._width, 1)

    # --- columns ------------------------------------------------------------------------------

    def _set_layout(self, layout: Layout) -> None:
        self.layout_columns = layout
        self._header = prepare([c.label for c in self.columns], layout)
        self._width = sum(width + 2 * PAD for _, width in layout)

    @property
    def shown_columns(self) -> tuple[str, ...]:
        """The labels of the columns on screen now."""
        return tuple(self.columns[i].label for i, _ in self.layout_columns)

    def on_resize(self) -> None:
        # The gutter of a vertical scrollbar is always kept free, so rows arriving (and a
        # scrollbar appearing) never change the columns.
        available = self.size.width - self.styles.scrollbar_size_vertical
        layout = fit_columns(self.columns, available)
        if layout != self.layout_columns:
            self._set_layout(layout)
            self._pieces = [None] * len(self._keys)
            self._changed()

    # --- data ---------------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get_row_at(self, index: int) -> tuple[Cell, ...]:
        return self._cells[index]

    def key_at(self, index: int) -> str:
        return self._keys[index]

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self.cursor_row] if self._keys else None

    def clear(self) -> None:
        """Remove every row; the cursor goes back to the top."""
        self.replace_rows(())

    def replace_rows(self, rows: Iterable[tuple[str, Sequence[Cell]]]) -> None:
        """Show ``rows`` instead of the current ones, cursor and scroll back at the top.

        One change, not a clear and an add: an unchanged row count then needs no new layout.
        """
        self._keys.clear()
        self._cells.clear()
        self._pieces.clear()
        self._index.clear()
        self._append(rows)
        self._changed()
        self.scroll_to(y=0, animate=False, force=True)
        self.cursor_row = 0

    def add_rows(self, rows: Iterable[tuple[str, Sequence[Cell]]]) -> None:
        """Append ``(key, cells)`` rows; a key already shown is skipped."""
        self._append(rows)
        self._changed()

    def _append(self, rows: Iterable[tuple[str, Sequence[Cell]]]) -> None:
        for key, cells in rows:
            if key in self._index:
                continue
            if len(cells) != len(self.columns):
                raise ValueError(f"row {key!r}: {len(cells)} cells for {len(self.columns)} columns")
            self._index[key] = len(self._keys)
            self._keys.append(key)
            self._cells.append(tuple(cells))
            self._pieces.append(None)

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = row

    def _changed(self) -> None:
        self._lines.clear()
        self._hover = -1
        self.virtual_size = Size(self._width, len(self._keys) + 1)
        self.refresh()

    # --- cursor -------------------------------------------------------------------------------

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._keys) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:  # noqa: ARG002
        # Cached lines are keyed by "is the cursor row", so only a repaint is needed.
        self.refresh()
        self._scroll_to_cursor()

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        if self.scrollable_content_region.height < 2:
            return  # not laid out yet (rows given before the first paint): nothing to follow
        top = round(self.scroll_y)
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, force=True)
        elif row >= top + self._visible_rows:
            self.scroll_to(y=row - self._visible_rows + 1, animate=False, force=True)

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_page_up(self) -> None:
        self.cursor_row -= self._visible_rows

    def action_page_down(self) -> None:
        self.cursor_row += self._visible_rows

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._keys) - 1

    def action_select(self) -> None:
        if self._keys:
            self.post_message(self.Selected(self, self._keys[self.cursor_row], self.cursor_row))

    # --- mouse --------------------------------------------------------------------------------

    def _row_under(self, event: events.MouseEvent) -> int:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return -1
        index = offset.y - 1 + round(self.scroll_y)
        return index if index < len(self._keys) else -1

    async def _on_click(self, event: events.Click) -> None:
        index = self._row_under(event)
        if index < 0:
            return
        event.stop()
        if index == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = index

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        index = self._row_under(event)
        if index != self._hover:
            self._hover = index
            self.refresh()

    def _on_leave(self, event: events.Leave) -> None:  # noqa: ARG002
        if self._hover != -1:
            self._hover = -1
            self.refresh()

    # --- drawing ------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self._styles.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        """The widget's style with component ``name`` over it (cached until styles change)."""
        style = self._styles.get(name)
        if style is None:
            base = self.rich_style
            style = base if name == "base" else base + self.get_component_rich_style(name)
            self._styles[name] = style
        return style

    def _row_style(self, index: int) -> Style:
        if index == self.cursor_row:
            return self._style("row-table--cursor")
        if index == self._hover:
            return self._style("row-table--hover")
        if self.zebra_stripes:
            return self._style("row-table--odd-row" if index % 2 else "row-table--even-row")
        return self._style("base")

    def _strip(self, pieces: Pieces, style: Style, scroll_x: int, width: int) -> Strip:
        segments = [Segment(text, style if own is None else style + own) for text, own in pieces]
        strip = Strip(segments, self._width)
        if scroll_x:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x = round(self.scroll_x)
        if y == 0:
            key = (-1, False, False, scroll_x, width)
            if key not in self._lines:
                style = self._style("row-table--header")
                self._lines[key] = self._strip(self._header, style, scroll_x, width)
            return self._lines[key]
        index = y - 1 + round(self.scroll_y)
        if index >= len(self._keys):
            return Strip.blank(width, self._style("base"))
        key = (index, index == self.cursor_row, index == self._hover, scroll_x, width)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > 2000:
                self._lines.clear()
            pieces = self._pieces[index]
            if pieces is None:
                pieces = self._pieces[index] = prepare(self._cells[index], self.layout_columns)
            strip = self._strip(pieces, self._row_style(index), scroll_x, width)
            self._lines[key] = strip
        return strip
