"""Hours as whole tenths and money as whole cents: parsing, printing, an entry's value."""

from __future__ import annotations

import math
import re

from casekit.errors import InvalidInput

#: The most one entry may hold: a day.
MAX_TENTHS = 240
#: The most one amount may be: $100 million, in cents (a typo guard, not a legal limit).
MAX_CENTS = 10_000_000_000

_HOURS = re.compile(r"^(\d{0,3})(?:\.(\d))?$")
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_MONEY = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$")

# --- hours --------------------------------------------------------------------------------------


def parse_hours(text: str, *, allow_zero: bool = False) -> int:
    """Hours as whole tenths: ``"1.5"`` → 15, ``"2"`` → 20, ``".3"`` → 3, ``"0:45"`` → 8.

    A clock form ``H:MM`` is rounded *up* to the next tenth (the six-minute increment time is
    billed in). A decimal must be in tenths: ``1.25`` is refused rather than silently rounded.

    Raises:
        InvalidInput: not a number of hours, finer than a tenth, zero (unless allowed) or more
            than 24 hours.
    """
    raw = text.strip()
    clock = _CLOCK.match(raw)
    if clock:
        minutes = int(clock.group(1)) * 60 + int(clock.group(2))
        tenths = math.ceil(minutes / 6)
    else:
        match = _HOURS.match(raw)
        if not match or not (match.group(1) or match.group(2)):
            raise InvalidInput(
                f"hours '{raw[:20]}' is not a number of hours in tenths (e.g. 1.5, 0.3 or 0:45)"
            )
        tenths = int(match.group(1) or 0) * 10 + int(match.group(2) or 0)
    if tenths == 0 and not allow_zero:
        raise InvalidInput("hours must be at least 0.1")
    if tenths > MAX_TENTHS:
        raise InvalidInput("one entry holds at most 24.0 hours; split longer work by day")
    return tenths


def tenths_text(tenths: int) -> str:
    """``15`` → ``"1.5"``, ``-3`` → ``"-0.3"``."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def elapsed_tenths(seconds: float) -> int:
    """A timer's run as billable tenths: rounded up to the next six minutes, at least 0.1."""
    if seconds < 0:
        raise InvalidInput("the timer stopped before it started (check the computer's clock)")
    return max(1, math.ceil(seconds / 360 - 1e-9))


# --- money --------------------------------------------------------------------------------------


def parse_money(text: str, what: str = "amount") -> int:
    """Dollars as whole cents: ``"405"`` → 40500, ``"$1,234.5"`` → 123450.

    Raises:
        InvalidInput: not an amount, negative, finer than a cent or absurdly large.
    """
    raw = text.strip().replace("$", "").replace(" ", "")
    if raw.startswith("-"):
        raise InvalidInput(f"the {what} cannot be negative")
    match = _MONEY.match(raw)
    if not raw or not match or not (match.group(1) or match.group(2)):
        shown = text.strip()[:20]
        raise InvalidInput(f"{what} '{shown}' is not an amount in dollars (e.g. 405.00)")
    dollars = int((match.group(1) or "0").replace(",", ""))
    cents = int((match.group(2) or "0").ljust(2, "0"))
    total = dollars * 100 + cents
    if total > MAX_CENTS:
        raise InvalidInput(f"the {what} is larger than casekit accepts ($100,000,000)")
    return total


def money_text(cents: int | None) -> str:
    """``123450`` → ``"$1,234.50"``; ``-300`` → ``"-$3.00"``; ``None`` → ``""``."""
    return _dollars(cents, symbol="$", grouping=",")


def cents_decimal(cents: int | None) -> str:
    """``123450`` → ``"1234.50"`` (a plain number for spreadsheets and JSON)."""
    return _dollars(cents, symbol="", grouping="")


def _dollars(cents: int | None, *, symbol: str, grouping: str) -> str:
    """Cents as dollars and two decimals, the sign first, then ``symbol``; ``grouping`` is the
    thousands separator's format spec (``","`` or none); ``None`` is ``""``."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}{symbol}{dollars:{grouping}}.{rest:02d}"


def entry_value(tenths: int, cents_per_hour: int) -> int:
    """``tenths`` of an hour at ``cents_per_hour``, in cents, rounded half away from zero.

    Symmetric rounding makes a reversal (negative hours) cancel its original to the cent.
    """
    exact_twentieths = 2 * abs(tenths) * cents_per_hour  # 20 × value
    rounded = (exact_twentieths + 10) // 20
    return -rounded if tenths < 0 else rounded
