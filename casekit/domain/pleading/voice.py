"""Pleading voice: whether a sentence can stand in a pleading as written, and the small words
of names and dates a pleading prints."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from casekit.domain.pleading.model import Defendant
from casekit.domain.text import and_join, one_line

# --- pleading voice -----------------------------------------------------------------------------

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_CLIENT = re.compile(r"\b(?:the|our|my)\s+client\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I(?![-\w])|me|my|mine|myself|we|us|our|ours|My|We|Our|Me)\b")


def in_pleading_voice(text: str) -> bool:
    """True if ``text`` can stand in a pleading as written: it never speaks of "the client" and
    is not in the first person (quoted speech aside)."""
    if _CLIENT.search(text):
        return False
    return not _FIRST_PERSON.search(_QUOTED.sub("", text))


def long_day(day: date | datetime | None) -> str:
    """``November 3, 2025`` (pleadings are in English); a placeholder when unknown."""
    if day is None:
        return "[[date]]"
    return f"{day:%B} {day.day}, {day.year}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


# --- defendants ---------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return one_line(a.lower()) == one_line(b.lower())


def name_list(names: Sequence[str]) -> str:
    """``the City of Danbury, Sgt. X and Ofc. Y``: names in a sentence, each with its article."""
    return and_join([with_article(n) for n in names])


def with_article(name: str) -> str:
    """``the City of Danbury`` where English wants the article; other names as they are."""
    if name.startswith(("City of ", "Town of ", "State of ", "Borough of ")):
        return f"the {name}"
    return name


def _defendant_words(against: Sequence[Defendant]) -> str:
    """``the defendant Sgt. X`` / ``the defendants Sgt. X and Ofc. Y``."""
    names = [d.name for d in against]
    if len(names) == 1:
        return f"the defendant {name_list(names)}"
    return f"the defendants {name_list(names)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
