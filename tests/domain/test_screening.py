"""Trust Act screening, table-driven (trust-act.md § 4)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.domain import codes
from casekit.domain.lawpack import default_pack
from casekit.domain.model import CONFIDENCES, Conviction, Incident
from casekit.domain.screening import ScreeningFacts, screen
from casekit.errors import InvalidInput

TODAY = date(2026, 6, 1)
V1 = "V1_DETAIN_ON_DETAINER"
V2 = "V2_NOTIFY_RELEASE"
V3 = "V3_ADMIN_WARRANT"
V4 = "V4_ICE_INTERVIEW"
V7 = "V7_NO_DETAINER_NOTICE"
V8 = "V8_OVER_48_HOURS"


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


# (facts, expected action, a reason code that must be present, that reason's confidence)
ROWS = [
    # 1. dates: "prospective only" is secondary (trust-act.md § 4), the effective date confirmed
    (facts("2025-10-01"), "eligible", "DATE_ACTION_IN_FORCE", "confirmed"),
    (facts("2025-09-30"), "ineligible", "DATE_2019_ACT_ONLY", "secondary"),
    (facts("2019-10-01"), "ineligible", "DATE_2019_ACT_ONLY", "secondary"),
    (facts("2019-09-30"), "ineligible", "DATE_BEFORE_2019_ACT", "secondary"),
    (facts("2013-10-01"), "ineligible", "DATE_BEFORE_2019_ACT", "secondary"),
    # 2. every actor kind, with who answers and whether the 2025 action reaches them
    (facts(actor="municipal_police"), "eligible", "DEFENDANT_MUNICIPALITY", "secondary"),
    (facts(actor="state_police"), "verify", "DEFENDANT_STATE_UNKNOWN", "unknown"),
    (facts(actor="corrections"), "verify", "DEFENDANT_STATE_UNKNOWN", "unknown"),
    (facts(actor="judicial_marshal"), "verify", "DEFENDANT_STATE_UNKNOWN", "unknown"),
    # state marshals: covered, but no source places them (not "the State" without support)
    (facts(actor="state_marshal"), "verify", "DEFENDANT_UNKNOWN", "unknown"),
    (facts(actor="adult_probation"), "verify", "DEFENDANT_STATE_UNKNOWN", "unknown"),
    (facts(actor="bail_commissioner"), "verify", "DEFENDANT_STATE_UNKNOWN", "unknown"),
    (facts(actor="school_security"), "verify", "DEFENDANT_DEPENDS_ON_EMPLOYER", "unknown"),
    (facts(actor="university_police"), "verify", "DEFENDANT_DEPENDS_ON_EMPLOYER", "unknown"),
    # DCJ and the parole board are covered from 2025-10-01 (confirmed), but whether the State
    # answers under the 2025 action is unknown: no longer "eligible" on a confirmed suability
    (
        facts(actor="criminal_justice", violations=(V2,)),
        "verify",
        "DEFENDANT_STATE_UNKNOWN",
        "unknown",
    ),
    (facts(actor="parole_board"), "verify", "ACTOR_COVERED", "confirmed"),
    (facts(actor="juvenile_probation"), "verify", "ACTOR_COVERED", "secondary"),
    (facts(actor="other"), "verify", "ACTOR_COVERAGE_UNKNOWN", "unknown"),
    # 2025 additions only from 2025-10-01
    (facts("2025-09-30", actor="criminal_justice"), "ineligible", "ACTOR_NOT_YET_COVERED", None),
    (facts("2025-09-30", actor="juvenile_probation"), "ineligible", "ACTOR_NOT_YET_COVERED", None),
    # 3. prohibited acts
    (facts(violations=()), "ineligible", "NO_VIOLATION", "confirmed"),
    (facts(violations=("V1",)), "eligible", V1, "confirmed"),
    # V8 is a federal limit; as a Trust Act violation it is unverified: alone, verify
    (facts(violations=("v8", "V8_OVER_48_HOURS")), "verify", "V8_OVER_48_HOURS", "unverified"),
    (facts(violations=("V6_CONFIDENTIAL_INFO",)), "verify", "V6_CONFIDENTIAL_INFO", "unverified"),
    # 4. exceptions per act (the Reach table)
    (facts(judicial=True), "ineligible", "E1_JUDICIAL_WARRANT", "confirmed"),
    (facts(violations=(V2,), judicial=True), "ineligible", "E1_JUDICIAL_WARRANT", "confirmed"),
    # E1 reaches ICE interviews (secondary): every act excused
    (facts(violations=(V1, V4), judicial=True), "ineligible", V4, "secondary"),
    # E1 does not reach V7: the duty to hand over the detainer survives
    (facts(violations=(V1, V7), judicial=True), "eligible", V7, "secondary"),
    # V8 survives every exception, but alone it rests on unverified law
    (facts(violations=(V8,), judicial=True), "verify", V8, "unverified"),
    (facts(violations=(V3,), admin_only=True), "verify", "ADMIN_WARRANT_NOT_JUDICIAL", "confirmed"),
    # E2: convictions
    (facts(convictions=(Conviction("53a-54a"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "confirmed"),
    (facts(convictions=(Conviction("53a-101(a)(1)"),)), "ineligible",
     "E2_QUALIFYING_CONVICTION", "confirmed"),
    # "B or A": every reading qualifies
    (facts(convictions=(Conviction("53a-70"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "confirmed"),
    (facts(convictions=(Conviction("53a-70", "A"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "confirmed"),
    # readings across the B/C line
    (facts(convictions=(Conviction("53a-90a"),)), "verify", "E2_CLASS_UNCERTAIN", "unknown"),
    (facts(convictions=(Conviction("53a-54d"),)), "verify", "E2_CLASS_UNCERTAIN", "unknown"),
    # a class read from a secondary source applies, marked verify (like E3)
    (facts(convictions=(Conviction("53a-86"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "secondary"),
    (facts(convictions=(Conviction("53a-125b"),)), "verify", "E2_CLASS_UNCERTAIN", "unknown"),
    # after 2025-10-01 a recorded class D felony may be a 2025 offense (the list is incomplete)
    (facts(convictions=(Conviction("53a-125b", "D"),)), "verify", "E2_2025_LIST_INCOMPLETE",
     "unknown"),
    (facts("2025-09-30", convictions=(Conviction("53a-125b", "D"),)), "ineligible",
     "E2_NOT_QUALIFYING", "confirmed"),
    (facts(convictions=(Conviction("53a-125b", "E"),)), "eligible", "E2_NOT_QUALIFYING",
     "confirmed"),
    (facts(convictions=(Conviction("53a-125b", "class B felony"),)), "ineligible",
     "E2_QUALIFYING_CONVICTION", "confirmed"),
    # the 2025 list: the list is secondary, each row unverified: the weaker decides
    (facts(convictions=(Conviction("53a-71"),)), "verify", "E2_2025_LIST", "unverified"),
    (facts(convictions=(Conviction("53a-71", "C"),)), "verify", "E2_2025_LIST", "unverified"),
    (facts(convictions=(Conviction("53a-71", "B"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "confirmed"),
    (facts(convictions=(Conviction("53a-60"),)), "verify", "E2_2025_LIST", "unverified"),
    (facts(convictions=(Conviction("53-21"),)), "verify", "E2_2025_LIST", "unverified"),
    (facts(convictions=(Conviction("53-21(a)(2)"),)), "ineligible", "E2_QUALIFYING_CONVICTION",
     "confirmed"),
    # a recorded class that contradicts a confirmed table class is a reason of its own
    (facts(convictions=(Conviction("53a-101", "C"),)), "verify", "E2_CLASS_CONFLICT",
     "unverified"),
    (facts(convictions=(Conviction("53a-125b", "C"), Conviction("53a-101"))), "ineligible",
     "E2_QUALIFYING_CONVICTION", "confirmed"),
    (facts(violations=(V1, V7), convictions=(Conviction("53a-70"),)), "eligible", V7,
     "secondary"),
    # E3 applies like the others (its reason marked verify: secondary)
    (facts(tsdb=True), "ineligible", "E3_TSDB_MATCH", "secondary"),
    (facts(violations=(V1, V2), tsdb=True), "ineligible", "E3_TSDB_MATCH", "secondary"),
    (facts(tsdb=True, judicial=True), "ineligible", "E1_JUDICIAL_WARRANT", "confirmed"),
    # E3's reach over V6 is unknown: the attorney decides
    (facts(violations=(V1, "V6_CONFIDENTIAL_INFO"), tsdb=True), "verify",
     "V6_CONFIDENTIAL_INFO", "unknown"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("f", "expected", "code", "confidence"),
    ROWS,
    ids=[f"{r[1]}-{r[2]}-{i}" for i, r in enumerate(ROWS)],
)
def test_screening_table(f, expected, code, confidence):
    result = screen(f, TODAY)
    assert result.trust_act_action == expected, codes_of(result)
    assert code in codes_of(result)
    if confidence is not None:
        reason = next(r for r in result.reasons if r.code == code)
        assert reason.confidence == confidence, reason
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


def test_2025_list_reason_is_as_sure_as_its_weakest_part():
    """The 2025 list is secondary; 53a-71's own row is unverified: the reason is unverified."""
    result = screen(facts(convictions=(Conviction("53a-71"),)), TODAY)
    reason = next(r for r in result.reasons if r.code == "E2_2025_LIST")
    assert reason.confidence == "unverified"
    assert "secondary sources" in reason.text and "this row: unverified" in reason.text


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
        (facts(violations=(V2,)), ["section_52_571k"]),
        (facts(actor="corrections"), ["section_1983", "claims_commissioner"]),
        (facts(actor="state_police"), ["section_1983", "section_52_571k", "claims_commissioner"]),
        (facts(actor="criminal_justice", violations=(V2,)), ["claims_commissioner"]),
        (
            facts(actor="school_security"),
            ["section_1983", "false_imprisonment_7465", "claims_commissioner"],
        ),
        # university police: whether its officers are § 52-571k police officers is unverified
        (
            facts(actor="university_police"),
            ["section_1983", "section_52_571k", "false_imprisonment_7465", "claims_commissioner"],
        ),
        (facts(actor="other"), ["section_1983"]),
        (facts("2025-09-30"), ["section_1983", "section_52_571k", "false_imprisonment_7465"]),
    ],
)
def test_other_claims(f, expected):
    assert claims_of(screen(f, TODAY)) == expected


# Step 5: every claim with its limitation deadline, open or expired as of today.
CLAIM_ROWS = [
    # (incident, today, claim, status, limitation due)
    ("2025-11-03", "2026-06-01", "trust_act", "available", "2028-11-03"),
    ("2025-11-03", "2026-06-01", "section_1983", "available", "2028-11-03"),
    ("2025-11-03", "2026-06-01", "section_52_571k", "available", "2026-11-03"),
    ("2025-11-03", "2026-11-04", "section_52_571k", "expired", "2026-11-03"),
    ("2025-11-03", "2026-06-01", "false_imprisonment_7465", "available", "2027-11-03"),
    ("2021-06-30", "2023-06-01", "section_52_571k", "not_available", "2022-06-30"),
    ("2021-07-01", "2024-07-02", "section_1983", "expired", "2024-07-01"),
    ("2025-09-30", "2026-06-01", "trust_act", "not_available", "2028-09-30"),
    ("2025-11-03", "2026-06-01", "personal_data_4197", "optional", None),
    ("2025-11-03", "2026-06-01", "claims_commissioner", "not_available", "2026-11-03"),
]


@pytest.mark.parametrize(("day", "today", "claim", "status", "due"), CLAIM_ROWS)
def test_every_claim_with_its_deadline(day, today, claim, status, due):
    result = screen(facts(day), date.fromisoformat(today))
    found = {c.claim: c for c in result.claims}
    assert set(found) == set(default_pack().claims)
    item = found[claim]
    assert item.status == status, item.note
    if due is None:
        assert item.limitation is None
    else:
        assert item.limitation is not None and item.limitation.due.isoformat() == due
        assert item.limitation.status == ("expired" if status == "expired" else "open") or (
            status == "not_available"
        )
    if status == "expired":
        assert not item.offered and claim not in claims_of(result)
        assert item.note.startswith("Expired:")


def test_an_expired_notice_is_told_not_hidden():
    result = screen(facts("2025-11-03"), date(2026, 6, 1))
    fi = next(c for c in result.claims if c.claim == "false_imprisonment_7465")
    notice = next(d for d in fi.deadlines if d.rule_id == "CT_7465_NOTICE")
    assert notice.expired and "pre-suit notice period" in fi.note


def test_limitation_deadlines_carry_the_marshal_option_with_tayco():
    result = screen(facts("2025-11-03"), date(2026, 6, 1))
    limitation = next(c for c in result.claims if c.claim == "section_1983").limitation
    assert limitation is not None
    assert "§ 52-593a" in limitation.marshal and "Tayco" in limitation.marshal
    assert "safe target" in limitation.marshal


def test_the_federal_suit_notice_comes_with_every_result():
    for f in (facts(), facts("2025-09-30"), facts(actor="other")):
        result = screen(f, TODAY)
        assert [n.id for n in result.notices] == ["FEDERAL_SUIT_2026"]
        assert "federal suit" in result.notices[0].text


def test_other_claims_carry_citation_and_confidence():
    result = screen(facts(actor="school_security"), TODAY)
    for claim in result.other_claims:
        assert claim.title and claim.citation and claim.note
        assert claim.confidence in CONFIDENCES
    fi = next(c for c in result.claims if c.claim == "false_imprisonment_7465")
    assert fi.status == "verify" and "only if" in fi.note


def test_to_dict_shape():
    out = screen(facts(), TODAY).to_dict()
    assert set(out) == {
        "trust_act_action",
        "verify",
        "reasons",
        "claims",
        "other_claims",
        "notices",
        "law_version",
    }
    assert out["trust_act_action"] == "eligible"
    assert out["verify"] is True  # the municipal defendant's suability is secondary
    assert all(
        set(r) == {"code", "text", "citation", "confidence", "verify", "overridden"}
        for r in out["reasons"]
    )
    assert all(
        set(c) == {"claim", "title", "citation", "confidence", "note"} for c in out["other_claims"]
    )
    assert out["law_version"] == default_pack().version.label


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


@pytest.mark.parametrize(
    ("recorded", "day", "words"),
    [
        ("A", "2025-11-03", "class A felony as recorded by the attorney: a class A or B felony"),
        ("C", "2025-11-03", "(recorded class c felony), for conduct on or after"),
        ("C", "2025-09-30", "not a class A or B felony (the 2025 offense list does not reach it)"),
    ],
)
def test_recorded_class_reasons_say_felony(recorded: str, day: str, words: str) -> None:
    """A recorded class is worded as a felony class (a refactor once printed ``c.felony``)."""
    result = screen(facts(day, convictions=(Conviction("53a-999", recorded),)), today=TODAY)
    texts = " ".join(r.text for r in result.reasons)
    assert words in texts
    assert "c.felony" not in texts
