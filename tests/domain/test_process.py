"""The § 52-48 / 52-46 / 52-46a chain as one domain function (casekit.domain.process)."""

from __future__ import annotations

from datetime import date

from casekit.domain.calendar import CourtCalendar
from casekit.domain.lawpack import default_pack
from casekit.domain.process import process_chain

RULES = default_pack().rules
COURT = CourtCalendar()


def test_the_latest_return_date_and_the_dates_counted_back_from_it():
    chain = process_chain(date(2026, 3, 10), RULES, COURT)
    # acceptance row: latest Tuesday not later than two months after process
    assert chain.return_date == date(2026, 5, 5)
    assert chain.serve_by.due == date(2026, 4, 23)  # 12 days before (count unverified)
    assert chain.return_to_court_by.due == date(2026, 4, 28)  # 7 days before (Long Shore)
    assert not chain.chosen and not chain.problems
    assert chain.confidence == "unverified"  # the § 52-46 count is unverified
    assert chain.citations == ("§ 52-48", "§ 52-46", "§ 52-46a")


def test_a_closed_latest_tuesday_is_not_moved_but_the_safe_one_is_used():
    chain = process_chain(date(2028, 5, 4), RULES, COURT)
    assert chain.latest_return.due == date(2028, 7, 4)  # Independence Day
    assert chain.return_date == date(2028, 6, 27)
    assert chain.confidence == "unknown"


def test_a_chosen_return_date_is_kept_and_its_problems_listed():
    chain = process_chain(date(2026, 3, 10), RULES, COURT, return_date=date(2026, 5, 6))
    assert chain.chosen and chain.return_date == date(2026, 5, 6)
    assert any("not a Tuesday" in p for p in chain.problems)
    assert any("later than § 52-48 allows" in p for p in chain.problems)
    late_ok = process_chain(date(2026, 3, 10), RULES, COURT, return_date=date(2026, 4, 28))
    assert late_ok.problems == ()
    assert late_ok.serve_by.due == date(2026, 4, 16)
