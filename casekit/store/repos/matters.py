"""The SQL of a matter's case file: one matter's workspace and its record edits.

Reads for the screens (:mod:`casekit.services.casefile`) run on a plain connection from
``engine.connect()`` (no unit of work, no audit) and return rows with named columns; writes take
the caller's ORM session (the matters list: :mod:`casekit.store.repos.matter_list`). Every table
is the model's own ``__table__``: there is no second description of the schema. Reads name their
columns one by one (never ``select(table)``), so that a PostgreSQL role without a column's grant
can still read what the screens show.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from sqlalchemy import Connection, Row, func, select
from sqlmodel import Session, col

from casekit.errors import NotFound
from casekit.store.models import (
    Agency,
    AuditEvent,
    Client,
    CustodyEvent,
    Deadline,
    Document,
    Evidence,
    Incident,
    Matter,
    Note,
    Party,
    Screening,
    Town,
    User,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine, Table

    from casekit.store.audit import RecordedValue

#: A result row of any width, read by column name (``row.number``).
Record: TypeAlias = "Row[*tuple[Any, ...]]"

__all__ = [
    "Connection",
    "MatterRecords",
    "Record",
    "Session",
    "custody_events",
    "first_incident",
    "first_incident_day",
    "incident_rows",
    "live_custody_event",
    "matter_by_ref",
    "matter_id",
    "matter_records",
    "notes_of",
    "reading",
    "screened_incidents",
    "screening_rows",
    "table_of",
]


def table_of(model: Any) -> Table:
    """The Core table of a SQLModel class."""
    return cast("Table", model.__table__)


_t = table_of


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads (no transaction of the services', nothing written)."""
    with engine.connect() as conn:
        yield conn


# --- one matter's workspace -----------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRecords:
    """The rows of one matter's workspace, read in one go (named columns)."""

    head: Record
    incidents: Sequence[Record]
    custody: Sequence[Record]
    parties: Sequence[Record]
    evidence: Sequence[Record]
    #: For each evidence id, the SHA-256 values the audit chain recorded, oldest first.
    chained: dict[int, list[RecordedValue]]
    deadlines: Sequence[Record]
    documents: Sequence[Record]
    notes: Sequence[Record]
    history: Sequence[Record]
    #: The newest stored screening per incident id.
    screenings: dict[int | None, Record]


def _head(session: Connection, matter_id: int) -> Record:
    m, c, u = _t(Matter), _t(Client), _t(User)
    head = session.execute(
        select(
            *(m.c[name] for name in ("id", "version", "number", "client_id", "status")),
            *(m.c[name] for name in ("attorney_id", "claims", "relief_sought", "opened_on")),
            m.c.closed_on,
            c.c.name,
            c.c.preferred_language,
            *(c.c[name] for name in ("phone", "phone_safe", "email", "email_safe")),
            c.c.address,
            c.c.address_safe,
            u.c.name.label("attorney"),
        )
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(m.c.id == matter_id)
    ).first()
    if head is None:
        raise NotFound(f"matter {matter_id} does not exist")
    return head


def incident_rows(*, session: Connection, matter_id: int) -> Sequence[Record]:
    """The matter's incidents, oldest first, with ``town``, ``agency`` and the agency's
    ``kind``."""
    i, t, a = _t(Incident), _t(Town), _t(Agency)
    names = "id version occurred_on occurred_at contact_type violations judicial_warrant".split()
    names += "convictions tsdb_match narrative administrative_warrant_only officers".split()
    return session.execute(
        select(
            *(i.c[name] for name in names),
            t.c.name.label("town"),
            a.c.name.label("agency"),
            a.c.kind.label("kind"),
        )
        .join(t, t.c.id == i.c.town_id)
        .join(a, a.c.id == i.c.agency_id)
        .where(i.c.matter_id == matter_id)
        .order_by(i.c.occurred_on, i.c.id)
    ).all()


def _rows(session: Connection, model: Any, matter_id: int, names: str, *order: Any) -> Any:
    table = _t(model)
    return session.execute(
        select(*(table.c[name] for name in names.split()))
        .where(table.c.matter_id == matter_id)
        .order_by(*(o(table) for o in order))
    ).all()


_DEADLINE_COLUMNS = (
    "id version rule_id title trigger_event trigger_date due safe_target citation confidence "
    "status status_reason manual overridden trail changed_by completed_on"
)


def matter_records(*, session: Connection, matter_id: int, history_limit: int) -> MatterRecords:
    """Everything one matter's workspace shows. Raises ``NotFound`` if it does not exist."""
    from casekit.store.audit import recorded_values

    head = _head(session, matter_id)
    cu = _t(CustodyEvent)
    custody = session.execute(
        select(cu.c.id, cu.c.version, cu.c.kind, cu.c.at, cu.c.note)
        .where(cu.c.matter_id == matter_id, cu.c.removed_at.is_(None))
        .order_by(cu.c.at, cu.c.id)
    ).all()
    evidence = _rows(
        session, Evidence, matter_id,
        "id kind description obtained_on source sha256 stored_path proves",
        lambda e: e.c.obtained_on, lambda e: e.c.id,
    )  # fmt: skip
    au = _t(AuditEvent)
    history = session.execute(
        select(au.c.at, au.c.actor, au.c.action, au.c.entity, au.c.changes)
        .where(au.c.matter_id == matter_id)
        .order_by(au.c.at.desc(), au.c.id.desc())
        .limit(history_limit)
    ).all()
    sc = _t(Screening)
    screenings = session.execute(
        select(sc.c.incident_id, sc.c.decision, sc.c.reasons, sc.c.claims)
        .add_columns(sc.c.law_version, sc.c.screened_on)
        .where(sc.c.matter_id == matter_id)
        .order_by(sc.c.id)
    ).all()
    return MatterRecords(
        head=head,
        incidents=incident_rows(session=session, matter_id=matter_id),
        custody=custody,
        parties=_rows(
            session,
            Party,
            matter_id,
            "id version role kind name capacity service_address",
            lambda p: p.c.role,
            lambda p: p.c.id,
        ),  # fmt: skip
        evidence=evidence,
        chained=recorded_values(session, "evidence", (r.id for r in evidence), "sha256"),
        deadlines=_rows(
            session, Deadline, matter_id, _DEADLINE_COLUMNS, lambda d: d.c.due, lambda d: d.c.id
        ),
        documents=_rows(
            session,
            Document,
            matter_id,
            "id template language output_path generated_at generated_by",
            lambda d: d.c.generated_at.desc(),
        ),  # fmt: skip
        notes=_rows(
            session,
            Note,
            matter_id,
            "id author body created_at",
            lambda n: n.c.created_at.desc(),
            lambda n: n.c.id.desc(),
        ),  # fmt: skip
        history=history,
        screenings={r.incident_id: r for r in screenings},  # the newest row per incident wins
    )


# --- record edits (the caller's ORM session) ------------------------------------------------------


def matter_id(*, session: Connection, number: str) -> int:
    """The id of the matter with this number (``ta-2026-0001`` works too), or ``NotFound``."""
    normal = number.strip().upper()
    m = _t(Matter)
    found = session.execute(select(m.c.id).where(m.c.number == normal)).scalar()
    if found is None:
        raise NotFound(f"no matter {normal} (see casekit matter list)")
    return int(found)


def matter_by_ref(*, session: Session, ref: str | int) -> Matter:
    """The matter with this id (an int or digits) or number; ``NotFound("no matter '…'")``."""
    if isinstance(ref, int) or str(ref).isdigit():
        row = session.get(Matter, int(ref))
    else:
        row = session.scalars(
            select(Matter).where(col(Matter.number) == str(ref).strip().upper())
        ).first()
    if row is None:
        raise NotFound(f"no matter '{str(ref)[:20]}'")
    return row


def first_incident(*, session: Session, matter_id: int) -> Incident | None:
    """The matter's first incident (lowest id), or None."""
    return session.scalars(
        select(Incident).where(col(Incident.matter_id) == matter_id).order_by(col(Incident.id))
    ).first()


def first_incident_day(*, session: Session, matter_id: int) -> date | None:
    """The day of the matter's earliest incident, or None."""
    day: date | None = session.scalar(
        select(func.min(col(Incident.occurred_on))).where(col(Incident.matter_id) == matter_id)
    )
    return day


def custody_events(*, session: Session, matter_id: int) -> Sequence[CustodyEvent]:
    """The matter's custody events not removed, oldest first."""
    return session.scalars(
        select(CustodyEvent)
        .where(col(CustodyEvent.matter_id) == matter_id)
        .where(col(CustodyEvent.removed_at).is_(None))
        .order_by(col(CustodyEvent.at), col(CustodyEvent.id))
    ).all()


def live_custody_event(*, session: Session, event_id: int) -> CustodyEvent:
    """A custody event not removed, or ``NotFound``."""
    row = session.get(CustodyEvent, event_id)
    if row is None or row.removed_at is not None:
        raise NotFound(f"no custody event with id {event_id}")
    return row


def notes_of(*, session: Session, matter_id: int) -> Sequence[Note]:
    """The matter's notes, oldest first."""
    return session.scalars(
        select(Note)
        .where(col(Note.matter_id) == matter_id)
        .order_by(col(Note.created_at), col(Note.id))
    ).all()


def screened_incidents(*, session: Session, matter_id: int) -> Sequence[Row[Incident, str]]:
    """Each incident of the matter with its agency's kind, by id."""
    return session.execute(
        select(Incident, col(Agency.kind))
        .join(Agency, col(Agency.id) == col(Incident.agency_id))
        .where(col(Incident.matter_id) == matter_id)
        .order_by(col(Incident.id))
    ).all()


def screening_rows(*, session: Session, matter_ids: Sequence[int]) -> Sequence[Screening]:
    """Every stored screening of these matters, oldest first."""
    return session.scalars(
        select(Screening)
        .where(col(Screening.matter_id).in_(list(matter_ids)))
        .order_by(col(Screening.id))
    ).all()
