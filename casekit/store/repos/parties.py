"""The SQL of a matter's parties (``casekit.services.casefile.parties``): caller's session."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlmodel import Session, col

from casekit.errors import NotFound
from casekit.store.models import Agency, Deadline, Matter, Party, Town
from casekit.store.repos.rows import row_by_id

__all__ = [
    "Session",
    "deadlines_of",
    "duplicate_of",
    "matter_of",
    "municipal_employers",
    "parties_of",
    "party",
    "places_of",
    "town",
]


def party(*, session: Session, party_id: int) -> Party:
    """The party with this id, or ``NotFound``."""
    return row_by_id(session, Party, party_id, f"no party with id {party_id}")


def matter_of(*, session: Session, party: Party) -> Matter:
    """The matter a party belongs to (a foreign key: always there)."""
    matter = session.get(Matter, party.matter_id)
    if matter is None or matter.id is None:  # pragma: no cover - a foreign key
        raise NotFound(f"party {party.id} has no matter")
    return matter


def parties_of(*, session: Session, matter_id: int) -> Sequence[Party]:
    """The matter's parties, by id."""
    return session.scalars(
        select(Party).where(col(Party.matter_id) == matter_id).order_by(col(Party.id))
    ).all()


def deadlines_of(*, session: Session, party_id: int) -> Sequence[Deadline]:
    """The deadlines computed for a party."""
    return session.scalars(select(Deadline).where(col(Deadline.party_id) == party_id)).all()


def places_of(*, session: Session, party: Party) -> tuple[Agency | None, Town | None]:
    """The agency and the town a party is linked to (either may be None)."""
    unit = session.get(Agency, party.agency_id) if party.agency_id is not None else None
    place = session.get(Town, party.town_id) if party.town_id is not None else None
    return unit, place


def town(*, session: Session, town_id: int | None) -> Town | None:
    """The town with this id, or None (no id, or none such)."""
    return session.get(Town, town_id) if town_id is not None else None


def municipal_employers(*, session: Session, town_id: int, names: Iterable[str]) -> set[str]:
    """Which of ``names`` the town's municipal police give as their employer."""
    return set(
        session.scalars(
            select(col(Agency.employer))
            .where(col(Agency.town_id) == town_id)
            .where(col(Agency.kind) == "municipal_police")
            .where(col(Agency.employer).in_(list(names)))
        )
    )


def duplicate_of(
    *, session: Session, matter_id: int, role: str, name_key: str, capacity: str
) -> int | None:
    """The id of a party of the matter with the same role, folded name and capacity, or None."""
    return session.scalars(
        select(col(Party.id))
        .where(col(Party.matter_id) == matter_id)
        .where(col(Party.role) == role)
        .where(col(Party.name_key) == name_key)
        .where(col(Party.capacity) == capacity)
    ).first()
