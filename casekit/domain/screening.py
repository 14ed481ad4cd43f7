"""Trust Act screening: is there a 2025 private action for this incident, and what else is there?

``screen`` follows trust-act.md § 4 step by step and returns a decision with reasons, each citing
the law-pack entry it rests on with the weakest confidence of what it relies on:

1. Date: on or after the firm's cut-off (default: the 2025 act's effective date, ``secondary``:
   "prospective only") the 2025 action applies; earlier conduct has no Trust Act action (other
   claims remain).
2. Actor covered on that date (actors.toml), and who answers for it and whether the 2025 action
   reaches that defendant (the State's suability is a firm setting, default ``unknown``).
3. At least one prohibited act recorded.
4. Exceptions, per act, by the Reach table: an exception excuses only the acts it reaches.
5. Every claim with its limitation deadline, ``open`` or ``expired`` as of today (an expired
   claim is never offered as available); step 6 (over-detention hours) is
   ``custody.over_detention``.

The decision (trust-act.md § 4, 2026-12 revision): ``eligible`` when date, actor and defendant
allow the action and at least one recorded act is not excused and rests on ``confirmed`` or
``secondary`` law; ``ineligible`` when the date or actor rules the action out, no act is recorded,
or every recorded act is excused by an exception that reaches it; ``verify`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.domain.calendar import CourtCalendar
from casekit.domain.lawpack import (
    EXCUSES,
    REACH_UNKNOWN,
    Actor,
    Claim,
    LawPack,
    Notice,
    Violation,
    default_pack,
)
from casekit.domain.model import Conviction, Incident
from casekit.domain.reasons import (
    APPLIES,
    DEFEATS,
    INFO,
    MAYBE,
    NEEDS_VERIFY,
    NONE,
    SUPPORTS,
    Reason,
)
from casekit.domain.screening_claims import ClaimStatus, claim_statuses
from casekit.domain.screening_convictions import conviction_reason
from casekit.domain.vocabulary import CONFIRMED, SECONDARY, UNKNOWN, weakest
from casekit.errors import InvalidInput

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
class OtherClaim:
    """A claim other than the Trust Act action that the facts support (older callers' view of
    :class:`ClaimStatus`)."""

    claim: str
    title: str
    citation: str
    confidence: str
    note: str

    def to_dict(self) -> dict[str, str]:
        """``{"claim", "title", "citation", "confidence", "note"}``."""
        return {
            "claim": self.claim,
            "title": self.title,
            "citation": self.citation,
            "confidence": self.confidence,
            "note": self.note,
        }


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


@dataclass
class _Exception:
    """An exception the facts raise, before the Reach table is applied."""

    id: str
    level: int
    reason: Reason
    extra: list[Reason] = field(default_factory=list)


def screen(
    facts: ScreeningFacts,
    today: date,
    pack: LawPack | None = None,
    calendar: CourtCalendar | None = None,
) -> ScreeningResult:
    """Decide whether an incident supports a 2025 Trust Act action (trust-act.md § 4).

    Args:
        facts: The incident's facts.
        today: Today's date (never read from the clock).
        pack: The law in force (default: the shipped pack with no firm overrides).
        calendar: Court days for the claims' limitation deadlines (default: holidays only).

    Returns:
        The decision, its reasons, every claim with its deadline, the notices.

    Raises:
        InvalidInput: The incident date is after today; the actor kind or a violation code is
            unknown; a recorded felony class is not a class; both a judicial warrant and "only an
            administrative warrant" are recorded; a conviction has no section.
    """
    law = pack or default_pack()
    if facts.incident_date > today:
        raise InvalidInput("the incident date is after today; check the date")
    if facts.judicial_warrant and facts.administrative_warrant_only:
        raise InvalidInput(
            "a judicial warrant and 'only an administrative warrant' cannot both be recorded"
        )
    actor = law.actor(facts.actor)
    acts = _violations(facts.violations, law)
    when = facts.incident_date
    date_reason, in_force = _date_reason(when, law)
    reasons: list[Reason] = [date_reason]
    actor_reasons, actor_ok = _actor_reasons(actor, when, in_force, law)
    reasons.extend(actor_reasons)
    found = _exceptions(facts, law)
    outcomes = {act.id: _act_outcome(act, found, law) for act in acts}
    if not acts:
        reasons.append(
            Reason(
                "NO_VIOLATION",
                "No prohibited act is recorded; at least one (V1-V8) is needed.",
                law.act_2025.statute,
                CONFIRMED,
                DEFEATS,
            )
        )
    all_excused = bool(acts) and all(o[0] == EXCUSED for o in outcomes.values())
    carried = [a for a in acts if outcomes[a.id][0] == UNEXCUSED and a.confidence in FIRM_LAW]
    if not in_force or actor_ok is False or not acts or all_excused:
        decision = INELIGIBLE
    elif carried and actor_ok is True and date_reason.confidence in FIRM_LAW:
        decision = ELIGIBLE
    else:
        decision = VERIFY
    for act in acts:
        reasons.append(_act_reason(act, outcomes[act.id], decision, law))
    reasons.extend(_exception_reasons(facts, found, acts, law))
    claims = claim_statuses(
        facts=facts,
        actor=actor,
        acts=acts,
        decision=decision,
        today=today,
        pack=law,
        calendar=calendar or CourtCalendar(),
    )
    return ScreeningResult(
        trust_act_action=decision,
        reasons=tuple(reasons),
        claims=claims,
        notices=law.notices_for("trust_act"),
        law_version=law.version.label,
    )


# --- steps ---------------------------------------------------------------------------------------


def _violations(raw: tuple[str, ...], law: LawPack) -> list[Violation]:
    seen: dict[str, Violation] = {}
    for item in raw:
        if not item.strip():
            continue
        code = law.violation(item)
        seen.setdefault(code.id, code)
    return list(seen.values())


def _date_reason(when: date, law: LawPack) -> tuple[Reason, bool]:
    """Step 1: is the incident within the 2025 action's reach in time?"""
    cutoff = law.settings["trust_act_conduct_from"]
    act_2025 = law.dates["ACT_2025"]
    act_2019 = law.dates["ACT_2019"]
    start: date = cutoff.value
    if when >= start:
        if when >= act_2025.date:
            return (
                Reason(
                    "DATE_ACTION_IN_FORCE",
                    f"Incident on or after {act_2025.date.isoformat()} ({act_2025.title}): the "
                    "2025 Trust Act action, its covered actors and its offense list apply.",
                    f"{act_2025.citation}, effective {act_2025.date.isoformat()}",
                    act_2025.confidence,
                    SUPPORTS,
                    act_2025.overridden,
                ),
                True,
            )
        return (
            Reason(
                "DATE_BEFORE_EFFECTIVE_FIRM_READING",
                f"Incident before {act_2025.date.isoformat()}, when the 2025 action took effect, "
                f"but on or after {start.isoformat()}, the firm's reading of how far back the "
                f"action reaches ({cutoff.title.lower()}).",
                cutoff.citation,
                weakest(cutoff.confidence, act_2025.confidence),
                SUPPORTS,
                True,
            ),
            True,
        )
    governed = (
        f"a violation of {act_2019.title} (from {act_2019.date.isoformat()})"
        if when >= act_2019.date
        else f"conduct before {act_2019.title} took effect ({act_2019.date.isoformat()})"
    )
    code = "DATE_2019_ACT_ONLY" if when >= act_2019.date else "DATE_BEFORE_2019_ACT"
    return (
        Reason(
            code,
            f"Incident before {start.isoformat()}: {governed}, but the 2025 private action "
            f"reaches only conduct on or after {start.isoformat()} ("
            f"{cutoff.note.rstrip('.')}). Other claims remain.",
            f"{cutoff.citation}; {act_2019.citation}",
            weakest(cutoff.confidence, act_2019.confidence),
            DEFEATS,
            cutoff.overridden,
        ),
        False,
    )


def _actor_reasons(
    actor: Actor, when: date, in_force: bool, law: LawPack
) -> tuple[list[Reason], bool | None]:
    """Step 2: covered on that date? Who answers, and does the action reach them?

    Returns the reasons and whether the actor allows the action: True, False (rules it out) or
    None (the attorney must decide).
    """
    since = law.dates.get(actor.covered_from_id)
    since_text = f"{actor.covered_from.isoformat()}" + (f", {since.title}" if since else "")
    coverage = weakest(actor.coverage_confidence, since.confidence if since else CONFIRMED)
    if when < actor.covered_from:
        if actor.covered_from_id == "ACT_2025":
            text = f"{actor.title}: added by the 2025 act, a covered actor only from {since_text}."
        else:
            # casekit's sources define coverage from this date; what came before is not in them,
            # so say that, rather than that the actor was not covered.
            text = (
                f"{actor.title}: covered under the definition in force from {since_text}; "
                "casekit's sources do not give its coverage before that date."
            )
        return (
            [
                Reason(
                    "ACTOR_NOT_YET_COVERED",
                    text,
                    actor.citation,
                    coverage,
                    DEFEATS if in_force else INFO,
                    actor.overridden,
                )
            ],
            False if in_force else True,
        )
    if actor.coverage_confidence not in FIRM_LAW:
        note = f" {actor.note}" if actor.note else ""
        reason = Reason(
            "ACTOR_COVERAGE_UNKNOWN",
            f"{actor.title}: whether its officers or employees are covered is "
            f"{actor.coverage_confidence}; check the enacted text.{note}",
            actor.citation,
            coverage,
            NEEDS_VERIFY if in_force else INFO,
            actor.overridden,
        )
        return [reason], None
    out = [
        Reason(
            "ACTOR_COVERED",
            f"{actor.title}: a covered actor (from {since_text}).",
            actor.citation,
            coverage,
            SUPPORTS if in_force else INFO,
            actor.overridden,
        )
    ]
    if not in_force:
        return out, True  # no 2025 action: who would answer it does not matter
    defendant_reason, allows = _defendant_reason(actor, law)
    out.append(defendant_reason)
    return out, allows


def _defendant_reason(actor: Actor, law: LawPack) -> tuple[Reason, bool | None]:
    """Who answers the 2025 action for this actor, and whether the action reaches them."""
    kind = law.defendant_of(actor)
    confidence = weakest(actor.defendant_confidence, kind.suable_confidence)
    overridden = actor.overridden or kind.overridden
    service = f"{kind.service} ({kind.service_citation})"
    note = f" {kind.suable_note}" if kind.suable_note else ""
    placement = (
        ""
        if actor.defendant_confidence == CONFIRMED
        else f" (placing {actor.title} here is {actor.defendant_confidence})"
    )
    citation = f"{kind.suable_citation}; {kind.service_citation}"
    if kind.suable == "no":
        return (
            Reason(
                f"DEFENDANT_{kind.kind.upper()}_NOT_SUABLE",
                f"{actor.title}: answered for by {kind.title}{placement}, which the 2025 action "
                f"does not reach.{note}",
                citation,
                confidence,
                DEFEATS,
                overridden,
            ),
            False,
        )
    if kind.suable == "yes" and actor.defendant_confidence in FIRM_LAW:
        effect_ok = kind.suable_confidence in FIRM_LAW
        return (
            Reason(
                f"DEFENDANT_{kind.kind.upper()}",
                f"Defendant: {kind.title}{placement}; {service}. The 2025 action reaches it.{note}",
                citation,
                confidence,
                SUPPORTS if effect_ok else NEEDS_VERIFY,
                overridden,
            ),
            True if effect_ok else None,
        )
    if kind.suable == "yes":  # reachable, but the actor's placement is not sure enough
        text = (
            f"Defendant: {kind.title}{placement}; {service}. The 2025 action reaches it, once the "
            "placement is checked."
        )
        code = f"DEFENDANT_{kind.kind.upper()}_PLACEMENT"
    elif kind.kind == "state":
        text = (
            f"{actor.title} is a State agency{placement}: whether the 2025 action can be brought "
            f"against the State is unknown.{note} Decide before pleading a Trust Act count."
        )
        code = "DEFENDANT_STATE_UNKNOWN"
    elif kind.kind == "depends":
        text = f"{actor.title}: {kind.title}.{note}"
        code = "DEFENDANT_DEPENDS_ON_EMPLOYER"
    else:
        text = (
            f"{actor.title}: who answers for its conduct is not in casekit's sources"
            f"{'; ' + actor.note if actor.note else ''}."
        )
        code = "DEFENDANT_UNKNOWN"
    confidence = weakest(confidence, UNKNOWN)
    return Reason(code, text, citation, confidence, NEEDS_VERIFY, overridden), None


def _exceptions(facts: ScreeningFacts, law: LawPack) -> list[_Exception]:
    """The exceptions the facts raise (E1 judicial warrant, E2 convictions, E3 database match)."""
    found: list[_Exception] = []
    if facts.judicial_warrant:
        e1 = law.exceptions["E1_JUDICIAL_WARRANT"]
        found.append(
            _Exception(
                e1.id,
                APPLIES,
                Reason(
                    e1.id,
                    "A warrant issued or signed by a judicial officer accompanied the detainer.",
                    e1.citation,
                    e1.confidence,
                    overridden=e1.overridden,
                ),
            )
        )
    if facts.convictions:
        results = [conviction_reason(c, facts.incident_date, law) for c in facts.convictions]
        level = max(r[0] for r in results)
        best = max(results, key=lambda r: r[0])[1]
        others = [r[1] for r in results if r[1] is not best]
        found.append(_Exception("E2_QUALIFYING_CONVICTION", level, best, others))
    if facts.tsdb_match:
        e3 = law.exceptions["E3_TSDB_MATCH"]
        # E3 applies like E1 and E2 (trust-act.md § 1, 2026-12): the result is "ineligible", with
        # this reason marked verify because E3 rests on secondary sources.
        found.append(
            _Exception(
                e3.id,
                APPLIES,
                Reason(
                    e3.id,
                    "Identified as a possible match in the Terrorist Screening Database or a "
                    "similar database.",
                    e3.citation,
                    e3.confidence,
                    overridden=e3.overridden,
                ),
            )
        )
    return found


def _act_outcome(
    act: Violation, found: list[_Exception], law: LawPack
) -> tuple[str, str, list[str]]:
    """Whether ``act`` is excused: (outcome, confidence of that outcome, words for each exception).

    An exception excuses an act only where the Reach table says it does, on confirmed or
    secondary law, and only when the exception plainly applies; an uncertain exception or an
    uncertain cell makes the act "maybe" (the attorney decides).
    """
    outcome = UNEXCUSED
    confidence = act.confidence
    words: list[str] = []
    for exc in found:
        if exc.level == NONE:
            continue
        cell = law.reach_of(act.id, exc.id)
        short = law.exceptions[exc.id].short
        basis = weakest(cell.confidence, exc.reason.confidence)
        if cell.effect == EXCUSES and cell.confidence in FIRM_LAW and exc.level == APPLIES:
            if outcome != EXCUSED:
                outcome, confidence = EXCUSED, basis
            else:
                confidence = _stronger(confidence, basis)
            words.append(f"{short} excuses it ({cell.confidence})")
        elif cell.effect in (EXCUSES, REACH_UNKNOWN):
            if outcome == UNEXCUSED:
                outcome, confidence = MAYBE_EXCUSED, weakest(basis, act.confidence)
            reach = "may excuse it" if cell.effect == EXCUSES else "may or may not reach it"
            words.append(f"{short} {reach} ({cell.confidence}{_note(cell.note)})")
        else:
            words.append(f"{short} does not reach it{_note(cell.note)}")
    return outcome, confidence, words


def _act_reason(
    act: Violation, outcome: tuple[str, str, list[str]], decision: str, law: LawPack
) -> Reason:
    status, confidence, words = outcome
    title = act.title + (f" ({act.note})" if act.note else "")
    tail = f" Exceptions: {'; '.join(words)}." if words else ""
    if status == EXCUSED:
        return Reason(
            act.id,
            f"{title}. Excused.{tail}",
            act.citation,
            confidence,
            DEFEATS if decision == INELIGIBLE else INFO,
            act.overridden,
        )
    if status == MAYBE_EXCUSED:
        return Reason(
            act.id,
            f"{title}. Whether an exception excuses it needs the attorney.{tail}",
            act.citation,
            confidence,
            NEEDS_VERIFY,
            act.overridden,
        )
    if act.confidence in FIRM_LAW:
        return Reason(act.id, f"{title}.{tail}", act.citation, act.confidence, SUPPORTS,
                      act.overridden)  # fmt: skip
    as_what = (
        f" As a violation of {law.act_2025.statute} it rests on "
        f"{act.confidence} law; the federal limit is {act.federal_confidence} "
        f"({act.federal_citation})."
        if not act.trust_act_violation
        else f" It rests on {act.confidence} law."
    )
    return Reason(
        act.id,
        f"{title}.{as_what}{tail}",
        act.citation,
        act.confidence,
        NEEDS_VERIFY,
        act.overridden,
    )


def _exception_reasons(
    facts: ScreeningFacts, found: list[_Exception], acts: list[Violation], law: LawPack
) -> list[Reason]:
    out: list[Reason] = []
    for exc in found:
        cells = [law.reach_of(a.id, exc.id) for a in acts]
        reaches = [c for c in cells if c.effect == EXCUSES and c.confidence in FIRM_LAW]
        confidence = weakest(exc.reason.confidence, *(c.confidence for c in reaches))
        effect = INFO
        if exc.level == MAYBE and any(c.effect != "none" for c in cells):
            effect = NEEDS_VERIFY
        r = exc.reason
        out.append(Reason(r.code, r.text, r.citation, confidence, effect, r.overridden))
        out.extend(exc.extra)
    if not found and acts:
        out.append(
            Reason(
                "NO_EXCEPTION",
                "No exception is recorded: no judicial warrant, no qualifying conviction, no "
                "database match.",
                law.act_2025.statute,
                CONFIRMED,
                SUPPORTS,
            )
        )
    if facts.administrative_warrant_only:
        e1 = law.exceptions["E1_JUDICIAL_WARRANT"]
        out.append(
            Reason(
                "ADMIN_WARRANT_NOT_JUDICIAL",
                "Only an administrative warrant (I-200, I-205, Notice to Appear) was recorded: it "
                "is not a judicial warrant and never satisfies E1.",
                f"{e1.citation}(a)",
                CONFIRMED,
                SUPPORTS,
            )
        )
    return out


def _stronger(a: str, b: str) -> str:
    """The stronger of two confidences (the better-founded of two ways to the same result)."""
    return a if weakest(a, b) == b else b


def _note(note: str) -> str:
    return f": {note}" if note else ""


__all__ = [
    "ACTIONS",
    "DEFEATS",
    "ELIGIBLE",
    "INELIGIBLE",
    "INFO",
    "NEEDS_VERIFY",
    "SUPPORTS",
    "VERIFY",
    "Claim",
    "ClaimStatus",
    "Reason",
    "OtherClaim",
    "ScreeningFacts",
    "ScreeningResult",
    "screen",
]
