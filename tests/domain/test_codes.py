"""Violation, exception and actor codes as data (trust-act.md § 1)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.domain import codes
from casekit.domain.lawpack import default_pack
from casekit.errors import InvalidInput

VIOLATIONS = {
    "V1_DETAIN_ON_DETAINER": "confirmed",
    "V2_NOTIFY_RELEASE": "secondary",
    "V3_ADMIN_WARRANT": "unverified",
    "V4_ICE_INTERVIEW": "secondary",
    "V5_IMMIGRATION_FUNCTIONS": "unverified",
    "V6_CONFIDENTIAL_INFO": "unverified",
    "V7_NO_DETAINER_NOTICE": "secondary",
    # a federal limit (confirmed); as a violation of § 54-192h unverified (trust-act.md § 1)
    "V8_OVER_48_HOURS": "unverified",
}
EXCEPTIONS = {
    "E1_JUDICIAL_WARRANT": "confirmed",
    "E2_QUALIFYING_CONVICTION": "confirmed",
    "E3_TSDB_MATCH": "secondary",
}


def test_violations_and_exceptions_match_the_law():
    assert {k: v.confidence for k, v in codes.violations().items()} == VIOLATIONS
    assert {k: v.confidence for k, v in codes.exceptions().items()} == EXCEPTIONS
    assert all(c.title and c.citation for c in codes.violations().values())
    assert {c.short for c in codes.violations().values() if c.seizure} == {"V1", "V3", "V8"}
    v8 = codes.violation("V8")
    assert not v8.trust_act_violation
    assert (v8.federal_citation, v8.federal_confidence) == ("8 C.F.R. § 287.7(d)", "confirmed")


def test_actor_kinds():
    actors = codes.actors()
    agency_kinds = {
        "municipal_police",
        "state_police",
        "corrections",
        "criminal_justice",
        "university_police",
        "school_security",
        "judicial_marshal",
        "parole_board",
        "other",
    }
    extra = {"state_marshal", "adult_probation", "bail_commissioner", "juvenile_probation"}
    assert set(actors) == agency_kinds | extra
    added_2025 = {k for k, a in actors.items() if a.covered_from == date(2025, 10, 1)}
    assert added_2025 == {"criminal_justice", "parole_board", "juvenile_probation", "other"}
    assert actors["juvenile_probation"].confidence == "secondary"
    assert actors["criminal_justice"].confidence == "confirmed"
    assert actors["parole_board"].named_2025 and actors["criminal_justice"].named_2025


def test_act_2025_public_act_is_secondary():
    # trust-act.md § 6a: P.A. 25-29 from a dataset built from LegiScan (secondary)
    act = default_pack().act_2025
    assert act.bill == "HB 7259" and act.effective == date(2025, 10, 1)
    assert default_pack().dates["ACT_2025"].confidence == "confirmed"
    assert (act.public_act, act.public_act_confidence) == ("P.A. 25-29", "secondary")


def test_placements_without_a_source_are_not_confirmed():
    actors = codes.actors()
    assert actors["state_marshal"].defendant == "unknown"
    assert actors["state_marshal"].defendant_confidence == "unknown"
    assert actors["university_police"].police_confidence == "unverified"
    assert actors["criminal_justice"].defendant_confidence == "confirmed"
    assert default_pack().defendants["state"].suable == "unknown"


@pytest.mark.parametrize("typed", ["V1", "v1", "V1_DETAIN_ON_DETAINER", " v1_detain_on_detainer "])
def test_violation_lookup(typed):
    assert codes.violation(typed).id == "V1_DETAIN_ON_DETAINER"


def test_unknown_codes():
    with pytest.raises(InvalidInput, match="unknown violation code 'V9'"):
        codes.violation("V9")
    with pytest.raises(InvalidInput, match="unknown actor kind 'sheriff'"):
        codes.actor("sheriff")
