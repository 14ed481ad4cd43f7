"""What the pleading rules look at, derived once from a matter (incidents, actors, employers,
violation codes), and the claims screening of each incident."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from casekit.domain.calendar import CourtCalendar
from casekit.domain.lawpack import Actor, LawPack
from casekit.domain.model import (
    Agency,
    Incident,
    MatterFacts,
)
from casekit.domain.pleading.model import AGENCY, MUNICIPALITY, STATE, V8, Defendant
from casekit.domain.screening import ScreeningFacts, screen
from casekit.domain.vocabulary import needs_verify
from casekit.errors import InvalidInput

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


@dataclass(frozen=True)
class _Planning:
    """Everything the counts and notices of one plan are decided from."""

    matter: MatterFacts
    law: LawPack
    today: date
    court: CourtCalendar
    facts: _Facts
    defendants: Sequence[Defendant]
    results: Sequence[Any]
    notice_given_on: date | None = None
    authorized_on: date | None = None

    def of_kind(self, kind: str, *, acted: bool = True) -> list[Defendant]:
        """The defendants of ``kind`` (those whose people acted, unless ``acted`` is False)."""
        return [d for d in self.defendants if d.kind == kind and (d.acted or not acted)]


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


def _screen(
    incidents: Sequence[Incident], today: date, law: LawPack, court: CourtCalendar
) -> list[Any]:

    out: list[Any] = []
    for incident in incidents:
        try:
            out.append(screen(ScreeningFacts.from_incident(incident), today, law, court))
        except InvalidInput:
            continue  # an unknown code or actor: the claims are judged without its screening
    return out


def _seizure(facts: _Facts, law: LawPack) -> tuple[str, tuple[str, ...]]:
    """The seizure phrase for the counts that allege one, and the facts it rests on."""
    codes = list(facts.hold_codes) + ([V8] if facts.v8 else [])
    phrases = [law.pleading.text(f"seizure.{c}") for c in codes]
    text = ", and by ".join(p.say() for p in phrases)
    rests = tuple(codes) + (("48-hour computation",) if facts.v8 else ())
    return text, rests


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
