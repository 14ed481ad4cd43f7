"""Timekeepers, rates, time entries and the timer, through the services (both databases)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from casekit.errors import ConflictError, InvalidInput, NotFound
from tests.services.conftest import count_rows
from tests.services.fees.conftest import ANA, BEN, LAN, Office


def _add(office: Office, **values: Any) -> Any:
    from casekit.services import fees

    defaults: dict[str, Any] = {
        "timekeeper": ANA,
        "hours": "1.0",
        "category": "pleadings",
        "description": "Draft the complaint",
        "worked_on": date(2026, 6, 1),
    }
    defaults.update(values)
    return fees.add_time_entry(office.svc, office.matter, **defaults)


def test_timekeepers_are_attorneys_paralegals_and_clerks(office: Office) -> None:
    from casekit.services import fees

    clerk = fees.add_timekeeper(office.svc, name="Sam Lee", role="law-clerk")
    assert clerk.role == "law_clerk"
    listed = fees.list_timekeepers(office.svc)
    assert [(t.name, t.role) for t in listed] == [
        (ANA, "attorney"), (BEN, "attorney"), (LAN, "paralegal"), ("Sam Lee", "law_clerk"),
    ]  # fmt: skip
    with pytest.raises(InvalidInput, match="already exists"):
        fees.add_timekeeper(office.svc, name="nguyen thi lan", role="paralegal")
    with pytest.raises(InvalidInput, match="juris number"):
        fees.add_timekeeper(office.svc, name="New Lawyer", role="attorney")
    with pytest.raises(InvalidInput, match="unknown timekeeper role"):
        fees.add_timekeeper(office.svc, name="Pat", role="intern")


def test_rates_need_a_source_and_one_start_per_day(office: Office) -> None:
    from casekit.services import fees

    with pytest.raises(InvalidInput, match="where the rate comes from"):
        fees.add_rate(office.svc, ANA, cents_per_hour=1000, effective_from=date(2027, 1, 1),
                      source="  ")  # fmt: skip
    with pytest.raises(InvalidInput, match="already has a rate from 2026-01-01"):
        fees.add_rate(office.svc, ANA, cents_per_hour=1000, effective_from=date(2026, 1, 1),
                      source="x")  # fmt: skip
    with pytest.raises(InvalidInput, match="did you mean"):
        fees.add_rate(office.svc, "Ana Whitfeld", cents_per_hour=1000,
                      effective_from=date(2027, 1, 1), source="x")  # fmt: skip
    rates = fees.list_rates(office.svc, LAN)
    assert [(r.effective_from, r.rate) for r in rates] == [
        (date(2025, 1, 1), "$110.00"), (date(2026, 1, 1), "$125.00"),
    ]  # fmt: skip
    removed = fees.remove_rate(office.svc, rates[1].id)
    assert removed.cents_per_hour == 12500
    assert len(fees.list_rates(office.svc, LAN)) == 1


def test_an_entry_is_valued_at_the_rate_on_its_date(office: Office) -> None:
    before = _add(office, worked_on=date(2025, 12, 31))
    after = _add(office, worked_on=date(2026, 1, 1))
    assert (before.rate_cents, before.value_cents) == (30000, 30000)
    assert (after.rate_cents, after.value_cents) == (34000, 34000)
    nothing = _add(office, worked_on=date(2024, 12, 31))
    assert nothing.rate_cents is None and nothing.value_cents is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"hours": "1.25"}, "in tenths"),
        ({"hours": "25"}, "at most 24.0"),
        ({"category": "lunch"}, "unknown task category"),
        ({"description": "   "}, "description is empty"),
        ({"worked_on": date(2027, 3, 16)}, "after today"),
        ({"claim": "claims_commissioner"}, "does not plead claims_commissioner"),
        ({"claim": "tort"}, "unknown claim"),
        ({"timekeeper": "Nobody"}, "unknown timekeeper"),
    ],
)
def test_bad_entries_are_refused_and_nothing_is_written(
    office: Office, values: dict[str, Any], message: str
) -> None:
    from casekit.store.models import TimeEntry

    before = count_rows(office.svc, TimeEntry)
    with pytest.raises(InvalidInput, match=message):
        _add(office, **values)
    assert count_rows(office.svc, TimeEntry) == before


def test_edit_and_remove_an_unlocked_entry(office: Office) -> None:
    from casekit.services import fees

    entry = _add(office)
    edited = fees.edit_time_entry(
        office.svc, entry.id, version=entry.version, hours="0:45", claim="section_1983",
        billable=False, timekeeper=LAN, description="Call the clerk",
    )  # fmt: skip
    assert (edited.tenths, edited.claim, edited.billable, edited.timekeeper) == (
        8,
        "section_1983",
        False,
        LAN,
    )
    with pytest.raises(ConflictError):
        fees.edit_time_entry(office.svc, entry.id, version=entry.version, hours="1.0")
    fees.remove_time_entry(office.svc, entry.id, version=edited.version)
    with pytest.raises(NotFound):
        fees.remove_time_entry(office.svc, entry.id)
    with pytest.raises(InvalidInput, match="in no fee petition: edit it instead"):
        fees.correct_time_entry(office.svc, _add(office).id, hours="2", reason="x")


def test_list_filters_by_period(office: Office) -> None:
    from casekit.services import fees

    for day in (date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)):
        _add(office, worked_on=day)
    listed = fees.list_time_entries(
        office.svc, office.matter, since=date(2026, 2, 1), through=date(2026, 2, 28)
    )
    assert [e.worked_on for e in listed] == [date(2026, 2, 5)]
    with pytest.raises(NotFound):
        fees.list_time_entries(office.svc, "TA-1999-0001")


class Clock:
    """An injectable clock: the test moves it, nothing sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_timer_start_stop_records_one_entry_rounded_up(office: Office) -> None:
    from casekit.services import fees
    from casekit.store.models import TimeEntry, Timer

    clock = Clock(datetime(2027, 3, 15, 14, 0, tzinfo=UTC))  # 10:00 in Connecticut
    office.svc.clock = clock
    timer = fees.start_timer(office.svc, office.matter, timekeeper=BEN)
    assert timer.started_at == clock.now and timer.started_by == "tester"
    with pytest.raises(InvalidInput, match="already running"):
        fees.start_timer(office.svc, office.matter, timekeeper=BEN)
    clock.now += timedelta(minutes=83)  # 1 h 23 min → 1.4 h (rounded up to six minutes)
    assert [t.tenths(clock.now) for t in fees.running_timers(office.svc)] == [14]
    entry = fees.stop_timer(
        office.svc, timer.id, category="motions", description="Draft opposition"
    )
    assert (entry.tenths, entry.worked_on, entry.source, entry.timekeeper) == (
        14,
        date(2027, 3, 15),
        "timer",
        BEN,
    )
    assert count_rows(office.svc, Timer, TimeEntry) == {"Timer": 0, "TimeEntry": 1}
    with pytest.raises(NotFound, match="stopped already"):
        fees.stop_timer(office.svc, timer.id, category="motions", description="again")


def test_a_timer_dates_its_entry_in_connecticut_time(office: Office) -> None:
    from casekit.services import fees

    clock = Clock(datetime(2027, 3, 15, 3, 30, tzinfo=UTC))  # 23:30 on the 14th in Hartford
    office.svc.clock = clock
    timer = fees.start_timer(office.svc, office.matter, timekeeper=ANA)
    clock.now += timedelta(minutes=10)
    entry = fees.stop_timer(office.svc, timer.id, category="trial", description="Exhibits")
    assert (entry.worked_on, entry.tenths) == (date(2027, 3, 14), 2)


def test_a_forgotten_timer_asks_for_the_hours(office: Office) -> None:
    from casekit.services import fees

    clock = Clock(datetime(2027, 3, 14, 14, 0, tzinfo=UTC))
    office.svc.clock = clock
    timer = fees.start_timer(office.svc, office.matter, timekeeper=ANA)
    clock.now += timedelta(hours=30)
    with pytest.raises(InvalidInput, match="more than 24 hours"):
        fees.stop_timer(office.svc, timer.id, category="trial", description="x")
    entry = fees.stop_timer(
        office.svc, timer.id, category="trial", description="Trial day", hours="7.5"
    )
    assert entry.tenths == 75


def test_discard_and_everyone(office: Office) -> None:
    from casekit.services import fees

    mine = fees.start_timer(office.svc, office.matter, timekeeper=ANA)
    office.svc.settings = type(office.svc.settings)(
        home=office.svc.settings.home, database_url=office.svc.settings.database_url, actor="bo"
    )
    theirs = fees.start_timer(office.svc, office.matter, timekeeper=LAN)
    assert [t.id for t in fees.running_timers(office.svc)] == [theirs.id]
    assert {t.id for t in fees.running_timers(office.svc, everyone=True)} == {mine.id, theirs.id}
    fees.discard_timer(office.svc, theirs.id)
    assert [t.id for t in fees.running_timers(office.svc, everyone=True)] == [mine.id]
