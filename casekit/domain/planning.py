"""Which deadlines a matter has, and what a recompute changes.

``plan_deadlines`` turns a matter's facts into deadlines, driven by each rule's ``applies_when``
(data in rules.toml, so a firm's own rules take part too). For the shipped rules that gives
(trust-act.md § 3):

* every matter: ``CT_TORT_SOL`` and ``FED_1983_SOL`` (both accrual readings, the incident date
  and, once recorded, the release date; the safe target is the earlier: trust-act.md § 4);
* a municipal defendant (or the false imprisonment / § 7-465 claim): ``CT_7465_NOTICE`` and
  ``CT_7465_SUIT``, one per town when defendants carry party ids;
* the State (or the Claims Commissioner claim): ``CT_CLAIMS_COMMISSIONER``, and ``CT_4160_SUIT``
  once permission to sue is granted;
* a police officer (or the § 52-571k claim), incidents from ``SECTION_52571K``: ``CT_52571K_SOL``;
* the Trust Act claim, incidents from the firm's cut-off: ``TRUST_ACT_SOL`` (``unknown``: verify);
* each records request: ``CT_FOI_RESPONSE`` and ``CT_FOI_APPEAL`` (from the denial, or from the
  deemed denial on the 4th business day when no answer is recorded);
* a dismissal: ``CT_SAVINGS_REFILE``; process, return date and marshal delivery when recorded.

Each planned deadline has a stable ``key`` (rule id, trigger event, party or request id) so that a
recompute matches old to new. ``diff_deadlines`` reports what would be added, moved and removed;
done and waived deadlines never move or disappear, and manual ones are never touched. Nothing is
hidden: a deadline whose last day has passed is reported as expired.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache, lru_cache

from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import DeadlineResult, compute, memo_for
from casekit.domain.planning_types import (
    FROZEN_STATUSES,
    Defendant,
    ExistingDeadline,
    MovedDeadline,
    PlannedDeadline,
    PlanningFacts,
    RecomputeDiff,
    RecordsRequestFacts,
)
from casekit.domain.rules import Rule, RuleSet


def plan_deadlines(
    facts: PlanningFacts, rules: RuleSet, calendar: CourtCalendar, today: date
) -> list[PlannedDeadline]:
    """Derive a matter's deadlines.

    Args:
        facts: The matter's facts.
        rules: The rules in force (overrides applied).
        calendar: Connecticut court days, with the firm's closures.
        today: Today (for the expired flag).

    Returns:
        Planned deadlines sorted by due date, then key.
    """
    out: list[PlannedDeadline] = []
    memo = memo_for(calendar)
    kinds = {d.kind for d in facts.defendants}
    chosen = set(facts.claims)
    known: tuple[tuple[str, date], ...] | None = None
    # Not the calculator-only rules, nor the 48-hour measure (RuleSet.planned).
    for rule in rules.planned:
        when = rule.applies_when
        since = when.incident_on_or_after
        if since is not None and facts.incident_date < since.day:
            continue
        if not (
            when.always
            or not kinds.isdisjoint(when.defendants)
            or not chosen.isdisjoint(when.claims)
        ):
            continue
        triggers = _triggers(rule, facts, rules, calendar)
        if not triggers:
            continue  # e.g. no records request, no dismissal recorded
        matched = [d for d in facts.defendants if d.kind in when.defendants]
        claims = [c for c in facts.claims if c in when.claims]
        why = _why(rule, matched, claims)
        if rule.readings and known is None:
            known = _known_triggers(facts)
        others = known if rule.readings else None
        subjects = [""]
        if when.per_defendant:
            ids = sorted({d.party_id for d in matched if d.party_id})
            subjects = ids or [""]
        for trigger, request_id, notes in triggers:
            for party_id in subjects:
                subject = request_id or party_id
                # Matters that share a rule, trigger day, subject and reasons share the planned
                # deadline too (it is immutable); memo_for explains why that is safe.
                key = ("planned", id(rule), trigger, subject, why, notes, today, others)
                hit = memo.get(key)
                if hit is None or hit[0] is not rule:
                    result = compute(
                        rule, trigger, calendar, other_triggers=dict(others) if others else None
                    )
                    hit = memo[key] = (rule, _planned(rule, result, subject, (why, *notes), today))
                out.append(hit[1])
    out.sort(key=lambda p: (p.due, p.key))
    return out


def diff_deadlines(
    existing: Sequence[ExistingDeadline], planned: Iterable[PlannedDeadline]
) -> RecomputeDiff:
    """Compare stored deadlines with a fresh plan.

    Args:
        existing: The matter's stored deadlines.
        planned: What :func:`plan_deadlines` returns now.

    Returns:
        Added, moved, removed and unchanged deadlines. Done and waived deadlines never move or get
        removed; manual ones are never touched; superseded ones are history and match nothing.
    """
    plan = {p.key: p for p in planned}
    live = [e for e in existing if e.status != "superseded"]
    claimed = {e.key for e in live}
    moved: list[MovedDeadline] = []
    removed: list[ExistingDeadline] = []
    unchanged: list[ExistingDeadline] = []
    restated: list[MovedDeadline] = []
    for old in live:
        new = plan.get(old.key)
        if old.manual or old.status in FROZEN_STATUSES:
            unchanged.append(old)
        elif new is None:
            removed.append(old)
        elif (new.due, new.safe_target) != (old.due, old.safe_target):
            moved.append(MovedDeadline(old, new))
        elif old.confidence and (
            (old.confidence, old.citation, old.title) != (new.confidence, new.citation, new.title)
            or old.readings != _planned_readings(new.trail)
        ):
            restated.append(MovedDeadline(old, new))
        else:
            unchanged.append(old)
    added = tuple(p for key, p in plan.items() if key not in claimed)
    return RecomputeDiff(
        added=added,
        moved=tuple(moved),
        removed=tuple(removed),
        unchanged=tuple(unchanged),
        restated=tuple(restated),
    )


READING_PREFIXES = ("Reading used:", "Other reading:")


def reading_lines(trail: Iterable[str]) -> tuple[str, ...]:
    """The lines of a trail that state the rule's readings (trust-act.md § 4): when they change
    (a release date recorded for § 1983) the deadline is restated even if its dates stay."""
    return tuple(line for line in trail if line.startswith(READING_PREFIXES))


@lru_cache(maxsize=8192)
def _planned_readings(trail: tuple[str, ...]) -> tuple[str, ...]:
    # An office-wide recompute compares thousands of plans built from a few hundred distinct
    # trails (the planner shares them between matters with the same facts).
    return reading_lines(trail)


def deadline_key(rule: Rule, subject_id: str = "") -> str:
    """The stable key of a rule's deadline for a matter (plus a party or request id)."""
    base = f"{rule.id}:{rule.trigger_event}"
    return f"{base}:{subject_id}" if subject_id else base


# --- helpers -------------------------------------------------------------------------------------


def _known_triggers(facts: PlanningFacts) -> tuple[tuple[str, date], ...]:
    """The trigger events recorded on the matter, for rules with several readings."""
    known = {
        "incident": facts.incident_date,
        "release": facts.release_date,
        "authorization": facts.authorization_date,
        "dismissal": facts.dismissal_date,
        "marshal_delivery": facts.marshal_delivery_date,
        "process": facts.process_date,
        "return_date": facts.return_date,
    }
    return tuple(sorted((k, v) for k, v in known.items() if v is not None))


def _why(rule: Rule, matched: list[Defendant], claims: list[str]) -> str:
    kinds = tuple(sorted({d.kind.replace("_", " ") for d in matched})) if matched else ()
    since = rule.applies_when.incident_on_or_after
    limit = _limit_text(since.day, since.id, since.confidence) if since is not None else ""
    return _why_text(rule.id, rule.trigger_event, rule.trigger, kinds, tuple(claims), limit)


@cache
def _limit_text(day: date, date_id: str, confidence: str) -> str:
    return f"; incidents on or after {day.isoformat()}" + (
        f" ({date_id}, {confidence})" if date_id else ""
    )


@cache
def _why_text(
    rule_id: str,
    trigger_event: str,
    trigger: str,
    kinds: tuple[str, ...],
    claims: tuple[str, ...],
    limit: str = "",
) -> str:
    # Cached: an office's matters share a handful of claim and defendant combinations.
    parts = []
    if claims:
        parts.append(f"claim {', '.join(claims)}")
    if kinds:
        parts.append(f"{' and '.join(kinds)} defendant")
    if not parts:
        # `always` rules: every matter, or whenever their own trigger (a records request, a
        # dismissal, a return date) is recorded.
        ordinary = trigger_event in ("incident", "release")
        parts.append("every matter" if ordinary else f"{trigger} recorded")
    return f"Planned because: {'; '.join(parts)}{limit} ({rule_id})."


def _triggers(
    rule: Rule, facts: PlanningFacts, rules: RuleSet, calendar: CourtCalendar
) -> list[tuple[date, str, tuple[str, ...]]]:
    """(trigger date, subject id, trail notes) for each deadline the rule makes."""
    event = rule.trigger_event
    if event == "incident":
        return [(facts.incident_date, "", ())]
    if event == "release":
        # Rules that count from the release (§ 1983 accrual) also read it from the incident
        # (rules.toml readings); until a release is recorded the incident date starts the clock.
        return [(facts.release_date or facts.incident_date, "", ())]
    if event == "foi_received":
        return [(r.received, r.request_id, ()) for r in facts.records_requests if r.received]
    if event == "foi_denial":
        out: list[tuple[date, str, tuple[str, ...]]] = []
        for r in facts.records_requests:
            if r.denial is not None:
                out.append((r.denial, r.request_id, ()))
            elif r.received is not None and r.answered is None:
                deemed = _deemed_denial(r.received, rules, calendar)
                out.append(
                    (
                        deemed,
                        r.request_id,
                        (
                            f"No answer recorded: deemed denied on {deemed.isoformat()}, the "
                            f"{_response_days(rules)} business day after receipt "
                            f"({_response_citation(rules)}).",
                        ),
                    )
                )
        return out
    single = {
        "authorization": facts.authorization_date,
        "dismissal": facts.dismissal_date,
        "marshal_delivery": facts.marshal_delivery_date,
        "process": facts.process_date,
        "return_date": facts.return_date,
        "state_judgment": facts.state_judgment_date,
        "federal_judgment": facts.federal_judgment_date,
    }.get(event)
    return [(single, "", ())] if single is not None else []


def _response_days(rules: RuleSet) -> str:
    period = rules["CT_FOI_RESPONSE"].period if "CT_FOI_RESPONSE" in rules else 4
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(period, f"{period}th")


def _response_citation(rules: RuleSet) -> str:
    return rules["CT_FOI_RESPONSE"].citation if "CT_FOI_RESPONSE" in rules else "CT_FOI_RESPONSE"


def _deemed_denial(received: date, rules: RuleSet, calendar: CourtCalendar) -> date:
    if "CT_FOI_RESPONSE" in rules:
        return compute(rules["CT_FOI_RESPONSE"], received, calendar).due
    return calendar.add_business_days(received, 4)  # the shipped CT_FOI_RESPONSE period


def _planned(
    rule: Rule, result: DeadlineResult, subject: str, notes: tuple[str, ...], today: date
) -> PlannedDeadline:
    expired = result.due < today
    trail = (*notes, *result.trail)
    if expired:
        trail += (
            f"Expired: the legal last day {result.due.isoformat()} has passed "
            f"(today is {today.isoformat()}).",
        )
    return PlannedDeadline(
        key=deadline_key(rule, subject),
        rule_id=rule.id,
        title=rule.title,
        kind=rule.kind,
        trigger_event=rule.trigger_event,
        trigger=result.trigger,
        due=result.due,
        safe_target=result.safe_target,
        citation=rule.citation,
        confidence=result.confidence,
        overridden=rule.overridden,
        trail=trail,
        marshal_option=result.marshal_option,
        expired=expired,
        subject_id=subject,
    )


__all__ = [
    "FROZEN_STATUSES",
    "READING_PREFIXES",
    "Defendant",
    "ExistingDeadline",
    "MovedDeadline",
    "PlannedDeadline",
    "PlanningFacts",
    "RecomputeDiff",
    "RecordsRequestFacts",
    "deadline_key",
    "diff_deadlines",
    "plan_deadlines",
    "reading_lines",
]
