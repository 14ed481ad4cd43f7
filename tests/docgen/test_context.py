"""Context building: what reaches a template, and what never does."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from casekit.docgen.context import (
    EXTRA_KEYS,
    MATTER_KEYS,
    REPORT_KEYS,
    build_context,
    build_report_context,
)
from casekit.domain.model import DeadlineView
from casekit.errors import InvalidInput
from tests.docgen.sample import EXTRA, FIRM, MATTERS, TODAY


@pytest.mark.parametrize("key", list(MATTERS))
def test_every_matter_context_has_the_standard_keys(key: str) -> None:
    context = build_context("complaint", MATTERS[key], FIRM, TODAY, extra=EXTRA)
    assert set(context) == MATTER_KEYS


def test_sensitive_and_unsafe_values_never_reach_the_context() -> None:
    matter = MATTERS["nunez"]
    text = repr(build_context("client-letter", matter, FIRM, TODAY, "es"))
    assert matter.client.a_number not in text
    assert matter.client.immigration_status not in text
    assert matter.client.address not in text  # not safe to contact there
    assert matter.client.email not in text
    assert matter.client.phone in text  # safe


def test_extras_default_and_refuse_unknown_keys() -> None:
    context = build_context("demand-letter", MATTERS["nunez"], FIRM, TODAY)
    assert context["filing_date"] == TODAY
    assert context["response_date"] == TODAY + timedelta(days=30)
    assert context["return_date"] is None
    assert context["notice_deadline"] == date(2026, 5, 3)  # from the CT_7465_NOTICE deadline
    assert set(EXTRA_KEYS) <= set(context)
    with pytest.raises(InvalidInput, match="unknown document value 'retrun_date'"):
        build_context("complaint", MATTERS["nunez"], FIRM, TODAY, extra={"retrun_date": TODAY})


def test_refusals() -> None:
    matter = MATTERS["nunez"]
    with pytest.raises(InvalidInput, match="report"):
        build_context("report-deadlines", matter, FIRM, TODAY)
    with pytest.raises(InvalidInput, match="not 'french'"):
        build_context("complaint", matter, FIRM, TODAY, "french")
    with pytest.raises(InvalidInput, match="no incident"):
        build_context("complaint", dataclasses.replace(matter, incidents=()), FIRM, TODAY)
    with pytest.raises(InvalidInput, match="unknown claim"):
        build_context("complaint", dataclasses.replace(matter, claims=("bogus",)), FIRM, TODAY)


def test_complaint_numbers_and_counts() -> None:
    context = build_context("complaint", MATTERS["nunez"], FIRM, TODAY, extra=EXTRA)
    complaint = context["complaint"]
    numbers = [p["number"] for s in complaint["sections"] for p in s["paragraphs"]]
    numbers += [p["number"] for c in complaint["counts"] for p in c["paragraphs"]]
    assert numbers == list(range(1, complaint["last_number"] + 1))
    last = complaint["last_common"]
    for count in complaint["counts"]:
        assert count["paragraphs"][0]["text"] == (
            f"Paragraphs 1 through {last} are incorporated into this count."
        )
    assert [c["claim"] for c in complaint["counts"]] == [
        "trust_act", "section_1983", "false_imprisonment_7465",
    ]  # fmt: skip
    assert complaint["counts"][0]["against"] == "the City of Danbury"
    assert "Sgt. P. O'Malley" in complaint["counts"][1]["against"]


def test_trust_act_relief_is_injunctive_without_damages() -> None:
    context = build_context("complaint", MATTERS["no-damages"], FIRM, TODAY)
    relief = " ".join(context["complaint"]["relief"])
    assert "declaratory judgment" in relief and "injunctions" in relief
    assert "attorney's fees" in relief and "damages" not in relief.lower()


def test_over_detention_hours() -> None:
    context = build_context("demand-letter", MATTERS["nunez"], FIRM, TODAY)
    assert context["over_detention_hours"] == 7.5
    assert (
        build_context("demand-letter", MATTERS["no-damages"], FIRM, TODAY)["over_detention_hours"]
        is None
    )


def test_state_defendant_context() -> None:
    context = build_context("complaint", MATTERS["state"], FIRM, TODAY, extra=EXTRA)
    assert context["agency"]["state"] is True
    assert context["recipients"][0]["attention"] == ["Office of the Attorney General"]
    counts = context["complaint"]["counts"]
    assert counts[1]["claim"] == "claims_commissioner"
    assert counts[1]["against"] == "the State of Connecticut"
    assert any("state agency" in p["text"] for p in counts[0]["paragraphs"])
    assert any("unknown" in n for n in context["drafting_notes"])
    # an unknown violation code is shown as itself and marked for verification
    assert context["violations"][-1]["verify"] is True


def test_client_letters_carry_no_drafting_notes() -> None:
    assert (
        build_context("client-letter", MATTERS["state"], FIRM, TODAY, "es")["drafting_notes"] == []
    )


def test_report_groups_deadlines() -> None:
    def deadline(days: int, confidence: str = "confirmed", status: str = "open") -> DeadlineView:
        due = TODAY + timedelta(days=days)
        return DeadlineView("R", f"d{days}", due, due, "§ 1", confidence, status=status)

    limitation = DeadlineView(
        "CT_TORT_SOL", "tort", TODAY + timedelta(days=40), TODAY + timedelta(days=38), "§ 52-577",
        "confirmed",
    )  # fmt: skip

    items = [("TA-1", "A", deadline(d)) for d in (-3, 0, 1, 7, 8, 30, 31)]
    items.append(("TA-2", "B", deadline(2, "secondary")))
    items.append(("TA-3", "C", deadline(2, status="done")))
    items.append(("TA-4", "D", limitation))
    context = build_report_context(FIRM, TODAY, items, [("TA-9", "Z")], days=38)
    assert set(context) == REPORT_KEYS
    sections = {s["title"]: [r["title"] for r in s["rows"]] for s in context["sections"]}
    assert sections == {
        "Overdue": ["d-3"],
        "Today": ["d0"],
        "This week": ["d1", "d2", "d7"],
        "Next 38 days": ["d8", "d30", "d31", "tort"],
    }
    tort = context["sections"][3]["rows"][-1]
    assert tort["days_left"] == 38  # to the safe target, not the legal last day
    assert tort["tier"] == 60  # limitation deadlines use the long ladder
    row = context["sections"][2]["rows"][1]
    assert row["verify"] == "verify" and row["days_left"] == 2
    assert row["tier"] == 7  # an unknown rule gets the short ladder (14, 7, 1 days)
    assert context["sections"][0]["rows"][0]["tier"] == ""  # overdue: no tier left
    assert context["no_deadline"] == [{"matter": "TA-9", "client": "Z"}]


def test_complaint_refuses_52_571k_when_no_police_officer_is_a_defendant() -> None:
    from dataclasses import replace

    from casekit.domain.model import CLAIM_52571K

    matter = MATTERS["nunez"]
    entities_only = replace(
        matter,
        claims=(*matter.claims, CLAIM_52571K)
        if CLAIM_52571K not in matter.claims
        else matter.claims,
        parties=tuple(p for p in matter.parties if p.kind != "person"),
    )
    context = build_context("complaint", entities_only, FIRM, TODAY, extra=EXTRA)
    notes = context["drafting_notes"]
    assert any("SECTION_52571K_POLICE" in n and n.startswith("Not pleaded:") for n in notes)
    assert CLAIM_52571K not in [c["claim"] for c in context["complaint"]["counts"]]


def _v8_matter(held_hours: int):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from tests.docgen.scenarios import DAY, MUNICIPAL, custody

    incident = replace(MUNICIPAL.incidents[0], violations=("V1", "V8"))
    return replace(MUNICIPAL, incidents=(incident,), custody=custody(DAY, held_hours=held_hours))


def test_a_notice_tells_only_the_conduct_the_plan_pleads() -> None:
    """V8 recorded but released inside the 48-hour cap: refused by the plan, so no notice or
    letter lists it; confirmed, it is cited by the federal rule, never the 2013 act."""
    from tests.docgen.scenarios import TODAY as SCENARIO_DAY

    inside = build_context("notice-7-465", _v8_matter(7), FIRM, SCENARIO_DAY)
    assert [v["code"] for v in inside["violations"]] == ["V1_DETAIN_ON_DETAINER"]
    over = build_context("notice-7-465", _v8_matter(80), FIRM, SCENARIO_DAY)
    v8 = next(v for v in over["violations"] if v["code"] == "V8_OVER_48_HOURS")
    assert v8["citation"] == "8 C.F.R. § 287.7(d)" and "13-155" not in repr(over["violations"])
    assert v8["confidence"] == "confirmed"
