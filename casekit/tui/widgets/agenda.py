"""The dashboard agenda: open deadlines grouped by when they fall due."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from casekit.services.dashboard import AgendaSection, capped
from casekit.tui.widgets.columns import Cell, Column
from casekit.tui.widgets.format import day, days_left, verify_marker
from casekit.tui.widgets.row_table import RowTable

# Most important first; at 80 columns "Safe by" gives way (the rows are sorted by it and "Left"
# counts down to it), and on a wider terminal the deadline and the client's name grow.
COLUMNS = (
    Column("Due", 12),
    Column("Left", 9),
    Column("", 6),
    Column("Matter", 12),
    Column("Deadline", 15, grow=3, max_width=60),
    Column("Safe by", 10, drop=1),
    Column("Client", 12, grow=1, max_width=36),
)
#: What the agenda says when nothing is due in the next 30 days (Due and Deadline columns).
NOTHING_DUE = ("Nothing due", "in the next 30 days")


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
            if not section.total:
                continue  # an empty section takes no line: the rows go to what is due
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
        if not rows:
            due, when = NOTHING_DUE
            rows.append(("nothing-due", (Text(due, style="bold"), "", "", "", when, "", "")))
        self.replace_rows(rows)
        if self.row_count > 1:
            self.move_cursor(row=1)  # the first deadline, not the section heading

    def on_row_table_selected(self, event: RowTable.Selected) -> None:
        event.stop()
        matter_id = self._matter_by_key.get(event.key)
        if matter_id is not None:
            deadline = event.key.split("-")[1]
            self.post_message(self.Opened(matter_id, int(deadline) if deadline.isdigit() else None))
