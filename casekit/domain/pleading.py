"""The pleading plan: which counts, notices and letters a matter's facts allow, against whom, and
why not otherwise (issue 13, item 1).

Pure: from the matter's facts (:class:`~casekit.domain.model.MatterFacts`, built by services),
the claims screening of each incident (given, or computed fresh here), the law pack and today's
date, :func:`plan_pleading` returns a :class:`PleadingPlan` as data. Documents are written from
the plan, and a document the plan refuses is never written. Every sentence comes from the law
pack (``pleading.toml``, with its citation and confidence); every refusal names the rule of
``pleading.toml`` that causes it.

The rules (trust-act.md §§ 1-3 restated in pleading.toml):

* no § 7-465 notice or count without a municipal defendant whose employees acted, and a late
  § 7-465 notice only when the attorney asks for it (``late``): it then says that the period ended;
* a notice of claim to the Claims Commissioner only for claims against the State;
* no § 1983 count against the State alone (an official-capacity claim against an officer is
  offered instead); § 52-571k only against police officers;
* no count alleging a detainer hold unless a hold act is recorded (V1; the pack's ``[hold]``);
* V8 only when the 48-hour computation from the custody timeline confirms it
  (:func:`casekit.domain.custody.over_detention`), and then as a Fourth Amendment / 8 C.F.R.
  § 287.7(d) fact, never as a Trust Act violation;
* no expired claim, and no claim the screening finds the facts do not support.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from casekit.domain.calendar import CourtCalendar, FederalCalendar
from casekit.domain.lawpack import Actor, LawPack, default_pack
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
    Agency,
    Incident,
    MatterFacts,
    Party,
)
from casekit.domain.vocabulary import CONFIRMED, needs_verify, weakest
from casekit.errors import InvalidInput

__all__ = [
    "AVAILABLE",
    "GIVEN",
    "LATE",
    "LETTERS",
    "NOTICE_TEMPLATES",
    "REFUSED",
    "Count",
    "Defendant",
    "NoticePlan",
    "Offer",
    "PleadingPlan",
    "Refusal",
    "in_pleading_voice",
    "long_day",
    "plan_pleading",
]

AVAILABLE = "available"
LATE = "late"
REFUSED = "refused"
GIVEN = "given"

NOTICE_7465 = "notice-7-465"
NOTICE_4147 = "notice-4-147"
NOTICE_TEMPLATES = (NOTICE_7465, NOTICE_4147)
COMPLAINT = "complaint"
#: Letters the plan always allows (they plead no count and carry no notice period).
LETTERS = ("demand-letter", "foi-request", "preservation-letter", "client-letter")

MUNICIPALITY = "municipality"
STATE = "state"
OFFICER = "officer"
AGENCY = "agency"
V8 = "V8_OVER_48_HOURS"

_SEIZURE_CLAIMS = (CLAIM_1983, CLAIM_FALSE_IMPRISONMENT, CLAIM_52571K)


# --- the plan as data ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Something the plan will not plead or write, and the rule (pleading.toml) that says so.

    ``subject`` is a claim id, a template name or a violation id; ``detail`` adds the facts
    (a date, a code) without client data.
    """

    subject: str
    rule: str
    reason: str
    citation: str
    confidence: str
    detail: str = ""

    @property
    def message(self) -> str:
        """One line: ``subject: reason (detail) [RULE]``."""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.subject}: {self.reason}{detail} [{self.rule}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "rule": self.rule,
            "reason": self.reason,
            "detail": self.detail,
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": needs_verify(self.confidence),
            "message": self.message,
        }


@dataclass(frozen=True)
class Defendant:
    """A defendant as the plan sees it.

    ``kind``: ``municipality``, ``state``, ``officer`` or ``agency``. ``party`` is False for an
    entity the plan derived from an incident's agency because no such party is recorded yet.
    ``municipal``/``state_employee``/``police`` say who employs an officer and whether the
    officer is a police officer (actors.toml). ``paragraphs`` say what an individual defendant
    did, from the incident's officers; a ``[[placeholder]]`` where the facts are missing.
    """

    name: str
    kind: str
    capacity: str = ""
    agency: str = ""
    party: bool = True
    municipal: bool = False
    state_employee: bool = False
    police: bool = False
    police_confidence: str = CONFIRMED
    acted: bool = False
    paragraphs: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "capacity": self.capacity,
            "agency": self.agency,
            "party": self.party,
            "municipal": self.municipal,
            "state_employee": self.state_employee,
            "police": self.police,
            "acted": self.acted,
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class Count:
    """A count the facts allow: its claim, the defendants it is against and why, the facts it
    rests on (violation ids, ``custody``, ``48-hour computation``), and its paragraphs."""

    claim: str
    title: str
    citation: str
    confidence: str
    against: tuple[str, ...]
    why: tuple[str, ...]
    rests_on: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim,
            "title": self.title,
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": self.verify,
            "against": list(self.against),
            "why": list(self.why),
            "rests_on": list(self.rests_on),
            "paragraphs": list(self.paragraphs),
        }


@dataclass(frozen=True)
class NoticePlan:
    """A notice or letter: to whom, its deadline, and whether it is ``available``, ``late``,
    ``given`` (a § 7-465 notice recorded as filed) or ``refused``."""

    template: str
    title: str
    status: str
    addressee: str = ""
    defendants: tuple[str, ...] = ()
    rule_id: str = ""
    due: date | None = None
    citation: str = ""
    confidence: str = CONFIRMED
    refusal: Refusal | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "title": self.title,
            "status": self.status,
            "addressee": self.addressee,
            "defendants": list(self.defendants),
            "rule": self.rule_id,
            "due": self.due.isoformat() if self.due else None,
            "citation": self.citation,
            "confidence": self.confidence,
            "refusal": self.refusal.to_dict() if self.refusal else None,
        }


@dataclass(frozen=True)
class Offer:
    """A claim the plan proposes in place of a refused one."""

    instead_of: str
    text: str
    citation: str
    confidence: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "instead_of": self.instead_of,
            "text": self.text,
            "citation": self.citation,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class PleadingPlan:
    """The plan for one matter (see the module docstring)."""

    matter: str
    today: date
    defendants: tuple[Defendant, ...]
    counts: tuple[Count, ...]
    notices: tuple[NoticePlan, ...]
    refusals: tuple[Refusal, ...]
    offers: tuple[Offer, ...] = ()
    hold: bool = False
    v8_confirmed: bool = False
    v8_cap_end: datetime | None = None
    v8_hours: float | None = None
    alleged: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    late: bool = False
    law_version: str = ""

    def notice(self, template: str) -> NoticePlan | None:
        """The first planned notice or letter for ``template``."""
        return next((n for n in self.notices if n.template == template), None)

    def count(self, claim: str) -> Count | None:
        return next((c for c in self.counts if c.claim == claim), None)

    def refusal_for(self, template: str) -> Refusal | None:
        """Why ``template`` may not be generated now, or None.

        A complaint is refused when no count is available; a notice when the plan refuses it,
        or when it is late and the attorney did not ask for a late notice (``late``).
        """
        words = default_pack().pleading
        if template == COMPLAINT and not self.counts:
            rule = words.rule("NO_COUNT")
            detail = "; ".join(sorted({r.rule for r in self.refusals})) or "no claim selected"
            return Refusal(COMPLAINT, rule.id, rule.text, rule.citation, rule.confidence, detail)
        notice = self.notice(template)
        if notice is None or template not in NOTICE_TEMPLATES:
            return None
        if notice.status == REFUSED:
            return notice.refusal
        if notice.status == LATE and not self.late:
            return notice.refusal
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "today": self.today.isoformat(),
            "late": self.late,
            "law_version": self.law_version,
            "defendants": [d.to_dict() for d in self.defendants],
            "counts": [c.to_dict() for c in self.counts],
            "notices": [n.to_dict() for n in self.notices],
            "refusals": [r.to_dict() for r in self.refusals],
            "offers": [o.to_dict() for o in self.offers],
            "facts": {
                "detainer_hold": self.hold,
                "v8_confirmed": self.v8_confirmed,
                "alleged": list(self.alleged),
            },
            "notes": list(self.notes),
        }


# --- pleading voice -----------------------------------------------------------------------------

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
_CLIENT = re.compile(r"\b(?:the|our|my)\s+client\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I(?![-\w])|me|my|mine|myself|we|us|our|ours|My|We|Our|Me)\b")


def in_pleading_voice(text: str) -> bool:
    """True if ``text`` can stand in a pleading as written: it never speaks of "the client" and
    is not in the first person (quoted speech aside)."""
    if _CLIENT.search(text):
        return False
    return not _FIRST_PERSON.search(_QUOTED.sub("", text))


def long_day(day: date | datetime | None) -> str:
    """``November 3, 2025`` (pleadings are in English); a placeholder when unknown."""
    if day is None:
        return "[[date]]"
    return f"{day:%B} {day.day}, {day.year}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


# --- building the plan --------------------------------------------------------------------------


@dataclass
class _Facts:
    """What the rules look at, derived once."""

    incidents: list[Incident]
    actors: dict[int, Actor]
    employer: dict[int, str]  # municipality / state / other, per incident index
    codes: set[str]
    hold_codes: list[str]
    v8: bool


def plan_pleading(
    matter: MatterFacts,
    today: date,
    pack: LawPack | None = None,
    *,
    late: bool = False,
    notice_given_on: date | None = None,
    authorized_on: date | None = None,
    screenings: Sequence[Any] | None = None,
    calendar: CourtCalendar | None = None,
    federal: FederalCalendar | None = None,
) -> PleadingPlan:
    """Plan the counts, notices and letters of a matter (see the module docstring).

    Args:
        matter: the matter's facts.
        today: the day the plan is for (deadlines are open or passed as of it).
        pack: the law in force (default: the shipped pack).
        late: the attorney asks for a late § 7-465 (or § 4-147) notice.
        notice_given_on: when the § 7-465 notice was filed, if it was.
        authorized_on: when the Claims Commissioner authorized suit (§ 4-160).
        screenings: each incident's :class:`~casekit.domain.screening.ScreeningResult`, in the
            order of ``matter.incidents`` (None: screened fresh here).
        calendar, federal: court days and federal business days (defaults: holidays only).

    Raises:
        InvalidInput: the matter has no incident.
    """
    from casekit.domain.custody import over_detention
    from casekit.domain.deadlines import default_federal_calendar

    law = pack or default_pack()
    words = law.pleading
    if not matter.incidents:
        raise InvalidInput(f"matter {matter.number} has no incident recorded; record one first")
    court = calendar or CourtCalendar()
    incidents = sorted(matter.incidents, key=lambda i: i.occurred_on)
    actors: dict[int, Actor] = {}
    employer: dict[int, str] = {}
    for index, incident in enumerate(incidents):
        actor = _actor(incident.agency_kind, law)
        actors[index] = actor
        row = _agency_row(matter.agencies, incident.agency)
        employer[index] = _employer_kind(actor, row)
    codes = {_full(code, law) for i in incidents for code in i.violations}
    figures = over_detention(matter.custody, federal or default_federal_calendar())
    v8 = bool(figures.over_cap)
    hold_codes = [c for c in words.hold_codes if c in codes]
    facts = _Facts(incidents, actors, employer, codes, hold_codes, v8)

    refusals: list[Refusal] = []
    notes: list[str] = []
    if V8 in codes and not v8:
        refusals.append(
            _refuse(
                law,
                V8,
                "HOLD_48H_CONFIRMED",
                "released within the 48-hour cap"
                if figures.hours_past_cap == 0
                else "the custody timeline does not allow the computation",
            )
        )
    alleged = tuple(
        code for code in _ordered(codes, law) if code in law.violations and (code != V8 or v8)
    )
    defendants = _defendants(matter, facts, law, notes)
    results = list(screenings) if screenings is not None else _screen(incidents, today, law, court)

    counts: list[Count] = []
    offers: list[Offer] = []
    wanted = [c for c in law.claims if c in matter.claims]
    for claim_id in wanted:
        count, refusal, offer = _plan_count(
            claim_id, facts, defendants, matter, law, today, results, notice_given_on,
            authorized_on, court,
        )  # fmt: skip
        if count is not None:
            counts.append(count)
        if refusal is not None:
            refusals.append(refusal)
        if offer is not None:
            offers.append(offer)

    notices = [
        *_notices_7465(facts, defendants, matter, law, today, court, notice_given_on),
        _notice_4147(facts, defendants, law, today, court),
    ]
    notices += [NoticePlan(t, words.titles.get(t, t), AVAILABLE) for t in LETTERS]
    for officer in _unjoined_officers(incidents, defendants):
        notes.append(
            f"{officer} is named among the officers in the facts but is not a defendant: add "
            "the officer as a party if the officer is to be sued."
        )
    return PleadingPlan(
        matter=matter.number,
        today=today,
        defendants=tuple(defendants),
        counts=tuple(counts),
        notices=tuple(notices),
        refusals=tuple(refusals),
        offers=tuple(offers),
        hold=bool(hold_codes),
        v8_confirmed=v8,
        v8_cap_end=figures.cap_end if v8 else None,
        v8_hours=figures.hours_past_cap if v8 else None,
        alleged=alleged,
        notes=tuple(notes),
        late=late,
        law_version=law.version.label,
    )


def _actor(kind: str, law: LawPack) -> Actor:
    try:
        return law.actor(kind)
    except InvalidInput:
        return law.actor("other")


def _agency_row(agencies: Sequence[Agency], name: str | None) -> Agency | None:
    return next((a for a in agencies if name and a.name == name), None)


def _employer_kind(actor: Actor, row: Agency | None) -> str:
    if row is not None and row.employer.startswith("State of Connecticut"):
        return STATE
    if actor.defendant in (MUNICIPALITY, STATE):
        return actor.defendant
    return AGENCY


def _full(code: str, law: LawPack) -> str:
    try:
        return law.violation(code).id
    except InvalidInput:
        return code


def _ordered(codes: Iterable[str], law: LawPack) -> list[str]:
    order = {c: i for i, c in enumerate(law.violations)}
    return sorted(codes, key=lambda c: (order.get(c, len(order)), c))


def _refuse(law: LawPack, subject: str, rule_id: str, detail: str = "") -> Refusal:
    rule = law.pleading.rule(rule_id)
    return Refusal(subject, rule.id, rule.text, rule.citation, rule.confidence, detail)


def _screen(incidents: Sequence[Incident], today: date, law: LawPack, court: CourtCalendar) -> list:
    from casekit.domain.screening import ScreeningFacts, screen

    out = []
    for incident in incidents:
        try:
            out.append(screen(ScreeningFacts.from_incident(incident), today, law, court))
        except InvalidInput:
            continue  # an unknown code or actor: the claims are judged without its screening
    return out


# --- defendants ---------------------------------------------------------------------------------


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _linked_incident(party: Party, incidents: Sequence[Incident]) -> int | None:
    for index, incident in enumerate(incidents):
        if any(_same(party.name, officer) for officer in incident.officers):
            return index
    return None


def _entity_incidents(party: Party, facts: _Facts, matter: MatterFacts, kind: str) -> list[int]:
    """The incidents whose agency this entity answers for."""
    out = []
    for index, incident in enumerate(facts.incidents):
        if facts.employer[index] != kind:
            continue
        row = _agency_row(matter.agencies, incident.agency)
        if kind == STATE:
            out.append(index)
        elif (
            (party.agency and party.agency == incident.agency)
            or (party.town and _same(party.town, incident.town))
            or (row is not None and _same(row.employer, party.name))
            or incident.town.lower() in party.name.lower()
        ):
            out.append(index)
    return out


def _defendants(
    matter: MatterFacts, facts: _Facts, law: LawPack, notes: list[str]
) -> list[Defendant]:
    out: list[Defendant] = []
    parties = list(matter.defendants)
    for party in parties:
        if party.kind == "person":
            out.append(_officer(party, facts, matter, law))
            continue
        kind = party.kind if party.kind in (MUNICIPALITY, STATE) else AGENCY
        if kind == AGENCY:
            row = _agency_row(matter.agencies, party.agency or party.name)
            if row is not None:
                kind = _employer_kind(_actor(row.kind, law), row)
                kind = kind if kind in (MUNICIPALITY, STATE) else AGENCY
        acted = bool(_entity_incidents(party, facts, matter, kind)) if kind != AGENCY else True
        out.append(
            Defendant(
                name=party.name,
                kind=kind,
                capacity=party.capacity,
                agency=party.agency or "",
                acted=acted,
            )
        )
    # An entity answers for each incident's agency: derive it when no such party is recorded.
    for index, incident in enumerate(facts.incidents):
        kind = facts.employer[index]
        if kind not in (MUNICIPALITY, STATE):
            continue
        if any(
            d.kind == kind and index in _entity_incidents(_as_party(d), facts, matter, kind)
            for d in out
        ):
            continue
        row = _agency_row(matter.agencies, incident.agency)
        if kind == STATE:
            name = law.defendants[STATE].name or "State of Connecticut"
        else:
            name = row.employer if row is not None and row.employer else incident.town
        if any(d.name == name for d in out):
            continue
        out.append(Defendant(name=name, kind=kind, agency=incident.agency, party=False, acted=True))
        notes.append(
            f"{name} answers for the {incident.agency} but is not recorded as a defendant: add it "
            "as a party (casekit party add) before filing."
        )
    return out


def _as_party(d: Defendant) -> Party:
    return Party("defendant", d.name, capacity=d.capacity, kind=d.kind, agency=d.agency or None)


def _officer(party: Party, facts: _Facts, matter: MatterFacts, law: LawPack) -> Defendant:
    words = law.pleading
    linked = _linked_incident(party, facts.incidents)
    index = linked
    if index is None and party.agency:
        index = next(
            (i for i, inc in enumerate(facts.incidents) if inc.agency == party.agency), None
        )
    if index is None and not party.agency:
        agencies = {i.agency for i in facts.incidents}
        if len(agencies) == 1:
            index = 0  # one agency in the matter: the officer is taken to be one of its own
    agency = party.agency or (facts.incidents[index].agency if index is not None else "")
    kind = ""
    if index is not None:
        kind = facts.incidents[index].agency_kind
    else:
        row = _agency_row(matter.agencies, party.agency)
        kind = row.kind if row is not None else ""
    actor = _actor(kind, law) if kind else None
    row = _agency_row(matter.agencies, agency)
    employer = _employer_kind(actor, row) if actor is not None else AGENCY
    paragraphs: list[str] = []
    if linked is not None:
        incident = facts.incidents[linked]
        paragraphs.append(
            words.say(
                "officer.role",
                name=party.name,
                agency=incident.agency,
                day=long_day(incident.occurred_on),
            )
        )
        paragraphs.append(words.say("officer.conduct", name=party.name))
    else:
        paragraphs.append(words.say("officer.unlinked", name=party.name))
    return Defendant(
        name=party.name,
        kind=OFFICER,
        capacity=party.capacity,
        agency=agency,
        municipal=employer == MUNICIPALITY,
        state_employee=employer == STATE,
        police=bool(actor and actor.police),
        police_confidence=actor.police_confidence if actor else "unknown",
        acted=linked is not None,
        paragraphs=tuple(paragraphs),
    )


def _unjoined_officers(incidents: Sequence[Incident], defendants: Sequence[Defendant]) -> list[str]:
    named = [d.name for d in defendants if d.kind == OFFICER]
    out: list[str] = []
    for incident in incidents:
        for officer in incident.officers:
            if not any(_same(officer, n) for n in named) and officer not in out:
                out.append(officer)
    return out


def _names(names: Sequence[str]) -> str:
    shown = [_the(n) for n in names]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _the(name: str) -> str:
    if name.startswith(("City of ", "Town of ", "State of ", "Borough of ")):
        return f"the {name}"
    return name


def _defendant_words(against: Sequence[Defendant]) -> str:
    """``the defendant Sgt. X`` / ``the defendants Sgt. X and Ofc. Y``."""
    names = [d.name for d in against]
    if len(names) == 1:
        return f"the defendant {_names(names)}"
    return f"the defendants {_names(names)}"


# --- counts -------------------------------------------------------------------------------------


def _status_refusal(claim_id: str, results: Sequence[Any], law: LawPack) -> Refusal | None:
    statuses = [s for r in results for s in r.claims if s.claim == claim_id]
    if not statuses or any(s.offered or s.status == "optional" for s in statuses):
        return None
    expired = [s for s in statuses if s.status == "expired"]
    if expired:
        limit = expired[0].limitation
        detail = f"{limit.rule_id} ended on {limit.due.isoformat()}" if limit else ""
        return _refuse(law, claim_id, "CLAIM_EXPIRED", detail)
    note = statuses[0].note.split(";")[0].removeprefix("Not available: ")
    return _refuse(law, claim_id, "CLAIM_NOT_AVAILABLE", note[:160])


def _seizure(facts: _Facts, law: LawPack) -> tuple[str, tuple[str, ...]]:
    """The seizure phrase for the counts that allege one, and the facts it rests on."""
    codes = list(facts.hold_codes) + ([V8] if facts.v8 else [])
    phrases = [law.pleading.text(f"seizure.{c}") for c in codes]
    text = ", and by ".join(p.say() for p in phrases)
    rests = tuple(codes) + (("48-hour computation",) if facts.v8 else ())
    return text, rests


def _plan_count(
    claim_id: str,
    facts: _Facts,
    defendants: Sequence[Defendant],
    matter: MatterFacts,
    law: LawPack,
    today: date,
    results: Sequence[Any],
    notice_given_on: date | None,
    authorized_on: date | None,
    court: CourtCalendar,
) -> tuple[Count | None, Refusal | None, Offer | None]:
    words = law.pleading
    claim = law.claims[claim_id]
    officers = [d for d in defendants if d.kind == OFFICER]
    municipal = [d for d in defendants if d.kind == MUNICIPALITY and d.acted]
    states = [d for d in defendants if d.kind == STATE and d.acted]
    entities = [d for d in defendants if d.kind != OFFICER and d.acted]

    # Rules that name the defendants come first: they say who, the screening says whether.
    if claim_id == CLAIM_FALSE_IMPRISONMENT and not municipal:
        return None, _refuse(law, claim_id, "NOTICE_7465_MUNICIPAL"), None
    if claim_id == CLAIM_1983 and not (officers or municipal):
        offer = None
        if states:
            agency = next((i.agency for i in facts.incidents), "")
            text = words.text("offer.official_capacity")
            offer = Offer(claim_id, text.fill(agency=agency), text.citation, text.confidence)
        return None, _refuse(law, claim_id, "SECTION_1983_PERSON"), offer
    police = [d for d in officers if d.police]
    if claim_id == CLAIM_52571K and not police:
        return None, _refuse(law, claim_id, "SECTION_52571K_POLICE"), None
    if claim_id in _SEIZURE_CLAIMS and not (facts.hold_codes or facts.v8):
        return None, _refuse(law, claim_id, "SEIZURE_NEEDS_HOLD"), None
    if claim_id == CLAIM_CLAIMS_COMMISSIONER and not states:
        return None, _refuse(law, claim_id, "NOTICE_4147_STATE"), None
    refusal = _status_refusal(claim_id, results, law)
    if refusal is not None:
        return None, refusal, None

    seizure, seizure_rests = _seizure(facts, law)
    trust_codes = [
        c for c in _ordered(facts.codes, law)
        if c in law.violations and law.violations[c].trust_act_violation
    ]  # fmt: skip
    why: list[str] = []
    texts: list[str] = []
    confidence = claim.confidence
    if claim_id == CLAIM_TRUST_ACT:
        if not trust_codes:
            return None, _refuse(law, claim_id, "CLAIM_NOT_AVAILABLE", "no Trust Act act"), None
        against = entities
        why = [f"{d.name}: answers for the {d.agency or 'agency'}" for d in against]
        for agency in dict.fromkeys(i.agency for i in facts.incidents):
            texts.append(words.say("trust_act.covered", agency=agency))
        if states:
            texts.append(words.say("trust_act.state_unknown"))
            confidence = weakest(confidence, words.text("trust_act.state_unknown").confidence)
        for incident in facts.incidents:
            for code in _ordered({_full(c, law) for c in incident.violations}, law):
                if code not in trust_codes:
                    continue
                v = law.violations[code]
                said = words.say(
                    "trust_act.violation", agency=incident.agency, allegation=v.allegation
                )
                if needs_verify(v.confidence):
                    said += f" [verify: {v.confidence}]"
                texts.append(said)
        texts += _no_exception(facts.incidents, law)
        since = law.date_of("ACT_2025")
        if all(i.occurred_on >= since for i in facts.incidents):
            texts.append(words.say("trust_act.effective", since=long_day(since)))
        texts.append(words.say("trust_act.aggrieved"))
        texts.append(words.say("trust_act.enjoin"))
        rests = tuple(trust_codes)
    elif claim_id == CLAIM_1983:
        against = [*officers, *municipal]
        why = [
            *(f"{d.name}: an officer acting under color of state law" for d in officers),
            *(f"{d.name}: a municipality, under Monell" for d in municipal),
        ]
        who = _defendant_words(against)
        texts.append(words.say("s1983.color", defendants=who))
        texts.append(words.say("s1983.seizure", seizure=seizure, defendants=who))
        for m in municipal:
            texts.append(words.say("s1983.monell", municipality=_the(m.name)))
        texts.append(words.say("harm.liberty"))
        rests = seizure_rests
    elif claim_id == CLAIM_52571K:
        against = police
        why = [f"{d.name}: a police officer of the {d.agency}" for d in police]
        who = _defendant_words(against)
        are = "is a police officer" if len(against) == 1 else "are police officers"
        texts.append(_cap(words.say("s52571k.police", defendants=who, are=are)))
        texts.append(words.say("s52571k.deprived", seizure=seizure, defendants=who))
        since = law.date_of("SECTION_52571K")
        if all(i.occurred_on >= since for i in facts.incidents):
            texts.append(words.say("s52571k.since", since=long_day(since)))
        texts.append(words.say("harm.damages"))
        confidence = weakest(confidence, *(d.police_confidence for d in police))
        rests = seizure_rests
    elif claim_id == CLAIM_FALSE_IMPRISONMENT:
        employees = [d for d in officers if d.municipal]
        against = [*employees, *municipal]
        why = [
            *(f"{d.name}: an employee of a municipality" for d in employees),
            *(f"{d.name}: indemnifies its employees who acted" for d in municipal),
        ]
        who = (
            _defendant_words(employees)
            if employees
            else "the officers of " + _names([m.name for m in municipal])
        )
        texts.append(_cap(words.say("fi.restrained", defendants=who, seizure=seizure)))
        texts.append(words.say("harm.liberty"))
        for m in municipal:
            texts.append(_cap(words.say("fi.scope", defendants=who, employer=_the(m.name))))
            status, due = _7465_status(m, facts, matter, law, today, court, notice_given_on)
            if status == GIVEN:
                texts.append(
                    words.say(
                        "fi.notice_given", given_on=long_day(notice_given_on), employer=_the(m.name)
                    )
                )
            elif status == LATE:
                texts.append(
                    words.say("fi.notice_late", employer=_the(m.name), deadline=long_day(due))
                )
            else:
                texts.append(
                    words.say("fi.notice_open", employer=_the(m.name), deadline=long_day(due))
                )
            texts.append(words.say("fi.indemnify", employer=_the(m.name)))
        rests = seizure_rests
    elif claim_id == CLAIM_CLAIMS_COMMISSIONER:
        against = states
        why = [f"{d.name}: answers for its agencies, with permission to sue" for d in states]
        if authorized_on is not None:
            texts.append(words.say("cc.authorized", authorized_on=long_day(authorized_on)))
        else:
            texts.append(words.say("cc.not_authorized"))
        for index, incident in enumerate(facts.incidents):
            if facts.employer[index] != STATE:
                continue
            for code in _ordered({_full(c, law) for c in incident.violations}, law):
                if code not in law.violations or (code == V8 and not facts.v8):
                    continue
                allegation = law.violations[code].allegation
                texts.append(words.say("cc.conduct", agency=incident.agency, allegation=allegation))
        texts.append(words.say("harm.liberty" if facts.hold_codes else "harm.damages"))
        rests = tuple(
            c for c in _ordered(facts.codes, law) if c in law.violations and (c != V8 or facts.v8)
        )
    else:
        # A claim the plan has no pleading words for (a firm's own, § 4-197): not pleaded here.
        return None, _refuse(law, claim_id, "CLAIM_NOT_AVAILABLE", "no pleading words"), None
    if not against:
        return None, _refuse(law, claim_id, "CLAIM_NOT_AVAILABLE", "no defendant"), None
    return (
        Count(
            claim=claim_id,
            title=claim.title,
            citation=claim.citation,
            confidence=confidence,
            against=tuple(d.name for d in against),
            why=tuple(why),
            rests_on=rests,
            paragraphs=tuple(texts),
        ),
        None,
        None,
    )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _no_exception(incidents: Sequence[Incident], law: LawPack) -> list[str]:
    """Plead only the exceptions the recorded facts rule out (codes.toml ``pleading_absent``)."""
    out = []
    checks = (
        ("E1_JUDICIAL_WARRANT", any(i.judicial_warrant for i in incidents)),
        ("E2_QUALIFYING_CONVICTION", any(i.convictions for i in incidents)),
        ("E3_TSDB_MATCH", any(i.tsdb_match for i in incidents)),
    )
    for exception_id, present in checks:
        if present or exception_id not in law.exceptions:
            continue
        exc = law.exceptions[exception_id]
        text = exc.pleading_absent
        if needs_verify(exc.confidence):
            text += f" [verify: {exc.confidence}]"
        out.append(text)
    return out


# --- notices ------------------------------------------------------------------------------------


def _7465_status(
    municipality: Defendant,
    facts: _Facts,
    matter: MatterFacts,
    law: LawPack,
    today: date,
    court: CourtCalendar,
    notice_given_on: date | None,
) -> tuple[str, date | None]:
    from casekit.domain.deadlines import compute

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
        due = compute(law.rules["CT_7465_NOTICE"], first, court).due
    return (LATE if due < today else AVAILABLE), due


def _notices_7465(
    facts: _Facts,
    defendants: Sequence[Defendant],
    matter: MatterFacts,
    law: LawPack,
    today: date,
    court: CourtCalendar,
    notice_given_on: date | None,
) -> list[NoticePlan]:
    """One § 7-465 notice per municipality whose employees acted (each to its own clerk)."""
    title = law.pleading.titles.get(NOTICE_7465, NOTICE_7465)
    rule = law.rules["CT_7465_NOTICE"]
    municipal = [d for d in defendants if d.kind == MUNICIPALITY and d.acted]
    if not municipal:
        none = _refuse(law, NOTICE_7465, "NOTICE_7465_MUNICIPAL")
        return [NoticePlan(NOTICE_7465, title, REFUSED, rule_id=rule.id, refusal=none)]
    return [
        _notice_7465(m, facts, defendants, matter, law, today, court, notice_given_on)
        for m in municipal
    ]


def _notice_7465(
    first: Defendant,
    facts: _Facts,
    defendants: Sequence[Defendant],
    matter: MatterFacts,
    law: LawPack,
    today: date,
    court: CourtCalendar,
    notice_given_on: date | None,
) -> NoticePlan:
    title = law.pleading.titles.get(NOTICE_7465, NOTICE_7465)
    rule = law.rules["CT_7465_NOTICE"]
    status, due = _7465_status(first, facts, matter, law, today, court, notice_given_on)
    agencies = {facts.incidents[i].agency for i in _entity_incidents(
        _as_party(first), facts, matter, MUNICIPALITY
    )}  # fmt: skip
    employees = tuple(
        d.name for d in defendants if d.kind == OFFICER and d.municipal and d.agency in agencies
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


def _notice_4147(
    facts: _Facts,
    defendants: Sequence[Defendant],
    law: LawPack,
    today: date,
    court: CourtCalendar,
) -> NoticePlan:
    from casekit.domain.deadlines import compute

    title = law.pleading.titles.get(NOTICE_4147, NOTICE_4147)
    rule = law.rules["CT_CLAIMS_COMMISSIONER"]
    states = [d for d in defendants if d.kind == STATE and d.acted]
    indexes = [i for i in range(len(facts.incidents)) if facts.employer[i] == STATE]
    if not states or not indexes:
        refusal = _refuse(law, NOTICE_4147, "NOTICE_4147_STATE")
        return NoticePlan(NOTICE_4147, title, REFUSED, rule_id=rule.id, refusal=refusal)
    first = min(facts.incidents[i].occurred_on for i in indexes)
    due = compute(rule, first, court).due
    status = LATE if due < today else AVAILABLE
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


def notice_for_town(plan: PleadingPlan, town: str, law: LawPack) -> PleadingPlan:
    """The plan with ``town``'s § 7-465 notice first: the one a refusal check and the notice's
    text read (the plan holds one per municipality whose employees acted). A town that is not
    one of them (sued, but its employees did not act) gets a refused notice first."""
    wanted = " ".join(town.split()).casefold()

    def mine(notice: NoticePlan) -> bool:
        names = (notice.addressee, *notice.defendants)
        return notice.template == NOTICE_7465 and any(
            " ".join(n.split()).casefold() == wanted for n in names
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
