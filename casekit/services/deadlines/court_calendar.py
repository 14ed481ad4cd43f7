"""The Connecticut court calendar with the firm's recorded closures.

Courts close for storms and by proclamation; the firm records those days (``CourtClosure``,
:mod:`casekit.services.deadlines.closures`) and every deadline counts them (trust-act.md § 3).

``deadlines calc`` and ``screen`` work on a fresh machine: with no database yet there are no
recorded closures, and nothing is created just to find that out.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import CourtCalendar
from casekit.store.repos import court_calendar as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.deadlines import Session


def court_calendar(svc: AppContext) -> CourtCalendar:
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
    return CourtCalendar(closures(svc))


def court_calendar_in(session: Session) -> CourtCalendar:
    """The court calendar with the closures visible in ``session`` (inside a transaction)."""
    return CourtCalendar(repo.closures(session=session))


def calendar_day(svc: AppContext, day: date) -> dict[str, Any]:
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


def closures(svc: AppContext) -> dict[date, str]:
    """The recorded closures, read without creating anything (none on a fresh machine)."""
    settings = svc.settings
    if settings.is_sqlite:
        path = settings.sqlite_path
        if path is not None and not path.is_file():
            return {}  # fresh machine: no database, so no recorded closures
    return repo.closures_if_set_up(engine=svc.engine)
