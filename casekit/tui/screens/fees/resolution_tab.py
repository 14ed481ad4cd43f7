"""The Resolution tab of the fees screen: demands, offers, settlements and judgments, newest
first. ``a`` records one, ``u`` marks the selected demand or offer accepted, rejected, withdrawn
or expired, ``delete`` removes the selected entry; a change that moves a deadline comes back with
its recompute for the attorney to accept."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable

from casekit.domain import fees
from casekit.tui.screens.fees import writes
from casekit.tui.screens.fees.keys import RESOLUTION_KEYS
from casekit.tui.screens.fees.pane import FeesPane
from casekit.tui.screens.fees.petition import ChoiceModal
from casekit.tui.screens.fees.resolution import ResolutionModal
from casekit.tui.screens.fees.rows import event_rows
from casekit.tui.widgets.format import day
from casekit.tui.widgets.tables import fill


class ResolutionPane(FeesPane):
    """The table of the resolution log."""

    TAB = "fees-resolution"
    TITLE = "Resolution"
    BINDINGS = RESOLUTION_KEYS

    def compose(self) -> ComposeResult:
        yield DataTable(id="fees-events", cursor_type="row", zebra_stripes=True)

    def show(self, workspace: Any) -> None:
        fill(self.query_one("#fees-events", DataTable), event_rows(workspace))

    def _row(self) -> Any:
        return self.selected("#fees-events", self.workspace.resolution if self.workspace else ())

    def add_row(self) -> None:
        def chosen(value: Any) -> None:
            if value is not None:
                self.add_event(value)

        self.app.push_screen(ResolutionModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_event(self, value: Any) -> None:
        self.saved(writes.add_event(self.svc, self.matter_id, value))

    def remove_selected(self) -> None:
        row = self._row()
        self.confirm_remove(row, row.kind if row is not None else "entry")

    def action_offer_status(self) -> None:
        row = self._row()
        if row is None or row.kind not in ("demand", "offer"):
            self.notify("Select a demand or an offer.", severity="warning")
            return

        def chosen(status: str | None) -> None:
            if status is not None:
                self.set_offer_status(row, status)

        self.app.push_screen(
            ChoiceModal(f"The {row.kind} of {day(row.dated)} is now…",
                        [(s.capitalize(), s) for s in fees.OFFER_STATUSES]),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def set_offer_status(self, row: Any, status: str) -> None:
        self.saved(writes.set_offer_status(self.svc, row, status))
