"""The 48-hour federal detainer window, counted in hours (8 C.F.R. § 287.7(d); trust-act.md § 1)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from casekit.domain.calendar import LOCAL_TZ, FederalCalendar, shift
from casekit.domain.deadlines.arithmetic import WEEKDAYS, cite, convention, fmt
from casekit.domain.deadlines.counting import rule_result
from casekit.domain.deadlines.results import DeadlineResult
from casekit.domain.rules import Rule
from casekit.errors import InvalidInput


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
        f"Trigger: {rule.trigger}: {start:%Y-%m-%d %H:%M} ({WEEKDAYS[start.weekday()]}), local "
        f"wall time. {convention('federal_hours').text} ({cite('federal_hours')})."
    ]
    t = start
    counted = timedelta(0)
    for _ in range(rule.period + 3660):  # each pass consumes a day
        day = t.date()
        if not federal.is_open(day):
            trail.append(f"{fmt(day)} not counted: {federal.closed_reason(day)}.")
            t = datetime.combine(shift(day, 1), time())
            continue
        end_of_day = datetime.combine(shift(day, 1), time())
        available = end_of_day - t
        if available >= remaining:
            t += remaining
            counted += remaining
            trail.append(
                f"{fmt(day)}: {_hours(remaining)} counted, {_hours(counted)} in all: the hold "
                f"ends at {t:%Y-%m-%d %H:%M} ({WEEKDAYS[t.weekday()]})."
            )
            break
        remaining -= available
        counted += available
        trail.append(f"{fmt(day)}: {_hours(available)} counted ({_hours(counted)} so far).")
        t = end_of_day
    else:  # pragma: no cover - the loop always ends for a positive period
        raise InvalidInput(f"{rule.id}: could not count {rule.period} hours")
    due = t.replace(tzinfo=tz)
    return rule_result(
        rule, trail, rule.overall_confidence, trigger=trigger, due=due, safe_target=due
    )


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if not rest else f"{hours} h {rest:02d} min"
