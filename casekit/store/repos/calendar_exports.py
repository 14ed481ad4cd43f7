"""The calendar export's SQL: what each export carried, and the deadlines it cancels.

Bookkeeping of the calendar, not case data: read on connections of their own and written with
bulk statements (an office's first export carries thousands of events), not audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlmodel import Session, col

from casekit.store.models import CalendarExport, Deadline, Matter, Setting

__all__ = [
    "Engine",
    "Session",
    "add_setting",
    "exported",
    "gone",
    "remember",
    "setting",
    "updated_at",
]

_CHUNK = 500


def setting(*, session: Session, key: str) -> Setting | None:
    """The setting ``key`` (None when it is not stored)."""
    return session.scalars(select(Setting).where(col(Setting.key) == key)).first()


def add_setting(*, session: Session, key: str, value: str) -> None:
    """Store a new setting (flushed with the transaction)."""
    session.add(Setting(key=key, value=value))


def updated_at(*, engine: Engine, ids: Sequence[int]) -> dict[int, datetime]:
    """When each of the deadlines ``ids`` last changed."""
    d = Deadline.__table__.c  # type: ignore[attr-defined]
    out: dict[int, datetime] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            out.update(conn.execute(select(d.id, d.updated_at).where(d.id.in_(chunk))).all())
    return out


def exported(*, engine: Engine) -> dict[int, tuple[int, bool]]:
    """deadline id -> (SEQUENCE last exported, whether that export cancelled it)."""
    t = CalendarExport.__table__.c  # type: ignore[attr-defined]
    with engine.connect() as conn:
        rows = conn.execute(select(t.deadline_id, t.sequence, t.cancelled))
        return {int(i): (int(seq), bool(c)) for i, seq, c in rows}


def gone(
    *,
    engine: Engine,
    ids: Sequence[int],
    since: date,
    attorney_id: int | None,
    matter_id: int | None,
) -> list[Any]:
    """``(id, version, matter number, title, rule_id, safe_target, status, closed_with_matter,
    matter status)`` of the deadlines ``ids`` with a safe target on or after ``since``, within
    the attorney's (or the one matter's) matters."""
    d = Deadline.__table__.c  # type: ignore[attr-defined]
    m = Matter.__table__.c  # type: ignore[attr-defined]
    out: list[Any] = []
    with engine.connect() as conn:
        for start in range(0, len(ids), _CHUNK):
            query = (
                select(
                    d.id,
                    d.version,
                    m.number,
                    d.title,
                    d.rule_id,
                    d.safe_target,
                    d.status,
                    d.closed_with_matter,
                    m.status,
                )
                .join_from(Deadline.__table__, Matter.__table__, m.id == d.matter_id)  # type: ignore[attr-defined]
                .where(d.id.in_(list(ids[start : start + _CHUNK])))
                .where(d.safe_target >= since)
            )
            if attorney_id is not None:
                query = query.where(m.attorney_id == attorney_id)
            if matter_id is not None:
                query = query.where(m.id == matter_id)
            out.extend(conn.execute(query).all())
    return out


def remember(
    *,
    session: Session,
    new: Sequence[dict[str, Any]],
    changed: Sequence[dict[str, Any]],
) -> None:
    """Insert the export rows ``new`` and update ``changed`` (``b_id``, ``b_sequence``,
    ``b_cancelled``, ``b_at``) with bulk statements."""
    t = CalendarExport.__table__  # type: ignore[attr-defined]
    if new:
        session.execute(insert(t), list(new))
    if changed:
        session.execute(
            update(t)
            .where(t.c.deadline_id == bindparam("b_id"))
            .values(
                sequence=bindparam("b_sequence"),
                cancelled=bindparam("b_cancelled"),
                exported_at=bindparam("b_at"),
                updated_at=bindparam("b_at"),
                version=t.c.version + 1,
            ),
            list(changed),
            execution_options={"synchronize_session": False},
        )
