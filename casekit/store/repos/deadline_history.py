"""The SQL of a matter's deadline history: closing and reopening a matter, out-of-date
markers, tolling and extensions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import Session, col

from casekit.store.models import Deadline, DeadlineAdjustment, Note, RecomputeMarker

__all__ = [
    "Session",
    "add_adjustment",
    "add_note",
    "adjustments",
    "last_open_marker",
    "matter_deadlines",
    "new_marker",
    "open_markers",
]


def matter_deadlines(
    *, session: Session, matter_id: int, closed_with_matter: bool
) -> list[Deadline]:
    """A matter's open deadlines, or (``closed_with_matter``) those closed with it, by safe
    target."""
    query = select(Deadline).where(col(Deadline.matter_id) == matter_id)
    if closed_with_matter:
        query = query.where(col(Deadline.status) == "superseded").where(
            col(Deadline.closed_with_matter).is_(True)
        )
    else:
        query = query.where(col(Deadline.status) == "open")
    return list(session.scalars(query.order_by(col(Deadline.safe_target), col(Deadline.id))))


def add_note(*, session: Session, matter_id: int, author: str, body: str) -> None:
    """Add a note to a matter (flushed with the rest of the transaction)."""
    session.add(Note(matter_id=matter_id, author=author, body=body))


# --- out-of-date markers ------------------------------------------------------------------------


def open_markers(*, session: Session, matter_id: int) -> list[RecomputeMarker]:
    """A matter's open (unresolved) out-of-date markers, oldest first."""
    query = (
        select(RecomputeMarker)
        .where(col(RecomputeMarker.matter_id) == matter_id)
        .where(col(RecomputeMarker.resolution) == "")
        .order_by(col(RecomputeMarker.id))
    )
    return list(session.scalars(query).all())


def new_marker(*, matter_id: int, cause: str, changed_on: date) -> RecomputeMarker:
    """A new out-of-date marker (for the caller to fill in and add)."""
    return RecomputeMarker(matter_id=matter_id, cause=cause, changed_on=changed_on)


def last_open_marker(*, conn: Connection, matter_id: int) -> Any:
    """A matter's latest open marker as a Core row, read through ``conn`` (or None)."""
    t = RecomputeMarker.__table__  # type: ignore[attr-defined]
    query = (
        select(t)
        .where(t.c.matter_id == matter_id)
        .where(t.c.resolution == "")
        .order_by(t.c.id.desc())
        .limit(1)
    )
    return conn.execute(query).first()


# --- tolling and extensions ---------------------------------------------------------------------


def add_adjustment(*, session: Session, values: Mapping[str, Any]) -> DeadlineAdjustment:
    """Record a tolling or an extension (flushed with the rest of the transaction)."""
    row = DeadlineAdjustment(**values)
    session.add(row)
    return row


def adjustments(*, session: Session, deadline_id: int) -> list[DeadlineAdjustment]:
    """A deadline's tolling and extensions, oldest first."""
    query = (
        select(DeadlineAdjustment)
        .where(col(DeadlineAdjustment.deadline_id) == deadline_id)
        .order_by(col(DeadlineAdjustment.id))
    )
    return list(session.scalars(query).all())
