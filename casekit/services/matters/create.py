"""Opening a matter: the matter, its incident and the suggested defendant, in one transaction.

Every input is checked first (dates, codes, client, town, agency, attorney), then the matter,
its incident and the defendant are written, with the matter's deadlines and its stored screening
(both with the law pack version they came from). The claims a new matter pre-selects are those
its screening offers (screening step 5: never an expired claim, never an optional one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.model import Conviction
from casekit.domain.records import PlainRecord
from casekit.domain.screening import ScreeningFacts, screen
from casekit.services.base import AppContext
from casekit.services.casefile.stored_screenings import offered_claims, record_screening_in
from casekit.services.deadlines import refresh_matter_deadlines
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.law.rules import law_pack
from casekit.services.matters.defendant import PartyOut, suggest_defendant
from casekit.services.matters.inputs import MatterInput
from casekit.services.matters.spec import MatterSpec, check_matter
from casekit.store import repo
from casekit.store.repos import matters_write as rows

if TYPE_CHECKING:
    from casekit.domain.lawpack import LawPack
    from casekit.domain.screening import ScreeningResult
    from casekit.store.models import Agency, Client, Town, User
    from casekit.store.repos.matters_write import Session


@dataclass(frozen=True)
class MatterOut(PlainRecord):
    """What opening a matter produced (the public variant of
    :class:`~casekit.services.matters.inputs.MatterInput`)."""

    number: str
    id: int
    client_id: int
    client: str
    status: str
    opened_on: date
    incident_date: date
    incident_time: str
    town: str
    agency: str
    agency_kind: str
    violations: tuple[str, ...]
    claims: tuple[str, ...]
    attorney: str
    parties: tuple[PartyOut, ...]
    notes: tuple[str, ...] = ()
    judicial_warrant: bool = False
    convictions: tuple[dict[str, str | None], ...] = ()
    tsdb_match: bool = False


def default_claims(result: ScreeningResult) -> tuple[str, ...]:
    """Claims pre-selected for a new matter: those its screening offers now (screening step 5);
    the attorney changes them as the case develops."""
    return offered_claims(result)


def add_matter(
    svc: AppContext, matter: MatterInput | None = None, /, *, client: str | int, **fields: Any
) -> MatterOut:
    """Open a matter for an existing client: matter, incident and suggested defendant.

    ``client`` is the client's id or exact name; ``matter`` the
    :class:`~casekit.services.matters.inputs.MatterInput` (or its fields as keywords).
    Everything is validated before the first write; an agency outside the incident town is
    accepted (State Police troops and DOC facilities serve many towns) and reported in
    ``notes``.

    The exception facts go on the incident as recorded: ``judicial_warrant`` (E1),
    ``convictions`` as (statute section, felony class the attorney recorded or ``None`` to look
    it up) pairs (E2), and ``tsdb_match`` (E3).
    """
    spec = check_matter(matter or MatterInput(**fields), svc.today())
    with svc.transaction() as session:
        return add_matter_in(
            session, svc, spec, lambda s: repo.find_client(session=s, ref=str(client))
        )


@dataclass(frozen=True)
class _Places:
    """The references a new matter names, looked up."""

    town: Town
    agency: Agency
    agency_town: Town | None
    attorney: User | None


def _places(session: Session, spec: MatterSpec) -> _Places:
    place = repo.find_town(session=session, name=spec.town)
    unit = repo.find_agency(session=session, name=spec.agency)
    lawyer = repo.find_user(session=session, name=spec.attorney) if spec.attorney else None
    return _Places(place, unit, rows.agency_town(session=session, agency=unit), lawyer)


def add_matter_in(
    session: Session,
    svc: AppContext,
    spec: MatterSpec,
    client: Callable[[Session], Client],
) -> MatterOut:
    """Write a matter, its incident and the suggested defendant inside the caller's transaction.

    Every reference (town, agency, attorney) is looked up before ``client(session)`` runs, so a
    caller that creates the client there (:func:`casekit.services.matters.intake.open_intake`)
    writes nothing when a reference is wrong.
    """
    today = svc.today()
    refs = _places(session, spec)
    place, unit, lawyer = refs.town, refs.agency, refs.attorney
    person = client(session)
    notes: list[str] = []
    if refs.agency_town is not None and refs.agency_town.id != place.id:
        notes.append(f"{unit.name} is based in {refs.agency_town.name}, not {place.name}")
    pack = law_pack(svc)
    defendant = _defendant(refs, pack)
    chosen_claims = spec.claims or _screened_claims(session, svc, spec, unit.kind, pack)
    matter = rows.add_matter_row(
        session=session,
        year=today.year,
        values={
            "client_id": person.id,
            "status": "intake",
            "attorney_id": lawyer.id if lawyer else None,
            "claims": list(chosen_claims),
            "opened_on": today,
        },
        search_parts=(person.name, place.name, unit.name),
    )
    matter_id = int(matter.id or 0)
    _add_incident(session, matter_id, spec, refs)
    rows.add_party(
        session=session,
        values={
            "matter_id": matter_id,
            "role": defendant.role,
            "kind": defendant.kind,
            "name": defendant.name,
            "agency_id": unit.id,
            "town_id": place.id if defendant.kind == "municipality" else None,
            "capacity": defendant.capacity,
            "service_address": defendant.service_address,
        },
    )
    session.flush()
    refresh_matter_deadlines(session, matter_id, svc)
    record_screening_in(session, svc, matter_id)
    return MatterOut(
        number=matter.number,
        id=matter_id,
        client_id=int(person.id or 0),
        client=person.name,
        status=matter.status,
        opened_on=today,
        incident_date=spec.day,
        incident_time=spec.at.strftime("%H:%M") if spec.at else "",
        town=place.name,
        agency=unit.name,
        agency_kind=unit.kind,
        violations=spec.violations,
        claims=chosen_claims,
        attorney=lawyer.name if lawyer else "",
        parties=(defendant,),
        notes=tuple(notes),
        judicial_warrant=spec.judicial_warrant,
        convictions=tuple({"section": s, "felony_class": c} for s, c in spec.convictions),
        tsdb_match=spec.tsdb_match,
    )


def _add_incident(session: Session, matter_id: int, spec: MatterSpec, refs: _Places) -> None:
    at = spec.at
    occurred_at = (
        datetime.combine(spec.day, at, tzinfo=LOCAL_TZ).astimezone(UTC) if at is not None else None
    )
    rows.add_incident(
        session=session,
        values={
            "matter_id": matter_id,
            "occurred_on": spec.day,
            "occurred_at": occurred_at,
            "town_id": refs.town.id,
            "agency_id": refs.agency.id,
            "contact_type": spec.contact_type,
            "violations": list(spec.violations),
            "judicial_warrant": spec.judicial_warrant,
            "convictions": [{"section": s, "felony_class": c} for s, c in spec.convictions],
            "tsdb_match": spec.tsdb_match,
            "narrative": spec.narrative,
        },
    )


def _defendant(refs: _Places, pack: LawPack) -> PartyOut:
    unit, town = refs.agency, refs.agency_town
    return suggest_defendant(
        agency_kind=unit.kind,
        employer=unit.employer,
        agency_name=unit.name,
        clerk_address=unit.clerk_for_notices or (town.clerk_address if town else ""),
        clerk_title=_clerk_title(town, unit.employer),
        pack=pack,
    )


def _clerk_title(town: Town | None, employer: str) -> str:
    """The registry's clerk title when the employer is that town itself (not the City of Groton
    inside the Town of Groton)."""
    if town is None or not town.legal_name or town.legal_name != employer:
        return ""
    return town.clerk_title


def _screened_claims(
    session: Session, svc: AppContext, spec: MatterSpec, agency_kind: str, pack: LawPack
) -> tuple[str, ...]:
    """The claims the new matter's screening offers today (the attorney's choice otherwise)."""
    facts = ScreeningFacts(
        incident_date=spec.day,
        actor=agency_kind,
        violations=spec.violations,
        judicial_warrant=spec.judicial_warrant,
        convictions=tuple(Conviction(s, c) for s, c in spec.convictions),
        tsdb_match=spec.tsdb_match,
    )
    return default_claims(screen(facts, svc.today(), pack, court_calendar_in(session)))
