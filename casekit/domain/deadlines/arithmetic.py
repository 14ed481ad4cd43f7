"""Calendar arithmetic for deadlines: months, business days, rolls, closed days.

The counting conventions are trust-act.md § 3.
"""

from __future__ import annotations

from datetime import date

from casekit.domain.calendar import GOOD_FRIDAY, CourtCalendar, FederalCalendar, shift
from casekit.domain.lawpack import Convention, default_pack
from casekit.domain.rules import Rule
from casekit.domain.vocabulary import CONFIRMED
from casekit.errors import InvalidInput

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
TUESDAY = 1

_FEDERAL: FederalCalendar | None = None


def convention(name: str) -> Convention:
    return default_pack().counting[name]


def cite(name: str) -> str:
    conv = convention(name)
    marker = "" if conv.confidence == CONFIRMED else f", {conv.confidence}"
    return f"{conv.citation}{marker}"


def add_months(day: date, months: int) -> date:
    """Same calendar date ``months`` later, clamped to the end of a shorter month.

    Equivalent to ``day + relativedelta(months=months)``, without its cost on the hot path.

    Args:
        day: The start.
        months: How many months (negative goes back).

    Returns:
        The date.

    Raises:
        InvalidInput: The result is outside years 1-9999.
    """
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    if not 1 <= year <= 9999:
        raise InvalidInput("date out of range")
    last = _DAYS_IN_MONTH[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month, min(day.day, last))


def default_federal_calendar() -> FederalCalendar:
    """A shared federal calendar (federal holidays only; no closures)."""
    global _FEDERAL
    if _FEDERAL is None:
        _FEDERAL = FederalCalendar()
    return _FEDERAL


# --- counting ------------------------------------------------------------------------------------


def business_days(
    day: date, n: int, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> date:
    skipped: list[str] = []
    d = day
    counted = 0
    while counted < n:
        d = shift(d, 1)
        if calendar.is_open(d):
            counted += 1
        else:
            skipped.append(_closed(d, calendar))
            parts.append(_closed_confidence(d, calendar))  # a skipped day pushes the date later
    note = f"; not counted: {', '.join(skipped)}" if skipped else ""
    trail.append(f"{fmt(day)} + {n} business days = {fmt(d)}{note} ({cite('business_days')}).")
    return d


def roll_due(
    rule: Rule, computed: date, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> tuple[date, date]:
    """Apply the roll policy; return (due, safe target)."""
    if calendar.is_open(computed):
        trail.append(f"{fmt(computed)} is open: due {fmt(computed)}.")
        return computed, computed
    reason = _reason(computed, calendar)
    if rule.roll == "next_business_day":
        due = calendar.first_open_on_or_after(computed)
        skipped = _closed_between(computed, due, calendar)
        # Rolling forward relies on every skipped day really being closed.
        parts.extend(_closed_confidence(d, calendar) for d in _days(computed, due))
        trail.append(
            f"{fmt(computed)} is closed ({reason}); roll next_business_day: the last day moves "
            f"to the next open day, {fmt(due)} "
            f"({convention('roll_next_business_day').text}: {cite('roll_next_business_day')}); "
            f"skipped: {', '.join(skipped)}."
        )
        return due, due
    safe = calendar.last_open_on_or_before(computed)
    skipped = _closed_between(shift(safe, 1), shift(computed, 1), calendar)
    trail.append(
        f"{fmt(computed)} is closed ({reason}); roll {rule.roll}: the legal last day does not "
        f"move and stays {fmt(computed)} ({cite('roll_none')})."
    )
    trail.append(
        f"Safe target: {fmt(safe)}, the last open day on or before it; skipped: "
        f"{', '.join(skipped)}."
    )
    return computed, safe


def latest_tuesday(
    rule: Rule, day: date, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> tuple[date, date]:
    """§ 52-48: the return date is a Tuesday not later than ``period`` months after process."""
    limit = add_months(day, rule.period)
    due = shift(limit, -((limit.weekday() - TUESDAY) % 7))
    trail.append(
        f"{fmt(day)} + {rule.period} months = {fmt(limit)}; the latest Tuesday not later than "
        f"that is {fmt(due)}."
    )
    if limit.day != day.day:
        parts.append(convention("month_end").confidence)
    safe = due
    if not calendar.is_open(due):
        # Do not invent a rule: keep the due date, flag it, and offer the previous open Tuesday
        # as the safe target.
        candidate = shift(due, -7)
        while candidate > day and not calendar.is_open(candidate):
            candidate = shift(candidate, -7)
        if candidate > day:
            safe = candidate
        closed = convention("return_tuesday_closed")
        parts.append(closed.confidence)
        trail.append(
            f"Verify: {fmt(due)} is closed ({_reason(due, calendar)}); {closed.text} "
            f"({cite('return_tuesday_closed')}). Safe target: {fmt(safe)}."
        )
    else:
        trail.append(f"{fmt(due)} is open.")
    trail.append(f"{convention('return_chain').text}.")
    return due, safe


# --- formatting ----------------------------------------------------------------------------------


def fmt(d: date) -> str:
    return f"{d.isoformat()} ({WEEKDAYS[d.weekday()]})"


def _reason(d: date, calendar: CourtCalendar) -> str:
    reason = calendar.closed_reason(d) or "closed"
    if reason == GOOD_FRIDAY:
        good_friday = default_pack().closures["good_friday"]
        return f"{good_friday.text}; {good_friday.confidence}"
    return reason


def _closed_confidence(d: date, calendar: CourtCalendar) -> str:
    """How sure it is that courts are closed on ``d`` (weekends and § 1-4 holidays: confirmed;
    Good Friday by proclamation: as the law pack says; a closure the firm recorded: confirmed)."""
    if calendar.closed_reason(d) == GOOD_FRIDAY:
        return default_pack().closures["good_friday"].confidence
    return CONFIRMED


def _days(start: date, end: date) -> list[date]:
    """Days in [start, end)."""
    out = []
    d = start
    while d < end:
        out.append(d)
        d = shift(d, 1)
    return out


def _closed(d: date, calendar: CourtCalendar) -> str:
    return f"{d.isoformat()} {_reason(d, calendar)}"


def _closed_between(start: date, end: date, calendar: CourtCalendar) -> list[str]:
    """Closed days in [start, end), described."""
    out = []
    d = start
    while d < end:
        if not calendar.is_open(d):
            out.append(_closed(d, calendar))
        d = shift(d, 1)
    return out
