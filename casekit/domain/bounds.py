"""The plausible range of every date casekit accepts, and the one parser every input goes through.

A date far outside the life of a case (0001-01-01, 9999-12-31) is always a typing mistake, and one
such row used to break every listing and calendar export that adds days to it (``OverflowError``).
So every date a user types, and every date a row stores, lies in ``EARLIEST`` .. today + 100 years:
the CLI, the TUI forms and the services parse with :func:`parse_day` / :func:`check_day`, and the
store refuses to save an out-of-range date whatever path it came by.

Pure: "today" is passed in.
"""

from __future__ import annotations

from datetime import date, datetime

from casekit.errors import InvalidInput

__all__ = [
    "EARLIEST",
    "FUTURE_YEARS",
    "MAX_INT",
    "check_day",
    "check_int",
    "latest",
    "parse_day",
    "within_range",
]

#: No case casekit handles involves an earlier date (a date of birth included).
EARLIEST = date(1900, 1, 1)
#: Deadlines, reminders and rates can be far ahead, but never a century.
FUTURE_YEARS = 100
#: The largest id, limit or count casekit accepts (PostgreSQL ``integer``).
MAX_INT = 2**31 - 1


def latest(today: date) -> date:
    """The last plausible date: ``today`` plus 100 years (28 February for a 29 February)."""
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def within_range(day: date, today: date) -> bool:
    """Whether ``day`` (or a datetime's date) lies in ``EARLIEST`` .. :func:`latest`."""
    if isinstance(day, datetime):
        day = day.date()
    return EARLIEST <= day <= latest(today)


def check_day(day: date, today: date, what: str = "date") -> date:
    """``day`` itself, or :class:`InvalidInput` when it lies outside the plausible range."""
    if not within_range(day, today):
        raise InvalidInput(
            f"{what} {day.isoformat()} is outside the range casekit accepts "
            f"({EARLIEST.isoformat()} to {latest(today).isoformat()})"
        )
    return day


def parse_day(value: date | str, today: date, what: str = "date", *, echo: bool = True) -> date:
    """An ISO date (``YYYY-MM-DD``) in the plausible range, or a one-line :class:`InvalidInput`.

    ``echo=False`` keeps the typed value out of the message (a date of birth is client data).
    """
    if isinstance(value, datetime):
        day: date = value.date()
    elif isinstance(value, date):
        day = value
    else:
        text = str(value).strip()
        try:
            if len(text) != 10:  # fromisoformat also takes 20250101 and 2025-W01-1
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            shown = f" '{_printable(text[:20])}'" if echo else ""
            raise InvalidInput(f"{what}{shown} is not a real date (expected YYYY-MM-DD)") from None
    if not within_range(day, today):
        if not echo:
            raise InvalidInput(
                f"{what} is outside the range casekit accepts "
                f"({EARLIEST.isoformat()} to {latest(today).isoformat()})"
            )
        check_day(day, today, what)
    return day


def check_int(value: int, what: str, *, low: int = 0, high: int = MAX_INT) -> int:
    """``value``, or :class:`InvalidInput` when it lies outside ``low`` .. ``high``."""
    if not low <= value <= high:
        raise InvalidInput(f"{what} must be between {low} and {high}")
    return value


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)
