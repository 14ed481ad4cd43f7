"""Dialogs for deadline edits: a reason for done/waived, and a manual deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from casekit.domain.bounds import parse_day
from casekit.errors import InvalidInput
from casekit.tui.screens.form import FormDialog


class ReasonModal(FormDialog[str]):
    """Ask why; dismisses with the reason, or ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reason-cancel")]

    def __init__(self, title: str, *, required: bool) -> None:
        super().__init__()
        self.title_text = title
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(placeholder="Reason (kept in the deadline's history)", id="reason-input")
            yield Label("", id="reason-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="reason-cancel")
                yield Button("Save", id="reason-save", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#reason-save")
    def action_save(self) -> None:
        reason = self.query_one("#reason-input", Input).value.strip()
        if self.required and not reason:
            self.query_one("#reason-error", Label).update("Give a reason: a waiver must say why.")
            return
        self.dismiss(reason)


@dataclass(frozen=True)
class ManualDeadline:
    title: str
    due: date
    citation: str = ""
    note: str = ""


class ManualDeadlineModal(FormDialog[ManualDeadline]):
    """A deadline the rules do not compute; dismisses with a :class:`ManualDeadline`."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="manual-cancel")]

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a manual deadline", classes="title")
            yield Input(placeholder="What must be done", id="manual-title")
            yield Input(placeholder="Due date YYYY-MM-DD", id="manual-due")
            yield Input(placeholder="Citation or source (optional)", id="manual-citation")
            yield Input(placeholder="Note (optional)", id="manual-note")
            yield Label("", id="manual-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="manual-cancel")
                yield Button("Add", id="manual-save", variant="primary")

    def _value(self, name: str) -> str:
        return self.query_one(f"#manual-{name}", Input).value.strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#manual-save")
    def action_save(self) -> None:
        error = self.query_one("#manual-error", Label)
        title = self._value("title")
        if not title:
            error.update("Say what must be done.")
            return

        try:
            due = parse_day(self._value("due"), self.today, "due date", echo=False)
        except InvalidInput as exc:
            error.update(f"The {exc.message}.")
            return
        if due < self.today:
            error.update(f"The due date is before today ({self.today.isoformat()}).")
            return
        self.dismiss(ManualDeadline(title, due, self._value("citation"), self._value("note")))
