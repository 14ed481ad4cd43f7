"""The dashboard agenda: open deadlines grouped by when they fall due."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from casekit.services.dashboard import AgendaSection, capped
from casekit.tui.widgets.format import day, days_left, verify_marker
from casekit.tui.widgets.row_table import Cell, Column, RowTable

# Most important first, so an 80-column terminal shows what is due and what to do.
COLUMNS = (
    Column("Due", 12),
    Column("Left", 9),
    Column("", 6),
    Column("Matter", 12),
    Column("Deadline", 24),
    Column("Safe by", 10),
    Column("Client", 14),
)


def _title(title: str, *, unassigned: bool, out_of_date: bool = False) -> Text | str:
    """The deadline's title; flagged when nobody answers for the matter (no attorney), and
    when a recompute that would move it waits (its matter's incident changed)."""
    if not unassigned and not out_of_date:
        return title
    flagged = Text()
    if out_of_date:
        flagged.append("OUT OF DATE ", style="bold magenta")
    if unassigned:
        flagged.append("NO ATTORNEY ", style="bold red")
    flagged.append(title)
    return flagged


class AgendaTable(RowTable):
    """Section rows ("Overdue · 24") followed by their deadlines; Enter opens the matter."""

    class Opened(Message):
        """Enter on a deadline: open its matter on it."""

        def __init__(self, matter_id: int, deadline_id: int | None = None) -> None:
            super().__init__()
            self.matter_id = matter_id
            self.deadline_id = deadline_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(COLUMNS, id=id)
        self._matter_by_key: dict[str, int] = {}

    def show(self, sections: tuple[AgendaSection, ...]) -> None:
        self._matter_by_key.clear()
        rows: list[tuple[str, tuple[Cell, ...]]] = []
        for section in sections:
            shown = f"first {len(section.rows)} shown" if section.total > len(section.rows) else ""
            rows.append(
                (
                    f"section-{section.key}",
                    (
                        Text(section.title, style="bold"),
                        Text(capped(section.total), style="bold"),
                        "",
                        "",
                        Text(shown, style="dim"),
                        "",
                        "",
                    ),
                )
            )
            for row in section.rows:
                key = f"deadline-{row.deadline_id}"
                if key in self._matter_by_key:  # also listed as out of date, above
                    key = f"{key}-{section.key}"
                self._matter_by_key[key] = row.matter_id
                rows.append(
                    (
                        key,
                        (
                            day(row.due),
                            days_left(row.days_left),
                            verify_marker(row.verify),
                            row.matter_number,
                            _title(
                                row.title, unassigned=row.unassigned, out_of_date=row.out_of_date
                            ),
                            day(row.safe_target),
                            row.client,
                        ),
                    )
                )
        self.replace_rows(rows)
        if self.row_count > 1:
            self.move_cursor(row=1)  # the first deadline, not the section heading

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        matter_id = self._matter_by_key.get(event.key)
        if matter_id is not None:
            deadline = event.key.split("-")[1]
            self.post_message(self.Opened(matter_id, int(deadline) if deadline.isdigit() else None))
