"""Review a recompute: which deadlines would move, and why; accept or reject all of it."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Label

from casekit.tui.screens.base import Dialog
from casekit.tui.widgets.format import day


def _field(change: Any, *names: str) -> Any:
    for name in names:
        if isinstance(change, dict) and name in change:
            return change[name]
        if hasattr(change, name):
            return getattr(change, name)
    return ""


class RecomputeModal(Dialog[bool]):
    """Nothing moves silently: the attorney sees every difference and decides."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Reject", id="recompute-reject"),
        Binding("ctrl+s", "answer(True)", "Accept", id="recompute-accept"),
    ]

    def __init__(self, diff: Any) -> None:
        super().__init__()
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                "Recomputed deadlines: accept every change, or reject them all", classes="title"
            )
            yield DataTable(id="recompute-table", cursor_type="row", zebra_stripes=True)
            with Horizontal():
                yield Button("Reject", id="recompute-reject")
                yield Button("Accept", id="recompute-accept", variant="warning")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Change", "Deadline", "Was due", "Now due", "Why")
        changes = getattr(self.diff, "changes", self.diff)
        for change in changes:
            old, new = _field(change, "old_due", "before"), _field(change, "new_due", "after")
            table.add_row(
                str(_field(change, "kind", "change")),
                str(_field(change, "title")),
                day(old) if old else "—",
                day(new) if new else "—",
                str(_field(change, "reason", "why")),
            )
        table.focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "recompute-accept")

    def action_answer(self, accept: bool) -> None:
        self.dismiss(accept)
