"""Dialogs for editing a matter: a custody event, the incident's date and time, service of
process, the status (adding a party: ``casekit.tui.screens.party_add``). Each checks what it can
without the database and dismisses with plain values (or ``None``); the workspace saves them in a
worker and shows the deadline recompute they cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from casekit.domain.model import CUSTODY_KINDS
from casekit.domain.vocabulary import MATTER_STATUSES
from casekit.services import casefile as views
from casekit.tui.screens.form import (
    CheckedForm,
    DatedForm,
    Fields,
    FormDialog,
    Refused,
    buttons,
    save_keys,
)
from casekit.tui.widgets.format import label, sentence


def _parse_clock(text: str, *, required: bool) -> str | None:
    """``HH:MM`` normalised, "" when empty and allowed, ``None`` when wrong."""
    value = text.strip()
    if not value:
        return None if required else ""
    try:
        return datetime.strptime(value, "%H:%M").strftime("%H:%M")  # noqa: DTZ007 - wall clock
    except ValueError:
        return None


# --- custody event --------------------------------------------------------------------------


@dataclass(frozen=True)
class CustodyInput:
    kind: str
    at: str  # YYYY-MM-DDTHH:MM, Connecticut wall time
    note: str = ""


class CustodyModal(DatedForm[CustodyInput]):
    """Record an arrest, booking, detainer, scheduled release, release to ICE or release."""

    PREFIX = "custody"
    BINDINGS = save_keys("custody")

    #: The dialog's title (the edit dialog says what it edits).
    heading = "Add a custody event (Connecticut time)"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, classes="title")
            yield Select(
                [(sentence(k), k) for k in CUSTODY_KINDS], prompt="Event", id="custody-kind"
            )
            with Horizontal(classes="pair"):
                yield Input(placeholder="Date YYYY-MM-DD", id="custody-date")
                yield Input(placeholder="Time HH:MM", id="custody-time")
            yield Input(placeholder="Source: record, call, document (optional)", id="custody-note")
            yield Label("", id="custody-error", classes="error")
            yield buttons("custody", "Save")

    def on_mount(self) -> None:
        self.query_one("#custody-kind", Select).focus()

    def read(self, form: Fields) -> CustodyInput:
        kind = form.choice("kind", missing="Pick the event.")
        # A scheduled release may be ahead; an unlikely time is confirmed after the dialog.
        day = form.day("date", "The date", future=True)
        clock = _parse_clock(form.text("time"), required=True)
        if not clock:
            raise Refused("Time: HH:MM (24-hour). Over-detention is counted in hours.")
        return CustodyInput(kind, f"{day.isoformat()}T{clock}", form.text("note"))


# --- incident date and time -----------------------------------------------------------------


@dataclass(frozen=True)
class IncidentFix:
    day: date
    time: str  # HH:MM, or "" to keep the recorded time


class IncidentModal(DatedForm[IncidentFix]):
    """Correct the incident's date and time (a deadline trigger: the recompute follows)."""

    PREFIX = "incident"
    BINDINGS = save_keys("incident")

    def __init__(self, incident: views.IncidentView, *, today: date) -> None:
        super().__init__(today=today)
        self.incident = incident

    def compose(self) -> ComposeResult:
        at = self.incident.occurred_at
        with Vertical():
            yield Label(
                f"Correct the incident in {self.incident.town} (Connecticut time)", classes="title"
            )
            with Horizontal(classes="pair"):
                yield Input(
                    self.incident.occurred_on.isoformat(),
                    placeholder="Date YYYY-MM-DD",
                    id="incident-date",
                )
                yield Input(
                    views.wall_time(at).strftime("%H:%M") if at else "",
                    placeholder="Time HH:MM",
                    id="incident-time",
                )
            yield Label("", id="incident-error", classes="error")
            yield buttons("incident", "Save")

    def on_mount(self) -> None:
        self.query_one("#incident-date", Input).focus()

    def read(self, form: Fields) -> IncidentFix:
        day = form.day("date", "The incident date")
        clock = _parse_clock(form.text("time"), required=False)
        if clock is None:
            raise Refused("Time: HH:MM (24-hour), or leave it empty.")
        return IncidentFix(day, clock)


# --- service of process ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessInput:
    process_date: date | None
    return_date: date | None
    marshal_delivery: date | None


class ProcessModal(CheckedForm[ProcessInput]):
    """Service of process: the date of process, the return date chosen, the marshal delivery.
    The workspace checks the return date against the process chain and plans the deadlines."""

    PREFIX = "process"
    BINDINGS = save_keys("process")

    def __init__(self, current: tuple[date | None, date | None, date | None]) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        process, back, marshal = (d.isoformat() if d else "" for d in self.current)
        with Vertical():
            yield Label("Service of process", classes="title")
            yield Input(process, placeholder="Date of process YYYY-MM-DD", id="process-date")
            yield Input(
                back, placeholder="Return date, a Tuesday (YYYY-MM-DD)", id="process-return"
            )
            yield Input(
                marshal, placeholder="Delivered to a marshal YYYY-MM-DD", id="process-marshal"
            )
            yield Label(
                "Saving plans the serve-by, return-to-court and marshal deadlines.", classes="hint"
            )
            yield Label("", id="process-error", classes="error")
            yield buttons("process", "Save")

    def on_mount(self) -> None:
        self.query_one("#process-date", Input).focus()

    def read(self, form: Fields) -> ProcessInput:
        values: list[date | None] = []
        for name, what in (
            ("date", "The date of process"),
            ("return", "The return date"),
            ("marshal", "The marshal delivery"),
        ):
            text = form.text(name)
            try:
                values.append(date.fromisoformat(text) if text else None)
            except ValueError:
                raise Refused(f"{what}: a real date, YYYY-MM-DD.") from None
        return ProcessInput(*values)


# --- status ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusInput:
    status: str
    reason: str = ""


class StatusModal(FormDialog[StatusInput]):
    """Move the matter through intake → screening → active → closed/declined; closing or
    declining needs the reason (kept as a note on the matter)."""

    BINDINGS = save_keys("status")

    def __init__(self, current: str) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Status (now {label(self.current)})", classes="title")
            yield Select(
                [(label(s), s) for s in MATTER_STATUSES],
                value=self.current if self.current in MATTER_STATUSES else Select.BLANK,
                allow_blank=False,
                id="status-select",
            )
            yield Input(
                placeholder="Reason (needed to close or decline; kept as a note)",
                id="status-reason",
            )
            yield Label("Closing or declining records today as the closing date.", classes="hint")
            yield Label("", id="status-error", classes="error")
            yield buttons("status", "Save")

    def on_mount(self) -> None:
        self.query_one("#status-select", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#status-save")
    def action_save(self) -> None:
        from casekit.services.deadlines.lifecycle import CLOSED_STATUSES

        value = self.query_one("#status-select", Select).value
        if not isinstance(value, str) or value == self.current:
            self.dismiss(None)
            return
        reason = self.query_one("#status-reason", Input).value.strip()
        if value in CLOSED_STATUSES and not reason:
            self.query_one("#status-error", Label).update(
                f"Say why the matter is {label(value)} (kept as a note)."
            )
            self.query_one("#status-reason", Input).focus()
            return
        self.dismiss(StatusInput(value, reason))
