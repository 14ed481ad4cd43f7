"""A fictional, fully populated matter used to check templates.

Checking renders a template once with this context (to catch sandbox escapes and runtime errors)
and reads the context's shape (to catch misspelled fields such as ``client.nmae``). Every list is
non-empty and every optional value is set, so every field a real context can carry is present.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from casekit.docgen.context import build_context, build_report_context, is_report
from casekit.docgen.fees import fees_template_context
from casekit.domain import fees
from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CUSTODY_KINDS,
    Agency,
    Attorney,
    Client,
    Conviction,
    CustodyEvent,
    DeadlineView,
    Firm,
    Incident,
    MatterFacts,
    Party,
    Town,
)

PROBE_TODAY = date(2025, 11, 20)

PROBE_FIRM = Firm(
    name="Probe & Partners",
    address="1 Main Street\nHartford, CT 06103",
    phone="860-555-0000",
    email="office@probe.example",
    juris_number="000000",
)


def _deadline(rule_id: str, due: date, confidence: str) -> DeadlineView:
    return DeadlineView(
        rule_id=rule_id,
        title=rule_id.replace("_", " ").title(),
        due=due,
        safe_target=due,
        citation=default_pack().rules.get(rule_id).citation,
        confidence=confidence,
    )


PROBE_MATTER = MatterFacts(
    number="TA-0000-0000",
    status="active",
    client=Client(
        name="Pat Probe",
        preferred_name="Pat",
        preferred_language="en",
        phone="203-555-0000",
        phone_safe=True,
        email="pat@probe.example",
        email_safe=True,
        address="2 Elm Street, Avon, CT",
        address_safe=True,
    ),
    incidents=(
        Incident(
            occurred_on=date(2025, 10, 20),
            town="Avon",
            agency="Avon Police Department",
            agency_kind="municipal_police",
            occurred_at=datetime(2025, 10, 20, 14, 0, tzinfo=UTC),
            contact_type="traffic stop",
            violations=("V1_DETAIN_ON_DETAINER", "V2_NOTIFY_RELEASE"),
            convictions=(Conviction("53a-125b"),),
            narrative="First paragraph.\n\nSecond paragraph.",
            officers=("Ofc. One", "Ofc. Two"),
        ),
    ),
    custody=tuple(
        CustodyEvent(kind, datetime(2025, 10, 20, 15 + i, 0, tzinfo=UTC), note="note")
        for i, kind in enumerate(CUSTODY_KINDS)
    ),
    parties=(
        Party("defendant", "Town of Avon", kind="municipality", service_address="60 W Main"),
        Party("defendant", "Ofc. One", capacity="individual", kind="person"),
        Party("defendant", "State of Connecticut", capacity="official", kind="state"),
        Party("defendant", "Avon Police Department", kind="agency"),
    ),
    claims=tuple(default_pack().claims),
    attorney=Attorney(name="Alex Probe", juris_number="111111", email="alex@probe.example"),
    deadlines=(
        _deadline("CT_7465_NOTICE", date(2026, 4, 20), "confirmed"),
        _deadline("TRUST_ACT_SOL", date(2028, 10, 20), "unknown"),
    ),
    incident_town=Town(
        name="Avon",
        county="Hartford",
        judicial_district="Litchfield",
        jd_court_location="Litchfield at Torrington",
        jd_courthouse_address="50 Field Street, Torrington, CT",
        judicial_district_before_2025_10_01="Hartford",
        jd_court_town="Torrington",
    ),
    agencies=(
        Agency(
            name="Avon Police Department",
            kind="municipal_police",
            town="Avon",
            employer="Town of Avon",
            address="60 West Main Street, Avon, CT 06001",
        ),
    ),
)

PROBE_EXTRA = {
    "filing_date": date(2025, 12, 1),
    "return_date": date(2026, 1, 13),
    "serve_by": date(2026, 1, 1),
    "return_to_court_by": date(2026, 1, 6),
    "notice_deadline": date(2026, 4, 20),
    "response_date": date(2025, 12, 20),
    "notice_7465_given_on": date(2025, 11, 1),
    "claims_commissioner_authorized_on": date(2025, 11, 15),
}


@cache
def probe_context(template: str) -> dict[str, Any]:
    """The probe context for ``template`` (shared and cached: never mutate it)."""
    if template == "report-agencies":
        # The shape of casekit.services.reports.agencies_template_context (all values text).
        return {
            "lang": "en",
            "today": PROBE_TODAY,
            "document": {"name": template, "title": "Alleged violations by agency"},
            "firm": asdict(PROBE_FIRM),
            "title": "Alleged Trust Act violations by agency and violation",
            "note": "De-identified: a count is shown only when at least 5 clients are behind it.",
            "min_cell": 5,
            "columns": ["Agency", "Violation"],
            "rows": [
                {"group": "Avon Police Department", "detail": "V1_DETAIN_ON_DETAINER",
                 "count": "7"},
            ],
            "chart": "",
            "outcomes": [
                {"agency": "Avon Police Department", "outcome": "settlement", "count": "<5"},
            ],
        }  # fmt: skip
    if template == "report-fees":
        return _fees_probe()
    if is_report(template):
        rows = [
            ("TA-0000-0000", "Pat Probe", _deadline("CT_TORT_SOL", day, confidence))
            for day, confidence in (
                (date(2025, 11, 18), "confirmed"),
                (PROBE_TODAY, "secondary"),
                (date(2025, 11, 24), "unverified"),
                (date(2025, 12, 10), "unknown"),
            )
        ]
        return build_report_context(
            PROBE_FIRM, PROBE_TODAY, rows, [("TA-0000-0001", "Sam Probe")], days=30
        )
    return build_context(template, PROBE_MATTER, PROBE_FIRM, PROBE_TODAY, "en", PROBE_EXTRA)


def _fees_probe() -> dict[str, Any]:
    """The shape of ``casekit.docgen.fees.fees_template_context`` for an issued petition."""

    person = {"timekeeper_id": 1, "timekeeper": "Pat Probe", "role": "attorney"}
    entries = [
        fees.TimeFact(id=1, worked_on=date(2025, 11, 3), tenths=15, category="pleadings",
                      description="Draft the complaint", **person),  # type: ignore[arg-type]
        fees.TimeFact(id=2, worked_on=date(2025, 11, 4), tenths=3, category="foi",
                      description="Call the clerk", billable=False, **person),  # type: ignore[arg-type]
        fees.TimeFact(id=3, worked_on=date(2025, 11, 3), tenths=-15, category="pleadings",
                      description="Reversal of entry #1", corrects_id=1, **person),  # type: ignore[arg-type]
    ]  # fmt: skip
    rates = [fees.RateFact(1, date(2025, 1, 1), 35000, "Affidavit of Pat Probe")]
    costs = [fees.CostFact(1, date(2025, 11, 5), "filing_fee", "Entry fee", 36000,
                           receipt_sha256="0" * 64)]  # fmt: skip
    summary = fees.summarize(entries, rates, costs, through=PROBE_TODAY)
    return fees_template_context(
        summary,
        today=PROBE_TODAY,
        firm=asdict(PROBE_FIRM),
        matter={"number": "TA-0000-0000", "client": "Pat Probe",
                "defendants": ["Town of Avon"]},
        declarant={"name": "Pat Probe", "juris_number": "000000"},
        petition={"number": 1, "issued_on": PROBE_TODAY},
    )  # fmt: skip
