"""Matters: opening one (with its incident and suggested defendant), the list, one matter.

Opening a matter checks every input first (dates, codes, client, town, agency, attorney), then
writes the matter, its incident and the defendant in one transaction, with the matter's
deadlines and its stored screening (both with the law pack version they came from).

Who the defendant is, and how process is served, comes from the law pack (``actors.toml``
[[defendant]], trust-act.md § 2). The claims a new matter pre-selects are those its screening
offers (screening step 5: never an expired claim, never an optional one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from casekit.domain import codes
from casekit.domain.lawpack import LawPack, default_pack
from casekit.domain.model import MATTER_STATUSES
from casekit.domain.text import fold
from casekit.errors import InvalidInput
from casekit.services.base import Services, check_version
from casekit.services.casefile.stored_screenings import record_screening_in
from casekit.services.clients import ClientOut
from casekit.services.deadlines import refresh_matter_deadlines
from casekit.services.rules import law_pack

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.domain.screening import ScreeningResult
    from casekit.store.models import Agency, Client, Town

MAX_NARRATIVE = 20_000
MAX_SECTION = 40


@dataclass(frozen=True)
class PartyOut:
    """A party of a matter; ``citation`` says where the service rule comes from."""

    role: str
    name: str
    kind: str = ""
    capacity: str = ""
    service_address: str = ""
    citation: str = ""


@dataclass(frozen=True)
class MatterOut:
    """What opening a matter produced."""

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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MatterSummary:
    """One row of the matter list."""

    number: str
    client: str
    status: str
    incident_date: date | None
    town: str
    agency: str
    attorney: str
    opened_on: date

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class MatterView:
    """Everything stored about one matter, in plain values (``casekit matter show``)."""

    number: str
    status: str
    opened_on: date
    closed_on: date | None
    client: ClientOut
    attorney: str
    claims: tuple[str, ...]
    relief_sought: str
    incidents: tuple[dict[str, Any], ...]
    custody_events: tuple[dict[str, Any], ...]
    parties: tuple[dict[str, Any], ...]
    deadlines: tuple[dict[str, Any], ...]
    evidence_count: int
    notes: tuple[dict[str, Any], ...]
    #: Hours past release and past the 48-hour cap (casekit.services.timeline), or None.
    over_detention: Any = None
    #: The matter row's version as read: ``casekit matter update --version`` passes it back.
    version: int = 0
    #: The open out-of-date marker (``casekit.services.markers.MarkerView``), or None.
    marker: Any = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["client"] = self.client.to_dict()
        data["over_detention"] = self.over_detention.to_dict() if self.over_detention else None
        data["marker"] = self.marker.to_dict() if self.marker else None
        return data


# --- pure helpers (the intake form uses them too) ---------------------------------------------


def parse_incident_date(value: date | str, today: date) -> date:
    """A real date, not after today."""
    from casekit.domain.bounds import parse_day

    day = parse_day(value, today, "incident date")
    if day > today:
        raise InvalidInput(f"incident date {day.isoformat()} is after today ({today.isoformat()})")
    return day


def parse_incident_time(value: time | str | None) -> time | None:
    """``HH:MM`` (24-hour clock, Connecticut wall time)."""
    if value is None or isinstance(value, time):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        parsed = datetime.strptime(text, "%H:%M")  # noqa: DTZ007 - a wall-clock time only
    except ValueError:
        raise InvalidInput(f"incident time '{text[:10]}' is not HH:MM (24-hour clock)") from None
    return parsed.time()


def clean_violations(values: Sequence[str]) -> tuple[str, ...]:
    """Canonical V-codes (``V1`` and ``v1_detain_on_detainer`` both work), duplicates dropped."""
    seen: dict[str, None] = {}
    for value in values:
        seen.setdefault(codes.violation(value).id, None)
    return tuple(seen)


def clean_claims(values: Sequence[str]) -> tuple[str, ...]:
    """Known claim ids (the law pack's claims), duplicates dropped."""
    from casekit.store.repo import did_you_mean

    known = tuple(default_pack().claims)
    seen: dict[str, None] = {}
    for value in values:
        code = value.strip().lower().replace("-", "_")
        if code not in known:
            hint = did_you_mean(code, known) or f" (known: {', '.join(known)})"
            raise InvalidInput(f"unknown claim '{value.strip()[:40]}'{hint}")
        seen.setdefault(code, None)
    return tuple(seen)


def clean_status(value: str) -> str:
    """A matter status from MATTER_STATUSES (any case), or InvalidInput with suggestions."""
    from casekit.store.repo import did_you_mean

    status = value.strip().lower()
    if status not in MATTER_STATUSES:
        hint = did_you_mean(status, MATTER_STATUSES) or f" (known: {', '.join(MATTER_STATUSES)})"
        raise InvalidInput(f"unknown status '{value.strip()[:20]}'{hint}")
    return status


def defendant_kind(agency_kind: str, employer: str, pack: LawPack | None = None) -> str:
    """``municipality``, ``state`` or ``agency``: who answers for this agency's conduct."""
    law = pack or default_pack()
    actor = law.actors.get(agency_kind)
    answerable = actor.defendant if actor else codes.DEFENDANT_UNKNOWN
    state = law.defendants[codes.DEFENDANT_STATE]
    if answerable == codes.DEFENDANT_MUNICIPALITY:
        return "municipality"
    if answerable == codes.DEFENDANT_STATE or (state.name and employer.startswith(state.name)):
        return "state"
    return "agency"


def clerk_title_for(legal_name: str, clerk_title: str = "") -> str:
    """The clerk who takes service for a municipality: the registry's title where a source gave
    one ("Town Clerk" in Waterbury), else by the name's form ("Town of" → "Town Clerk", "Borough
    of" → "Borough Clerk"), else "Clerk" (a city whose clerk's title is not sourced)."""
    if clerk_title.strip():
        return clerk_title.strip()
    if legal_name.startswith("Town of "):
        return "Town Clerk"
    if legal_name.startswith("Borough of "):
        return "Borough Clerk"
    return "Clerk"


def suggest_defendant(
    *,
    agency_kind: str,
    employer: str,
    agency_name: str,
    clerk_address: str = "",
    clerk_title: str = "",
    pack: LawPack | None = None,
) -> PartyOut:
    """The entity to name as defendant for an agency's conduct, and where to serve it.

    From the law pack's defendant kinds (trust-act.md § 2). Municipal police: the town or city in
    its own name, as the registry names its employer ("City of Hartford", "Town of West
    Hartford", "Borough of Naugatuck": db/seed/SOURCES.md § 4), official capacity, served on its
    clerk (§ 52-57(b)(1)); ``clerk_title`` is the registry's title for that clerk
    (:func:`clerk_title_for`). State agencies (State Police, DOC, marshals, DCJ, Board of Pardons
    and Paroles): the State, served on the Attorney General (§ 52-64). Anything else (a private
    university's police, a regional authority): the employing entity, with the service address
    left for the attorney.
    """
    law = pack or default_pack()
    kind = defendant_kind(agency_kind, employer, law)
    if kind == "municipality":
        clerk = f"{clerk_title_for(employer, clerk_title)}, {employer}"
        return PartyOut(
            role="defendant",
            name=employer,
            kind="municipality",
            capacity="official",
            service_address=f"{clerk}, {clerk_address}" if clerk_address else clerk,
            citation=law.defendants[codes.DEFENDANT_MUNICIPALITY].service_citation,
        )
    if kind == "state":
        state = law.defendants[codes.DEFENDANT_STATE]
        return PartyOut(
            role="defendant",
            name=state.name,
            kind="state",
            capacity="official",
            service_address=state.service_address,
            citation=state.service_citation,
        )
    return PartyOut(
        role="defendant",
        name=employer.split(" (", 1)[0] or agency_name,
        kind="agency",
        capacity="official",
    )


def default_claims(result: ScreeningResult) -> tuple[str, ...]:
    """Claims pre-selected for a new matter: those its screening offers now (screening step 5);
    the attorney changes them as the case develops."""
    from casekit.services.casefile.stored_screenings import offered_claims

    return offered_claims(result)


def search_text(*parts: str) -> str:
    """The folded text the matter search looks in (client name, number, town, agency)."""
    return fold(" ".join(parts))


# --- use cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MatterSpec:
    """Opening-a-matter inputs, checked and normalised (no database needed)."""

    day: date
    at: time | None
    town: str
    agency: str
    violations: tuple[str, ...]
    claims: tuple[str, ...]
    attorney: str | None
    narrative: str
    contact_type: str
    judicial_warrant: bool
    convictions: tuple[tuple[str, str | None], ...]
    tsdb_match: bool


def clean_convictions(
    values: Sequence[tuple[str, str | None]],
) -> tuple[tuple[str, str | None], ...]:
    """(statute section, felony class recorded by the attorney or None), duplicates dropped."""
    from casekit.services.casefile.screening import clean_felony_class

    seen: dict[tuple[str, str | None], None] = {}
    for section, felony_class in values:
        tidy = " ".join((section or "").split())
        if not tidy:
            raise InvalidInput("a conviction needs a statute section, e.g. 53a-101")
        if len(tidy) > MAX_SECTION:
            raise InvalidInput(f"conviction section is longer than {MAX_SECTION} characters")
        seen.setdefault((tidy, clean_felony_class(felony_class)), None)
    return tuple(seen)


def _matter_spec(
    svc: Services,
    *,
    incident_date: date | str,
    town: str,
    agency: str,
    violations: Sequence[str],
    incident_time: time | str | None,
    claims: Sequence[str],
    attorney: str | None,
    narrative: str,
    contact_type: str,
    judicial_warrant: bool,
    convictions: Sequence[tuple[str, str | None]],
    tsdb_match: bool,
) -> _MatterSpec:
    day = parse_incident_date(incident_date, svc.today())
    at = parse_incident_time(incident_time)
    violation_codes = clean_violations(violations)
    chosen_claims = clean_claims(claims)
    story = (narrative or "").strip()
    if len(story) > MAX_NARRATIVE:
        raise InvalidInput(f"narrative is longer than {MAX_NARRATIVE} characters")
    return _MatterSpec(
        day=day,
        at=at,
        town=town,
        agency=agency,
        violations=violation_codes,
        claims=chosen_claims,
        attorney=attorney or None,
        narrative=story,
        contact_type=(contact_type or "").strip(),
        judicial_warrant=bool(judicial_warrant),
        convictions=clean_convictions(convictions),
        tsdb_match=bool(tsdb_match),
    )


def add_matter(
    svc: Services,
    *,
    client: str | int,
    incident_date: date | str,
    town: str,
    agency: str,
    violations: Sequence[str] = (),
    incident_time: time | str | None = None,
    claims: Sequence[str] = (),
    attorney: str | None = None,
    narrative: str = "",
    contact_type: str = "",
    judicial_warrant: bool = False,
    convictions: Sequence[tuple[str, str | None]] = (),
    tsdb_match: bool = False,
) -> MatterOut:
    """Open a matter for an existing client: matter, incident and suggested defendant.

    ``client`` is the client's id or exact name. Everything is validated before the first
    write; an agency outside the incident town is accepted (State Police troops and DOC
    facilities serve many towns) and reported in ``notes``.

    The exception facts go on the incident as recorded: ``judicial_warrant`` (E1),
    ``convictions`` as (statute section, felony class the attorney recorded or ``None`` to look
    it up) pairs (E2), and ``tsdb_match`` (E3).
    """
    from casekit.store import repo

    spec = _matter_spec(
        svc,
        incident_date=incident_date,
        town=town,
        agency=agency,
        violations=violations,
        incident_time=incident_time,
        claims=claims,
        attorney=attorney,
        narrative=narrative,
        contact_type=contact_type,
        judicial_warrant=judicial_warrant,
        convictions=convictions,
        tsdb_match=tsdb_match,
    )
    with svc.transaction() as session:
        return _add_matter_in(
            session, svc, spec, lambda s: repo.find_client(session=s, ref=str(client))
        )


def _add_matter_in(
    session: Session,
    svc: Services,
    spec: _MatterSpec,
    client: Callable[[Session], Client],
) -> MatterOut:
    """Write a matter, its incident and the suggested defendant inside the caller's transaction.

    Every reference (town, agency, attorney) is looked up before ``client(session)`` runs, so a
    caller that creates the client there (:func:`casekit.services.intake.open_intake`) writes
    nothing when a reference is wrong.
    """
    from casekit.domain.calendar import LOCAL_TZ
    from casekit.store import repo
    from casekit.store.models import Incident, Matter, Party

    today = svc.today()
    day, at = spec.day, spec.at
    place = repo.find_town(session=session, name=spec.town)
    unit = repo.find_agency(session=session, name=spec.agency)
    lawyer = repo.find_user(session=session, name=spec.attorney) if spec.attorney else None
    person = client(session)
    agency_town = _agency_town(session, unit)
    notes: list[str] = []
    if agency_town is not None and agency_town.id != place.id:
        notes.append(f"{unit.name} is based in {agency_town.name}, not {place.name}")
    pack = law_pack(svc)
    defendant = suggest_defendant(
        agency_kind=unit.kind,
        employer=unit.employer,
        agency_name=unit.name,
        clerk_address=unit.clerk_for_notices or (agency_town.clerk_address if agency_town else ""),
        clerk_title=_clerk_title(agency_town, unit.employer),
        pack=pack,
    )
    chosen_claims = spec.claims or _screened_claims(session, svc, spec, unit.kind, pack)

    def build(number: str) -> Matter:
        return Matter(
            number=number,
            client_id=person.id,  # type: ignore[arg-type]
            status="intake",
            attorney_id=lawyer.id if lawyer else None,
            claims=list(chosen_claims),
            opened_on=today,
            search_text=search_text(person.name, number, place.name, unit.name),
        )

    matter = repo.add_numbered_matter(session=session, year=today.year, build=build)
    assert matter.id is not None
    occurred_at = (
        datetime.combine(day, at, tzinfo=LOCAL_TZ).astimezone(UTC) if at is not None else None
    )
    session.add(
        Incident(
            matter_id=matter.id,
            occurred_on=day,
            occurred_at=occurred_at,
            town_id=place.id,  # type: ignore[arg-type]
            agency_id=unit.id,  # type: ignore[arg-type]
            contact_type=spec.contact_type,
            violations=list(spec.violations),
            judicial_warrant=spec.judicial_warrant,
            convictions=[{"section": s, "felony_class": c} for s, c in spec.convictions],
            tsdb_match=spec.tsdb_match,
            narrative=spec.narrative,
        )
    )
    session.add(
        Party(
            matter_id=matter.id,
            role=defendant.role,
            kind=defendant.kind,
            name=defendant.name,
            name_key=fold(defendant.name),
            agency_id=unit.id,
            town_id=place.id if defendant.kind == "municipality" else None,
            capacity=defendant.capacity,
            service_address=defendant.service_address,
        )
    )
    session.flush()
    refresh_matter_deadlines(session, matter.id, svc)
    record_screening_in(session, svc, matter.id)
    return MatterOut(
        number=matter.number,
        id=matter.id,
        client_id=person.id,  # type: ignore[arg-type]
        client=person.name,
        status=matter.status,
        opened_on=today,
        incident_date=day,
        incident_time=at.strftime("%H:%M") if at else "",
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


def _clerk_title(town: Town | None, employer: str) -> str:
    """The registry's clerk title when the employer is that town itself (not the City of Groton
    inside the Town of Groton)."""
    if town is None or not town.legal_name or town.legal_name != employer:
        return ""
    return town.clerk_title


def _agency_town(session: Session, agency: Agency) -> Town | None:
    from casekit.store.models import Town

    return session.get(Town, agency.town_id) if agency.town_id is not None else None


def _screened_claims(
    session: Session, svc: Services, spec: _MatterSpec, agency_kind: str, pack: LawPack
) -> tuple[str, ...]:
    """The claims the new matter's screening offers today (the attorney's choice otherwise)."""
    from casekit.domain.model import Conviction
    from casekit.domain.screening import ScreeningFacts, screen
    from casekit.services.calendar import court_calendar_in

    facts = ScreeningFacts(
        incident_date=spec.day,
        actor=agency_kind,
        violations=spec.violations,
        judicial_warrant=spec.judicial_warrant,
        convictions=tuple(Conviction(s, c) for s, c in spec.convictions),
        tsdb_match=spec.tsdb_match,
    )
    return default_claims(screen(facts, svc.today(), pack, court_calendar_in(session)))


def list_matters(
    svc: Services, *, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[MatterSummary]:
    """Matters by number with client, status and first incident (one Core query)."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from casekit.store.models import Agency, Client, Incident, Matter, Town, User

    first_incident = (
        select(func.min(col(Incident.id)))
        .where(col(Incident.matter_id) == col(Matter.id))
        .correlate(Matter)
        .scalar_subquery()
    )
    query: Any = (
        select(
            col(Matter.number),
            col(Client.name).label("client"),
            col(Matter.status),
            col(Incident.occurred_on),
            col(Town.name).label("town"),
            col(Agency.name).label("agency"),
            col(User.name).label("attorney"),
            col(Matter.opened_on),
        )
        .join(Client, col(Client.id) == col(Matter.client_id))
        .outerjoin(Incident, col(Incident.id) == first_incident)
        .outerjoin(Town, col(Town.id) == col(Incident.town_id))
        .outerjoin(Agency, col(Agency.id) == col(Incident.agency_id))
        .outerjoin(User, col(User.id) == col(Matter.attorney_id))
        .order_by(col(Matter.number))
    )
    if status:
        query = query.where(col(Matter.status) == clean_status(status))
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    with svc.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        MatterSummary(
            number=r.number,
            client=r.client,
            status=r.status,
            incident_date=r.occurred_on,
            town=r.town or "",
            agency=r.agency or "",
            attorney=r.attorney or "",
            opened_on=r.opened_on,
        )
        for r in rows
    ]


def show_matter(svc: Services, number: str, *, include_sensitive: bool = False) -> MatterView:
    """One matter in full: client, incidents, custody timeline, parties, deadlines, notes."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from casekit.services.clients import _out, open_sensitive
    from casekit.store import repo
    from casekit.store.models import (
        Agency,
        Client,
        CustodyEvent,
        Deadline,
        Evidence,
        Incident,
        Matter,
        Note,
        Party,
        Town,
        User,
    )

    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        client = session.get(Client, matter.client_id)
        assert client is not None
        lawyer = session.get(User, matter.attorney_id) if matter.attorney_id else None
        numbers = tuple(
            session.scalars(
                select(col(Matter.number))
                .where(col(Matter.client_id) == client.id)
                .order_by(col(Matter.number))
            )
        )
        incidents = []
        for inc in session.scalars(
            select(Incident)
            .where(col(Incident.matter_id) == matter.id)
            .order_by(col(Incident.occurred_on))
        ):
            place = session.get(Town, inc.town_id)
            unit = session.get(Agency, inc.agency_id)
            incidents.append(
                {
                    "date": inc.occurred_on,
                    "time": _local_time(inc.occurred_at),
                    "town": place.name if place else "",
                    "agency": unit.name if unit else "",
                    "agency_kind": unit.kind if unit else "",
                    "contact_type": inc.contact_type,
                    "violations": list(inc.violations or ()),
                    "judicial_warrant": inc.judicial_warrant,
                    "administrative_warrant_only": inc.administrative_warrant_only,
                    "convictions": list(inc.convictions or ()),
                    "tsdb_match": inc.tsdb_match,
                    "narrative": inc.narrative,
                    "officers": list(inc.officers or ()),
                }
            )
        events = list(
            session.scalars(
                select(CustodyEvent)
                .where(col(CustodyEvent.matter_id) == matter.id)
                .where(col(CustodyEvent.removed_at).is_(None))
                .order_by(col(CustodyEvent.at))
            )
        )
        custody = tuple({"kind": ev.kind, "at": _local(ev.at), "note": ev.note} for ev in events)
        from casekit.services.casefile import over_detention_for
        from casekit.services.markers import open_marker_in

        assert matter.id is not None

        over = over_detention_for(svc, [(ev.kind, ev.at) for ev in events])
        parties = tuple(
            {
                "role": p.role,
                "kind": p.kind,
                "name": p.name,
                "capacity": p.capacity,
                "service_address": p.service_address,
            }
            for p in session.scalars(
                select(Party).where(col(Party.matter_id) == matter.id).order_by(col(Party.id))
            )
        )
        deadlines = tuple(
            {
                "rule_id": d.rule_id,
                "title": d.title,
                "due": d.due,
                "safe_target": d.safe_target,
                "citation": d.citation,
                "confidence": d.confidence,
                "status": d.status,
                "verify": d.confidence != "confirmed",
            }
            for d in session.scalars(
                select(Deadline)
                .where(col(Deadline.matter_id) == matter.id)
                .order_by(col(Deadline.due))
            )
        )
        evidence_count = session.scalar(
            select(func.count()).select_from(Evidence).where(col(Evidence.matter_id) == matter.id)
        )
        notes = tuple(
            {"at": n.created_at, "author": n.author, "body": n.body}
            for n in session.scalars(
                select(Note)
                .where(col(Note.matter_id) == matter.id)
                .order_by(col(Note.created_at), col(Note.id))
            )
        )
        return MatterView(
            number=matter.number,
            status=matter.status,
            opened_on=matter.opened_on,
            closed_on=matter.closed_on,
            client=_out(
                client,
                numbers,
                include_sensitive=include_sensitive,
                opened=open_sensitive(session, client) if include_sensitive else None,
            ),
            attorney=lawyer.name if lawyer else "",
            claims=tuple(matter.claims or ()),
            relief_sought=matter.relief_sought,
            incidents=tuple(incidents),
            custody_events=custody,
            parties=parties,
            deadlines=deadlines,
            evidence_count=int(evidence_count or 0),
            notes=notes,
            over_detention=over,
            version=matter.version,
            marker=open_marker_in(session, matter.id),
        )


def _local(at: datetime) -> datetime:
    from casekit.services.facts import to_local

    return to_local(at)


def _local_time(at: datetime | None) -> str:
    return _local(at).strftime("%H:%M") if at is not None else ""


@dataclass(frozen=True)
class AttorneyChange:
    """A matter's responsible attorney before and after :func:`assign_attorney` ("" = none)."""

    matter: str
    before: str
    after: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: ``--attorney none`` leaves the matter with nobody responsible (its reminders then go to the
#: office's fallback recipient, and the dashboard flags it).
NO_ATTORNEY = ("", "none", "-")


def assign_attorney(
    svc: Services, matter: str | int, attorney: str, *, version: int | None = None
) -> AttorneyChange:
    """Make ``attorney`` (a name from ``casekit attorney list``; ``none`` for nobody) responsible
    for the matter: one audited transaction, refused if the matter changed since ``version``."""
    from casekit.store import repo
    from casekit.store.models import User

    wanted = " ".join((attorney or "").split())
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        check_version(row, version, "matter")
        lawyer = (
            None if wanted.lower() in NO_ATTORNEY else repo.find_user(session=session, name=wanted)
        )
        old = session.get(User, row.attorney_id) if row.attorney_id is not None else None
        new_id = lawyer.id if lawyer is not None else None
        if row.attorney_id != new_id:
            row.attorney_id = new_id
            row.updated_at = datetime.now(UTC)
            session.add(row)
            session.flush()
        return AttorneyChange(
            matter=row.number,
            before=old.name if old is not None else "",
            after=lawyer.name if lawyer is not None else "",
        )
