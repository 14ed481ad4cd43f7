"""The SQL of the matters list (:mod:`casekit.services.casefile.matter_list`) and of the dashboard
on PostgreSQL: reads on a plain connection (:func:`casekit.store.repos.matters.reading`), rows with
named columns, every table the model's own ``__table__``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, bindparam, func, literal, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from casekit.store.models import (
    Agency,
    Client,
    CourtClosure,
    Deadline,
    Incident,
    Matter,
    Town,
    User,
)
from casekit.store.repos.matters import Record, table_of
from casekit.store.search import search_matter_ids

if TYPE_CHECKING:
    from sqlalchemy import Select

__all__ = [
    "FILTERS",
    "NotSetUp",
    "closures",
    "count_matters",
    "matter_page",
    "reference_lists",
    "run_text",
    "search_ids",
]

_t = table_of

# --- the matters list -----------------------------------------------------------------------------

#: The filters a page of matters takes, in the order its statements are cached by.
FILTERS = ("status", "attorney", "town", "agency", "ids")


def search_ids(*, session: Connection, text: str, limit: int, offset: int = 0) -> list[int]:
    """Ids of matters matching the folded ``text``, newest first (the store's search index)."""

    with OrmSession(bind=session) as orm:
        return search_matter_ids(orm, text, limit=limit, offset=offset)


@cache
def _matter_statements(used: tuple[str, ...]) -> tuple[Select[Any], Select[Any]]:
    """The count and page statements for one combination of filters, built once.

    Every value is a bound parameter (``ids`` an expanding one), so each keystroke reuses the
    statement and SQLAlchemy's compiled form instead of building and compiling them again.
    """
    m, c, u, i = _t(Matter), _t(Client), _t(User), _t(Incident)
    t, a, d = _t(Town), _t(Agency), _t(Deadline)
    conditions: dict[str, Callable[[], ColumnElement[bool]]] = {
        "status": lambda: m.c.status == bindparam("status"),
        "attorney": lambda: m.c.attorney_id == bindparam("attorney"),
        "town": lambda: m.c.id.in_(select(i.c.matter_id).where(i.c.town_id == bindparam("town"))),
        "agency": lambda: m.c.id.in_(
            select(i.c.matter_id).where(i.c.agency_id == bindparam("agency"))
        ),
        "ids": lambda: m.c.id.in_(bindparam("ids", expanding=True)),
    }
    where = [conditions[name]() for name in used]
    count = select(func.count()).select_from(m).where(*where)
    first_incident = (
        select(i.c.id)
        .where(i.c.matter_id == m.c.id)
        .order_by(i.c.occurred_on, i.c.id)
        .limit(1)
        .scalar_subquery()
    )
    next_due = (
        select(func.min(d.c.due))
        # "|| ''" keeps SQLite on the (matter_id, status) index (see services/dashboard.py).
        .where(d.c.matter_id == m.c.id, (d.c.status + literal("")) == "open")
        .scalar_subquery()
    )
    page = (
        select(
            m.c.id,
            m.c.number,
            c.c.name.label("client"),
            m.c.status,
            u.c.name.label("attorney"),
            m.c.attorney_id,
            first_incident.label("incident_id"),
            next_due.label("next_due"),
        )
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(*where)
        .order_by(m.c.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery()
    )
    rows = (
        select(page, i.c.occurred_on, t.c.name.label("town"), a.c.name.label("agency"))
        .outerjoin(i, i.c.id == page.c.incident_id)
        .outerjoin(t, t.c.id == i.c.town_id)
        .outerjoin(a, a.c.id == i.c.agency_id)
        .order_by(page.c.id.desc())
    )
    return count, rows


def _used(params: dict[str, Any]) -> tuple[str, ...]:
    return tuple(name for name in FILTERS if name in params)


def count_matters(*, session: Connection, params: dict[str, Any]) -> int:
    """How many matters match the filters ``params`` (``FILTERS``' names)."""
    statement, _ = _matter_statements(_used(params))
    return int(session.execute(statement, params).scalar() or 0)


def matter_page(
    *, session: Connection, params: dict[str, Any], limit: int, offset: int = 0
) -> Sequence[Record]:
    """One page of the matters matching ``params``, newest first: ``id``, ``number``,
    ``client``, ``status``, ``attorney``, ``occurred_on``, ``town``, ``agency``, ``next_due``."""
    _, statement = _matter_statements(_used(params))
    return session.execute(statement, {**params, "limit": limit, "offset": offset}).all()


def reference_lists(
    *, session: Connection
) -> tuple[Sequence[Record], Sequence[Record], Sequence[Record]]:
    """The active attorneys (``id``, ``name``), the towns (``id``, ``name``) and the agencies
    (``id``, ``name``, ``kind``, ``town``, ``employer``), each by name."""
    u, t, a = _t(User), _t(Town), _t(Agency)
    attorneys = session.execute(
        select(u.c.id, u.c.name).where(u.c.active.is_(True)).order_by(u.c.name)
    ).all()
    towns = session.execute(select(t.c.id, t.c.name).order_by(t.c.name)).all()
    agencies = session.execute(
        select(a.c.id, a.c.name, a.c.kind, t.c.name.label("town"), a.c.employer)
        .outerjoin(t, t.c.id == a.c.town_id)
        .order_by(a.c.name)
    ).all()
    return attorneys, towns, agencies


def closures(*, session: Connection) -> Sequence[Record]:
    """The court closures recorded (``closed_on``, ``reason``), by date."""
    c = _t(CourtClosure)
    return session.execute(select(c.c.closed_on, c.c.reason).order_by(c.c.closed_on)).all()


# --- the dashboard on PostgreSQL ------------------------------------------------------------------

#: The database is missing casekit's tables (or is not there): what a plain-SQL read may raise.
NotSetUp = DBAPIError


def run_text(*, session: Connection, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run one of :mod:`casekit.services.dashboard`'s fixed plain-SQL statements (bound values)."""
    return [tuple(r) for r in session.execute(text(sql), params).all()]
