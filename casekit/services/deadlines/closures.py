"""The court closures the firm records: listing them, and adding or removing one.

Recording a closure never moves a stored deadline by itself: :func:`add_closure` returns, per
matter, the recompute it causes, for the attorney to accept (``casekit deadlines recompute MATTER
--apply``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from casekit.domain.records import PlainRecord
from casekit.domain.text import required_line
from casekit.errors import InvalidInput, NotFound
from casekit.services.deadlines.court_calendar import closures
from casekit.services.deadlines.preview import preview_all_in
from casekit.store.repos import court_calendar as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.results import RecomputeDiff

MAX_REASON = 200


@dataclass(frozen=True)
class ClosureOut(PlainRecord):
    """A court closure the firm recorded."""

    date: date
    reason: str


def list_closures(svc: AppContext) -> list[ClosureOut]:
    """The closures the firm recorded, by date."""
    return [ClosureOut(d, r) for d, r in sorted(closures(svc).items())]


def add_closure(svc: AppContext, day: date, reason: str) -> dict[str, RecomputeDiff]:
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
    text = required_line(
        reason,
        MAX_REASON,
        "the reason",
        missing="a court closure needs a reason (e.g. 'snow storm: Governor's order')",
    )
    with svc.transaction() as session:
        existing = repo.closure_on(session=session, day=day)
        if existing is not None:
            raise InvalidInput(
                f"{day.isoformat()} is already recorded as closed ({existing.reason})"
            )
        repo.add_closure(session=session, day=day, reason=text)
        return preview_all_in(session, svc)


def remove_closure(svc: AppContext, day: date) -> dict[str, RecomputeDiff]:
    """Delete a recorded closure (entered by mistake); returns the recompute it causes.

    Raises:
        NotFound: No closure is recorded for the day.
    """
    with svc.transaction() as session:
        existing = repo.closure_on(session=session, day=day)
        if existing is None:
            raise NotFound(f"no court closure is recorded for {day.isoformat()}")
        repo.delete(session=session, row=existing)
        return preview_all_in(session, svc)
