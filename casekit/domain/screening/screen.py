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

from datetime import date

from casekit.domain.calendar import CourtCalendar
from casekit.domain.lawpack import (
    Actor,
    LawPack,
    Violation,
    default_pack,
)
from casekit.domain.reasons import (
    DEFEATS,
    INFO,
    NEEDS_VERIFY,
    SUPPORTS,
    Reason,
)
from casekit.domain.screening.claims import ClaimInputs, claim_statuses
from casekit.domain.screening.exceptions import (
    act_outcome,
    act_reason,
    exception_reasons,
    raised_exceptions,
)
from casekit.domain.screening.results import (
    ELIGIBLE,
    EXCUSED,
    FIRM_LAW,
    INELIGIBLE,
    UNEXCUSED,
    VERIFY,
    ScreeningFacts,
    ScreeningResult,
)
from casekit.domain.vocabulary import CONFIRMED, UNKNOWN, weakest
from casekit.errors import InvalidInput


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
    found = raised_exceptions(facts, law)
    outcomes = {act.id: act_outcome(act, found, law) for act in acts}
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
        reasons.append(act_reason(act, outcomes[act.id], decision, law))
    reasons.extend(exception_reasons(facts, found, acts, law))
    claims = claim_statuses(
        ClaimInputs(facts, actor, acts, decision, today, law, calendar or CourtCalendar())
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
