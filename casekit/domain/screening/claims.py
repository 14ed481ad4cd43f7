"""Screening step 5: every claim, with its limitation deadline, open or expired today.

trust-act.md § 4 step 5: "every claim (the Trust Act action and the other claims in § 2) is listed
with its limitation deadline and ``open`` or ``expired`` as of today; an expired claim is reported
as expired, never hidden and never offered as available". Each claim of the law pack gets a
status:

* ``available``: the facts support it and its limitation period is open;
* ``verify``: it may be available, but something it relies on needs the attorney;
* ``optional``: available, but only pleaded when the attorney chooses it (§ 4-197);
* ``expired``: its limitation period has passed;
* ``not_available``: the facts do not support it (the note says why).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import DeadlineResult, compute
from casekit.domain.lawpack import Actor, Claim, LawPack, Violation
from casekit.domain.screening.results import INELIGIBLE
from casekit.domain.screening.results import VERIFY as DECISION_VERIFY
from casekit.domain.vocabulary import CONFIRMED, SECONDARY, needs_verify, weakest

if TYPE_CHECKING:
    from casekit.domain.screening import ScreeningFacts

AVAILABLE = "available"
VERIFY = "verify"
OPTIONAL = "optional"
EXPIRED = "expired"
NOT_AVAILABLE = "not_available"
CLAIM_STATUSES = (AVAILABLE, VERIFY, OPTIONAL, EXPIRED, NOT_AVAILABLE)

_FIRM_LAW = frozenset({CONFIRMED, SECONDARY})


@dataclass(frozen=True)
class ClaimDeadline:
    """A limitation or notice deadline of a claim, as of today.

    Attributes:
        rule_id: The rule.
        title: What has to be done.
        kind: ``limitation`` or ``notice``.
        due: Legal last day.
        safe_target: Day to act by (the earliest safe under every reading).
        expired: ``due`` is before today.
        confidence: The deadline's confidence (weakest part).
        marshal: The § 52-593a option for a limitation period, in words ("" otherwise).
    """

    rule_id: str
    title: str
    kind: str
    due: date
    safe_target: date
    expired: bool
    confidence: str
    marshal: str = ""

    @property
    def status(self) -> str:
        """``open`` or ``expired``."""
        return EXPIRED if self.expired else "open"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "rule": self.rule_id,
            "title": self.title,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "safe_target": self.safe_target.isoformat(),
            "status": self.status,
            "confidence": self.confidence,
            "verify": needs_verify(self.confidence),
            "marshal_option": self.marshal,
        }


@dataclass(frozen=True)
class ClaimStatus:
    """One claim of the law pack, for this incident, today.

    Attributes:
        claim: The claim id.
        label: Its short name.
        title: Its count title.
        citation: Where it comes from.
        confidence: The weakest of the claim's own confidence and what its availability relies on.
        status: One of ``CLAIM_STATUSES``.
        note: Why (against whom, what relief, what is missing).
        deadlines: Its limitation deadline and pre-suit notices, open or expired.
        overridden: A firm override changed the claim.
    """

    claim: str
    label: str
    title: str
    citation: str
    confidence: str
    status: str
    note: str
    deadlines: tuple[ClaimDeadline, ...] = ()
    overridden: bool = False

    @property
    def offered(self) -> bool:
        """Shown as a claim the attorney can plead now (never when expired)."""
        return self.status in (AVAILABLE, VERIFY)

    @property
    def limitation(self) -> ClaimDeadline | None:
        """The limitation deadline, if the law pack knows one."""
        return next((d for d in self.deadlines if d.kind == "limitation"), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form."""
        return {
            "claim": self.claim,
            "label": self.label,
            "title": self.title,
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": needs_verify(self.confidence) or self.status == VERIFY,
            "status": self.status,
            "note": self.note,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "overridden": self.overridden,
        }


@dataclass(frozen=True)
class ClaimInputs:
    """What every claim is judged against: the incident's facts, the actor, the acts recorded,
    the Trust Act decision (steps 1-4), today, the law and the court calendar."""

    facts: ScreeningFacts
    actor: Actor
    acts: Sequence[Violation]
    decision: str
    today: date
    pack: LawPack
    calendar: CourtCalendar


def claim_statuses(given: ClaimInputs) -> tuple[ClaimStatus, ...]:
    """Every enabled claim of the pack, with its status and deadlines (trust-act.md § 4 step 5)."""
    return tuple(_status(claim, given) for claim in given.pack.claims.values() if claim.enabled)


def claim_deadlines(
    claim: Claim,
    incident: date,
    today: date,
    pack: LawPack,
    calendar: CourtCalendar,
    release: date | None = None,
) -> tuple[ClaimDeadline, ...]:
    """A claim's limitation and notice deadlines from the incident (and release) dates."""
    out: list[ClaimDeadline] = []
    triggers = {"incident": incident}
    if release is not None:
        triggers["release"] = release
    wanted = [(claim.limitation, "limitation"), *((n, "notice") for n in claim.notices)]
    for rule_id, kind in wanted:
        if not rule_id or rule_id not in pack.rules:
            continue
        rule = pack.rules[rule_id]
        start = triggers.get(rule.trigger_event, incident)
        result: DeadlineResult = compute(rule, start, calendar, other_triggers=triggers)
        out.append(
            ClaimDeadline(
                rule_id=rule.id,
                title=rule.title,
                kind=kind,
                due=result.due,
                safe_target=result.safe_target,
                expired=result.due < today,
                confidence=result.confidence,
                marshal=result.marshal_option or "",
            )
        )
    return tuple(out)


def _status(claim: Claim, given: ClaimInputs) -> ClaimStatus:
    when, actor = given.facts.incident_date, given.actor
    parts = [claim.confidence]
    notes: list[str] = [f"Against {claim.against}; {claim.relief}."]
    missing, doubts = _requirements(claim, given, parts)
    kinds = {"municipality": "municipality", "state": "state"}
    if kinds.get(actor.defendant) in claim.not_against and claim.not_against_reason:
        notes.append(claim.not_against_reason)
    if claim.note:
        notes.append(claim.note)
    deadlines = claim_deadlines(claim, when, given.today, given.pack, given.calendar)
    if not claim.limitation:
        doubts.append("its limitation period is unknown")
        parts.append("unknown")
    limitation = next((d for d in deadlines if d.kind == "limitation"), None)
    for d in deadlines:
        if d.kind == "notice" and d.expired:
            notes.append(
                f"The pre-suit notice period ({d.title}) ended on {d.due.isoformat()}, unless "
                "notice was given in time."
            )
    status, lead = _decide(claim, missing, doubts, limitation)
    if lead:
        notes.insert(0, lead)
    return ClaimStatus(
        claim=claim.id,
        label=claim.label,
        title=claim.title,
        citation=claim.citation,
        confidence=weakest(*parts),
        status=status,
        note=" ".join(notes),
        deadlines=deadlines,
        overridden=claim.overridden,
    )


def _requirements(
    claim: Claim, given: ClaimInputs, parts: list[str]
) -> tuple[list[str], list[str]]:
    """What the claim needs that the facts lack (``missing``) or leave in doubt (``doubts``);
    the confidence of each requirement relied on is added to ``parts``."""
    actor, pack = given.actor, given.pack
    missing: list[str] = []
    doubts: list[str] = []
    if claim.trust_act:
        if given.decision == INELIGIBLE:
            missing.append("the Trust Act screening decision is ineligible")
        elif given.decision == DECISION_VERIFY:
            doubts.append("the Trust Act screening decision needs the attorney")
    if claim.effective_from is not None:
        since = claim.effective_from
        parts.append(since.confidence)
        if given.facts.incident_date < since.day:
            missing.append(f"it reaches incidents on or after {since.day.isoformat()}")
    if claim.requires_seizure and not any(a.seizure for a in given.acts):
        seizing = ", ".join(v.short for v in pack.violations.values() if v.seizure)
        missing.append(f"no seizure of the person is recorded ({seizing})")
    if claim.requires_police:
        _police_requirement(actor, missing, doubts, parts)
    if claim.requires_defendant:
        if actor.defendant not in claim.requires_defendant:
            answered = pack.defendants[actor.defendant].title
            missing.append(f"{actor.title} is answered for by {answered}")
        elif actor.defendant == "depends":
            doubts.append(f"only if {actor.title}'s employer is one this claim reaches")
    return missing, doubts


def _police_requirement(
    actor: Actor, missing: list[str], doubts: list[str], parts: list[str]
) -> None:
    """A claim against police officers (§ 52-571k) needs a police agency."""
    if not actor.police:
        missing.append(f"{actor.title} is not a police agency")
        return
    parts.append(actor.police_confidence)
    if actor.police_confidence not in _FIRM_LAW:
        doubts.append(
            f"whether {actor.title} officers are police officers here is {actor.police_confidence}"
        )


def _decide(
    claim: Claim, missing: list[str], doubts: list[str], limitation: ClaimDeadline | None
) -> tuple[str, str]:
    """The claim's status and the sentence that explains it (an expired claim is never offered
    as available: trust-act.md § 4 step 5)."""
    if missing:
        return NOT_AVAILABLE, f"Not available: {'; '.join(missing)}."
    if limitation is not None and limitation.expired:
        return EXPIRED, (
            f"Expired: the limitation period ({limitation.rule_id}) ended on "
            f"{limitation.due.isoformat()}."
        )
    if claim.optional:
        return OPTIONAL, "Optional: pleaded only when the attorney chooses it."
    if doubts or claim.confidence not in _FIRM_LAW:
        return VERIFY, f"Verify: {'; '.join(doubts)}." if doubts else ""
    return AVAILABLE, ""
