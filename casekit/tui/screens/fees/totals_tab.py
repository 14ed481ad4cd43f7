"""The Totals tab of the fees screen: hours and value by timekeeper and by task, the lodestar and
the costs, and the fee petitions issued (no keys of its own: ``a`` adds time, ``delete`` removes
the Time tab's selected entry)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from casekit.tui.screens.fees.pane import FeesPane
from casekit.tui.screens.fees.rows import totals


class TotalsPane(FeesPane):
    """The totals, as text."""

    TAB = "fees-totals"
    TITLE = "Totals"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="fees-totals-text")

    def show(self, workspace: Any) -> None:
        self.query_one("#fees-totals-text", Static).update(totals(workspace))
