"""The Connecticut court calendar and the federal calendar."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.errors import InvalidInput

from .conftest import DATA
from .make_closed_days_golden import closed_weekdays


def test_golden_closed_weekdays_2025_2030():
    golden = json.loads((DATA / "ct_closed_days_2025_2030.json").read_text(encoding="utf-8"))
    assert closed_weekdays() == golden


def test_golden_has_thirteen_closed_days_a_year_in_the_usual_case():
    golden = json.loads((DATA / "ct_closed_days_2025_2030.json").read_text(encoding="utf-8"))
    per_year: dict[int, int] = {}
    for day in golden:
        per_year[int(day[:4])] = per_year.get(int(day[:4]), 0) + 1
    # 2027 carries New Year's Day 2028 (observed 2027-12-31); 2028 loses it.
    assert per_year == {2025: 13, 2026: 13, 2027: 14, 2028: 12, 2029: 13, 2030: 13}


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        ("2026-01-17", "Saturday"),
        ("2026-01-18", "Sunday"),
        ("2025-12-25", "Christmas Day"),
        ("2027-12-24", "Christmas Day (observed)"),
        ("2027-12-31", "New Year's Day (observed)"),
        ("2026-04-03", "Good Friday"),
        ("2026-02-12", "Lincoln's Birthday"),
        ("2028-02-11", "Lincoln's Birthday (observed)"),
        ("2026-06-19", "Juneteenth National Independence Day"),
        ("2027-06-18", "Juneteenth National Independence Day (observed)"),
        ("2026-10-12", "Columbus Day"),
        ("2028-11-10", "Veterans Day (observed)"),
        ("2029-11-12", "Veterans Day (observed)"),
        ("2026-11-26", "Thanksgiving Day"),
        ("2026-07-03", "Independence Day (observed)"),
        ("2026-11-27", None),  # the day after Thanksgiving is NOT a holiday
        ("2026-12-24", None),  # Christmas Eve is not a holiday unless proclaimed
        ("2026-12-31", None),
        ("2026-05-01", None),
    ],
)
def test_closed_reason(court, day, reason):
    d = date.fromisoformat(day)
    assert court.closed_reason(d) == reason
    assert court.is_open(d) is (reason is None)


@pytest.mark.parametrize(
    ("day", "ct_open", "federal_open"),
    [
        ("2026-02-12", False, True),  # Lincoln Day: Connecticut only
        ("2026-04-03", False, True),  # Good Friday: state courts only
        ("2026-01-19", False, False),  # MLK Day
        ("2026-02-16", False, False),  # Washington's Birthday
        ("2026-10-12", False, False),  # Columbus Day
        ("2026-11-27", True, True),  # day after Thanksgiving
    ],
)
def test_federal_differs_from_connecticut(court, federal, day, ct_open, federal_open):
    d = date.fromisoformat(day)
    assert court.is_open(d) is ct_open
    assert federal.is_open(d) is federal_open


def test_navigation(court):
    # Friday 2027-12-31 (New Year's observed) with Christmas observed the Friday before.
    assert court.previous_open(date(2028, 1, 3)) == date(2027, 12, 30)
    assert court.next_open(date(2027, 12, 30)) == date(2028, 1, 3)
    assert court.last_open_on_or_before(date(2027, 12, 31)) == date(2027, 12, 30)
    assert court.last_open_on_or_before(date(2027, 12, 30)) == date(2027, 12, 30)
    assert court.first_open_on_or_after(date(2027, 12, 24)) == date(2027, 12, 27)
    assert court.first_open_on_or_after(date(2027, 12, 27)) == date(2027, 12, 27)
    # strictly before / after even when the day itself is open
    assert court.previous_open(date(2026, 5, 6)) == date(2026, 5, 5)
    assert court.next_open(date(2026, 5, 6)) == date(2026, 5, 7)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2026-11-25", 4, "2026-12-02"),  # over Thanksgiving
        ("2026-11-25", 1, "2026-11-27"),  # the day after Thanksgiving counts
        ("2026-02-07", 4, "2026-02-13"),  # from a Saturday, over Lincoln Day
        ("2026-05-06", 0, "2026-05-06"),
        ("2026-12-02", -4, "2026-11-25"),  # backwards
        ("2027-12-23", 1, "2027-12-27"),
        ("2027-12-30", 1, "2028-01-03"),
    ],
)
def test_add_business_days(court, start, n, expected):
    assert court.add_business_days(date.fromisoformat(start), n) == date.fromisoformat(expected)


def test_closures_add_reasons_and_keep_holiday_names():
    cal = CourtCalendar({date(2026, 3, 17): "Blizzard", date(2026, 12, 25): "Proclamation"})
    assert cal.closed_reason(date(2026, 3, 17)) == "Court closure: Blizzard"
    assert not cal.is_open(date(2026, 3, 17))
    assert cal.closed_reason(date(2026, 12, 25)) == "Christmas Day"
    assert cal.closures == {date(2026, 3, 17): "Blizzard", date(2026, 12, 25): "Proclamation"}
    # the shared holiday cache is not polluted by one calendar's closures
    assert CourtCalendar().is_open(date(2026, 3, 17))


def test_with_closures_returns_a_new_calendar(court):
    more = court.with_closures({date(2026, 3, 17): "Storm"})
    assert isinstance(more, CourtCalendar)
    assert not more.is_open(date(2026, 3, 17))
    assert court.is_open(date(2026, 3, 17))


def test_closure_keys_must_be_dates():
    with pytest.raises(InvalidInput):
        CourtCalendar({"2026-03-17": "Storm"})  # type: ignore[dict-item]


def test_observed_new_year_is_found_from_the_prior_year_alone():
    fresh = CourtCalendar()
    # Asking about 2027 first must already know that 2028's New Year's Day is observed in 2027.
    assert fresh.closed_reason(date(2027, 12, 31)) == "New Year's Day (observed)"


def test_closed_days_lists_weekends_too(court):
    days = dict(court.closed_days(date(2026, 11, 26), date(2026, 11, 30)))
    assert days == {
        date(2026, 11, 26): "Thanksgiving Day",
        date(2026, 11, 28): "Saturday",
        date(2026, 11, 29): "Sunday",
    }


def test_search_gives_up_on_absurd_closures():
    start = date(2026, 1, 1)
    closed = {date.fromordinal(start.toordinal() + i): "typo" for i in range(4000)}
    with pytest.raises(InvalidInput, match="no open day"):
        CourtCalendar(closed).first_open_on_or_after(start)


def test_out_of_range_dates_are_invalid_input():
    with pytest.raises(InvalidInput, match="out of range"):
        CourtCalendar().previous_open(date.min)


def test_federal_calendar_interface(federal):
    assert isinstance(federal, FederalCalendar)
    assert federal.closed_reason(date(2026, 1, 19)) == "Martin Luther King Jr. Day"
    assert federal.next_open(date(2026, 1, 16)) == date(2026, 1, 20)
    assert federal.add_business_days(date(2026, 2, 11), 1) == date(2026, 2, 12)


def test_holidays_is_imported_lazily():
    code = (
        "import sys\n"
        "import casekit.domain.calendar, casekit.domain.deadlines, casekit.domain.screening\n"
        "import casekit.domain.planning, casekit.domain.custody, casekit.domain.reminders\n"
        "assert 'holidays' not in sys.modules, 'holidays imported at module import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
