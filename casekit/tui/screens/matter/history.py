"""The History tab of a matter: what happened to it, from the audit log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from casekit.services import casefile as views
from casekit.tui.screens.matter.pane import MatterPane
from casekit.tui.widgets.format import moment
from casekit.tui.widgets.tables import fill


class HistoryPane(MatterPane):
    """When, what happened: one row per audited change."""

    TAB = "history"
    TITLE = "History"

    def compose(self) -> ComposeResult:
        yield DataTable(id="matter-history", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("When", "What happened")

    def show(self, detail: views.MatterDetail) -> None:
        fill(self.query_one(DataTable), ((moment(h.at), h.text) for h in detail.history if h.text))
