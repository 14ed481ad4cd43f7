"""The demand letter's matter, copied from ``tests/docgen/sample.py`` (never imported here).

The names are chosen to break naive document generation: XML metacharacters, quotes, accents and
text that looks like a Jinja expression; escaping them is part of the work measured.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
    CONFIRMED,
    UNKNOWN,
    Agency,
    Attorney,
    Client,
    CustodyEvent,
    DeadlineView,
    Firm,
    Incident,
    MatterFacts,
    Party,
    Town,
)

TODAY = date(2025, 11, 20)
EASTERN = timezone(timedelta(hours=-5))

HOSTILE_NAME = "José Núñez-O'Brien & Hijos <LLC> {{ 7*7 }}"

FIRM = Firm(
    name='Smith & Jones <LLP> "Trust Act" Clinic',
    address="100 Pearl Street, Suite 4\nHartford, CT 06103",
    phone="(860) 555-0100",
    email="intake@smith-jones.example",
    juris_number="123456",
)

ATTORNEY = Attorney(
    name="Ana Ruiz-O'Connor", juris_number="654321", email="ana@smith-jones.example"
)

DANBURY = Town(
    name="Danbury",
    county="Fairfield",
    judicial_district="Danbury",
    jd_court_location="Danbury",
    jd_courthouse_address="146 White Street, Danbury, CT 06810",
    judicial_district_before_2025_10_01="Danbury",
    jd_confidence="medium",
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=EASTERN)


def _deadline(
    rule_id: str, title: str, due: date, citation: str, confidence: str = CONFIRMED
) -> DeadlineView:
    return DeadlineView(
        rule_id=rule_id,
        title=title,
        due=due,
        safe_target=due - timedelta(days=due.weekday() - 4) if due.weekday() > 4 else due,
        citation=citation,
        confidence=confidence,
    )


DANBURY_DAY = date(2025, 11, 3)
NUNEZ = MatterFacts(
    number="TA-2026-0001",
    status="active",
    client=Client(
        name=HOSTILE_NAME,
        preferred_name="José",
        preferred_language="es",
        phone="(203) 555-0142",
        phone_safe=True,
        email="jose@example.com",
        email_safe=False,
        address="12 Elm St & Main <Apt 2>, Danbury, CT",
        address_safe=False,
        a_number="A123-456-789",
        immigration_status="undocumented",
    ),
    incidents=(
        Incident(
            occurred_on=DANBURY_DAY,
            town="Danbury",
            agency="Danbury Police Department",
            agency_kind="municipal_police",
            occurred_at=_at(DANBURY_DAY, 14, 15),
            contact_type="traffic stop",
            violations=("V1_DETAIN_ON_DETAINER", "V2_NOTIFY_RELEASE", "V7_NO_DETAINER_NOTICE"),
            narrative="Officers stopped the car on Main St & White St <near the park>.\n\n"
            'The desk sergeant said: "ICE wants him" and kept the plaintiff {{ overnight }}.',
            officers=("Sgt. P. O'Malley", "Ofc. R. Díaz"),
        ),
    ),
    custody=(
        CustodyEvent("arrest", _at(DANBURY_DAY, 14, 40)),
        CustodyEvent("booking", _at(DANBURY_DAY, 15, 30)),
        CustodyEvent("detainer_received", _at(DANBURY_DAY, 18, 5), note="I-247A by fax"),
        CustodyEvent("scheduled_release", _at(DANBURY_DAY + timedelta(days=1), 9, 0)),
        CustodyEvent("release_to_ice", _at(DANBURY_DAY + timedelta(days=1), 16, 30)),
    ),
    parties=(
        Party("plaintiff", HOSTILE_NAME, kind="person"),
        Party(
            "defendant",
            "City of Danbury",
            kind="municipality",
            service_address="155 Deer Hill Avenue\nDanbury, CT 06810",
            agency="Danbury Police Department",
            town="Danbury",
        ),
        Party(
            "defendant",
            "Sgt. P. O'Malley",
            capacity="individual",
            kind="person",
            agency="Danbury Police Department",
        ),
    ),
    claims=(CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_FALSE_IMPRISONMENT),
    attorney=ATTORNEY,
    deadlines=(
        _deadline(
            "CT_7465_NOTICE",
            "Notice of intent to sue to the town clerk",
            date(2026, 5, 3),
            "§ 7-465(a)",
        ),
        _deadline(
            "TRUST_ACT_SOL",
            "Trust Act action",
            date(2028, 11, 3),
            "§ 54-192h (2025); § 52-577",
            UNKNOWN,
        ),
        _deadline(
            "CT_FOI_RESPONSE",
            "FOI response due",
            date(2025, 11, 14),
            "§ 1-206(a)",
        ),
        _deadline("CT_TORT_SOL", "Tort action", date(2028, 11, 3), "§ 52-577"),
    ),
    incident_town=DANBURY,
    agencies=(
        Agency(
            name="Danbury Police Department",
            kind="municipal_police",
            town="Danbury",
            employer="Town of Danbury",
            address="375 Main Street, Danbury, CT 06810",
        ),
    ),
)


#: Computed values a caller would pass (the return date is a Tuesday, § 52-48).
EXTRA = {
    "return_date": date(2026, 1, 13),
    "serve_by": date(2026, 1, 1),
    "return_to_court_by": date(2026, 1, 6),
    "filing_date": date(2025, 12, 1),
}
