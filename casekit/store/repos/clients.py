"""The SQL of clients: the client list, a client's matter numbers, the conflict check's look-ups.

Functions take the caller's session (or, for the reads that need no unit of work, a connection
from ``engine.connect()``) as the keyword-only ``session`` and return rows or plain values.
Sealed fields stay sealed here: dates of birth are compared by blind index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, or_, select
from sqlmodel import Session, col

from casekit.store import sealed
from casekit.store.crypto import Cipher
from casekit.store.models import Agency, Client, ConflictCheck, Incident, Matter, Party, Town
from casekit.store.repo import name_prefilter

__all__ = [
    "Connection",
    "Session",
    "agency_names",
    "client_name_rows",
    "client_page",
    "clients_by_birth_index",
    "clients_by_phone_tail",
    "conflict_checks",
    "insert_client",
    "matter_numbers",
    "matter_numbers_of",
    "matters_with_places",
    "party_name_rows",
]


def client_page(*, session: Connection, limit: int | None, offset: int) -> Sequence[Any]:
    """Clients by name (no sensitive column), ``limit``/``offset`` applied."""
    c = Client.__table__.c  # type: ignore[attr-defined]
    query = select(
        c.id, c.name, c.preferred_name, c.preferred_language, c.phone, c.phone_safe, c.email,
        c.email_safe, c.address, c.address_safe,
    ).order_by(c.name_key, c.id)  # fmt: skip
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return session.execute(query).all()


def matter_numbers_of(
    *, session: Connection, client_ids: Iterable[int] | None
) -> dict[int, list[str]]:
    """Client id → its matter numbers in order (every client's when ``client_ids`` is None)."""
    m = Matter.__table__.c  # type: ignore[attr-defined]
    query = select(m.client_id, m.number).order_by(m.number)
    if client_ids is not None:
        query = query.where(m.client_id.in_(list(client_ids)))
    numbers: dict[int, list[str]] = {}
    for client_id, number in session.execute(query):
        numbers.setdefault(client_id, []).append(number)
    return numbers


def matter_numbers(*, session: Session, client_id: int | None) -> tuple[str, ...]:
    """The client's matter numbers, in order."""
    return tuple(
        session.scalars(
            select(col(Matter.number))
            .where(col(Matter.client_id) == client_id)
            .order_by(col(Matter.number))
        )
    )


def insert_client(*, session: Session, values: dict[str, Any]) -> Client:
    """Insert a client (plaintext in: the session seals the sensitive fields before the INSERT)."""
    client = Client(**values)
    session.add(client)
    session.flush()
    return client


def matters_with_places(
    *, session: Session, client_id: int | None
) -> list[tuple[Matter, str, str]]:
    """(matter, town name, agency name) of each incident of the client's matters."""
    return [
        (row[0], row[1], row[2])
        for row in session.execute(
            select(Matter, col(Town.name), col(Agency.name))
            .join(Incident, col(Incident.matter_id) == col(Matter.id))
            .join(Town, col(Town.id) == col(Incident.town_id))
            .join(Agency, col(Agency.id) == col(Incident.agency_id))
            .where(col(Matter.client_id) == client_id)
        ).all()
    ]


# --- the conflict check -------------------------------------------------------------------------


def client_name_rows(*, session: Connection, words: Sequence[str]) -> Sequence[Any]:
    """(id, name, preferred_name, number) of the clients whose names could match ``words``."""
    return session.execute(
        select(col(Client.id), col(Client.name), col(Client.preferred_name), col(Matter.number))
        .outerjoin(Matter, col(Matter.client_id) == col(Client.id))
        .where(
            name_prefilter(
                [col(Client.name_key), func.lower(col(Client.preferred_name))],
                list(words),
                col(Client.name_phonetic),
            )
        )
    ).all()


def party_name_rows(*, session: Connection, words: Sequence[str]) -> Sequence[Any]:
    """(name, role, number) of the parties whose names could match ``words``."""
    return session.execute(
        select(col(Party.name), col(Party.role), col(Matter.number))
        .join(Matter, col(Matter.id) == col(Party.matter_id))
        # Rows written without a name_key (older or hand-made) are ranked too.
        .where(
            or_(
                name_prefilter([col(Party.name_key)], list(words), col(Party.name_phonetic)),
                col(Party.name_key) == "",
            )
        )
    ).all()


def agency_names(*, session: Connection) -> list[str]:
    """Every agency's name."""
    return [row[0] for row in session.execute(select(col(Agency.name))).all()]


def clients_by_phone_tail(*, session: Connection, tail: str) -> list[tuple[int, str, str, str]]:
    """(id, name, preferred name, phone) of the clients whose phone contains ``tail``."""
    rows = session.execute(
        select(
            col(Client.id), col(Client.name), col(Client.preferred_name), col(Client.phone)
        ).where(col(Client.phone).like(f"%{tail}%"))
    ).all()
    return [(int(r[0] or 0), r[1], r[2], r[3]) for r in rows]


def clients_by_birth_index(
    *, session: Connection, cipher: Cipher, born: date
) -> list[tuple[int, str, str]]:
    """(id, name, preferred name) of the clients born on ``born`` (by blind index)."""
    index = sealed.date_of_birth_index(cipher, born)
    rows = session.execute(
        select(col(Client.id), col(Client.name), col(Client.preferred_name)).where(
            col(Client.date_of_birth_bidx) == index
        )
    ).all()
    return [(int(r[0] or 0), r[1], r[2]) for r in rows]


def conflict_checks(*, session: Session, matter_id: int | None) -> Sequence[ConflictCheck]:
    """The conflict log of a matter, oldest first (sealed columns still sealed)."""
    return session.scalars(
        select(ConflictCheck)
        .where(col(ConflictCheck.matter_id) == matter_id)
        .order_by(col(ConflictCheck.id))
    ).all()
