"""A matter's lifecycle: closing or declining it closes its open deadlines; reopening restores them.

* :func:`closing_preview` lists the open deadlines a closure would close (the CLI and the TUI
  show them and ask before anything is written).
* :func:`change_status` moves the matter's status in one transaction. Closing or declining it
  supersedes each open deadline with the reason "matter closed" (or "matter closed
  (declined)") and marks it ``closed_with_matter``; done and waived deadlines are untouched.
  Every update goes through the ORM, so each is in the audit log. Reopening it can restore them
  (``restore=True``): computed ones are recomputed from today's plan (one the plan no longer has
  comes back as it was, and the next recompute proposes removing it), manual ones come back as
  they were.
* :func:`restore_preview` / :func:`restore` do the same later (``casekit deadlines restore``).

While a matter is closed nothing is planned for it and no deadline can be added to it
(``casekit.services.deadlines``), so it leaves the dashboard, digests, reports and calendar
exports: they show open deadlines only, and the next ICS export cancels those it sent before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.text import at_most, one_line
from casekit.errors import ConflictError, InvalidInput
from casekit.services.base import check_version
from casekit.services.casefile.notes import MAX_NOTE
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import CLOSED_STATUSES, load_matters
from casekit.services.deadlines.listing import deadline_out_in
from casekit.services.deadlines.plan import adjusted_plan, plan_matter, trail_of
from casekit.services.law.rules import law_pack
from casekit.services.matters.fields import clean_status
from casekit.store.repos import deadline_history as repo
from casekit.store.repos import matters as matters_repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.results import DeadlineOut
    from casekit.store.repos.deadline_history import Session

__all__ = [
    "CLOSED_REASON",
    "CLOSED_STATUSES",
    "StatusChange",
    "change_status",
    "change_status_in",
    "closed_reason",
    "closing_preview",
    "restorable",
    "restore",
]

CLOSED_REASON = "matter closed"


def closed_reason(status: str) -> str:
    """The status reason a deadline closed with its matter carries."""
    return CLOSED_REASON if status == "closed" else f"{CLOSED_REASON} ({status})"


@dataclass(frozen=True)
class StatusChange:
    """What :func:`change_status` did."""

    matter: str
    status: str
    previous: str
    closed: tuple[DeadlineOut, ...] = ()
    restored: tuple[DeadlineOut, ...] = ()
    still_closed: tuple[DeadlineOut, ...] = field(default=())  # reopened, not restored yet

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.matter,
            "status": self.status,
            "previous": self.previous,
            "closed_deadlines": [d.to_dict() for d in self.closed],
            "restored_deadlines": [d.to_dict() for d in self.restored],
            "restorable_deadlines": [d.id for d in self.still_closed],
        }


def _id(row: Any) -> int:
    """A loaded matter's id (a flushed row always has one)."""
    if row.id is None:
        raise ValueError("a loaded matter has its id")
    return int(row.id)


def _rows(session: Session, matter_id: int, *, closed_with_matter: bool) -> list[Any]:
    return repo.matter_deadlines(
        session=session, matter_id=matter_id, closed_with_matter=closed_with_matter
    )


def _outs(session: Session, rows: Sequence[Any], today: Any) -> tuple[DeadlineOut, ...]:
    return tuple(deadline_out_in(session, r.id, today) for r in rows)


def closing_preview(svc: AppContext, matter: str | int) -> list[DeadlineOut]:
    """The open deadlines closing (or declining) the matter would close; nothing is written."""

    with svc.transaction() as session:
        row = matters_repo.matter_by_ref(session=session, ref=matter)
        return list(_outs(session, _rows(session, _id(row), closed_with_matter=False), svc.today()))


def restorable(svc: AppContext, matter: str | int) -> list[DeadlineOut]:
    """The deadlines that were closed with the matter (what a restore would bring back)."""

    with svc.transaction() as session:
        row = matters_repo.matter_by_ref(session=session, ref=matter)
        return list(_outs(session, _rows(session, _id(row), closed_with_matter=True), svc.today()))


def change_status(
    svc: AppContext,
    matter: str | int,
    status: str,
    *,
    version: int | None = None,
    shown: Sequence[int] | None = None,
    restore: bool = False,
    reason: str = "",
) -> StatusChange:
    """Move a matter's status; closing closes its open deadlines, reopening may restore them.

    Args:
        svc: The services.
        matter: Matter number or id.
        status: intake, screening, active, closed or declined.
        version: The matter's version the user saw (optimistic locking).
        shown: The ids of the open deadlines the user was shown (:func:`closing_preview`); when
            given, closing refuses if they are no longer exactly the open ones.
        restore: When reopening a closed matter, restore the deadlines closed with it.
        reason: Why (kept as a note on the matter, in the same transaction); closing or
            declining from the TUI asks for one.

    Raises:
        InvalidInput: Unknown status.
        ConflictError: The matter or its open deadlines changed since they were shown.
    """

    value = clean_status(status)
    with svc.transaction() as session:
        row = matters_repo.matter_by_ref(session=session, ref=matter)
        check_version(row, version, "matter")
        change = change_status_in(session, svc, row, value, shown=shown, restore=restore)
        why = one_line(reason)
        if why:
            at_most(why, MAX_NOTE, "the reason")
            repo.add_note(
                session=session, matter_id=_id(row), author=svc.actor, body=f"Status {value}: {why}"
            )
        return change


def change_status_in(
    session: Session,
    svc: AppContext,
    row: Any,
    value: str,
    *,
    shown: Sequence[int] | None = None,
    restore: bool = False,
) -> StatusChange:
    """:func:`change_status` inside the caller's transaction, on the loaded matter ``row``
    (``value`` already checked): ``matter update`` moves the status and corrects the incident
    in one transaction."""
    today = svc.today()
    previous = str(row.status)
    row.status = value
    row.closed_on = today if value in CLOSED_STATUSES else None
    # Always an UPDATE, even when the status is already ``value``: the version moves, so a
    # concurrent writer who read the same version gets a conflict instead of both
    # "succeeding" in an order neither saw.
    row.updated_at = datetime.now(UTC)
    session.add(row)
    closed: tuple[DeadlineOut, ...] = ()
    restored: tuple[DeadlineOut, ...] = ()
    pending: tuple[DeadlineOut, ...] = ()
    if value in CLOSED_STATUSES:
        open_rows = _rows(session, _id(row), closed_with_matter=False)
        if shown is not None and sorted(shown) != sorted(r.id for r in open_rows):
            raise ConflictError(
                f"the open deadlines of {row.number} changed since they were shown; "
                "look at them again before closing the matter"
            )
        reason = closed_reason(value)
        for d in open_rows:
            d.status = "superseded"
            d.status_reason = reason
            d.closed_with_matter = True
            d.changed_by = svc.actor
            session.add(d)
        session.flush()
        closed = _outs(session, open_rows, today)
    elif previous in CLOSED_STATUSES:
        session.flush()
        if restore:
            restored = _restore_in(session, svc, _id(row))
        pending = _outs(session, _rows(session, _id(row), closed_with_matter=True), today)
    return StatusChange(str(row.number), value, previous, closed, restored, pending)


def restore(svc: AppContext, matter: str | int) -> list[DeadlineOut]:
    """Restore the deadlines closed with a matter that is open again (one transaction).

    Raises:
        InvalidInput: The matter is still closed or declined.
    """

    with svc.transaction() as session:
        row = matters_repo.matter_by_ref(session=session, ref=matter)
        if row.status in CLOSED_STATUSES:
            raise InvalidInput(
                f"{row.number} is {row.status}; reopen it first (casekit matter update "
                f"{row.number} --status active)"
            )
        return list(_restore_in(session, svc, _id(row)))


def _restore_in(session: Session, svc: AppContext, matter_id: int) -> tuple[DeadlineOut, ...]:
    """Restore inside the caller's transaction: manual deadlines as they were, computed ones with
    today's plan (one the plan no longer has as it was: nothing disappears silently)."""
    today = svc.today()
    rows = _rows(session, matter_id, closed_with_matter=True)
    if not rows:
        return ()
    pack = law_pack(svc)
    calendar = court_calendar_in(session)
    data = load_matters(session, [matter_id])[matter_id]
    planned = plan_matter(data, pack.rules, calendar, today) or []
    plan = {p.key: p for p in adjusted_plan(planned, rows, calendar)}
    stamp = f"Restored on {today.isoformat()} by {svc.actor} when the matter was reopened"
    back = []
    for d in rows:
        d.closed_with_matter = False
        d.changed_by = svc.actor
        if d.manual or d.records_request_id is not None:
            d.status = "open"
            d.status_reason = ""
            back.append(d)
        elif d.key in plan:
            p = plan[d.key]
            d.status = "open"
            d.status_reason = ""
            was = (d.due, d.safe_target)
            d.due, d.safe_target = p.due, p.safe_target
            d.trigger_date = p.trigger
            d.title, d.citation, d.confidence = p.title, p.citation, p.confidence
            d.overridden = p.overridden
            d.law_version = pack.version.label
            note = f"{stamp} (recomputed"
            if was != (p.due, p.safe_target):
                note += f"; was due {was[0].isoformat()}, safe target {was[1].isoformat()}"
            d.trail = [*trail_of(p), note + ")."]
            back.append(d)
        else:
            # Not in today's plan: restored as it was, never dropped silently; the next
            # recompute proposes removing it for the attorney to accept.
            d.status = "open"
            d.status_reason = ""
            d.trail = [
                *(d.trail or ()),
                f"{stamp}; today's plan has no such deadline: recompute the matter and decide.",
            ]
            back.append(d)
        session.add(d)
    session.flush()
    return _outs(session, back, today)
