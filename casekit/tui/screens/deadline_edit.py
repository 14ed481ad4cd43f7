"""Dialogs for deadline edits: a reason for done/waived, and a manual deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from casekit.tui.screens.form import CheckedForm, DatedForm, Fields, Refused, buttons


class ReasonModal(CheckedForm[str]):
    """Ask why; dismisses with the reason, or ``None`` when cancelled."""

    PREFIX = "reason"
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
            yield buttons("reason", "Save")

    def read(self, form: Fields) -> str:
        reason = form.text("input")
        if self.required and not reason:
            raise Refused("Give a reason: a waiver must say why.")
        return reason


@dataclass(frozen=True)
class ManualDeadline:
    title: str
    due: date
    citation: str = ""
    note: str = ""


class ManualDeadlineModal(DatedForm[ManualDeadline]):
    """A deadline the rules do not compute; dismisses with a :class:`ManualDeadline`."""

    PREFIX = "manual"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="manual-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a manual deadline", classes="title")
            yield Input(placeholder="What must be done", id="manual-title")
            yield Input(placeholder="Due date YYYY-MM-DD", id="manual-due")
            yield Input(placeholder="Citation or source (optional)", id="manual-citation")
            yield Input(placeholder="Note (optional)", id="manual-note")
            yield Label("", id="manual-error", classes="error")
            yield buttons("manual", "Add")

    def read(self, form: Fields) -> ManualDeadline:
        title = form.text("title", missing="Say what must be done.")
        due = form.written_day("due", "due date")
        if due is None or due < self.today:
            raise Refused(f"The due date is before today ({self.today.isoformat()}).")
        return ManualDeadline(title, due, form.text("citation"), form.text("note"))
