"""The Costs tab of the fees screen: the matter's costs (``a`` adds one, ``delete`` removes the
selected one unless a fee petition includes it)."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.widgets import DataTable

from casekit.tui.screens.fees import writes
from casekit.tui.screens.fees.cost import CostModal
from casekit.tui.screens.fees.pane import FeesPane
from casekit.tui.screens.fees.rows import cost_rows
from casekit.tui.widgets.tables import fill


class CostsPane(FeesPane):
    """The table of costs."""

    TAB = "fees-costs"
    TITLE = "Costs"

    def compose(self) -> ComposeResult:
        yield DataTable(id="fees-cost-table", cursor_type="row", zebra_stripes=True)

    def show(self, workspace: Any) -> None:
        fill(self.query_one("#fees-cost-table", DataTable), cost_rows(workspace))

    def add_row(self) -> None:
        def chosen(value: Any) -> None:
            if value is not None:
                self.add_cost(value)

        self.app.push_screen(CostModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_cost(self, value: Any) -> None:
        self.saved(writes.add_cost(self.svc, self.matter_id, value))

    def remove_selected(self) -> None:
        self.confirm_remove(self.selected("#fees-cost-table", self.workspace.costs), "cost")
