"""The optimistic-lock prompt: someone else saved the record first."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from casekit.tui.screens.base import Dialog


class ConflictModal(Dialog[bool]):
    """Explain the conflict; dismisses with ``True`` when the user chooses Reload."""

    BINDINGS = [
        Binding("escape", "choose(False)", "Cancel", id="conflict-cancel"),
        Binding("r", "choose(True)", "Reload", id="conflict-reload"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Changed by someone else", id="conflict-title")
            yield Label(self.message, id="conflict-message")
            yield Label(
                "Your change was not saved. Reload to see the current record, then make "
                "your change again."
            )
            with Horizontal():
                yield Button("Cancel", id="conflict-cancel")
                yield Button("Reload", id="conflict-reload", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#conflict-reload", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "conflict-reload")

    def action_choose(self, reload: bool) -> None:
        self.dismiss(reload)
