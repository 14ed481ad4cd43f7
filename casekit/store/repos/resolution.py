"""The resolution log's SQL: entries, the matter's parties, and running timers."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from casekit.store.models import Matter, Party, ResolutionEvent, Timer
from casekit.store.repos.rows import row_by_id

__all__ = [
    "Matter",
    "ResolutionEvent",
    "Session",
    "add_event",
    "delete",
    "event",
    "events",
    "matter",
    "parties",
    "party_name",
    "timer_running",
]


def add_event(*, session: Session, values: dict[str, Any]) -> ResolutionEvent:
    """Record an entry (flushed, so that it has its id)."""
    row = ResolutionEvent(**values)
    session.add(row)
    session.flush()
    return row


def event(*, session: Session, event_id: int) -> ResolutionEvent:
    """The entry ``event_id``; NotFound when there is none."""
    missing = f"no resolution entry #{event_id} (see casekit resolution list MATTER)"
    return row_by_id(session, ResolutionEvent, event_id, missing)


def events(*, session: Session, matter_id: int | None) -> list[ResolutionEvent]:
    """A matter's entries, oldest first."""
    query = (
        select(ResolutionEvent)
        .where(col(ResolutionEvent.matter_id) == matter_id)
        .order_by(col(ResolutionEvent.dated), col(ResolutionEvent.id))
    )
    return list(session.scalars(query).all())


def delete(*, session: Session, row: ResolutionEvent) -> None:
    """Delete an entry (the audit log keeps it) and flush."""
    session.delete(row)
    session.flush()


def matter(*, session: Session, matter_id: int) -> Matter:
    """The matter with id ``matter_id``; NotFound when there is none."""
    return row_by_id(session, Matter, matter_id, f"no matter with id {matter_id}")


def parties(*, session: Session, matter_id: int | None) -> list[Party]:
    """A matter's parties."""
    return list(session.scalars(select(Party).where(col(Party.matter_id) == matter_id)).all())


def party_name(*, session: Session, party_id: int | None) -> str:
    """A party's name ("" for none)."""
    party = session.get(Party, party_id) if party_id is not None else None
    return party.name if party is not None else ""


def timer_running(*, session: Session, matter_id: int | None) -> bool:
    """Whether a timer is running on the matter."""
    query = select(col(Timer.id)).where(col(Timer.matter_id) == matter_id)
    return session.scalars(query).first() is not None
