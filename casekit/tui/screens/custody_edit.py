"""Correct a custody event: the add dialog, filled with the event as recorded."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input, Select

from casekit.services import casefile as views
from casekit.tui.screens.matter_edit import CustodyModal


class CustodyEditModal(CustodyModal):
    """Dismisses with a :class:`~casekit.tui.screens.matter_edit.CustodyInput` (or ``None``)."""

    heading = "Correct the custody event (Connecticut time)"

    def __init__(self, entry: views.TimelineEntry, *, today: date) -> None:
        super().__init__(today=today)
        self.entry = entry

    def on_mount(self) -> None:
        self.query_one("#custody-kind", Select).value = self.entry.kind
        self.query_one("#custody-date", Input).value = self.entry.at.date().isoformat()
        self.query_one("#custody-time", Input).value = self.entry.at.strftime("%H:%M")
        self.query_one("#custody-note", Input).value = self.entry.note
