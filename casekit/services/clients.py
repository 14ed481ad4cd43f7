"""Clients: intake of a person, the client list, one client's record.

Date of birth, A-number and immigration status are sensitive (``SENSITIVE_FIELDS``): they are
stored encrypted (``casekit.store.sealed``), returned only when the caller asks for them
(``include_sensitive``), and no message ever repeats them, or the client's name. Contact fields
the firm marked sensitive (``privacy.sensitive_fields``) are encrypted too and shown as
``[sensitive]`` unless asked for.

Look-ups by A-number or date of birth compare blind indexes (keyed hashes), never plaintext:
:func:`clients_with_a_number`, :func:`clients_with_date_of_birth`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.labels import LANGUAGE_NAMES
from casekit.domain.text import fold
from casekit.errors import InvalidInput
from casekit.services.base import Services, check_version

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.store.models import Client

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

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_CHARS = re.compile(r"^[0-9+()\-. x/]+$")
_A_NUMBER = re.compile(r"^A?(\d{8,9})$")


@dataclass(frozen=True)
class ClientOut:
    """A client as the CLI and the screens see it. Sensitive fields travel only on request."""

    id: int
    name: str
    preferred_name: str = ""
    preferred_language: str = "en"
    phone: str = ""
    phone_safe: bool = False
    email: str = ""
    email_safe: bool = False
    address: str = ""
    address_safe: bool = False
    matters: tuple[str, ...] = ()
    date_of_birth: date | None = None
    a_number: str = ""
    immigration_status: str = ""
    #: The row's version as read: ``client update --version`` refuses it once someone changed it.
    version: int = 0
    sensitive_included: bool = field(default=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON; the sensitive fields only if they were asked for."""
        data = asdict(self)
        data["matters"] = list(self.matters)
        data.pop("sensitive_included")
        if not self.sensitive_included:
            for name in SENSITIVE:
                data.pop(name)
        return data


SENSITIVE = ("date_of_birth", "a_number", "immigration_status")


# --- validation (pure; shared with the intake form) ---------------------------------------------


def clean_name(name: str, what: str = "client name") -> str:
    """The name with its spaces tidied, or InvalidInput if it is empty or absurdly long."""
    tidy = " ".join((name or "").split())
    if not tidy or not fold(tidy):
        raise InvalidInput(f"{what} is empty")
    if len(tidy) > MAX_NAME:
        raise InvalidInput(f"{what} is longer than {MAX_NAME} characters")
    return tidy


def parse_dob(value: date | str | None, today: date) -> date | None:
    """A date of birth (ISO text or a date). Messages never repeat the value."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str) and len(value.strip()) != 10:
        raise InvalidInput("date of birth is not a real date (expected YYYY-MM-DD)")
    try:
        dob = value if isinstance(value, date) else date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput("date of birth is not a real date (expected YYYY-MM-DD)") from None
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
    tidy = " ".join((value or "").split())
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
    tidy = (value or "").strip()
    if len(tidy) > MAX_TEXT:
        raise InvalidInput(f"{what} is longer than {MAX_TEXT} characters")
    return tidy


# --- use cases ----------------------------------------------------------------------------------


def clients_with_a_number(svc: Services, a_number: str) -> list[int]:
    """Ids of the clients with this A-number (any spelling: "A-012-345-678"), by blind index."""
    from casekit.store import repo

    with svc.transaction() as session:
        return repo.clients_by_a_number(session=session, a_number=a_number)


def clients_with_date_of_birth(svc: Services, date_of_birth: date | str) -> list[int]:
    """Ids of the clients born on this date, by blind index (for the conflict check)."""
    from casekit.store import repo

    dob = parse_dob(date_of_birth, svc.today())
    if dob is None:
        return []
    with svc.transaction() as session:
        return repo.clients_by_date_of_birth(session=session, date_of_birth=dob)


def add_client(
    svc: Services,
    *,
    name: str,
    preferred_name: str = "",
    language: str = "en",
    phone: str = "",
    phone_safe: bool = False,
    email: str = "",
    email_safe: bool = False,
    address: str = "",
    address_safe: bool = False,
    date_of_birth: date | str | None = None,
    a_number: str = "",
    immigration_status: str = "",
) -> ClientOut:
    """Record a new client. Everything is checked before anything is written.

    A contact channel may be marked safe only if it is given: "safe to contact" on an empty
    phone is a mistake worth catching at intake.
    """
    values = client_values(
        svc,
        name=name,
        preferred_name=preferred_name,
        language=language,
        phone=phone,
        phone_safe=phone_safe,
        email=email,
        email_safe=email_safe,
        address=address,
        address_safe=address_safe,
        date_of_birth=date_of_birth,
        a_number=a_number,
        immigration_status=immigration_status,
    )
    with svc.transaction() as session:
        client = insert_client(session, values)
        # The sensitive values just entered are not handed back: show_client(include_sensitive).
        return _out(client, (), include_sensitive=False)


def refuse_duplicate_a_number(svc: Services, a_number: str) -> None:
    """InvalidInput if a client with this A-number is recorded (before asking about conflicts:
    a definite duplicate is refused outright, not offered as a possible conflict)."""
    with svc.transaction() as session:
        _refuse_duplicate_a_number(session, a_number)


def _refuse_duplicate_a_number(
    session: Session, a_number: str, *, exclude: int | None = None
) -> None:
    from casekit.store import repo

    if a_number:
        same = [
            i for i in repo.clients_by_a_number(session=session, a_number=a_number) if i != exclude
        ]
        if same:
            raise InvalidInput(
                f"a client with this A-number is already recorded (id {same[0]}); "
                f"see casekit client show {same[0]}"
            )


def client_values(
    svc: Services,
    *,
    name: str,
    preferred_name: str = "",
    language: str = "en",
    phone: str = "",
    phone_safe: bool = False,
    email: str = "",
    email_safe: bool = False,
    address: str = "",
    address_safe: bool = False,
    date_of_birth: date | str | None = None,
    a_number: str = "",
    immigration_status: str = "",
) -> dict[str, Any]:
    """A new client's column values, checked (see :func:`add_client`); nothing is written."""
    given = {
        "name": name,
        "preferred_name": preferred_name,
        "language": language,
        "phone": phone,
        "email": email,
        "address": address,
        "date_of_birth": date_of_birth,
        "a_number": a_number,
        "immigration_status": immigration_status,
    }
    values = dict(_clean_field(svc, key, value) for key, value in given.items())
    for channel, safe in (("phone", phone_safe), ("email", email_safe), ("address", address_safe)):
        _check_safe(channel, values[channel], safe)
    values.update(phone_safe=phone_safe, email_safe=email_safe, address_safe=address_safe)
    values["name_key"] = fold(values["name"])
    return values


def _clean_field(svc: Services, field: str, value: Any) -> tuple[str, Any]:
    """``(column, checked value)`` for one client field as a user gives it (InvalidInput)."""
    if field == "name":
        return "name", clean_name(value)
    if field == "preferred_name":
        return "preferred_name", " ".join((value or "").split())
    if field == "language":
        return "preferred_language", clean_language(value)
    if field == "phone":
        return "phone", clean_phone(value)
    if field == "email":
        return "email", clean_email(value)
    if field == "address":
        return "address", _clean_text(value, "address")
    if field == "date_of_birth":
        return "date_of_birth", parse_dob(value, svc.today())
    if field == "a_number":
        return "a_number", clean_a_number(value)
    if field == "immigration_status":
        return "immigration_status", _clean_text(value, "immigration status")
    if field in ("phone_safe", "email_safe", "address_safe"):
        return field, bool(value)
    raise InvalidInput(f"unknown client field '{field[:30]}'")


def _check_safe(channel: str, text: str, safe: bool) -> None:
    """ "Safe to contact" on an empty channel is a mistake worth catching."""
    if safe and not text:
        raise InvalidInput(f"--safe-{channel} needs a {channel.replace('email', 'e-mail')}")


def insert_client(session: Session, values: dict[str, Any]) -> Client:
    """Insert a client from :func:`client_values` inside the caller's transaction."""
    from casekit.store.models import Client

    _refuse_duplicate_a_number(session, values.get("a_number", ""))
    # Plaintext goes in; the session seals the sensitive fields before the INSERT.
    client = Client(**values)
    session.add(client)
    session.flush()
    assert client.id is not None
    return client


def _out(
    client: Any,
    matters: tuple[str, ...],
    *,
    include_sensitive: bool,
    opened: dict[str, Any] | None = None,
) -> ClientOut:
    """``client`` (ORM object or Core row) for callers; ``opened`` holds its decrypted fields
    (:func:`casekit.store.sealed.open_client`) when they were asked for."""
    from casekit.store.sealed import shown

    secret = opened if include_sensitive and opened is not None else {}

    def contact(name: str) -> str:
        return str(secret[name]) if name in secret else shown(getattr(client, name))

    return ClientOut(
        id=client.id,
        name=client.name,
        preferred_name=client.preferred_name or "",
        preferred_language=client.preferred_language or "",
        phone=contact("phone"),
        phone_safe=bool(client.phone_safe),
        email=contact("email"),
        email_safe=bool(client.email_safe),
        address=contact("address"),
        address_safe=bool(client.address_safe),
        matters=matters,
        date_of_birth=secret.get("date_of_birth"),
        a_number=secret.get("a_number", ""),
        immigration_status=secret.get("immigration_status", ""),
        version=int(getattr(client, "version", 0) or 0),
        sensitive_included=include_sensitive,
    )


def open_sensitive(session: Session, client: Any) -> dict[str, Any]:
    """The client's encrypted fields in plaintext (for a deliberate request only)."""
    from casekit.store import sealed

    return sealed.open_client(
        sealed.session_cipher(session), client, marked=sealed.session_marked(session)
    )


def list_clients(svc: Services, *, limit: int | None = None, offset: int = 0) -> list[ClientOut]:
    """Clients by name, with their matter numbers; never the sensitive fields."""
    from sqlalchemy import select

    from casekit.store.models import Client, Matter

    c = Client.__table__.c  # type: ignore[attr-defined]
    m = Matter.__table__.c  # type: ignore[attr-defined]
    query = select(
        c.id,
        c.name,
        c.preferred_name,
        c.preferred_language,
        c.phone,
        c.phone_safe,
        c.email,
        c.email_safe,
        c.address,
        c.address_safe,
    ).order_by(c.name_key, c.id)
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with svc.engine.connect() as conn:
        rows = conn.execute(query).all()
        ids = [r.id for r in rows]
        numbers: dict[int, list[str]] = {}
        if ids:
            matter_rows = select(m.client_id, m.number).order_by(m.number)
            if limit is not None or offset:
                matter_rows = matter_rows.where(m.client_id.in_(ids))
            for client_id, number in conn.execute(matter_rows):
                numbers.setdefault(client_id, []).append(number)
    return [_out(r, tuple(numbers.get(r.id, ())), include_sensitive=False) for r in rows]


def _matter_numbers(session: Session, client_id: int | None) -> tuple[str, ...]:
    """The client's matter numbers, in order."""
    from sqlalchemy import select

    from casekit.store.models import Matter

    return tuple(
        session.scalars(
            select(Matter.number)  # type: ignore[call-overload]
            .where(Matter.client_id == client_id)
            .order_by(Matter.number)
        )
    )


def show_client(svc: Services, ref: str, *, include_sensitive: bool = False) -> ClientOut:
    """One client by id, A-number (by blind index) or exact (folded) name, with their matter
    numbers; the encrypted fields are decrypted only when ``include_sensitive``."""

    from casekit.store import repo

    with svc.transaction() as session:
        client = repo.find_client(session=session, ref=ref)
        numbers = _matter_numbers(session, client.id)
        opened = open_sensitive(session, client) if include_sensitive else None
        return _out(client, numbers, include_sensitive=include_sensitive, opened=opened)


@dataclass(frozen=True)
class ClientUpdate:
    """What :func:`update_client` did: the client as shown (no sensitive values), which fields
    changed (names only, never values) and the contact channels whose safe flag changed."""

    client: ClientOut
    changed: tuple[str, ...]
    safe_changes: tuple[tuple[str, bool], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.client.to_dict(),
            "changed": list(self.changed),
            "safe_changes": [{"channel": c, "safe": s} for c, s in self.safe_changes],
        }


_CHANNELS = ("phone", "email", "address")


def update_client(
    svc: Services,
    ref: str,
    *,
    changes: dict[str, Any],
    version: int | None = None,
) -> ClientUpdate:
    """Change a client's record in one transaction.

    ``changes`` holds only what the user gave: ``name``, ``preferred_name``, ``language``,
    ``phone``/``email``/``address`` and their ``*_safe`` flags, ``date_of_birth``, ``a_number``,
    ``immigration_status`` (an empty string clears a field). Everything is checked before
    anything is written; a channel cleared loses its safe flag, and a channel cannot be marked
    safe while empty. The sealed fields are sealed again by the session; the audit log records
    the change (sealed values stay sealed there too).
    """
    values = dict(_clean_field(svc, key, value) for key, value in changes.items())
    with svc.transaction() as session:
        return update_client_in(session, ref, values, version=version)


def update_client_in(
    session: Session, ref: str, values: dict[str, Any], *, version: int | None = None
) -> ClientUpdate:
    """:func:`update_client` inside the caller's transaction; ``values`` already checked
    (column names, as :func:`_clean_field` gives them)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import Agency, Incident, Matter, Town

    values = dict(values)
    client = repo.find_client(session=session, ref=ref)
    check_version(client, version, "client")
    from casekit.store.sealed import session_marked

    # Sealed values are opened only when this change touches them (a paralegal on an
    # office's PostgreSQL may change contacts without the right to read sensitive fields).
    touches = set(values) & set(SENSITIVE) or session_marked(session)
    opened = open_sensitive(session, client) if touches else {}
    current = {c: opened.get(c, getattr(client, c)) for c in _CHANNELS}
    for channel in _CHANNELS:
        text = values.get(channel, current[channel])
        flag = f"{channel}_safe"
        _check_safe(channel, text, bool(values.get(flag)))
        if channel in values and not text and getattr(client, flag):
            values[flag] = False  # no channel, nothing safe to use
    _refuse_duplicate_a_number(session, values.get("a_number", ""), exclude=client.id)
    changed: list[str] = []
    safe_changes: list[tuple[str, bool]] = []
    for column, value in values.items():
        before = opened[column] if column in opened else getattr(client, column)
        if (before or None) == (value or None):
            continue
        if column.endswith("_safe"):
            safe_changes.append((column.removesuffix("_safe"), bool(value)))
        changed.append(column)
        setattr(client, column, value)
    if "name" in changed:
        client.name_key = fold(client.name)
        # The matter list and search read the client's name from each matter's search text.
        rows = session.execute(
            select(Matter, col(Town.name), col(Agency.name))
            .join(Incident, col(Incident.matter_id) == col(Matter.id))
            .join(Town, col(Town.id) == col(Incident.town_id))
            .join(Agency, col(Agency.id) == col(Incident.agency_id))
            .where(col(Matter.client_id) == client.id)
        ).all()
        from casekit.services.matters import search_text

        for matter, town, agency in rows:
            matter.search_text = search_text(client.name, matter.number, town, agency)
            session.add(matter)
    if changed:
        session.add(client)
        session.flush()
    numbers = _matter_numbers(session, client.id)
    return ClientUpdate(
        client=_out(client, numbers, include_sensitive=False),
        changed=tuple(changed),
        safe_changes=tuple(safe_changes),
    )
