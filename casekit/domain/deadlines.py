"""The Connecticut deadline engine: one rule, one trigger, one due date with its whole trail.

Counting (trust-act.md § 3, ``confirmed`` unless marked):

* The trigger day is excluded; "within" includes the last day (*Lamberti v. Stamford*, 131 Conn.
  396).
* Months and years land on the same calendar date, or the last day of a shorter month (Aug 31 +
  6 months = Feb 28/29; ``unverified``, standard practice, what ``dateutil.relativedelta`` does).
* Business days skip Saturdays, Sundays, Connecticut holidays and recorded court closures.
* Roll ``none``: the legal last day is the computed day even when courts are closed; the **safe
  target** is the last open day on or before it (Connecticut courts have refused to extend
  limitation periods that end on a closed day). Roll ``next_business_day``: the last day moves to
  the next open day (Practice Book § 7-17 / § 51-347c, ``secondary``).

Every result carries a human-readable trail: trigger, arithmetic, every day skipped and why, the
roll, the citation, and a "Verify" step for anything not ``confirmed``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from weakref import WeakKeyDictionary

from casekit.domain.calendar import GOOD_FRIDAY, LOCAL_TZ, CourtCalendar, FederalCalendar
from casekit.domain.model import needs_verify
from casekit.domain.rules import Rule, RuleSet
from casekit.errors import InvalidInput

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TUESDAY = 1
_MARSHAL_DAYS = 30  # § 52-593a
_LAMBERTI = "Lamberti v. Stamford, 131 Conn. 396"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$")

_FEDERAL: FederalCalendar | None = None


@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline.

    Attributes:
        rule_id: The rule's id.
        title: What has to be done.
        trigger: The trigger date (a datetime for the 48-hour rule).
        due: The legal last day (a datetime for the 48-hour rule).
        safe_target: The day to act by: the last open day on or before ``due`` (equal to ``due``
            when that is open or the roll already moved it).
        roll: The roll policy applied.
        citation: The rule's citation.
        confidence: The rule's confidence word.
        overridden: A firm's local rules file changed or added the rule.
        trail: The computation, step by step, in words.
        marshal_option: For limitation rules, the § 52-593a option (deliver process to a marshal
            by the last day, serve within 30 days); None otherwise.
    """

    rule_id: str
    title: str
    trigger: date
    due: date
    safe_target: date
    roll: str
    citation: str
    confidence: str
    overridden: bool
    trail: tuple[str, ...]
    marshal_option: str | None = None

    @property
    def verify(self) -> bool:
        """The rule is not ``confirmed``: show a "verify" marker (trust-act.md, introduction)."""
        return needs_verify(self.confidence)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (ISO dates; ``YYYY-MM-DDTHH:MM`` for the 48-hour rule).

        Returns:
            ``rule, title, trigger, due, safe_target, roll, citation, confidence, overridden,
            verify, trail, marshal_option``.
        """
        return {
            "rule": self.rule_id,
            "title": self.title,
            "trigger": iso(self.trigger),
            "due": iso(self.due),
            "safe_target": iso(self.safe_target),
            "roll": self.roll,
            "citation": self.citation,
            "confidence": self.confidence,
            "overridden": self.overridden,
            "verify": self.verify,
            "trail": list(self.trail),
            "marshal_option": self.marshal_option,
        }


def iso(value: date) -> str:
    """``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM`` for a datetime (wall time)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


#: Results already worked out, per calendar. A calendar never changes once built (its closures
#: are fixed when it is made; a new closure means a new calendar) and a rule is immutable, so the
#: same rule and trigger day always give the same deadline, trail included. Recomputing an
#: office's matters meets the same few hundred trigger days thousands of times. Keys hold a
#: rule's identity; every entry keeps its rule, so that identity cannot be reused meanwhile.
_MEMO: WeakKeyDictionary[CourtCalendar, dict[Any, Any]] = WeakKeyDictionary()


def memo_for(calendar: CourtCalendar) -> dict[Any, Any]:
    """The memo of results worked out with ``calendar`` (lives as long as the calendar)."""
    memo = _MEMO.get(calendar)
    if memo is None:
        memo = _MEMO[calendar] = {}
    return memo


def compute(
    rule: Rule,
    trigger: date | datetime,
    calendar: CourtCalendar,
    federal: FederalCalendar | None = None,
) -> DeadlineResult:
    """Compute one deadline.

    Args:
        rule: The rule (shipped or overridden).
        trigger: The trigger date; a datetime for rules counted in hours (FED_DETAINER_48H). A
            datetime given to a day-counting rule counts from its date.
        calendar: Connecticut court days (holidays and the firm's closures).
        federal: Federal business days for the 48-hour rule (a shared default when None).

    Returns:
        The deadline with its trail.

    Raises:
        InvalidInput: An hours rule was given a date without a time, or the result is out of range.
    """
    if rule.timed:
        if not isinstance(trigger, datetime):
            raise InvalidInput(f"{rule.id} needs a date and time (expected YYYY-MM-DDTHH:MM)")
        return compute_hours(rule, trigger, federal or default_federal_calendar())
    day = date(trigger.year, trigger.month, trigger.day)
    memo = memo_for(calendar)
    key = (id(rule), day)
    hit = memo.get(key)
    if hit is not None and hit[0] is rule:
        return cast(DeadlineResult, hit[1])
    result = _compute_days(rule, day, calendar)
    memo[key] = (rule, result)
    return result


def _compute_days(rule: Rule, day: date, calendar: CourtCalendar) -> DeadlineResult:
    trail = [
        f"Trigger: {rule.trigger}: {_fmt(day)}. "
        f"The trigger day itself is not counted ({_LAMBERTI})."
    ]
    unit = rule.unit
    attention: str | None = None
    if unit == "latest_tuesday_months":
        due, safe = _latest_tuesday(rule, day, calendar, trail)
    else:
        if unit in ("months", "years"):
            months = rule.period * (12 if unit == "years" else 1)
            computed = add_months(day, months)
            clamp = "" if computed.day == day.day else " (that month is shorter: its last day)"
            trail.append(f"{_fmt(day)} + {rule.describe_period()} = {_fmt(computed)}{clamp}.")
        elif unit == "days":
            computed = _shift(day, rule.period)
            trail.append(f"{_fmt(day)} + {rule.describe_period()} = {_fmt(computed)}.")
        elif unit == "business_days":
            computed = _business_days(day, rule.period, calendar, trail)
        elif unit == "days_before":
            computed = _shift(day, -rule.period)
            trail.append(f"{_fmt(day)} - {rule.period} days = {_fmt(computed)}.")
            if rule.trigger_event == "return_date" and day.weekday() != _TUESDAY:
                attention = (
                    f"Verify: the return date {_fmt(day)} is not a Tuesday; § 52-48 requires one."
                )
        else:  # pragma: no cover - load_rules validates units
            raise InvalidInput(f"{rule.id}: unit {rule.unit} cannot be counted in days")
        due, safe = _roll(rule, computed, calendar, trail)
    trail.append(f"Rule {rule.id}: {rule.describe_period()}; {rule.citation} ({rule.confidence}).")
    _finish(rule, trail, attention)
    return DeadlineResult(
        rule_id=rule.id,
        title=rule.title,
        trigger=day,
        due=due,
        safe_target=safe,
        roll=rule.roll,
        citation=rule.citation,
        confidence=rule.confidence,
        overridden=rule.overridden,
        trail=tuple(trail),
        marshal_option=_marshal_option(rule, due),
    )


def compute_by_id(
    rules: RuleSet,
    rule_id: str,
    trigger: date | datetime,
    calendar: CourtCalendar,
    federal: FederalCalendar | None = None,
) -> DeadlineResult:
    """Compute a deadline for a rule named by id.

    Args:
        rules: The rules in force.
        rule_id: E.g. ``CT_7465_NOTICE`` (case-insensitive).
        trigger: The trigger date or datetime.
        calendar: Connecticut court days.
        federal: Federal business days (48-hour rule).

    Returns:
        The deadline.

    Raises:
        NotFound: No such rule.
        InvalidInput: See :func:`compute`.
    """
    return compute(rules.get(rule_id), trigger, calendar, federal)


def parse_trigger(rule: Rule, text: str) -> date | datetime:
    """Read a trigger typed by a user.

    Args:
        rule: The rule it is for: hours rules need ``YYYY-MM-DDTHH:MM``, others ``YYYY-MM-DD``.
        text: What the user typed.

    Returns:
        A date, or a datetime for hours rules.

    Raises:
        InvalidInput: One line, e.g. ``'2025-02-30' is not a real date (expected YYYY-MM-DD)``.
    """
    raw = text.strip()
    shown = raw[:40]
    if rule.timed:
        expected = "expected YYYY-MM-DDTHH:MM"
        if _DATE_RE.match(raw):
            raise InvalidInput(f"'{shown}' has no time; {rule.id} needs one ({expected})")
        if not _DATETIME_RE.match(raw):
            raise InvalidInput(f"'{shown}' is not a date and time ({expected})")
        try:
            return datetime.fromisoformat(raw.replace(" ", "T", 1))
        except ValueError:
            raise InvalidInput(f"'{shown}' is not a real date and time ({expected})") from None
    if not _DATE_RE.match(raw):
        raise InvalidInput(f"'{shown}' is not a date (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"'{shown}' is not a real date (expected YYYY-MM-DD)") from None


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


def _business_days(day: date, n: int, calendar: CourtCalendar, trail: list[str]) -> date:
    skipped: list[str] = []
    d = day
    counted = 0
    while counted < n:
        d = _shift(d, 1)
        if calendar.is_open(d):
            counted += 1
        else:
            skipped.append(_closed(d, calendar))
    note = f"; not counted: {', '.join(skipped)}" if skipped else ""
    trail.append(f"{_fmt(day)} + {n} business days = {_fmt(d)}{note}.")
    return d


def _roll(
    rule: Rule, computed: date, calendar: CourtCalendar, trail: list[str]
) -> tuple[date, date]:
    """Apply the roll policy; return (due, safe target)."""
    if calendar.is_open(computed):
        trail.append(f"{_fmt(computed)} is open: due {_fmt(computed)}.")
        return computed, computed
    reason = _reason(computed, calendar)
    if rule.roll == "next_business_day":
        due = calendar.first_open_on_or_after(computed)
        skipped = _closed_between(computed, due, calendar)
        trail.append(
            f"{_fmt(computed)} is closed ({reason}); roll next_business_day: the last day moves "
            f"to the next open day, {_fmt(due)} (Practice Book § 7-17 / § 51-347c, secondary); "
            f"skipped: {', '.join(skipped)}."
        )
        return due, due
    safe = calendar.last_open_on_or_before(computed)
    skipped = _closed_between(_shift(safe, 1), _shift(computed, 1), calendar)
    trail.append(
        f"{_fmt(computed)} is closed ({reason}); roll {rule.roll}: the legal last day does not "
        f"move and stays {_fmt(computed)}."
    )
    trail.append(
        f"Safe target: {_fmt(safe)}, the last open day on or before it (courts have refused to "
        f"extend periods that end on a closed day); skipped: {', '.join(skipped)}."
    )
    return computed, safe


def _latest_tuesday(
    rule: Rule, day: date, calendar: CourtCalendar, trail: list[str]
) -> tuple[date, date]:
    """§ 52-48: the return date is a Tuesday not later than ``period`` months after process."""
    limit = add_months(day, rule.period)
    due = _shift(limit, -((limit.weekday() - _TUESDAY) % 7))
    trail.append(
        f"{_fmt(day)} + {rule.period} months = {_fmt(limit)}; the latest Tuesday not later than "
        f"that is {_fmt(due)}."
    )
    safe = due
    if not calendar.is_open(due):
        # § 52-48 asks for a Tuesday and says nothing (that we have read) about a Tuesday that is
        # a court holiday. Do not invent a rule: keep the due date, flag it, and offer the previous
        # open Tuesday as the safe target.
        candidate = _shift(due, -7)
        while candidate > day and not calendar.is_open(candidate):
            candidate = _shift(candidate, -7)
        if candidate > day:
            safe = candidate
        trail.append(
            f"Verify: {_fmt(due)} is closed ({_reason(due, calendar)}); § 52-48 does not say what "
            f"happens when the Tuesday is a court holiday, so casekit does not move it. Safe "
            f"target: {_fmt(safe)}, the previous open Tuesday."
        )
    else:
        trail.append(f"{_fmt(due)} is open.")
    trail.append(
        "The return date must also leave time to serve process at least 12 days before it "
        "(§ 52-46) and to return it to court at least 6 days before it (§ 52-46a)."
    )
    return due, safe


def compute_hours(rule: Rule, trigger: datetime, federal: FederalCalendar) -> DeadlineResult:
    """Add ``period`` hours, not counting Saturdays, Sundays or federal holidays.

    Used by :func:`compute` for hours rules (FED_DETAINER_48H) and by the custody math, which has
    no court calendar to offer.

    Args:
        rule: An hours rule.
        trigger: When the person would otherwise have been released.
        federal: Federal business days.

    Returns:
        The end of the hold, with its trail.

    Hours are counted in Connecticut wall-clock time: an aware trigger is converted to
    America/New_York first, a naive one is taken as local. US daylight-saving changes happen at
    2 a.m. on a Sunday, a day that is never counted, so wall-clock hours equal elapsed hours.
    """
    if trigger.tzinfo is not None:
        trigger = trigger.astimezone(LOCAL_TZ)  # weekends and holidays are Connecticut days
    tz = trigger.tzinfo
    start = trigger.replace(tzinfo=None)
    remaining = timedelta(hours=rule.period)
    trail = [
        f"Trigger: {rule.trigger}: {start:%Y-%m-%d %H:%M} ({_WEEKDAYS[start.weekday()]}), local "
        f"wall time. Saturdays, Sundays and federal holidays (5 U.S.C. § 6103) are not counted."
    ]
    t = start
    counted = timedelta(0)
    for _ in range(rule.period + 3660):  # each pass consumes a day
        day = t.date()
        if not federal.is_open(day):
            trail.append(f"{_fmt(day)} not counted: {federal.closed_reason(day)}.")
            t = datetime.combine(_shift(day, 1), time())
            continue
        end_of_day = datetime.combine(_shift(day, 1), time())
        available = end_of_day - t
        if available >= remaining:
            t += remaining
            counted += remaining
            trail.append(
                f"{_fmt(day)}: {_hours(remaining)} counted, {_hours(counted)} in all: the hold "
                f"ends at {t:%Y-%m-%d %H:%M} ({_WEEKDAYS[t.weekday()]})."
            )
            break
        remaining -= available
        counted += available
        trail.append(f"{_fmt(day)}: {_hours(available)} counted ({_hours(counted)} so far).")
        t = end_of_day
    else:  # pragma: no cover - the loop always ends for a positive period
        raise InvalidInput(f"{rule.id}: could not count {rule.period} hours")
    due = t.replace(tzinfo=tz)
    trail.append(f"Rule {rule.id}: {rule.describe_period()}; {rule.citation} ({rule.confidence}).")
    _finish(rule, trail, None)
    return DeadlineResult(
        rule_id=rule.id,
        title=rule.title,
        trigger=trigger,
        due=due,
        safe_target=due,
        roll=rule.roll,
        citation=rule.citation,
        confidence=rule.confidence,
        overridden=rule.overridden,
        trail=tuple(trail),
        marshal_option=None,
    )


def _finish(rule: Rule, trail: list[str], attention: str | None) -> None:
    if attention:
        trail.append(attention)
    if rule.caveat:
        trail.append(rule.caveat)
    if rule.overridden:
        trail.append(f"Firm rule: {rule.override_note}.")
    if needs_verify(rule.confidence):
        trail.append(
            f"Verify: this rule's confidence is '{rule.confidence}'; check {rule.citation} "
            f"before relying on this date."
        )


def _marshal_option(rule: Rule, due: date) -> str | None:
    if rule.kind != "limitation":
        return None
    serve_by = _shift(due, _MARSHAL_DAYS)
    return (
        f"Process delivered to a marshal by {due.isoformat()} may be served within "
        f"{_MARSHAL_DAYS} days, by {serve_by.isoformat()} (§ 52-593a)."
    )


# --- formatting ----------------------------------------------------------------------------------


def _fmt(d: date) -> str:
    return f"{d.isoformat()} ({_WEEKDAYS[d.weekday()]})"


def _reason(d: date, calendar: CourtCalendar) -> str:
    reason = calendar.closed_reason(d) or "closed"
    if reason == GOOD_FRIDAY:
        return "Good Friday: state courts close (secondary)"
    return reason


def _closed(d: date, calendar: CourtCalendar) -> str:
    return f"{d.isoformat()} {_reason(d, calendar)}"


def _closed_between(start: date, end: date, calendar: CourtCalendar) -> list[str]:
    """Closed days in [start, end), described."""
    out = []
    d = start
    while d < end:
        if not calendar.is_open(d):
            out.append(_closed(d, calendar))
        d = _shift(d, 1)
    return out


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if not rest else f"{hours} h {rest:02d} min"


def _shift(d: date, days: int) -> date:
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise InvalidInput("date out of range") from None
