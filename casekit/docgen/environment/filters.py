"""The filters a template uses (``long_date``, ``ordinal``, ``money``, ``caption_party``, ``cite``)
and the words they write, in English and Spanish."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from casekit.domain.text import one_line

if TYPE_CHECKING:
    pass


#: Printed where a value is not known yet, for the attorney to fill in by hand.
BLANK = "____________________"

#: Languages the shipped templates and the context builder write.
LANGUAGES = ("en", "es")

_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December",
    ),
    "es": (
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
        "octubre", "noviembre", "diciembre",
    ),
}  # fmt: skip

_ORDINAL_WORDS = {
    "en": (
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
        "seventeenth", "eighteenth", "nineteenth", "twentieth",
    ),
    "es": (
        "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo",
        "noveno", "décimo",
    ),
}  # fmt: skip

_CONFIRMED = "confirmed"


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def long_date(value: Any, lang: str = "en") -> str:
    """A date written out in full: ``November 3, 2025`` or ``3 de noviembre de 2025``."""
    if value is None or value == "":
        return BLANK
    day = _as_date(value)
    if day is None:
        return str(value)
    if lang == "es":
        return f"{day.day} de {_MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"


def clock_time(value: datetime | None, lang: str = "en") -> str:
    """``2:15 p.m.`` (English, the style Connecticut pleadings use) or ``2:15 de la tarde``
    (Spanish: 12-hour, de la mañana before noon, de la tarde to 7:59 p.m., then de la noche)."""
    if value is None:
        return ""
    if lang == "es":
        part = "mañana" if value.hour < 12 else "tarde" if value.hour < 20 else "noche"
        return f"{value.hour % 12 or 12}:{value.minute:02d} de la {part}"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'a.m.' if value.hour < 12 else 'p.m.'}"


def ordinal(value: Any, style: str = "number", lang: str = "en") -> str:
    """``1st``/``first`` (English) or ``1.º``/``primero`` (Spanish)."""
    n = int(value)
    words = _ORDINAL_WORDS.get(lang, _ORDINAL_WORDS["en"])
    if style == "word" and 1 <= n <= len(words):
        return words[n - 1]
    if lang == "es":
        return f"{n}.º"
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def money(value: Any, cents: bool = True) -> str:
    """``$15,000.00``; ``None`` prints a blank to fill in."""
    if value is None or value == "":
        return BLANK
    try:
        amount = Decimal(str(value).replace(",", "").replace("$", ""))
    except InvalidOperation:
        return str(value)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}" if cents else f"{abs(amount):,.0f}"
    return f"{sign}${text}"


def caption_party(party: Any) -> str:
    """A party as it appears in a caption: its name in capitals."""
    if isinstance(party, Mapping):
        name = party.get("name", "")
    else:
        name = getattr(party, "name", party)
    return one_line(str(name or "")).upper()


def cite(value: Any, confidence: str | None = None) -> str:
    """A citation for a document, with a ``[verify: …]`` marker unless it is confirmed."""
    if isinstance(value, Mapping):
        citation = str(value.get("citation") or "")
        confidence = confidence or value.get("confidence")
    else:
        citation = "" if value is None else str(value)
    citation = one_line(citation.replace("*", ""))
    if not citation:
        return "[verify: no citation recorded]"
    if citation.startswith("§"):
        citation = f"Conn. Gen. Stat. {citation}"
    if confidence and confidence != _CONFIRMED:
        citation = f"{citation} [verify: {confidence}]"
    return citation


def _finalize(value: Any) -> Any:
    # A None that reaches the page would print "None" in a legal document; print nothing instead.
    return "" if value is None else value
