"""The project's acceptance examples (shared/acceptance, copied to tests/data) through the API."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib.resources import files

import pytest

from casekit.domain.deadlines import compute_by_id, parse_trigger
from casekit.domain.model import CONFIDENCES, Conviction
from casekit.domain.screening import ScreeningFacts, screen

from .conftest import read_csv

DEADLINE_ROWS = read_csv("deadlines.csv")
SCREENING_ROWS = read_csv("screening.csv")
# The confidence each acceptance row must carry: the rule's, unless a part it relies on is weaker
# (trust-act.md § 4: a month-end clamp is unverified; counting the FOI appeal in calendar days is
# secondary).
WEAKER_PART = {
    ("CT_7465_NOTICE", "2025-08-31"): "unverified",  # Aug 31 clamps to Feb 28
    ("CT_TORT_SOL", "2028-02-29"): "unverified",  # leap day clamps to Feb 28
    ("CT_FOI_APPEAL", "2026-12-02"): "secondary",  # calendar days: secondary
}
SHIPPED = {
    row["id"]: row
    for row in tomllib.loads(
        files("casekit.domain").joinpath("data", "rules.toml").read_text(encoding="utf-8")
    )["rule"]
}


@pytest.mark.parametrize(
    "row", DEADLINE_ROWS, ids=[f"{r['rule']}-{r['trigger']}" for r in DEADLINE_ROWS]
)
def test_deadline_acceptance(row, rules, court, federal):
    rule = rules.get(row["rule"])
    result = compute_by_id(rules, row["rule"], parse_trigger(rule, row["trigger"]), court, federal)
    out = result.to_dict()
    assert out["due"] == row["due"], row["note"]
    assert out["safe_target"] == row["safe_target"], row["note"]
    assert out["citation"] and out["citation"] == SHIPPED[row["rule"]]["citation"]
    assert out["confidence"] in CONFIDENCES
    expected = WEAKER_PART.get((row["rule"], row["trigger"]), SHIPPED[row["rule"]]["confidence"])
    assert out["confidence"] == expected
    assert out["verify"] == (expected != "confirmed")
    assert out["trail"], "every result explains itself"
    assert out["rule"] == row["rule"]


def test_acceptance_file_covers_every_row_once():
    assert len(DEADLINE_ROWS) == 12
    assert len(SCREENING_ROWS) == 12


def _facts(row: dict[str, str]) -> ScreeningFacts:
    return ScreeningFacts(
        incident_date=date.fromisoformat(row["incident_date"]),
        actor=row["actor"],
        violations=tuple(v for v in row["violations"].split(";") if v),
        judicial_warrant=row["judicial_warrant"] == "yes",
        convictions=tuple(Conviction(s) for s in row["convictions"].split(";") if s),
        tsdb_match=row["tsdb_match"] == "yes",
    )


@pytest.mark.parametrize(
    "row",
    SCREENING_ROWS,
    ids=[f"{r['actor']}-{r['incident_date']}-{r['expected']}" for r in SCREENING_ROWS],
)
def test_screening_acceptance(row):
    result = screen(_facts(row), today=date(2026, 6, 1))
    assert result.trust_act_action == row["expected"], row["note"]
    for reason in result.reasons:
        assert reason.code and reason.text and reason.citation
        assert reason.confidence in CONFIDENCES
