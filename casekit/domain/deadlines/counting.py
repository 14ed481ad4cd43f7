"""Counting a day-based rule under each of its readings, with the trail (trust-act.md §§ 3-4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast
from weakref import WeakKeyDictionary

from casekit.domain.calendar import CourtCalendar, shift
from casekit.domain.deadlines.arithmetic import (
    TUESDAY,
    add_months,
    business_days,
    cite,
    convention,
    fmt,
    latest_tuesday,
    roll_due,
)
from casekit.domain.deadlines.results import DeadlineResult, MarshalOption, ReadingResult
from casekit.domain.lawpack import default_pack
from casekit.domain.rules import Reading, Rule
from casekit.domain.vocabulary import CONFIRMED, UNVERIFIED, needs_verify, weakest
from casekit.errors import InvalidInput

_MARSHAL_RULE = "CT_MARSHAL_SERVICE"  # § 52-593a, the marshal option beside limitation periods


#: Results already worked out, per calendar. A calendar never changes once built (its closures
#: are fixed when it is made; a new closure means a new calendar) and a rule is immutable, so the
#: same rule and trigger days always give the same deadline, trail included. Recomputing an
#: office's matters meets the same few hundred trigger days thousands of times. Keys hold a
#: rule's identity; every entry keeps its rule, so that identity cannot be reused meanwhile.
_MEMO: WeakKeyDictionary[CourtCalendar, dict[Any, Any]] = WeakKeyDictionary()


def memo_for(calendar: CourtCalendar) -> dict[Any, Any]:
    """The memo of results worked out with ``calendar`` (lives as long as the calendar)."""
    memo = _MEMO.get(calendar)
    if memo is None:
        memo = _MEMO[calendar] = {}
    return memo


@dataclass(frozen=True)
class _Single:
    """One reading's computation."""

    trigger: date
    due: date
    safe: date
    lines: tuple[str, ...]
    parts: tuple[str, ...]  # confidences this computation relied on beyond the rule itself


def compute_days(
    rule: Rule, day: date, calendar: CourtCalendar, others: Mapping[str, date] | None
) -> DeadlineResult:
    """A day-counted rule from ``day``, under every reading, with its whole trail."""
    if not rule.readings:
        best = _count(rule, day, calendar)
        trail, parts = list(best.lines), list(best.parts)
        readings: tuple[ReadingResult, ...] = ()
    else:
        best, trail, parts, readings = _under_readings(rule, day, calendar, others)
    return rule_result(
        rule,
        trail,
        weakest(rule.overall_confidence, *parts),
        trigger=best.trigger,
        due=best.due,
        safe_target=best.safe,
        readings=readings,
        marshal=_marshal(rule, best.due, calendar),
    )


def rule_result(
    rule: Rule,
    trail: list[str],
    confidence: str,
    *,
    trigger: date,
    due: date,
    safe_target: date,
    readings: tuple[ReadingResult, ...] = (),
    marshal: MarshalOption | None = None,
) -> DeadlineResult:
    """A rule's computed deadline: its trail closed with the rule's period and citation (then
    :func:`finish_trail`), and the rule's own fields (id, title, roll, citation, override)."""
    trail.append(f"Rule {rule.id}: {rule.describe_period()}; {rule.citation} ({parts_text(rule)}).")
    confidence = finish_trail(rule, trail, confidence)  # adds its lines before the trail is kept
    return DeadlineResult(
        rule_id=rule.id,
        title=rule.title,
        trigger=trigger,
        due=due,
        safe_target=safe_target,
        roll=rule.roll,
        citation=rule.citation,
        confidence=confidence,
        overridden=rule.overridden,
        trail=tuple(trail),
        marshal_option=marshal.text if marshal else None,
        readings=readings,
        marshal=marshal,
    )


def _under_readings(
    rule: Rule, day: date, calendar: CourtCalendar, others: Mapping[str, date] | None
) -> tuple[_Single, list[str], list[str], tuple[ReadingResult, ...]]:
    """Every reading counted; the one with the earliest safe target is used (trust-act.md § 4,
    "One rule, several readings"), the others are told in the trail."""
    computed: list[tuple[Reading, _Single | None, date | None]] = []
    for reading in rule.readings:
        start: date | None = day
        if reading.trigger_event and others is not None:
            # The matter's recorded dates decide: a reading whose event is not recorded
            # (no release yet) cannot be computed, and is shown as such.
            start = others.get(reading.trigger_event)
        if start is None:
            computed.append((reading, None, None))
            continue
        computed.append((reading, _count_reading(rule, reading, start, calendar), start))
    usable: list[tuple[Reading, _Single]] = [(r, s) for r, s, _ in computed if s is not None]
    if not usable:  # pragma: no cover - the rule's own trigger always gives one reading
        raise InvalidInput(f"{rule.id}: no reading can be computed")
    chosen_reading, best = min(usable, key=lambda pair: (pair[1].safe, pair[1].due))
    trail = [
        f"Reading used: {chosen_reading.label} ({chosen_reading.source}; "
        f"{chosen_reading.confidence}).",
        *best.lines,
    ]
    parts = [*best.parts, chosen_reading.confidence]
    rows: list[ReadingResult] = []
    for reading, found, start in computed:
        is_chosen = reading is chosen_reading
        if found is None:
            trail.append(
                f"Other reading: {reading.label} ({reading.source}; {reading.confidence}): "
                f"not computed, no {reading.trigger_event.replace('_', ' ')} date recorded."
            )
        elif not is_chosen:
            trail.append(
                f"Other reading: {reading.label} ({reading.source}; {reading.confidence}): "
                f"due {fmt(found.due)}, safe target {fmt(found.safe)}."
            )
        rows.append(
            ReadingResult(
                id=reading.id,
                label=reading.label,
                source=reading.source,
                confidence=reading.confidence,
                trigger=start,
                due=found.due if found else None,
                safe_target=found.safe if found else None,
                chosen=is_chosen,
            )
        )
    if len(usable) > 1:
        trail.append(
            f"Safe target under every reading: {fmt(best.safe)}, the earliest (one rule, several "
            "readings: act on the date that is safe under all of them)."
        )
    return best, trail, parts, tuple(rows)


def _count_reading(rule: Rule, reading: Reading, start: date, calendar: CourtCalendar) -> _Single:
    """One reading of a rule counted from ``start``, remembered per calendar (readings of the
    same rule from the same day recur across matters)."""
    memo = memo_for(calendar)
    key = ("reading", id(rule), reading.id, start)
    hit = memo.get(key)
    if hit is not None and hit[0] is rule:
        return cast(_Single, hit[1])
    variants = memo.setdefault(("variants", id(rule)), (rule, {}))
    if variants[0] is not rule:
        variants = memo[("variants", id(rule))] = (rule, {})
    variant = variants[1].get(reading.id)
    if variant is None:
        variant = variants[1][reading.id] = replace(
            rule,
            period=reading.period if reading.period is not None else rule.period,
            unit=reading.unit or rule.unit,
            readings=(),
        )
    single = _count(variant, start, calendar)
    memo[key] = (rule, single)
    return single


def parts_text(rule: Rule) -> str:
    if rule.accrual_confidence == CONFIRMED and rule.counting_confidence == CONFIRMED:
        return rule.confidence
    bits = [f"period {rule.confidence}"]
    if rule.accrual_confidence != CONFIRMED:
        bits.append(f"accrual {rule.accrual_confidence}")
    if rule.counting_confidence != CONFIRMED:
        bits.append(f"counting {rule.counting_confidence}")
    return ", ".join(bits)


def _count(rule: Rule, day: date, calendar: CourtCalendar) -> _Single:
    """One reading: count the period from ``day`` and apply the roll."""
    trail = [
        f"Trigger: {rule.trigger}: {fmt(day)}. "
        f"{convention('exclude_trigger_day').text} ({cite('exclude_trigger_day')})."
    ]
    parts: list[str] = []
    unit = rule.unit
    if unit == "latest_tuesday_months":
        due, safe = latest_tuesday(rule, day, calendar, trail, parts)
        return _Single(day, due, safe, tuple(trail), tuple(parts))
    if unit in ("months", "years"):
        months = rule.period * (12 if unit == "years" else 1)
        computed = add_months(day, months)
        trail.append(f"{fmt(day)} + {rule.describe_period()} = {fmt(computed)}.")
        if computed.day != day.day:
            month_end = convention("month_end")
            parts.append(month_end.confidence)
            trail.append(
                f"Verify: that month has no day {day.day}, so the period ends on its last day "
                f"({month_end.citation}; {month_end.confidence}); the other reading, "
                f"{month_end.extra.get('other_reading', '')}, is later."
            )
    elif unit == "days":
        computed = shift(day, rule.period)
        trail.append(f"{fmt(day)} + {rule.describe_period()} = {fmt(computed)}.")
    elif unit == "business_days":
        computed = business_days(day, rule.period, calendar, trail, parts)
    elif unit == "days_before":
        computed = shift(day, -rule.period)
        trail.append(f"{fmt(day)} - {rule.period} days = {fmt(computed)}.")
        if rule.trigger_event == "return_date" and day.weekday() != TUESDAY:
            trail.append(
                f"Verify: the return date {fmt(day)} is not a Tuesday; "
                f"{convention('return_not_tuesday').text} ({cite('return_not_tuesday')})."
            )
    else:  # pragma: no cover - load_rules validates units
        raise InvalidInput(f"{rule.id}: unit {rule.unit} cannot be counted in days")
    due, safe = roll_due(rule, computed, calendar, trail, parts)
    return _Single(day, due, safe, tuple(trail), tuple(parts))


def finish_trail(rule: Rule, trail: list[str], confidence: str) -> str:
    """Add the caveat, the firm-rule line and the "Verify" line; return the final confidence.

    Anything the trail tells the attorney to verify makes the result at most ``unverified``, so a
    "Verify:" line and the ``verify`` flag always agree.
    """
    if rule.caveat:
        trail.append(rule.caveat)
    if rule.overridden:
        trail.append(f"Firm rule: {rule.override_note}.")
    if any(line.startswith("Verify") for line in trail):
        confidence = weakest(confidence, UNVERIFIED)
    if needs_verify(confidence):
        trail.append(
            f"Verify: this deadline's confidence is '{confidence}' (the weakest of what it relies "
            f"on); check {rule.citation} before relying on this date."
        )
    return confidence


def _marshal(rule: Rule, due: date, calendar: CourtCalendar) -> MarshalOption | None:
    """§ 52-593a beside every limitation period (trust-act.md § 3 and § 6a, *Tayco*)."""
    if rule.kind != "limitation":
        return None
    option = convention("marshal_option")
    marshal_rule = default_pack().rules.get(_MARSHAL_RULE)
    serve_by = shift(due, marshal_rule.period)
    deliver_safe = calendar.last_open_on_or_before(due)
    serve_safe = calendar.last_open_on_or_before(serve_by)
    condition = option.extra.get("condition", "")
    condition_confidence = option.extra.get("condition_confidence", option.confidence)
    text = (
        f"Process delivered to a marshal by {due.isoformat()} (safe target "
        f"{deliver_safe.isoformat()}) may be served within {marshal_rule.period} days, by "
        f"{serve_by.isoformat()} (safe target {serve_safe.isoformat()}) ({option.citation}); "
        f"{condition}."
    )
    return MarshalOption(
        deliver_by=due,
        deliver_safe=deliver_safe,
        serve_by=serve_by,
        serve_safe=serve_safe,
        text=text,
        condition=condition,
        citation=option.citation,
        confidence=weakest(option.confidence, condition_confidence),
    )
