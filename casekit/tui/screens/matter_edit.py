"""Dialogs for editing a matter: a custody event, the incident's date and time, the status, a
party. Each checks what it can without the database and dismisses with plain values (or
``None``); the workspace saves them in a worker and shows the deadline recompute they cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from casekit.domain.model import CUSTODY_KINDS, MATTER_STATUSES, PARTY_ROLES
from casekit.services import casefile as views
from casekit.services.matters import suggest_defendant
from casekit.tui.screens.deadline_edit import MODAL_CSS
from casekit.tui.screens.form import FormModal
from casekit.tui.widgets.format import label, sentence

#: Date and time side by side.
PAIR_CSS = """
{name} Horizontal.pair {{ margin-top: 0; }}
{name} .pair Input {{ width: 1fr; }}
"""


def _parse_day(text: str, today: date, what: str, *, future: bool = False) -> date | str:
    """The date, or the message to show (after today only when ``future``)."""
    from casekit.domain.bounds import parse_day
    from casekit.errors import InvalidInput

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


def _buttons(prefix: str, save: str) -> Horizontal:
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


class CustodyModal(FormModal):
    """Record an arrest, booking, detainer, scheduled release, release to ICE or release."""

    DEFAULT_CSS = MODAL_CSS.format(name="CustodyModal") + PAIR_CSS.format(name="CustodyModal")
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
            yield _buttons("custody", "Save")

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


class IncidentModal(FormModal):
    """Correct the incident's date and time (a deadline trigger: the recompute follows)."""

    DEFAULT_CSS = MODAL_CSS.format(name="IncidentModal") + PAIR_CSS.format(name="IncidentModal")
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
            yield _buttons("incident", "Save")

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


class ProcessModal(FormModal):
    """Service of process: the date of process, the return date chosen, the marshal delivery.
    The workspace checks the return date against the process chain and plans the deadlines."""

    DEFAULT_CSS = MODAL_CSS.format(name="ProcessModal")
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
            yield _buttons("process", "Save")

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


class StatusModal(FormModal):
    """Move the matter through intake → screening → active → closed/declined; closing or
    declining needs the reason (kept as a note on the matter)."""

    DEFAULT_CSS = MODAL_CSS.format(name="StatusModal")
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
            yield _buttons("status", "Save")

    def on_mount(self) -> None:
        self.query_one("#status-select", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#status-save")
    def action_save(self) -> None:
        from casekit.services.lifecycle import CLOSED_STATUSES

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


# --- party ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str = ""
    agency: str = ""
    town: str = ""
    capacity: str = ""
    service_address: str = ""


class PartyModal(FormModal):
    """A defendant from the agency or town registry (its employer suggested), or a person."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="PartyModal")
        + """
    PartyModal .defendant-only.-hidden { display: none; }
    PartyModal Input, PartyModal Select { margin-top: 1; }
    PartyModal #party-suggestion { height: auto; margin-top: 1; }
    """
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="party-cancel"),
        Binding("ctrl+s", "save", "Save", id="party-save", priority=True),
    ]

    class OptionsLoaded(Message):
        def __init__(self, options: views.Options) -> None:
            super().__init__()
            self.options = options

    def __init__(self) -> None:
        super().__init__()
        self.agencies: dict[str, views.AgencyChoice] = {}
        self.towns: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a party", classes="title")
            yield Select(
                [(sentence(r), r) for r in PARTY_ROLES],
                value="defendant",
                allow_blank=False,
                id="party-role",
                compact=True,
            )
            yield Input(
                placeholder="Agency whose officers acted (type for suggestions)",
                id="party-agency",
                compact=True,
                classes="defendant-only",
            )
            yield Input(
                placeholder="…or the town or city itself",
                id="party-town",
                compact=True,
                classes="defendant-only",
            )
            yield Input(
                placeholder="Name (a person; for a defendant, an officer sued individually)",
                id="party-name",
                compact=True,
            )
            yield Input(
                placeholder="Service address (optional: replaces the suggested one)",
                id="party-address",
                compact=True,
                classes="defendant-only",
            )
            yield Static("", id="party-suggestion")
            yield Label("", id="party-error", classes="error")
            yield _buttons("party", "Add")

    def on_mount(self) -> None:
        self.query_one("#party-agency", Input).focus()
        self.load_options()

    @work(thread=True, exclusive=True, exit_on_error=False, group="party-options")
    def load_options(self) -> None:
        self.deliver(self.OptionsLoaded(views.options(self.svc)))

    def on_party_modal_options_loaded(self, message: OptionsLoaded) -> None:
        self.agencies = {a.name: a for a in message.options.agencies}
        self.towns = {t.label for t in message.options.towns}
        self.query_one("#party-agency", Input).suggester = SuggestFromList(
            list(self.agencies), case_sensitive=False
        )
        self.query_one("#party-town", Input).suggester = SuggestFromList(
            sorted(self.towns), case_sensitive=False
        )
        self._suggest()

    def _value(self, name: str) -> str:
        return self.query_one(f"#party-{name}", Input).value.strip()

    def _role(self) -> str:
        value = self.query_one("#party-role", Select).value
        return value if isinstance(value, str) else "defendant"

    @on(Select.Changed, "#party-role")
    def _role_changed(self) -> None:
        defendant = self._role() == "defendant"
        for widget in self.query(".defendant-only"):
            widget.set_class(not defendant, "-hidden")
        if not defendant and self.is_mounted:
            self.query_one("#party-name", Input).focus()
        self._suggest()

    @on(Input.Changed)
    def _suggest(self) -> None:
        """Who the defendant would be, as the attorney types (no database: the registry row)."""
        panel = self.query_one("#party-suggestion", Static)
        if self._role() != "defendant":
            panel.update("")
            return
        agency = self.agencies.get(self._value("agency"))
        name = self._value("name")
        text = Text()
        if agency is not None and name:
            text.append(f"{name}, officer of {agency.name}, ", style="bold")
            text.append("sued in their individual capacity")
        elif agency is not None:
            party = suggest_defendant(
                agency_kind=agency.kind, employer=agency.employer, agency_name=agency.name
            )
            text.append("Defendant: ", style="dim")
            text.append(party.name, style="bold")
            text.append(f" · {party.kind} · {party.capacity} capacity")
            if party.service_address:
                text.append(f"\nServe on: {party.service_address}")
            if party.citation:
                text.append(f" ({party.citation})", style="dim")
        elif self._value("town") in self.towns:
            text.append("Defendant: ", style="dim")
            text.append(f"the town or city of {self._value('town')}", style="bold")
            text.append(f", served on its clerk ({views.municipal_service_citation()})")
        panel.update(text)

    @on(Input.Submitted)
    @on(Button.Pressed, "#party-save")
    def action_save(self) -> None:
        error = self.query_one("#party-error", Label)
        role = self._role()
        name, agency, town = self._value("name"), self._value("agency"), self._value("town")
        if role != "defendant":
            if not name:
                error.update(f"A {label(role)} needs a name.")
                return
            self.dismiss(PartyInput(role, name=name))
            return
        if agency and agency not in self.agencies:
            error.update("Pick the agency from the registry (type to see suggestions).")
            return
        if town and town not in self.towns:
            error.update("Pick a Connecticut town from the list (type to see suggestions).")
            return
        if bool(agency) == bool(town):
            error.update("Give the agency, or the town or city: one of them.")
            return
        if name and not agency:
            error.update("An officer sued individually needs the agency that employs them.")
            return
        self.dismiss(
            PartyInput(
                role,
                name=name,
                agency=agency,
                town=town,
                capacity="individual" if name else "",
                service_address=self._value("address"),
            )
        )
