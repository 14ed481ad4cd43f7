"""The demo's queries: bulk inserts of generated rows, and the few reads and updates around them.

``casekit demo`` writes thousands of rows at once, so it inserts with Core ``executemany``
(:func:`bulk_insert`) rather than one ORM object at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlmodel import Session, col

from casekit.store.models import (
    Agency,
    Client,
    Deadline,
    Incident,
    Matter,
    Setting,
    Town,
)

__all__ = [
    "Session",
    "bulk_insert",
    "close_past_deadlines",
    "count_rows",
    "has_cases",
    "open_matter_incidents",
    "reference_places",
    "set_claims",
    "setting_keys",
]


def bulk_insert(*, session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with Core executemany; the new ids, in the order of ``rows``.

    Core on the table, not the ORM entity: ORM bulk inserts split rows into groups wherever a
    value switches between None and not-None, and splicing the RETURNING results of thousands
    of groups is quadratic.
    """
    if not rows:
        return []
    table = model.__table__
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return list(result.scalars())


def has_cases(*, session: Session) -> bool:
    """Whether any matter or client is stored."""
    return bool(
        session.scalar(select(func.count()).select_from(Matter))
        or session.scalar(select(func.count()).select_from(Client))
    )


def count_rows(*, conn: Connection, models: Sequence[Any]) -> list[int]:
    """How many rows each of ``models``' tables holds."""
    return [
        int(conn.execute(select(func.count()).select_from(model)).scalar() or 0) for model in models
    ]


def reference_places(*, session: Session) -> tuple[dict[int | None, Town], list[Agency]]:
    """The towns (by id) and the agencies, each by name."""
    towns = {t.id: t for t in session.scalars(select(Town).order_by(col(Town.name)))}
    agencies = list(session.scalars(select(Agency).order_by(col(Agency.name))))
    return towns, agencies


def setting_keys(*, session: Session) -> set[str]:
    """The keys of every stored setting."""
    return set(session.scalars(select(col(Setting.key))))


def set_claims(*, session: Session, matter_ids: Sequence[int], claims: list[str]) -> None:
    """Set the selected claims of these matters (Core: one UPDATE)."""
    session.execute(update(Matter).where(col(Matter.id).in_(matter_ids)).values(claims=claims))


def close_past_deadlines(*, session: Session, today: date, keep_every: int, reason: str) -> None:
    """Mark open deadlines whose safe target is past done, except every ``keep_every``-th."""
    session.execute(
        update(Deadline)
        .where(
            col(Deadline.status) == "open",
            col(Deadline.safe_target) < today,
            col(Deadline.id) % keep_every != 0,
        )
        .values(
            status="done",
            status_reason=reason,
            changed_by="demo",
            completed_on=col(Deadline.safe_target),
        )
    )


def open_matter_incidents(*, session: Session) -> list[tuple[int, date]]:
    """(matter id, incident date) of every open matter's incidents, by matter number."""
    rows = session.execute(
        select(col(Matter.id), col(Incident.occurred_on))
        .join(Incident, col(Incident.matter_id) == col(Matter.id))
        .where(col(Matter.status).in_(("intake", "screening", "active")))
        .order_by(col(Matter.number), col(Incident.id))
    ).all()
    return [(int(m), d) for m, d in rows]
