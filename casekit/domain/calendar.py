"""Which days Connecticut courts (and federal offices) are open.

``CourtCalendar`` closes Saturdays, Sundays, the Connecticut legal holidays of § 1-4 with their
observed days (trust-act.md § 3, ``confirmed``), Good Friday (state courts close: ``secondary``) and
the closures a firm records (storms, proclamations). ``FederalCalendar`` closes Saturdays, Sundays
and the federal holidays of 5 U.S.C. § 6103 (no Lincoln Day, no Good Friday): it counts the 48-hour
detainer rule (8 C.F.R. § 287.7(d)).

Holiday data comes from the ``holidays`` package, imported on first use only (it is slow to
import). Each year's closed days are computed once per process and shared by every calendar, so
``is_open`` is a weekday test and one dict lookup: the deadline engine sits on a hot path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from functools import cache
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from casekit.domain.text import one_line
from casekit.errors import InvalidInput

GOOD_FRIDAY = "Good Friday"
#: Connecticut wall time: weekends and holidays are decided here (the 48-hour rule, custody).
LOCAL_TZ = ZoneInfo("America/New_York")
#: How far the open-day searches look before giving up (a firm closing courts for ten years is a
#: data-entry error, not a calendar).
_MAX_SEARCH_DAYS = 3660
_WEEKEND = ("Saturday", "Sunday")
_ONE_DAY = timedelta(days=1)


@cache
def _ct_holidays(year: int) -> Mapping[date, str]:
    """Connecticut closed weekdays and weekend holidays that fall in ``year``, with names."""
    import holidays  # slow import: only when a calendar is first consulted
    from dateutil.easter import easter

    # An observed day can fall in the neighbouring year (New Year's Day 2028, a Saturday, is
    # observed Friday 2027-12-31), so the years on either side are loaded too.
    source: Any = holidays.country_holidays("US", subdiv="CT", years=(year - 1, year, year + 1))
    out = {d: str(name) for d, name in source.items() if d.year == year}
    # Good Friday is not in § 1-4, but state offices and courts close (trust-act.md § 3,
    # secondary). `holidays` lists it for CT today; add it ourselves so a data change upstream
    # cannot silently reopen the courts.
    out.setdefault(easter(year) - timedelta(days=2), GOOD_FRIDAY)
    return MappingProxyType(out)


@cache
def _federal_holidays(year: int) -> Mapping[date, str]:
    """Federal holidays (5 U.S.C. § 6103) in ``year``, observed days included."""
    import holidays

    source: Any = holidays.country_holidays("US", years=(year - 1, year, year + 1))
    return MappingProxyType({d: str(name) for d, name in source.items() if d.year == year})


class _BusinessCalendar:
    """Weekends plus a holiday source plus recorded closures; see the subclasses."""

    _holidays_for_year = staticmethod(_ct_holidays)

    def __init__(self, closures: Mapping[date, str] | None = None) -> None:
        """Build a calendar.

        Args:
            closures: Extra closed days (storms, proclamations) with their reasons.
        """
        self._closures: dict[date, str] = {}
        for day, reason in (closures or {}).items():
            if not isinstance(day, date):
                raise InvalidInput("a court closure needs a date")
            self._closures[_as_date(day)] = one_line(str(reason)) or "closed"
        # year -> {closed weekday: reason}; holidays first so a closure recorded on a holiday
        # keeps the legal reason.
        self._years: dict[int, dict[date, str]] = {}

    @property
    def closures(self) -> Mapping[date, str]:
        """The firm's recorded closures."""
        return MappingProxyType(self._closures)

    def _closed_in(self, year: int) -> dict[date, str]:
        closed = self._years.get(year)
        if closed is None:
            closed = {
                d: f"Court closure: {reason}"
                for d, reason in self._closures.items()
                if d.year == year
            }
            closed.update(self._holidays_for_year(year))
            self._years[year] = closed
        return closed

    def is_open(self, d: date) -> bool:
        """Whether ``d`` is a business day.

        Args:
            d: The day.

        Returns:
            False on Saturdays, Sundays, holidays (observed days included) and closures.
        """
        if d.weekday() >= 5:
            return False
        return d not in self._closed_in(d.year)

    def closed_reason(self, d: date) -> str | None:
        """Why ``d`` is closed.

        Args:
            d: The day.

        Returns:
            ``"Saturday"``, ``"Sunday"``, a holiday name such as ``"Christmas Day (observed)"``,
            ``"Good Friday"``, ``"Court closure: <reason>"``; or None when the day is open.
        """
        weekday = d.weekday()
        if weekday >= 5:
            return _WEEKEND[weekday - 5]
        return self._closed_in(d.year).get(d)

    def previous_open(self, d: date) -> date:
        """The last open day strictly before ``d``."""
        return self.last_open_on_or_before(shift(d, -1))

    def next_open(self, d: date) -> date:
        """The first open day strictly after ``d``."""
        return self.first_open_on_or_after(shift(d, 1))

    def last_open_on_or_before(self, d: date) -> date:
        """``d`` if open, else the nearest open day before it."""
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_open(d):
                return d
            d = shift(d, -1)
        raise InvalidInput(f"no open day within {_MAX_SEARCH_DAYS} days before {d.isoformat()}")

    def first_open_on_or_after(self, d: date) -> date:
        """``d`` if open, else the nearest open day after it."""
        for _ in range(_MAX_SEARCH_DAYS):
            if self.is_open(d):
                return d
            d = shift(d, 1)
        raise InvalidInput(f"no open day within {_MAX_SEARCH_DAYS} days after {d.isoformat()}")

    def add_business_days(self, d: date, n: int) -> date:
        """Count ``n`` open days from ``d``, not counting ``d`` itself.

        Args:
            d: The start (the trigger day; it need not be open).
            n: How many open days; negative counts backwards, 0 returns ``d``.

        Returns:
            The ``n``-th open day after (or before) ``d``.
        """
        step = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            d = self.next_open(d) if step > 0 else self.previous_open(d)
        return d

    def closed_days(self, start: date, end: date) -> Iterator[tuple[date, str]]:
        """Every closed day from ``start`` to ``end`` inclusive, with its reason.

        Args:
            start: First day.
            end: Last day.

        Yields:
            ``(day, reason)`` pairs in date order, weekends included.
        """
        d = start
        while d <= end:
            reason = self.closed_reason(d)
            if reason is not None:
                yield d, reason
            d += _ONE_DAY

    def with_closures(self, closures: Mapping[date, str]) -> _BusinessCalendar:
        """A new calendar with ``closures`` added to this one's."""
        merged = dict(self._closures)
        merged.update(closures)
        return type(self)(merged)


class CourtCalendar(_BusinessCalendar):
    """Connecticut court days: weekends, § 1-4 holidays (observed), Good Friday, closures."""

    _holidays_for_year = staticmethod(_ct_holidays)


class FederalCalendar(_BusinessCalendar):
    """Federal business days (5 U.S.C. § 6103): used for the 48-hour detainer rule."""

    _holidays_for_year = staticmethod(_federal_holidays)


def _as_date(d: date) -> date:
    # datetime is a subclass of date; a closure is a whole day.
    return date(d.year, d.month, d.day)


def shift(d: date, days: int) -> date:
    """``d`` moved by ``days`` days; a date beyond the calendar's range is bad input."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise InvalidInput("date out of range") from None
