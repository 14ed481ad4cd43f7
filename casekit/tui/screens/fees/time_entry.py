"""The time entry dialog: add, edit or correct one (a correction also asks why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, Select, Static

from casekit.tui.screens.fees.forms import (
    ALL_CLAIMS,
    claim_select,
    form_css,
    task_select,
    work_done,
)
from casekit.tui.screens.form import DatedForm, Fields, buttons, save_keys


@dataclass(frozen=True)
class TimeEntryInput:
    timekeeper: str
    worked_on: date
    hours: str  # validated text ("1.5", "0:45")
    category: str
    claim: str  # "all" or a claim key
    description: str
    billable: bool = True
    unrelated: bool = False
    reason: str = ""

    @classmethod
    def from_entry(cls, entry: Any) -> TimeEntryInput:
        """A stored entry's values, to edit or correct it."""
        return cls(
            timekeeper=entry.timekeeper,
            worked_on=entry.worked_on,
            hours=entry.hours,
            category=entry.category,
            claim=entry.claim or "all",
            description=entry.description,
            billable=entry.billable,
            unrelated=entry.unrelated,
        )


class TimeEntryModal(DatedForm[TimeEntryInput]):
    """Add, edit or correct a time entry (a correction also asks why)."""

    PREFIX = "entry"
    DEFAULT_CSS = form_css("TimeEntryModal")
    BINDINGS = save_keys("time-entry")

    def __init__(
        self,
        *,
        title: str,
        timekeepers: list[str],
        claims: tuple[str, ...],
        today: date,
        initial: TimeEntryInput | None = None,
        correction: bool = False,
        note: str = "",
    ) -> None:
        super().__init__(today=today)
        self.title_text = title
        self.timekeepers = timekeepers
        self.claims = claims
        self.initial = initial
        self.correction = correction
        self.note = note

    def compose(self) -> ComposeResult:
        first = self.initial
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.note:
                yield Static(self.note, classes="note")
            with Grid():
                yield Label("Timekeeper")
                yield Select(
                    [(n, n) for n in self.timekeepers],
                    value=first.timekeeper if first and first.timekeeper in self.timekeepers
                    else Select.NULL,
                    prompt="Who did the work",
                    id="entry-timekeeper",
                    compact=True,
                )  # fmt: skip
                yield Label("Date")
                yield Input(
                    value=(first.worked_on if first else self.today).isoformat(),
                    placeholder="YYYY-MM-DD",
                    id="entry-date",
                    compact=True,
                )
                yield Label("Hours")
                yield Input(
                    value=first.hours if first else "",
                    placeholder="tenths: 1.5, 0.3, or 0:45",
                    id="entry-hours",
                    compact=True,
                )
                yield Label("Task")
                yield task_select("entry", first.category if first else "")
                yield Label("Claim")
                yield claim_select("entry", self.claims, first.claim if first else ALL_CLAIMS)
                yield Label("Description")
                yield Input(
                    value=first.description if first else "",
                    placeholder="What was done",
                    id="entry-description",
                    compact=True,
                )
                if self.correction:
                    yield Label("Reason")
                    yield Input(placeholder="Why it is corrected", id="entry-reason", compact=True)
            with Horizontal(classes="checks"):
                yield Checkbox(
                    "No charge", value=bool(first and not first.billable), id="entry-no-charge",
                    compact=True,
                )  # fmt: skip
                yield Checkbox(
                    "Unrelated to a successful claim", value=bool(first and first.unrelated),
                    id="entry-unrelated", compact=True,
                )  # fmt: skip
            yield Label("", id="entry-error", classes="error")
            yield buttons("entry", "Save", compact=True)

    def on_mount(self) -> None:
        target = "#entry-hours" if self.initial and self.initial.timekeeper else "#entry-timekeeper"
        self.query_one(target).focus()

    def read(self, form: Fields) -> TimeEntryInput:
        who = form.choice("timekeeper", missing="Pick the timekeeper.")
        day = form.day("date", "The date")
        hours, category, description = work_done(form)
        reason = ""
        if self.correction:
            reason = form.text(
                "reason", missing="Say why it is corrected (kept in the new entries)."
            )
        return TimeEntryInput(
            timekeeper=who,
            worked_on=day,
            hours=hours,
            category=category,
            claim=form.choice("claim") or ALL_CLAIMS,
            description=description,
            billable=not form.ticked("no-charge"),
            unrelated=form.ticked("unrelated"),
            reason=reason,
        )
