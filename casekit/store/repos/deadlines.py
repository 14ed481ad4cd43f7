"""The deadlines' SQL: planning facts, stored deadlines, court closures, markers and adjustments.

Every function takes a keyword-only ``session`` and leaves the transaction to its caller. The
office-wide readers (:func:`planning_matters`, :func:`live_deadlines` and their helpers) are one
Core query each on the session's connection returning plain tuples: a recompute of 10 k matters
builds no ORM object, and JSON columns are read as text so that only what is needed is decoded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    exists,
    func,
    insert,
    select,
    true,
    type_coerce,
)
from sqlmodel import Session, col

from casekit.errors import NotFound
from casekit.store import repo
from casekit.store.models import (
    Agency,
    Client,
    CustodyEvent,
    Deadline,
    Incident,
    Matter,
    Party,
    ResolutionEvent,
)

__all__ = [
    "Deadline",
    "Matter",
    "Session",
    "add",
    "add_deadline",
    "deadline",
    "deadline_rows",
    "defendant_rows",
    "delete",
    "first_incident_days",
    "insert_deadlines",
    "judgment_rows",
    "live_deadlines",
    "matter",
    "matter_id",
    "matters_to_refresh",
    "planning_matters",
    "release_times",
]

_D = Deadline.__table__.c  # type: ignore[attr-defined]


def _only(column: Any, matter_ids: Sequence[int] | None) -> ColumnElement[bool]:
    return column.in_(list(matter_ids)) if matter_ids is not None else true()


# --- matters ------------------------------------------------------------------------------------


def matter(*, session: Session, matter_id: int) -> Matter | None:
    """The matter with id ``matter_id`` (None when there is none)."""
    return session.get(Matter, matter_id)


def matter_id(*, session: Session, ref: str | int) -> int:
    """The id of the matter numbered ``ref`` (or with id ``ref``); NotFound when none."""
    if isinstance(ref, int):
        found = session.get(Matter, ref)
        if found is None or found.id is None:
            raise NotFound(f"no matter with id {ref}")
        return found.id
    number = repo.get_matter(session=session, number=ref)
    if number.id is None:
        raise NotFound(f"no matter {ref[:40]}")
    return number.id


# --- planning facts (office-wide: plain tuples, one query each) ---------------------------------


def planning_matters(*, session: Session, matter_ids: Sequence[int] | None) -> list[Any]:
    """``(id, number, claims, authorization_on, dismissed_on, status, process_on, return_on,
    marshal_delivery_on)`` per matter; ``claims`` as JSON text (SQLite) or a list (psycopg)."""
    m = Matter.__table__.c  # type: ignore[attr-defined]
    query = select(
        m.id,
        m.number,
        type_coerce(m.claims, String),
        m.authorization_on,
        m.dismissed_on,
        m.status,
        m.process_on,
        m.return_on,
        m.marshal_delivery_on,
    ).where(_only(m.id, matter_ids))
    return list(session.connection().execute(query).all())


def first_incident_days(*, session: Session, matter_ids: Sequence[int] | None) -> dict[int, date]:
    """The earliest incident date of each matter that has one."""
    i = Incident.__table__.c  # type: ignore[attr-defined]
    query = (
        select(i.matter_id, func.min(i.occurred_on))
        .where(_only(i.matter_id, matter_ids))
        .group_by(i.matter_id)
    )
    return {r[0]: r[1] for r in session.connection().execute(query)}


def release_times(
    *, session: Session, matter_ids: Sequence[int] | None, kinds: Iterable[str]
) -> list[Any]:
    """``(matter_id, at)`` of each custody event of ``kinds`` (releases) not removed."""
    c = CustodyEvent.__table__.c  # type: ignore[attr-defined]
    query = (
        select(c.matter_id, c.at)
        .where(_only(c.matter_id, matter_ids))
        .where(c.kind.in_(list(kinds)))
        .where(c.removed_at.is_(None))
    )
    return list(session.connection().execute(query).all())


def defendant_rows(*, session: Session, matter_ids: Sequence[int] | None) -> list[Any]:
    """``(matter_id, party_id, kind, capacity, agency kind, name)`` of each defendant party."""
    p = Party.__table__.c  # type: ignore[attr-defined]
    a = Agency.__table__.c  # type: ignore[attr-defined]
    query = (
        select(p.matter_id, p.id, p.kind, p.capacity, a.kind, p.name)
        .select_from(Party.__table__.outerjoin(Agency.__table__, a.id == p.agency_id))  # type: ignore[attr-defined]
        .where(_only(p.matter_id, matter_ids))
        .where(p.role == "defendant")
        .order_by(p.id)
    )
    return list(session.connection().execute(query).all())


def judgment_rows(*, session: Session, matter_ids: Sequence[int] | None) -> list[Any]:
    """``(matter_id, court, dated)`` of each judgment recorded in the plaintiff's favour."""
    r = ResolutionEvent.__table__.c  # type: ignore[attr-defined]
    query = select(r.matter_id, r.court, r.dated).where(
        r.kind == "judgment", r.side == "plaintiff", _only(r.matter_id, matter_ids)
    )
    return list(session.connection().execute(query).all())


# --- stored deadlines ---------------------------------------------------------------------------


def live_deadlines(
    *, session: Session, matter_ids: Sequence[int] | None, skip_matters: Sequence[str] = ()
) -> list[Any]:
    """Stored deadlines a recompute manages (not superseded, not records requests'), by id;
    none of the matters whose status is in ``skip_matters``.

    ``(matter_id, id, version, key, rule_id, title, due, safe_target, trigger_date, citation,
    confidence, status, manual, trail, adjusted_due)`` as the driver gives them: the trail as
    JSON text (SQLite) or a list (psycopg decodes JSON columns itself), the dates as ISO text
    (SQLite) or dates, ``manual`` as 0/1 (SQLite) or a bool. Converting every row's values
    would cost a third of the read; a recompute converts the few rows it reports.
    """
    query = (
        select(
            _D.matter_id,
            _D.id,
            _D.version,
            _D.key,
            _D.rule_id,
            _D.title,
            type_coerce(_D.due, String),
            type_coerce(_D.safe_target, String),
            type_coerce(_D.trigger_date, String),
            _D.citation,
            _D.confidence,
            _D.status,
            type_coerce(_D.manual, Integer),
            type_coerce(_D.trail, String),
            type_coerce(_D.adjusted_due, String),
        )
        .where(_D.status != "superseded")
        .where(_D.records_request_id.is_(None))
        .where(_only(_D.matter_id, matter_ids))
        .order_by(_D.id)
    )
    if skip_matters:
        m = Matter.__table__.c  # type: ignore[attr-defined]
        query = query.join_from(Deadline.__table__, Matter.__table__, m.id == _D.matter_id).where(  # type: ignore[attr-defined]
            m.status.not_in(list(skip_matters))
        )
    return list(session.connection().execute(query).all())


def matters_to_refresh(*, session: Session) -> list[int]:
    """Ids of the matters with no computed deadline of their own (manual and records request
    deadlines do not count), by id."""
    has_computed = (
        exists()
        .where(col(Deadline.matter_id) == col(Matter.id))
        .where(col(Deadline.manual).is_(False))
        .where(col(Deadline.records_request_id).is_(None))
    )
    query = select(col(Matter.id)).where(~has_computed).order_by(col(Matter.id))
    return [i for i in session.scalars(query) if i is not None]


def insert_deadlines(
    *,
    session: Session,
    templates: Sequence[Mapping[str, Any]],
    varying: Sequence[str],
    rows: Iterable[tuple[int, Sequence[Any]]],
) -> int:
    """Insert computed deadlines with one executemany, bypassing the ORM (not audited, as a
    bulk insert of computed rows never was). Returns how many rows were inserted.

    Args:
        session: The session.
        templates: Row values shared by many rows (one per deadline of a shared plan); every
            template has the same columns.
        varying: The columns each row sets itself (the matter, key, title, party).
        rows: ``(template index, values of varying)`` per row.

    Each template is converted for the database once; a row is its template's converted
    values with its own varying values, sent with the driver's own parameters.
    """
    if not templates:
        return 0
    conn = session.connection()
    table = Deadline.__table__  # type: ignore[attr-defined]
    compiled = insert(table).compile(dialect=conn.dialect, column_keys=list(templates[0]))
    order = list(compiled.positiontup or compiled.params)
    # Each column's conversion and default, looked up once (not once per template value).
    columns = [
        (n, table.c[n].type._cached_bind_processor(conn.dialect), _default(table.c[n]))
        for n in order
    ]
    base = [
        [
            raw if convert is None or raw is None else convert(raw)
            for n, convert, default in columns
            for raw in (t.get(n, default),)
        ]
        for t in templates
    ]
    at = [order.index(n) for n in varying]
    if any(columns[i][1] is not None for i in at):
        raise ValueError("the varying columns are sent as they are (ids and text)")
    params: list[Any] = []
    positional = bool(compiled.positiontup)
    for index, values in rows:
        row = base[index].copy()
        for i, v in zip(at, values, strict=True):
            row[i] = v
        params.append(tuple(row) if positional else dict(zip(order, row, strict=True)))
    if params:
        conn.exec_driver_sql(compiled.string, params)
    return len(params)


def _default(column: Any) -> Any:
    """A column's Python-side default (called once for a bulk insert when it is a function)."""
    default = column.default
    if default is None:
        return None
    if default.is_callable:
        return default.arg(None)
    return default.arg


def deadline(*, session: Session, deadline_id: int | None) -> Deadline:
    """The stored deadline ``deadline_id``; NotFound when there is none."""
    row = session.get(Deadline, deadline_id) if deadline_id is not None else None
    if row is None:
        raise NotFound(f"no deadline {deadline_id} (see casekit deadlines list)")
    return row


def deadline_rows(
    *,
    session: Session,
    matter_id: int | None = None,
    status: str | None = None,
    until: date | None = None,
    deadline_id: int | None = None,
) -> list[Any]:
    """``(Deadline, matter number, client name)`` by safe target, due date and matter number."""
    query = (
        select(Deadline, col(Matter.number), col(Client.name))
        .join(Matter, col(Matter.id) == col(Deadline.matter_id))
        .join(Client, col(Client.id) == col(Matter.client_id))
        .order_by(col(Deadline.safe_target), col(Deadline.due), col(Matter.number))
    )
    if matter_id is not None:
        query = query.where(col(Deadline.matter_id) == matter_id)
    if deadline_id is not None:
        query = query.where(col(Deadline.id) == deadline_id)
    if status is not None:
        query = query.where(col(Deadline.status) == status)
    if until is not None:
        query = query.where(col(Deadline.safe_target) <= until)
    return list(session.execute(query).all())


def add(*, session: Session, row: Any) -> Any:
    """Add ``row`` (any table) and flush it, so that it has its id."""
    session.add(row)
    session.flush()
    return row


def delete(*, session: Session, row: Any) -> None:
    """Delete ``row`` (any table) and flush."""
    session.delete(row)
    session.flush()


def add_deadline(*, session: Session, values: Mapping[str, Any]) -> Deadline:
    """Add a deadline through the ORM, so the audit log records it (flushed with the rest)."""
    row = Deadline(**values)
    session.add(row)
    return row
