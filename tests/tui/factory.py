"""A small, fixed office database for the TUI tests (demo-like, built in well under a second).

Uses ``casekit.services.demo`` when it exists; until then rows are inserted directly with the
store models after the Alembic migrations, which is what the demo generator does too.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from unittest import mock

from sqlmodel import Session, select

from casekit.domain.text import fold
from casekit.services.base import AppContext
from casekit.store import models as M
from casekit.store.migrate import upgrade
from tests.factories import sqlite_settings

TODAY = date(2026, 11, 21)
#: When the fixed data was "entered": notes and audit rows carry it, not the real clock, so the
#: History and Notes tabs (and their snapshots) read the same on every run.
ENTERED = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
SEED = 20261121

FIRST = ["María", "José", "Ana", "Luis", "Guadalupe", "Nguyễn", "Fatima", "Jean", "Wei", "Olga"]
LAST = ["Pérez", "Núñez", "García", "Díaz", "Tran", "Baptiste", "Kowalski", "Osei", "Chen", "Rossi"]
DEADLINES = [
    ("CT_7465_NOTICE", "Give § 7-465 notice of intent to sue", "C.G.S. § 7-465(a)", "confirmed"),
    ("TA_LIMITATION", "File the Trust Act action", "C.G.S. § 54-192h(f)", "secondary"),
    ("FOI_RESPONSE", "Agency answers the FOI request", "C.G.S. § 1-206(a)", "confirmed"),
    ("SECTION_1983_SOL", "File the § 1983 action", "C.G.S. § 52-577", "unverified"),
]


#: Settings for the SQLite database in a home (the tests import it from here).
settings_for = sqlite_settings


def _reference(session: Session) -> tuple[list[M.Town], list[M.Agency]]:
    towns = list(session.exec(select(M.Town).order_by(M.Town.name)).all())
    agencies = list(session.exec(select(M.Agency).order_by(M.Agency.name)).all())
    return towns, agencies


def populate(svc: AppContext, matters: int = 40, seed: int = SEED) -> None:
    """Fill a migrated database with ``matters`` fictional matters (deterministic)."""
    with (
        mock.patch("casekit.store.audit.chain.utcnow", return_value=ENTERED),
        mock.patch("casekit.store.audit.hooks.utcnow", return_value=ENTERED),
    ):
        _populate(svc, matters, seed)


def _populate(svc: AppContext, matters: int, seed: int) -> None:
    rng = random.Random(seed)
    with svc.transaction() as session:
        towns, agencies = _reference(session)
        town_by_id = {t.id: t for t in towns}
        muni = [a for a in agencies if a.kind == "municipal_police" and a.town_id] or agencies
        attorneys = [
            M.User(name=n, juris_number=f"4{i}1234")
            for i, n in enumerate(["Alex Rivera", "Dana Okafor", "Sam Whitfield"])
        ]
        session.add_all(attorneys)
        session.add(M.Setting(key="casekit.demo", value="true"))
        session.add(M.Setting(key="firm.name", value="Elm City Legal Aid"))
        session.add(M.Setting(key="firm.address", value="1 Church St, New Haven, CT 06510"))
        session.add(M.Setting(key="firm.juris_number", value="101234"))
        session.flush()
        for n in range(1, matters + 1):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            client = M.Client(
                name=name,
                name_key=fold(name),
                preferred_language=rng.choice(["es", "en", "pt"]),
                phone=f"203-555-{n:04d}",
                phone_safe=rng.random() < 0.7,
            )
            session.add(client)
            session.flush()
            agency = muni[(n * 7) % len(muni)]
            town = town_by_id[agency.town_id] if agency.town_id else towns[0]
            number = f"TA-2026-{n:04d}"
            occurred = date(2025, 10, 2) + timedelta(days=(n * 11) % 400)
            matter = M.Matter(
                number=number,
                client_id=client.id,
                status=["intake", "screening", "active", "active", "active", "closed"][n % 6],
                attorney_id=attorneys[n % 3].id,
                claims=["trust_act", "section_1983"] if n % 2 else ["trust_act"],
                opened_on=occurred + timedelta(days=3),
                search_text=fold(f"{name} {number} {town.name} {agency.name}"),
            )
            session.add(matter)
            session.flush()
            session.add(
                M.Incident(
                    matter_id=matter.id,
                    occurred_on=occurred,
                    town_id=town.id,
                    agency_id=agency.id,
                    contact_type="traffic stop",
                    violations=["V1_DETAIN_ON_DETAINER"],
                    narrative="Held for ICE after bail was posted.",
                )
            )
            at = datetime(occurred.year, occurred.month, occurred.day, 9, tzinfo=UTC)
            for kind, hours in (("arrest", 0), ("scheduled_release", 20), ("release_to_ice", 50)):
                session.add(
                    M.CustodyEvent(matter_id=matter.id, kind=kind, at=at + timedelta(hours=hours))
                )
            session.add(
                M.Party(
                    matter_id=matter.id,
                    role="defendant",
                    kind="municipality",
                    name=agency.employer or town.name,
                    capacity="official",
                )
            )
            session.add(M.Party(matter_id=matter.id, role="plaintiff", kind="person", name=name))
            if n % 5 != 0:  # every fifth matter has no open deadline
                for k, (rule, title, citation, confidence) in enumerate(DEADLINES[: 1 + n % 4]):
                    due = TODAY + timedelta(days=((n * 13 + k * 17) % 70) - 20)
                    session.add(
                        M.Deadline(
                            matter_id=matter.id,
                            key=f"{rule}:{n}",
                            rule_id=rule,
                            title=title,
                            trigger_event="incident",
                            trigger_date=occurred,
                            due=due,
                            safe_target=due - timedelta(days=7),
                            citation=citation,
                            confidence=confidence,
                            kind="notice",
                            trail=[f"trigger {occurred.isoformat()}", f"due {due.isoformat()}"],
                        )
                    )
            session.add(
                M.Evidence(
                    matter_id=matter.id,
                    kind="detainer",
                    description="I-247A detainer",
                    sha256="0" * 64,
                    stored_path=f"{number}/detainer.pdf",
                )
            )
            session.add(
                M.Note(
                    matter_id=matter.id,
                    author="tester",
                    body="Client called back.",
                    created_at=ENTERED,
                    updated_at=ENTERED,
                )
            )


_TEMPLATES: dict[tuple[int, int], Path] = {}


def build(
    home: Path, *, matters: int = 40, seed: int = SEED, cache_dir: Path | None = None
) -> AppContext:
    """A migrated, populated database in ``home``; built once per size and copied after that."""
    home.mkdir(parents=True, exist_ok=True)
    key = (matters, seed)
    template = _TEMPLATES.get(key)
    target = home / "casekit.sqlite"
    if template is not None and template.exists():
        shutil.copyfile(template, target)
        return AppContext(settings_for(home), today=TODAY)
    svc = AppContext(settings_for(home), today=TODAY)
    upgrade(svc.engine)
    populate(svc, matters=matters, seed=seed)
    svc.dispose()
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        cached = cache_dir / f"case-{matters}-{seed}.sqlite"
        shutil.copyfile(target, cached)
        _TEMPLATES[key] = cached
    return AppContext(settings_for(home), today=TODAY)
