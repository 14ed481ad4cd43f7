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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, cast
from weakref import WeakKeyDictionary

from casekit.domain.calendar import GOOD_FRIDAY, LOCAL_TZ, CourtCalendar, FederalCalendar
from casekit.domain.lawpack import Convention, default_pack
from casekit.domain.rules import Reading, Rule, RuleSet
from casekit.domain.vocabulary import CONFIRMED, UNVERIFIED, needs_verify, weakest
from casekit.errors import InvalidInput

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TUESDAY = 1
_MARSHAL_RULE = "CT_MARSHAL_SERVICE"  # § 52-593a, the marshal option beside limitation periods
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?$")

_FEDERAL: FederalCalendar | None = None


def _convention(name: str) -> Convention:
    return default_pack().counting[name]


def _cite(name: str) -> str:
    conv = _convention(name)
    marker = "" if conv.confidence == CONFIRMED else f", {conv.confidence}"
    return f"{conv.citation}{marker}"


@dataclass(frozen=True)
class ReadingResult:
    """One reading of an ambiguous rule, computed (trust-act.md § 4).

    Attributes:
        id: The reading's key.
        label: The reading in words.
        source: Where it comes from.
        confidence: How sure this reading is.
        trigger: The trigger date this reading counts from (None: its trigger is not recorded).
        due: Its legal last day (None when not computable).
        safe_target: Its safe target (None when not computable).
        chosen: This reading gives the deadline's safe target (the earliest).
    """

    id: str
    label: str
    source: str
    confidence: str
    trigger: date | None
    due: date | None
    safe_target: date | None
    chosen: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "id": self.id,
            "label": self.label,
            "source": self.source,
            "confidence": self.confidence,
            "trigger": self.trigger.isoformat() if self.trigger else None,
            "due": self.due.isoformat() if self.due else None,
            "safe_target": self.safe_target.isoformat() if self.safe_target else None,
            "chosen": self.chosen,
        }


@dataclass(frozen=True)
class MarshalOption:
    """§ 52-593a beside a limitation period: deliver process to a marshal by the last day, and
    the marshal serves within 30 days (*Tayco*: only if the marshal could serve in that time).

    Attributes:
        deliver_by: The limitation period's legal last day.
        deliver_safe: The last open day on or before it.
        serve_by: The last day for the marshal to serve.
        serve_safe: The last open day on or before that.
        text: The option in one sentence.
        condition: The *Tayco* condition.
        citation: § 52-593a (and *Tayco*).
        confidence: How sure.
    """

    deliver_by: date
    deliver_safe: date
    serve_by: date
    serve_safe: date
    text: str
    condition: str
    citation: str
    confidence: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "deliver_by": self.deliver_by.isoformat(),
            "deliver_safe_target": self.deliver_safe.isoformat(),
            "serve_by": self.serve_by.isoformat(),
            "serve_safe_target": self.serve_safe.isoformat(),
            "text": self.text,
            "condition": self.condition,
            "citation": self.citation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline.

    Attributes:
        rule_id: The rule's id.
        title: What has to be done.
        trigger: The trigger date (a datetime for the 48-hour rule).
        due: The legal last day (a datetime for the 48-hour rule); with several readings, the
            legal last day of the reading that gives the earliest safe target.
        safe_target: The day to act by: the last open day on or before ``due`` (equal to ``due``
            when that is open or the roll already moved it); with several readings, the earliest
            date that is safe under all of them.
        roll: The roll policy applied.
        citation: The rule's citation.
        confidence: The weakest part it relies on: the rule's period, accrual and counting, a
            month-end clamp, a court closure that moved it, anything the trail says to verify.
        overridden: A firm's local rules file changed or added the rule.
        trail: The computation, step by step, in words.
        marshal_option: For limitation rules, the § 52-593a option in words; None otherwise.
        readings: Every reading computed, when the rule has several.
        marshal: The § 52-593a option as values.
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
    readings: tuple[ReadingResult, ...] = ()
    marshal: MarshalOption | None = None

    @property
    def verify(self) -> bool:
        """Not ``confirmed`` in every part: show a "verify" marker (trust-act.md § 4)."""
        return needs_verify(self.confidence)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (ISO dates; ``YYYY-MM-DDTHH:MM`` for the 48-hour rule).

        Returns:
            ``rule, title, trigger, due, safe_target, roll, citation, confidence, overridden,
            verify, trail, marshal_option, marshal, readings``.
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
            "marshal": self.marshal.to_dict() if self.marshal else None,
            "readings": [r.to_dict() for r in self.readings],
        }


def iso(value: date) -> str:
    """``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM`` for a datetime (wall time)."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


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
    result = _compute_days(rule, day, calendar, dict(others) if others is not None else None)
    memo[key] = (rule, result)
    return result


@dataclass(frozen=True)
class _Single:
    """One reading's computation."""

    trigger: date
    due: date
    safe: date
    lines: tuple[str, ...]
    parts: tuple[str, ...]  # confidences this computation relied on beyond the rule itself


def _compute_days(
    rule: Rule, day: date, calendar: CourtCalendar, others: Mapping[str, date] | None
) -> DeadlineResult:
    if not rule.readings:
        single = _count(rule, day, calendar)
        trail = list(single.lines)
        parts = list(single.parts)
        readings: tuple[ReadingResult, ...] = ()
        chosen_reading: Reading | None = None
        due, safe, trigger = single.due, single.safe, single.trigger
    else:
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
        due, safe, trigger = best.due, best.safe, best.trigger
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
                    f"due {_fmt(found.due)}, safe target {_fmt(found.safe)}."
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
        readings = tuple(rows)
        if len(usable) > 1:
            trail.append(
                f"Safe target under every reading: {_fmt(safe)}, the earliest (one rule, several "
                "readings: act on the date that is safe under all of them)."
            )
    trail.append(
        f"Rule {rule.id}: {rule.describe_period()}; {rule.citation} ({_parts_text(rule)})."
    )
    confidence = weakest(rule.overall_confidence, *parts)
    confidence = _finish(rule, trail, confidence)
    marshal = _marshal(rule, due, calendar)
    return DeadlineResult(
        rule_id=rule.id,
        title=rule.title,
        trigger=trigger,
        due=due,
        safe_target=safe,
        roll=rule.roll,
        citation=rule.citation,
        confidence=confidence,
        overridden=rule.overridden,
        trail=tuple(trail),
        marshal_option=marshal.text if marshal else None,
        readings=readings,
        marshal=marshal,
    )


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


def _parts_text(rule: Rule) -> str:
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
        f"Trigger: {rule.trigger}: {_fmt(day)}. "
        f"{_convention('exclude_trigger_day').text} ({_cite('exclude_trigger_day')})."
    ]
    parts: list[str] = []
    unit = rule.unit
    if unit == "latest_tuesday_months":
        due, safe = _latest_tuesday(rule, day, calendar, trail, parts)
        return _Single(day, due, safe, tuple(trail), tuple(parts))
    if unit in ("months", "years"):
        months = rule.period * (12 if unit == "years" else 1)
        computed = add_months(day, months)
        trail.append(f"{_fmt(day)} + {rule.describe_period()} = {_fmt(computed)}.")
        if computed.day != day.day:
            month_end = _convention("month_end")
            parts.append(month_end.confidence)
            trail.append(
                f"Verify: that month has no day {day.day}, so the period ends on its last day "
                f"({month_end.citation}; {month_end.confidence}); the other reading, "
                f"{month_end.extra.get('other_reading', '')}, is later."
            )
    elif unit == "days":
        computed = _shift(day, rule.period)
        trail.append(f"{_fmt(day)} + {rule.describe_period()} = {_fmt(computed)}.")
    elif unit == "business_days":
        computed = _business_days(day, rule.period, calendar, trail, parts)
    elif unit == "days_before":
        computed = _shift(day, -rule.period)
        trail.append(f"{_fmt(day)} - {rule.period} days = {_fmt(computed)}.")
        if rule.trigger_event == "return_date" and day.weekday() != _TUESDAY:
            trail.append(
                f"Verify: the return date {_fmt(day)} is not a Tuesday; "
                f"{_convention('return_not_tuesday').text} ({_cite('return_not_tuesday')})."
            )
    else:  # pragma: no cover - load_rules validates units
        raise InvalidInput(f"{rule.id}: unit {rule.unit} cannot be counted in days")
    due, safe = _roll(rule, computed, calendar, trail, parts)
    return _Single(day, due, safe, tuple(trail), tuple(parts))


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


def _business_days(
    day: date, n: int, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> date:
    skipped: list[str] = []
    d = day
    counted = 0
    while counted < n:
        d = _shift(d, 1)
        if calendar.is_open(d):
            counted += 1
        else:
            skipped.append(_closed(d, calendar))
            parts.append(_closed_confidence(d, calendar))  # a skipped day pushes the date later
    note = f"; not counted: {', '.join(skipped)}" if skipped else ""
    trail.append(f"{_fmt(day)} + {n} business days = {_fmt(d)}{note} ({_cite('business_days')}).")
    return d


def _roll(
    rule: Rule, computed: date, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> tuple[date, date]:
    """Apply the roll policy; return (due, safe target)."""
    if calendar.is_open(computed):
        trail.append(f"{_fmt(computed)} is open: due {_fmt(computed)}.")
        return computed, computed
    reason = _reason(computed, calendar)
    if rule.roll == "next_business_day":
        due = calendar.first_open_on_or_after(computed)
        skipped = _closed_between(computed, due, calendar)
        # Rolling forward relies on every skipped day really being closed.
        parts.extend(_closed_confidence(d, calendar) for d in _days(computed, due))
        trail.append(
            f"{_fmt(computed)} is closed ({reason}); roll next_business_day: the last day moves "
            f"to the next open day, {_fmt(due)} "
            f"({_convention('roll_next_business_day').text}: {_cite('roll_next_business_day')}); "
            f"skipped: {', '.join(skipped)}."
        )
        return due, due
    safe = calendar.last_open_on_or_before(computed)
    skipped = _closed_between(_shift(safe, 1), _shift(computed, 1), calendar)
    trail.append(
        f"{_fmt(computed)} is closed ({reason}); roll {rule.roll}: the legal last day does not "
        f"move and stays {_fmt(computed)} ({_cite('roll_none')})."
    )
    trail.append(
        f"Safe target: {_fmt(safe)}, the last open day on or before it; skipped: "
        f"{', '.join(skipped)}."
    )
    return computed, safe


def _latest_tuesday(
    rule: Rule, day: date, calendar: CourtCalendar, trail: list[str], parts: list[str]
) -> tuple[date, date]:
    """§ 52-48: the return date is a Tuesday not later than ``period`` months after process."""
    limit = add_months(day, rule.period)
    due = _shift(limit, -((limit.weekday() - _TUESDAY) % 7))
    trail.append(
        f"{_fmt(day)} + {rule.period} months = {_fmt(limit)}; the latest Tuesday not later than "
        f"that is {_fmt(due)}."
    )
    if limit.day != day.day:
        parts.append(_convention("month_end").confidence)
    safe = due
    if not calendar.is_open(due):
        # Do not invent a rule: keep the due date, flag it, and offer the previous open Tuesday
        # as the safe target.
        candidate = _shift(due, -7)
        while candidate > day and not calendar.is_open(candidate):
            candidate = _shift(candidate, -7)
        if candidate > day:
            safe = candidate
        closed = _convention("return_tuesday_closed")
        parts.append(closed.confidence)
        trail.append(
            f"Verify: {_fmt(due)} is closed ({_reason(due, calendar)}); {closed.text} "
            f"({_cite('return_tuesday_closed')}). Safe target: {_fmt(safe)}."
        )
    else:
        trail.append(f"{_fmt(due)} is open.")
    trail.append(f"{_convention('return_chain').text}.")
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
        f"wall time. {_convention('federal_hours').text} ({_cite('federal_hours')})."
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
    trail.append(
        f"Rule {rule.id}: {rule.describe_period()}; {rule.citation} ({_parts_text(rule)})."
    )
    confidence = _finish(rule, trail, rule.overall_confidence)
    return DeadlineResult(
        rule_id=rule.id,
        title=rule.title,
        trigger=trigger,
        due=due,
        safe_target=due,
        roll=rule.roll,
        citation=rule.citation,
        confidence=confidence,
        overridden=rule.overridden,
        trail=tuple(trail),
        marshal_option=None,
    )


def _finish(rule: Rule, trail: list[str], confidence: str) -> str:
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
    option = _convention("marshal_option")
    marshal_rule = default_pack().rules.get(_MARSHAL_RULE)
    serve_by = _shift(due, marshal_rule.period)
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


# --- formatting ----------------------------------------------------------------------------------


def _fmt(d: date) -> str:
    return f"{d.isoformat()} ({_WEEKDAYS[d.weekday()]})"


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
        d = _shift(d, 1)
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
