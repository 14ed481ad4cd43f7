"""The entry points: compute a rule from a trigger, by rule or by id, and read a typed trigger."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import cast

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.deadlines.arithmetic import default_federal_calendar
from casekit.domain.deadlines.counting import compute_days, memo_for
from casekit.domain.deadlines.hours import compute_hours
from casekit.domain.deadlines.results import DeadlineResult
from casekit.domain.rules import Rule, RuleSet
from casekit.errors import InvalidInput

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$")


def compute(
    rule: Rule,
    trigger: date | datetime,
    calendar: CourtCalendar,
    federal: FederalCalendar | None = None,
    *,
    other_triggers: Mapping[str, date] | None = None,
) -> DeadlineResult:
    """Compute one deadline, under every reading of the rule.

    Args:
        rule: The rule (shipped or overridden).
        trigger: The trigger date; a datetime for rules counted in hours (FED_DETAINER_48H). A
            datetime given to a day-counting rule counts from its date.
        calendar: Connecticut court days (holidays and the firm's closures).
        federal: Federal business days for the 48-hour rule (a shared default when None).
        other_triggers: Dates of other trigger events (``incident``, ``release`` ...) for readings
            that count from a different event (§ 1983 accrual). A reading whose event is missing
            here is shown as not computable; without the mapping, every reading counts from
            ``trigger``.

    Returns:
        The deadline with its trail; the safe target is the earliest that is safe under every
        reading.

    Raises:
        InvalidInput: An hours rule was given a date without a time, or the result is out of range.
    """
    if rule.timed:
        if not isinstance(trigger, datetime):
            raise InvalidInput(f"{rule.id} needs a date and time (expected YYYY-MM-DDTHH:MM)")
        return compute_hours(rule, trigger, federal or default_federal_calendar())
    day = date(trigger.year, trigger.month, trigger.day)
    others = tuple(sorted(other_triggers.items())) if other_triggers is not None else None
    memo = memo_for(calendar)
    key = (id(rule), day, others)
    hit = memo.get(key)
    if hit is not None and hit[0] is rule:
        return cast(DeadlineResult, hit[1])
    if others is not None and rule.readings:
        # Only the trigger events the rule's readings use matter: matters that share them share
        # the result (a recompute meets the same incident and release days many times).
        used = {r.trigger_event for r in rule.readings if r.trigger_event}
        others = tuple((event, when) for event, when in others if event in used)
        narrowed = (id(rule), day, others)
        hit = memo.get(narrowed)
        if hit is not None and hit[0] is rule:
            memo[key] = hit
            return cast(DeadlineResult, hit[1])
        key = narrowed
    result = compute_days(rule, day, calendar, dict(others) if others is not None else None)
    memo[key] = (rule, result)
    return result


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
