"""Planning a matter's pleading (:func:`plan_pleading`), and the plan as lines of text and as
drafting notes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.custody import over_detention
from casekit.domain.deadlines import default_federal_calendar
from casekit.domain.lawpack import Actor, LawPack, default_pack
from casekit.domain.model import (
    MatterFacts,
)
from casekit.domain.pleading.counts import _plan_count
from casekit.domain.pleading.defendants import _defendants, _unjoined_officers
from casekit.domain.pleading.facts import (
    _actor,
    _agency_row,
    _employer_kind,
    _Facts,
    _full,
    _ordered,
    _Planning,
    _screen,
)
from casekit.domain.pleading.model import (
    AVAILABLE,
    LATE,
    LETTERS,
    REFUSED,
    V8,
    Count,
    NoticePlan,
    Offer,
    PleadingPlan,
    Refusal,
)
from casekit.domain.pleading.notices import _notice_4147, _notices_7465
from casekit.domain.pleading.refusals import _refuse
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.domain.custody import OverDetention


def plan_pleading(
    matter: MatterFacts,
    today: date,
    pack: LawPack | None = None,
    *,
    late: bool = False,
    notice_given_on: date | None = None,
    authorized_on: date | None = None,
    calendar: CourtCalendar | None = None,
    federal: FederalCalendar | None = None,
) -> PleadingPlan:
    """Plan the counts, notices and letters of a matter (see the package docstring).

    Args:
        matter: the matter's facts.
        today: the day the plan is for (deadlines are open or passed as of it).
        pack: the law in force (default: the shipped pack).
        late: the attorney asks for a late § 7-465 (or § 4-147) notice.
        notice_given_on: when the § 7-465 notice was filed, if it was.
        authorized_on: when the Claims Commissioner authorized suit (§ 4-160).
        calendar, federal: court days and federal business days (defaults: holidays only).

    Each incident is screened for its claims here (:mod:`casekit.domain.screening`).

    Raises:
        InvalidInput: the matter has no incident.
    """

    law = pack or default_pack()
    if not matter.incidents:
        raise InvalidInput(f"matter {matter.number} has no incident recorded; record one first")
    court = calendar or CourtCalendar()
    figures = over_detention(matter.custody, federal or default_federal_calendar())
    facts = _facts(matter, law, v8=bool(figures.over_cap))
    refusals: list[Refusal] = []
    if V8 in facts.codes and not facts.v8:
        refusals.append(_refuse(law, V8, "HOLD_48H_CONFIRMED", _v8_detail(figures)))
    notes: list[str] = []
    defendants = _defendants(matter, facts, law, notes)
    planning = _Planning(
        matter=matter,
        law=law,
        today=today,
        court=court,
        facts=facts,
        defendants=defendants,
        results=_screen(facts.incidents, today, law, court),
        notice_given_on=notice_given_on,
        authorized_on=authorized_on,
    )
    counts, count_refusals, offers = _counts(planning)
    notes += [
        f"{officer} is named among the officers in the facts but is not a defendant: add "
        "the officer as a party if the officer is to be sued."
        for officer in _unjoined_officers(facts.incidents, defendants)
    ]
    return PleadingPlan(
        matter=matter.number,
        today=today,
        defendants=tuple(defendants),
        counts=tuple(counts),
        notices=tuple(_notices(planning)),
        refusals=(*refusals, *count_refusals),
        offers=tuple(offers),
        hold=bool(facts.hold_codes),
        v8_confirmed=facts.v8,
        v8_cap_end=figures.cap_end if facts.v8 else None,
        v8_hours=figures.hours_past_cap if facts.v8 else None,
        alleged=_alleged(facts, law),
        notes=tuple(notes),
        late=late,
        law_version=law.version.label,
    )


def _v8_detail(figures: OverDetention) -> str:
    if figures.hours_past_cap == 0:
        return "released within the 48-hour cap"
    return "the custody timeline does not allow the computation"


def _alleged(facts: _Facts, law: LawPack) -> tuple[str, ...]:
    """The violation codes a document may allege (V8 only when the computation confirms it)."""
    return tuple(
        code
        for code in _ordered(facts.codes, law)
        if code in law.violations and (code != V8 or facts.v8)
    )


def _facts(matter: MatterFacts, law: LawPack, *, v8: bool) -> _Facts:
    """What the rules look at: incidents by date, each one's actor and employer, the codes."""
    incidents = sorted(matter.incidents, key=lambda i: i.occurred_on)
    actors: dict[int, Actor] = {}
    employer: dict[int, str] = {}
    for index, incident in enumerate(incidents):
        actor = _actor(incident.agency_kind, law)
        actors[index] = actor
        row = _agency_row(matter.agencies, incident.agency)
        employer[index] = _employer_kind(actor, row)
    codes = {_full(code, law) for i in incidents for code in i.violations}
    hold_codes = [c for c in law.pleading.hold_codes if c in codes]
    return _Facts(incidents, actors, employer, codes, hold_codes, v8)


def _counts(p: _Planning) -> tuple[list[Count], list[Refusal], list[Offer]]:
    """The counts of the claims the matter asks for, the refusals and the offers instead."""
    counts: list[Count] = []
    refusals: list[Refusal] = []
    offers: list[Offer] = []
    for claim_id in (c for c in p.law.claims if c in p.matter.claims):
        count, refusal, offer = _plan_count(claim_id, p)
        if count is not None:
            counts.append(count)
        if refusal is not None:
            refusals.append(refusal)
        if offer is not None:
            offers.append(offer)
    return counts, refusals, offers


def _notices(p: _Planning) -> list[NoticePlan]:
    words = p.law.pleading
    return [
        *_notices_7465(p),
        _notice_4147(p),
        *(NoticePlan(t, words.titles.get(t, t), AVAILABLE) for t in LETTERS),
    ]


def plan_lines(plan: PleadingPlan) -> list[str]:
    """The plan as lines of text, for ``casekit generate complaint MATTER --plan``."""
    lines = [f"Pleading plan for {plan.matter} as of {plan.today.isoformat()}"]
    lines.append("Defendants:")
    for d in plan.defendants:
        extra = "" if d.party else " (not yet a party)"
        lines.append(f"  - {d.name} [{d.kind}{', police' if d.police else ''}]{extra}")
    lines.append("Counts:")
    if not plan.counts:
        lines.append("  (none)")
    for n, c in enumerate(plan.counts, start=1):
        verify = " [verify]" if c.verify else ""
        lines.append(f"  {n}. {c.title}{verify}")
        lines.append(f"     against: {'; '.join(c.against)}")
        lines.append(f"     rests on: {', '.join(c.rests_on) or '-'}")
    lines.append("Notices and letters:")
    for notice in plan.notices:
        due = f", due {notice.due.isoformat()}" if notice.due else ""
        to = f" to {notice.addressee}" if notice.addressee else ""
        lines.append(f"  - {notice.template}: {notice.status}{to}{due}")
        if notice.refusal is not None and notice.status in (REFUSED, LATE):
            lines.append(f"      {notice.refusal.message}")
    if plan.refusals:
        lines.append("Refused:")
        lines += [f"  - {r.message}" for r in plan.refusals]
    if plan.offers:
        lines.append("Offered instead:")
        lines += [f"  - {o.text}" for o in plan.offers]
    if plan.notes:
        lines.append("Notes:")
        lines += [f"  - {n}" for n in plan.notes]
    return lines


def plan_notes(plan: PleadingPlan, words: Mapping[str, Any] | None = None) -> list[str]:
    """Drafting notes the plan adds to a pleading: refusals, offers and its own notes."""
    del words
    out = [f"Not pleaded: {r.message}" for r in plan.refusals]
    out += [f"Offered instead: {o.text}" for o in plan.offers]
    out += list(plan.notes)
    return out
