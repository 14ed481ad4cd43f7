"""Dialogs for fees and resolution: a time entry (add, edit, correct), the timer, a cost, a
demand/offer/settlement/judgment, a fee petition, and a choice (outcome, offer status).

Each checks what it can without the database (hours in tenths, amounts in cents, dates not in
the future) and dismisses with plain values, or ``None``; the screen saves them in a worker. The
timer dialog does its own reading and writing (it is opened from the matter workspace too).
Fields are compact (one line each) so every dialog fits an 80×24 terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from casekit.domain import fees
from casekit.errors import InvalidInput
from casekit.services.casefile import claim_label
from casekit.tui.screens.deadline_edit import MODAL_CSS
from casekit.tui.screens.form import FormModal

FORM_CSS = """
{name} Grid {{
    grid-size: 2; grid-columns: 14 1fr; grid-rows: auto; height: auto; grid-gutter: 0 1;
}}
{name} Grid Label {{ color: $text-muted; }}
{name} SelectCurrent {{ margin-top: 0; align-horizontal: left; }}
{name} .checks {{ height: 1; margin-top: 1; align-horizontal: left; }}
{name} .checks Checkbox {{ margin-right: 2; }}
{name} .note {{ color: $text-muted; height: auto; }}
"""

ALL_CLAIMS = "all"


def _parse_day(text: str, today: date, what: str, *, future: bool = False) -> date | str:
    from casekit.domain.bounds import parse_day
    from casekit.errors import InvalidInput

    try:
        day = parse_day(text, today, what, echo=False)
    except InvalidInput as exc:
        return f"{exc.message[:1].upper()}{exc.message[1:]}."
    if day > today and not future:
        return f"{what} is after today ({today.isoformat()})."
    return day


def _buttons(prefix: str, save: str, *extra: Button) -> Horizontal:
    return Horizontal(
        *extra,
        Button("Cancel", id=f"{prefix}-cancel", compact=True),
        Button(save, id=f"{prefix}-save", variant="primary", compact=True),
    )


def _claim_options(claims: tuple[str, ...]) -> list[tuple[str, str]]:
    return [("All claims", ALL_CLAIMS)] + [(claim_label(c), c) for c in claims]


def _value(select: Select[Any]) -> str:
    value = select.value
    return value if isinstance(value, str) else ""


# --- time entry -----------------------------------------------------------------------------


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


class TimeEntryModal(FormModal):
    """Add, edit or correct a time entry (a correction also asks why)."""

    DEFAULT_CSS = MODAL_CSS.format(name="TimeEntryModal") + FORM_CSS.format(name="TimeEntryModal")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="time-entry-cancel"),
        Binding("ctrl+s", "save", "Save", id="time-entry-save", priority=True),
    ]

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
        super().__init__()
        self.title_text = title
        self.timekeepers = timekeepers
        self.claims = claims
        self.today = today
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
                yield Select(
                    [(fees.CATEGORY_LABELS[c], c) for c in fees.TASK_CATEGORIES],
                    value=first.category if first and first.category else Select.NULL,
                    prompt="Task category",
                    id="entry-category",
                    compact=True,
                )
                yield Label("Claim")
                yield Select(
                    _claim_options(self.claims),
                    value=first.claim
                    if first and first.claim in (ALL_CLAIMS, *self.claims)
                    else ALL_CLAIMS,
                    allow_blank=False,
                    id="entry-claim",
                    compact=True,
                )
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
            yield _buttons("entry", "Save")

    def on_mount(self) -> None:
        target = "#entry-hours" if self.initial and self.initial.timekeeper else "#entry-timekeeper"
        self.query_one(target).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#entry-save")
    def action_save(self) -> None:
        error = self.query_one("#entry-error", Label)
        who = _value(self.query_one("#entry-timekeeper", Select))
        if not who:
            error.update("Pick the timekeeper.")
            return
        day = _parse_day(self.query_one("#entry-date", Input).value, self.today, "The date")
        if isinstance(day, str):
            error.update(day)
            return
        hours = self.query_one("#entry-hours", Input).value.strip()
        try:
            fees.parse_hours(hours)
        except InvalidInput as exc:
            error.update(str(exc).capitalize() + ".")
            return
        category = _value(self.query_one("#entry-category", Select))
        if not category:
            error.update("Pick the task category.")
            return
        description = self.query_one("#entry-description", Input).value.strip()
        if not description:
            error.update("Say what was done: courts cut vague entries.")
            return
        reason = ""
        if self.correction:
            reason = self.query_one("#entry-reason", Input).value.strip()
            if not reason:
                error.update("Say why it is corrected (kept in the new entries).")
                return
        self.dismiss(
            TimeEntryInput(
                timekeeper=who,
                worked_on=day,
                hours=hours,
                category=category,
                claim=_value(self.query_one("#entry-claim", Select)) or ALL_CLAIMS,
                description=description,
                billable=not self.query_one("#entry-no-charge", Checkbox).value,
                unrelated=self.query_one("#entry-unrelated", Checkbox).value,
                reason=reason,
            )
        )


# --- the timer ------------------------------------------------------------------------------


class TimerModal(FormModal):
    """Start a timer on a matter, or stop the one running there and record its time.

    Dismisses with a sentence saying what happened (``None`` when nothing changed). Whatever
    happens, the app's title bar is brought up to date with the running timers.
    """

    DEFAULT_CSS = MODAL_CSS.format(name="TimerModal") + FORM_CSS.format(name="TimerModal")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="timer-cancel"),
        Binding("ctrl+s", "save", "Save", id="timer-save", priority=True),
    ]

    class Loaded(Message):
        def __init__(self, workspace: Any, now: Any) -> None:
            super().__init__()
            self.workspace = workspace
            self.now = now

    class Done(Message):
        def __init__(self, text: str, timers: Any) -> None:
            super().__init__()
            self.text = text
            self.timers = timers

    def __init__(self, matter_id: int) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.workspace: Any = None
        self.running: Any = None  # the timer to stop (TimerOut), if any

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Timer", classes="title", id="timer-title")
            yield Static("Reading the matter…", id="timer-state", classes="note")
            with Grid(id="timer-start"):
                yield Label("Timekeeper")
                yield Select([], prompt="Who is working", id="timer-timekeeper", compact=True)
            with Grid(id="timer-stop"):
                yield Label("Hours")
                yield Input(id="timer-hours", compact=True, placeholder="tenths, e.g. 1.4")
                yield Label("Task")
                yield Select(
                    [(fees.CATEGORY_LABELS[c], c) for c in fees.TASK_CATEGORIES],
                    prompt="Task category",
                    id="timer-category",
                    compact=True,
                )
                yield Label("Claim")
                yield Select(
                    [("All claims", ALL_CLAIMS)],
                    value=ALL_CLAIMS,
                    allow_blank=False,
                    id="timer-claim",
                    compact=True,
                )
                yield Label("Description")
                yield Input(placeholder="What was done", id="timer-description", compact=True)
            with Horizontal(classes="checks", id="timer-checks"):
                yield Checkbox("No charge", id="timer-no-charge", compact=True)
            yield Label("", id="timer-error", classes="error")
            yield Horizontal(
                Button("Discard timer", id="timer-discard", variant="error", compact=True),
                Button("Cancel", id="timer-cancel", compact=True),
                Button("Start", id="timer-save", variant="primary", compact=True),
            )

    def on_mount(self) -> None:
        for selector in ("#timer-start", "#timer-stop", "#timer-checks", "#timer-discard"):
            self.query_one(selector).display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-load")
    def load(self) -> None:
        from casekit.services.fee_workspace import fees_workspace

        self.deliver(self.Loaded(fees_workspace(self.svc, self.matter_id), self.svc.now()))

    def on_timer_modal_loaded(self, message: Loaded) -> None:
        from casekit.domain.calendar import LOCAL_TZ

        ws = self.workspace = message.workspace
        actor = self.svc.actor
        mine = [t for t in ws.timers if t.started_by == actor]
        self.running = mine[0] if mine else None
        state = self.query_one("#timer-state", Static)
        save = self.query_one("#timer-save", Button)
        if self.running is None:
            self.query_one("#timer-title", Label).update(f"Start a timer on {ws.number}")
            others = ", ".join(f"{t.timekeeper} ({t.started_by})" for t in ws.timers)
            state.update(
                "The start is saved: the timer keeps running if casekit is closed."
                + (f"\nAlso running here: {others}." if others else "")
            )
            names = [t.name for t in ws.timekeepers]
            select = self.query_one("#timer-timekeeper", Select)
            select.set_options([(n, n) for n in names])
            if ws.attorney in names:
                select.value = ws.attorney
            self.query_one("#timer-start").display = True
            save.label = "Start"
            select.focus()
            self.mark_clean()
            return
        timer = self.running
        seconds = max(0.0, timer.elapsed_seconds(message.now))
        minutes = int(seconds // 60)
        tenths = timer.tenths(message.now)
        started = timer.started_at.astimezone(LOCAL_TZ)
        self.query_one("#timer-title", Label).update(f"Stop the timer on {ws.number}")
        state.update(
            f"{timer.timekeeper}, since {started:%Y-%m-%d %H:%M}: {minutes // 60} h "
            f"{minutes % 60:02d} min, billed as {fees.tenths_text(tenths)} h (rounded up to "
            "the next six minutes). Correct the hours if the timer ran too long."
        )
        hours = self.query_one("#timer-hours", Input)
        hours.value = fees.tenths_text(min(tenths, fees.MAX_TENTHS))
        self.query_one("#timer-claim", Select).set_options(_claim_options(ws.claims))
        self.query_one("#timer-claim", Select).value = ALL_CLAIMS
        for selector in ("#timer-stop", "#timer-checks", "#timer-discard"):
            self.query_one(selector).display = True
        save.label = "Stop and save"
        self.query_one("#timer-category", Select).focus()
        self.mark_clean()

    @on(Input.Submitted)
    @on(Button.Pressed, "#timer-save")
    def action_save(self) -> None:
        if self.workspace is None:
            return
        error = self.query_one("#timer-error", Label)
        if self.running is None:
            who = _value(self.query_one("#timer-timekeeper", Select))
            if not who:
                error.update("Pick who is working.")
                return
            self.start(who)
            return
        hours = self.query_one("#timer-hours", Input).value.strip()
        try:
            fees.parse_hours(hours)
        except InvalidInput as exc:
            error.update(str(exc).capitalize() + ".")
            return
        category = _value(self.query_one("#timer-category", Select))
        if not category:
            error.update("Pick the task category.")
            return
        description = self.query_one("#timer-description", Input).value.strip()
        if not description:
            error.update("Say what was done: courts cut vague entries.")
            return
        claim = _value(self.query_one("#timer-claim", Select))
        self.stop(
            hours,
            category,
            description,
            "" if claim == ALL_CLAIMS else claim,
            not self.query_one("#timer-no-charge", Checkbox).value,
        )

    def _my_timers(self) -> Any:
        from casekit.services.fees import running_timers

        return running_timers(self.svc)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def start(self, timekeeper: str) -> None:
        from casekit.services.fees import start_timer

        timer = start_timer(self.svc, self.matter_id, timekeeper=timekeeper)
        self.deliver(
            self.Done(f"Timer started for {timer.timekeeper} on {timer.matter}", self._my_timers())
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def stop(self, hours: str, category: str, description: str, claim: str, billable: bool) -> None:
        from casekit.services.fees import stop_timer

        entry = stop_timer(
            self.svc,
            self.running.id,
            category=category,
            description=description,
            hours=hours,
            claim=claim,
            billable=billable,
            version=self.running.version,
        )
        self.deliver(
            self.Done(f"{entry.hours} h recorded for {entry.timekeeper} on {entry.matter}",
                      self._my_timers())
        )  # fmt: skip

    @on(Button.Pressed, "#timer-discard")
    def _discard(self) -> None:
        if self.running is not None:
            self.discard()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def discard(self) -> None:
        from casekit.services.fees import discard_timer

        timer = discard_timer(self.svc, self.running.id, version=self.running.version)
        self.deliver(self.Done(f"Timer discarded ({timer.timekeeper}, {timer.matter})",
                               self._my_timers()))  # fmt: skip

    def on_timer_modal_done(self, message: Done) -> None:
        self.casekit.timer_title.show_timers(message.timers)
        self.casekit.note_change()
        self.dismiss(message.text)


# --- cost -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CostInput:
    kind: str
    amount: str
    incurred_on: date
    description: str
    receipt: str = ""
    claimed: bool = True


class CostModal(FormModal):
    """Record a cost; the receipt file (optional) is stored in the evidence vault."""

    DEFAULT_CSS = MODAL_CSS.format(name="CostModal") + FORM_CSS.format(name="CostModal")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="cost-cancel"),
        Binding("ctrl+s", "save", "Save", id="cost-save", priority=True),
    ]

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a cost", classes="title")
            with Grid():
                yield Label("Kind")
                yield Select(
                    [(fees.COST_LABELS[k], k) for k in fees.COST_KINDS],
                    prompt="Filing fee, marshal's fee …",
                    id="cost-kind",
                    compact=True,
                )
                yield Label("Amount")
                yield Input(placeholder="dollars, e.g. 360.00", id="cost-amount", compact=True)
                yield Label("Date paid")
                yield Input(value=self.today.isoformat(), id="cost-date", compact=True)
                yield Label("Description")
                yield Input(placeholder="What it paid for", id="cost-description", compact=True)
                yield Label("Receipt file")
                yield Input(
                    placeholder="path to the receipt (optional; stored in the vault)",
                    id="cost-receipt",
                    compact=True,
                )
            with Horizontal(classes="checks"):
                yield Checkbox("Not claimed", id="cost-not-claimed", compact=True)
            yield Label("", id="cost-error", classes="error")
            yield _buttons("cost", "Save")

    def on_mount(self) -> None:
        self.query_one("#cost-kind", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#cost-save")
    def action_save(self) -> None:
        error = self.query_one("#cost-error", Label)
        kind = _value(self.query_one("#cost-kind", Select))
        if not kind:
            error.update("Pick the kind of cost.")
            return
        amount = self.query_one("#cost-amount", Input).value.strip()
        try:
            if fees.parse_money(amount) == 0:
                raise InvalidInput("the amount must be more than $0.00")
        except InvalidInput as exc:
            error.update(str(exc).capitalize() + ".")
            return
        day = _parse_day(self.query_one("#cost-date", Input).value, self.today, "The date")
        if isinstance(day, str):
            error.update(day)
            return
        description = self.query_one("#cost-description", Input).value.strip()
        if not description:
            error.update("Say what the cost paid for.")
            return
        self.dismiss(
            CostInput(
                kind=kind,
                amount=amount,
                incurred_on=day,
                description=description,
                receipt=self.query_one("#cost-receipt", Input).value.strip(),
                claimed=not self.query_one("#cost-not-claimed", Checkbox).value,
            )
        )


# --- resolution -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolutionInput:
    kind: str
    dated: date
    side: str
    amount: str
    terms: str
    injunctive_terms: str
    expires_on: date | None
    court: str


class ResolutionModal(FormModal):
    """Record a demand, an offer, settlement terms or a judgment."""

    DEFAULT_CSS = MODAL_CSS.format(name="ResolutionModal") + FORM_CSS.format(name="ResolutionModal")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="resolution-cancel"),
        Binding("ctrl+s", "save", "Save", id="resolution-save", priority=True),
    ]

    def __init__(self, *, today: date) -> None:
        super().__init__()
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Record a demand, offer, settlement or judgment", classes="title")
            with Grid():
                yield Label("Kind")
                yield Select(
                    [(k.capitalize(), k) for k in fees.RESOLUTION_KINDS],
                    prompt="What it is",
                    id="res-kind",
                    compact=True,
                )
                yield Label("Date")
                yield Input(value=self.today.isoformat(), id="res-date", compact=True)
                yield Label("From / for")
                yield Select(
                    [("Plaintiff", "plaintiff"), ("Defendant", "defendant")],
                    prompt="who made it (judgment: in whose favour)",
                    id="res-side",
                    compact=True,
                )
                yield Label("Amount")
                yield Input(placeholder="dollars (optional)", id="res-amount", compact=True)
                yield Label("Terms")
                yield Input(placeholder="payment, fees, release …", id="res-terms", compact=True)
                yield Label("Injunctive")
                yield Input(
                    placeholder="policy, training, records …", id="res-injunctive", compact=True
                )
                yield Label("Expires")
                yield Input(
                    placeholder="demand or offer: YYYY-MM-DD", id="res-expires", compact=True
                )
                yield Label("Court")
                yield Select(
                    [("State (Superior Court)", "state"), ("Federal (D. Conn.)", "federal")],
                    prompt="judgment only: starts the fee-motion deadline",
                    id="res-court",
                    compact=True,
                )
            yield Label("", id="res-error", classes="error")
            yield _buttons("res", "Save")

    def on_mount(self) -> None:
        self.query_one("#res-kind", Select).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#res-save")
    def action_save(self) -> None:
        error = self.query_one("#res-error", Label)
        kind = _value(self.query_one("#res-kind", Select))
        if not kind:
            error.update("Pick what it is.")
            return
        day = _parse_day(self.query_one("#res-date", Input).value, self.today, "The date")
        if isinstance(day, str):
            error.update(day)
            return
        amount = self.query_one("#res-amount", Input).value.strip()
        if amount:
            try:
                fees.parse_money(amount)
            except InvalidInput as exc:
                error.update(str(exc).capitalize() + ".")
                return
        expires_text = self.query_one("#res-expires", Input).value.strip()
        expires: date | None = None
        if expires_text:
            parsed = _parse_day(expires_text, self.today, "The expiry", future=True)
            if isinstance(parsed, str):
                error.update(parsed)
                return
            expires = parsed
        side = _value(self.query_one("#res-side", Select))
        court = _value(self.query_one("#res-court", Select))
        if kind == "judgment" and (not side or not court):
            error.update("A judgment needs in whose favour it entered and the court.")
            return
        self.dismiss(
            ResolutionInput(
                kind=kind,
                dated=day,
                side=side,
                amount=amount,
                terms=self.query_one("#res-terms", Input).value.strip(),
                injunctive_terms=self.query_one("#res-injunctive", Input).value.strip(),
                expires_on=expires,
                court=court if kind == "judgment" else "",
            )
        )


# --- petition and choices -------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionInput:
    through: date
    since: date | None


class PetitionModal(FormModal):
    """Issue a fee petition: it locks every entry and cost it includes, for good."""

    DEFAULT_CSS = MODAL_CSS.format(name="PetitionModal") + FORM_CSS.format(name="PetitionModal")
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
        through = _parse_day(
            self.query_one("#petition-through", Input).value, self.today, "The last day"
        )
        if isinstance(through, str):
            error.update(through)
            return
        since_text = self.query_one("#petition-since", Input).value.strip()
        since: date | None = None
        if since_text:
            parsed = _parse_day(since_text, self.today, "The first day")
            if isinstance(parsed, str):
                error.update(parsed)
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
