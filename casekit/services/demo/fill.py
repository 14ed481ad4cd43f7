"""Filling an empty database with the demo's matters, in bulk, inside one transaction."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import LOCAL_TZ, CourtCalendar
from casekit.domain.model import Conviction
from casekit.domain.screening import ScreeningFacts, screen
from casekit.errors import ConfigurationError
from casekit.services.casefile.stored_screenings import offered_claims, row_values
from casekit.services.demo.names import (
    ATTORNEYS,
    COMMUNITY_WEIGHTS,
    CONTACT_TYPES,
    FIRM,
    NOTES,
    OFFICER_NAMES,
    SCENARIOS,
    STATUSES,
)
from casekit.services.demo.rows import client_row, custody, evidence_rows, narrative, parties, pick
from casekit.services.matters import search_text, suggest_defendant
from casekit.services.office.settings import DEMO_KEY
from casekit.store import audit, sealed
from casekit.store.models import (
    Client,
    CustodyEvent,
    Evidence,
    Incident,
    Matter,
    Note,
    Party,
    Screening,
    Setting,
    User,
)
from casekit.store.repos.demo import bulk_insert, reference_places, set_claims, setting_keys

if TYPE_CHECKING:
    from casekit.domain.lawpack import LawPack
    from casekit.store.repos.demo import Session

#: How far the demo got: "filled" (data committed), "complete" (deadlines computed too).
DEMO_STAGE_KEY = "casekit.demo_stage"
#: Share of demo matters that involve one of the few frequent agencies (the rest are spread).
FREQUENT_SHARE = 0.65
KIND_WEIGHTS = (
    ("municipal_police", 70),
    ("state_police", 14),
    ("corrections", 10),
    ("university_police", 2),
    ("criminal_justice", 2),
    ("parole_board", 2),
)
#: The few departments most demo matters fall on: (kind, how many, their weights).
FREQUENT = (
    ("municipal_police", 5, (30, 20, 14, 10, 8)),
    ("state_police", 1, (8,)),
    ("corrections", 1, (6,)),
)


@dataclass(frozen=True)
class FillInput:
    """What one demo fill draws from: the seed's generator, how many matters, and where."""

    rng: random.Random
    count: int
    today: date
    vault: Path
    pack: LawPack


@dataclass
class _Drawn:
    """The rows drawn so far, kept in step: one detail and one incident per matter."""

    matter_ids: list[int] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)
    incident_ids: list[int] = field(default_factory=list)
    incident_rows: list[dict[str, Any]] = field(default_factory=list)
    timelines: list[list[tuple[str, datetime, str]]] = field(default_factory=list)


def fill(session: Session, job: FillInput) -> None:
    """Insert the whole demo (settings, attorneys, clients, matters and everything they hold)."""
    towns, agencies = reference_places(session=session)
    if not towns or not agencies:
        raise ConfigurationError("the reference tables are empty: run casekit db upgrade")
    pick_agency = _agency_picker(job.rng, agencies)
    staff_names = _office(session, job.rng)
    clients = _clients(session, job, list(towns.values()))
    drawn = _Drawn()
    _matters(session, job, drawn, _Places(towns, pick_agency, staff_names, clients))
    _incidents(session, job.rng, drawn)
    _related(session, job, drawn)
    _screen_all(session, drawn, job.today, job.pack)


@dataclass(frozen=True)
class _Places:
    towns: dict[int | None, Any]
    pick_agency: Callable[[], Any]
    staff_names: dict[int, str]
    clients: tuple[list[dict[str, Any]], list[int], list[int]]  # rows, ids, matter -> client


def _agency_picker(rng: random.Random, agencies: Sequence[Any]) -> Callable[[], Any]:
    """Draws an agency: a few departments account for most matters (drawn by the seed, not
    claimed of any real one). Without this, 50 demo matters fell on 44 agencies and the pattern
    report could show nothing."""
    by_kind: dict[str, list[Any]] = {}
    for agency in agencies:
        if agency.town_id is not None and "CLOSED" not in agency.name:
            by_kind.setdefault(agency.kind, []).append(agency)
    kind_weights = [(k, w) for k, w in KIND_WEIGHTS if k in by_kind]
    frequent = [
        (agency, weight)
        for kind, picks, weights in FREQUENT
        if kind in by_kind
        for agency, weight in zip(
            rng.sample(by_kind[kind], min(picks, len(by_kind[kind]))), weights, strict=False
        )
    ]

    def pick_agency() -> Any:
        if frequent and rng.random() < FREQUENT_SHARE:
            return rng.choices([a for a, _ in frequent], [w for _, w in frequent])[0]
        return rng.choice(by_kind[pick(rng, kind_weights)])

    return pick_agency


def _office(session: Session, rng: random.Random) -> dict[int, str]:
    """The firm's settings, the demo flag and the attorneys; attorney id -> name."""
    # Settings the office already made (its own firm name, say) are kept, not overwritten.
    present = setting_keys(session=session)
    setting_rows = [{"key": k, "value": v} for k, v in FIRM.items() if k not in present]
    setting_rows.append({"key": DEMO_KEY, "value": "true"})
    # Committed with the data; "complete" only once the deadlines are in (see run_demo).
    setting_rows.append({"key": DEMO_STAGE_KEY, "value": "filled"})
    bulk_insert(session=session, model=Setting, rows=setting_rows)
    staff = ATTORNEYS[: rng.randint(2, len(ATTORNEYS))]
    attorney_ids = bulk_insert(
        session=session,
        model=User,
        rows=[
            {
                "name": n,
                "role": "attorney",
                "juris_number": j,
                "email": e,
                "phone": f"(860) 555-01{11 + i:02d}",
            }
            for i, (n, j, e) in enumerate(staff)
        ],
    )
    return dict(zip(attorney_ids, (n for n, _, _ in staff), strict=True))


def _clients(
    session: Session, job: FillInput, towns: Sequence[Any]
) -> tuple[list[dict[str, Any]], list[int], list[int]]:
    """The clients (a few come back with a second matter): rows, ids, each matter's client."""
    rng = job.rng
    communities = list(COMMUNITY_WEIGHTS.items())
    client_rows: list[dict[str, Any]] = []
    matter_client: list[int] = []
    for _ in range(job.count):
        if client_rows and rng.random() < 0.08:
            matter_client.append(rng.randrange(len(client_rows)))
            continue
        client_rows.append(client_row(rng, pick(rng, communities), towns, job.today))
        matter_client.append(len(client_rows) - 1)
    # Bulk rows never meet the session's sealing hook: seal them here, bound to their ids.
    cipher = sealed.session_cipher(session)
    marked = sealed.session_marked(session)
    for row, client_id in zip(
        client_rows,
        sealed.allocate_ids(session.connection(), "client", len(client_rows)),
        strict=True,
    ):
        row["id"] = client_id
        row.update(sealed.seal_row(cipher, "client", client_id, row, marked))
    client_ids = bulk_insert(session=session, model=Client, rows=client_rows)
    return client_rows, client_ids, matter_client


def _matters(session: Session, job: FillInput, drawn: _Drawn, places: _Places) -> None:
    """Matters numbered per opening year, in opening order, with the details their rows need."""
    rng, today = job.rng, job.today
    client_rows, client_ids, matter_client = places.clients
    town_list = list(places.towns.values())
    # Incidents from the 2025 private right of action's effective date (the law pack's).
    start = min(job.pack.date_of("ACT_2025"), today - timedelta(days=60))
    span = max((today - start).days - 1, 1)
    plans = []
    for index in range(job.count):
        occurred = start + timedelta(days=rng.randrange(span))
        opened = min(occurred + timedelta(days=rng.randint(1, 60)), today)
        plans.append((opened, index, occurred))
    plans.sort()
    sequence: dict[int, int] = {}
    matter_rows: list[dict[str, Any]] = []
    attorney_ids = list(places.staff_names)
    for opened, index, occurred in plans:
        sequence[opened.year] = sequence.get(opened.year, 0) + 1
        number = f"TA-{opened.year}-{sequence[opened.year]:04d}"
        client = client_rows[matter_client[index]]
        agency = places.pick_agency()
        town = places.towns[agency.town_id]
        if agency.kind == "state_police" and rng.random() < 0.5:
            town = rng.choice(town_list)  # troops cover many towns
        defendant = suggest_defendant(
            agency_kind=agency.kind, employer=agency.employer, agency_name=agency.name
        )
        status = pick(rng, STATUSES)
        attorney_id = rng.choice(attorney_ids) if status != "intake" or rng.random() < 0.3 else None
        matter_rows.append(
            {
                "number": number,
                "client_id": client_ids[matter_client[index]],
                "status": status,
                "attorney_id": attorney_id,
                "claims": [],  # the screening's offered claims, once the incident is drawn
                "relief_sought": "",
                "opened_on": opened,
                "closed_on": opened + timedelta(days=rng.randint(5, 30))
                if status in ("closed", "declined") and opened + timedelta(days=30) < today
                else None,
                "search_text": search_text(client["name"], number, town.name, agency.name),
            }
        )
        drawn.details.append(
            {
                "agency": agency,
                "town": town,
                "defendant": defendant,
                "occurred": occurred,
                "opened": opened,
                "number": number,
                "attorney": places.staff_names.get(attorney_id or 0),
            }
        )
    drawn.matter_ids = bulk_insert(session=session, model=Matter, rows=matter_rows)


def _incidents(session: Session, rng: random.Random, drawn: _Drawn) -> None:
    """One incident per matter, with a custody timeline that fits its scenario."""
    for matter_id, detail in zip(drawn.matter_ids, drawn.details, strict=True):
        scenario = pick(rng, SCENARIOS)
        hour = rng.choice((1, 7, 9, 11, 14, 16, 18, 21, 23))
        arrest = datetime.combine(
            detail["occurred"], time(hour, rng.randrange(0, 60, 5)), tzinfo=LOCAL_TZ
        )
        violations, timeline = custody(rng, scenario, arrest)
        detail["scenario"] = scenario
        detail["violations"] = violations
        drawn.timelines.append(timeline)
        conviction = rng.random() < 0.05
        drawn.incident_rows.append(
            {
                "matter_id": matter_id,
                "occurred_on": detail["occurred"],
                "occurred_at": arrest.astimezone(UTC),
                "town_id": detail["town"].id,
                "agency_id": detail["agency"].id,
                "contact_type": rng.choice(CONTACT_TYPES),
                "violations": violations,
                "administrative_warrant_only": scenario == "admin_warrant",
                "judicial_warrant": False,
                "convictions": [{"section": "53a-101", "felony_class": None}] if conviction else [],
                "tsdb_match": False,
                "narrative": narrative(rng, scenario, detail),
                "officers": [f"Officer {rng.choice(OFFICER_NAMES)}"],
            }
        )
    drawn.incident_ids = bulk_insert(session=session, model=Incident, rows=drawn.incident_rows)


def _related(session: Session, job: FillInput, drawn: _Drawn) -> None:
    """Each matter's custody events, parties, evidence (files in the vault) and notes."""
    rng, today = job.rng, job.today
    now = datetime.now(UTC)
    custody_rows = [
        {"matter_id": m, "incident_id": i, "kind": kind, "at": at.astimezone(UTC), "note": note}
        for m, i, timeline in zip(
            drawn.matter_ids, drawn.incident_ids, drawn.timelines, strict=True
        )
        for kind, at, note in timeline
    ]
    party_rows: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    note_rows: list[dict[str, Any]] = []
    for matter_id, incident_id, detail in zip(
        drawn.matter_ids, drawn.incident_ids, drawn.details, strict=True
    ):
        party_rows.extend(parties(rng, matter_id, detail))
        evidence.extend(evidence_rows(rng, matter_id, incident_id, detail, today, job.vault))
        for k in range(rng.randint(0, 3)):
            day = min(detail["opened"] + timedelta(days=3 * k + rng.randint(0, 5)), today)
            note_rows.append(
                {
                    "matter_id": matter_id,
                    "author": detail["attorney"] or "intake",
                    "body": rng.choice(NOTES),
                    "created_at": datetime.combine(
                        day, time(10, 15 * k), tzinfo=LOCAL_TZ
                    ).astimezone(UTC),
                    "updated_at": now,
                }
            )
    bulk_insert(session=session, model=CustodyEvent, rows=custody_rows)
    bulk_insert(session=session, model=Party, rows=party_rows)
    evidence_ids = bulk_insert(session=session, model=Evidence, rows=evidence)
    bulk_insert(session=session, model=Note, rows=note_rows)
    _audit_evidence(session, evidence_ids, evidence)


def _audit_evidence(
    session: Session, evidence_ids: Sequence[int], evidence: Sequence[dict[str, Any]]
) -> None:
    """Every evidence hash goes into the audit chain, as an ORM insert would put it: evidence
    verify compares each item with the hash recorded when it was added."""
    audit.record(
        session.connection(),
        sealed.session_cipher(session),
        [
            audit.new_event(
                actor=str(session.info.get("actor") or "demo"),
                action="create",
                entity="evidence",
                entity_id=evidence_id,
                matter_id=row["matter_id"],
                changes={
                    "kind": {"before": None, "after": row["kind"]},
                    "sha256": {"before": None, "after": row["sha256"]},
                },
            )
            for evidence_id, row in zip(evidence_ids, evidence, strict=True)
        ],
    )


def _screen_all(session: Session, drawn: _Drawn, today: date, pack: LawPack) -> None:
    """Screen every demo incident, store the results, and pre-select the claims each offers
    (as opening a matter does; casekit.services.matters)."""
    calendar = CourtCalendar()  # a demo database has no recorded court closures
    rows: list[dict[str, Any]] = []
    claims: dict[tuple[str, ...], list[int]] = {}
    for matter_id, incident_id, incident, detail in zip(
        drawn.matter_ids, drawn.incident_ids, drawn.incident_rows, drawn.details, strict=True
    ):
        facts = ScreeningFacts(
            incident_date=incident["occurred_on"],
            actor=detail["agency"].kind,
            violations=tuple(incident["violations"]),
            convictions=tuple(Conviction(c["section"]) for c in incident["convictions"]),
            administrative_warrant_only=incident["administrative_warrant_only"],
        )
        result = screen(facts, today, pack, calendar)
        rows.append(row_values(matter_id, incident_id, result, today=today, actor="demo"))
        claims.setdefault(offered_claims(result), []).append(matter_id)
    bulk_insert(session=session, model=Screening, rows=rows)
    for chosen, ids in claims.items():  # a handful of combinations: one UPDATE each
        set_claims(session=session, matter_ids=ids, claims=list(chosen))
