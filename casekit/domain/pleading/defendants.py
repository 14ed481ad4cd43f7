"""The defendants a plan pleads against: the recorded parties, each officer linked to an incident,
and the entity that answers for an agency when none is recorded."""

from __future__ import annotations

from collections.abc import Sequence

from casekit.domain.lawpack import LawPack
from casekit.domain.model import (
    Incident,
    MatterFacts,
    Party,
)
from casekit.domain.pleading.facts import _actor, _agency_row, _employer_kind, _Facts
from casekit.domain.pleading.model import AGENCY, MUNICIPALITY, OFFICER, STATE, Defendant
from casekit.domain.pleading.voice import _same, long_day


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
