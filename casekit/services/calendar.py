"""The Connecticut court calendar with the firm's recorded closures.

Courts close for storms and by proclamation; the firm records those days (``CourtClosure``) and
every deadline counts them (trust-act.md § 3). Recording a closure never moves a stored deadline
by itself: :func:`add_closure` returns, per matter, the recompute it causes, for the attorney to
accept (``casekit deadlines recompute MATTER --apply``).

``deadlines calc`` and ``screen`` work on a fresh machine: with no database yet there are no
recorded closures, and nothing is created just to find that out.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.errors import ConfigurationError, InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.domain.calendar import CourtCalendar
    from casekit.services.base import Services
    from casekit.services.deadlines import RecomputeDiff

MAX_REASON = 200


@dataclass(frozen=True)
class ClosureOut:
    """A court closure the firm recorded."""

    date: date
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def court_calendar(svc: Services) -> CourtCalendar:
    """Connecticut court days: weekends, § 1-4 holidays (observed), Good Friday, closures.

    Args:
        svc: The services.

    Returns:
        The calendar with the firm's recorded closures; with none when the database does not
        exist yet (a fresh machine) or has no closure table yet.

    Raises:
        ConfigurationError: The configured database exists but cannot be read (a PostgreSQL
            server that is down): computing without the firm's closures could give a wrong date.
    """
    from casekit.domain.calendar import CourtCalendar

    return CourtCalendar(_closures(svc))


def court_calendar_in(session: Session) -> CourtCalendar:
    """The court calendar with the closures visible in ``session`` (inside a transaction)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.domain.calendar import CourtCalendar
    from casekit.store.models import CourtClosure

    rows = session.execute(select(col(CourtClosure.closed_on), col(CourtClosure.reason))).all()
    return CourtCalendar({r[0]: r[1] for r in rows})


def calendar_day(svc: Services, day: date) -> dict[str, Any]:
    """Whether Connecticut courts are open on ``day``, and the open days around it.

    Returns:
        ``{"date", "open", "reason", "previous_open", "next_open"}``: ISO dates; ``reason`` is
        None on an open day, else ``Saturday``, a holiday name or ``Court closure: <reason>``.
    """
    cal = court_calendar(svc)
    return {
        "date": day.isoformat(),
        "open": cal.is_open(day),
        "reason": cal.closed_reason(day),
        "previous_open": cal.previous_open(day).isoformat(),
        "next_open": cal.next_open(day).isoformat(),
    }


def list_closures(svc: Services) -> list[ClosureOut]:
    """The closures the firm recorded, by date."""
    return [ClosureOut(d, r) for d, r in sorted(_closures(svc).items())]


def add_closure(svc: Services, day: date, reason: str) -> dict[str, RecomputeDiff]:
    """Record a court closure and show what it would move.

    The closure is written in one transaction. No stored deadline moves: the result is the
    recompute preview of every matter whose open deadlines the closure changes, by matter
    number (matters it does not affect are left out), for the attorney to accept.

    Args:
        svc: The services.
        day: The closed day.
        reason: Why (storm, proclamation...): shown in every trail that skips the day.

    Returns:
        ``{matter number: RecomputeDiff}`` for the matters with changes.

    Raises:
        InvalidInput: No reason, or a closure is already recorded for the day.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.services.deadlines import preview_all_in
    from casekit.store.models import CourtClosure

    text = " ".join((reason or "").split())
    if not text:
        raise InvalidInput("a court closure needs a reason (e.g. 'snow storm: Governor's order')")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"the reason is longer than {MAX_REASON} characters")
    with svc.transaction() as session:
        existing = session.scalars(
            select(CourtClosure).where(col(CourtClosure.closed_on) == day)
        ).first()
        if existing is not None:
            raise InvalidInput(
                f"{day.isoformat()} is already recorded as closed ({existing.reason})"
            )
        session.add(CourtClosure(closed_on=day, reason=text))
        session.flush()
        return preview_all_in(session, svc)


def remove_closure(svc: Services, day: date) -> dict[str, RecomputeDiff]:
    """Delete a recorded closure (entered by mistake); returns the recompute it causes.

    Raises:
        NotFound: No closure is recorded for the day.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.services.deadlines import preview_all_in
    from casekit.store.models import CourtClosure

    with svc.transaction() as session:
        existing = session.scalars(
            select(CourtClosure).where(col(CourtClosure.closed_on) == day)
        ).first()
        if existing is None:
            raise NotFound(f"no court closure is recorded for {day.isoformat()}")
        session.delete(existing)
        session.flush()
        return preview_all_in(session, svc)


# --- reading closures without creating anything -------------------------------------------------


def _closures(svc: Services) -> dict[date, str]:
    settings = svc.settings
    if settings.is_sqlite:
        path = settings.sqlite_path
        if path is not None and not path.is_file():
            return {}  # fresh machine: no database, so no recorded closures
    from sqlalchemy import Date, String, column, inspect, select, table
    from sqlalchemy.exc import SQLAlchemyError

    closure = table("courtclosure", column("closed_on", Date), column("reason", String))
    try:
        with svc.engine.connect() as conn:
            if not inspect(conn).has_table("courtclosure"):
                return {}  # database not set up yet
            rows = conn.execute(select(closure.c.closed_on, closure.c.reason)).all()
    except SQLAlchemyError as exc:
        raise ConfigurationError(
            f"cannot read the firm's court closures from the database ({type(exc).__name__}); "
            "deadlines are not computed without them"
        ) from None
    return {r[0]: r[1] for r in rows}
