"""The deadline engine, table-driven: holidays, month ends, leap days, return dates, 48 hours."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import add_months, compute, compute_by_id, iso, parse_trigger
from casekit.errors import InvalidInput, NotFound

# rule, trigger, due, safe target, why
DATE_ROWS = [
    ("CT_FOI_APPEAL", "2026-05-20", "2026-06-19", "2026-06-18", "Juneteenth (Friday)"),
    ("CT_FOI_APPEAL", "2026-09-12", "2026-10-12", "2026-10-09", "Columbus Day"),
    ("CT_7465_NOTICE", "2028-05-10", "2028-11-10", "2028-11-09", "Veterans Day on a Saturday"),
    ("CT_FOI_APPEAL", "2029-10-13", "2029-11-12", "2029-11-09", "Veterans Day on a Sunday"),
    ("CT_TORT_SOL", "2024-12-24", "2027-12-24", "2027-12-23", "Christmas observed Friday"),
    ("CT_52571K_SOL", "2026-12-31", "2027-12-31", "2027-12-30", "New Year's 2028 observed 2027"),
    ("CT_FOI_APPEAL", "2026-03-04", "2026-04-03", "2026-04-02", "Good Friday"),
    ("CT_7465_NOTICE", "2026-08-31", "2027-02-28", "2027-02-26", "Aug 31 clamps to Feb 28, Sun"),
    ("CT_7465_NOTICE", "2027-08-31", "2028-02-29", "2028-02-29", "clamps to leap Feb 29"),
    ("CT_7465_NOTICE", "2026-03-31", "2026-09-30", "2026-09-30", "Mar 31 + 6 months"),
    ("CT_7465_NOTICE", "2025-12-31", "2026-06-30", "2026-06-30", "Dec 31 + 6 months"),
    ("CT_CLAIMS_COMMISSIONER", "2027-03-31", "2028-03-31", "2028-03-31", "month end, a year"),
    ("CT_CLAIMS_COMMISSIONER", "2025-11-03", "2026-11-03", "2026-11-03", "a Tuesday"),
    ("CT_52571K_SOL", "2028-02-29", "2029-02-28", "2029-02-28", "leap day + 1 year"),
    ("CT_TORT_SOL", "2027-02-28", "2030-02-28", "2030-02-28", "not a leap day"),
    ("FED_1983_SOL", "2024-02-29", "2027-02-28", "2027-02-26", "leap day + 3 years, Sunday"),
    ("FED_1983_SOL", "2025-11-05", "2028-11-05", "2028-11-03", "Sunday"),
    ("CT_4160_SUIT", "2026-07-04", "2027-07-04", "2027-07-02", "July 4 Sunday, observed Monday"),
    ("CT_SAVINGS_REFILE", "2026-03-15", "2027-03-15", "2027-03-15", "a Monday"),
    ("CT_MARSHAL_SERVICE", "2026-11-13", "2026-12-13", "2026-12-11", "30 days to a Sunday"),
    ("TRUST_ACT_SOL", "2025-11-03", "2028-11-03", "2028-11-03", "3 years by analogy"),
    ("CT_NEGLIGENCE_SOL", "2025-11-03", "2027-11-03", "2027-11-03", "2 years"),
    # business days
    ("CT_FOI_RESPONSE", "2025-11-26", "2025-12-03", "2025-12-03", "across Thanksgiving 2025"),
    ("CT_FOI_RESPONSE", "2026-11-24", "2026-12-01", "2026-12-01", "Thanksgiving mid-count"),
    ("CT_FOI_RESPONSE", "2026-01-16", "2026-01-23", "2026-01-23", "over MLK Day"),
    ("CT_FOI_RESPONSE", "2026-12-23", "2026-12-30", "2026-12-30", "over Christmas"),
    ("CT_FOI_RESPONSE", "2026-02-07", "2026-02-13", "2026-02-13", "from a Saturday, Lincoln"),
    ("CT_FOI_RESPONSE", "2026-04-01", "2026-04-08", "2026-04-08", "over Good Friday"),
    # return dates: § 52-48 (latest Tuesday), months with 4 and 5 Tuesdays
    ("CT_RETURN_DATE_MAX", "2026-01-31", "2026-03-31", "2026-03-31", "March 2026: 5 Tuesdays"),
    ("CT_RETURN_DATE_MAX", "2026-02-01", "2026-03-31", "2026-03-31", "limit is Wed Apr 1"),
    ("CT_RETURN_DATE_MAX", "2025-12-30", "2026-02-24", "2026-02-24", "Feb 2026: 4 Tuesdays"),
    ("CT_RETURN_DATE_MAX", "2025-12-31", "2026-02-24", "2026-02-24", "limit clamps to Feb 28"),
    ("CT_RETURN_DATE_MAX", "2026-03-03", "2026-04-28", "2026-04-28", "limit is Sun May 3"),
    ("CT_RETURN_DATE_MAX", "2028-05-04", "2028-07-04", "2028-06-27", "Tuesday is July 4"),
    ("CT_RETURN_DATE_MAX", "2025-09-11", "2025-11-11", "2025-11-04", "Tuesday is Veterans Day"),
    ("CT_RETURN_DATE_MAX", "2029-10-25", "2029-12-25", "2029-12-18", "Tuesday is Christmas"),
    ("CT_RETURN_TO_COURT", "2026-06-23", "2026-06-16", "2026-06-16", "Long Shore pattern"),
    ("CT_RETURN_TO_COURT", "2025-11-18", "2025-11-11", "2025-11-10", "lands on Veterans Day"),
    ("CT_SERVICE_BEFORE_RETURN", "2026-05-05", "2026-04-23", "2026-04-23", "12 days"),
    ("CT_SERVICE_BEFORE_RETURN", "2027-01-05", "2026-12-24", "2026-12-24", "Christmas Eve open"),
    ("CT_SERVICE_BEFORE_RETURN", "2026-01-06", "2025-12-25", "2025-12-24", "lands on Christmas"),
]


@pytest.mark.parametrize(
    ("rule_id", "trigger", "due", "safe", "why"), DATE_ROWS, ids=[r[4] for r in DATE_ROWS]
)
def test_date_rules(rules, court, rule_id, trigger, due, safe, why):
    result = compute_by_id(rules, rule_id, date.fromisoformat(trigger), court)
    assert (result.due.isoformat(), result.safe_target.isoformat()) == (due, safe), why
    assert result.safe_target <= result.due
    assert court.is_open(result.safe_target)


# trigger, end of hold (both local wall time)
HOUR_ROWS = [
    ("2026-01-16T17:00", "2026-01-21T17:00", "acceptance: Fri to Wed over MLK"),
    ("2026-01-15T17:00", "2026-01-20T17:00", "Thu, weekend and MLK skipped"),
    ("2026-02-11T09:00", "2026-02-13T09:00", "Lincoln Day is NOT a federal holiday"),
    ("2026-04-02T10:00", "2026-04-06T10:00", "Good Friday is NOT a federal holiday"),
    ("2025-11-26T12:00", "2025-12-01T12:00", "Thanksgiving skipped, the day after counts"),
    ("2026-01-10T15:00", "2026-01-14T00:00", "starts on a Saturday: clock runs from Monday"),
    ("2026-03-02T00:00", "2026-03-04T00:00", "midnight to midnight"),
    ("2026-12-23T20:00", "2026-12-28T20:00", "over Christmas"),
    ("2026-06-18T08:00", "2026-06-23T08:00", "Juneteenth on a Friday"),
    ("2026-10-09T12:00", "2026-10-14T12:00", "Columbus Day"),
    ("2026-11-10T18:30", "2026-11-13T18:30", "Veterans Day Wednesday, half hours"),
]


@pytest.mark.parametrize(("trigger", "end", "why"), HOUR_ROWS, ids=[r[2] for r in HOUR_ROWS])
def test_detainer_48_hours(rules, court, federal, trigger, end, why):
    rule = rules.get("FED_DETAINER_48H")
    result = compute(rule, parse_trigger(rule, trigger), court, federal)
    assert iso(result.due) == end, why
    assert result.safe_target == result.due
    assert result.to_dict()["trigger"] == trigger


def test_detainer_default_federal_calendar(rules, court):
    result = compute_by_id(rules, "FED_DETAINER_48H", datetime(2026, 1, 16, 17, 0), court)
    assert result.due == datetime(2026, 1, 21, 17, 0)


def test_detainer_aware_trigger_counts_in_connecticut_time(rules, court):
    # 2026-01-16 22:00 UTC is 17:00 in Connecticut (EST).
    utc = datetime(2026, 1, 16, 22, 0, tzinfo=UTC)
    result = compute_by_id(rules, "FED_DETAINER_48H", utc, court)
    assert result.due == datetime(2026, 1, 21, 17, 0, tzinfo=ZoneInfo("America/New_York"))


def test_detainer_across_daylight_saving(rules, court):
    # Spring forward on Sunday 2026-03-08: Sundays are never counted, so wall hours hold.
    result = compute_by_id(rules, "FED_DETAINER_48H", datetime(2026, 3, 6, 12, 0), court)
    assert result.due == datetime(2026, 3, 10, 12, 0)


def test_detainer_needs_a_time(rules, court):
    with pytest.raises(InvalidInput, match="date and time"):
        compute_by_id(rules, "FED_DETAINER_48H", date(2026, 1, 16), court)


def test_datetime_trigger_for_a_date_rule_uses_its_date(rules, court):
    result = compute_by_id(rules, "CT_TORT_SOL", datetime(2025, 11, 3, 23, 59), court)
    assert result.trigger == date(2025, 11, 3) and result.due == date(2028, 11, 3)
    assert result.to_dict()["trigger"] == "2025-11-03"


def test_trail_explains_every_step(rules, court):
    result = compute_by_id(rules, "CT_7465_NOTICE", date(2025, 11, 3), court)
    text = "\n".join(result.trail)
    assert "2025-11-03" in result.trail[0] and "not counted" in result.trail[0]
    assert "+ 6 months = 2026-05-03 (Sun)" in text
    assert "2026-05-02 Saturday" in text and "2026-05-03 Sunday" in text
    assert "does not move" in text
    assert "Safe target: 2026-05-01 (Fri)" in text
    assert "§ 7-465(a) (confirmed)" in text
    assert "Verify" not in text
    assert result.marshal_option is None  # a notice, not a limitation period


def test_trail_lists_skipped_business_days(rules, court):
    result = compute_by_id(rules, "CT_FOI_RESPONSE", date(2026, 11, 25), court)
    text = "\n".join(result.trail)
    assert "2026-11-26 Thanksgiving Day" in text
    assert "2026-11-27" not in text.split("not counted")[1].split(".")[0]


def test_good_friday_is_marked_secondary_in_the_trail(rules, court):
    result = compute_by_id(rules, "CT_FOI_APPEAL", date(2026, 3, 4), court)
    assert any(
        "Good Friday: state courts close (a state holiday by the Governor's annual proclamation"
        in step
        and "; secondary" in step
        for step in result.trail
    )


def test_rolling_forward_over_good_friday_is_only_as_sure_as_the_closure(court):
    """A filing rolled past Good Friday relies on the courts being closed that day (secondary);
    a limitation period that does not roll only moves its safe target earlier (no doubt)."""
    from casekit.domain.rules import Rule

    filing = Rule(
        id="FIRM_FILING",
        title="file",
        trigger="t",
        trigger_event="incident",
        period=30,
        unit="days",
        roll="next_business_day",
        citation="firm practice",
        confidence="confirmed",
        kind="filing",
    )
    rolled = compute(filing, date(2026, 3, 4), court)  # day 30 is Good Friday 2026-04-03
    assert rolled.due == date(2026, 4, 6) and rolled.confidence == "secondary"
    assert any("Small v. South Norwalk Savings Bank" in step for step in rolled.trail)


def test_unknown_confidence_gets_a_verify_step(rules, court):
    result = compute_by_id(rules, "TRUST_ACT_SOL", date(2025, 11, 3), court)
    assert result.verify
    assert result.confidence == "unknown"
    assert any(
        step.startswith("Verify: this deadline's confidence is 'unknown'") for step in result.trail
    )
    assert result.to_dict()["verify"] is True


def test_secondary_rule_is_verify(rules, court):
    result = compute_by_id(rules, "CT_52571K_SOL", date(2025, 11, 3), court)
    assert result.verify and result.confidence == "secondary"


def test_1983_is_unverified_because_its_accrual_is(rules, court):
    result = compute_by_id(rules, "FED_1983_SOL", date(2025, 11, 3), court)
    assert result.confidence == "unverified" and result.verify
    assert any("period confirmed, accrual unverified" in step for step in result.trail)
    assert [r.id for r in result.readings] == ["incident", "release"]


def test_service_count_is_unverified_and_both_counts_are_shown(rules, court):
    result = compute_by_id(rules, "CT_SERVICE_BEFORE_RETURN", date(2026, 5, 5), court)
    assert result.confidence == "unverified"
    assert result.due == date(2026, 4, 23)  # - 12 days, the earlier reading
    assert any("counting unverified" in step for step in result.trail)
    assert any("return date - 11 days" in step for step in result.trail)


def test_return_to_court_shows_nowell_and_acts_on_seven_days(rules, court):
    result = compute_by_id(rules, "CT_RETURN_TO_COURT", date(2026, 5, 5), court)
    assert result.due == date(2026, 4, 28) and result.confidence == "confirmed"
    assert any("Nowell v. Nowell, 24 Conn. Supp. 314 (1963)" in s for s in result.trail)
    assert {r.id: r.due for r in result.readings} == {
        "seven": date(2026, 4, 28),
        "six": date(2026, 4, 29),
    }


def test_foi_appeal_counts_calendar_days_and_says_how_sure(rules, court):
    result = compute_by_id(rules, "CT_FOI_APPEAL", date(2026, 6, 1), court)
    assert result.due == date(2026, 7, 1) and result.confidence == "secondary"
    business = next(r for r in result.readings if r.id == "business")
    assert business.due is not None and business.due > result.due


def test_a_month_end_clamp_is_unverified(rules, court):
    clamped = compute_by_id(rules, "CT_7465_NOTICE", date(2026, 8, 31), court)
    assert clamped.confidence == "unverified"
    assert any(s.startswith("Verify: that month has no day 31") for s in clamped.trail)
    plain = compute_by_id(rules, "CT_7465_NOTICE", date(2026, 8, 28), court)
    assert plain.confidence == "confirmed"


def test_roll_none_cites_hanson(rules, court):
    result = compute_by_id(rules, "CT_7465_NOTICE", date(2025, 11, 3), court)
    assert any("Hanson v. Dept. of Income Maintenance, 10 Conn. App. 14" in s for s in result.trail)


def test_return_date_on_a_holiday_is_flagged_not_moved(rules, court):
    result = compute_by_id(rules, "CT_RETURN_DATE_MAX", date(2028, 5, 4), court)
    assert result.due == date(2028, 7, 4)
    assert any(
        step.startswith("Verify: 2028-07-04 (Tue) is closed (Independence Day)")
        for step in result.trail
    )


def test_return_to_court_from_a_non_tuesday_is_flagged(rules, court):
    result = compute_by_id(rules, "CT_RETURN_TO_COURT", date(2026, 5, 6), court)
    assert any("is not a Tuesday" in step for step in result.trail)


@pytest.mark.parametrize(
    "rule_id",
    [
        "CT_TORT_SOL",
        "CT_NEGLIGENCE_SOL",
        "FED_1983_SOL",
        "CT_7465_SUIT",
        "CT_52571K_SOL",
        "CT_4160_SUIT",
        "TRUST_ACT_SOL",
        "CT_SAVINGS_REFILE",
    ],
)
def test_every_limitation_rule_offers_the_marshal_option(rules, court, rule_id):
    result = compute_by_id(rules, rule_id, date(2025, 11, 3), court)
    due = result.due.isoformat()
    assert result.marshal_option is not None
    assert f"delivered to a marshal by {due}" in result.marshal_option
    assert "§ 52-593a" in result.marshal_option


def test_marshal_option_dates(rules, court):
    result = compute_by_id(rules, "CT_TORT_SOL", date(2025, 11, 3), court)
    assert result.marshal_option == (
        "Process delivered to a marshal by 2028-11-03 (safe target 2028-11-03) may be served "
        "within 30 days, by 2028-12-03 (safe target 2028-12-01) (§ 52-593a); § 52-593a saves the "
        "action only if the marshal could serve within the period (Tayco Corp. v. PZC, 294 Conn. "
        "673 (2010))."
    )
    assert result.marshal is not None
    assert (result.marshal.serve_by, result.marshal.serve_safe) == (
        date(2028, 12, 3),
        date(2028, 12, 1),
    )


def test_to_dict_shape(rules, court):
    out = compute_by_id(rules, "CT_7465_NOTICE", date(2025, 11, 3), court).to_dict()
    assert set(out) == {
        "rule",
        "title",
        "trigger",
        "due",
        "safe_target",
        "roll",
        "citation",
        "confidence",
        "marshal",
        "readings",
        "overridden",
        "verify",
        "trail",
        "marshal_option",
    }
    assert out["due"] == "2026-05-03" and out["safe_target"] == "2026-05-01"
    assert out["roll"] == "none" and out["overridden"] is False
    assert isinstance(out["trail"], list)


def test_next_business_day_roll(rules, court):
    from dataclasses import replace

    rule = replace(rules.get("CT_7465_NOTICE"), roll="next_business_day")
    result = compute(rule, date(2025, 11, 3), court)
    assert result.due == date(2026, 5, 4) and result.safe_target == date(2026, 5, 4)
    assert any("moves to the next open day" in step for step in result.trail)


def test_firm_closure_moves_the_safe_target_not_the_due_date(rules):
    rule = rules.get("CT_TORT_SOL")
    storm = CourtCalendar({date(2028, 11, 3): "Storm"})
    result = compute(rule, date(2025, 11, 3), storm)
    assert result.due == date(2028, 11, 3)
    assert result.safe_target == date(2028, 11, 2)
    assert any("Court closure: Storm" in step for step in result.trail)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a real date (expected YYYY-MM-DD)"),
        ("2025-13-01", "'2025-13-01' is not a real date (expected YYYY-MM-DD)"),
        ("03/11/2025", "'03/11/2025' is not a date (expected YYYY-MM-DD)"),
        ("", "'' is not a date (expected YYYY-MM-DD)"),
        ("2025-11-03T10:00", "'2025-11-03T10:00' is not a date (expected YYYY-MM-DD)"),
    ],
)
def test_parse_trigger_errors(rules, text, message):
    with pytest.raises(InvalidInput) as err:
        parse_trigger(rules.get("CT_TORT_SOL"), text)
    assert str(err.value) == message
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-01-16", "'2026-01-16' has no time; FED_DETAINER_48H needs one"),
        ("2026-02-30T10:00", "'2026-02-30T10:00' is not a real date and time"),
        ("2026-01-16T25:00", "'2026-01-16T25:00' is not a real date and time"),
        ("tomorrow", "'tomorrow' is not a date and time"),
    ],
)
def test_parse_timed_trigger_errors(rules, text, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        parse_trigger(rules.get("FED_DETAINER_48H"), text)


def test_parse_trigger_accepts(rules):
    assert parse_trigger(rules.get("CT_TORT_SOL"), " 2025-11-03 ") == date(2025, 11, 3)
    timed = rules.get("FED_DETAINER_48H")
    assert parse_trigger(timed, "2026-01-16T17:00") == datetime(2026, 1, 16, 17, 0)
    assert parse_trigger(timed, "2026-01-16 17:00") == datetime(2026, 1, 16, 17, 0)


def test_unknown_rule_lists_known(rules, court):
    with pytest.raises(NotFound) as err:
        compute_by_id(rules, "NOPE", date(2025, 11, 3), court)
    assert str(err.value).startswith("unknown rule 'NOPE' (known: CT_TORT_SOL, ")


def test_rule_ids_are_case_insensitive(rules, court):
    assert compute_by_id(rules, "ct_tort_sol", date(2025, 11, 3), court).rule_id == "CT_TORT_SOL"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-08-31", 6, "2026-02-28"),
        ("2027-08-31", 6, "2028-02-29"),
        ("2028-02-29", 12, "2029-02-28"),
        ("2028-02-29", 48, "2032-02-29"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-12-15", 1, "2027-01-15"),
        ("2026-03-31", -1, "2026-02-28"),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(date.fromisoformat(start), months) == date.fromisoformat(expected)


def test_add_months_out_of_range():
    with pytest.raises(InvalidInput, match="out of range"):
        add_months(date(9999, 12, 1), 1)


def test_results_are_remembered_per_calendar_and_per_rule_object() -> None:
    """compute() keeps its results per calendar: a closure (a new calendar) or an overridden
    rule (a new rule object) is never answered from another one's results."""
    from dataclasses import replace

    from casekit.domain.lawpack import default_rules

    rule = default_rules()["CT_7465_NOTICE"]
    plain = CourtCalendar()
    first = compute(rule, date(2026, 3, 31), plain)
    assert compute(rule, date(2026, 3, 31), plain) is first  # remembered
    assert first.safe_target == date(2026, 9, 30)

    storm = CourtCalendar({date(2026, 9, 30): "storm"})
    closed = compute(rule, date(2026, 3, 31), storm)
    assert closed.safe_target == date(2026, 9, 29)
    assert any("storm" in line for line in closed.trail)
    assert compute(rule, date(2026, 3, 31), plain) is first  # the first calendar is unchanged

    longer = replace(rule, period=7, overridden=True)  # same id, another rule
    assert compute(longer, date(2026, 3, 31), plain).due == date(2026, 10, 31)
    assert compute(rule, date(2026, 3, 31), plain) is first
