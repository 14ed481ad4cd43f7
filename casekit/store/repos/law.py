"""The law check's SQL: open matters, the law versions on their deadlines, and the stamp."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlmodel import Session, col

from casekit.store.models import Deadline, Matter

__all__ = ["Session", "deadline_versions", "open_matters", "stamp_version"]

#: Above this many matters, the versions of every matter are read (one scan).
BULK = 500


def open_matters(*, session: Session, closed: Sequence[str]) -> list[tuple[int, str]]:
    """``(id, number)`` of every matter whose status is not in ``closed``, by id."""
    query = (
        select(col(Matter.id), col(Matter.number))
        .where(col(Matter.status).not_in(list(closed)))
        .order_by(col(Matter.id))
    )
    return [(int(i), n) for i, n in session.execute(query)]


def deadline_versions(*, session: Session, matter_ids: Sequence[int]) -> dict[int, set[str]]:
    """The law versions on each matter's open computed deadlines ("" = before versions)."""
    out: dict[int, set[str]] = {}
    if not matter_ids:
        return out
    query = (
        select(col(Deadline.matter_id), col(Deadline.law_version))
        .where(col(Deadline.status) == "open")
        .where(col(Deadline.manual).is_(False))
        .where(col(Deadline.records_request_id).is_(None))
        .distinct()
    )
    if len(matter_ids) <= BULK:
        query = query.where(col(Deadline.matter_id).in_(list(matter_ids)))
    for matter_id, version in session.execute(query):
        out.setdefault(int(matter_id), set()).add(version or "")
    return out


def stamp_version(*, session: Session, matter_id: int, version: str, now: datetime) -> None:
    """Stamp ``version`` on the matter's open computed deadlines that carry another one."""
    session.execute(
        update(Deadline)
        .where(col(Deadline.matter_id) == matter_id)
        .where(col(Deadline.status) == "open")
        .where(col(Deadline.manual).is_(False))
        .where(col(Deadline.records_request_id).is_(None))
        .where(col(Deadline.law_version) != version)
        .values(law_version=version, updated_at=now)
    )
