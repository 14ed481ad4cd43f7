"""``casekit deadlines calc`` through the CLI: the acceptance rows, more of our own, bad input."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from casekit.domain.vocabulary import weakest

from .conftest import assert_one_line_error, cli, cli_json, read_csv

ACCEPTANCE = read_csv("deadlines.csv")
SHIPPED = {
    row["id"]: row
    for row in tomllib.loads(
        files("casekit.domain").joinpath("data", "rules.toml").read_text(encoding="utf-8")
    )["rule"]
}
CONFIDENCES = ("confirmed", "secondary", "unverified", "unknown")
# Rows whose computation relies on something weaker than the rule itself.
WEAKER_PART = {
    ("CT_7465_NOTICE", "2025-08-31"): "unverified",  # Aug 31 + 6 months clamps to Feb 28
    ("CT_TORT_SOL", "2028-02-29"): "unverified",  # leap day clamps to Feb 28
    ("CT_7465_NOTICE", "2026-08-31"): "unverified",
    ("CT_7465_NOTICE", "2027-08-31"): "unverified",
    ("CT_TORT_SOL", "2024-02-29"): "unverified",
    ("CT_52571K_SOL", "2028-02-29"): "unverified",
    ("CT_FOI_RESPONSE", "2026-04-01"): "secondary",  # skips Good Friday (secondary closure)
    ("CT_RETURN_DATE_MAX", "2029-10-25"): "unknown",  # the latest Tuesday is a court holiday
}
KEYS = {
    "rule",
    "trigger",
    "due",
    "safe_target",
    "roll",
    "citation",
    "confidence",
    "trail",
    "marshal_option",
}

# rule, trigger, due, safe target, why (worked out by hand from trust-act.md § 3)
OWN_ROWS = [
    # holidays under a roll-none limitation: the last day stays, the safe target moves back
    ("CT_TORT_SOL", "2025-12-25", "2028-12-25", "2028-12-22", "Christmas on a Monday"),
    (
        "CT_7465_NOTICE",
        "2026-01-04",
        "2026-07-04",
        "2026-07-02",
        "July 4 on a Saturday, observed Friday July 3: act by Thursday",
    ),
    ("CT_CLAIMS_COMMISSIONER", "2026-01-18", "2027-01-18", "2027-01-15", "MLK Day"),
    ("CT_4160_SUIT", "2026-05-31", "2027-05-31", "2027-05-28", "Memorial Day"),
    ("CT_SAVINGS_REFILE", "2026-09-06", "2027-09-06", "2027-09-03", "Labor Day"),
    ("CT_MARSHAL_SERVICE", "2026-10-27", "2026-11-26", "2026-11-25", "Thanksgiving"),
    ("CT_TORT_SOL", "2025-04-14", "2028-04-14", "2028-04-13", "Good Friday: courts close"),
    (
        "FED_1983_SOL",
        "2026-11-11",
        "2029-11-11",
        "2029-11-09",
        "Veterans Day on a Sunday, observed Monday; act by Friday",
    ),
    (
        "CT_NEGLIGENCE_SOL",
        "2026-01-01",
        "2028-01-01",
        "2027-12-30",
        "New Year's Day 2028 (Saturday) is observed on 2027-12-31",
    ),
    (
        "TRUST_ACT_SOL",
        "2025-10-01",
        "2028-10-01",
        "2028-09-29",
        "3 years by analogy (unknown): Sunday; act by Friday",
    ),
    # month ends and leap days
    ("CT_7465_NOTICE", "2025-07-31", "2026-01-31", "2026-01-30", "Jan 31 is a Saturday"),
    ("CT_7465_NOTICE", "2026-08-31", "2027-02-28", "2027-02-26", "clamps to Feb 28, a Sunday"),
    ("CT_7465_NOTICE", "2027-08-31", "2028-02-29", "2028-02-29", "clamps to leap day Feb 29"),
    (
        "CT_TORT_SOL",
        "2024-02-29",
        "2027-02-28",
        "2027-02-26",
        "leap day + 3 years = Feb 28 (a Sunday)",
    ),
    ("CT_52571K_SOL", "2028-02-29", "2029-02-28", "2029-02-28", "leap day + 1 year"),
    # business days (§ 1-206(a))
    ("CT_FOI_RESPONSE", "2026-12-23", "2026-12-30", "2026-12-30", "Christmas skipped"),
    (
        "CT_FOI_RESPONSE",
        "2026-02-11",
        "2026-02-19",
        "2026-02-19",
        "Lincoln Day and Washington's Birthday skipped",
    ),
    ("CT_FOI_RESPONSE", "2026-04-01", "2026-04-08", "2026-04-08", "Good Friday skipped"),
    ("CT_FOI_RESPONSE", "2026-06-17", "2026-06-24", "2026-06-24", "Juneteenth skipped"),
    (
        "CT_FOI_APPEAL",
        "2026-06-05",
        "2026-07-05",
        "2026-07-02",
        "30 days end on a Sunday after the observed July 4",
    ),
    ("CT_FOI_APPEAL", "2026-09-12", "2026-10-12", "2026-10-09", "Columbus Day"),
    ("CT_FOI_APPEAL", "2026-10-12", "2026-11-11", "2026-11-10", "Veterans Day"),
    # return dates (§ 52-48, § 52-46a, § 52-46)
    ("CT_RETURN_DATE_MAX", "2026-01-15", "2026-03-10", "2026-03-10", "2 months is a Sunday"),
    ("CT_RETURN_DATE_MAX", "2026-01-10", "2026-03-10", "2026-03-10", "2 months is a Tuesday"),
    ("CT_RETURN_DATE_MAX", "2026-04-14", "2026-06-09", "2026-06-09", "latest Tuesday"),
    (
        "CT_RETURN_DATE_MAX",
        "2029-10-25",
        "2029-12-25",
        "2029-12-18",
        "the Tuesday is Christmas: not moved, verify; the previous open Tuesday is safe",
    ),
    (
        "CT_RETURN_TO_COURT",
        "2025-06-24",
        "2025-06-17",
        "2025-06-17",
        "Long Shore v. Madison ZBA: return 6/24, file by 6/17",
    ),
    ("CT_SERVICE_BEFORE_RETURN", "2026-05-05", "2026-04-23", "2026-04-23", "12 days before"),
    # the 48-hour detainer rule (federal holidays, not Lincoln Day or Good Friday)
    (
        "FED_DETAINER_48H",
        "2026-07-02T10:00",
        "2026-07-07T10:00",
        "2026-07-07T10:00",
        "observed July 4 (Friday) and the weekend are not counted",
    ),
    (
        "FED_DETAINER_48H",
        "2026-02-12T09:00",
        "2026-02-17T09:00",
        "2026-02-17T09:00",
        "Lincoln Day counts (not federal); Washington's Birthday does not",
    ),
    (
        "FED_DETAINER_48H",
        "2026-04-03T12:00",
        "2026-04-07T12:00",
        "2026-04-07T12:00",
        "Good Friday counts (not federal)",
    ),
    (
        "FED_DETAINER_48H",
        "2026-01-14T08:30",
        "2026-01-16T08:30",
        "2026-01-16T08:30",
        "two working days, no weekend",
    ),
]


def _check(out: dict, rule: str, trigger: str, due: str, safe: str) -> None:
    assert KEYS <= set(out), sorted(out)
    assert out["rule"] == rule
    assert out["trigger"] == trigger
    assert out["due"] == due
    assert out["safe_target"] == safe
    assert out["citation"] == SHIPPED[rule]["citation"]
    # A deadline is as sure as its weakest part (trust-act.md § 4): the rule's period, accrual
    # and counting, and what this computation relied on (a month-end clamp, a Good Friday
    # closure that pushed a business-day count later).
    shipped = SHIPPED[rule]
    parts = [shipped["confidence"]]
    parts += [shipped.get(k, "confirmed") for k in ("accrual_confidence", "counting_confidence")]
    expected = weakest(*parts, WEAKER_PART.get((rule, trigger), "confirmed"))
    assert out["confidence"] == expected
    assert out["confidence"] in CONFIDENCES
    assert out["trail"] and all(isinstance(step, str) and step for step in out["trail"])
    assert out["verify"] is (out["confidence"] != "confirmed")
    if SHIPPED[rule]["kind"] == "limitation":
        assert "§ 52-593a" in out["marshal_option"]
    else:
        assert out["marshal_option"] is None


@pytest.mark.parametrize("row", ACCEPTANCE, ids=[f"{r['rule']}-{r['trigger']}" for r in ACCEPTANCE])
def test_acceptance_rows_through_the_cli(row):
    out = cli_json("deadlines", "calc", row["rule"], row["trigger"])
    _check(out, row["rule"], row["trigger"], row["due"], row["safe_target"])


@pytest.mark.parametrize(
    ("rule", "trigger", "due", "safe", "why"), OWN_ROWS, ids=[f"{r[0]}-{r[1]}" for r in OWN_ROWS]
)
def test_own_rows_through_the_cli(rule, trigger, due, safe, why):
    out = cli_json("deadlines", "calc", rule, trigger)
    _check(out, rule, trigger, due, safe)


def test_own_rows_are_many_and_distinct():
    assert len(OWN_ROWS) >= 25
    assert len({(r[0], r[1]) for r in OWN_ROWS}) == len(OWN_ROWS)
    assert not {(r[0], r[1]) for r in OWN_ROWS} & {(r["rule"], r["trigger"]) for r in ACCEPTANCE}


def test_unknown_confidence_is_marked_verify_in_json_and_text():
    out = cli_json("deadlines", "calc", "TRUST_ACT_SOL", "2025-11-03")
    assert out["confidence"] == "unknown" and out["verify"] is True
    assert any(step.startswith("Verify") for step in out["trail"])
    text = cli("deadlines", "calc", "TRUST_ACT_SOL", "2025-11-03")
    assert text.exit_code == 0
    assert "VERIFY" in text.stdout


def test_human_output_shows_due_safe_target_citation_confidence_and_trail():
    result = cli("deadlines", "calc", "CT_7465_NOTICE", "2025-11-03")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "2026-05-03" in out and "2026-05-01" in out
    assert "§ 7-465(a)" in out and "confirmed" in out
    assert "trail:" in out and "Lamberti" in out
    assert "VERIFY" not in out


def test_rule_id_is_case_insensitive():
    assert cli_json("deadlines", "calc", "ct_tort_sol", "2025-11-03")["rule"] == "CT_TORT_SOL"


def test_the_return_date_on_a_holiday_says_verify():
    out = cli_json("deadlines", "calc", "CT_RETURN_DATE_MAX", "2029-10-25")
    assert any("Verify" in step and "2029-12-25" in step for step in out["trail"])


def test_calc_works_on_a_fresh_machine_and_creates_nothing(casekit_home):
    assert not casekit_home.exists()
    cli_json("deadlines", "calc", "CT_TORT_SOL", "2025-11-03")
    assert not casekit_home.exists()


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (("NOPE", "2025-11-03"), ("unknown rule 'NOPE'", "known: CT_TORT_SOL")),
        (("CT_TORT_SOL", "2025-02-30"), ("'2025-02-30' is not a real date",)),
        (("CT_TORT_SOL", "2025-13-01"), ("not a real date",)),
        (("CT_TORT_SOL", "11/03/2025"), ("not a date", "YYYY-MM-DD")),
        (("CT_TORT_SOL", "yesterday"), ("not a date",)),
        (("FED_DETAINER_48H", "2026-01-16"), ("has no time",)),
        (("FED_DETAINER_48H", "2026-01-16T25:00"), ("not a real date and time",)),
        (("CT_TORT_SOL",), ("Missing argument",)),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, fragments):
    assert_one_line_error(cli("deadlines", "calc", *args), *fragments)


def test_every_command_has_help():
    for args in (
        ("deadlines",),
        ("deadlines", "calc"),
        ("deadlines", "list"),
        ("deadlines", "recompute"),
        ("deadlines", "done"),
        ("deadlines", "waive"),
        ("deadlines", "add"),
        ("deadlines", "triggers"),
        ("screen",),
        ("calendar",),
        ("calendar", "close"),
        ("rules", "list"),
    ):
        result = cli(*args, "--help")
        assert result.exit_code == 0, (args, result.stderr)
        assert "Usage:" in result.stdout
