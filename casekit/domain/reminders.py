"""When to remind the attorney of a deadline.

Limitation and notice deadlines are the ones that end a case when missed, so they get a long
ladder of reminders (180, 90, 60, 30, 14, 7 and 1 days before); every other deadline gets 14, 7
and 1. Both ladders are parameters, and a firm can set its own ladder per rule kind
(:class:`ReminderTiers`, from the ``reminders.tiers.<kind>`` settings).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from casekit.errors import InvalidInput

#: Days before the due date for limitation and notice deadlines.
LONG_TIERS: tuple[int, ...] = (180, 90, 60, 30, 14, 7, 1)
#: Days before the due date for every other deadline.
SHORT_TIERS: tuple[int, ...] = (14, 7, 1)
#: Rule kinds that get the long ladder.
LONG_KINDS = frozenset({"limitation", "notice"})
#: Rule kinds a firm can give its own ladder (the rule kinds, plus deadlines entered by hand).
TIER_KINDS = ("limitation", "notice", "filing", "foi", "return", "measure", "manual")
#: No reminder further ahead than this (ten years): a typo such as 18000 is refused.
MAX_TIER_DAYS = 3650


def parse_tiers(text: str, what: str = "reminder tiers") -> tuple[int, ...]:
    """``"180, 90, 30, 7, 1"`` → ``(180, 90, 30, 7, 1)``: whole days before the deadline.

    Raises:
        InvalidInput: Empty, not whole numbers, or outside 0..MAX_TIER_DAYS (one line).
    """
    parts = [p for p in text.replace(";", ",").replace(" ", ",").split(",") if p]
    if not parts:
        raise InvalidInput(f"{what}: give days before the deadline, e.g. 30,14,7,1")
    days: set[int] = set()
    for part in parts:
        if not part.isdigit() or int(part) > MAX_TIER_DAYS:
            raise InvalidInput(
                f"{what}: '{part[:12]}' is not a whole number of days from 0 to {MAX_TIER_DAYS}"
            )
        days.add(int(part))
    return tuple(sorted(days, reverse=True))


@dataclass(frozen=True)
class ReminderTiers:
    """The reminder ladders in force: the shipped ones, or the firm's per rule kind.

    Attributes:
        overrides: Rule kind (:data:`TIER_KINDS`) → days before the deadline.
    """

    overrides: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def for_kind(self, kind: str) -> tuple[int, ...]:
        """The ladder for deadlines of ``kind``, largest first."""
        chosen = self.overrides.get(kind or "manual")
        return tuple(sorted(set(chosen), reverse=True)) if chosen else tiers_for(kind)


def reminded_since(due: date, since: date, today: date, tiers: Sequence[int]) -> int | None:
    """The tier whose reminder day falls after ``since`` and on or before ``today``.

    The daily digest runs on weekdays: on a Monday, ``since`` is the Friday before, so a
    reminder day that fell on the weekend is still delivered.

    Returns:
        The smallest such tier (the latest reminder day in the window), or None.
    """
    hit = [t for t in tiers if since < due - timedelta(days=t) <= today]
    return min(hit) if hit else None


def tiers_for(
    kind: str,
    long_tiers: Sequence[int] = LONG_TIERS,
    short_tiers: Sequence[int] = SHORT_TIERS,
) -> tuple[int, ...]:
    """The reminder ladder for a rule kind.

    Args:
        kind: The rule's kind (``limitation``, ``notice``, ``foi`` ...).
        long_tiers: Ladder for limitation and notice deadlines.
        short_tiers: Ladder for the rest.

    Returns:
        Days-before values, largest first.
    """
    chosen = long_tiers if kind in LONG_KINDS else short_tiers
    return tuple(sorted({int(t) for t in chosen}, reverse=True))


def next_reminder(due: date, today: date, tiers: Sequence[int]) -> date | None:
    """The next reminder day on or after today.

    Args:
        due: The deadline (use the safe target to remind ahead of a closed last day).
        today: Today.
        tiers: Days before ``due`` on which to remind.

    Returns:
        The earliest ``due - tier`` that is not before today, or None when none is left.
    """
    days = [due - timedelta(days=t) for t in tiers if t >= 0]
    upcoming = [d for d in days if d >= today]
    return min(upcoming) if upcoming else None


def current_tier(due: date, today: date, tiers: Sequence[int]) -> int | None:
    """The tier a deadline is in today.

    Args:
        due: The deadline.
        today: Today.
        tiers: Days-before values.

    Returns:
        The smallest tier not below the days left (45 days left with the long ladder: 60), or
        None when the deadline is further away than every tier or has passed.
    """
    left = (due - today).days
    if left < 0:
        return None
    fitting = [t for t in tiers if t >= left]
    return min(fitting) if fitting else None
