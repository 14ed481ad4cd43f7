"""casekit.domain.fees: tenths, cents, the rate in effect, the lodestar and its totals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.domain import fees
from casekit.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "tenths"),
    [
        ("1.5", 15),
        ("2", 20),
        ("0.1", 1),
        (".3", 3),
        ("24", 240),
        (" 1.0 ", 10),
        ("0:06", 1),  # six minutes: one tenth
        ("0:07", 2),  # a started tenth counts (rounded up)
        ("0:45", 8),
        ("1:30", 15),
        ("2:00", 20),
    ],
)
def test_parse_hours(text: str, tenths: int) -> None:
    assert fees.parse_hours(text) == tenths


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.25", "in tenths"),
        ("", "in tenths"),
        ("abc", "in tenths"),
        ("-1", "in tenths"),
        ("0", "at least 0.1"),
        ("0:00", "at least 0.1"),
        ("24.1", "at most 24.0"),
        ("1,5", "in tenths"),
        ("1:75", "in tenths"),
    ],
)
def test_parse_hours_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        fees.parse_hours(text)


@pytest.mark.parametrize(
    ("tenths", "text"), [(15, "1.5"), (0, "0.0"), (3, "0.3"), (-3, "-0.3"), (240, "24.0")]
)
def test_tenths_text(tenths: int, text: str) -> None:
    assert fees.tenths_text(tenths) == text


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("405", 40500),
        ("405.5", 40550),
        ("$1,234.56", 123456),
        ("0.01", 1),
        (".5", 50),
        ("1,000,000", 100_000_000),
    ],
)
def test_parse_money(text: str, cents: int) -> None:
    assert fees.parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "-5", "1.234", "12,34", "abc", "$", "1e5", "200000000"])
def test_parse_money_refuses(text: str) -> None:
    with pytest.raises(InvalidInput):
        fees.parse_money(text)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(123450, "$1,234.50"), (5, "$0.05"), (-300, "-$3.00"), (0, "$0.00"), (None, "")],
)
def test_money_text(cents: int | None, text: str) -> None:
    assert fees.money_text(cents) == text


@pytest.mark.parametrize(
    ("tenths", "rate", "cents"),
    [
        (15, 35000, 52500),  # 1.5 h at $350
        (1, 33333, 3333),  # 0.1 h at $333.33 = $33.333
        (5, 33333, 16667),  # 0.5 h at $333.33 = $166.665: half rounds up
        (12, 33333, 40000),  # $399.996
        (-5, 33333, -16667),  # a reversal cancels its original to the cent
        (3, 1, 0),  # 0.3 h at 1 cent an hour: 0.03 cents
        (5, 1, 1),  # 0.05 cents rounds half up
    ],
)
def test_entry_value(tenths: int, rate: int, cents: int) -> None:
    assert fees.entry_value(tenths, rate) == cents


@pytest.mark.parametrize(
    ("seconds", "tenths"),
    [(0, 1), (1, 1), (360, 1), (361, 2), (3600, 10), (4980, 14), (5400, 15), (86400, 240)],
)
def test_elapsed_tenths_rounds_up_to_six_minutes(seconds: float, tenths: int) -> None:
    assert fees.elapsed_tenths(seconds) == tenths


def test_elapsed_refuses_a_clock_that_ran_backwards() -> None:
    with pytest.raises(InvalidInput, match="clock"):
        fees.elapsed_tenths(-1)


RATES = [
    fees.RateFact(1, date(2025, 1, 1), 30000, "affidavit"),
    fees.RateFact(1, date(2026, 1, 1), 34000, "survey"),
    fees.RateFact(2, date(2025, 6, 1), 12500, "affidavit"),
]


@pytest.mark.parametrize(
    ("timekeeper", "day", "cents"),
    [
        (1, date(2025, 1, 1), 30000),  # the first day of a rate
        (1, date(2025, 12, 31), 30000),
        (1, date(2026, 1, 1), 34000),  # the day the new rate starts
        (1, date(2030, 1, 1), 34000),
        (2, date(2025, 6, 1), 12500),
        (2, date(2025, 5, 31), None),  # before any rate
        (1, date(2024, 12, 31), None),
        (3, date(2026, 1, 1), None),  # someone else's rates never apply
    ],
)
def test_rate_on(timekeeper: int, day: date, cents: int | None) -> None:
    rate = fees.rate_on(RATES, timekeeper, day)
    assert (rate.cents_per_hour if rate else None) == cents


def _entry(n: int, day: date, tenths: int, **extra: object) -> fees.TimeFact:
    values: dict[str, object] = {
        "timekeeper_id": 1,
        "timekeeper": "Ana",
        "role": "attorney",
        "category": "pleadings",
    }
    values.update(extra)
    return fees.TimeFact(id=n, worked_on=day, tenths=tenths, **values)  # type: ignore[arg-type]


def test_summary_by_timekeeper_category_exclusions_and_costs() -> None:
    entries = [
        _entry(1, date(2025, 12, 31), 10),  # $300
        _entry(2, date(2026, 1, 2), 15, category="motions"),  # $510
        _entry(3, date(2026, 1, 3), 5, billable=False),  # excluded: $170
        _entry(4, date(2026, 1, 4), 2, unrelated=True),  # excluded: $68
        _entry(5, date(2026, 2, 1), 10, timekeeper_id=2, timekeeper="Bo", role="paralegal"),
        _entry(6, date(2026, 3, 1), 10),  # after --through
    ]
    costs = [
        fees.CostFact(1, date(2026, 1, 5), "filing_fee", "Entry fee", 36000),
        fees.CostFact(2, date(2026, 1, 6), "other", "Parking", 1500, billable=False),
        fees.CostFact(3, date(2026, 1, 7), "marshal_fee", "Service", 8740),
    ]
    s = fees.summarize(entries, RATES, costs, through=date(2026, 2, 28))
    assert [line.entry.id for line in s.lines] == [1, 2, 5]
    assert [line.entry.id for line in s.excluded] == [3, 4]
    assert [(t.name, t.tenths, t.value_cents, t.rates, t.excluded_tenths)
            for t in s.by_timekeeper] == [
        ("Ana", 25, 30000 + 51000, (30000, 34000), 7),
        ("Bo", 10, 12500, (12500,), 0),
    ]  # fmt: skip
    assert [(c.category, c.tenths, c.value_cents) for c in s.by_category] == [
        ("pleadings", 20, 42500),
        ("motions", 15, 51000),
    ]
    assert (s.hours_tenths, s.lodestar_cents) == (35, 93500)
    assert (s.excluded_tenths, s.excluded_value_cents) == (7, 17000 + 6800)
    assert s.costs_cents == 36000 + 8740
    assert [c.kind for c in s.cost_totals] == ["filing_fee", "marshal_fee"]
    assert [c.id for c in s.costs_excluded] == [2]
    assert s.total_cents == 93500 + 44740
    assert s.missing_rates == ()
    assert ("Ana", "survey") in s.rate_sources


def test_an_entry_without_a_rate_is_flagged_not_guessed() -> None:
    s = fees.summarize([_entry(1, date(2024, 6, 1), 10)], RATES, through=date(2026, 1, 1))
    assert [line.entry.id for line in s.missing_rates] == [1]
    assert s.lodestar_cents == 0


def test_fixed_rates_reproduce_an_issued_petition() -> None:
    s = fees.summarize(
        [_entry(1, date(2026, 1, 2), 10)], RATES, through=date(2026, 2, 1), fixed_rates={1: 20000}
    )
    assert s.lodestar_cents == 20000


def test_since_after_through_is_refused() -> None:
    with pytest.raises(InvalidInput):
        fees.summarize([], RATES, through=date(2026, 1, 1), since=date(2026, 2, 1))


def test_check_choice_folds_and_refuses() -> None:
    assert fees.check_choice("Fee-Petition", fees.TASK_CATEGORIES, "task") == "fee_petition"
    with pytest.raises(InvalidInput, match="known: investigation"):
        fees.check_choice("lunch", fees.TASK_CATEGORIES, "task category")


ENTRY = st.builds(
    lambda n, days, tenths, who, billable, unrelated: _entry(
        n,
        date.fromordinal(date(2025, 1, 1).toordinal() + days),
        tenths,
        timekeeper_id=who,
        timekeeper=f"T{who}",
        billable=billable,
        unrelated=unrelated,
    ),
    st.integers(1, 10_000),
    st.integers(0, 700),
    st.integers(1, 240),
    st.sampled_from([1, 2]),
    st.booleans(),
    st.booleans(),
)


@given(st.lists(ENTRY, max_size=40, unique_by=lambda e: e.id))
def test_totals_are_the_sums_of_their_lines(entries: list[fees.TimeFact]) -> None:
    s = fees.summarize(entries, RATES, through=date(2027, 1, 1))
    assert s.lodestar_cents == sum(line.value_cents or 0 for line in s.lines)
    assert s.lodestar_cents == sum(t.value_cents for t in s.by_timekeeper)
    assert s.lodestar_cents == sum(c.value_cents for c in s.by_category)
    assert s.hours_tenths == sum(t.tenths for t in s.by_timekeeper)
    assert s.excluded_tenths == sum(t.excluded_tenths for t in s.by_timekeeper)
    assert len(s.lines) + len(s.excluded) == len(entries)


@given(st.integers(1, 240), st.integers(1, 1_000_000))
def test_a_reversal_cancels_its_original(tenths: int, rate: int) -> None:
    assert fees.entry_value(tenths, rate) + fees.entry_value(-tenths, rate) == 0
    exact = tenths * rate / 10
    assert abs(fees.entry_value(tenths, rate) - exact) <= 0.5
