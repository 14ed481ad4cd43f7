"""Tolling and extensions of one deadline: a recorded history that a recompute respects.

``casekit deadlines toll|extend ID --to D --cause C [--effective D] [--citation C]`` moves the
deadline to a later date in one transaction: a ``deadlineadjustment`` row (kind, old and new
date, effective date, cause, citation, who), the deadline's new due date and safe target, its
``adjusted_due`` (no recompute moves it before that date; a later computed date still wins), a
trail line with the same history, and the "verify" marker (casekit did not compute the date: the
legal basis is the attorney's). ``casekit deadlines history ID`` lists the adjustments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.records import from_fields
from casekit.domain.text import one_line
from casekit.errors import InvalidInput
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.listing import deadline_out_in
from casekit.services.deadlines.manual import refuse_closed
from casekit.services.plain import PlainResult
from casekit.store.repos import deadline_history
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.results import DeadlineOut

KINDS = ("toll", "extend")
MAX_CAUSE = 2000
MAX_CITATION = 200
_VERB = {"toll": "Tolled", "extend": "Extended"}


@dataclass(frozen=True)
class AdjustmentOut(PlainResult):
    id: int
    deadline_id: int
    kind: str
    old_due: date
    new_due: date
    effective_on: date
    cause: str
    citation: str
    made_by: str
    made_at: str


def _day(value: date | str, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            f"{what} '{value[:20]}' is not a real date (expected YYYY-MM-DD)"
        ) from None


def adjust(
    svc: AppContext,
    deadline_id: int,
    kind: str,
    to: date | str,
    cause: str,
    *,
    effective: date | str | None = None,
    citation: str = "",
) -> DeadlineOut:
    """Toll or extend a deadline to ``to`` (see the module docstring).

    Raises:
        InvalidInput: Unknown kind, no cause, a date not after the current due date, an
            effective date after the new date, or a deadline that is not open.
        NotFound: No such deadline.
    """
    what = (kind or "").strip().lower()
    if what not in KINDS:
        raise InvalidInput(f"unknown adjustment '{kind[:20]}' (known: {', '.join(KINDS)})")
    why = one_line(cause)
    if not why:
        raise InvalidInput(f"a {what} needs its cause (--cause)")
    cite = one_line(citation)
    if len(why) > MAX_CAUSE or len(cite) > MAX_CITATION:
        raise InvalidInput("the cause or citation is too long")
    new_due = _day(to, "--to")
    today = svc.today()
    since = _day(effective, "--effective") if effective is not None else today
    if since > new_due:
        raise InvalidInput(
            f"the effective date {since.isoformat()} is after the new date {new_due.isoformat()}"
        )
    with svc.transaction() as session:
        row = repo.deadline(session=session, deadline_id=deadline_id)
        if row.status != "open":
            raise InvalidInput(f"deadline {deadline_id} is {row.status}; only an open one moves")
        refuse_closed(session, row.matter_id)
        if new_due <= row.due:
            raise InvalidInput(
                f"the new date {new_due.isoformat()} is not after the current due date "
                f"{row.due.isoformat()} (a {what} moves a deadline later)"
            )
        calendar = court_calendar_in(session)
        old_due = row.due
        deadline_history.add_adjustment(
            session=session,
            values={
                "deadline_id": deadline_id,
                "kind": what,
                "old_due": old_due,
                "new_due": new_due,
                "effective_on": since,
                "cause": why,
                "citation": cite,
                "made_by": svc.actor,
            },
        )
        row.due = new_due
        row.safe_target = calendar.last_open_on_or_before(new_due)
        row.adjusted_due = new_due
        if row.confidence == "confirmed":
            row.confidence = "unverified"  # the new date rests on the attorney's basis: verify
        row.trail = [
            *(row.trail or ()),
            f"{_VERB[what]} from {old_due.isoformat()} to {new_due.isoformat()} (effective "
            f"{since.isoformat()}): {why}"
            + (f" ({cite})" if cite else "")
            + f"; recorded by {svc.actor} on {today.isoformat()}. Verify: casekit did not "
            "compute this date, and a recompute never moves it earlier.",
        ]
        row.changed_by = svc.actor
        session.flush()
        return deadline_out_in(session, deadline_id, today)


def history(svc: AppContext, deadline_id: int) -> list[AdjustmentOut]:
    """The deadline's tolling and extensions, oldest first."""
    with svc.transaction() as session:
        repo.deadline(session=session, deadline_id=deadline_id)  # NotFound when there is none
        rows = deadline_history.adjustments(session=session, deadline_id=deadline_id)
        return [
            from_fields(
                AdjustmentOut,
                r,
                id=int(r.id or 0),
                made_at=r.created_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M"),
            )
            for r in rows
        ]
