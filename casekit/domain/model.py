"""Value objects that cross layers: services build them from stored rows, docgen and the TUI read
them. Frozen dataclasses, no behaviour beyond small derived properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# Confidence words (exactly as trust-act.md defines them), the "verify" test and matter statuses
# live in casekit.domain.vocabulary (no dataclasses: the dashboard imports them before the first
# paint); they are part of this model.
from casekit.domain.vocabulary import (  # re-exported: `X as X` marks each one
    CONFIDENCES as CONFIDENCES,
)
from casekit.domain.vocabulary import (
    CONFIRMED as CONFIRMED,
)
from casekit.domain.vocabulary import (
    DEADLINE_STATUSES as DEADLINE_STATUSES,
)
from casekit.domain.vocabulary import (
    MATTER_STATUSES as MATTER_STATUSES,
)
from casekit.domain.vocabulary import (
    PARTY_ROLES as PARTY_ROLES,
)
from casekit.domain.vocabulary import (
    SECONDARY as SECONDARY,
)
from casekit.domain.vocabulary import (
    UNKNOWN as UNKNOWN,
)
from casekit.domain.vocabulary import (
    UNVERIFIED as UNVERIFIED,
)
from casekit.domain.vocabulary import (
    Confidence as Confidence,
)
from casekit.domain.vocabulary import (
    DeadlineStatus as DeadlineStatus,
)
from casekit.domain.vocabulary import (
    DefendantKind as DefendantKind,
)
from casekit.domain.vocabulary import (
    MatterStatus as MatterStatus,
)
from casekit.domain.vocabulary import (
    PartyRole as PartyRole,
)
from casekit.domain.vocabulary import Verifiable
from casekit.domain.vocabulary import (
    needs_verify as needs_verify,
)

# Claim ids the code refers to by name (the claims themselves, with their titles, citations and
# labels, are the law pack's: casekit/domain/data/claims.toml; a test checks these ids exist).
CLAIM_TRUST_ACT = "trust_act"
CLAIM_1983 = "section_1983"
CLAIM_52571K = "section_52_571k"
CLAIM_FALSE_IMPRISONMENT = "false_imprisonment_7465"
CLAIM_CLAIMS_COMMISSIONER = "claims_commissioner"

CUSTODY_KINDS = (
    "arrest",
    "booking",
    "detainer_received",
    "scheduled_release",
    "release_to_ice",
    "release",
)
EVIDENCE_KINDS = (
    "detainer",
    "administrative-warrant",
    "judicial-warrant",
    "booking-record",
    "release-log",
    "communication",
    "video",
    "foi-response",
    "witness-statement",
    "conviction-record",
    "receipt",  # a cost's receipt (casekit.services.fees.costs): kept in the vault like evidence
    "other",
)


@dataclass(frozen=True)
class Firm:
    name: str
    address: str
    phone: str
    email: str
    juris_number: str


@dataclass(frozen=True)
class Attorney:
    name: str
    juris_number: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Town:
    name: str
    county: str
    judicial_district: str
    jd_court_location: str
    jd_courthouse_address: str
    judicial_district_before_2025_10_01: str
    jd_confidence: str = ""
    #: The courthouse town a caption names ("AT ROCKVILLE"); empty on old data: the district.
    jd_court_town: str = ""
    jd_court_note: str = ""
    #: The municipality as it sues and is sued ("City of Hartford"), its clerk's title where a
    #: source names it, and the clerk's street address where the firm or the registry has one.
    legal_name: str = ""
    clerk_title: str = ""
    clerk_address: str = ""

    def judicial_district_on(self, day: date) -> str:
        """P.A. 25-91 moved six towns to the Litchfield J.D. (towns.csv; the date is the law
        pack's ``JD_REALIGNMENT_2025``)."""
        from casekit.domain.lawpack import default_pack

        if day < default_pack().date_of("JD_REALIGNMENT_2025"):
            return self.judicial_district_before_2025_10_01 or self.judicial_district
        return self.judicial_district


@dataclass(frozen=True)
class Agency:
    name: str
    kind: str
    town: str | None
    employer: str
    address: str = ""
    address_status: str = ""


@dataclass(frozen=True)
class Client:
    name: str
    preferred_name: str = ""
    date_of_birth: date | None = None
    preferred_language: str = "en"
    phone: str = ""
    phone_safe: bool = False
    email: str = ""
    email_safe: bool = False
    address: str = ""
    address_safe: bool = False
    # Sensitive: left out of every export unless explicitly included.
    a_number: str = ""
    immigration_status: str = ""


@dataclass(frozen=True)
class Conviction:
    section: str
    felony_class: str | None = None  # recorded by the attorney; None = look up the table


@dataclass(frozen=True)
class Incident:
    occurred_on: date
    town: str
    agency: str
    agency_kind: str
    occurred_at: datetime | None = None
    contact_type: str = ""
    violations: tuple[str, ...] = ()
    judicial_warrant: bool = False
    convictions: tuple[Conviction, ...] = ()
    tsdb_match: bool = False
    narrative: str = ""
    officers: tuple[str, ...] = ()


@dataclass(frozen=True)
class CustodyEvent:
    kind: str
    at: datetime
    note: str = ""


@dataclass(frozen=True)
class Party:
    role: str
    name: str
    capacity: str = ""  # official | individual | "" (entity)
    kind: str = ""  # municipality | state | agency | person
    service_address: str = ""
    agency: str | None = None
    town: str | None = None


@dataclass(frozen=True)
class DeadlineView(Verifiable):
    rule_id: str
    title: str
    due: date
    safe_target: date
    citation: str
    confidence: str
    status: str = "open"
    trigger_event: str = ""
    trigger_date: date | None = None
    trail: tuple[str, ...] = ()
    overridden: bool = False


@dataclass(frozen=True)
class EvidenceItem:
    kind: str
    description: str
    sha256: str
    obtained_on: date | None = None
    source: str = ""
    proves: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatterFacts:
    """Everything a document or screen needs about one matter, in plain values."""

    number: str
    status: str
    client: Client
    incidents: tuple[Incident, ...]
    custody: tuple[CustodyEvent, ...] = ()
    parties: tuple[Party, ...] = ()
    claims: tuple[str, ...] = ()
    relief_sought: str = ""
    attorney: Attorney | None = None
    deadlines: tuple[DeadlineView, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    incident_town: Town | None = None
    agencies: tuple[Agency, ...] = field(default_factory=tuple)
    #: Every town the matter mentions (incidents, parties, agencies): addressees' clerks.
    towns: tuple[Town, ...] = field(default_factory=tuple)

    @property
    def defendants(self) -> tuple[Party, ...]:
        return tuple(p for p in self.parties if p.role == "defendant")

    @property
    def seeks_damages(self) -> bool:
        from casekit.domain.lawpack import default_pack

        claims = default_pack().claims
        return any(c in claims and claims[c].damages for c in self.claims)
