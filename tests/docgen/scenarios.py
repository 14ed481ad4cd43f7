"""Demo scenarios for the pleading plan (issue 13): each a matter a litigator would recognise.

municipal-v1   Danbury police hold the plaintiff on a detainer (V1, V2, V7); the city and two of
               its officers are defendants.
doc            A Department of Correction facility holds the plaintiff past release (V1) and
               tells ICE (V2); only the State is a defendant.
state-police   A State Police trooper tells ICE of the release (V2 only); the State and the
               trooper are defendants.
several        Two towns (Danbury, Bethel), an officer of each, and a third officer named in the
               facts who is not a party.
late-7465      A Waterbury detention in January 2025: the six-month § 7-465 period has ended.
trust-act-only The Danbury hold, pleaded against the city on the Trust Act claim alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
    Agency,
    Client,
    CustodyEvent,
    Incident,
    MatterFacts,
    Party,
)
from tests.docgen.sample import ATTORNEY, DANBURY, HARTFORD, NEW_HAVEN

TODAY = date(2025, 11, 20)
EASTERN = timezone(timedelta(hours=-5))
ALL_CLAIMS = (
    CLAIM_TRUST_ACT,
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_CLAIMS_COMMISSIONER,
)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=EASTERN)


def custody(day: date, *, held_hours: int) -> tuple[CustodyEvent, ...]:
    due = at(day + timedelta(days=1), 9)
    return (
        CustodyEvent("arrest", at(day, 14, 40)),
        CustodyEvent("detainer_received", at(day, 18, 5), note="I-247A by fax"),
        CustodyEvent("scheduled_release", due),
        CustodyEvent("release_to_ice", due + timedelta(hours=held_hours)),
    )


DAY = date(2025, 11, 3)  # a Monday

MUNICIPAL = MatterFacts(
    number="TA-2026-0101",
    status="active",
    client=Client(name="Rosa Díaz"),
    incidents=(
        Incident(
            occurred_on=DAY,
            town="Danbury",
            agency="Danbury Police Department",
            agency_kind="municipal_police",
            occurred_at=at(DAY, 14, 15),
            violations=("V1", "V2", "V7"),
            narrative="Officers stopped the plaintiff's car on Main Street.",
            officers=("Sgt. P. O'Malley", "Ofc. R. Díaz"),
        ),
    ),
    custody=custody(DAY, held_hours=7),
    parties=(
        Party(
            "defendant",
            "City of Danbury",
            kind="municipality",
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
        Party(
            "defendant",
            "Ofc. R. Díaz",
            capacity="individual",
            kind="person",
            agency="Danbury Police Department",
        ),
    ),  # fmt: skip
    claims=(CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT),
    attorney=ATTORNEY,
    incident_town=DANBURY,
    agencies=(
        Agency("Danbury Police Department", "municipal_police", "Danbury", "City of Danbury"),
    ),
)

DOC = MatterFacts(
    number="TA-2026-0102",
    status="active",
    client=Client(name="Kwame Mensah"),
    incidents=(
        Incident(
            occurred_on=DAY,
            town="New Haven",
            agency="New Haven Correctional Center",
            agency_kind="corrections",
            violations=("V1", "V2"),
            narrative="The plaintiff was due to leave at nine in the morning.",
        ),
    ),
    custody=custody(DAY, held_hours=20),
    parties=(
        Party(
            "defendant",
            "State of Connecticut",
            kind="state",
            capacity="official",
            agency="New Haven Correctional Center",
        ),
    ),  # fmt: skip
    claims=ALL_CLAIMS,
    attorney=ATTORNEY,
    incident_town=NEW_HAVEN,
    agencies=(
        Agency("New Haven Correctional Center", "corrections", "New Haven", "State of Connecticut"),
    ),
)

STATE_POLICE = MatterFacts(
    number="TA-2026-0103",
    status="active",
    client=Client(name="Lin Chen"),
    incidents=(
        Incident(
            occurred_on=DAY,
            town="Hartford",
            agency="State Police Troop H",
            agency_kind="state_police",
            violations=("V2",),
            officers=("Tpr. A. Kowalski",),
        ),
    ),
    custody=(
        CustodyEvent("arrest", at(DAY, 10)),
        CustodyEvent("release", at(DAY, 16)),
    ),
    parties=(
        Party(
            "defendant",
            "State of Connecticut",
            kind="state",
            capacity="official",
            agency="State Police Troop H",
        ),
        Party(
            "defendant",
            "Tpr. A. Kowalski",
            capacity="individual",
            kind="person",
            agency="State Police Troop H",
        ),
    ),  # fmt: skip
    claims=(CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT),
    attorney=ATTORNEY,
    incident_town=HARTFORD,
    agencies=(Agency("State Police Troop H", "state_police", "Hartford", "State of Connecticut"),),
)

BETHEL_DAY = date(2025, 11, 5)
SEVERAL = MatterFacts(
    number="TA-2026-0104",
    status="active",
    client=Client(name="Ana García"),
    incidents=(
        Incident(
            occurred_on=DAY,
            town="Danbury",
            agency="Danbury Police Department",
            agency_kind="municipal_police",
            violations=("V1",),
            officers=("Sgt. P. O'Malley",),
        ),
        Incident(
            occurred_on=BETHEL_DAY,
            town="Bethel",
            agency="Bethel Police Department",
            agency_kind="municipal_police",
            violations=("V1", "V4"),
            officers=("Ofc. J. Brennan", "Det. M. Osei"),
        ),
    ),
    custody=custody(DAY, held_hours=5),
    parties=(
        Party(
            "defendant",
            "City of Danbury",
            kind="municipality",
            agency="Danbury Police Department",
            town="Danbury",
        ),
        Party(
            "defendant",
            "Town of Bethel",
            kind="municipality",
            agency="Bethel Police Department",
            town="Bethel",
        ),
        Party("defendant", "Sgt. P. O'Malley", capacity="individual", kind="person"),
        Party("defendant", "Ofc. J. Brennan", capacity="individual", kind="person"),
        Party(
            "defendant",
            "Lt. K. Nakamura",
            capacity="individual",
            kind="person",
            agency="Bethel Police Department",
        ),
    ),  # fmt: skip
    claims=(CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT),
    attorney=ATTORNEY,
    incident_town=DANBURY,
    agencies=(
        Agency("Danbury Police Department", "municipal_police", "Danbury", "City of Danbury"),
        Agency("Bethel Police Department", "municipal_police", "Bethel", "Town of Bethel"),
    ),
)

LATE_DAY = date(2025, 1, 10)
LATE = MatterFacts(
    number="TA-2026-0105",
    status="active",
    client=Client(name="Omar Haddad"),
    incidents=(
        Incident(
            occurred_on=LATE_DAY,
            town="Waterbury",
            agency="Waterbury Police Department",
            agency_kind="municipal_police",
            violations=("V1",),
            officers=("Ofc. T. Russo",),
            narrative="The police kept the client overnight. I asked why and they said ICE.",
        ),
    ),
    custody=custody(LATE_DAY, held_hours=6),
    parties=(
        Party(
            "defendant",
            "City of Waterbury",
            kind="municipality",
            agency="Waterbury Police Department",
            town="Waterbury",
        ),
        Party(
            "defendant",
            "Ofc. T. Russo",
            capacity="individual",
            kind="person",
            agency="Waterbury Police Department",
        ),
    ),  # fmt: skip
    claims=(CLAIM_1983, CLAIM_FALSE_IMPRISONMENT),
    attorney=ATTORNEY,
    incident_town=DANBURY,
    agencies=(
        Agency("Waterbury Police Department", "municipal_police", "Waterbury", "City of Waterbury"),
    ),
)

TRUST_ACT_ONLY = replace(
    MUNICIPAL,
    number="TA-2026-0106",
    parties=MUNICIPAL.parties[:1],
    claims=(CLAIM_TRUST_ACT,),
)

SCENARIOS: dict[str, MatterFacts] = {
    "municipal-v1": MUNICIPAL,
    "trust-act-only": TRUST_ACT_ONLY,
    "doc": DOC,
    "state-police": STATE_POLICE,
    "several": SEVERAL,
    "late-7465": LATE,
}
