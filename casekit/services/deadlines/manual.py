"""Editing stored deadlines by hand: marking one done or waived, adding a manual deadline."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from casekit.domain.bounds import parse_day
from casekit.domain.text import at_most, one_line, required_line
from casekit.errors import ConflictError, InvalidInput
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import CLOSED_STATUSES
from casekit.services.deadlines.listing import deadline_out_in
from casekit.services.deadlines.preview import matter_id_in
from casekit.services.deadlines.results import (
    MANUAL_RULE,
    MAX_TEXT,
    MAX_TITLE,
    SETTABLE_STATUSES,
    DeadlineOut,
)
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.deadlines import Session


def refuse_closed(session: Session, matter_id: int) -> None:
    """InvalidInput when the matter is closed or declined (it takes no new deadline)."""
    row = repo.matter(session=session, matter_id=matter_id)
    if row is not None and row.status in CLOSED_STATUSES:
        raise InvalidInput(
            f"{row.number} is {row.status}: it takes no new deadline (reopen it first: "
            f"casekit matter update {row.number} --status active)"
        )


def set_status(
    svc: AppContext, deadline_id: int, status: str, reason: str = "", *, version: int
) -> DeadlineOut:
    """Mark a deadline done or waived (or open again).

    Args:
        svc: The services.
        deadline_id: The deadline.
        status: ``done``, ``waived`` or ``open``.
        reason: Why; required for done and waived (it goes in the audit log).
        version: The row version the user saw (optimistic locking).

    Returns:
        The deadline as saved.

    Raises:
        InvalidInput: Unknown status, no reason, or a superseded deadline.
        NotFound: No such deadline.
        ConflictError: Someone changed the deadline since ``version``.
    """
    wanted = (status or "").strip().lower()
    if wanted not in SETTABLE_STATUSES:
        raise InvalidInput(
            f"unknown status '{status[:20]}' (known: {', '.join(SETTABLE_STATUSES)})"
        )
    why = one_line(reason)
    if wanted in ("done", "waived") and not why:
        raise InvalidInput(f"marking a deadline {wanted} needs a reason (--reason)")
    at_most(why, MAX_TEXT, "the reason")
    today = svc.today()
    with svc.transaction() as session:
        row = repo.deadline(session=session, deadline_id=deadline_id)
        if row.version != version:
            raise ConflictError(
                f"deadline {deadline_id} was changed by someone else since you opened it "
                f"(version {version}, now {row.version}); reload it and try again"
            )
        if row.status == "superseded":
            raise InvalidInput(
                f"deadline {deadline_id} is superseded (history only); recompute the matter"
            )
        if row.status == wanted:
            raise InvalidInput(f"deadline {deadline_id} is already {wanted}")
        row.status = wanted
        row.status_reason = why
        row.changed_by = svc.actor
        row.completed_on = today if wanted == "done" else None
        session.flush()
        return deadline_out_in(session, deadline_id, today)


def set_status_current(svc: AppContext, deadline_id: int, status: str, reason: str) -> DeadlineOut:
    """:func:`set_status` with the version as stored now (the CLI: one command, no stale view)."""
    with svc.transaction() as session:
        row = repo.deadline(session=session, deadline_id=deadline_id)
        version = row.version
    return set_status(svc, deadline_id, status, reason, version=version)


def add_manual(
    svc: AppContext,
    matter: str | int,
    title: str,
    due: date | str,
    *,
    citation: str = "",
    note: str = "",
) -> DeadlineOut:
    """Add a deadline the rules do not compute (a court order, a scheduling stipulation...).

    A manual deadline is never moved by a recompute. Its safe target is the last open court day
    on or before it; it carries the "verify" marker (casekit did not compute it).

    Raises:
        InvalidInput: No title, a bad date.
        NotFound: No such matter.
    """
    text = required_line(
        title, MAX_TITLE, "the title", missing="a deadline needs a title (--title)"
    )
    day = parse_day(due, svc.today(), "due date")
    cite = one_line(citation)
    remark = one_line(note)
    if len(cite) > MAX_TITLE or len(remark) > MAX_TEXT:
        raise InvalidInput("the citation or note is too long")
    today = svc.today()
    with svc.transaction() as session:
        matter_id = matter_id_in(session, matter)
        refuse_closed(session, matter_id)
        calendar = court_calendar_in(session)
        safe = calendar.last_open_on_or_before(day)
        trail = [
            f"Entered by hand by {svc.actor} on {today.isoformat()}; casekit did not "
            f"compute this date and a recompute never moves it."
        ]
        if safe != day:
            trail.append(
                f"{day.isoformat()} is closed ({calendar.closed_reason(day)}): safe target "
                f"{safe.isoformat()}, the last open day on or before it."
            )
        if remark:
            trail.append(f"Note: {remark}")
        trail.append("Verify: check the source of this date" + (f" ({cite})." if cite else "."))
        values = {
            "matter_id": matter_id,
            "key": f"manual:{uuid.uuid4().hex[:12]}",
            "rule_id": MANUAL_RULE,
            "title": text,
            "kind": "manual",
            "trigger_event": "manual",
            "trigger_date": None,
            "due": day,
            "safe_target": safe,
            "citation": cite or "entered by hand",
            "confidence": "unverified",
            "manual": True,
            "trail": trail,
            "changed_by": svc.actor,
        }
        row = repo.add_deadline(session=session, values=values)
        session.flush()
        if row.id is None:
            raise ValueError("a flushed deadline has its id")
        return deadline_out_in(session, row.id, today)
