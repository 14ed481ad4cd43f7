"""When to remind the attorney of a deadline.

Limitation and notice deadlines are the ones that end a case when missed, so they get a long
ladder of reminders (180, 90, 60, 30, 14, 7 and 1 days before); every other deadline gets 14, 7
and 1. Both ladders are parameters: a firm can use its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

#: Days before the due date for limitation and notice deadlines.
LONG_TIERS: tuple[int, ...] = (180, 90, 60, 30, 14, 7, 1)
#: Days before the due date for every other deadline.
SHORT_TIERS: tuple[int, ...] = (14, 7, 1)
#: Rule kinds that get the long ladder.
LONG_KINDS = frozenset({"limitation", "notice"})


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
