"""Step 4 of trust-act.md § 4: the exceptions the facts raise, applied act by act by the Reach
table (an exception excuses only the acts it reaches)."""

from __future__ import annotations

from dataclasses import dataclass, field

from casekit.domain.lawpack import (
    EXCUSES,
    REACH_UNKNOWN,
    ExceptionRule,
    LawPack,
    Violation,
)
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
from casekit.domain.screening.convictions import conviction_reason
from casekit.domain.screening.results import (
    EXCUSED,
    FIRM_LAW,
    INELIGIBLE,
    MAYBE_EXCUSED,
    UNEXCUSED,
    ScreeningFacts,
)
from casekit.domain.vocabulary import CONFIRMED, weakest


@dataclass
class _Exception:
    """An exception the facts raise, before the Reach table is applied."""

    id: str
    level: int
    reason: Reason
    extra: list[Reason] = field(default_factory=list)


def raised_exceptions(facts: ScreeningFacts, law: LawPack) -> list[_Exception]:
    """The exceptions the facts raise (E1 judicial warrant, E2 convictions, E3 database match)."""
    found: list[_Exception] = []
    if facts.judicial_warrant:
        found.append(
            _applies(
                law.exceptions["E1_JUDICIAL_WARRANT"],
                "A warrant issued or signed by a judicial officer accompanied the detainer.",
            )
        )
    if facts.convictions:
        results = [conviction_reason(c, facts.incident_date, law) for c in facts.convictions]
        level = max(r[0] for r in results)
        best = max(results, key=lambda r: r[0])[1]
        others = [r[1] for r in results if r[1] is not best]
        found.append(_Exception("E2_QUALIFYING_CONVICTION", level, best, others))
    if facts.tsdb_match:
        # E3 applies like E1 and E2 (trust-act.md § 1, 2026-12): the result is "ineligible", with
        # this reason marked verify because E3 rests on secondary sources.
        found.append(
            _applies(
                law.exceptions["E3_TSDB_MATCH"],
                "Identified as a possible match in the Terrorist Screening Database or a "
                "similar database.",
            )
        )
    return found


def _applies(rule: ExceptionRule, text: str) -> _Exception:
    """``rule`` raised by the facts ``text`` states, with the pack's citation and confidence."""
    reason = Reason(rule.id, text, rule.citation, rule.confidence, overridden=rule.overridden)
    return _Exception(rule.id, APPLIES, reason)


def act_outcome(
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


def act_reason(
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


def exception_reasons(
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
