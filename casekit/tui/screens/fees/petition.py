"""The fee petition dialog, and the choice of one of a few values (an outcome, a status)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from casekit.tui.screens.fees.forms import form_css
from casekit.tui.screens.form import MODAL_CSS, CheckedForm, DatedForm, Fields, Refused, buttons


@dataclass(frozen=True)
class PetitionInput:
    through: date
    since: date | None


class PetitionModal(DatedForm[PetitionInput]):
    """Issue a fee petition: it locks every entry and cost it includes, for good."""

    PREFIX = "petition"
    DEFAULT_CSS = form_css("PetitionModal")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="petition-cancel")]

    def __init__(self, *, today: date, summary: str) -> None:
        super().__init__(today=today)
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
            yield buttons("petition", "Issue and lock", compact=True)

    def on_mount(self) -> None:
        self.query_one("#petition-through", Input).focus()

    def read(self, form: Fields) -> PetitionInput:
        through = form.day("through", "The last day")
        since = form.optional_day("since", "The first day")
        if since is not None and since > through:
            raise Refused("The first day is after the last day.")
        return PetitionInput(through, since)


class ChoiceModal(CheckedForm[Any]):
    """Pick one of a few values (a matter's outcome, an offer's status)."""

    PREFIX = "choice"
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
            yield buttons("choice", self.save_label, compact=True)

    def on_mount(self) -> None:
        self.query_one("#choice-value", Select).focus()

    def read(self, form: Fields) -> str:
        return form.choice("value", missing="Choose one.")
