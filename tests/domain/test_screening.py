"""Trust Act screening, table-driven (trust-act.md § 4)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.domain import codes
from casekit.domain.model import CONFIDENCES, Conviction, Incident
from casekit.domain.screening import ScreeningFacts, screen
from casekit.errors import InvalidInput

TODAY = date(2026, 6, 1)
V1 = "V1_DETAIN_ON_DETAINER"
V2 = "V2_NOTIFY_RELEASE"


def facts(
    day: str = "2025-11-03",
    actor: str = "municipal_police",
    violations: tuple[str, ...] = (V1,),
    judicial: bool = False,
    convictions: tuple[Conviction, ...] = (),
    tsdb: bool = False,
    admin_only: bool = False,
) -> ScreeningFacts:
    return ScreeningFacts(
        incident_date=date.fromisoformat(day),
        actor=actor,
        violations=violations,
        judicial_warrant=judicial,
        convictions=convictions,
        tsdb_match=tsdb,
        administrative_warrant_only=admin_only,
    )


def codes_of(result) -> list[str]:
    return [r.code for r in result.reasons]


# (facts, expected action, a reason code that must be present)
ROWS = [
    # dates
    (facts("2025-10-01"), "eligible", "DATE_ACTION_IN_FORCE"),
    (facts("2025-09-30"), "ineligible", "DATE_2019_ACT_ONLY"),
    (facts("2019-10-01"), "ineligible", "DATE_2019_ACT_ONLY"),
    (facts("2019-09-30"), "ineligible", "DATE_BEFORE_2019_ACT"),
    (facts("2013-10-01"), "ineligible", "DATE_BEFORE_2019_ACT"),
    # every actor kind
    (facts(actor="municipal_police"), "eligible", "DEFENDANT_MUNICIPALITY"),
    (facts(actor="state_police"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="corrections"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="judicial_marshal"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="state_marshal"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="adult_probation"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="bail_commissioner"), "verify", "DEFENDANT_STATE_UNKNOWN"),
    (facts(actor="school_security"), "verify", "DEFENDANT_DEPENDS_ON_EMPLOYER"),
    (facts(actor="university_police"), "verify", "DEFENDANT_DEPENDS_ON_EMPLOYER"),
    (facts(actor="criminal_justice", violations=(V2,)), "eligible", "DEFENDANT_NAMED_2025"),
    (facts(actor="parole_board"), "eligible", "DEFENDANT_NAMED_2025"),
    (facts(actor="juvenile_probation"), "verify", "ACTOR_COVERAGE_UNCONFIRMED"),
    (facts(actor="other"), "verify", "ACTOR_COVERAGE_UNKNOWN"),
    # 2025 additions only from 2025-10-01
    (facts("2025-09-30", actor="criminal_justice"), "ineligible", "ACTOR_NOT_YET_COVERED"),
    (facts("2025-09-30", actor="juvenile_probation"), "ineligible", "ACTOR_NOT_YET_COVERED"),
    (facts("2025-10-01", actor="parole_board"), "eligible", "ACTOR_COVERED"),
    # prohibited acts
    (facts(violations=()), "ineligible", "NO_VIOLATION"),
    (facts(violations=("V1",)), "eligible", V1),
    (facts(violations=("v8", "V8_OVER_48_HOURS")), "eligible", "V8_OVER_48_HOURS"),
    # E1: only for V1/V2
    (facts(judicial=True), "ineligible", "E1_JUDICIAL_WARRANT"),
    (facts(violations=(V2,), judicial=True), "ineligible", "E1_JUDICIAL_WARRANT"),
    (
        facts(violations=(V1, "V4_ICE_INTERVIEW"), judicial=True),
        "eligible",
        "EXCEPTION_LIMITED_TO_V1_V2",
    ),
    (facts(violations=("V8_OVER_48_HOURS",), judicial=True), "eligible", "E1_JUDICIAL_WARRANT"),
    (
        facts(violations=("V3_ADMIN_WARRANT",), admin_only=True),
        "eligible",
        "ADMIN_WARRANT_NOT_JUDICIAL",
    ),
    # E2: convictions
    (facts(convictions=(Conviction("53a-54a"),)), "ineligible", "E2_QUALIFYING_CONVICTION"),
    (facts(convictions=(Conviction("53a-101(a)(1)"),)), "ineligible", "E2_QUALIFYING_CONVICTION"),
    (facts(convictions=(Conviction("53a-70"),)), "verify", "E2_CLASS_UNCERTAIN"),  # B or A
    (facts(convictions=(Conviction("53a-70", "A"),)), "ineligible", "E2_QUALIFYING_CONVICTION"),
    (facts(convictions=(Conviction("53a-90a"),)), "verify", "E2_CLASS_UNCERTAIN"),  # escalating
    (facts(convictions=(Conviction("53a-54d"),)), "verify", "E2_CLASS_UNCERTAIN"),  # unclassified
    (facts(convictions=(Conviction("53a-86"),)), "verify", "E2_CLASS_UNCERTAIN"),  # B, secondary
    (facts(convictions=(Conviction("53a-125b"),)), "verify", "E2_CLASS_UNCERTAIN"),  # not in table
    (facts(convictions=(Conviction("53a-125b", "D"),)), "eligible", "E2_NOT_QUALIFYING"),
    (
        facts(convictions=(Conviction("53a-125b", "class B felony"),)),
        "ineligible",
        "E2_QUALIFYING_CONVICTION",
    ),
    (facts(convictions=(Conviction("53a-71"),)), "verify", "E2_2025_LIST"),
    (facts(convictions=(Conviction("53a-71", "C"),)), "verify", "E2_2025_LIST"),
    (facts(convictions=(Conviction("53a-71", "B"),)), "ineligible", "E2_QUALIFYING_CONVICTION"),
    (facts(convictions=(Conviction("53a-60"),)), "verify", "E2_2025_LIST"),
    (facts(convictions=(Conviction("53-21"),)), "verify", "E2_2025_LIST"),
    (facts(convictions=(Conviction("53-21(a)(2)"),)), "ineligible", "E2_QUALIFYING_CONVICTION"),
    (
        facts(convictions=(Conviction("53a-125b", "C"), Conviction("53a-101"))),
        "ineligible",
        "E2_NOT_QUALIFYING",
    ),
    (
        facts(violations=(V1, "V7_NO_DETAINER_NOTICE"), convictions=(Conviction("53a-70"),)),
        "eligible",
        "E2_CLASS_UNCERTAIN",
    ),
    # the 2025 list does not reach conduct before 2025-10-01
    (
        facts("2025-09-30", convictions=(Conviction("53a-60", "D"),)),
        "ineligible",
        "E2_NOT_QUALIFYING",
    ),
    # E3
    (facts(tsdb=True), "verify", "E3_TSDB_MATCH"),
    (facts(tsdb=True, judicial=True), "ineligible", "E1_JUDICIAL_WARRANT"),
    (facts(violations=(V1, "V6_CONFIDENTIAL_INFO"), tsdb=True), "eligible", "E3_TSDB_MATCH"),
]


@pytest.mark.parametrize(
    ("f", "expected", "code"), ROWS, ids=[f"{r[1]}-{r[2]}-{i}" for i, r in enumerate(ROWS)]
)
def test_screening_table(f, expected, code):
    result = screen(f, TODAY)
    assert result.trust_act_action == expected, codes_of(result)
    assert code in codes_of(result)
    for reason in result.reasons:
        assert reason.code and reason.text and reason.citation
        assert reason.confidence in CONFIDENCES


def test_every_actor_kind_is_screened():
    tested = {r[0].actor for r in ROWS}
    assert tested == set(codes.actors())


def test_reasons_follow_the_order_of_section_4():
    result = screen(facts(convictions=(Conviction("53a-71"),)), TODAY)
    assert codes_of(result) == [
        "DATE_ACTION_IN_FORCE",
        "ACTOR_COVERED",
        "DEFENDANT_MUNICIPALITY",
        V1,
        "E2_2025_LIST",
    ]


def test_2025_list_reason_says_secondary():
    result = screen(facts(convictions=(Conviction("53a-71"),)), TODAY)
    reason = next(r for r in result.reasons if r.code == "E2_2025_LIST")
    assert reason.confidence == "secondary" and "secondary sources" in reason.text


def test_reason_confidences_come_from_the_codes():
    result = screen(facts(violations=(V2,)), TODAY)
    v2 = next(r for r in result.reasons if r.code == V2)
    assert v2.confidence == "secondary"
    assert v2.citation == "§ 54-192h"


@pytest.mark.parametrize(
    ("f", "message"),
    [
        (facts("2026-06-02"), "the incident date is after today; check the date"),
        (
            facts(actor="sheriff"),
            "unknown actor kind 'sheriff' (known: municipal_police, state_police,",
        ),
        (facts(violations=("V9",)), "unknown violation code 'V9' (known: V1_DETAIN_ON_DETAINER,"),
        (
            facts(judicial=True, admin_only=True),
            "a judicial warrant and 'only an administrative warrant'",
        ),
        (
            facts(convictions=(Conviction("53a-101", "Z"),)),
            "unknown felony class 'Z' (expected A, B, C",
        ),
        (facts(convictions=(Conviction(" "),)), "a conviction needs a statute section"),
    ],
)
def test_invalid_input(f, message):
    with pytest.raises(InvalidInput) as err:
        screen(f, TODAY)
    assert str(err.value).startswith(message)
    assert "\n" not in str(err.value)


def test_unknown_actor_lists_every_kind():
    with pytest.raises(InvalidInput) as err:
        screen(facts(actor="sheriff"), TODAY)
    for kind in codes.actors():
        assert kind in str(err.value)


def test_today_is_a_parameter():
    assert screen(facts("2026-06-01"), date(2026, 6, 1)).trust_act_action == "eligible"


def claims_of(result) -> list[str]:
    return [c.claim for c in result.other_claims]


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (facts(), ["section_1983", "section_52_571k", "false_imprisonment_7465"]),
        (facts("2021-07-01"), ["section_1983", "section_52_571k", "false_imprisonment_7465"]),
        (facts("2021-06-30"), ["section_1983", "false_imprisonment_7465"]),
        (facts(violations=(V2,)), ["section_52_571k"]),
        (facts(actor="corrections"), ["section_1983", "claims_commissioner"]),
        (facts(actor="state_police"), ["section_1983", "section_52_571k", "claims_commissioner"]),
        (facts(actor="criminal_justice", violations=(V2,)), ["claims_commissioner"]),
        (
            facts(actor="school_security"),
            ["section_1983", "false_imprisonment_7465", "claims_commissioner"],
        ),
        (facts(actor="other"), ["section_1983"]),
        (facts("2025-09-30"), ["section_1983", "section_52_571k", "false_imprisonment_7465"]),
    ],
)
def test_other_claims(f, expected):
    assert claims_of(screen(f, TODAY)) == expected


def test_other_claims_carry_citation_and_confidence():
    result = screen(facts(actor="school_security"), TODAY)
    for claim in result.other_claims:
        assert claim.title and claim.citation and claim.note
        assert claim.confidence in CONFIDENCES
    fi = next(c for c in result.other_claims if c.claim == "false_imprisonment_7465")
    assert "Only if the unit belongs to a town" in fi.note


def test_to_dict_shape():
    out = screen(facts(), TODAY).to_dict()
    assert set(out) == {"trust_act_action", "reasons", "other_claims"}
    assert out["trust_act_action"] == "eligible"
    assert all(set(r) == {"code", "text", "citation", "confidence"} for r in out["reasons"])
    assert all(
        set(c) == {"claim", "title", "citation", "confidence", "note"} for c in out["other_claims"]
    )


def test_from_incident():
    incident = Incident(
        occurred_on=date(2025, 11, 3),
        town="Hartford",
        agency="Hartford Police Department",
        agency_kind="municipal_police",
        violations=(V1,),
        convictions=(Conviction("53a-101"),),
    )
    assert screen(ScreeningFacts.from_incident(incident), TODAY).trust_act_action == "ineligible"
