"""Property tests: invariants of the calendar and the deadline engine."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.deadlines import add_months, compute
from casekit.domain.lawpack import default_rules

RULES = default_rules()
DATE_RULES = [r for r in RULES.values() if not r.timed]
NO_ROLL_RULES = [r for r in DATE_RULES if r.roll in ("none", "n/a") and r.unit != "business_days"]
COURT = CourtCalendar()
FEDERAL = FederalCalendar()

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
times = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31))
closures = st.dictionaries(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2064, 12, 31)),
    st.just("Storm"),
    max_size=20,
)
SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(rule=st.sampled_from(DATE_RULES), trigger=dates, closed=closures)
def test_safe_target_is_open_and_not_after_due(rule, trigger, closed):
    calendar = CourtCalendar(closed)
    result = compute(rule, trigger, calendar)
    assert result.safe_target <= result.due
    assert calendar.is_open(result.safe_target)


@SETTINGS
@given(trigger=dates, n=st.integers(min_value=1, max_value=60), closed=closures)
def test_business_day_results_are_open(trigger, n, closed):
    calendar = CourtCalendar(closed)
    result = calendar.add_business_days(trigger, n)
    assert result > trigger and calendar.is_open(result)
    foi = compute(RULES["CT_FOI_RESPONSE"], trigger, calendar)
    assert calendar.is_open(foi.due) and foi.due == foi.safe_target


@SETTINGS
@given(rule=st.sampled_from(NO_ROLL_RULES), trigger=dates, offset=st.integers(-10, 10))
def test_a_closure_never_moves_a_none_due_date(rule, trigger, offset):
    before = compute(rule, trigger, COURT)
    closed = CourtCalendar({before.due + timedelta(days=offset): "Storm"})
    after = compute(rule, trigger, closed)
    assert after.due == before.due
    assert after.safe_target <= before.safe_target


@SETTINGS
@given(rule=st.sampled_from(DATE_RULES), a=dates, b=dates)
def test_due_dates_are_monotonic_in_the_trigger(rule, a, b):
    first, second = sorted((a, b))
    assert compute(rule, first, COURT).due <= compute(rule, second, COURT).due


@SETTINGS
@given(trigger=times)
def test_detainer_hold_is_at_least_48_hours(trigger):
    result = compute(RULES["FED_DETAINER_48H"], trigger, COURT, FEDERAL)
    assert result.due >= trigger + timedelta(hours=48)
    # every hour between trigger and due that was not counted lies on a closed federal day
    counted = timedelta(0)
    t = trigger
    while t < result.due:
        step = min(datetime.combine(t.date() + timedelta(days=1), datetime.min.time()), result.due)
        if FEDERAL.is_open(t.date()):
            counted += step - t
        t = step
    assert counted == timedelta(hours=48)


@SETTINGS
@given(day=dates, months=st.integers(min_value=-60, max_value=480))
def test_add_months_matches_relativedelta(day, months):
    assert add_months(day, months) == day + relativedelta(months=months)


@SETTINGS
@given(day=dates)
def test_navigation_lands_on_open_days(day):
    assert COURT.next_open(day) > day and COURT.is_open(COURT.next_open(day))
    assert COURT.previous_open(day) < day and COURT.is_open(COURT.previous_open(day))
    assert COURT.first_open_on_or_after(day) >= day
    assert COURT.last_open_on_or_before(day) <= day
    for d in (COURT.next_open(day), COURT.previous_open(day)):
        assert COURT.closed_reason(d) is None
