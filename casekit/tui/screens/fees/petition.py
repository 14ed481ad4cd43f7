"""The fee petition dialog, and the choice of one of a few values (an outcome, a status)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from casekit.tui.screens.fees.forms import (
    _buttons,
    _value,
    form_css,
    parsed_day,
)
from casekit.tui.screens.form import MODAL_CSS, FormModal


@dataclass(frozen=True)
class PetitionInput:
    through: date
    since: date | None


class PetitionModal(FormModal):
    """Issue a fee petition: it locks every entry and cost it includes, for good."""

    DEFAULT_CSS = form_css("PetitionModal")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="petition-cancel")]

    def __init__(self, *, today: date, summary: str) -> None:
        super().__init__()
        self.today = today
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Issue a fee petition", classes="title")
            yield Static(
                f"{self.summary}\nIssuing records the petition, writes its Word exhibit and "
                "locks every time entry and cost it includes: after that, a mistake is fixed "
                "with a correction (a new, visible entry).",
                classes="note",
            )
            with Grid():
                yield Label("Through")
                yield Input(value=self.today.isoformat(), id="petition-through", compact=True)
                yield Label("From")
                yield Input(
                    placeholder="first day (optional: a supplemental petition)",
                    id="petition-since",
                    compact=True,
                )
            yield Label("", id="petition-error", classes="error")
            yield _buttons("petition", "Issue and lock")

    def on_mount(self) -> None:
        self.query_one("#petition-through", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#petition-save")
    def action_save(self) -> None:
        error = self.query_one("#petition-error", Label)
        through = parsed_day(
            error, self.query_one("#petition-through", Input).value, self.today, "The last day"
        )
        if through is None:
            return
        since_text = self.query_one("#petition-since", Input).value.strip()
        since: date | None = None
        if since_text:
            parsed = parsed_day(error, since_text, self.today, "The first day")
            if parsed is None:
                return
            if parsed > through:
                error.update("The first day is after the last day.")
                return
            since = parsed
        self.dismiss(PetitionInput(through, since))


class ChoiceModal(FormModal):
    """Pick one of a few values (a matter's outcome, an offer's status)."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceModal")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="choice-cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]], *, save: str = "Save") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.save_label = save

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Select(self.choices, prompt="Choose", id="choice-value", compact=True)
            yield Label("", id="choice-error", classes="error")
            yield _buttons("choice", self.save_label)

    def on_mount(self) -> None:
        self.query_one("#choice-value", Select).focus()

    @on(Button.Pressed, "#choice-save")
    def action_save(self) -> None:
        value = _value(self.query_one("#choice-value", Select))
        if not value:
            self.query_one("#choice-error", Label).update("Choose one.")
            return
        self.dismiss(value)
