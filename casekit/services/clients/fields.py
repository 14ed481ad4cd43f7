"""A client's fields checked one by one: the one validation path of the CLI, the intake form and
the services (pure; "today" is passed in). Messages never repeat a sensitive value.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.bounds import EARLIEST, parse_day
from casekit.domain.labels import LANGUAGE_NAMES
from casekit.domain.text import at_most, fold, one_line
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.clients.inputs import ClientBase, ClientPatch

MAX_NAME = 200
MAX_TEXT = 500

#: ISO 639-1, the two-letter language codes a preferred language is recorded in.
LANGUAGE_CODES = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh
    zu""".split()
)
#: Names of the languages intake hears most often in Connecticut (one table: the labels).
COMMON_LANGUAGES: dict[str, str] = LANGUAGE_NAMES
#: The contact channels, each with its safe-to-contact flag.
CHANNELS = ("phone", "email", "address")
#: The client fields in the order they are checked (the first wrong one is the error raised).
FIELD_ORDER = (
    "name",
    "preferred_name",
    "language",
    "phone",
    "email",
    "address",
    "date_of_birth",
    "a_number",
    "immigration_status",
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-. x/]+$")
_A_NUMBER = re.compile(r"^A?(\d{8,9})$")


def clean_name(name: str, what: str = "client name") -> str:
    """The name with its spaces tidied, or InvalidInput if it is empty or absurdly long."""
    tidy = one_line(name)
    if not tidy or not fold(tidy):
        raise InvalidInput(f"{what} is empty")
    return at_most(tidy, MAX_NAME, what)


def parse_dob(value: date | str | None, today: date) -> date | None:
    """A date of birth (ISO text or a date), by the one date parser
    (:func:`casekit.domain.bounds.parse_day`, without echo). Messages never repeat the value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            dob = parse_day(value, today, "date of birth", echo=False)
        except InvalidInput as exc:
            if "not a real date" in exc.message:
                raise
            # A real date outside casekit's range: said in the date-of-birth words below.
            early = value.strip() < EARLIEST.isoformat()
            raise InvalidInput(
                "date of birth is before 1900" if early else "date of birth is in the future"
            ) from None
    else:
        dob = value
    if dob > today:
        raise InvalidInput("date of birth is in the future")
    if dob.year < 1900:
        raise InvalidInput("date of birth is before 1900")
    return dob


def clean_language(code: str | None) -> str:
    """A two-letter ISO 639-1 code, lower-case ("ES" and "es-MX" become "es")."""
    raw = (code or "en").strip().lower().replace("_", "-")
    primary = raw.split("-", 1)[0]
    if primary not in LANGUAGE_CODES:
        raise InvalidInput(
            f"unknown language code '{raw[:12]}' (use an ISO 639-1 code such as en, es, pt, ht, fr)"
        )
    return primary


def clean_email(value: str | None, what: str = "e-mail") -> str:
    """An e-mail address (or ""), checked for the plain ``name@domain.tld`` shape."""
    tidy = (value or "").strip()
    if tidy and not _EMAIL.match(tidy):
        raise InvalidInput(f"{what} is not a valid e-mail address")
    return tidy


def clean_phone(value: str | None, what: str = "phone") -> str:
    """A phone number (or ""): digits with the usual separators, 7 to 15 digits in all."""
    tidy = one_line(value)
    if not tidy:
        return ""
    digits = sum(ch.isdigit() for ch in tidy)
    if not _PHONE_CHARS.match(tidy) or not 7 <= digits <= 15:
        raise InvalidInput(f"{what} is not a valid phone number (7 to 15 digits)")
    return tidy


def clean_a_number(value: str | None) -> str:
    """``A`` and 8 or 9 digits; dashes and spaces are dropped ("A-123-456-789")."""
    compact = re.sub(r"[\s\-]", "", (value or "")).upper()
    if not compact:
        return ""
    match = _A_NUMBER.match(compact)
    if match is None:
        raise InvalidInput("A-number must be 'A' followed by 8 or 9 digits")
    return "A" + match.group(1).zfill(9)


def _clean_text(value: str | None, what: str) -> str:
    return at_most((value or "").strip(), MAX_TEXT, what)


def clean_field(field: str, value: Any, today: date) -> tuple[str, Any]:
    """``(column, checked value)`` for one client field as a user gives it (InvalidInput)."""
    cleaners: dict[str, tuple[str, Any]] = {
        "name": ("name", clean_name),
        "preferred_name": ("preferred_name", one_line),
        "language": ("preferred_language", clean_language),
        "phone": ("phone", clean_phone),
        "email": ("email", clean_email),
        "address": ("address", lambda v: _clean_text(v, "address")),
        "date_of_birth": ("date_of_birth", lambda v: parse_dob(v, today)),
        "a_number": ("a_number", clean_a_number),
        "immigration_status": (
            "immigration_status",
            lambda v: _clean_text(v, "immigration status"),
        ),
    }
    if field in cleaners:
        column, clean = cleaners[field]
        return column, clean(value)
    if field in ("phone_safe", "email_safe", "address_safe"):
        return field, bool(value)
    raise InvalidInput(f"unknown client field '{field[:30]}'")


def _clean_field(svc: AppContext, field: str, value: Any) -> tuple[str, Any]:
    """:func:`clean_field` for the day ``svc`` says it is."""
    return clean_field(field, value, svc.today())


def check_safe(channel: str, text: str, safe: bool) -> None:
    """ "Safe to contact" on an empty channel is a mistake worth catching."""
    if safe and not text:
        raise InvalidInput(f"--safe-{channel} needs a {channel.replace('email', 'e-mail')}")


def client_problems(client: ClientBase, today: date) -> tuple[dict[str, Any], dict[str, str]]:
    """The client's column values as far as they check, and field → message for those that
    don't (in :data:`FIELD_ORDER`, then the safe flags): nothing is read or written."""
    given = client.model_dump()
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for key in FIELD_ORDER:
        if key not in given:
            continue
        try:
            column, value = clean_field(key, given[key], today)
        except InvalidInput as exc:
            problems[key] = exc.message
        else:
            values[column] = value
    for channel in CHANNELS:
        if channel in problems:
            continue
        try:
            check_safe(channel, values[channel], given[f"{channel}_safe"])
        except InvalidInput as exc:
            problems[f"{channel}_safe"] = exc.message
    return values, problems


def patch_problems(patch: ClientPatch, today: date) -> dict[str, str]:
    """Field → message for each field of a change to a client's record that is wrong."""
    problems: dict[str, str] = {}
    for key, value in patch.changes().items():
        try:
            clean_field(key, value, today)
        except InvalidInput as exc:
            problems[key] = exc.message
    return problems


def client_values(today: date, client: ClientBase) -> dict[str, Any]:
    """A new client's column values, checked (the first wrong field is the InvalidInput)."""
    values, problems = client_problems(client, today)
    if problems:
        raise InvalidInput(next(iter(problems.values())))
    values.update(
        phone_safe=client.phone_safe, email_safe=client.email_safe, address_safe=client.address_safe
    )
    values["name_key"] = fold(values["name"])
    return values
