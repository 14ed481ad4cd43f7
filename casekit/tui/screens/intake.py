"""Intake: a new client and incident on one form, checked as it is typed, saved when valid.

While the paralegal types, the conflict check runs in a worker (after a short pause in typing)
and the screening decision is recomputed from the facts on the form (a pure domain call, run
after a pause so it never delays a keystroke). Nothing is written until every field is valid;
saving runs in a worker (:func:`casekit.services.matters.intake.open_intake`: client, matter,
incident with its exception facts and defendant in one transaction) and opens the new matter.

The form knows the office: a client the conflict check finds can be used ("use this client":
the form is filled from their record, the new matter is theirs, and what is changed on the form
is saved to their record as an audited update); a hit on a defendant, witness or agency needs a
clearance note before the form saves; the check and the decision are recorded in the matter's
conflict log. A misspelt town gets "did you mean", an agency is found by any part of its name
("Troop" lists the troops).
"""

from __future__ import annotations

from typing import Any

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

from casekit.domain.bounds import parse_day
from casekit.errors import InvalidInput
from casekit.services import casefile as views
from casekit.services.casefile import CONFIRM_HINT, NeedsConfirmation
from casekit.services.clients.conflict_log import needs_clearance
from casekit.services.matters.inputs import NewClientIntake
from casekit.services.matters.intake import open_intake, open_intake_for_client
from casekit.tui.screens.base import OptionsLoaded
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.intake_form import (
    CUSTODY_FIELDS,
    Draft,
    client_fields,
    incident_fields,
    intake_input,
    matter_fields,
    parse_convictions,
)
from casekit.tui.screens.intake_office import IntakeOfficeForm
from casekit.tui.widgets.overview import screening_text

#: Pause before the screening is recomputed (seconds).
SCREEN_DELAY = 0.15


class IntakeScreen(IntakeOfficeForm):
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
        self._screen_timer: Timer | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="intake-body"):
            with VerticalScroll(id="intake-form"):
                yield from client_fields()
                yield from incident_fields()
                yield from matter_fields()
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
        self.deliver(OptionsLoaded(views.options(self.svc, for_screening=True)))

    def on_options_loaded(self, message: OptionsLoaded) -> None:
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

    # --- screening ---------------------------------------------------------------------------

    def _schedule_screening(self) -> None:
        if self._screen_timer is not None:
            self._screen_timer.stop()
        self._screen_timer = self.set_timer(SCREEN_DELAY, self._run_screening)

    def _screen_pending(self) -> bool:
        return self._screen_timer is not None

    def _run_screening(self) -> None:
        self._screen_timer = None
        draft = self.draft()
        panel = self.query_one("#intake-screening", Static)

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
            self.query_one(f"#intake-{first}").focus()
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

        try:
            self._save(draft, changes, confirmed)
        except NeedsConfirmation as exc:
            self.deliver(self.Confirm(str(exc), draft, changes))

    def _save(self, draft: Draft, changes: dict[str, Any], confirmed: bool) -> None:
        version = self.existing.version if self.existing is not None else None
        intake = intake_input(draft, changes, version=version, confirmed=confirmed)
        matter = (
            open_intake(self.svc, intake)
            if isinstance(intake, NewClientIntake)
            else open_intake_for_client(self.svc, intake)
        )
        decision = "cleared" if draft.clearance and draft.to_clear else ""
        self.post_message(
            self.Saved(
                matter.id, matter.number, existing=draft.existing is not None, decision=decision
            )
        )

    def on_intake_screen_confirm(self, message: Confirm) -> None:
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

    def on_worker_state_changed(self, event: Any) -> None:
        if event.worker.group == "intake-save" and event.state.name in ("ERROR", "CANCELLED"):
            self._saving = False
        # No super() call: Textual runs the base class's handler (which reports the error) too.
