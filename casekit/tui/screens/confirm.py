"""The "discard changes?" prompt."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from casekit.tui.screens.base import Dialog


class ConfirmModal(Dialog[bool]):
    """Ask a yes/no question; dismisses with ``True`` for yes."""

    BINDINGS = [
        Binding("escape", "answer(False)", "Keep editing", id="confirm-no"),
        Binding("y", "answer(True)", "Yes", id="confirm-yes", show=False),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "Keep editing") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, id="confirm-question")
            with Horizontal():
                yield Button(self.no, id="confirm-no", variant="primary")
                yield Button(self.yes, id="confirm-yes", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def close_unless_kept(dialog: Dialog[Any], *, dirty: bool, question: str) -> None:
    """Close ``dialog`` (dismissed with ``None``); when something was typed, after asking."""
    if not dirty:
        dialog.dismiss(None)
        return

    def answer(discard: bool | None) -> None:
        if discard:
            dialog.dismiss(None)

    dialog.app.push_screen(ConfirmModal(question, yes="Discard"), answer)
