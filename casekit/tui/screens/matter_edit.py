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
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from casekit.domain.bounds import parse_day
from casekit.domain.model import CUSTODY_KINDS
from casekit.domain.vocabulary import MATTER_STATUSES
from casekit.errors import InvalidInput
from casekit.services import casefile as views
from casekit.tui.screens.form import FormDialog
from casekit.tui.widgets.format import label, sentence


def _parse_day(text: str, today: date, what: str, *, future: bool = False) -> date | str:
    """The date, or the message to show (after today only when ``future``)."""

    try:
        day = parse_day(text, today, what, echo=False)
    except InvalidInput as exc:
        return f"{exc.message[:1].upper()}{exc.message[1:]}."
    if day > today and not future:
        return f"{what} is after today ({today.isoformat()})."
    return day


def _parse_clock(text: str, *, required: bool) -> str | None:
    """``HH:MM`` normalised, "" when empty and allowed, ``None`` when wrong."""
    value = text.strip()
    if not value:
        return None if required else ""
    try:
        return datetime.strptime(value, "%H:%M").strftime("%H:%M")  # noqa: DTZ007 - wall clock
    except ValueError:
        return None


def buttons(prefix: str, save: str) -> Horizontal:
    return Horizontal(
        Button("Cancel", id=f"{prefix}-cancel"),
        Button(save, id=f"{prefix}-save", variant="primary"),
    )


# --- custody event --------------------------------------------------------------------------


@dataclass(frozen=True)
class CustodyInput:
    kind: str
    at: str  # YYYY-MM-DDTHH:MM, Connecticut wall time
    note: str = ""


class CustodyModal(FormDialog[CustodyInput]):
    """Record an arrest, booking, detainer, scheduled release, release to ICE or release."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="custody-cancel"),
        Binding("ctrl+s", "save", "Save", id="custody-save", priority=True),
    ]

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today

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

    @on(Input.Submitted)
    @on(Button.Pressed, "#custody-save")
    def action_save(self) -> None:
        error = self.query_one("#custody-error", Label)
        kind = self.query_one("#custody-kind", Select).value
        if not isinstance(kind, str):
            error.update("Pick the event.")
            return
        # A scheduled release may be ahead; an unlikely time is confirmed after the dialog.
        day = _parse_day(
            self.query_one("#custody-date", Input).value, self.today, "The date", future=True
        )
        if isinstance(day, str):
            error.update(day)
            return
        clock = _parse_clock(self.query_one("#custody-time", Input).value, required=True)
        if not clock:
            error.update("Time: HH:MM (24-hour). Over-detention is counted in hours.")
            return
        note = self.query_one("#custody-note", Input).value.strip()
        self.dismiss(CustodyInput(kind, f"{day.isoformat()}T{clock}", note))


# --- incident date and time -----------------------------------------------------------------


@dataclass(frozen=True)
class IncidentFix:
    day: date
    time: str  # HH:MM, or "" to keep the recorded time


class IncidentModal(FormDialog[IncidentFix]):
    """Correct the incident's date and time (a deadline trigger: the recompute follows)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="incident-cancel"),
        Binding("ctrl+s", "save", "Save", id="incident-save", priority=True),
    ]

    def __init__(self, incident: views.IncidentView, *, today: date) -> None:
        super().__init__()
        self.incident = incident
        self.today = today

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

    @on(Input.Submitted)
    @on(Button.Pressed, "#incident-save")
    def action_save(self) -> None:
        error = self.query_one("#incident-error", Label)
        day = _parse_day(
            self.query_one("#incident-date", Input).value, self.today, "The incident date"
        )
        if isinstance(day, str):
            error.update(day)
            return
        clock = _parse_clock(self.query_one("#incident-time", Input).value, required=False)
        if clock is None:
            error.update("Time: HH:MM (24-hour), or leave it empty.")
            return
        self.dismiss(IncidentFix(day, clock))


# --- service of process ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessInput:
    process_date: date | None
    return_date: date | None
    marshal_delivery: date | None


class ProcessModal(FormDialog[ProcessInput]):
    """Service of process: the date of process, the return date chosen, the marshal delivery.
    The workspace checks the return date against the process chain and plans the deadlines."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="process-cancel"),
        Binding("ctrl+s", "save", "Save", id="process-save", priority=True),
    ]

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

    @on(Input.Submitted)
    @on(Button.Pressed, "#process-save")
    def action_save(self) -> None:
        values: list[date | None] = []
        for selector, what in (
            ("#process-date", "The date of process"),
            ("#process-return", "The return date"),
            ("#process-marshal", "The marshal delivery"),
        ):
            text = self.query_one(selector, Input).value.strip()
            if not text:
                values.append(None)
                continue
            try:
                values.append(date.fromisoformat(text))
            except ValueError:
                self.query_one("#process-error", Label).update(f"{what}: a real date, YYYY-MM-DD.")
                return
        self.dismiss(ProcessInput(*values))


# --- status ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusInput:
    status: str
    reason: str = ""


class StatusModal(FormDialog[StatusInput]):
    """Move the matter through intake → screening → active → closed/declined; closing or
    declining needs the reason (kept as a note on the matter)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="status-cancel"),
        Binding("ctrl+s", "save", "Save", id="status-save", priority=True),
    ]

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
