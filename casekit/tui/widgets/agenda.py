"""The dashboard agenda: open deadlines grouped by when they fall due."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from casekit.services.views import AgendaSection, capped
from casekit.tui.widgets.format import day, days_left, verify_marker


class AgendaTable(DataTable[str | Text]):
    """Section rows ("Overdue · 24") followed by their deadlines; Enter opens the matter."""

    class Opened(Message):
        def __init__(self, matter_id: int) -> None:
            super().__init__()
            self.matter_id = matter_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._matter_by_key: dict[str, int] = {}

    def on_mount(self) -> None:
        # Most important first, so an 80-column terminal shows what is due and what to do.
        self.add_column("Due", width=12, key="due")
        self.add_column("Left", width=9, key="left")
        self.add_column("", width=6, key="verify")
        self.add_column("Matter", width=12, key="matter")
        self.add_column("Deadline", width=24, key="title")
        self.add_column("Safe by", width=10, key="safe")
        self.add_column("Client", width=14, key="client")

    def show(self, sections: tuple[AgendaSection, ...]) -> None:
        self.clear()
        self._matter_by_key.clear()
        for section in sections:
            shown = f"first {len(section.rows)} shown" if section.total > len(section.rows) else ""
            self.add_row(
                Text(section.title, style="bold"),
                Text(capped(section.total), style="bold"),
                "",
                "",
                Text(shown, style="dim"),
                "",
                "",
                key=f"section-{section.key}",
            )
            for row in section.rows:
                key = f"deadline-{row.deadline_id}"
                self._matter_by_key[key] = row.matter_id
                self.add_row(
                    day(row.due),
                    days_left(row.days_left),
                    verify_marker(row.verify),
                    row.matter_number,
                    row.title,
                    day(row.safe_target),
                    row.client,
                    key=key,
                )
        if self.row_count > 1:
            self.move_cursor(row=1)  # the first deadline, not the section heading

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        matter_id = self._matter_by_key.get(str(event.row_key.value))
        if matter_id is not None:
            self.post_message(self.Opened(matter_id))
