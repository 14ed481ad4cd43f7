"""Firm settings (name, address, juris number, SMTP) and the office's attorneys.

Settings live in the ``setting`` table so a shared PostgreSQL office sees one set. Only the keys
in :data:`KNOWN_KEYS` can be set from outside; ``casekit.demo`` is written by the demo alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain.model import Attorney, Firm
from casekit.domain.records import from_fields
from casekit.domain.reminders import TIER_KINDS, ReminderTiers, parse_tiers
from casekit.domain.text import at_most, fold, one_line
from casekit.errors import ConfigurationError, InvalidInput
from casekit.services.base import AppContext
from casekit.services.clients.fields import clean_email, clean_name, clean_phone
from casekit.services.documents.days import (
    MAX_PRESERVATION_DAYS,
    MAX_RESPONSE_DAYS,
    PRESERVATION_DAYS_KEY,
    RESPONSE_DAYS_KEY,
)
from casekit.services.plain import plain
from casekit.store import repo, sealed
from casekit.store.models import User
from casekit.store.repos.settings import attorney_rows, user_names

if TYPE_CHECKING:
    from casekit.store.session import Session

DEMO_KEY = "casekit.demo"


def _text(value: str) -> str:
    return at_most(one_line(value), 500, "setting value")


def clean_juris(value: str) -> str:
    """A Connecticut juris number (5 to 7 digits), or InvalidInput."""
    tidy = value.strip()
    if not re.fullmatch(r"\d{5,7}", tidy):
        raise InvalidInput("a Connecticut juris number is 5 to 7 digits")
    return tidy


def _port(value: str) -> str:
    if not value.strip().isdigit() or not 1 <= int(value) <= 65535:
        raise InvalidInput("smtp.port must be a number from 1 to 65535")
    return str(int(value))


def _flag(value: str) -> str:
    word = value.strip().lower()
    if word in ("true", "yes", "on", "1"):
        return "true"
    if word in ("false", "no", "off", "0"):
        return "false"
    raise InvalidInput("smtp.starttls must be true or false")


#: How the SMTP connection is protected: STARTTLS (usually port 587), implicit TLS (port 465),
#: or none (port 25; refused when a password would be sent: casekit.services.reports.mail).
SMTP_SECURITY = ("starttls", "tls", "none")


def _security(value: str) -> str:
    word = value.strip().lower().replace("_", "").replace("-", "")
    word = {"ssl": "tls", "implicittls": "tls", "smtps": "tls", "plain": "none"}.get(word, word)
    if word not in SMTP_SECURITY:
        raise InvalidInput("smtp.security must be starttls, tls (implicit TLS, port 465) or none")
    return word


def _cafile(value: str) -> str:
    """A PEM file of certificate authorities to trust (an office's own mail server)."""
    tidy = value.strip()
    if tidy and not Path(tidy).expanduser().is_file():
        raise InvalidInput("smtp.cafile must be an existing PEM file")
    return str(Path(tidy).expanduser().resolve()) if tidy else ""


def _tiers_key(kind: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if not value.strip():
            return ""  # back to the shipped ladder
        return ",".join(str(d) for d in parse_tiers(value, f"reminders.tiers.{kind}"))

    return check


def _optional_email(key: str) -> Callable[[str], str]:
    return lambda v: clean_email(v, key) if v.strip() else ""


def _host(value: str) -> str:
    tidy = value.strip()
    if not re.fullmatch(r"[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\]", tidy):
        raise InvalidInput("smtp.host must be a host name or address")
    return tidy


def _days_up_to(key: str, most: int) -> Callable[[str], str]:
    """The check of ``key``: a whole number of days from 1 to ``most``."""

    def check(value: str) -> str:
        text = value.strip()
        if not text.isdigit() or not 1 <= int(text) <= most:
            raise InvalidInput(f"{key} must be a whole number of days from 1 to {most}")
        return str(int(text))

    return check


def _sensitive_fields(value: str) -> str:
    """The contact fields a firm encrypts beyond the always-encrypted ones, as ``a,b``."""
    marked = sealed.parse_marked(value)
    return ",".join(f for f in sealed.MARKABLE["client"] if f in marked)


PRIVACY_KEY = "privacy.sensitive_fields"

#: Every key a user may set, with the check (and normalisation) of its value.
KNOWN_KEYS: dict[str, Callable[[str], str]] = {
    "firm.name": _text,
    "firm.address": _text,
    "firm.phone": lambda v: clean_phone(v, "firm.phone"),
    "firm.email": lambda v: clean_email(v, "firm.email"),
    "firm.juris_number": clean_juris,
    "smtp.host": _host,
    "smtp.port": _port,
    "smtp.starttls": _flag,
    "smtp.user": _text,
    "smtp.from": lambda v: clean_email(v, "smtp.from"),
    "smtp.security": _security,
    "smtp.cafile": _cafile,
    # Days a demand letter gives the recipient to answer.
    RESPONSE_DAYS_KEY: _days_up_to(RESPONSE_DAYS_KEY, MAX_RESPONSE_DAYS),
    # Days a preservation letter gives the custodian to confirm.
    PRESERVATION_DAYS_KEY: _days_up_to(PRESERVATION_DAYS_KEY, MAX_PRESERVATION_DAYS),
    # Client contact fields encrypted at rest like the A-number (address, phone, email).
    PRIVACY_KEY: _sensitive_fields,
    # Who gets the digest of matters with no responsible attorney (or an inactive one).
    "reminders.fallback_email": _optional_email("reminders.fallback_email"),
    "reminders.fallback_name": _text,
    **{f"reminders.tiers.{kind}": _tiers_key(kind) for kind in TIER_KINDS},
}


def set_setting(svc: AppContext, key: str, value: str) -> dict[str, str]:
    """Set one known setting; returns ``{"key": …, "value": <stored value>}``."""
    name = key.strip().lower()
    if name not in KNOWN_KEYS:
        raise InvalidInput(f"unknown setting '{key.strip()[:40]}' (known: {', '.join(KNOWN_KEYS)})")
    stored = KNOWN_KEYS[name](value)
    with svc.transaction() as session:
        if name == PRIVACY_KEY:
            _reseal(session, stored)
        repo.put_setting(session=session, key=name, value=stored)
    return {"key": name, "value": stored}


def _reseal(session: Any, stored: str) -> None:
    """Encrypt the newly marked contact fields of every client and decrypt the unmarked ones,
    in the same transaction as the setting (all clients change, or none)."""
    before = sealed.session_marked(session)
    after = sealed.parse_marked(stored)
    sealed.reseal_marked(session.connection(), sealed.session_cipher(session), before, after)
    session.info["marked"] = after


def show_settings(svc: AppContext) -> dict[str, str]:
    """Every known key with its value ("" when unset), plus ``casekit.demo`` when set."""
    with svc.transaction() as session:
        return show_settings_in(session)


def show_settings_in(session: Session) -> dict[str, str]:
    """:func:`show_settings` inside the caller's transaction."""
    stored = repo.settings_map(session=session)
    shown = {key: stored.get(key, "") for key in KNOWN_KEYS}
    if DEMO_KEY in stored:
        shown[DEMO_KEY] = stored[DEMO_KEY]
    return shown


def reminder_tiers(svc: AppContext, values: dict[str, str] | None = None) -> ReminderTiers:
    """The reminder ladders in force: ``reminders.tiers.<kind>`` where the firm set one, the
    shipped ladders (casekit.domain.reminders) elsewhere."""
    values = show_settings(svc) if values is None else values
    overrides = {
        kind: parse_tiers(values[f"reminders.tiers.{kind}"])
        for kind in TIER_KINDS
        if values.get(f"reminders.tiers.{kind}", "").strip()
    }
    return ReminderTiers(overrides)


def get_firm(svc: AppContext) -> Firm:
    """The firm for letterheads and signature blocks; ConfigurationError names what is missing."""
    with svc.transaction() as session:
        return get_firm_in(session)


def get_firm_in(session: Session) -> Firm:
    """:func:`get_firm` inside the caller's transaction."""
    values = show_settings_in(session)
    # Phone and e-mail may stay empty; a court paper without name, address or juris is invalid.
    for key in ("firm.name", "firm.address", "firm.juris_number"):
        if not values.get(key):
            raise ConfigurationError(
                f"{key} is not set: run casekit settings set {key} "
                + ("NUMBER" if key == "firm.juris_number" else "VALUE")
            )
    return Firm(
        name=values["firm.name"],
        address=values["firm.address"],
        phone=values["firm.phone"],
        email=values["firm.email"],
        juris_number=values["firm.juris_number"],
    )


# --- attorneys ----------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class AttorneyOut(Attorney):
    """An attorney of the office (a ``User`` with role ``attorney``): the domain's
    :class:`~casekit.domain.model.Attorney` with the user's id and whether they are active."""

    id: int
    active: bool = True

    def to_domain(self) -> Attorney:
        return from_fields(Attorney, self)

    def to_dict(self) -> dict[str, Any]:
        """The id, then every field as a plain value."""
        return {"id": self.id, **plain(self, leave_out=("id",))}


def add_attorney(
    svc: AppContext, *, name: str, juris: str, email: str = "", phone: str = ""
) -> AttorneyOut:
    """Add an attorney (a ``User`` with role ``attorney``); names are unique, any case."""
    full_name = clean_name(name, "attorney name")
    juris_number = clean_juris(juris)
    email_address = clean_email(email)
    phone_number = clean_phone(phone)
    with svc.transaction() as session:
        if any(fold(n) == fold(full_name) for n in user_names(session=session)):
            raise InvalidInput("an attorney or user with that name already exists")
        user = User(
            name=full_name,
            role="attorney",
            juris_number=juris_number,
            email=email_address,
            phone=phone_number,
        )
        session.add(user)
        session.flush()
        if user.id is None:  # a flushed insert always has its id
            raise ConfigurationError("the attorney was not stored")
        return AttorneyOut(
            id=user.id,
            name=full_name,
            juris_number=juris_number,
            email=email_address,
            phone=phone_number,
        )


def list_attorneys(svc: AppContext) -> list[AttorneyOut]:
    """The office's attorneys by name."""
    with svc.engine.connect() as conn:
        rows = attorney_rows(conn=conn)
    return [from_fields(AttorneyOut, row) for row in rows]
