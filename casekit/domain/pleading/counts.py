"""The counts of a complaint: for each claim the matter asks for, the count the facts allow
(against whom, why, in which words), or the rule that refuses it and what is offered instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
)
from casekit.domain.pleading.facts import _full, _no_exception, _ordered, _Planning, _seizure
from casekit.domain.pleading.model import (
    _SEIZURE_CLAIMS,
    GIVEN,
    LATE,
    MUNICIPALITY,
    OFFICER,
    STATE,
    V8,
    Count,
    Defendant,
    Offer,
    Refusal,
)
from casekit.domain.pleading.notices import _7465_status
from casekit.domain.pleading.refusals import _refuse, _status_refusal
from casekit.domain.pleading.voice import (
    _cap,
    _defendant_words,
    long_day,
    name_list,
    with_article,
)
from casekit.domain.vocabulary import needs_verify, weakest

_Planned = tuple[Count | None, Refusal | None, Offer | None]


@dataclass
class _Draft:
    """A count being written: against whom, why, its paragraphs, what it rests on."""

    against: list[Defendant]
    why: list[str]
    confidence: str
    texts: list[str] = field(default_factory=list)
    rests: tuple[str, ...] = ()


def _plan_count(claim_id: str, p: _Planning) -> _Planned:
    """The count of ``claim_id``, or the refusal (and an offer) that takes its place."""
    refused = _who_refusal(claim_id, p)
    if refused is not None:
        return refused
    refusal = _status_refusal(claim_id, p.results, p.law)
    if refusal is not None:
        return None, refusal, None
    writer = _WRITERS.get(claim_id)
    if writer is None:
        # A claim the plan has no pleading words for (a firm's own, § 4-197): not pleaded here.
        return None, _refuse(p.law, claim_id, "CLAIM_NOT_AVAILABLE", "no pleading words"), None
    claim = p.law.claims[claim_id]
    draft = writer(p, claim.confidence)
    if isinstance(draft, Refusal):
        return None, draft, None
    if not draft.against:
        return None, _refuse(p.law, claim_id, "CLAIM_NOT_AVAILABLE", "no defendant"), None
    count = Count(
        claim=claim_id,
        title=claim.title,
        citation=claim.citation,
        confidence=draft.confidence,
        against=tuple(d.name for d in draft.against),
        why=tuple(draft.why),
        rests_on=draft.rests,
        paragraphs=tuple(draft.texts),
    )
    return count, None, None


def _who_refusal(claim_id: str, p: _Planning) -> _Planned | None:
    """Rules that name the defendants come first: they say who, the screening says whether."""
    law = p.law
    officers = p.of_kind(OFFICER, acted=False)
    municipal = p.of_kind(MUNICIPALITY)
    if claim_id == CLAIM_FALSE_IMPRISONMENT and not municipal:
        return None, _refuse(law, claim_id, "NOTICE_7465_MUNICIPAL"), None
    if claim_id == CLAIM_1983 and not (officers or municipal):
        offer = None
        if p.of_kind(STATE):
            agency = next((i.agency for i in p.facts.incidents), "")
            text = law.pleading.text("offer.official_capacity")
            offer = Offer(claim_id, text.fill(agency=agency), text.citation, text.confidence)
        return None, _refuse(law, claim_id, "SECTION_1983_PERSON"), offer
    if claim_id == CLAIM_52571K and not [d for d in officers if d.police]:
        return None, _refuse(law, claim_id, "SECTION_52571K_POLICE"), None
    if claim_id in _SEIZURE_CLAIMS and not (p.facts.hold_codes or p.facts.v8):
        return None, _refuse(law, claim_id, "SEIZURE_NEEDS_HOLD"), None
    if claim_id == CLAIM_CLAIMS_COMMISSIONER and not p.of_kind(STATE):
        return None, _refuse(law, claim_id, "NOTICE_4147_STATE"), None
    return None


def _trust_codes(p: _Planning) -> list[str]:
    law = p.law
    return [
        c for c in _ordered(p.facts.codes, law)
        if c in law.violations and law.violations[c].trust_act_violation
    ]  # fmt: skip


def _trust_act(p: _Planning, confidence: str) -> _Draft | Refusal:
    law, words, facts = p.law, p.law.pleading, p.facts
    trust_codes = _trust_codes(p)
    if not trust_codes:
        return _refuse(law, CLAIM_TRUST_ACT, "CLAIM_NOT_AVAILABLE", "no Trust Act act")
    against = [d for d in p.defendants if d.kind != OFFICER and d.acted]
    draft = _Draft(against, [f"{d.name}: answers for the {d.agency or 'agency'}" for d in against],
                   confidence, rests=tuple(trust_codes))  # fmt: skip
    for agency in dict.fromkeys(i.agency for i in facts.incidents):
        draft.texts.append(words.say("trust_act.covered", agency=agency))
    if p.of_kind(STATE):
        draft.texts.append(words.say("trust_act.state_unknown"))
        unknown = words.text("trust_act.state_unknown").confidence
        draft.confidence = weakest(draft.confidence, unknown)
    for incident in facts.incidents:
        for code in _ordered({_full(c, law) for c in incident.violations}, law):
            if code not in trust_codes:
                continue
            v = law.violations[code]
            said = words.say("trust_act.violation", agency=incident.agency, allegation=v.allegation)
            if needs_verify(v.confidence):
                said += f" [verify: {v.confidence}]"
            draft.texts.append(said)
    draft.texts += _no_exception(facts.incidents, law)
    since = law.date_of("ACT_2025")
    if all(i.occurred_on >= since for i in facts.incidents):
        draft.texts.append(words.say("trust_act.effective", since=long_day(since)))
    draft.texts.append(words.say("trust_act.aggrieved"))
    draft.texts.append(words.say("trust_act.enjoin"))
    return draft


def _s1983(p: _Planning, confidence: str) -> _Draft:
    words = p.law.pleading
    officers, municipal = p.of_kind(OFFICER, acted=False), p.of_kind(MUNICIPALITY)
    seizure, rests = _seizure(p.facts, p.law)
    why = [
        *(f"{d.name}: an officer acting under color of state law" for d in officers),
        *(f"{d.name}: a municipality, under Monell" for d in municipal),
    ]
    draft = _Draft([*officers, *municipal], why, confidence, rests=rests)
    who = _defendant_words(draft.against)
    draft.texts.append(words.say("s1983.color", defendants=who))
    draft.texts.append(words.say("s1983.seizure", seizure=seizure, defendants=who))
    for m in municipal:
        draft.texts.append(words.say("s1983.monell", municipality=with_article(m.name)))
    draft.texts.append(words.say("harm.liberty"))
    return draft


def _s52571k(p: _Planning, confidence: str) -> _Draft:
    law, words = p.law, p.law.pleading
    police = [d for d in p.of_kind(OFFICER, acted=False) if d.police]
    seizure, rests = _seizure(p.facts, law)
    why = [f"{d.name}: a police officer of the {d.agency}" for d in police]
    draft = _Draft(police, why, confidence, rests=rests)
    who = _defendant_words(police)
    are = "is a police officer" if len(police) == 1 else "are police officers"
    draft.texts.append(_cap(words.say("s52571k.police", defendants=who, are=are)))
    draft.texts.append(words.say("s52571k.deprived", seizure=seizure, defendants=who))
    since = law.date_of("SECTION_52571K")
    if all(i.occurred_on >= since for i in p.facts.incidents):
        draft.texts.append(words.say("s52571k.since", since=long_day(since)))
    draft.texts.append(words.say("harm.damages"))
    draft.confidence = weakest(confidence, *(d.police_confidence for d in police))
    return draft


def _false_imprisonment(p: _Planning, confidence: str) -> _Draft:
    words = p.law.pleading
    municipal = p.of_kind(MUNICIPALITY)
    employees = [d for d in p.of_kind(OFFICER, acted=False) if d.municipal]
    seizure, rests = _seizure(p.facts, p.law)
    why = [
        *(f"{d.name}: an employee of a municipality" for d in employees),
        *(f"{d.name}: indemnifies its employees who acted" for d in municipal),
    ]
    draft = _Draft([*employees, *municipal], why, confidence, rests=rests)
    who = (
        _defendant_words(employees)
        if employees
        else "the officers of " + name_list([m.name for m in municipal])
    )
    draft.texts.append(_cap(words.say("fi.restrained", defendants=who, seizure=seizure)))
    draft.texts.append(words.say("harm.liberty"))
    for m in municipal:
        employer = with_article(m.name)
        draft.texts.append(_cap(words.say("fi.scope", defendants=who, employer=employer)))
        draft.texts.append(_notice_paragraph(p, m))
        draft.texts.append(words.say("fi.indemnify", employer=employer))
    return draft


def _notice_paragraph(p: _Planning, municipality: Defendant) -> str:
    """Whether the § 7-465 notice to ``municipality`` was given, is late, or is still open."""
    words, employer = p.law.pleading, with_article(municipality.name)
    status, due = _7465_status(municipality, p)
    if status == GIVEN:
        return words.say("fi.notice_given", given_on=long_day(p.notice_given_on), employer=employer)
    if status == LATE:
        return words.say("fi.notice_late", employer=employer, deadline=long_day(due))
    return words.say("fi.notice_open", employer=employer, deadline=long_day(due))


def _claims_commissioner(p: _Planning, confidence: str) -> _Draft:
    law, words, facts = p.law, p.law.pleading, p.facts
    states = p.of_kind(STATE)
    why = [f"{d.name}: answers for its agencies, with permission to sue" for d in states]
    rests = tuple(
        c for c in _ordered(facts.codes, law) if c in law.violations and (c != V8 or facts.v8)
    )
    draft = _Draft(states, why, confidence, rests=rests)
    if p.authorized_on is not None:
        draft.texts.append(words.say("cc.authorized", authorized_on=long_day(p.authorized_on)))
    else:
        draft.texts.append(words.say("cc.not_authorized"))
    for index, incident in enumerate(facts.incidents):
        if facts.employer[index] != STATE:
            continue
        for code in _ordered({_full(c, law) for c in incident.violations}, law):
            if code not in law.violations or (code == V8 and not facts.v8):
                continue
            allegation = law.violations[code].allegation
            draft.texts.append(
                words.say("cc.conduct", agency=incident.agency, allegation=allegation)
            )
    draft.texts.append(words.say("harm.liberty" if facts.hold_codes else "harm.damages"))
    return draft


_WRITERS: dict[str, Callable[[_Planning, str], _Draft | Refusal]] = {
    CLAIM_TRUST_ACT: _trust_act,
    CLAIM_1983: _s1983,
    CLAIM_52571K: _s52571k,
    CLAIM_FALSE_IMPRISONMENT: _false_imprisonment,
    CLAIM_CLAIMS_COMMISSIONER: _claims_commissioner,
}
