"""A page of matters; asks for the next page as the cursor nears the last loaded row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from casekit.tui.widgets.columns import Column
from casekit.tui.widgets.format import day, label
from casekit.tui.widgets.row_table import RowTable

if TYPE_CHECKING:
    from casekit.services.casefile import MatterRow
    from casekit.services.dashboard import QuietMatter

#: Ask for more rows when the cursor is this close to the last loaded one.
PREFETCH_ROWS = 10

# Number, client, status and next deadline are always shown; on a narrow terminal the attorney,
# then the agency, then the town give way, and on a wide one the names grow.
FULL = (
    Column("Matter", 12),
    Column("Client", 16, grow=2, max_width=40),
    Column("Status", 10),
    Column("Next due", 10),
    Column("Town", 12, grow=1, max_width=24, drop=1),
    Column("Agency", 14, grow=6, max_width=44, drop=2),
    Column("Attorney", 12, grow=1, max_width=24, drop=3),
)
COMPACT = (
    Column("Matter", 12),
    Column("Client", 18, grow=2, max_width=40),
    Column("Status", 10),
    Column("Attorney", 14, grow=1, max_width=30, drop=1),
    Column("Opened", 10),
)


class MatterTable(RowTable):
    """Matters, one row each, keyed by matter id. Enter posts ``Opened``."""

    class Opened(Message):
        def __init__(self, matter_id: int) -> None:
            super().__init__()
            self.matter_id = matter_id

    class NeedMore(Message):
        """The cursor is near the end of the loaded rows and more match."""

    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:  # noqa: A002
        super().__init__(COMPACT if compact else FULL, id=id, zebra_stripes=True)
        self.more = False

    def show_quiet(self, rows: tuple[QuietMatter, ...]) -> None:
        self.replace_rows(
            (
                str(r.matter_id),
                (r.number, r.client, label(r.status), r.attorney, day(r.opened_on)),
            )
            for r in rows
        )

    def show_page(self, rows: tuple[MatterRow, ...], *, more: bool, append: bool) -> None:
        """Show a page (``append``: after the rows shown); ``more``: another page follows."""
        self.more = more
        (self.add_rows if append else self.replace_rows)(
            (
                str(r.id),
                (
                    r.number,
                    r.client,
                    label(r.status),
                    day(r.next_due),
                    r.town,
                    r.agency,
                    r.attorney,
                ),
            )
            for r in rows
        )

    def watch_cursor_row(self, old: int, new: int) -> None:
        super().watch_cursor_row(old, new)
        if self.wants_more:
            self.post_message(self.NeedMore())

    @property
    def wants_more(self) -> bool:
        """The cursor is near the end of a loaded page and more rows exist.

        An empty table never asks: ``clear()`` moves the cursor too, and a fresh search must not
        fetch its second page before anyone scrolls.
        """
        return (
            self.row_count > 0 and self.more and self.cursor_row >= self.row_count - PREFETCH_ROWS
        )

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        self.post_message(self.Opened(int(event.key)))
