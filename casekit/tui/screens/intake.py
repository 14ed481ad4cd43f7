"""Intake: a new client and incident on one form, checked as it is typed, saved when valid.

While the paralegal types, the conflict check runs in a worker (after a short pause in typing)
and the screening decision is recomputed from the facts on the form (a pure domain call, run
after a pause so it never delays a keystroke). Nothing is written until every field is valid;
saving runs in a worker (:func:`casekit.services.intake.open_intake`: client, matter, incident
with its exception facts and defendant in one transaction) and opens the new matter.

The form knows the office: a client the conflict check finds can be used ("use this client":
the form is filled from their record, the new matter is theirs, and what is changed on the form
is saved to their record as an audited update); a hit on a defendant, witness or agency needs a
clearance note before the form saves; the check and the decision are recorded in the matter's
conflict log. A misspelt town gets "did you mean", an agency is found by any part of its name
("Troop" lists the troops).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
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
    OptionList,
    Select,
    Static,
    Switch,
    TextArea,
)
from textual.widgets.option_list import Option

from casekit.domain import codes, picklists
from casekit.domain.labels import count
from casekit.services import casefile as views
from casekit.services.conflicts import needs_clearance
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.format import language_choices
from casekit.tui.widgets.overview import screening_text
from casekit.tui.widgets.wrap_checkbox import WrapCheckbox

#: Pause in typing before the conflict check runs (seconds).
CONFLICT_DELAY = 0.25
#: Pause before the screening is recomputed (seconds).
SCREEN_DELAY = 0.15
LANGUAGES = (*language_choices(), ("Other (English on file)", "en"))
#: Custody times the form asks for: (kind, label).
CUSTODY_FIELDS = (
    ("arrest", "Arrest"),
    ("booking", "Booking"),
    ("detainer_received", "Detainer received"),
    ("scheduled_release", "Scheduled release"),
    ("release_to_ice", "Release to ICE"),
    ("release", "Release"),
)
#: How many agencies the substring match lists under the agency field.
AGENCY_MATCHES = 12
NARRATIVE_HINT = (
    "How documents use it: the complaint pastes each paragraph (a blank line between) as an "
    'allegation when it speaks of "the plaintiff" in the third person. Written about "the '
    'client" or in the first person ("I", "we"), a placeholder stands in and the drafting '
    "notes quote it for rewriting. Letters and the FOI request do not quote it."
)
_CONVICTION = re.compile(
    r"^(?P<section>.+?)(?:\s*[:(]\s*|\s+)(?:class\s+)?(?P<cls>[A-Ea-e])\)?$", re.IGNORECASE
)


def parse_convictions(text: str) -> tuple[tuple[str, str | None], ...]:
    """``"53a-101 B, 21a-279"`` → ``(("53a-101", "B"), ("21a-279", None))``: statute sections,
    comma-separated, each with the felony class A-E the attorney recorded (``53a-101 B``,
    ``53a-101:B`` or ``53a-101 (class B)``) or none (looked up in the offense table)."""
    out: list[tuple[str, str | None]] = []
    for part in text.split(","):
        item = " ".join(part.split())
        if not item:
            continue
        match = _CONVICTION.match(item)
        if match and match.group("section").strip():
            out.append((match.group("section").strip(), match.group("cls").upper()))
        else:
            out.append((item, None))
    return tuple(out)


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
    convictions: tuple[tuple[str, str | None], ...]
    attorney: str | None
    narrative: str
    date_of_birth: str = ""
    a_number: str = ""
    immigration_status: str = ""
    custody: tuple[tuple[str, str], ...] = ()
    clearance: str = ""
    #: How many hits of the live conflict check need clearing (a defendant, witness or agency).
    to_clear: int = 0
    #: The client chosen with "use this client" (their id), or None for a new client.
    existing: int | None = field(default=None)


def validate(draft: Draft, *, today: date, towns: set[str], agencies: set[str]) -> dict[str, str]:
    """Field id → message, for every field that stops the form from being saved."""
    errors: dict[str, str] = {}
    if not draft.name.strip():
        errors["name"] = "The client's name is required."
    from casekit.domain.bounds import parse_day
    from casekit.errors import InvalidInput
    from casekit.services.clients import clean_a_number, parse_dob

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
        close = picklists.closest(draft.town, towns) if draft.town.strip() else []
        errors["town"] = (
            f"Not a Connecticut town. Did you mean {_either(close)}? (enter takes the first)"
            if close
            else "Pick a Connecticut town (type to see suggestions)."
        )
    if draft.agency.strip() not in agencies:
        found = len(picklists.containing(draft.agency, agencies)) if draft.agency.strip() else 0
        errors["agency"] = (
            f"{found} agencies contain that: pick one below (enter takes the first)."
            if found > 1
            else "Pick the agency below (enter takes it)."
            if found == 1
            else "Pick an agency from the registry (type any part of its name)."
        )
    if draft.email.strip() and "@" not in draft.email:
        errors["email"] = "That e-mail address has no @."
    elif draft.email_safe and not draft.email.strip():
        errors["email"] = "Marked safe to contact by e-mail, but no e-mail address is given."
    for name, value, check in (
        ("dob", draft.date_of_birth, lambda v: parse_dob(v, today)),
        ("a-number", draft.a_number, clean_a_number),
    ):
        try:
            check(value)
        except InvalidInput as exc:
            errors[name] = f"{exc.message[:1].upper()}{exc.message[1:]}."
    labels = dict(CUSTODY_FIELDS)
    # An unlikely time (a past event after now, any before the incident) is asked about on
    # saving (NeedsConfirmation), as the record edits ask: here only the format is checked.
    for kind, text in draft.custody:
        try:
            datetime.fromisoformat(text.strip().replace(" ", "T", 1))
        except ValueError:
            errors[f"custody-{kind}"] = f"{labels[kind]}: YYYY-MM-DD HH:MM, or leave it empty."
    if draft.to_clear and not draft.clearance.strip():
        errors["clearance"] = (
            f"{draft.to_clear} hit(s) on a defendant, witness or agency: say why they are not "
            "conflicts."
        )
    return errors


def _either(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


class IntakeScreen(CasekitScreen):
    """A new client and incident (or a new matter for a client the office already has)."""

    CSS_PATH = "intake.tcss"
    #: Keys typed while the form opens land in the name field, not on the screen beneath.
    AUTO_FOCUS = "#intake-name"
    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            id="intake-save",
            priority=True,
            tooltip="Save the client and incident and open the new matter.",
        ),
        Binding(
            "ctrl+o",
            "pick_client",
            "Use client",
            id="intake-use-client",
            priority=True,
            tooltip="Go to the clients the conflict check found (enter uses the one chosen).",
        ),
    ]
    #: Fields with an error line under them (``#intake-<field>-error``).
    ERROR_FIELDS = (
        "name",
        "email",
        "dob",
        "a-number",
        "date",
        "time",
        "town",
        "agency",
        *(f"custody-{kind}" for kind, _ in CUSTODY_FIELDS),
        "clearance",
    )

    class OptionsLoaded(Message):
        def __init__(self, options: views.Options) -> None:
            super().__init__()
            self.options = options

    class ConflictsFound(Message):
        def __init__(self, key: tuple[str, str, str], hits: list[Any]) -> None:
            super().__init__()
            self.key = key
            self.hits = hits

    class ClientLoaded(Message):
        def __init__(self, client: Any) -> None:
            super().__init__()
            self.client = client

    class Confirm(Message):
        """Saving asks first (an unlikely custody time): yes saves it confirmed."""

        def __init__(self, text: str, draft: Draft, changes: dict[str, Any]) -> None:
            super().__init__()
            self.text = text
            self.draft = draft
            self.changes = changes

    class Saved(Message):
        def __init__(self, matter_id: int, number: str, *, existing: bool, decision: str) -> None:
            super().__init__()
            self.matter_id = matter_id
            self.number = number
            self.existing = existing
            self.decision = decision

    def __init__(self) -> None:
        super().__init__()
        self.options: views.Options | None = None
        self._agencies: dict[str, views.AgencyChoice] = {}
        self._conflict_timer: Timer | None = None
        self._screen_timer: Timer | None = None
        self._touched: set[str] = set()
        self._saving = False
        self._ready = False
        #: The live conflict check's hits (the chosen client's own left out).
        self._hits: list[Any] = []
        #: The client chosen with "use this client", as read (``ClientOut``), or None.
        self.existing: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="intake-body"):
            with VerticalScroll(id="intake-form"):
                yield Label("Client", classes="section-title")
                yield Input(placeholder="Full name *", id="intake-name", compact=True)
                yield Label("", id="intake-name-error", classes="error")
                with Horizontal(id="intake-existing-row", classes="existing"):
                    yield Label("", id="intake-existing")
                    yield Button("New client instead", id="intake-detach", compact=True)
                yield Select(
                    LANGUAGES,
                    prompt="Preferred language",
                    value="es",
                    allow_blank=False,
                    id="intake-language",
                    compact=True,
                )
                for name, hint in (
                    ("phone", "Phone"),
                    ("email", "E-mail"),
                    ("address", "Address"),
                ):
                    with Horizontal(classes="contact"):
                        yield Input(placeholder=hint, id=f"intake-{name}", compact=True)
                        yield Switch(
                            value=False,
                            id=f"intake-{name}-safe",
                            tooltip="Safe to contact the client this way",
                        )
                        yield Label("safe", classes="hint")
                yield Label("", id="intake-email-error", classes="error")
                yield Label("Sensitive (encrypted, never in lists)", classes="section-title")
                yield Input(placeholder="Date of birth YYYY-MM-DD", id="intake-dob", compact=True)
                yield Label("", id="intake-dob-error", classes="error")
                yield Input(
                    placeholder="A-number (A + 8 or 9 digits)", id="intake-a-number", compact=True
                )
                yield Label("", id="intake-a-number-error", classes="error")
                yield Input(placeholder="Immigration status", id="intake-immigration", compact=True)
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
                    placeholder="Agency * (any part of its name)", id="intake-agency", compact=True
                )
                yield Label("", id="intake-agency-error", classes="error")
                yield OptionList(id="intake-agency-matches", compact=True)
                yield Label("What the police did", classes="section-title")
                for code in codes.violations().values():
                    # The law pack's title, in words; wrapped, never cut, at 80 columns.
                    yield WrapCheckbox(
                        code.title,
                        id=f"intake-{code.short}",
                        name=code.id,
                        classes="violation",
                        compact=True,
                    )
                yield Label("Custody times (YYYY-MM-DD HH:MM)", classes="section-title")
                for kind, label in CUSTODY_FIELDS:
                    yield Input(placeholder=label, id=f"intake-custody-{kind}", compact=True)
                    yield Label("", id=f"intake-custody-{kind}-error", classes="error")
                yield Label("Exception facts", classes="section-title")
                yield Checkbox("Judicial warrant (signed by a judge)", id="intake-judicial-warrant")
                yield Checkbox("Terrorist Screening Database match", id="intake-tsdb")
                yield Input(
                    placeholder="Convictions: 53a-101 B, 21a-279 (section, class A-E if known)",
                    id="intake-convictions",
                    compact=True,
                )
                yield Label("Matter", classes="section-title")
                yield Select([], prompt="Responsible attorney", id="intake-attorney", compact=True)
                yield TextArea(id="intake-narrative", soft_wrap=True)
                yield Label(NARRATIVE_HINT, id="intake-narrative-hint", classes="hint-text")
                yield Button(
                    "Save and open the matter (ctrl+s)", id="intake-save", variant="primary"
                )
            with VerticalScroll(id="intake-side"):
                yield Label("Conflict check", classes="section-title")
                yield Static("Type the client's name.", id="intake-conflicts")
                yield OptionList(id="intake-same-client", compact=True)
                yield Input(placeholder="Clearance note *", id="intake-clearance", compact=True)
                yield Label("", id="intake-clearance-error", classes="error")
                yield Label("Screening (nothing saved yet)", classes="section-title")
                yield Static("Enter the date, agency and what police did.", id="intake-screening")
        yield Footer()

    def on_mount(self) -> None:
        narrative = self.query_one("#intake-narrative", TextArea)
        narrative.border_title = "Narrative"
        for hidden in ("#intake-agency-matches", "#intake-same-client", "#intake-clearance"):
            self.query_one(hidden).display = False
        self.query_one("#intake-existing-row").display = False
        # No focus() here: AUTO_FOCUS focuses the name as the screen opens; a focus() on mount
        # would pull back keys typed (a tab, the next field) in the moment it takes to mount.
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

    def _text(self, name: str) -> str:
        return self.query_one(f"#intake-{name}", Input).value

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
            convictions=parse_convictions(self._text("convictions")),
            attorney=None if attorney.is_blank() else str(attorney.value),
            narrative=self.query_one("#intake-narrative", TextArea).text.strip(),
            date_of_birth=self._text("dob").strip(),
            a_number=self._text("a-number").strip(),
            immigration_status=self._text("immigration").strip(),
            custody=tuple(
                (kind, self._text(f"custody-{kind}").strip())
                for kind, _ in CUSTODY_FIELDS
                if self._text(f"custody-{kind}").strip()
            ),
            clearance=self._text("clearance").strip(),
            to_clear=sum(1 for h in self._hits if needs_clearance(h)),
            existing=self.existing.id if self.existing is not None else None,
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
        for name in self.ERROR_FIELDS:
            message = errors.get(name, "") if all_fields or name in self._touched else ""
            if name == "agency" and not message and self._agencies.get(self._text("agency")):
                continue  # the agency line shows the picked agency's kind instead
            self._line(f"#intake-{name}-error", message)

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
        name = (getattr(widget, "id", "") or "").removeprefix("intake-")
        if name not in ("language", "attorney"):  # choosing a default is not typing
            self.dirty = True
        if isinstance(event, Input.Changed) and name in self.ERROR_FIELDS:
            if event.value.strip():
                self._touched.add(name)
        if name == "agency":
            self._agency_typed(self._text("agency").strip())
        if name in ("name", "phone", "dob"):
            self._schedule_conflicts()
        if self._ready or name != "name":
            self._show_errors(self.errors(), all_fields=False)
        self._schedule_screening()

    def _agency_typed(self, text: str) -> None:
        matches = self.query_one("#intake-agency-matches", OptionList)
        agency = self._agencies.get(text)
        if agency is not None:
            matches.display = False
            self._agency_picked(agency)
            return
        found = picklists.containing(text, self._agencies) if text else []
        matches.clear_options()
        matches.add_options(Option(n, id=n) for n in found[:AGENCY_MATCHES])
        if len(found) > AGENCY_MATCHES:
            matches.add_option(
                Option(f"… {len(found) - AGENCY_MATCHES} more: type more", disabled=True)
            )
        matches.display = bool(found)

    def _agency_picked(self, agency: views.AgencyChoice) -> None:
        town = self.query_one("#intake-town", Input)
        if not town.value.strip() and agency.town:
            town.value = agency.town
        employer = f" · employer {agency.employer}" if agency.employer else ""
        self._line(
            "#intake-agency-error", Text(f"{agency.kind.replace('_', ' ')}{employer}", style="dim")
        )

    @on(OptionList.OptionSelected, "#intake-agency-matches")
    def _agency_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            agency = self.query_one("#intake-agency", Input)
            agency.value = event.option.id
            agency.focus()

    @on(Input.Submitted, "#intake-agency")
    def _agency_enter(self) -> None:
        text = self._text("agency").strip()
        if text in self._agencies:
            return
        found = picklists.containing(text, self._agencies) if text else []
        if found:
            self.query_one("#intake-agency", Input).value = found[0]

    @on(Input.Submitted, "#intake-town")
    def _town_enter(self) -> None:
        towns = [t.label for t in self.options.towns] if self.options else []
        text = self._text("town").strip()
        if not text or text in towns:
            return
        found = picklists.exact(text, towns) or next(
            iter(picklists.closest(text, towns, limit=1)), None
        )
        if found:
            self.query_one("#intake-town", Input).value = found

    # --- the conflict check ------------------------------------------------------------------

    def _schedule_conflicts(self) -> None:
        if self._conflict_timer is not None:
            self._conflict_timer.stop()
        self._conflict_timer = self.set_timer(CONFLICT_DELAY, self._run_conflicts)

    def _conflict_key(self) -> tuple[str, str, str]:
        from casekit.errors import InvalidInput
        from casekit.services.clients import parse_dob

        born = self._text("dob").strip()
        try:
            parse_dob(born, self.svc.today())
        except InvalidInput:
            born = ""
        return (self._text("name").strip(), self._text("phone").strip(), born)

    def _run_conflicts(self) -> None:
        key = self._conflict_key()
        if not any(ch.isalnum() for ch in key[0]):
            self._hits = []
            self.query_one("#intake-conflicts", Static).update("Type the client's name.")
            self._show_hits()
            return
        self.check_conflicts(key)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-conflicts")
    def check_conflicts(self, key: tuple[str, str, str]) -> None:
        from casekit.services.conflicts import check_conflicts

        name, phone, born = key
        hits = check_conflicts(self.svc, name, phone=phone, date_of_birth=born or None)
        self.deliver(self.ConflictsFound(key, hits))

    def on_intake_screen_conflicts_found(self, message: ConflictsFound) -> None:
        if message.key != self._conflict_key():
            return
        own = self.existing.id if self.existing is not None else None
        self._hits = [h for h in message.hits if not (h.where == "client" and h.client_id == own)]
        self._show_hits()
        if self._ready:
            self._show_errors(self.errors(), all_fields=False)

    def _show_hits(self) -> None:
        hits = self._hits
        text = Text()
        if not hits:
            text.append("No possible conflict.", style="green")
        else:
            text.append(f"{count(len(hits), 'possible conflict')}:\n", style="bold yellow")
            for hit in hits:
                where = hit.where.replace("party:", "").replace("_", " ")
                matter = f" in {hit.matter}" if hit.matter else ""
                text.append(f" • {hit.name}", style="bold")
                text.append(f" — {where}{matter} ({hit.score:.0%})\n")
        to_clear = sum(1 for h in hits if needs_clearance(h))
        if to_clear:
            text.append(
                f"A defendant, witness or agency hit needs clearing: say below why "
                f"{'it is' if to_clear == 1 else 'they are'} not a conflict.",
                style="yellow",
            )
        self.query_one("#intake-conflicts", Static).update(text)
        same = self.query_one("#intake-same-client", OptionList)
        same.clear_options()
        seen: set[int] = set()
        for hit in hits:
            if hit.where == "client" and hit.client_id is not None and hit.client_id not in seen:
                seen.add(hit.client_id)
                matter = f", {hit.matter}" if hit.matter else ""
                same.add_option(
                    Option(f"Use this client: {hit.name}{matter}", id=str(hit.client_id))
                )
        same.display = bool(seen)
        self.query_one("#intake-clearance", Input).display = bool(to_clear)

    # --- "use this client" -------------------------------------------------------------------

    def action_pick_client(self) -> None:
        same = self.query_one("#intake-same-client", OptionList)
        if not same.display or not same.option_count:
            self.notify("The conflict check found no client to use: type the client's name.")
            return
        same.focus()
        if same.highlighted is None:
            same.highlighted = 0

    @on(OptionList.OptionSelected, "#intake-same-client")
    def _use_client(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.load_client(int(event.option.id))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-client")
    def load_client(self, client_id: int) -> None:
        from casekit.services.clients import show_client

        self.deliver(self.ClientLoaded(show_client(self.svc, str(client_id))))

    def on_intake_screen_client_loaded(self, message: ClientLoaded) -> None:
        client = self.existing = message.client
        self.dirty = True
        self.query_one("#intake-name", Input).value = client.name
        language = self.query_one("#intake-language", Select)
        codes_known = {code for _, code in LANGUAGES}
        if client.preferred_language and client.preferred_language not in codes_known:
            from casekit.services.clients import COMMON_LANGUAGES

            code = client.preferred_language
            label = COMMON_LANGUAGES.get(code, code)
            language.set_options([*LANGUAGES, (label, code)])
        if client.preferred_language:
            language.value = client.preferred_language
        for channel in ("phone", "email", "address"):
            self.query_one(f"#intake-{channel}", Input).value = getattr(client, channel)
            self.query_one(f"#intake-{channel}-safe", Switch).value = getattr(
                client, f"{channel}_safe"
            )
        for name in ("dob", "a-number", "immigration"):
            box = self.query_one(f"#intake-{name}", Input)
            box.value = ""
            box.placeholder = f"{box.placeholder.split(' (')[0]} (on file; type to change)"
        matters = ", ".join(client.matters) or "no matter yet"
        self.query_one("#intake-existing", Label).update(
            f"Existing client ({matters}): the new matter is theirs; changes here update "
            "their record."
        )
        self.query_one("#intake-existing-row").display = True
        self.notify("Using the existing client: no new client will be created.")
        self._schedule_conflicts()

    @on(Button.Pressed, "#intake-detach")
    def _new_client_instead(self) -> None:
        self.existing = None
        self.query_one("#intake-existing-row").display = False
        for name, hint in (
            ("dob", "Date of birth YYYY-MM-DD"),
            ("a-number", "A-number (A + 8 or 9 digits)"),
            ("immigration", "Immigration status"),
        ):
            self.query_one(f"#intake-{name}", Input).placeholder = hint
        self.notify("A new client will be created.")
        self._schedule_conflicts()

    def client_changes(self, draft: Draft) -> dict[str, Any]:
        """What the form changes on the chosen client's record (sensitive fields only when
        typed: they are never shown)."""
        client = self.existing
        if client is None:
            return {}
        now: dict[str, Any] = {
            "name": draft.name,
            "language": draft.language,
            "phone": draft.phone,
            "phone_safe": draft.phone_safe,
            "email": draft.email,
            "email_safe": draft.email_safe,
            "address": draft.address,
            "address_safe": draft.address_safe,
        }
        before = {
            "name": client.name,
            "language": client.preferred_language,
            "phone": client.phone,
            "phone_safe": client.phone_safe,
            "email": client.email,
            "email_safe": client.email_safe,
            "address": client.address,
            "address_safe": client.address_safe,
        }
        changes = {k: v for k, v in now.items() if v != before[k]}
        for key, value in (
            ("date_of_birth", draft.date_of_birth),
            ("a_number", draft.a_number),
            ("immigration_status", draft.immigration_status),
        ):
            if value:
                changes[key] = value
        return changes

    # --- screening ---------------------------------------------------------------------------

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
            convictions=tuple(section for section, _ in draft.convictions),
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
            first = next(iter(errors))
            if first == "clearance":
                self.notify(
                    "Not saved: the conflict check found a defendant, witness or agency; write "
                    "why it is not a conflict in the clearance note.",
                    severity="warning",
                )
            else:
                self.notify(f"Not saved: {len(errors)} field(s) to fix.", severity="warning")
            self.query_one(f"#intake-{first}", Input).focus()
            return
        self._saving = True
        draft = self.draft()
        self.save(draft, self.client_changes(draft))

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-save")
    def save(self, draft: Draft, changes: dict[str, Any], confirmed: bool = False) -> None:
        """Client (new, or the existing one updated), matter, incident with its exception facts,
        custody times, defendant and the conflict log entry: one transaction, so a failure
        leaves nothing behind and saving again cannot duplicate the client. An unlikely custody
        time is asked about first (:class:`~casekit.services.edits.NeedsConfirmation`)."""
        from casekit.services.casefile import NeedsConfirmation

        try:
            self._save(draft, changes, confirmed)
        except NeedsConfirmation as exc:
            self.deliver(self.Confirm(str(exc), draft, changes))

    def _save(self, draft: Draft, changes: dict[str, Any], confirmed: bool) -> None:
        from casekit.services.intake import open_intake, open_intake_for_client

        matter_fields: dict[str, Any] = {
            "incident_date": draft.incident_date,
            "incident_time": draft.incident_time or None,
            "town": draft.town,
            "agency": draft.agency,
            "violations": draft.violations,
            "judicial_warrant": draft.judicial_warrant,
            "convictions": draft.convictions,
            "tsdb_match": draft.tsdb_match,
            "attorney": draft.attorney,
            "narrative": draft.narrative,
            "custody": draft.custody,
            "clearance_note": draft.clearance,
            "confirmed": confirmed,
        }
        if draft.existing is not None:
            version = self.existing.version if self.existing is not None else None
            matter = open_intake_for_client(
                self.svc,
                client=draft.existing,
                client_version=version,
                client_changes=changes,
                how_to_clear="write why in the clearance note",
                **matter_fields,
            )
        else:
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
                date_of_birth=draft.date_of_birth or None,
                a_number=draft.a_number,
                immigration_status=draft.immigration_status,
                **matter_fields,
            )
        decision = "cleared" if draft.clearance and draft.to_clear else ""
        self.post_message(
            self.Saved(
                matter.id, matter.number, existing=draft.existing is not None, decision=decision
            )
        )

    def on_intake_screen_confirm(self, message: Confirm) -> None:
        from casekit.services.casefile import CONFIRM_HINT
        from casekit.tui.screens.confirm import ConfirmModal

        def answer(yes: bool | None) -> None:
            if yes:
                self._saving = True
                self.save(message.draft, message.changes, True)
            else:
                self.notify("Nothing saved: correct the custody times, or save again.")

        self._saving = False
        body = message.text.removesuffix(CONFIRM_HINT)
        text = f"{body[:1].upper()}{body[1:]}. Save it anyway?"
        self.app.push_screen(ConfirmModal(text, yes="Save anyway", no="Cancel"), answer)

    def on_intake_screen_saved(self, message: Saved) -> None:
        self._saving = False
        self.dirty = False
        self.casekit.note_change()
        whose = " for the existing client" if message.existing else ""
        cleared = "; conflict clearance recorded" if message.decision else ""
        self.notify(f"Matter {message.number} opened{whose}{cleared}.")
        self.app.pop_screen()
        self.casekit.open_matter(message.matter_id)

    def reload(self) -> None:
        """After "changed by someone else": read the chosen client again (their new version);
        the form keeps what was typed."""
        if self.existing is not None:
            self.reload_client(self.existing.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-client")
    def reload_client(self, client_id: int) -> None:
        from casekit.services.clients import show_client

        client = show_client(self.svc, str(client_id))
        self.app.call_from_thread(setattr, self, "existing", client)

    def on_worker_state_changed(self, event: Any) -> None:
        if event.worker.group == "intake-save" and event.state.name in ("ERROR", "CANCELLED"):
            self._saving = False
        # No super() call: Textual runs the base class's handler (which reports the error) too.
