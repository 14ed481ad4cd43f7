"""Trust Act screening: is there a 2025 private action for this incident, and what else is there?

``screen`` follows trust-act.md § 4 step by step and returns a decision with reasons, each citing
its rule with its confidence:

1. Date. On or after 2025-10-01 the 2025 action, actors and offense list apply; 2019-10-01 to
   2025-09-30 is a violation of the 2019 act with no Trust Act action; earlier, no action at all.
2. Actor covered (the 2025 additions only from 2025-10-01).
3. At least one prohibited act (V1-V8).
4. No exception (E1 judicial warrant, E2 qualifying conviction, E3 database match). Exceptions make
   cooperation lawful for V1/V2 only. A conviction found only on the 2025 list yields "verify".

The decision is ``ineligible`` when a rule rules the action out, else ``verify`` when anything needs
the attorney's judgement (unknown or secondary law that would decide against the client), else
``eligible``. Deadlines (§ 4 step 5) are the planner's job; over-detention hours (step 6) are
``custody.over_detention``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casekit.domain import codes, offenses
from casekit.domain.codes import (
    DEFENDANT_DEPENDS,
    DEFENDANT_MUNICIPALITY,
    DEFENDANT_STATE,
    Actor,
    Code,
)
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CONFIRMED,
    SECONDARY,
    UNKNOWN,
    Conviction,
    Incident,
)
from casekit.errors import InvalidInput

ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
VERIFY = "verify"
ACTIONS = (ELIGIBLE, INELIGIBLE, VERIFY)

#: 2019 amendments (P.A. 19-20, P.A. 19-23) in force (trust-act.md § 1, confirmed).
ACT_2019_EFFECTIVE = date(2019, 10, 1)
#: The 2025 private action (HB 7259) in force (trust-act.md § 1, confirmed).
ACT_2025_EFFECTIVE = date(2025, 10, 1)
#: § 52-571k reaches incidents on or after this day (trust-act.md § 2, secondary).
SECTION_52571K_EFFECTIVE = date(2021, 7, 1)

# Reason effects: how a reason bears on the decision (not part of to_dict).
SUPPORTS = "supports"
DEFEATS = "defeats"
NEEDS_VERIFY = "verify"
INFO = "info"

# Exceptions make cooperation lawful for these acts only (trust-act.md § 1, "Exceptions").
_EXCUSABLE = frozenset({"V1_DETAIN_ON_DETAINER", "V2_NOTIFY_RELEASE"})
_RECORDED_CLASSES = ("A", "B", "C", "D", "E", "UNCLASSIFIED", "MISDEMEANOR")
_TRUST_ACT = "§ 54-192h"
_TRUST_ACT_2025 = "§ 54-192h as amended by HB 7259 (2025)"

# Exception outcomes, strongest first.
_APPLIES = 2
_MAYBE = 1
_NONE = 0


@dataclass(frozen=True)
class ScreeningFacts:
    """The facts screening needs about one incident.

    Attributes:
        incident_date: When police acted.
        actor: Actor kind (``codes.actors()``), e.g. ``municipal_police``.
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
class Reason:
    """One step of the decision.

    Attributes:
        code: Stable code (``DATE_ACTION_IN_FORCE``, ``V1_DETAIN_ON_DETAINER``, ``E2_2025_LIST``).
        text: One or two sentences for the attorney.
        citation: The rule it rests on.
        confidence: The confidence word of that rule.
        effect: ``supports``, ``defeats``, ``verify`` or ``info`` (for display; not in to_dict).
    """

    code: str
    text: str
    citation: str
    confidence: str
    effect: str = INFO

    def to_dict(self) -> dict[str, str]:
        """``{"code", "text", "citation", "confidence"}``."""
        return {
            "code": self.code,
            "text": self.text,
            "citation": self.citation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class OtherClaim:
    """A claim other than the Trust Act action that the facts suggest (trust-act.md § 2).

    Attributes:
        claim: A ``model.CLAIMS`` key.
        title: The claim's name.
        citation: Where it comes from.
        confidence: How sure.
        note: Against whom, what relief, limits.
    """

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
        other_claims: Other claims the facts suggest.
    """

    trust_act_action: str
    reasons: tuple[Reason, ...]
    other_claims: tuple[OtherClaim, ...]

    @property
    def verify(self) -> bool:
        """The attorney must decide something before relying on the result."""
        return self.trust_act_action == VERIFY

    def to_dict(self) -> dict[str, Any]:
        """``{"trust_act_action", "reasons": [...], "other_claims": [...]}``."""
        return {
            "trust_act_action": self.trust_act_action,
            "reasons": [r.to_dict() for r in self.reasons],
            "other_claims": [c.to_dict() for c in self.other_claims],
        }


def screen(facts: ScreeningFacts, today: date) -> ScreeningResult:
    """Decide whether an incident supports a 2025 Trust Act action (trust-act.md § 4).

    Args:
        facts: The incident's facts.
        today: Today's date (never read from the clock).

    Returns:
        The decision, its reasons and the other claims.

    Raises:
        InvalidInput: The incident date is after today; the actor kind or a violation code is
            unknown; a recorded felony class is not a class; both a judicial warrant and "only an
            administrative warrant" are recorded; a conviction has no section.
    """
    if facts.incident_date > today:
        raise InvalidInput("the incident date is after today; check the date")
    if facts.judicial_warrant and facts.administrative_warrant_only:
        raise InvalidInput(
            "a judicial warrant and 'only an administrative warrant' cannot both be recorded"
        )
    actor = codes.actor(facts.actor)
    acts = _violations(facts.violations)
    when = facts.incident_date
    in_force = when >= ACT_2025_EFFECTIVE
    reasons: list[Reason] = [_date_reason(when)]
    reasons.extend(_actor_reasons(actor, when))
    if not acts:
        reasons.append(
            Reason(
                "NO_VIOLATION",
                "No prohibited act is recorded; at least one (V1-V8) is needed.",
                _TRUST_ACT,
                CONFIRMED,
                DEFEATS,
            )
        )
    for act in acts:
        text = act.title + (f" ({act.note})" if act.note else "")
        reasons.append(Reason(act.id, text, act.citation, act.confidence, SUPPORTS))
    reasons.extend(_exception_reasons(facts, acts, in_force))
    effects = {r.effect for r in reasons}
    if DEFEATS in effects:
        decision = INELIGIBLE
    elif NEEDS_VERIFY in effects:
        decision = VERIFY
    else:
        decision = ELIGIBLE
    return ScreeningResult(
        trust_act_action=decision,
        reasons=tuple(reasons),
        other_claims=_other_claims(actor, acts, when),
    )


# --- steps ---------------------------------------------------------------------------------------


def _violations(raw: tuple[str, ...]) -> list[Code]:
    seen: dict[str, Code] = {}
    for item in raw:
        if not item.strip():
            continue
        code = codes.violation(item)
        seen.setdefault(code.id, code)
    return list(seen.values())


def _date_reason(when: date) -> Reason:
    if when >= ACT_2025_EFFECTIVE:
        return Reason(
            "DATE_ACTION_IN_FORCE",
            "Incident on or after 2025-10-01: the 2025 Trust Act action (HB 7259), its covered "
            "actors and its offense list apply.",
            f"{_TRUST_ACT_2025}, effective 2025-10-01",
            CONFIRMED,
            SUPPORTS,
        )
    if when >= ACT_2019_EFFECTIVE:
        return Reason(
            "DATE_2019_ACT_ONLY",
            "Incident from 2019-10-01 to 2025-09-30: a violation of the 2019 act, but the Trust "
            "Act private action reaches only conduct on or after 2025-10-01. Other claims remain.",
            f"{_TRUST_ACT} (P.A. 19-20, P.A. 19-23); HB 7259 (2025), effective 2025-10-01",
            CONFIRMED,
            DEFEATS,
        )
    return Reason(
        "DATE_BEFORE_2019_ACT",
        "Incident before 2019-10-01, when the 2019 amendments took effect: no Trust Act private "
        "action. Other claims may remain.",
        f"{_TRUST_ACT} (P.A. 19-20, P.A. 19-23, effective 2019-10-01)",
        CONFIRMED,
        DEFEATS,
    )


def _actor_reasons(actor: Actor, when: date) -> list[Reason]:
    if actor.kind == "other":
        # "other" cannot be placed: never guess coverage silently (trust-act.md, `unknown`).
        return [
            Reason(
                "ACTOR_COVERAGE_UNKNOWN",
                "Actor kind 'other': check whether this agency's officers or employees are "
                "covered. 2025 reporting says the rules reach state and municipal employees "
                "generally (secondary).",
                actor.citation,
                UNKNOWN,
                NEEDS_VERIFY,
            )
        ]
    if when < actor.covered_from:
        return [
            Reason(
                "ACTOR_NOT_YET_COVERED",
                f"{actor.title}: covered only from {actor.covered_from.isoformat()} (2025 "
                f"addition).",
                actor.citation,
                actor.confidence,
                DEFEATS,
            )
        ]
    out: list[Reason] = []
    if actor.confidence == CONFIRMED:
        out.append(
            Reason(
                "ACTOR_COVERED",
                f"{actor.title}: a covered actor.",
                actor.citation,
                actor.confidence,
                SUPPORTS,
            )
        )
    else:
        out.append(
            Reason(
                "ACTOR_COVERAGE_UNCONFIRMED",
                f"{actor.title}: reported as added in 2025, but only by {actor.confidence} "
                f"sources; check the enacted text.",
                actor.citation,
                actor.confidence,
                NEEDS_VERIFY,
            )
        )
    if when < ACT_2025_EFFECTIVE:
        return out  # no 2025 action: who would answer it does not matter
    out.append(_defendant_reason(actor))
    return out


def _defendant_reason(actor: Actor) -> Reason:
    """Who answers the 2025 action for this actor (trust-act.md § 2 and § 7).

    The 2025 action runs against "a municipality or its agents" (CT Mirror, secondary); whether it
    reaches State agencies is ``unknown`` (§ 7 open questions), so a State actor normally yields
    "verify". The exception is an actor the 2025 act itself adds by name (the Division of Criminal
    Justice and the Board of Pardons and Paroles, ``confirmed``): the same act that creates the
    action brings them under the statute, and the project's acceptance examples treat DCJ as
    eligible. casekit follows that reading and says so in the reason; the firm can see it.
    """
    if actor.defendant == DEFENDANT_MUNICIPALITY:
        return Reason(
            "DEFENDANT_MUNICIPALITY",
            "The town or city answers for its police (sued in its own name; process on its "
            "clerk, assistant clerk, mayor or manager, § 52-57(b)(1)). The action reaches a "
            "municipality or its agents; a municipality found in violation pays costs and fees.",
            f"{_TRUST_ACT_2025}; § 52-57(b)(1)",
            SECONDARY,
            SUPPORTS,
        )
    if actor.defendant == DEFENDANT_STATE and actor.named_2025:
        return Reason(
            "DEFENDANT_NAMED_2025",
            f"The 2025 act itself names {actor.title} as covered, so casekit treats the 2025 "
            "action as reaching it. Defendant: the State or the agency head in an official "
            "capacity; process on the Attorney General (§ 52-64).",
            f"{actor.citation}; § 52-64",
            actor.confidence,
            SUPPORTS,
        )
    if actor.defendant == DEFENDANT_STATE:
        return Reason(
            "DEFENDANT_STATE_UNKNOWN",
            f"{actor.title} is a State agency: whether the 2025 action can be brought against "
            "the State is unknown (sovereign immunity is waived only expressly). Decide before "
            "pleading a Trust Act count; the Claims Commissioner route remains.",
            f"{_TRUST_ACT_2025}; §§ 4-141 to 4-165",
            UNKNOWN,
            NEEDS_VERIFY,
        )
    if actor.defendant == DEFENDANT_DEPENDS:
        return Reason(
            "DEFENDANT_DEPENDS_ON_EMPLOYER",
            f"{actor.title}: the employer decides who answers. A town or school district unit is "
            "a municipal agent; a State college or university unit is a State agency (whether "
            "the action reaches the State is unknown); check a private institution's coverage.",
            _TRUST_ACT_2025,
            UNKNOWN,
            NEEDS_VERIFY,
        )
    return Reason(  # pragma: no cover - only "other" has an unknown defendant, handled above
        "DEFENDANT_UNKNOWN",
        "Who answers for this actor is unknown.",
        _TRUST_ACT,
        UNKNOWN,
        NEEDS_VERIFY,
    )


def _exception_reasons(facts: ScreeningFacts, acts: list[Code], in_force: bool) -> list[Reason]:
    found: list[tuple[int, Reason]] = []
    if facts.judicial_warrant:
        found.append(
            (
                _APPLIES,
                Reason(
                    "E1_JUDICIAL_WARRANT",
                    "A warrant issued or signed by a judicial officer accompanied the detainer: "
                    "cooperation on V1/V2 was lawful.",
                    _TRUST_ACT,
                    CONFIRMED,
                ),
            )
        )
    for conviction in facts.convictions:
        found.append(_conviction(conviction, in_force))
    if facts.tsdb_match:
        # E3 rests on secondary sources only. A secondary exception that would defeat the claim
        # yields "verify", not "ineligible": the same treatment trust-act.md § 4 gives a
        # conviction found only on the (secondary) 2025 list, and the acceptance example for
        # 53a-71. casekit never decides against a client on law it has not confirmed.
        found.append(
            (
                _MAYBE,
                Reason(
                    "E3_TSDB_MATCH",
                    "Identified as a possible match in the Terrorist Screening Database or a "
                    "similar database: this exception is reported by secondary sources only; "
                    "verify it before relying on it.",
                    _TRUST_ACT,
                    SECONDARY,
                ),
            )
        )
    out: list[Reason] = []
    if facts.administrative_warrant_only:
        out.append(
            Reason(
                "ADMIN_WARRANT_NOT_JUDICIAL",
                "Only an administrative warrant (I-200, I-205, Notice to Appear) was recorded: it "
                "is not a judicial warrant and never satisfies E1.",
                f"{_TRUST_ACT}(a)",
                CONFIRMED,
                SUPPORTS,
            )
        )
    strongest = max((level for level, _ in found), default=_NONE)
    excusable = [a for a in acts if a.id in _EXCUSABLE]
    remaining = [a for a in acts if a.id not in _EXCUSABLE]
    if strongest == _NONE:
        if acts:
            out.append(
                Reason(
                    "NO_EXCEPTION",
                    "No exception is recorded: no judicial warrant, no qualifying conviction, no "
                    "database match.",
                    _TRUST_ACT,
                    CONFIRMED,
                    SUPPORTS,
                )
            )
        return [r for _, r in found] + out
    # An exception only reaches V1/V2; other prohibited acts still support the action.
    blocks = bool(excusable) and not remaining
    for level, reason in found:
        if level == _APPLIES:
            effect = DEFEATS if blocks else INFO
        elif level == _MAYBE:
            effect = NEEDS_VERIFY if blocks and strongest == _MAYBE else INFO
        else:
            effect = INFO
        out.append(Reason(reason.code, reason.text, reason.citation, reason.confidence, effect))
    if excusable and remaining:
        out.append(
            Reason(
                "EXCEPTION_LIMITED_TO_V1_V2",
                "Exceptions make cooperation lawful only for V1/V2; "
                f"{', '.join(a.short for a in remaining)} still support the action.",
                _TRUST_ACT,
                CONFIRMED,
                SUPPORTS,
            )
        )
    return out


def _conviction(conviction: Conviction, in_force: bool) -> tuple[int, Reason]:
    """E2 for one conviction: (_APPLIES | _MAYBE | _NONE, reason)."""
    status = offenses.lookup(conviction.section)
    if not status.section:
        raise InvalidInput("a conviction needs a statute section, e.g. 53a-101")
    sec = f"§ {status.section}"
    recorded = _recorded_class(conviction.felony_class)
    listed = in_force and status.on_2025_list
    list_text = (
        f"{sec} is on the 2025 offense list only by secondary sources (the section itself is "
        "unverified)"
    )
    if recorded in ("A", "B"):
        return _APPLIES, Reason(
            "E2_QUALIFYING_CONVICTION",
            f"Conviction under {sec}, class {recorded} felony as recorded by the attorney: a "
            "class A or B felony conviction makes cooperation on V1/V2 lawful.",
            _TRUST_ACT,
            CONFIRMED,
        )
    if recorded is not None:
        if listed:
            return _MAYBE, Reason(
                "E2_2025_LIST",
                f"Conviction under {sec} (recorded class {recorded.lower()}): {list_text}; "
                "verify whether it is a 2025 offense.",
                f"{_TRUST_ACT_2025}",
                SECONDARY,
            )
        return _NONE, Reason(
            "E2_NOT_QUALIFYING",
            f"Conviction under {sec} (recorded class {recorded.lower()}): not a class A or B "
            "felony, so E2 does not apply.",
            _TRUST_ACT,
            CONFIRMED,
        )
    felony = status.felony
    if felony is not None and status.class_status == offenses.CLASS_A_OR_B:
        name = f"{felony.offense_name}, class {felony.felony_class} felony"
        if felony.confidence == CONFIRMED:
            return _APPLIES, Reason(
                "E2_QUALIFYING_CONVICTION",
                f"Conviction under {sec} ({name}): a class A or B felony conviction makes "
                "cooperation on V1/V2 lawful.",
                _TRUST_ACT,
                CONFIRMED,
            )
        return _MAYBE, Reason(
            "E2_CLASS_UNCERTAIN",
            f"Conviction under {sec} ({name}), but the class comes from a {felony.confidence} "
            "source: check the statute or record the class.",
            _TRUST_ACT,
            felony.confidence,
        )
    if listed:
        extra = f"; its class is '{felony.felony_class}'" if felony is not None else ""
        return _MAYBE, Reason(
            "E2_2025_LIST",
            f"Conviction under {sec}: {list_text}{extra}. Verify; do not decide.",
            _TRUST_ACT_2025,
            SECONDARY,
        )
    if felony is not None and status.class_status == offenses.CLASS_CONDITIONAL:
        text = (
            f"Conviction under {sec} ({felony.offense_name}): the class is "
            f"'{felony.felony_class}', which depends on the facts or changed over time. Record the "
            "class of this conviction to decide."
        )
    elif felony is not None:
        text = (
            f"Conviction under {sec} ({felony.offense_name}): not a lettered class A or B felony "
            "in casekit's table. Check the statute or record the class."
        )
    else:
        text = (
            f"Conviction under {sec}: not in casekit's class A/B table (the table is incomplete). "
            "Check the statute or record the class."
        )
    return _MAYBE, Reason("E2_CLASS_UNCERTAIN", text, _TRUST_ACT, UNKNOWN)


def _recorded_class(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    text = raw.strip().upper().replace("CLASS", "").replace("FELONY", "").strip()
    if text not in _RECORDED_CLASSES:
        raise InvalidInput(
            f"unknown felony class '{raw.strip()[:20]}' (expected A, B, C, D, E, unclassified or "
            "misdemeanor)"
        )
    return text


def _other_claims(actor: Actor, acts: list[Code], when: date) -> tuple[OtherClaim, ...]:
    """Claims other than the Trust Act action (trust-act.md § 2)."""
    seizure = any(a.seizure for a in acts)
    out: list[OtherClaim] = []
    if seizure:
        out.append(
            OtherClaim(
                CLAIM_1983,
                "42 U.S.C. § 1983 (Fourth Amendment seizure on a detainer)",
                "42 U.S.C. § 1983; 3 years from § 52-577 (Lounsbury v. Jeffries, 25 F.3d 131 "
                "(2d Cir. 1994))",
                CONFIRMED,
                "Against officers individually; the municipality under Monell (policy or "
                "custom). Damages and fees (§ 1988). The State is not a 'person'.",
            )
        )
    if actor.police and when >= SECTION_52571K_EFFECTIVE:
        out.append(
            OtherClaim(
                CLAIM_52571K,
                "§ 52-571k (police deprivation of state constitutional rights)",
                "§ 52-571k",
                SECONDARY,
                "Against police officers; damages; incidents on or after 2021-07-01; 1-year "
                "period.",
            )
        )
    if seizure and actor.defendant in (DEFENDANT_MUNICIPALITY, DEFENDANT_DEPENDS):
        note = (
            "Against the officer, with the municipality jointly; § 7-465 excludes wilful or "
            "wanton acts; written notice to the town clerk within 6 months."
        )
        if actor.defendant == DEFENDANT_DEPENDS:
            note += " Only if the unit belongs to a town or school district."
        out.append(
            OtherClaim(
                CLAIM_FALSE_IMPRISONMENT,
                "False imprisonment (common law) with § 7-465 indemnification",
                "common law; § 7-465(a)",
                CONFIRMED,
                note,
            )
        )
    if actor.defendant in (DEFENDANT_STATE, DEFENDANT_DEPENDS):
        note = (
            "Notice of claim within 1 year (§ 4-148(a)); damages only with permission to sue "
            "(§§ 4-141 to 4-165); § 4-165 protects state employees unless wanton, reckless or "
            "malicious."
        )
        if actor.defendant == DEFENDANT_DEPENDS:
            note += " Only if the unit belongs to the State."
        out.append(
            OtherClaim(
                CLAIM_CLAIMS_COMMISSIONER,
                "Claim against the State (Claims Commissioner)",
                "§ 4-148; §§ 4-141 to 4-165",
                CONFIRMED,
                note,
            )
        )
    return tuple(out)
