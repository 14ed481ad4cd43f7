"""``casekit demo``: a database full of realistic, entirely fictional matters.

Everything comes from one ``random.Random(seed)`` and dates count back from ``svc.today()``, so
the same seed with the same pinned ``CASEKIT_TODAY`` gives the same clients, numbers and
timelines. Names are drawn from the communities the Trust Act protects (Latin American,
Brazilian, Haitian, Caribbean, West African, South Asian, Vietnamese), accents included, so the
search and conflict check meet real-world spelling from the first minute. Phone numbers are in
the 555-01xx range reserved for fiction and e-mail addresses end in ``.example``.

Rows go in with bulk inserts (``session.execute(insert(Model).returning(...), rows)``): 1,000
matters and their ~15,000 related rows take well under a second, where one ORM object at a time
would take several. The demo refuses a database that holds real clients or matters.
"""

from __future__ import annotations

import hashlib
import os
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import crash_point
from casekit.domain import codes
from casekit.domain.phonetic import phonetic_keys
from casekit.domain.text import fold
from casekit.errors import ConfigurationError, InvalidInput
from casekit.services.base import Services
from casekit.services.matters import search_text, suggest_defendant
from casekit.services.rules import law_pack
from casekit.services.settings import DEMO_KEY

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.domain.lawpack import LawPack

#: How far the demo got: "filled" (data committed), "complete" (deadlines computed too).
DEMO_STAGE_KEY = "casekit.demo_stage"
DEFAULT_MATTERS = 200
DEFAULT_SEED = 7
MAX_MATTERS = 100_000

FIRM = {
    "firm.name": "Demo Legal Aid of Connecticut",
    "firm.address": "100 Example Street, Suite 200, Hartford, CT 06103",
    "firm.phone": "(860) 555-0100",
    "firm.email": "intake@demo-legal-aid.example",
    "firm.juris_number": "999999",
    "smtp.host": "localhost",
    "smtp.port": "1025",
    "smtp.starttls": "false",
    "smtp.user": "",
    "smtp.from": "reminders@demo-legal-aid.example",
}
ATTORNEYS = (
    ("Alejandra Rivera-Quiñones", "900101", "arivera@demo-legal-aid.example"),
    ("Samuel Okonkwo", "900102", "sokonkwo@demo-legal-aid.example"),
    ("Dana Whitfield", "900103", "dwhitfield@demo-legal-aid.example"),
    ("Marisa Teixeira", "900104", "mteixeira@demo-legal-aid.example"),
)

# (given names, family names, languages with weights); Vietnamese names put the family first.
COMMUNITIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "latin": (
        (
            "José",
            "María",
            "Juan Carlos",
            "Ana",
            "Luis",
            "Carmen",
            "Jorge",
            "Lucía",
            "Miguel",
            "Guadalupe",
            "Andrés",
            "Sofía",
            "Héctor",
            "Daniela",
            "Óscar",
            "Marisol",
            "Julián",
            "Inés",
            "Nicolás",
            "Yesenia",
            "Wilmer",
            "Maribel",
            "Edgar",
            "Rosa Elena",
        ),
        (
            "Núñez",
            "Pérez-Gómez",
            "García",
            "Rodríguez",
            "Hernández",
            "López",
            "Martínez",
            "González",
            "Ramírez",
            "Sánchez",
            "Torres",
            "Flores",
            "Rivera",
            "Díaz",
            "Cruz",
            "Morales",
            "Reyes",
            "Gutiérrez",
            "Ortiz",
            "Chávez",
            "Vásquez",
            "Peña",
            "Ibáñez",
            "Muñoz",
            "Quispe",
            "Tzul",
        ),
        ("es", "es", "es", "es", "en"),
    ),
    "brazilian": (
        (
            "Thiago",
            "João",
            "Ana Clara",
            "Luíza",
            "Gabriel",
            "Letícia",
            "Rafael",
            "Mariana",
            "Lucas",
            "Beatriz",
            "Matheus",
            "Júlia",
        ),
        (
            "Conceição",
            "Araújo",
            "Gonçalves",
            "Magalhães",
            "Assunção",
            "Simões",
            "Brandão",
            "Loureiro",
            "Fonseca",
            "Nascimento",
            "Sousa",
        ),
        ("pt", "pt", "pt", "en"),
    ),
    "haitian": (
        (
            "Jean-Baptiste",
            "Marie-Claude",
            "Jean-Pierre",
            "Widline",
            "Fabiola",
            "Peterson",
            "Jameson",
            "Nadège",
            "Wilner",
            "Rose-Mitha",
            "Guerline",
        ),
        (
            "Joseph",
            "Pierre",
            "Jean-Louis",
            "Charles",
            "Saint-Fleur",
            "Desrosiers",
            "Étienne",
            "Dorvil",
            "Célestin",
            "Toussaint",
        ),
        ("ht", "ht", "ht", "fr", "en"),
    ),
    "caribbean": (
        ("Andre", "Shanice", "Damion", "Keisha", "Rohan", "Tamika", "Kemar", "Yanique"),
        ("Campbell", "Brown", "Thompson", "Clarke", "Persaud", "Ramdass", "McKenzie"),
        ("en",),
    ),
    "west_african": (
        (
            "Kwame",
            "Abena",
            "Kofi",
            "Ama",
            "Chukwuemeka",
            "Ngozi",
            "Mamadou",
            "Fatoumata",
            "Oluwaseun",
            "Aminata",
            "Yaw",
            "Adjoa",
        ),
        (
            "Mensah",
            "Asante",
            "Okafor",
            "Adeyemi",
            "Diallo",
            "Traoré",
            "Ouédraogo",
            "Boateng",
            "Nwosu",
            "Owusu",
            "Koné",
        ),
        ("en", "fr", "tw", "yo", "wo"),
    ),
    "south_asian": (
        (
            "Priya",
            "Rahul",
            "Sandeep",
            "Anjali",
            "Harpreet",
            "Gurpreet",
            "Mohammed",
            "Farhana",
            "Rajesh",
            "Sunita",
            "Bishnu",
        ),
        (
            "Patel",
            "Singh",
            "Kaur",
            "Sharma",
            "Rahman",
            "Hossain",
            "Chowdhury",
            "Thapa",
            "Gurung",
            "Khan",
        ),
        ("hi", "pa", "bn", "ne", "ur", "en"),
    ),
    "vietnamese": (
        ("Văn An", "Thị Lan", "Minh Đức", "Thu Hà", "Quốc Bảo", "Ngọc Ánh"),
        ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"),
        ("vi", "vi", "en"),
    ),
}
COMMUNITY_WEIGHTS = {
    "latin": 45,
    "brazilian": 12,
    "haitian": 12,
    "caribbean": 8,
    "west_african": 9,
    "south_asian": 9,
    "vietnamese": 5,
}
STATUSES = (("intake", 20), ("screening", 20), ("active", 45), ("closed", 10), ("declined", 5))
IMMIGRATION_STATUSES = (
    "undocumented",
    "asylum pending",
    "TPS",
    "DACA",
    "U visa applicant",
    "LPR",
    "unknown",
)
CONTACT_TYPES = (
    "traffic stop",
    "arrest on a warrant",
    "domestic call",
    "court appearance",
    "workplace check",
    "pedestrian stop",
    "booking after arrest",
)
OFFICER_NAMES = (
    "R. Kowalski",
    "T. Brennan",
    "M. DeLuca",
    "K. Sullivan",
    "J. Morrow",
    "L. Castellano",
    "P. Novak",
    "S. Whitaker",
    "D. Ferreira",
    "A. Lindqvist",
)
STREETS = (
    "Elm Street",
    "Maple Avenue",
    "Park Street",
    "Main Street",
    "Washington Street",
    "Chapel Street",
    "Grand Avenue",
    "Prospect Street",
    "Broad Street",
    "Oak Street",
)
SCENARIOS = (
    ("transfer", 40),
    ("over_48", 20),
    ("notify", 20),
    ("interview", 10),
    ("admin_warrant", 10),
)
NOTES = (
    "Client prefers calls after 6 pm; do not leave voicemail.",
    "Cliente prefiere comunicación en español; hermana ayuda con documentos.",
    "Requested booking and release records (FOI) from the agency.",
    "Family member has a copy of the detainer form; asked for a photo.",
    "Screened for exceptions: no conviction records found so far.",
    "Kliyan an pito pale kreyòl; entèprèt nesesè pou randevou.",
    "Bond receipt shows posted amount; release was delayed by the detainer.",
    "Witness saw the transfer to ICE in the sally port; follow up for a statement.",
)


@dataclass(frozen=True)
class DemoSummary:
    """What ``casekit demo`` left in the database."""

    matters: int
    clients: int
    deadlines: int
    home: str
    seed: int
    created: bool
    seconds: float
    resumed: bool = False  # an interrupted run was finished

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Share of demo matters that involve one of the few frequent agencies (the rest are spread).
FREQUENT_SHARE = 0.65


def _pick(rng: random.Random, weighted: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def run_demo(
    svc: Services, *, matters: int = DEFAULT_MATTERS, seed: int = DEFAULT_SEED
) -> DemoSummary:
    """Fill the database with ``matters`` fictional matters (or find the ones already there).

    A database that already holds the demo is left as it is. A database with real clients or
    matters is refused: demo data must never mix with real cases.

    Resumable: the data goes in one transaction (a kill before its commit leaves nothing, and
    the vault files it wrote are the same bytes a rerun writes); the deadlines and the "done"
    marks follow in their own, and the stage setting says how far a run got. A run killed
    after the data was committed is finished by the next ``casekit demo``.
    """
    import time as clock

    from sqlalchemy import func, select
    from sqlmodel import col

    from casekit.store.models import Client, Matter, Setting

    if not 1 <= matters <= MAX_MATTERS:
        raise InvalidInput(f"--matters must be between 1 and {MAX_MATTERS}")
    started = clock.perf_counter()
    created = False
    with svc.transaction() as session:
        demo_flag = session.scalars(
            select(col(Setting.value)).where(col(Setting.key) == DEMO_KEY)
        ).first()
        stage = session.scalars(
            select(col(Setting.value)).where(col(Setting.key) == DEMO_STAGE_KEY)
        ).first()
        has_real = session.scalar(select(func.count()).select_from(Matter)) or session.scalar(
            select(func.count()).select_from(Client)
        )
        if demo_flag != "true" and has_real:
            raise ConfigurationError(
                "this database holds real clients or matters; the demo only fills an empty one. "
                "Use another folder, e.g. CASEKIT_HOME=./try-casekit casekit demo"
            )
        if demo_flag != "true":
            _fill(
                session,
                rng=random.Random(seed),
                count=matters,
                today=svc.today(),
                vault=svc.settings.evidence_dir,
                pack=law_pack(svc),
            )
            # Fees, costs, offers and outcomes (issue 18): its own generator, same transaction.
            from casekit.services.fee_demo import fill_demo_fees

            fill_demo_fees(session, seed=seed, today=svc.today())
            created = True
    # A demo from before the stage setting counts as complete.
    crash_point("demo:filled")
    resumed = not created and demo_flag == "true" and stage not in (None, "complete")
    if created or resumed:
        from casekit.services.deadlines import refresh_all

        refresh_all(svc)  # its own transaction, after the demo's
        crash_point("demo:deadlines")
        _close_past_deadlines(svc)
        from casekit.services.demo_history import add_demo_history

        add_demo_history(svc)  # a history to read: changes made through the services
        _set_stage(svc, "complete")
    summary = _summary(svc, seed=seed, created=created, started=started)
    return replace(summary, resumed=resumed)


def _set_stage(svc: Services, value: str) -> None:
    from sqlalchemy import update
    from sqlmodel import col

    from casekit.store.models import Setting

    with svc.transaction() as session:
        session.execute(
            update(Setting).where(col(Setting.key) == DEMO_STAGE_KEY).values(value=value)
        )


def _close_past_deadlines(svc: Services) -> None:
    """A real office has met most deadlines already past: mark them done, keeping about one in
    eight overdue so the demo shows what an overdue deadline looks like."""
    from sqlalchemy import update
    from sqlmodel import col

    from casekit.store.models import Deadline

    with svc.transaction() as session:
        session.execute(
            update(Deadline)
            .where(
                col(Deadline.status) == "open",
                col(Deadline.safe_target) < svc.today(),
                col(Deadline.id) % 8 != 0,
            )
            .values(
                status="done",
                status_reason="Done (fictional demo)",
                changed_by="demo",
                completed_on=col(Deadline.safe_target),
            )
        )


def _summary(svc: Services, *, seed: int, created: bool, started: float) -> DemoSummary:
    import time as clock

    from sqlalchemy import func, select

    from casekit.store.models import Client, Deadline, Matter

    with svc.engine.connect() as conn:
        counts = [
            int(conn.execute(select(func.count()).select_from(model)).scalar() or 0)
            for model in (Matter, Client, Deadline)
        ]
    return DemoSummary(
        matters=counts[0],
        clients=counts[1],
        deadlines=counts[2],
        home=str(svc.settings.home),
        seed=seed,
        created=created,
        seconds=round(clock.perf_counter() - started, 2),
    )


# --- generation ---------------------------------------------------------------------------------


def _bulk(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with Core executemany; the new ids, in the order of ``rows``.

    Core on the table, not the ORM entity: ORM bulk inserts split rows into groups wherever a
    value switches between None and not-None, and splicing the RETURNING results of thousands
    of groups is quadratic.
    """
    from sqlalchemy import insert

    if not rows:
        return []
    table = model.__table__
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return list(result.scalars())


def _fill(
    session: Session,
    *,
    rng: random.Random,
    count: int,
    today: date,
    vault: Path,
    pack: LawPack,
) -> None:
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.domain.calendar import LOCAL_TZ
    from casekit.store import audit, sealed
    from casekit.store.models import (
        Agency,
        Client,
        CustodyEvent,
        Evidence,
        Incident,
        Matter,
        Note,
        Party,
        Setting,
        Town,
        User,
    )

    towns = {t.id: t for t in session.scalars(select(Town).order_by(col(Town.name)))}
    agencies = list(session.scalars(select(Agency).order_by(col(Agency.name))))
    if not towns or not agencies:
        raise ConfigurationError("the reference tables are empty: run casekit db upgrade")
    by_kind: dict[str, list[Any]] = {}
    for agency in agencies:
        if agency.town_id is not None and "CLOSED" not in agency.name:
            by_kind.setdefault(agency.kind, []).append(agency)
    kind_weights = [
        (k, w)
        for k, w in (
            ("municipal_police", 70),
            ("state_police", 14),
            ("corrections", 10),
            ("university_police", 2),
            ("criminal_justice", 2),
            ("parole_board", 2),
        )
        if k in by_kind
    ]
    town_list = list(towns.values())
    # An office's matters are not spread evenly: a few departments account for most of them
    # (which departments is drawn by the seed, not claimed of any real one). Without this, 50
    # demo matters fell on 44 agencies and the pattern report could show nothing.
    frequent = [
        (agency, weight)
        for kind, picks, weights in (
            ("municipal_police", 5, (30, 20, 14, 10, 8)),
            ("state_police", 1, (8,)),
            ("corrections", 1, (6,)),
        )
        if kind in by_kind
        for agency, weight in zip(
            rng.sample(by_kind[kind], min(picks, len(by_kind[kind]))), weights, strict=False
        )
    ]

    def pick_agency() -> Any:
        if frequent and rng.random() < FREQUENT_SHARE:
            return rng.choices([a for a, _ in frequent], [w for _, w in frequent])[0]
        return rng.choice(by_kind[_pick(rng, kind_weights)])

    # Firm, attorneys, the demo flag.
    now = datetime.now(UTC)
    # Settings the office already made (its own firm name, say) are kept, not overwritten.
    present = set(session.scalars(select(col(Setting.key))))
    setting_rows = [{"key": k, "value": v} for k, v in FIRM.items() if k not in present]
    setting_rows.append({"key": DEMO_KEY, "value": "true"})
    # Committed with the data; "complete" only once the deadlines are in (see run_demo).
    setting_rows.append({"key": DEMO_STAGE_KEY, "value": "filled"})
    _bulk(session, Setting, setting_rows)
    staff = ATTORNEYS[: rng.randint(2, len(ATTORNEYS))]
    attorney_ids = _bulk(
        session,
        User,
        [
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
    staff_names = dict(zip(attorney_ids, (n for n, _, _ in staff), strict=True))

    # Incidents from the 2025 private right of action's effective date (the law pack's).
    start = min(pack.date_of("ACT_2025"), today - timedelta(days=60))
    span = max((today - start).days - 1, 1)
    communities = list(COMMUNITY_WEIGHTS.items())

    # Clients: a few come back with a second matter.
    client_rows: list[dict[str, Any]] = []
    matter_client: list[int] = []
    for _ in range(count):
        if client_rows and rng.random() < 0.08:
            matter_client.append(rng.randrange(len(client_rows)))
            continue
        client_rows.append(_client(rng, _pick(rng, communities), town_list, today))
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
    client_ids = _bulk(session, Client, client_rows)

    # Matters (numbered per opening year, in opening order), incidents and their details.
    plans = []
    for index in range(count):
        occurred = start + timedelta(days=rng.randrange(span))
        opened = min(occurred + timedelta(days=rng.randint(1, 60)), today)
        plans.append((opened, index, occurred))
    plans.sort()
    sequence: dict[int, int] = {}
    matter_rows: list[dict[str, Any]] = []
    details: list[dict[str, Any]] = []
    for opened, index, occurred in plans:
        sequence[opened.year] = sequence.get(opened.year, 0) + 1
        number = f"TA-{opened.year}-{sequence[opened.year]:04d}"
        client = client_rows[matter_client[index]]
        agency = pick_agency()
        town = towns[agency.town_id]
        if agency.kind == "state_police" and rng.random() < 0.5:
            town = rng.choice(town_list)  # troops cover many towns
        defendant = suggest_defendant(
            agency_kind=agency.kind, employer=agency.employer, agency_name=agency.name
        )
        status = _pick(rng, STATUSES)
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
        details.append(
            {
                "agency": agency,
                "town": town,
                "defendant": defendant,
                "occurred": occurred,
                "opened": opened,
                "number": number,
                "attorney": staff_names.get(attorney_id or 0),
            }
        )
    matter_ids = _bulk(session, Matter, matter_rows)

    incident_rows: list[dict[str, Any]] = []
    timelines: list[list[tuple[str, datetime, str]]] = []
    for detail in details:
        scenario = _pick(rng, SCENARIOS)
        hour = rng.choice((1, 7, 9, 11, 14, 16, 18, 21, 23))
        arrest = datetime.combine(
            detail["occurred"], time(hour, rng.randrange(0, 60, 5)), tzinfo=LOCAL_TZ
        )
        violations, timeline = _custody(rng, scenario, arrest)
        detail["scenario"] = scenario
        detail["violations"] = violations
        timelines.append(timeline)
        conviction = rng.random() < 0.05
        incident_rows.append(
            {
                "matter_id": 0,
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
                "narrative": _narrative(rng, scenario, detail),
                "officers": [f"Officer {rng.choice(OFFICER_NAMES)}"],
            }
        )
    for row, matter_id in zip(incident_rows, matter_ids, strict=True):
        row["matter_id"] = matter_id
    incident_ids = _bulk(session, Incident, incident_rows)

    custody_rows = [
        {"matter_id": m, "incident_id": i, "kind": kind, "at": at.astimezone(UTC), "note": note}
        for m, i, timeline in zip(matter_ids, incident_ids, timelines, strict=True)
        for kind, at, note in timeline
    ]
    party_rows: list[dict[str, Any]] = []
    evidence_rows: list[dict[str, Any]] = []
    note_rows: list[dict[str, Any]] = []
    for matter_id, incident_id, detail in zip(matter_ids, incident_ids, details, strict=True):
        party_rows.extend(_parties(rng, matter_id, detail))
        evidence_rows.extend(_evidence(rng, matter_id, incident_id, detail, today, vault))
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
    _bulk(session, CustodyEvent, custody_rows)
    _bulk(session, Party, party_rows)
    evidence_ids = _bulk(session, Evidence, evidence_rows)
    _bulk(session, Note, note_rows)
    # Every evidence hash goes into the audit chain, as an ORM insert would put it: evidence
    # verify compares each item with the hash recorded when it was added.
    audit.record(
        session.connection(),
        cipher,
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
            for evidence_id, row in zip(evidence_ids, evidence_rows, strict=True)
        ],
    )
    _screen_all(session, matter_ids, incident_ids, incident_rows, details, today, pack)


def _screen_all(
    session: Session,
    matter_ids: Sequence[int],
    incident_ids: Sequence[int],
    incident_rows: Sequence[dict[str, Any]],
    details: Sequence[dict[str, Any]],
    today: date,
    pack: LawPack,
) -> None:
    """Screen every demo incident, store the results, and pre-select the claims each offers
    (as opening a matter does; casekit.services.matters)."""
    from sqlalchemy import update
    from sqlmodel import col

    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.model import Conviction
    from casekit.domain.screening import ScreeningFacts, screen
    from casekit.services.casefile.stored_screenings import offered_claims, row_values
    from casekit.store.models import Matter, Screening

    calendar = CourtCalendar()  # a demo database has no recorded court closures
    rows: list[dict[str, Any]] = []
    claims: dict[tuple[str, ...], list[int]] = {}
    for matter_id, incident_id, incident, detail in zip(
        matter_ids, incident_ids, incident_rows, details, strict=True
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
    _bulk(session, Screening, rows)
    for chosen, ids in claims.items():  # a handful of combinations: one UPDATE each
        session.execute(update(Matter).where(col(Matter.id).in_(ids)).values(claims=list(chosen)))


def _client(
    rng: random.Random, community: str, towns: Sequence[Any], today: date
) -> dict[str, Any]:
    given, family, languages = COMMUNITIES[community]
    if community == "vietnamese":
        name = f"{rng.choice(family)} {rng.choice(given)}"
    else:
        name = f"{rng.choice(given)} {rng.choice(family)}"
        if community == "latin" and rng.random() < 0.3:
            name += f" {rng.choice(family)}"
    town = rng.choice(towns)
    phone = f"({rng.choice(('203', '860', '475', '959'))}) 555-01{rng.randrange(100):02d}"
    handle = fold(name).replace(" ", ".")
    has_email = rng.random() < 0.5
    preferred = name.split()[0] if rng.random() < 0.2 else ""
    return {
        "name": name,
        "name_key": fold(name),
        "name_phonetic": phonetic_keys(name, preferred),
        "preferred_name": preferred,
        "date_of_birth": today - timedelta(days=rng.randint(18 * 365, 65 * 365)),
        "preferred_language": rng.choice(languages),
        "phone": phone,
        "phone_safe": rng.random() < 0.7,
        "email": f"{handle}@mail.example" if has_email else "",
        "email_safe": has_email and rng.random() < 0.6,
        "address": f"{rng.randint(1, 400)} {rng.choice(STREETS)}, {town.name}, CT",
        "address_safe": rng.random() < 0.4,
        "a_number": f"A{rng.randrange(10**9):09d}" if rng.random() < 0.6 else "",
        "immigration_status": rng.choice(IMMIGRATION_STATUSES),
    }


def _custody(
    rng: random.Random, scenario: str, arrest: datetime
) -> tuple[list[str], list[tuple[str, datetime, str]]]:
    """Violations and a custody timeline that fit the scenario."""
    hours = timedelta(hours=1)

    def after(start: datetime, low: float, high: float) -> datetime:
        # Whole minutes: custody records are kept to the minute.
        return start + timedelta(minutes=rng.randint(int(low * 60), int(high * 60)))

    booking = after(arrest, 0.5, 2.5)
    detainer = after(arrest, 2, 30)
    scheduled = after(arrest, 4, 72)
    timeline = [("arrest", arrest, ""), ("booking", booking, "")]
    violations: list[str] = []
    if scenario in ("transfer", "over_48", "admin_warrant"):
        what = "ICE administrative warrant (I-200)" if scenario == "admin_warrant" else "I-247A"
        timeline.append(("detainer_received", max(detainer, booking + hours), f"{what} received"))
        timeline.append(
            (
                "scheduled_release",
                scheduled,
                rng.choice(("bond posted", "released by the court", "charges not pursued")),
            )
        )
        if scenario == "over_48":
            handed_over = after(scheduled, 49, 120)
            violations += ["V1_DETAIN_ON_DETAINER", "V8_OVER_48_HOURS"]
        else:
            handed_over = after(scheduled, 0.5, 8)
            violations.append(
                "V3_ADMIN_WARRANT" if scenario == "admin_warrant" else "V1_DETAIN_ON_DETAINER"
            )
        timeline.append(("release_to_ice", handed_over, "transferred to ICE custody"))
        if rng.random() < 0.6:
            violations.append("V2_NOTIFY_RELEASE")
        if rng.random() < 0.5:
            violations.append("V7_NO_DETAINER_NOTICE")
    else:
        timeline.append(("scheduled_release", scheduled, "bond posted"))
        timeline.append(("release", after(scheduled, 0.5, 2), ""))
        if scenario == "notify":
            violations.append("V2_NOTIFY_RELEASE")
            if rng.random() < 0.15:
                violations.append("V6_CONFIDENTIAL_INFO")
        else:
            violations.append("V4_ICE_INTERVIEW")
            if rng.random() < 0.5:
                violations.append("V2_NOTIFY_RELEASE")
    order = list(codes.violations())
    return sorted(set(violations), key=order.index), sorted(timeline, key=lambda e: e[1])


def _narrative(rng: random.Random, scenario: str, detail: dict[str, Any]) -> str:
    agency = detail["agency"].name
    lines = {
        "transfer": f"After the {rng.choice(CONTACT_TYPES)}, {agency} held the client on an ICE "
        "detainer after bond was posted and handed the client to ICE officers.",
        "over_48": f"{agency} kept the client for days past the scheduled release while waiting "
        "for ICE to pick the client up.",
        "notify": f"{agency} released the client but told ICE the release time in advance; ICE "
        "officers were waiting outside.",
        "interview": f"{agency} let ICE officers interview the client in the holding area "
        "without counsel.",
        "admin_warrant": f"{agency} detained the client on an ICE administrative warrant alone "
        "(no judge's signature).",
    }
    return lines[scenario]


def _parties(rng: random.Random, matter_id: int, detail: dict[str, Any]) -> list[dict[str, Any]]:
    defendant = detail["defendant"]
    agency = detail["agency"]
    rows = [
        {
            "matter_id": matter_id,
            "role": "defendant",
            "kind": defendant.kind,
            "name": defendant.name,
            "name_key": fold(defendant.name),
            "name_phonetic": phonetic_keys(defendant.name),
            "agency_id": agency.id,
            "town_id": detail["town"].id if defendant.kind == "municipality" else None,
            "capacity": defendant.capacity,
            "service_address": defendant.service_address,
        }
    ]

    def person(role: str, name: str, capacity: str = "") -> dict[str, Any]:
        return {
            "matter_id": matter_id,
            "role": role,
            "kind": "person",
            "name": name,
            "name_key": fold(name),
            "name_phonetic": phonetic_keys(name),
            "agency_id": agency.id if role == "defendant" else None,
            "town_id": None,
            "capacity": capacity,
            "service_address": "",
        }

    if rng.random() < 0.5:
        rows.append(person("defendant", f"Officer {rng.choice(OFFICER_NAMES)}", "individual"))
    if rng.random() < 0.3:
        given, family, _ = COMMUNITIES[rng.choice(list(COMMUNITIES))]
        rows.append(person("witness", f"{rng.choice(given)} {rng.choice(family)}"))
    if rng.random() < 0.4:
        counsel = (
            f"Corporation Counsel, {defendant.name}"
            if defendant.kind == "municipality"
            else "Assistant Attorney General (Office of the Attorney General)"
        )
        rows.append(person("opposing_counsel", counsel))
    return rows


def _store_demo_file(vault: Path, content: bytes) -> tuple[str, str]:
    """Put a small fictional file in the evidence vault the way the vault stores real ones
    (content-addressed, read-only, owner-only), so ``casekit evidence verify`` works on a demo."""
    from casekit.config import ensure_private_dir
    from casekit.services.evidence import STORED_MODE

    sha = hashlib.sha256(content).hexdigest()
    folder = ensure_private_dir(vault / sha[:2])
    target = folder / sha
    try:
        intact = target.stat().st_size == len(content)
    except OSError:
        intact = False
    if not intact:
        # A temporary name, then a rename: a run killed mid-write never leaves a short copy
        # under the final name (the leftover .incoming- file is swept later).
        tmp = folder / f".incoming-demo-{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, STORED_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, target)
    return sha, f"{sha[:2]}/{sha}"


def _evidence(
    rng: random.Random,
    matter_id: int,
    incident_id: int,
    detail: dict[str, Any],
    today: date,
    vault: Path,
) -> list[dict[str, Any]]:
    kinds = ["booking-record"]
    if (
        "V1_DETAIN_ON_DETAINER" in detail["violations"]
        or "V8_OVER_48_HOURS" in detail["violations"]
    ):
        kinds.append("detainer")
    if "V3_ADMIN_WARRANT" in detail["violations"]:
        kinds.append("administrative-warrant")
    kinds += rng.sample(
        ("release-log", "communication", "video", "foi-response", "witness-statement"),
        rng.randint(0, 2),
    )
    rows = []
    for k, kind in enumerate(kinds):
        obtained = min(detail["opened"] + timedelta(days=rng.randint(0, 40)), today)
        content = (
            f"FICTIONAL DEMO ITEM - not a real record\n{kind} for {detail['number']}, "
            f"item {k + 1}, obtained {obtained.isoformat()}\n"
        ).encode()
        digest, rel = _store_demo_file(vault, content)
        name = f"{detail['number']}-{k + 1}-{kind}.txt"
        rows.append(
            {
                "matter_id": matter_id,
                "incident_id": incident_id,
                "kind": kind,
                "description": f"{kind.replace('-', ' ')} (fictional demo item)",
                "original_name": name,
                "obtained_on": obtained,
                "source": detail["agency"].name if kind != "witness-statement" else "witness",
                "sha256": digest,
                "stored_path": rel,
                "size_bytes": len(content),
                "proves": [
                    v
                    for v in detail["violations"]
                    if kind in ("detainer", "release-log", "communication")
                ],
            }
        )
    return rows
