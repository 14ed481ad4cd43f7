"""Scaled office databases (1 k, 10 k, 100 k matters), built fast and cached.

The schema comes from the real migrations (``casekit.store.migrate.upgrade`` on an empty SQLite
file), so triggers (FTS5 matter search), partial indexes and seeded reference data are exactly
what an office has. Rows then go in with ``sqlite3.executemany`` in one transaction, with
explicit ids (no RETURNING round trips) and values already in the format SQLAlchemy stores on
SQLite (ISO dates, ``YYYY-MM-DD HH:MM:SS.ffffff`` datetimes, JSON text, 0/1 booleans).

Per matter: one client (8 % of clients have a second matter), one incident (97 % of matters;
the rest are open matters with nothing planned, which the dashboard lists as "no deadline"),
one defendant party, five evidence rows and the deadlines ``casekit.domain.planning`` plans for
it (3 for most matters: § 52-577, § 1983 and Trust Act limitation; +2 with a municipal
defendant, +1 with the State), computed with the domain's own ``compute`` (memoised per rule and
trigger day) and keyed exactly as the planner keys them, so a recompute finds nothing to move.
``matter.search_text`` is folded with ``casekit.domain.text.fold`` like the services fold it.

Clients' sensitive fields are sealed with the benchmarks' own key (``common.BENCH_KEY``) and the
key check registered, as in a database casekit has used.

The cache key is the size, the head revision, a hash of the migration files and
:data:`BUILDER_VERSION`; bump the version whenever the rows built here change.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import random
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.common import CACHE, REPO, TODAY, log

BUILDER_VERSION = 9
SEED = 20261121
SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
EARLIEST_INCIDENT = date(2025, 10, 1)
STAMP = "2026-11-21 12:00:00.000000"

GIVEN = (
    "José", "María", "Juan Carlos", "Ana", "Luis", "Carmen", "Jorge", "Lucía", "Miguel",
    "Guadalupe", "Andrés", "Sofía", "Héctor", "Daniela", "Óscar", "Marisol", "Thiago", "João",
    "Letícia", "Jean-Baptiste", "Marie-Claude", "Widline", "Nadège", "Kwame", "Abena", "Ngozi",
    "Mamadou", "Fatoumata", "Priya", "Harpreet", "Mohammed", "Farhana", "Văn An", "Thị Lan",
    "Andre", "Shanice", "Rohan", "Yanique",
)  # fmt: skip
FAMILY = (
    "Núñez", "Pérez-Gómez", "García", "Rodríguez", "Hernández", "López", "Martínez", "González",
    "Ramírez", "Sánchez", "Torres", "Flores", "Rivera", "Díaz", "Cruz", "Morales", "Reyes",
    "Gutiérrez", "Ortiz", "Chávez", "Vásquez", "Peña", "Ibáñez", "Muñoz", "Quispe", "Tzul",
    "Conceição", "Araújo", "Gonçalves", "Magalhães", "Fonseca", "Nascimento", "Joseph", "Pierre",
    "Jean-Louis", "Saint-Fleur", "Étienne", "Toussaint", "Mensah", "Asante", "Okafor",
    "Adeyemi", "Diallo", "Traoré", "Ouédraogo", "Boateng", "Patel", "Singh", "Kaur", "Rahman",
    "Chowdhury", "Thapa", "Nguyễn", "Trần", "Lê", "Phạm", "Campbell", "Thompson", "Persaud",
    "McKenzie",
)  # fmt: skip
LANGUAGES = ("es", "es", "es", "en", "en", "pt", "ht", "fr", "vi", "hi")
STATUSES = (("intake", 20), ("screening", 20), ("active", 45), ("closed", 10), ("declined", 5))
EVIDENCE_KINDS = (
    "booking-record", "detainer", "release-log", "communication", "foi-response",
    "video", "witness-statement",
)  # fmt: skip
CONTACT_TYPES = ("traffic stop", "arrest on a warrant", "domestic call", "court appearance")
AGENCY_KIND_WEIGHTS = (
    ("municipal_police", 70), ("state_police", 15), ("corrections", 10),
    ("university_police", 5),
)  # fmt: skip
CLAIMS = ["trust_act", "section_1983"]
FIRM = {
    "firm.name": "Benchmark Legal Aid & Partners",
    "firm.address": "100 Example Street, Suite 200, Hartford, CT 06103",
    "firm.phone": "(860) 555-0100",
    "firm.email": "intake@benchmark-legal-aid.example",
    "firm.juris_number": "999999",
}
ATTORNEYS = ("Alejandra Rivera-Quiñones", "Samuel Okonkwo", "Dana Whitfield", "Marisa Teixeira")


def schema_key() -> str:
    """Head revision plus a hash of every migration file (a migration edited in place counts)."""
    versions = REPO / "db" / "migrations" / "versions"
    digest = hashlib.sha256()
    head = "none"
    for path in sorted(versions.glob("*.py")):
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        head = path.name.split("_", 1)[0]
    env = REPO / "db" / "migrations" / "env.py"
    if env.exists():
        digest.update(env.read_bytes())
    return f"r{head}-{digest.hexdigest()[:10]}"


def cache_path(size: str) -> Path:
    return CACHE / f"office-{size}-{schema_key()}-b{BUILDER_VERSION}.sqlite"


def ensure(size: str) -> tuple[Path, float | None]:
    """The cached database for ``size``; built first when missing. Returns (path, build s)."""
    path = cache_path(size)
    if path.exists():
        return path, None
    CACHE.mkdir(parents=True, exist_ok=True)
    for stale in CACHE.glob(f"office-{size}-*.sqlite"):
        stale.unlink()  # an older schema or builder
    started = time.perf_counter()
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        build(tmp, SIZES[size])
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    log(f"built {size} database in {seconds:.1f} s: {path.name}")
    return path, seconds


# --- building -----------------------------------------------------------------------------------


def _migrate(path: Path) -> None:
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
    finally:
        engine.dispose()


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for value, weight in weighted:
        x -= weight
        if x < 0:
            return value
    return weighted[-1][0]


def _insert(
    conn: sqlite3.Connection, table: str, columns: str, rows: list[tuple[Any, ...]]
) -> None:
    marks = ",".join("?" * (columns.count(",") + 1))
    conn.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', rows)


def build(path: Path, matters: int) -> None:
    """Create ``path`` with ``matters`` matters (see the module docstring)."""
    from benchmarks.common import bench_key
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.deadlines import compute
    from casekit.domain.lawpack import default_rules
    from casekit.domain.planning import deadline_key
    from casekit.domain.text import fold
    from casekit.services.deadlines.plan import LABEL_SEPARATOR
    from casekit.services.deadlines.results import MAX_TITLE
    from casekit.store import keys, sealed

    _migrate(path)
    bench_key()
    ring = keys.load(keys.locate())
    assert ring is not None
    cipher = ring.cipher()
    rng = random.Random(SEED)
    rules = default_rules()
    calendar = CourtCalendar()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        conn.execute("BEGIN")
        towns = dict(conn.execute("SELECT id, name FROM town"))
        by_kind: dict[str, list[tuple[int, str, int, str]]] = {}
        for agency_id, name, kind, town_id, employer in conn.execute(
            "SELECT id, name, kind, town_id, employer FROM agency WHERE town_id IS NOT NULL "
            "ORDER BY id"
        ):
            by_kind.setdefault(kind, []).append((agency_id, name, town_id, employer))
        kinds = tuple((k, w) for k, w in AGENCY_KIND_WEIGHTS if k in by_kind)

        _insert(
            conn,
            "setting",
            "created_at, updated_at, version, key, value",
            [(STAMP, STAMP, 1, key, value) for key, value in FIRM.items()],
        )
        _insert(
            conn,
            "user",
            "id, created_at, updated_at, version, name, role, juris_number, email, phone, active",
            [
                (i + 1, STAMP, STAMP, 1, name, "attorney", f"90010{i}", "", "", 1)
                for i, name in enumerate(ATTORNEYS)
            ],
        )

        # Every (rule, trigger day) is computed once: ~420 distinct days, not 300 k computes.
        results: dict[tuple[str, date], tuple[str, str, str, str, str]] = {}

        def planned(rule_id: str, trigger: date, why: str) -> tuple[str, str, str, str, str]:
            found = results.get((rule_id, trigger))
            if found is None:
                # As the planner computes it: the matter's recorded trigger events (the incident
                # only: no custody events here) for rules with several readings.
                r = compute(rules[rule_id], trigger, calendar, other_triggers={"incident": trigger})
                trail = json.dumps([why, *r.trail])
                found = (
                    r.trigger.isoformat(),
                    r.due.isoformat(),
                    r.safe_target.isoformat(),
                    trail,
                    r.confidence,
                )
                results[(rule_id, trigger)] = found
            return found

        folded = functools.cache(fold)

        def folded_number(number: str) -> str:
            return number.lower().replace("-", " ")  # fold("TA-2026-0001"), 20 times faster

        span = (TODAY - EARLIEST_INCIDENT).days
        clients: list[tuple[Any, ...]] = []
        client_names: list[str] = []
        matter_rows: list[tuple[Any, ...]] = []
        incident_rows: list[tuple[Any, ...]] = []
        party_rows: list[tuple[Any, ...]] = []
        evidence_rows: list[tuple[Any, ...]] = []
        deadline_rows: list[tuple[Any, ...]] = []
        plans = []
        for _ in range(matters):
            occurred = EARLIEST_INCIDENT + timedelta(days=rng.randrange(span))
            opened = min(occurred + timedelta(days=rng.randint(1, 60)), TODAY)
            plans.append((opened, occurred))
        plans.sort()
        sequence: dict[int, int] = {}
        claims_json = json.dumps(CLAIMS)
        today_iso = TODAY.isoformat()
        for index, (opened, occurred) in enumerate(plans):
            matter_id = index + 1
            if clients and rng.random() < 0.08:
                client_id = rng.randrange(len(clients)) + 1
            else:
                name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"
                if rng.random() < 0.3:
                    name += f" {rng.choice(FAMILY)}"
                client_id = len(clients) + 1
                # Sealed as casekit seals them (empty values too), bound to the client's id.
                secret = sealed.seal_row(cipher, "client", client_id, {})
                clients.append(
                    (
                        client_id, STAMP, STAMP, 1, name, folded(name), "",
                        secret["date_of_birth"], rng.choice(LANGUAGES),
                        f"(203) 555-01{rng.randrange(100):02d}", int(rng.random() < 0.7), "", 0,
                        f"{rng.randint(1, 400)} Elm Street, CT", int(rng.random() < 0.4),
                        secret["a_number"], secret["immigration_status"],
                    )
                )  # fmt: skip
                client_names.append(name)
            sequence[opened.year] = sequence.get(opened.year, 0) + 1
            number = f"TA-{opened.year}-{sequence[opened.year]:04d}"
            status = _pick(rng, STATUSES)
            attorney = rng.randint(1, len(ATTORNEYS)) if status != "intake" else None
            agency_id, agency_name, town_id, employer = rng.choice(by_kind[_pick(rng, kinds)])
            town = towns[town_id]
            has_incident = status not in ("intake", "screening") or rng.random() > 0.08
            search = f"{folded(client_names[client_id - 1])} {folded_number(number)} " + folded(
                f"{town} {agency_name}"
            )
            if matter_id % 997 == 1:  # the pieces fold like the whole (fold is word by word)
                whole = fold(f"{client_names[client_id - 1]} {number} {town} {agency_name}")
                assert search == whole, (search, whole)
            matter_rows.append(
                (
                    matter_id, STAMP, STAMP, 1, number, client_id, status, attorney, claims_json,
                    "", opened.isoformat(), None, search,
                )
            )  # fmt: skip
            if not has_incident:
                continue
            incident_rows.append(
                (
                    matter_id, STAMP, STAMP, 1, matter_id, occurred.isoformat(),
                    f"{occurred.isoformat()} 18:30:00.000000", town_id, agency_id,
                    rng.choice(CONTACT_TYPES), '["V1_DETAIN_ON_DETAINER"]', 0, 0, "[]", 0,
                    f"{agency_name} held the client on an ICE detainer after bond was posted.",
                    '["Officer R. Kowalski"]',
                )
            )  # fmt: skip
            r = rng.random()
            if r < 0.10:
                party = ("municipality", employer or f"Town of {town}", town_id)
                extra = ("CT_7465_NOTICE", "CT_7465_SUIT")
                why_extra = "Planned because: municipal defendant ({})."
            elif r < 0.15:
                party = ("state", "State of Connecticut", None)
                extra = ("CT_CLAIMS_COMMISSIONER",)
                why_extra = "Planned because: state defendant ({})."
            else:
                party = ("agency", agency_name, None)
                extra = ()
                why_extra = ""
            party_id = matter_id
            party_rows.append(
                (
                    party_id, STAMP, STAMP, 1, matter_id, "defendant", party[0], party[1],
                    folded(party[1]), agency_id, party[2], "official", "",
                )
            )  # fmt: skip
            for k in range(5):
                kind = EVIDENCE_KINDS[(matter_id + k) % len(EVIDENCE_KINDS)]
                evidence_rows.append(
                    (
                        matter_id * 5 + k - 4, STAMP, STAMP, 1, matter_id, matter_id, kind,
                        f"{kind.replace('-', ' ')} (benchmark item, no file)", "",
                        min(opened + timedelta(days=k * 7), TODAY).isoformat(), agency_name,
                        f"{matter_id:032x}{k:032x}", "", 0, "[]",
                    )
                )  # fmt: skip
            wanted = [
                ("CT_TORT_SOL", "", "Planned because: every matter (CT_TORT_SOL)."),
                ("FED_1983_SOL", "", "Planned because: claim section_1983 (FED_1983_SOL)."),
                ("TRUST_ACT_SOL", "", "Planned because: claim trust_act (TRUST_ACT_SOL)."),
            ]
            per_party = str(party_id) if party[0] == "municipality" else ""
            wanted += [(rule_id, per_party, why_extra.format(rule_id)) for rule_id in extra]
            closed = status in ("closed", "declined")
            for rule_id, subject, why in wanted:
                rule = rules[rule_id]
                trigger_iso, due, safe, trail, confidence = planned(rule_id, occurred, why)
                # Named after its defendant, as casekit stores a per-defendant deadline
                # (services.deadlines.plan.slots): otherwise every such matter would read as
                # restated on each recompute preview, which casekit's own data never does.
                title = rule.title
                if rule.applies_when.per_defendant:
                    title = f"{rule.title}{LABEL_SEPARATOR}{party[1]}"[:MAX_TITLE]
                if closed:
                    dl_status = "waived"
                elif due < today_iso and rng.random() < 0.9:
                    dl_status = "done"
                else:
                    dl_status = "open"
                deadline_rows.append(
                    (
                        STAMP, STAMP, 1, matter_id, deadline_key(rule, subject), rule.id,
                        title, rule.kind, rule.trigger_event, trigger_iso, due, safe,
                        rule.citation, confidence, dl_status, "", 0, 0, trail,
                        party_id if subject else None, None, "benchmark",
                    )
                )  # fmt: skip

        _insert(
            conn,
            "client",
            "id, created_at, updated_at, version, name, name_key, preferred_name, date_of_birth, "
            "preferred_language, phone, phone_safe, email, email_safe, address, address_safe, "
            "a_number, immigration_status",
            clients,
        )
        # The FTS5 insert trigger indexes one row at a time (most of the build time at 100 k);
        # load the rows without it, index them in one 'rebuild', and put the trigger back
        # exactly as the migration wrote it.
        (trigger_sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'matter_fts_ai'"
        ).fetchone()
        conn.execute("DROP TRIGGER matter_fts_ai")
        _insert(
            conn,
            "matter",
            "id, created_at, updated_at, version, number, client_id, status, attorney_id, "
            "claims, relief_sought, opened_on, closed_on, search_text",
            matter_rows,
        )
        conn.execute("INSERT INTO matter_fts(matter_fts) VALUES ('rebuild')")
        conn.execute(trigger_sql)
        _insert(
            conn,
            "incident",
            "id, created_at, updated_at, version, matter_id, occurred_on, occurred_at, town_id, "
            "agency_id, contact_type, violations, administrative_warrant_only, judicial_warrant, "
            "convictions, tsdb_match, narrative, officers",
            incident_rows,
        )
        _insert(
            conn,
            "party",
            "id, created_at, updated_at, version, matter_id, role, kind, name, name_key, "
            "agency_id, town_id, capacity, service_address",
            party_rows,
        )
        _insert(
            conn,
            "evidence",
            "id, created_at, updated_at, version, matter_id, incident_id, kind, description, "
            "original_name, obtained_on, source, sha256, stored_path, size_bytes, proves",
            evidence_rows,
        )
        _insert(
            conn,
            "deadline",
            "created_at, updated_at, version, matter_id, key, rule_id, title, kind, "
            "trigger_event, trigger_date, due, safe_target, citation, confidence, status, "
            "status_reason, manual, overridden, trail, party_id, records_request_id, changed_by",
            deadline_rows,
        )
        conn.execute("COMMIT")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"benchmark builder broke foreign keys: {broken[:3]}")
        conn.execute("PRAGMA journal_mode=WAL")  # what make_engine leaves on a casekit file
    finally:
        conn.close()
    # The key check, as a database that casekit has used holds it (no figure has to write it).
    from casekit.store.engine import make_engine

    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as sa_conn:
            keys.register(sa_conn, cipher, actor="benchmark")
    finally:
        engine.dispose()
    os.chmod(path, 0o600)


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in ("matter", "client", "incident", "party", "evidence", "deadline")
        }
    finally:
        conn.close()


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    for name in sys.argv[1:] or list(SIZES):
        db, _ = ensure(name)
        log(f"{name}: {counts(db)}")
