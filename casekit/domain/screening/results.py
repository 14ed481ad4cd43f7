"""What screening works from and what it returns: the facts, the decision words, the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.lawpack import (
    Notice,
)
from casekit.domain.model import Conviction, Incident
from casekit.domain.reasons import (
    Reason,
)
from casekit.domain.records import PlainRecord
from casekit.domain.vocabulary import CONFIRMED, SECONDARY

ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
VERIFY = "verify"
ACTIONS = (ELIGIBLE, INELIGIBLE, VERIFY)

#: Law that can carry a decision on its own (trust-act.md § 4: "confirmed or secondary").
FIRM_LAW = frozenset({CONFIRMED, SECONDARY})

# Per-act outcomes.
EXCUSED = "excused"
MAYBE_EXCUSED = "maybe"
UNEXCUSED = "unexcused"

if TYPE_CHECKING:
    from casekit.domain.screening.claims import ClaimStatus


@dataclass(frozen=True)
class ScreeningFacts:
    """The facts screening needs about one incident.

    Attributes:
        incident_date: When police acted.
        actor: Actor kind (actors.toml), e.g. ``municipal_police``.
        violations: Prohibited acts, full ids (``V1_DETAIN_ON_DETAINER``) or short (``V1``).
        judicial_warrant: A warrant issued or signed by a judicial officer accompanied the detainer.
        convictions: Convictions (not arrests or charges), with the class when the attorney
            recorded it.
        tsdb_match: The person was identified as a possible Terrorist Screening Database match.
        administrative_warrant_only: Only an ICE administrative warrant (I-200, I-205) existed.
    """

    incident_date: date
    actor: str
    violations: tuple[str, ...]
    judicial_warrant: bool = False
    convictions: tuple[Conviction, ...] = ()
    tsdb_match: bool = False
    administrative_warrant_only: bool = False

    @classmethod
    def from_incident(cls, incident: Incident) -> ScreeningFacts:
        """Take the screening facts from a stored incident."""
        return cls(
            incident_date=incident.occurred_on,
            actor=incident.agency_kind,
            violations=tuple(incident.violations),
            judicial_warrant=incident.judicial_warrant,
            convictions=tuple(incident.convictions),
            tsdb_match=incident.tsdb_match,
        )


@dataclass(frozen=True)
class OtherClaim(PlainRecord):
    """A claim other than the Trust Act action that the facts support (older callers' view of
    :class:`ClaimStatus`)."""

    claim: str
    title: str
    citation: str
    confidence: str
    note: str


@dataclass(frozen=True)
class ScreeningResult:
    """The screening decision.

    Attributes:
        trust_act_action: ``eligible``, ``ineligible`` or ``verify``.
        reasons: Every step, in order, each with citation and confidence.
        claims: Every claim of the law pack with its status and limitation deadline (step 5).
        notices: Notices the law pack attaches to Trust Act results (the 2026 federal suit).
        law_version: The law pack version the decision came from.
    """

    trust_act_action: str
    reasons: tuple[Reason, ...]
    claims: tuple[ClaimStatus, ...] = ()
    notices: tuple[Notice, ...] = ()
    law_version: str = ""

    @property
    def verify(self) -> bool:
        """The attorney must decide something before relying on the result."""
        return self.trust_act_action == VERIFY

    @property
    def other_claims(self) -> tuple[OtherClaim, ...]:
        """Claims other than the Trust Act action that are open to the client now."""
        return tuple(
            OtherClaim(c.claim, c.title, c.citation, c.confidence, c.note)
            for c in self.claims
            if c.claim != "trust_act" and c.offered
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "trust_act_action": self.trust_act_action,
            "verify": self.verify or any(r.verify for r in self.reasons),
            "reasons": [r.to_dict() for r in self.reasons],
            "claims": [c.to_dict() for c in self.claims],
            "other_claims": [c.to_dict() for c in self.other_claims],
            "notices": [
                {"id": n.id, "text": n.text, "citation": n.citation, "confidence": n.confidence}
                for n in self.notices
            ],
            "law_version": self.law_version,
        }
