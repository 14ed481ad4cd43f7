"""Choose the matter's responsible attorney (or nobody)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, Select

from casekit.tui.screens.form import FormDialog

NOBODY = "none"


class AttorneyModal(FormDialog[str]):
    """Dismisses with the attorney's name, ``"none"`` for nobody, or ``None`` (cancelled or
    unchanged)."""

    class Loaded(Message):
        def __init__(self, names: list[str]) -> None:
            super().__init__()
            self.names = names

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Responsible attorney (now {self.current or 'nobody'})", classes="title")
            yield Select([], prompt="Attorney", id="attorney-select", allow_blank=True)
            yield Label("Attorneys are added in Settings (s).", classes="hint")
            with Horizontal():
                yield Button("Cancel", id="attorney-cancel")
                yield Button("Save", id="attorney-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#attorney-select", Select).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="attorney-load")
    def load(self) -> None:
        from casekit.services.office import list_attorneys

        names = [a.name for a in list_attorneys(self.svc) if a.active]
        self.deliver(self.Loaded(names))

    def on_attorney_modal_loaded(self, message: Loaded) -> None:
        select = self.query_one("#attorney-select", Select)
        select.set_options([*((n, n) for n in message.names), ("— nobody —", NOBODY)])
        select.value = self.current if self.current in message.names else NOBODY
        self.mark_clean()

    @on(Button.Pressed, "#attorney-save")
    def action_save(self) -> None:
        value = self.query_one("#attorney-select", Select).value
        if not isinstance(value, str) or value == (self.current or NOBODY):
            self.dismiss(None)
            return
        self.dismiss(value)
