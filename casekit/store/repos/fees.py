"""The SQL of attorney's fees: timekeepers, rates, time entries, timers, costs and fee petitions.

Every function takes the session as the keyword-only ``session`` argument and leaves the
transaction to its caller (:mod:`casekit.services.fees`). Rows come back as model objects or
plain values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Literal

from sqlalchemy import false, func, insert, select, update
from sqlmodel import Session, col

from casekit.store.models import (
    Cost,
    Evidence,
    FeePetition,
    FeePetitionItem,
    Matter,
    Rate,
    ResolutionEvent,
    TimeEntry,
    Timer,
    User,
)
from casekit.store.repos.documents import defendants

__all__ = [
    "Session",
    "attorney_ids",
    "bulk_insert",
    "costs_of",
    "defendant_names",
    "entries_with_users",
    "evidence_sha256",
    "find_petition",
    "insert_paralegal",
    "insert_petition_items",
    "last_petition_number",
    "lock_for_correction",
    "matter_costs",
    "matter_entries",
    "matter_rows",
    "petition_item_counts",
    "petition_items",
    "petition_numbers",
    "petitions_of",
    "rate_from",
    "rates_of",
    "rates_with_users",
    "reversal_of",
    "set_outcomes",
    "take_write_lock",
    "timer_of_user",
    "timers",
    "user_names",
    "users",
    "users_in_roles",
]

#: A record a fee petition can include: a time entry or a cost.
Record = Literal["time_entry", "cost"]
_CHUNK = 500


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name != "sqlite"


# --- users and rates ----------------------------------------------------------------------------


def users(*, session: Session) -> list[User]:
    """Every user (timekeepers and admins), in storage order."""
    return list(session.scalars(select(User)).all())


def users_in_roles(*, session: Session, roles: Sequence[str]) -> list[User]:
    """The users whose role is one of ``roles``, in storage order."""
    return [u for u in users(session=session) if u.role in roles]


def user_names(*, session: Session) -> list[str]:
    return list(session.scalars(select(col(User.name))).all())


def rates_of(*, session: Session, user_ids: Iterable[int]) -> list[Rate]:
    """Every rate of these users."""
    wanted = sorted(set(user_ids))
    if not wanted:
        return []
    return list(session.scalars(select(Rate).where(col(Rate.user_id).in_(wanted))).all())


def rate_from(*, session: Session, user_id: int, effective_from: date) -> Rate | None:
    """The user's rate starting on ``effective_from``, if any."""
    return session.scalars(
        select(Rate).where(col(Rate.user_id) == user_id, col(Rate.effective_from) == effective_from)
    ).first()


def rates_with_users(*, session: Session, user_id: int | None = None) -> list[tuple[Rate, User]]:
    """Rates with their users (all, or one user's)."""
    query = select(Rate, User).join(User, col(User.id) == col(Rate.user_id))
    if user_id is not None:
        query = query.where(col(Rate.user_id) == user_id)
    return [(r, u) for r, u in session.execute(query).all()]


# --- time entries and costs ---------------------------------------------------------------------


def entries_with_users(
    *, session: Session, matter_id: int, through: date | None, since: date | None
) -> list[tuple[TimeEntry, User]]:
    """A matter's time entries in a period with their timekeepers, by date then id."""
    query = (
        select(TimeEntry, User)
        .join(User, col(User.id) == col(TimeEntry.user_id))
        .where(col(TimeEntry.matter_id) == matter_id)
    )
    if through is not None:
        query = query.where(col(TimeEntry.worked_on) <= through)
    if since is not None:
        query = query.where(col(TimeEntry.worked_on) >= since)
    rows = session.execute(query.order_by(col(TimeEntry.worked_on), col(TimeEntry.id))).all()
    return [(e, u) for e, u in rows]


def costs_of(
    *, session: Session, matter_id: int, through: date | None, since: date | None
) -> list[Cost]:
    """A matter's costs in a period, by date then id."""
    query = select(Cost).where(col(Cost.matter_id) == matter_id)
    if through is not None:
        query = query.where(col(Cost.incurred_on) <= through)
    if since is not None:
        query = query.where(col(Cost.incurred_on) >= since)
    return list(session.scalars(query.order_by(col(Cost.incurred_on), col(Cost.id))).all())


def matter_entries(*, session: Session, matter_id: int, lock: bool = False) -> list[TimeEntry]:
    """Every time entry of a matter (``lock``: row-locked on PostgreSQL)."""
    query = select(TimeEntry).where(col(TimeEntry.matter_id) == matter_id)
    if lock and _postgres(session):
        query = query.with_for_update()
    return list(session.scalars(query).all())


def matter_costs(*, session: Session, matter_id: int, lock: bool = False) -> list[Cost]:
    """Every cost of a matter (``lock``: row-locked on PostgreSQL)."""
    query = select(Cost).where(col(Cost.matter_id) == matter_id)
    if lock and _postgres(session):
        query = query.with_for_update()
    return list(session.scalars(query).all())


def _model(record: Record) -> type[TimeEntry] | type[Cost]:
    return TimeEntry if record == "time_entry" else Cost


def lock_for_correction(*, session: Session, record: Record, record_id: int) -> None:
    """On PostgreSQL, lock the row about to be corrected (two corrections cannot race)."""
    if _postgres(session):
        model = _model(record)
        session.execute(select(col(model.id)).where(col(model.id) == record_id).with_for_update())


def reversal_of(*, session: Session, record: Record, record_id: int) -> int | None:
    """The id of the reversal that corrects this record already, if any."""
    if record == "time_entry":
        amount = col(TimeEntry.tenths)
        query = select(col(TimeEntry.id)).where(col(TimeEntry.corrects_id) == record_id)
    else:
        amount = col(Cost.cents)
        query = select(col(Cost.id)).where(col(Cost.corrects_id) == record_id)
    found = session.scalars(query.where(amount < 0)).first()
    return int(found) if found is not None else None


def petition_numbers(
    *, session: Session, record: Record, ids: Sequence[int]
) -> dict[int, tuple[int, ...]]:
    """Record id → the numbers of the fee petitions that include it (locked records only)."""
    if not ids:
        return {}
    item = col(FeePetitionItem.time_entry_id if record == "time_entry" else FeePetitionItem.cost_id)
    found: dict[int, set[int]] = {}
    for start in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(item, col(FeePetition.number))
            .join(FeePetition, col(FeePetition.id) == col(FeePetitionItem.petition_id))
            .where(item.in_(ids[start : start + _CHUNK]))
        ).all()
        for record_id, number in rows:
            found.setdefault(int(record_id), set()).add(int(number))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def evidence_sha256(*, session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Evidence id → its file's SHA-256."""
    rows = session.scalars(select(Evidence).where(col(Evidence.id).in_(list(ids)))).all()
    return {e.id: e.sha256 for e in rows if e.id is not None}


# --- timers -------------------------------------------------------------------------------------


def timer_of_user(*, session: Session, user_id: int) -> Timer | None:
    return session.scalars(select(Timer).where(col(Timer.user_id) == user_id)).first()


def timers(*, session: Session, started_by: str | None = None) -> list[Timer]:
    """Running timers, oldest first (all, or those one user started)."""
    query = select(Timer).order_by(col(Timer.started_at))
    if started_by is not None:
        query = query.where(col(Timer.started_by) == started_by)
    return list(session.scalars(query).all())


# --- fee petitions ------------------------------------------------------------------------------


def defendant_names(*, session: Session, matter_id: int) -> tuple[str, ...]:
    """The names of a matter's defendants, in the order they were added."""
    return tuple(p.name for p in defendants(session=session, matter_id=matter_id))


def petition_item_counts(*, session: Session, petition_id: int) -> tuple[int, int]:
    """How many time entries and costs a petition includes."""
    counts = session.execute(
        select(
            func.count(col(FeePetitionItem.time_entry_id)), func.count(col(FeePetitionItem.cost_id))
        ).where(col(FeePetitionItem.petition_id) == petition_id)
    ).one()
    return int(counts[0]), int(counts[1])


def find_petition(*, session: Session, matter_id: int, number: int) -> FeePetition | None:
    return session.scalars(
        select(FeePetition).where(
            col(FeePetition.matter_id) == matter_id, col(FeePetition.number) == number
        )
    ).first()


def petition_items(*, session: Session, petition_id: int | None) -> list[FeePetitionItem]:
    return list(
        session.scalars(
            select(FeePetitionItem).where(col(FeePetitionItem.petition_id) == petition_id)
        ).all()
    )


def petitions_of(*, session: Session, matter_id: int | None) -> list[FeePetition]:
    """A matter's petitions by number."""
    return list(
        session.scalars(
            select(FeePetition)
            .where(col(FeePetition.matter_id) == matter_id)
            .order_by(col(FeePetition.number))
        ).all()
    )


def last_petition_number(*, session: Session, matter_id: int) -> int:
    """The highest petition number of a matter (0 when none was issued)."""
    last = session.scalar(
        select(func.max(col(FeePetition.number))).where(col(FeePetition.matter_id) == matter_id)
    )
    return int(last or 0)


def take_write_lock(*, session: Session) -> None:
    """On SQLite, take the write lock before reading: nobody changes an entry between the read
    and the lock (the same trick as ``repo.add_numbered_matter``)."""
    if not _postgres(session):
        session.execute(
            update(TimeEntry.__table__)  # type: ignore[attr-defined]
            .where(false())
            .values(tenths=col(TimeEntry.tenths))
        )


def insert_petition_items(*, session: Session, items: list[dict[str, Any]]) -> None:
    """Append the items of a petition (append-only rows; the petition row is audited)."""
    session.execute(insert(FeePetitionItem.__table__), items)  # type: ignore[attr-defined]


# --- the demo (bulk inserts, not audited, by design) --------------------------------------------


def attorney_ids(*, session: Session) -> list[int]:
    return list(
        session.execute(
            select(col(User.id)).where(col(User.role) == "attorney").order_by(col(User.id))
        )
        .scalars()
        .all()
    )


def insert_paralegal(*, session: Session, name: str) -> int:
    """Insert a paralegal with a bulk insert; its id."""
    return int(
        session.execute(
            insert(User.__table__).returning(User.__table__.c.id),  # type: ignore[attr-defined]
            [{"name": name, "role": "paralegal", "juris_number": "", "email": "", "phone": ""}],
        ).scalar_one()
    )


_BULK = {"rate": Rate, "time_entry": TimeEntry, "cost": Cost, "resolution": ResolutionEvent}


def bulk_insert(
    *,
    session: Session,
    table: Literal["rate", "time_entry", "cost", "resolution"],
    rows: list[dict[str, Any]],
) -> None:
    """Insert plain rows into one of the fee tables (nothing when ``rows`` is empty)."""
    if rows:
        session.execute(insert(_BULK[table].__table__), rows)  # type: ignore[attr-defined]


def matter_rows(*, session: Session) -> list[Any]:
    """Every matter's id, status, opening date and attorney, by id."""
    return list(
        session.execute(
            select(
                col(Matter.id), col(Matter.status), col(Matter.opened_on), col(Matter.attorney_id)
            ).order_by(col(Matter.id))
        ).all()
    )


def set_outcomes(*, session: Session, matter_ids: list[int], outcome: str) -> None:
    """Record ``outcome`` on these matters (a bulk update)."""
    session.execute(
        update(Matter.__table__)  # type: ignore[attr-defined]
        .where(Matter.__table__.c.id.in_(matter_ids))  # type: ignore[attr-defined]
        .values(outcome=outcome)
    )
