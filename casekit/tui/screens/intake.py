"""Intake: a new client and incident on one form, checked as it is typed, saved when valid.

While the paralegal types, the conflict check runs in a worker (after a short pause in typing)
and the screening decision is recomputed from the facts on the form (a pure domain call, run
after a pause so it never delays a keystroke). Nothing is written until every field is valid;
saving runs in a worker (:func:`casekit.services.intake.open_intake`: client, matter, incident
with its exception facts and defendant in one transaction) and opens the new matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    Select,
    Static,
    Switch,
    TextArea,
)

from casekit.domain import codes
from casekit.domain.labels import count
from casekit.services import views
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.overview import screening_text

#: Pause in typing before the conflict check runs (seconds).
CONFLICT_DELAY = 0.25
#: Pause before the screening is recomputed (seconds).
SCREEN_DELAY = 0.15
LANGUAGES = (
    ("English", "en"),
    ("Spanish", "es"),
    ("Portuguese", "pt"),
    ("Haitian Creole", "ht"),
    ("French", "fr"),
    ("Arabic", "ar"),
    ("Chinese", "zh"),
    ("Vietnamese", "vi"),
    ("Polish", "pl"),
    ("Other (English on file)", "en"),
)


@dataclass(frozen=True)
class Draft:
    """The form's values, read in one place."""

    name: str
    language: str
    phone: str
    phone_safe: bool
    email: str
    email_safe: bool
    address: str
    address_safe: bool
    incident_date: str
    incident_time: str
    town: str
    agency: str
    violations: tuple[str, ...]
    judicial_warrant: bool
    tsdb_match: bool
    convictions: tuple[str, ...]
    attorney: str | None
    narrative: str


def validate(draft: Draft, *, today: date, towns: set[str], agencies: set[str]) -> dict[str, str]:
    """Field id → message, for every field that stops the form from being saved."""
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = "The client's name is required."
    from casekit.domain.bounds import parse_day
    from casekit.errors import InvalidInput

    try:
        day = parse_day(draft.incident_date, today, "incident date", echo=False)
        if day > today:
            errors["date"] = f"The incident date is after today ({today.isoformat()})."
    except InvalidInput as exc:
        errors["date"] = f"{exc.message[:1].upper()}{exc.message[1:]}."
    if draft.incident_time.strip():
        try:
            time.fromisoformat(draft.incident_time.strip())
        except ValueError:
            errors["time"] = "Time: HH:MM (24-hour), or leave it empty."
    if draft.town.strip() not in towns:
        errors["town"] = "Pick a Connecticut town from the list (type to see suggestions)."
    if draft.agency.strip() not in agencies:
        errors["agency"] = "Pick an agency from the registry (type to see suggestions)."
    if draft.email.strip() and "@" not in draft.email:
        errors["email"] = "That e-mail address has no @."
    elif draft.email_safe and not draft.email.strip():
        errors["email"] = "Marked safe to contact by e-mail, but no e-mail address is given."
    return errors


class IntakeScreen(CasekitScreen):
    """A new client and incident."""

    CSS_PATH = "intake.tcss"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="intake-save",
            priority=True,
            tooltip="Save the client and incident and open the new matter.",
        ),
    ]

    class OptionsLoaded(Message):
        def __init__(self, options: views.Options) -> None:
            super().__init__()
            self.options = options

    class ConflictsFound(Message):
        def __init__(self, name: str, hits: list[Any]) -> None:
            super().__init__()
            self.name = name
            self.hits = hits

    class Saved(Message):
        def __init__(self, matter_id: int, number: str) -> None:
            super().__init__()
            self.matter_id = matter_id
            self.number = number

    def __init__(self) -> None:
        super().__init__()
        self.options: views.Options | None = None
        self._agencies: dict[str, views.AgencyChoice] = {}
        self._conflict_timer: Timer | None = None
        self._screen_timer: Timer | None = None
        self._touched: set[str] = set()
        self._saving = False
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="intake-body"):
            with VerticalScroll(id="intake-form"):
                yield Label("Client", classes="section-title")
                yield Input(placeholder="Full name *", id="intake-name", compact=True)
                yield Label("", id="intake-name-error", classes="error")
                yield Select(
                    LANGUAGES,
                    prompt="Preferred language",
                    value="es",
                    allow_blank=False,
                    id="intake-language",
                    compact=True,
                )
                for field, hint in (
                    ("phone", "Phone"),
                    ("email", "E-mail"),
                    ("address", "Address"),
                ):
                    with Horizontal(classes="contact"):
                        yield Input(placeholder=hint, id=f"intake-{field}", compact=True)
                        yield Switch(
                            value=False,
                            id=f"intake-{field}-safe",
                            tooltip="Safe to contact the client this way",
                        )
                        yield Label("safe", classes="hint")
                yield Label("", id="intake-email-error", classes="error")
                yield Label("Incident", classes="section-title")
                with Horizontal(classes="pair"):
                    yield Input(placeholder="Date YYYY-MM-DD *", id="intake-date", compact=True)
                    yield Input(placeholder="Time HH:MM", id="intake-time", compact=True)
                yield Label("", id="intake-date-error", classes="error")
                yield Label("", id="intake-time-error", classes="error")
                yield Input(
                    placeholder="Town * (type for suggestions)", id="intake-town", compact=True
                )
                yield Label("", id="intake-town-error", classes="error")
                yield Input(
                    placeholder="Agency * (type for suggestions)", id="intake-agency", compact=True
                )
                yield Label("", id="intake-agency-error", classes="error")
                yield Label("What police did (V1-V8)", classes="section-title")
                for code in codes.violations().values():
                    yield Checkbox(
                        f"{code.short} {code.title}",
                        id=f"intake-{code.short}",
                        name=code.id,
                        classes="violation",
                    )
                yield Label("Exception facts", classes="section-title")
                yield Checkbox("Judicial warrant (signed by a judge)", id="intake-judicial-warrant")
                yield Checkbox("Terrorist Screening Database match", id="intake-tsdb")
                yield Input(
                    placeholder="Convictions: statute sections, comma-separated",
                    id="intake-convictions",
                    compact=True,
                )
                yield Label("Matter", classes="section-title")
                yield Select([], prompt="Responsible attorney", id="intake-attorney", compact=True)
                yield TextArea(id="intake-narrative", soft_wrap=True)
                yield Button(
                    "Save and open the matter (ctrl+s)", id="intake-save", variant="primary"
                )
            with VerticalScroll(id="intake-side"):
                yield Label("Conflict check", classes="section-title")
                yield Static("Type the client's name.", id="intake-conflicts")
                yield Label("Screening (nothing saved yet)", classes="section-title")
                yield Static("Enter the date, agency and what police did.", id="intake-screening")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#intake-narrative", TextArea).border_title = "Narrative"
        self.query_one("#intake-name", Input).focus()
        self.load_options()

    # --- reference data ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-options")
    def load_options(self) -> None:
        self.deliver(self.OptionsLoaded(views.options(self.svc, for_screening=True)))

    def on_intake_screen_options_loaded(self, message: OptionsLoaded) -> None:
        o = self.options = message.options
        self._agencies = {a.name: a for a in o.agencies}
        self.query_one("#intake-town", Input).suggester = SuggestFromList(
            [t.label for t in o.towns], case_sensitive=False
        )
        self.query_one("#intake-agency", Input).suggester = SuggestFromList(
            list(self._agencies), case_sensitive=False
        )
        self.query_one("#intake-attorney", Select).set_options(
            (a.label, a.label) for a in o.attorneys
        )
        self._ready = True

    # --- reading the form --------------------------------------------------------------------

    def _text(self, field: str) -> str:
        return self.query_one(f"#intake-{field}", Input).value

    def draft(self) -> Draft:
        language = self.query_one("#intake-language", Select).value
        attorney = self.query_one("#intake-attorney", Select)
        return Draft(
            name=self._text("name").strip(),
            language=str(language) if isinstance(language, str) else "en",
            phone=self._text("phone").strip(),
            phone_safe=self.query_one("#intake-phone-safe", Switch).value,
            email=self._text("email").strip(),
            email_safe=self.query_one("#intake-email-safe", Switch).value,
            address=self._text("address").strip(),
            address_safe=self.query_one("#intake-address-safe", Switch).value,
            incident_date=self._text("date").strip(),
            incident_time=self._text("time").strip(),
            town=self._text("town").strip(),
            agency=self._text("agency").strip(),
            violations=tuple(
                str(box.name) for box in self.query(".violation").results(Checkbox) if box.value
            ),
            judicial_warrant=self.query_one("#intake-judicial-warrant", Checkbox).value,
            tsdb_match=self.query_one("#intake-tsdb", Checkbox).value,
            convictions=tuple(s.strip() for s in self._text("convictions").split(",") if s.strip()),
            attorney=None if attorney.is_blank() else str(attorney.value),
            narrative=self.query_one("#intake-narrative", TextArea).text.strip(),
        )

    def errors(self) -> dict[str, str]:
        o = self.options
        return validate(
            self.draft(),
            today=self.svc.today(),
            towns={t.label for t in o.towns} if o else set(),
            agencies=set(self._agencies),
        )

    def _show_errors(self, errors: dict[str, str], *, all_fields: bool) -> None:
        for field in ("name", "email", "date", "time", "town", "agency"):
            message = errors.get(field, "") if all_fields or field in self._touched else ""
            if field == "agency" and not message:
                continue  # the agency line shows the picked agency's kind instead
            self._line(f"#intake-{field}-error", message)

    def _line(self, selector: str, message: str | Text) -> None:
        label = self.query_one(selector, Label)
        label.update(message)
        label.set_class(bool(message), "-shown")

    # --- as the user types -------------------------------------------------------------------

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(Switch.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        widget = getattr(event, "control", None) or getattr(event, "text_area", None)
        field = (getattr(widget, "id", "") or "").removeprefix("intake-")
        if field not in ("language",):  # the language has a default: choosing it is not typing
            self.dirty = True
        if isinstance(event, Input.Changed) and field in (
            "name",
            "email",
            "date",
            "time",
            "town",
            "agency",
        ):
            if event.value.strip():
                self._touched.add(field)
        if field == "agency":
            self._agency_picked(self._text("agency").strip())
        if field == "name":
            self._schedule_conflicts()
        if self._ready or field != "name":
            self._show_errors(self.errors(), all_fields=False)
        self._schedule_screening()

    def _agency_picked(self, name: str) -> None:
        agency = self._agencies.get(name)
        if agency is None:
            return
        town = self.query_one("#intake-town", Input)
        if not town.value.strip() and agency.town:
            town.value = agency.town
        employer = f" · employer {agency.employer}" if agency.employer else ""
        self._line(
            "#intake-agency-error", Text(f"{agency.kind.replace('_', ' ')}{employer}", style="dim")
        )

    def _schedule_conflicts(self) -> None:
        if self._conflict_timer is not None:
            self._conflict_timer.stop()
        self._conflict_timer = self.set_timer(CONFLICT_DELAY, self._run_conflicts)

    def _run_conflicts(self) -> None:
        name = self._text("name").strip()
        if not any(ch.isalnum() for ch in name):
            self.query_one("#intake-conflicts", Static).update("Type the client's name.")
            return
        self.check_conflicts(name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-conflicts")
    def check_conflicts(self, name: str) -> None:
        from casekit.services.conflicts import check_conflicts

        self.deliver(self.ConflictsFound(name, check_conflicts(self.svc, name)))

    def on_intake_screen_conflicts_found(self, message: ConflictsFound) -> None:
        if message.name != self._text("name").strip():
            return
        text = Text()
        if not message.hits:
            text.append("No conflict found.", style="green")
        else:
            text.append(f"{count(len(message.hits), 'possible conflict')}:\n", style="bold yellow")
            for hit in message.hits:
                where = hit.where.replace("party:", "").replace("_", " ")
                matter = f" in {hit.matter}" if hit.matter else ""
                text.append(f" • {hit.name}", style="bold")
                text.append(f" — {where}{matter} ({hit.score:.0%})\n")
        self.query_one("#intake-conflicts", Static).update(text)

    def _schedule_screening(self) -> None:
        if self._screen_timer is not None:
            self._screen_timer.stop()
        self._screen_timer = self.set_timer(SCREEN_DELAY, self._run_screening)

    def _run_screening(self) -> None:
        draft = self.draft()
        panel = self.query_one("#intake-screening", Static)
        from casekit.domain.bounds import parse_day
        from casekit.errors import InvalidInput

        try:
            day = parse_day(draft.incident_date, self.svc.today(), "incident date")
        except InvalidInput:
            panel.update("Enter the incident date (YYYY-MM-DD) to screen.")
            return
        agency = self._agencies.get(draft.agency)
        if agency is None:
            panel.update("Pick the agency to screen.")
            return
        view = views.screen_facts(
            occurred_on=day,
            agency_kind=agency.kind,
            violations=draft.violations,
            judicial_warrant=draft.judicial_warrant,
            convictions=draft.convictions,
            tsdb_match=draft.tsdb_match,
            today=self.svc.today(),
            pack=self.options.law_pack if self.options else None,
            calendar=self.options.calendar if self.options else None,
        )
        panel.update(screening_text(view, heading="Decision"))

    # --- saving ------------------------------------------------------------------------------

    @on(Button.Pressed, "#intake-save")
    def action_save(self) -> None:
        if self._saving:
            return
        errors = self.errors()
        self._show_errors(errors, all_fields=True)
        if errors:
            self.notify(f"Not saved: {len(errors)} field(s) to fix.", severity="warning")
            first = next(iter(errors))
            self.query_one(f"#intake-{first}", Input).focus()
            return
        self._saving = True
        self.save(self.draft())

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-save")
    def save(self, draft: Draft) -> None:
        """Client, matter, incident (with its exception facts) and defendant: one transaction,
        so a failure leaves nothing behind and saving again cannot duplicate the client."""
        from casekit.services.intake import open_intake

        matter = open_intake(
            self.svc,
            name=draft.name,
            language=draft.language,
            phone=draft.phone,
            phone_safe=draft.phone_safe,
            email=draft.email,
            email_safe=draft.email_safe,
            address=draft.address,
            address_safe=draft.address_safe,
            incident_date=draft.incident_date,
            incident_time=draft.incident_time or None,
            town=draft.town,
            agency=draft.agency,
            violations=draft.violations,
            judicial_warrant=draft.judicial_warrant,
            convictions=[(section, None) for section in draft.convictions],
            tsdb_match=draft.tsdb_match,
            attorney=draft.attorney,
            narrative=draft.narrative,
        )
        self.post_message(self.Saved(matter.id, matter.number))

    def on_intake_screen_saved(self, message: Saved) -> None:
        self._saving = False
        self.dirty = False
        self.casekit.note_change()
        self.notify(f"Matter {message.number} opened.")
        self.app.pop_screen()
        self.casekit.open_matter(message.matter_id)

    def on_worker_state_changed(self, event: Any) -> None:
        if event.worker.group == "intake-save" and event.state.name in ("ERROR", "CANCELLED"):
            self._saving = False
        # No super() call: Textual runs the base class's handler (which reports the error) too.
