"""A matter's fields checked one by one (pure; "today" is passed in): the incident's date and
time, the prohibited acts, the claims, the status, the convictions. Shared by opening a matter,
the incident edits (``casekit.services.timeline``) and the intake form.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from casekit.domain import codes, picklists
from casekit.domain.bounds import parse_day
from casekit.domain.lawpack import default_pack
from casekit.domain.text import at_most, required_line
from casekit.domain.vocabulary import MATTER_STATUSES
from casekit.errors import InvalidInput
from casekit.services.casefile.screening import clean_felony_class

MAX_NARRATIVE = 20_000
MAX_SECTION = 40


def parse_incident_date(value: date | str, today: date, *, echo: bool = True) -> date:
    """A real date, not after today (by the one date parser,
    :func:`casekit.domain.bounds.parse_day`; ``echo=False`` keeps the typed text out)."""
    day = parse_day(value, today, "incident date", echo=echo)
    if day > today:
        shown = f" {day.isoformat()}" if echo else ""
        raise InvalidInput(f"incident date{shown} is after today ({today.isoformat()})")
    return day


def parse_incident_time(value: time | str | None, *, echo: bool = True) -> time | None:
    """``HH:MM`` (24-hour clock, Connecticut wall time)."""
    if value is None or isinstance(value, time):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.strptime(text, "%H:%M")  # noqa: DTZ007 - a wall-clock time only
    except ValueError:
        shown = f" '{text[:10]}'" if echo else ""
        raise InvalidInput(f"incident time{shown} is not HH:MM (24-hour clock)") from None
    return parsed.time()


def clean_violations(values: Sequence[str]) -> tuple[str, ...]:
    """Canonical V-codes (``V1`` and ``v1_detain_on_detainer`` both work), duplicates dropped."""
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(codes.violation(value).id, None)
    return tuple(seen)


def clean_claims(values: Sequence[str]) -> tuple[str, ...]:
    """Known claim ids (the law pack's claims), duplicates dropped."""
    known = tuple(default_pack().claims)
    seen: dict[str, None] = {}
    for value in values:
        code = value.strip().lower().replace("-", "_")
        if code not in known:
            hint = picklists.did_you_mean(code, known) or f" (known: {', '.join(known)})"
            raise InvalidInput(f"unknown claim '{value.strip()[:40]}'{hint}")
        seen.setdefault(code, None)
    return tuple(seen)


def clean_status(value: str) -> str:
    """A matter status from MATTER_STATUSES (any case), or InvalidInput with suggestions."""
    status = value.strip().lower()
    if status not in MATTER_STATUSES:
        hint = picklists.did_you_mean(status, MATTER_STATUSES) or (
            f" (known: {', '.join(MATTER_STATUSES)})"
        )
        raise InvalidInput(f"unknown status '{value.strip()[:20]}'{hint}")
    return status


def clean_convictions(
    values: Sequence[tuple[str, str | None]],
) -> tuple[tuple[str, str | None], ...]:
    """(statute section, felony class recorded by the attorney or None), duplicates dropped."""
    seen: dict[tuple[str, str | None], None] = {}
    for section, felony_class in values:
        tidy = required_line(
            section,
            MAX_SECTION,
            "conviction section",
            missing="a conviction needs a statute section, e.g. 53a-101",
        )
        seen.setdefault((tidy, clean_felony_class(felony_class)), None)
    return tuple(seen)


def clean_narrative(value: str | None) -> str:
    """The narrative, stripped, at most :data:`MAX_NARRATIVE` characters."""
    return at_most((value or "").strip(), MAX_NARRATIVE, "narrative")
