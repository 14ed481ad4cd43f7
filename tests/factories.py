"""Test data in one place: the pinned today, clients and matters, office homes, archives.

``pin_today(monkeypatch)`` pins ``CASEKIT_TODAY`` to :data:`TODAY` (2026-03-15) and returns the
day; a folder whose scenarios need another day passes it (``pin_today(monkeypatch, DAY)``) and
says why. Every folder's ``today`` fixture goes through it.

Builders, by the layer they go through: services (:func:`open_matter`, :func:`office_data`,
:func:`set_firm`), the CLI (:func:`add_matter_cli`, :func:`cli_matter`), store rows inserted
directly (:class:`MatterFactory`, :func:`add_deadline`), files (:func:`read_csv` of
``tests/data``, backup archives: :func:`members`, :func:`rewrite`, :func:`add_member`).
Nothing heavy is imported at module level: each builder imports what it uses (the domain tests
import :func:`read_csv` from here without loading the store).
"""

from __future__ import annotations

import csv
import io
import tarfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.clirun import cli_json

if TYPE_CHECKING:
    from casekit.config import Settings
    from casekit.services.base import AppContext

DATA = Path(__file__).resolve().parent / "data"

# --- today ------------------------------------------------------------------------------------

#: The suite's today, unless a folder's scenarios need another (it says why).
TODAY = date(2026, 3, 15)


def pin_today(monkeypatch: pytest.MonkeyPatch, day: date = TODAY) -> date:
    """Pin ``CASEKIT_TODAY`` (the day casekit takes for today) to ``day``; returns it."""
    monkeypatch.setenv("CASEKIT_TODAY", day.isoformat())
    return day


# --- files ------------------------------------------------------------------------------------


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in tests/data."""
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def files_under(folder: Path) -> list[Path]:
    """Everything under ``folder``: files and folders (a refusal leaves not even a folder)."""
    return sorted(folder.rglob("*")) if folder.exists() else []


def tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative POSIX path → bytes)."""
    out: dict[str, bytes] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


# --- settings and firms -----------------------------------------------------------------------


def sqlite_settings(home: Path, *, files: Path | None = None) -> Settings:
    """Settings for a SQLite database in ``home`` (``casekit.sqlite``)."""
    from casekit.config import Settings

    return Settings(
        home=home, database_url=f"sqlite:///{home / 'casekit.sqlite'}", actor="tester", files=files
    )


def sqlite_services(home: Path, *, files: Path | None = None) -> AppContext:
    from casekit.services.base import AppContext

    return AppContext(sqlite_settings(home, files=files))


#: The firm most tests set (documents need every field: name, address, phone, e-mail, juris).
FIRM = {
    "firm.name": 'Smith & Jones <LLP> "Trust Act" Clinic',
    "firm.address": "100 Pearl Street, Suite 4, Hartford, CT 06103",
    "firm.phone": "(860) 555-0100",
    "firm.email": "intake@smith-jones.example",
    "firm.juris_number": "123456",
}


def set_firm(svc: Any, skip: tuple[str, ...] = (), *, firm: Mapping[str, str] = FIRM) -> None:
    """Store the firm settings (``firm.name`` ...) through the services, but those in ``skip``."""
    from casekit.services.office.settings import set_setting

    for key, value in firm.items():
        if key not in skip:
            set_setting(svc, key, value)


# --- clients and matters ----------------------------------------------------------------------

#: The matter :func:`cli_matter` opens (the first of the year of the pinned today).
MATTER = "TA-2026-0001"
MATTER_ARGS = (
    "--client", "1", "--incident-date", "2026-01-10",
    "--town", "Danbury", "--agency", "Danbury Police Department",
)  # fmt: skip


def cli_matter(run: Callable[..., Any], *extra: str, name: str = "José Núñez") -> str:
    """Client ``name`` and matter :data:`MATTER` through ``run`` (a CLI fixture); the number."""
    assert run("client", "add", "--name", name).exit_code == 0
    result = run("matter", "add", *MATTER_ARGS, *extra)
    assert result.exit_code == 0, result.stderr
    return MATTER


#: A client name that breaks careless code: accents, an apostrophe, markup, a Jinja expression.
HOSTILE_NAME = "José Núñez-O'Brien & Hijos <LLC> {{ 7*7 }}"
NARRATIVE = (
    'Stopped on Main St & White St <near the park>.\n\nThe sergeant said "ICE wants him" {{ x }}.'
)


def add_matter_cli(
    name: str = HOSTILE_NAME, language: str = "es", narrative: str = NARRATIVE
) -> str:
    """A client and a matter (Danbury, V1 V2 V7) through ``casekit ... --json``; the number."""
    client = cli_json("client", "add", "--name", name, "--language", language)
    matter = cli_json(
        "matter", "add",
        "--client", str(client["id"]),
        "--incident-date", "2025-11-03",
        "--incident-time", "14:15",
        "--town", "Danbury",
        "--agency", "Danbury Police Department",
        "--violation", "V1", "--violation", "V2", "--violation", "V7",
        "--narrative", narrative,
    )  # fmt: skip
    return str(matter["number"])


def open_matter(svc: Any, name: str = "María José Núñez", attorney: str | None = None) -> str:
    """A client and a matter opened through the services the way intake opens one."""
    from casekit.services.clients import add_client
    from casekit.services.matters import add_matter

    client = add_client(svc, name=name, language="es")
    matter = add_matter(
        svc,
        client=client.id,
        incident_date="2025-10-20",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
        attorney=attorney,
        claims=["trust_act", "section_1983"],
    )
    return str(matter.number)


# --- an office home ---------------------------------------------------------------------------

OFFICE_FIRM = {
    "firm.name": "Smith & Jones LLP",
    "firm.address": "100 Pearl Street, Hartford, CT 06103",
    "firm.juris_number": "123456",
}
RULES = b'[rules.CT_7465_NOTICE]\nnote = "checked 2026"\n'
LAW = b"# law pack overrides (empty)\n"


@dataclass(frozen=True)
class OfficeData:
    """What :func:`office_data` made."""

    matter: str
    document: Path
    evidence_id: int
    evidence_sha: str


def office_data(svc: AppContext, tmp_path: Path, *, name: str = "José Núñez") -> OfficeData:
    """Fill a database the way users do: client, matter, document, evidence, local files."""
    from casekit.config import write_private_file
    from casekit.services import clients, documents, evidence, matters

    set_firm(svc, firm=OFFICE_FIRM)
    client = clients.add_client(svc, name=name)
    matter = matters.add_matter(
        svc,
        client=str(client.id),
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    )
    doc = documents.generate(svc, "demand-letter", matter.number)
    source = tmp_path / f"detainer-{name[:4]}.pdf"
    source.write_bytes(b"%PDF detainer scan " + name.encode())
    item = evidence.add_evidence(svc, matter.number, source, kind="detainer")
    home = svc.settings.home
    write_private_file(home / "templates" / "demand-letter.docx", doc.path.read_bytes())
    write_private_file(home / "config.toml", b"[ui]\ntheme = 'dark'\n")
    write_private_file(home / "rules.local.toml", RULES)
    write_private_file(home / "law.local.toml", LAW)
    return OfficeData(matter.number, Path(doc.path), item.id, item.sha256)


# --- backup archives --------------------------------------------------------------------------


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def rewrite(path: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of the archive with ``change(name, data) -> data | None`` applied to members."""
    with tarfile.open(path, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            new = change(member.name, data)
            if new is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(new)
            info.mode = member.mode
            dst.addfile(info, io.BytesIO(new))
    return target


def add_member(tar: tarfile.TarFile, name: str, data: bytes = b"x", **fields: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data) if fields.get("type", tarfile.REGTYPE) == tarfile.REGTYPE else 0
    for key, value in fields.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(data) if info.size else None)


# --- rows read and inserted with the store models ---------------------------------------------


def document_rows(svc: Any) -> list[Any]:
    """The ``document`` rows, in id order."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Document

    with svc.transaction() as session:
        return list(session.scalars(select(Document).order_by(col(Document.id))))


def _id(row: Any) -> int:
    """The id of a flushed row."""
    if row.id is None:
        raise AssertionError(f"{type(row).__name__} has no id: not flushed")
    return int(row.id)


def get_or_create(session: Any, model: Any, name: str, **values: Any) -> Any:
    from sqlmodel import select

    row = session.exec(select(model).where(model.name == name)).first()
    if row is None:
        row = model(name=name, **values)
        session.add(row)
        session.flush()
    return row


@dataclass(frozen=True)
class MatterSpec:
    """The keyword arguments of a :class:`MatterFactory` call (an unknown one is a TypeError)."""

    client_name: str = "Juana Nadie"
    violations: tuple[str, ...] = ("V1_DETAIN_ON_DETAINER",)
    town: str = "Hartford"
    agency: str = "Hartford Police Department"
    occurred_on: date = date(2026, 3, 14)
    attorney: str | None = "Ada Lawyer"
    attorney_email: str = ""
    status: str = "active"
    incident: bool = True
    judicial_warrant: bool = False
    a_number: str = "A123456789"
    immigration_status: str = "pending asylum"
    date_of_birth: date | None = date(1990, 5, 17)


class MatterFactory:
    """Insert a client, a matter and (optionally) an incident; return the matter number."""

    def __init__(self, services: AppContext) -> None:
        self.services = services
        self.n = 0

    def __call__(self, **fields: Any) -> str:
        from casekit.store.models import Agency, Client, Incident, Matter, Town, User

        spec = MatterSpec(**fields)
        self.n += 1
        number = f"TA-2026-{self.n:04d}"
        with self.services.transaction() as s:
            t = get_or_create(
                s, Town, spec.town, county="Hartford", judicial_district="Hartford",
                jd_court_location="Hartford", jd_courthouse_address="95 Washington St",
                judicial_district_before_2025_10_01="Hartford",
            )  # fmt: skip
            a = get_or_create(s, Agency, spec.agency, kind="municipal_police", town_id=t.id)
            user_id = None
            if spec.attorney:
                email = spec.attorney_email
                u = get_or_create(s, User, spec.attorney, role="attorney", email=email)
                if email and u.email != email:
                    u.email = email
                user_id = u.id
            c = Client(
                name=spec.client_name, name_key=spec.client_name.lower(), a_number=spec.a_number,
                immigration_status=spec.immigration_status,
                date_of_birth=spec.date_of_birth,  # type: ignore[arg-type]
            )  # fmt: skip
            s.add(c)
            s.flush()
            m = Matter(
                number=number, client_id=_id(c), status=spec.status, attorney_id=user_id,
                opened_on=date(2026, 3, 20), search_text=number.lower(),
            )  # fmt: skip
            s.add(m)
            s.flush()
            if spec.incident:
                s.add(
                    Incident(
                        matter_id=_id(m),
                        occurred_on=spec.occurred_on,
                        town_id=t.id,
                        agency_id=a.id,
                        violations=list(spec.violations),
                        judicial_warrant=spec.judicial_warrant,
                    )
                )
        return number


@dataclass(frozen=True)
class DeadlineSpec:
    """The keyword arguments of :func:`add_deadline` (``due`` is required)."""

    due: date
    safe_target: date | None = None
    rule_id: str = "CT_TORT_SOL"
    title: str = "Commence tort action (serve process)"
    kind: str = "limitation"
    citation: str = "§ 52-577"
    confidence: str = "confirmed"
    status: str = "open"
    trail: tuple[str, ...] = ("Trigger: incident.",)


def add_deadline(services: AppContext, number: str, **fields: Any) -> int:
    """Insert a deadline row on matter ``number`` (fields: :class:`DeadlineSpec`); its id."""
    from sqlmodel import select

    from casekit.store.models import Deadline, Matter

    spec = DeadlineSpec(**fields)
    with services.transaction() as s:
        m = s.exec(select(Matter).where(Matter.number == number)).one()
        row = Deadline(
            matter_id=_id(m),
            key=f"{spec.rule_id}:{spec.due.isoformat()}",
            rule_id=spec.rule_id,
            title=spec.title,
            kind=spec.kind,
            trigger_event="incident",
            trigger_date=date(2026, 3, 14),
            due=spec.due,
            safe_target=spec.safe_target or spec.due,
            citation=spec.citation,
            confidence=spec.confidence,
            status=spec.status,
            trail=list(spec.trail),
            updated_at=datetime(2026, 11, 1, tzinfo=UTC),
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id
