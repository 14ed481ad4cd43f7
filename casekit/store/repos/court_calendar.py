"""The court closures the firm records (every deadline counts them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Engine, String, column, inspect, select, table
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col

from casekit.errors import ConfigurationError
from casekit.store.models import CourtClosure

__all__ = ["Session", "add_closure", "closure_on", "closures", "closures_if_set_up", "delete"]


def closures(*, session: Session) -> dict[date, str]:
    """The firm's recorded court closures: day -> reason."""
    c = CourtClosure.__table__.c  # type: ignore[attr-defined]
    return {r[0]: r[1] for r in session.execute(select(c.closed_on, c.reason))}


def closure_on(*, session: Session, day: date) -> CourtClosure | None:
    """The closure recorded for ``day``, if any."""
    query = select(CourtClosure).where(col(CourtClosure.closed_on) == day)
    return session.scalars(query).first()


def add_closure(*, session: Session, day: date, reason: str) -> None:
    """Record a court closure (flushed)."""
    session.add(CourtClosure(closed_on=day, reason=reason))
    session.flush()


def closures_if_set_up(*, engine: Engine) -> dict[date, str]:
    """The recorded closures read on a connection of their own: none when the database has no
    closure table yet.

    Raises:
        ConfigurationError: The database cannot be read (a PostgreSQL server that is down).
    """
    closure = table("courtclosure", column("closed_on", Date), column("reason", String))
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("courtclosure"):
                return {}  # database not set up yet
            rows = conn.execute(select(closure.c.closed_on, closure.c.reason)).all()
    except SQLAlchemyError as exc:
        raise ConfigurationError(
            f"cannot read the firm's court closures from the database ({type(exc).__name__}); "
            "deadlines are not computed without them"
        ) from None
    return {r[0]: r[1] for r in rows}


def delete(*, session: Session, row: CourtClosure) -> None:
    """Delete a recorded closure and flush."""
    session.delete(row)
    session.flush()
