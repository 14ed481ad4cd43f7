"""The incident's facts: narrative, town, agency and the violations recorded (issue 15).

The incident's date and time have their own dialog (``c`` on the timeline,
:class:`casekit.tui.screens.matter_edit.IncidentModal`); this one edits the rest of what intake
recorded. Town and agency are checked against the registry before the dialog closes (a misspelt
town gets "did you mean …", and nothing typed is lost); the workspace saves through
:func:`casekit.services.timeline.update_incident`, which screens the matter again, and offers the
deadline recompute the change causes.

The narrative hint says how documents use it (:func:`casekit.domain.pleading.in_pleading_voice`,
the complaint's Facts section), and says as the attorney types whether it would be pasted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, TextArea

from casekit.domain import codes
from casekit.domain.picklists import did_you_mean
from casekit.domain.pleading import in_pleading_voice
from casekit.domain.text import fold
from casekit.services import casefile as views
from casekit.tui.screens.base import OptionsLoaded
from casekit.tui.screens.form import FormDialog
from casekit.tui.widgets.wrap_checkbox import WrapCheckbox

NARRATIVE_HINT = (
    "The complaint's Facts section pastes each paragraph (blank line between) as written if it "
    'speaks of "the plaintiff"; first person or "the client" gets a placeholder and a drafting '
    "note quoting it. The shipped letters do not print it (a firm's template can)."
)
VOICE_OK = "As written now: pasted into the complaint."
VOICE_PLACEHOLDER = "As written now: a placeholder in the complaint, and a drafting note."


@dataclass(frozen=True)
class FactsChanges:
    """What changed (``update_incident`` argument names) and the incident's version as shown."""

    changes: dict[str, Any]
    version: int

    def __repr__(self) -> str:  # the narrative is client data: never in a log
        return f"FactsChanges(fields={sorted(self.changes)}, version={self.version})"


def violation_choices() -> tuple[tuple[str, str, str], ...]:
    """(full id, short id, human title) for each prohibited act of the law pack."""
    return tuple((c.id, c.short, c.title) for c in codes.violations().values())


class IncidentFactsModal(FormDialog[FactsChanges]):
    """Dismisses with :class:`FactsChanges`, or ``None`` (cancelled or nothing changed)."""

    def __init__(self, incident: views.IncidentView) -> None:
        super().__init__()
        self.incident = incident
        self.towns: dict[str, str] = {}
        self.agencies: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        i = self.incident
        recorded = set(i.violations)
        with Vertical():
            yield Label(f"Incident facts ({i.occurred_on.isoformat()})", classes="title")
            with VerticalScroll():
                with Horizontal(classes="field"):
                    yield Label("Town")
                    yield Input(
                        i.town, placeholder="type for suggestions", id="facts-town", compact=True
                    )
                with Horizontal(classes="field"):
                    yield Label("Agency")
                    yield Input(
                        i.agency,
                        placeholder="type for suggestions",
                        id="facts-agency",
                        compact=True,
                    )
                yield TextArea(i.narrative, id="facts-narrative", soft_wrap=True)
                yield Label("", id="facts-voice")
                yield Label(NARRATIVE_HINT, classes="hint")
                yield Label("What the police did", classes="section")
                for full, short, title in violation_choices():
                    # Wrapped, never cut at 80 columns (as on the intake form).
                    yield WrapCheckbox(
                        title,
                        value=full in recorded or short in recorded,
                        id=f"facts-{short}",
                        name=full,
                        classes="violation",
                        compact=True,
                    )
            yield Label("", id="facts-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="facts-cancel")
                yield Button("Save", id="facts-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#facts-narrative", TextArea).border_title = "Narrative"
        self._voice()
        self.query_one("#facts-narrative", TextArea).focus()
        self.load_options()

    @work(thread=True, exclusive=True, exit_on_error=False, group="facts-options")
    def load_options(self) -> None:
        self.deliver(OptionsLoaded(views.options(self.svc)))

    def on_options_loaded(self, message: OptionsLoaded) -> None:
        self.towns = {fold(t.label): t.label for t in message.options.towns}
        self.agencies = {fold(a.name): a.name for a in message.options.agencies}
        self.query_one("#facts-town", Input).suggester = SuggestFromList(
            sorted(self.towns.values()), case_sensitive=False
        )
        self.query_one("#facts-agency", Input).suggester = SuggestFromList(
            sorted(self.agencies.values()), case_sensitive=False
        )

    @on(TextArea.Changed, "#facts-narrative")
    def _voice(self) -> None:
        text = self.query_one("#facts-narrative", TextArea).text
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        voice = self.query_one("#facts-voice", Label)
        pasted = all(in_pleading_voice(p) for p in paragraphs)
        voice.update("" if not paragraphs else VOICE_OK if pasted else VOICE_PLACEHOLDER)
        voice.set_class(bool(paragraphs) and not pasted, "-placeholder")

    def _registry(self, selector: str, known: dict[str, str], what: str) -> str | None:
        """The registry's spelling of the name typed, or ``None`` after saying what is wrong."""

        field = self.query_one(selector, Input)
        typed = field.value.strip()
        if not known:  # the registry is still loading: the service checks it
            return typed
        if fold(typed) in known:
            return known[fold(typed)]
        hint = did_you_mean(typed, known.values()) if typed else ""
        self.query_one("#facts-error", Label).update(
            f"Unknown {what} '{typed[:40]}'{hint}." if typed else f"Give the {what}."
        )
        field.focus()
        return None

    @on(Input.Submitted)
    @on(Button.Pressed, "#facts-save")
    def action_save(self) -> None:
        i = self.incident
        town = self._registry("#facts-town", self.towns, "town")
        if town is None:
            return
        agency = self._registry("#facts-agency", self.agencies, "agency")
        if agency is None:
            return
        narrative = self.query_one("#facts-narrative", TextArea).text.strip()
        chosen = tuple(
            str(box.name) for box in self.query(".violation").results(Checkbox) if box.value
        )
        known = {c.short: c.id for c in codes.violations().values()}
        before = tuple(known.get(v, v) for v in i.violations)
        changes: dict[str, Any] = {}
        if fold(town) != fold(i.town):
            changes["town"] = town
        if fold(agency) != fold(i.agency):
            changes["agency"] = agency
        if narrative != i.narrative.strip():
            changes["narrative"] = narrative
        if set(chosen) != set(before):
            changes["violations"] = chosen
        if not changes:
            self.dismiss(None)
            return
        self.dismiss(FactsChanges(changes, i.version))
