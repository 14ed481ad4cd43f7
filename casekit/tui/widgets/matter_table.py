"""A page of matters; asks for the next page as the cursor nears the last loaded row."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import DataTable

from casekit.services.views import MatterRow, QuietMatter
from casekit.tui.widgets.format import day, label

#: Ask for more rows when the cursor is this close to the last loaded one.
PREFETCH_ROWS = 10


class MatterTable(DataTable[str]):
    """Matters, one row each, keyed by matter id. Enter posts ``Opened``."""

    class Opened(Message):
        def __init__(self, matter_id: int) -> None:
            super().__init__()
            self.matter_id = matter_id

    class NeedMore(Message):
        """The cursor is near the end of the loaded rows and more match."""

    def __init__(self, *, id: str | None = None, compact: bool = False) -> None:  # noqa: A002
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.compact = compact
        self.total = 0

    def on_mount(self) -> None:
        if self.compact:
            self.add_column("Matter", width=12, key="number")
            self.add_column("Client", width=22, key="client")
            self.add_column("Status", width=10, key="status")
            self.add_column("Attorney", width=16, key="attorney")
            self.add_column("Opened", width=10, key="opened")
            return
        self.add_column("Matter", width=12, key="number")
        self.add_column("Client", width=16, key="client")
        self.add_column("Status", width=10, key="status")
        self.add_column("Next due", width=10, key="next_due")
        self.add_column("Town", width=12, key="town")
        self.add_column("Agency", width=14, key="agency")
        self.add_column("Attorney", width=10, key="attorney")

    def show_quiet(self, rows: tuple[QuietMatter, ...]) -> None:
        self.clear()
        for r in rows:
            self.add_row(
                r.number,
                r.client,
                label(r.status),
                r.attorney,
                day(r.opened_on),
                key=str(r.matter_id),
            )

    def show_page(self, rows: tuple[MatterRow, ...], total: int, *, append: bool) -> None:
        if not append:
            self.clear()
        self.total = total
        for r in rows:
            if str(r.id) in self.rows:
                continue
            self.add_row(
                r.number,
                r.client,
                label(r.status),
                day(r.next_due),
                r.town,
                r.agency,
                r.attorney,
                key=str(r.id),
            )

    @property
    def has_more(self) -> bool:
        return self.row_count < self.total

    def watch_cursor_coordinate(self, old: object, new: object) -> None:  # noqa: ARG002
        super().watch_cursor_coordinate(old, new)  # type: ignore[arg-type]
        if self.wants_more:
            self.post_message(self.NeedMore())

    @property
    def wants_more(self) -> bool:
        """The cursor is near the end of a loaded page and more rows exist.

        An empty table never asks: ``clear()`` moves the cursor too, and a fresh search must not
        fetch its second page before anyone scrolls.
        """
        return (
            self.row_count > 0
            and self.has_more
            and self.cursor_row >= self.row_count - PREFETCH_ROWS
        )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Opened(int(event.row_key.value)))
