"""The intake form's fields: their widgets, the values read from them (:class:`Draft`), and their
check (:func:`validate`), which is the services' own :func:`validate_intake` plus the picklists.

The checks are the services' (``casekit.services.matters.validation.validate_intake``, called
without echo: a message never repeats what was typed), so the form refuses exactly what saving
would refuse, and says so under the field as it is typed. The form adds what only it can know:
a town or agency not picked from the registry, and a conflict hit not yet cleared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Switch, TextArea

from casekit.domain import codes, picklists
from casekit.domain.text import one_line
from casekit.services.clients.inputs import ClientInput
from casekit.services.matters.inputs import (
    CustodyInput,
    ExistingClientIntake,
    MatterInput,
    NewClientIntake,
)
from casekit.services.matters.validation import validate_intake
from casekit.tui.widgets.format import language_choices
from casekit.tui.widgets.wrap_checkbox import WrapCheckbox

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
NARRATIVE_HINT = (
    "How documents use it: the complaint pastes each paragraph (a blank line between) as an "
    'allegation when it speaks of "the plaintiff" in the third person. Written about "the '
    'client" or in the first person ("I", "we"), a placeholder stands in and the drafting '
    "notes quote it for rewriting. Letters and the FOI request do not quote it."
)
#: Fields with an error line under them (``#intake-<field>-error``), in the form's order.
ERROR_FIELDS = (
    "name",
    "phone",
    "email",
    "address",
    "dob",
    "a-number",
    "immigration",
    "date",
    "time",
    "town",
    "agency",
    *(f"custody-{kind}" for kind, _ in CUSTODY_FIELDS),
    "convictions",
    "narrative",
    "clearance",
)
#: ``validate_intake``'s field → the form's field.
FORM_FIELD = {
    "name": "name",
    "phone": "phone",
    "phone_safe": "phone",
    "email": "email",
    "email_safe": "email",
    "address": "address",
    "address_safe": "address",
    "date_of_birth": "dob",
    "a_number": "a-number",
    "immigration_status": "immigration",
    "incident_date": "date",
    "incident_time": "time",
    "convictions": "convictions",
    "narrative": "narrative",
}
#: A safe-to-contact switch on an empty channel, in the form's words (the CLI names its flag).
SAFE_WORDS = {
    "phone_safe": "Marked safe to contact by phone, but no phone number is given.",
    "email_safe": "Marked safe to contact by e-mail, but no e-mail address is given.",
    "address_safe": "Marked safe to contact by mail, but no address is given.",
}
_CONVICTION = re.compile(
    r"^(?P<section>.+?)(?:\s*[:(]\s*|\s+)(?:class\s+)?(?P<cls>[A-Ea-e])\)?$", re.IGNORECASE
)


def parse_convictions(text: str) -> tuple[tuple[str, str | None], ...]:
    """``"53a-101 B, 21a-279"`` → ``(("53a-101", "B"), ("21a-279", None))``: statute sections,
    comma-separated, each with the felony class A-E the attorney recorded (``53a-101 B``,
    ``53a-101:B`` or ``53a-101 (class B)``) or none (looked up in the offense table)."""
    out: list[tuple[str, str | None]] = []
    for part in text.split(","):
        item = one_line(part)
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


def matter_input(draft: Draft) -> MatterInput:
    """The matter on the form, as the services take it."""
    return MatterInput(
        incident_date=draft.incident_date,
        incident_time=draft.incident_time or None,
        town=draft.town,
        agency=draft.agency,
        violations=draft.violations,
        judicial_warrant=draft.judicial_warrant,
        convictions=draft.convictions,
        tsdb_match=draft.tsdb_match,
        attorney=draft.attorney,
        narrative=draft.narrative,
    )


def intake_input(
    draft: Draft,
    changes: Mapping[str, Any] | None = None,
    *,
    version: int | None = None,
    confirmed: bool = False,
) -> NewClientIntake | ExistingClientIntake:
    """The whole form as the services take it: a new client, or the chosen client with
    ``changes`` (what the form changes on their record, read at ``version``)."""
    common: dict[str, Any] = {
        "matter": matter_input(draft),
        "custody": tuple(CustodyInput(kind=k, at=at) for k, at in draft.custody),
        "clearance_note": draft.clearance,
        "confirmed": confirmed,
    }
    if draft.existing is not None:
        return ExistingClientIntake(
            client=draft.existing,
            client_version=version,
            client_changes=dict(changes or {}),
            how_to_clear="write why in the clearance note",
            **common,
        )
    client = ClientInput(
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
    )
    return NewClientIntake(client=client, **common)


def _sentence(message: str) -> str:
    return f"{message[:1].upper()}{message[1:]}."


def _form_field(name: str) -> str:
    if name.startswith("custody."):
        return f"custody-{name.removeprefix('custody.')}"
    return FORM_FIELD.get(name, name)


def validate(
    draft: Draft,
    *,
    today: date,
    towns: set[str],
    agencies: set[str],
    changes: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Field id → message, for every field that stops the form from being saved: the services'
    :func:`validate_intake` (without echo), then the picklists and the conflict clearance."""
    errors: dict[str, str] = {}
    for name, message in validate_intake(intake_input(draft, changes), today, echo=False).items():
        errors.setdefault(_form_field(name), SAFE_WORDS.get(name) or _sentence(message))
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
    if draft.to_clear and not draft.clearance.strip():
        errors["clearance"] = (
            f"{draft.to_clear} hit(s) on a defendant, witness or agency: say why they are not "
            "conflicts."
        )
    return {name: errors[name] for name in ERROR_FIELDS if name in errors} | errors


def _either(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


# --- the widgets ---------------------------------------------------------------------------------


def _error(name: str) -> Label:
    return Label("", id=f"intake-{name}-error", classes="error")


def client_fields() -> ComposeResult:
    """The client section: name, language, contacts with their safe switches, sensitive fields."""
    yield Label("Client", classes="section-title")
    yield Input(placeholder="Full name *", id="intake-name", compact=True)
    yield _error("name")
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
    for name, hint in (("phone", "Phone"), ("email", "E-mail"), ("address", "Address")):
        with Horizontal(classes="contact"):
            yield Input(placeholder=hint, id=f"intake-{name}", compact=True)
            yield Switch(
                value=False, id=f"intake-{name}-safe", tooltip="Safe to contact the client this way"
            )
            yield Label("safe", classes="hint")
    yield _error("phone")
    yield _error("email")
    yield _error("address")
    yield Label("Sensitive (encrypted, never in lists)", classes="section-title")
    yield Input(placeholder="Date of birth YYYY-MM-DD", id="intake-dob", compact=True)
    yield _error("dob")
    yield Input(placeholder="A-number (A + 8 or 9 digits)", id="intake-a-number", compact=True)
    yield _error("a-number")
    yield Input(placeholder="Immigration status", id="intake-immigration", compact=True)
    yield _error("immigration")


def incident_fields() -> ComposeResult:
    """The incident: date and time, town, agency (with its matches), what the police did."""
    yield Label("Incident", classes="section-title")
    with Horizontal(classes="pair"):
        yield Input(placeholder="Date YYYY-MM-DD *", id="intake-date", compact=True)
        yield Input(placeholder="Time HH:MM", id="intake-time", compact=True)
    yield _error("date")
    yield _error("time")
    yield Input(placeholder="Town * (type for suggestions)", id="intake-town", compact=True)
    yield _error("town")
    yield Input(placeholder="Agency * (any part of its name)", id="intake-agency", compact=True)
    yield _error("agency")
    yield OptionList(id="intake-agency-matches", compact=True)
    yield Label("What the police did", classes="section-title")
    for code in codes.violations().values():
        # The law pack's title, in words; wrapped, never cut, at 80 columns.
        yield WrapCheckbox(
            code.title, id=f"intake-{code.short}", name=code.id, classes="violation", compact=True
        )


def matter_fields() -> ComposeResult:
    """Custody times, the exception facts, the attorney and the narrative, and the save button."""
    yield Label("Custody times (YYYY-MM-DD HH:MM)", classes="section-title")
    for kind, label in CUSTODY_FIELDS:
        yield Input(placeholder=label, id=f"intake-custody-{kind}", compact=True)
        yield _error(f"custody-{kind}")
    yield Label("Exception facts", classes="section-title")
    yield Checkbox("Judicial warrant (signed by a judge)", id="intake-judicial-warrant")
    yield Checkbox("Terrorist Screening Database match", id="intake-tsdb")
    yield Input(
        placeholder="Convictions: 53a-101 B, 21a-279 (section, class A-E if known)",
        id="intake-convictions",
        compact=True,
    )
    yield _error("convictions")
    yield Label("Matter", classes="section-title")
    yield Select([], prompt="Responsible attorney", id="intake-attorney", compact=True)
    yield TextArea(id="intake-narrative", soft_wrap=True)
    yield _error("narrative")
    yield Label(NARRATIVE_HINT, id="intake-narrative-hint", classes="hint-text")
    yield Button("Save and open the matter (ctrl+s)", id="intake-save", variant="primary")
