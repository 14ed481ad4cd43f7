"""Fictional matters every template is rendered against.

The names are chosen to break naive document generation: XML metacharacters, quotes, accents and
text that looks like a Jinja expression.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
    CONFIRMED,
    SECONDARY,
    UNKNOWN,
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
    jd_court_town="Danbury",
    jd_courthouse_address="146 White Street, Danbury, CT 06810",
    judicial_district_before_2025_10_01="Danbury",
    jd_confidence="medium",
)
AVON = Town(
    name="Avon",
    county="Hartford",
    judicial_district="Litchfield",
    jd_court_location="Litchfield at Torrington",
    jd_court_town="Torrington",
    jd_courthouse_address="50 Field Street, Torrington, CT",
    judicial_district_before_2025_10_01="Hartford",
    jd_confidence="high",
)
HARTFORD = Town(
    name="Hartford",
    county="Hartford",
    judicial_district="Hartford",
    jd_court_location="Hartford",
    jd_court_town="Hartford",
    jd_courthouse_address="95 Washington Street, Hartford, CT 06106",
    judicial_district_before_2025_10_01="Hartford",
    jd_confidence="high",
)
NEW_HAVEN = Town(
    name="New Haven",
    county="New Haven",
    judicial_district="New Haven",
    jd_court_location="New Haven",
    jd_court_town="New Haven",
    jd_courthouse_address="235 Church Street, New Haven, CT 06510",
    judicial_district_before_2025_10_01="New Haven",
    jd_confidence="high",
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

AVON_DAY = date(2025, 11, 10)
AVON_MATTER = MatterFacts(
    number="TA-2026-0002",
    status="active",
    client=Client(
        name="María Pérez",
        preferred_language="en",
        address="4 Lovely Street, Avon, CT",
        address_safe=True,
        email="maria@example.com",
        email_safe=True,
    ),
    incidents=(
        Incident(
            occurred_on=AVON_DAY,
            town="Avon",
            agency="Avon Police Department",
            agency_kind="municipal_police",
            violations=("V1_DETAIN_ON_DETAINER", "V4_ICE_INTERVIEW", "V8_OVER_48_HOURS"),
            convictions=(Conviction("53a-125b"),),
        ),
    ),
    custody=(
        CustodyEvent("arrest", datetime(2025, 11, 10, 8, 0, tzinfo=UTC)),
        CustodyEvent("release", datetime(2025, 11, 13, 10, 0, tzinfo=UTC)),
    ),
    parties=(
        Party("defendant", "Town of Avon", kind="municipality", agency="Avon Police Department"),
        Party("defendant", "Ofc. Lee", capacity="individual", kind="person"),
    ),
    claims=(CLAIM_TRUST_ACT, CLAIM_52571K),
    attorney=ATTORNEY,
    deadlines=(
        _deadline(
            "CT_52571K_SOL",
            "§ 52-571k action",
            date(2026, 11, 10),
            "§ 52-571k",
            SECONDARY,
        ),
    ),
    incident_town=AVON,
)

HARTFORD_DAY = date(2025, 10, 20)
NO_DAMAGES = MatterFacts(
    number="TA-2026-0003",
    status="screening",
    client=Client(name="Lin Chen", preferred_language="en"),
    incidents=(
        Incident(
            occurred_on=HARTFORD_DAY,
            town="Hartford",
            agency="Hartford Police Department",
            agency_kind="municipal_police",
            violations=("V3_ADMIN_WARRANT",),
            judicial_warrant=False,
        ),
    ),
    parties=(Party("defendant", "City of Hartford", kind="municipality"),),
    claims=(CLAIM_TRUST_ACT,),
    attorney=None,
    incident_town=HARTFORD,
)

STATE_DAY = date(2025, 10, 28)
STATE_MATTER = MatterFacts(
    number="TA-2026-0004",
    status="intake",
    client=Client(name="Kwame Mensah", preferred_language="es", phone="203-555-0199"),
    incidents=(
        Incident(
            occurred_on=STATE_DAY,
            town="New Haven",
            agency="New Haven Correctional Center",
            agency_kind="corrections",
            violations=("V2_NOTIFY_RELEASE", "V6_CONFIDENTIAL_INFO", "X9_SOMETHING_NEW"),
            tsdb_match=False,
        ),
    ),
    parties=(
        Party(
            "defendant",
            "State of Connecticut",
            kind="state",
            capacity="official",
            agency="New Haven Correctional Center",
            service_address="Office of the Attorney General\n165 Capitol Avenue\nHartford, CT",
        ),
    ),
    claims=(CLAIM_TRUST_ACT, CLAIM_CLAIMS_COMMISSIONER),
    attorney=ATTORNEY,
    incident_town=NEW_HAVEN,
    agencies=(
        Agency(
            name="New Haven Correctional Center",
            kind="corrections",
            town="New Haven",
            employer="State of Connecticut",
        ),
    ),
)

MATTERS: dict[str, MatterFacts] = {
    "nunez": NUNEZ,
    "avon": AVON_MATTER,
    "no-damages": NO_DAMAGES,
    "state": STATE_MATTER,
}

#: Computed values a caller would pass (the return date is a Tuesday, § 52-48).
EXTRA = {
    "return_date": date(2026, 1, 13),
    "serve_by": date(2026, 1, 1),
    "return_to_court_by": date(2026, 1, 6),
    "filing_date": date(2025, 12, 1),
}
