"""How dates, day counts and markers read on screen (ISO dates: never ambiguous)."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text

from casekit.domain.labels import language, sentence, word

#: The languages a pick list offers first (ISO 639-1; any code can be stored).
PICKED_LANGUAGES = ("en", "es", "pt", "ht", "fr", "ar", "zh", "vi", "pl")


def language_choices() -> tuple[tuple[str, str], ...]:
    """(name, code) pairs for a language pick list, named by :func:`language`."""
    return tuple((language(code), code) for code in PICKED_LANGUAGES)


__all__ = ["day", "days_left", "label", "language", "moment", "sentence", "verify_marker"]

VERIFY = "verify"


def day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def moment(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def days_left(days: int) -> Text:
    if days < 0:
        return Text(f"{-days}d late", style="bold red")
    if days == 0:
        return Text("today", style="bold yellow")
    return Text(f"in {days}d")


def verify_marker(verify: bool) -> Text:
    """The visible marker on anything resting on law that is not ``confirmed``."""
    return Text(VERIFY, style="bold yellow") if verify else Text("")


def label(value: str) -> str:
    """A stored word as it reads inside a sentence ("release to ICE"); see casekit.domain.labels."""
    return word(value)
