"""The SQL of opening and changing a matter: the matter row with its number, its incident, the
suggested defendant, custody times at intake, the matters list and the responsible attorney.

(The case-file reads of the screens live in :mod:`casekit.store.repos.matters`.) Functions take
the caller's ORM session as the keyword-only ``session`` and return model objects or rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select
from sqlmodel import Session, col

from casekit.domain.text import fold
from casekit.store import repo
from casekit.store.models import (
    Agency,
    Client,
    CustodyEvent,
    Incident,
    Matter,
    Party,
    Town,
    User,
)

__all__ = [
    "Connection",
    "Session",
    "add_custody_events",
    "add_incident",
    "add_matter_row",
    "add_party",
    "agency_town",
    "matter_summaries",
    "search_text",
    "set_attorney",
    "user_by_id",
]


def search_text(*parts: str) -> str:
    """The folded text the matter search looks in (client name, number, town, agency)."""
    return fold(" ".join(parts))


def add_matter_row(
    *, session: Session, year: int, values: dict[str, Any], search_parts: tuple[str, str, str]
) -> Matter:
    """A new matter with the year's next number; ``search_parts`` are the client's name, the
    town and the agency (the number goes between the name and the town in its search text)."""
    name, town, agency = search_parts

    def build(number: str) -> Matter:
        return Matter(number=number, search_text=search_text(name, number, town, agency), **values)

    return repo.add_numbered_matter(session=session, year=year, build=build)


def add_incident(*, session: Session, values: dict[str, Any]) -> Incident:
    """Add an incident (flushed with the matter's other rows)."""
    row = Incident(**values)
    session.add(row)
    return row


def add_party(*, session: Session, values: dict[str, Any]) -> Party:
    """Add a party; its ``name_key`` is the folded name."""
    row = Party(name_key=fold(values["name"]), **values)
    session.add(row)
    return row


def add_custody_events(
    *, session: Session, matter_id: int, events: Sequence[tuple[str, datetime]]
) -> None:
    """Add custody events (kind, aware UTC time) and flush."""
    for kind, at in events:
        session.add(CustodyEvent(matter_id=matter_id, kind=kind, at=at))
    session.flush()


def agency_town(*, session: Session, agency: Agency) -> Town | None:
    """The town an agency is based in, if the registry says."""
    return session.get(Town, agency.town_id) if agency.town_id is not None else None


def user_by_id(*, session: Session, user_id: int | None) -> User | None:
    return session.get(User, user_id) if user_id is not None else None


def set_attorney(
    *, session: Session, matter: Matter, attorney_id: int | None, at: datetime
) -> None:
    """Make ``attorney_id`` responsible for the matter (flushed)."""
    matter.attorney_id = attorney_id
    matter.updated_at = at
    session.add(matter)
    session.flush()


def matter_summaries(
    *, session: Connection, status: str | None, limit: int | None, offset: int
) -> Sequence[Row[Any]]:
    """Matters by number with client, status and first incident (one Core query)."""
    first_incident = (
        select(func.min(col(Incident.id)))
        .where(col(Incident.matter_id) == col(Matter.id))
        .correlate(Matter)
        .scalar_subquery()
    )
    query: Any = (
        select(
            col(Matter.number),
            col(Client.name).label("client"),
            col(Matter.status),
            col(Incident.occurred_on),
            col(Town.name).label("town"),
            col(Agency.name).label("agency"),
            col(User.name).label("attorney"),
            col(Matter.opened_on),
        )
        .join(Client, col(Client.id) == col(Matter.client_id))
        .outerjoin(Incident, col(Incident.id) == first_incident)
        .outerjoin(Town, col(Town.id) == col(Incident.town_id))
        .outerjoin(Agency, col(Agency.id) == col(Incident.agency_id))
        .outerjoin(User, col(User.id) == col(Matter.attorney_id))
        .order_by(col(Matter.number))
    )
    if status:
        query = query.where(col(Matter.status) == status)
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return session.execute(query).all()
