"""The notices a plan holds: one § 7-465 notice per municipality whose employees acted, the
§ 4-147 notice of claim for the State, and the notice of one town first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from casekit.domain.deadlines import compute
from casekit.domain.lawpack import LawPack
from casekit.domain.pleading.defendants import _as_party, _entity_incidents
from casekit.domain.pleading.facts import _Planning
from casekit.domain.pleading.model import (
    AVAILABLE,
    GIVEN,
    LATE,
    MUNICIPALITY,
    NOTICE_4147,
    NOTICE_7465,
    OFFICER,
    REFUSED,
    STATE,
    Defendant,
    NoticePlan,
    PleadingPlan,
    Refusal,
)
from casekit.domain.pleading.refusals import _refuse
from casekit.domain.text import one_line

# --- notices ------------------------------------------------------------------------------------


def _7465_status(municipality: Defendant, p: _Planning) -> tuple[str, date | None]:
    """The § 7-465 notice to ``municipality``: given, late or available, and its last day."""

    facts, matter, notice_given_on = p.facts, p.matter, p.notice_given_on
    stored = [d for d in matter.deadlines if d.rule_id == "CT_7465_NOTICE"]
    if notice_given_on is not None or any(d.status == "done" for d in stored):
        due = stored[0].due if stored else None
        return GIVEN, due
    open_ = [d for d in stored if d.status == "open"]
    if open_:
        due = min(d.due for d in open_)
    else:
        indexes = _entity_incidents(_as_party(municipality), facts, matter, MUNICIPALITY)
        first = min(
            (facts.incidents[i].occurred_on for i in indexes),
            default=facts.incidents[0].occurred_on,
        )
        due = compute(p.law.rules["CT_7465_NOTICE"], first, p.court).due
    return (LATE if due < p.today else AVAILABLE), due


def _notices_7465(p: _Planning) -> list[NoticePlan]:
    """One § 7-465 notice per municipality whose employees acted (each to its own clerk)."""
    law = p.law
    title = law.pleading.titles.get(NOTICE_7465, NOTICE_7465)
    rule = law.rules["CT_7465_NOTICE"]
    municipal = p.of_kind(MUNICIPALITY)
    if not municipal:
        none = _refuse(law, NOTICE_7465, "NOTICE_7465_MUNICIPAL")
        return [NoticePlan(NOTICE_7465, title, REFUSED, rule_id=rule.id, refusal=none)]
    return [_notice_7465(m, p) for m in municipal]


def _notice_7465(first: Defendant, p: _Planning) -> NoticePlan:
    facts, law = p.facts, p.law
    title = law.pleading.titles.get(NOTICE_7465, NOTICE_7465)
    rule = law.rules["CT_7465_NOTICE"]
    status, due = _7465_status(first, p)
    agencies = {facts.incidents[i].agency for i in _entity_incidents(
        _as_party(first), facts, p.matter, MUNICIPALITY
    )}  # fmt: skip
    employees = tuple(
        d.name for d in p.defendants if d.kind == OFFICER and d.municipal and d.agency in agencies
    )
    refusal: Refusal | None = None
    if status == LATE:
        refusal = _refuse(
            law, NOTICE_7465, "NOTICE_7465_LATE", f"ended on {due.isoformat()}" if due else ""
        )
    if status == GIVEN:
        status = AVAILABLE  # a copy of a notice already filed can still be printed
    return NoticePlan(
        NOTICE_7465,
        title,
        status,
        addressee=first.name,
        defendants=(first.name, *employees),
        rule_id=rule.id,
        due=due,
        citation=rule.citation,
        confidence=rule.confidence,
        refusal=refusal,
    )


def _notice_4147(p: _Planning) -> NoticePlan:
    facts, law = p.facts, p.law
    title = law.pleading.titles.get(NOTICE_4147, NOTICE_4147)
    rule = law.rules["CT_CLAIMS_COMMISSIONER"]
    states = p.of_kind(STATE)
    indexes = [i for i in range(len(facts.incidents)) if facts.employer[i] == STATE]
    if not states or not indexes:
        refusal = _refuse(law, NOTICE_4147, "NOTICE_4147_STATE")
        return NoticePlan(NOTICE_4147, title, REFUSED, rule_id=rule.id, refusal=refusal)
    first = min(facts.incidents[i].occurred_on for i in indexes)
    due = compute(rule, first, p.court).due
    status = LATE if due < p.today else AVAILABLE
    late: Refusal | None = (
        _refuse(law, NOTICE_4147, "NOTICE_4148_EXPIRED", f"ended on {due.isoformat()}")
        if status == LATE
        else None
    )
    return NoticePlan(
        NOTICE_4147,
        title,
        status,
        addressee="Office of the Claims Commissioner",
        defendants=(states[0].name,),
        rule_id=rule.id,
        due=due,
        citation=rule.citation,
        confidence=rule.confidence,
        refusal=late,
    )


def notice_for_town(plan: PleadingPlan, town: str, law: LawPack) -> PleadingPlan:
    """The plan with ``town``'s § 7-465 notice first: the one a refusal check and the notice's
    text read (the plan holds one per municipality whose employees acted). A town that is not
    one of them (sued, but its employees did not act) gets a refused notice first."""
    wanted = one_line(town).casefold()

    def mine(notice: NoticePlan) -> bool:
        names = (notice.addressee, *notice.defendants)
        return notice.template == NOTICE_7465 and any(
            one_line(n).casefold() == wanted for n in names
        )

    if any(mine(n) for n in plan.notices):
        ordered = sorted(plan.notices, key=lambda n: not mine(n))
    else:
        refused = NoticePlan(
            NOTICE_7465,
            law.pleading.titles.get(NOTICE_7465, NOTICE_7465),
            REFUSED,
            addressee=town,
            rule_id=law.rules["CT_7465_NOTICE"].id,
            refusal=_refuse(law, NOTICE_7465, "NOTICE_7465_MUNICIPAL", town),
        )
        ordered = [refused, *plan.notices]
    return replace(plan, notices=tuple(ordered))
