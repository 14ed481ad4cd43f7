"""Listing stored deadlines: by safe target, with days left and the reminder tier."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from casekit.domain.records import from_row
from casekit.domain.reminders import current_tier, next_reminder, tiers_for
from casekit.errors import InvalidInput, NotFound
from casekit.services.deadlines.preview import matter_id_in
from casekit.services.deadlines.results import LIST_STATUSES, DeadlineOut
from casekit.services.office.settings import reminder_tiers
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.domain.reminders import ReminderTiers
    from casekit.services.base import AppContext
    from casekit.store.repos.deadlines import Session


def list_deadlines(
    svc: AppContext,
    *,
    matter: str | int | None = None,
    within: int | None = None,
    status: str = "open",
) -> list[DeadlineOut]:
    """Deadlines by safe target (soonest first).

    Args:
        svc: The services.
        matter: Only this matter (number or id).
        within: Only those whose safe target is at most this many days away (overdue included).
        status: ``open`` (default), ``done``, ``waived``, ``superseded`` or ``all``.

    Returns:
        The deadlines, with days left to the safe target and the reminder tier.
    """
    wanted = (status or "open").strip().lower()
    if wanted not in LIST_STATUSES:
        raise InvalidInput(f"unknown status '{status[:20]}' (known: {', '.join(LIST_STATUSES)})")
    if within is not None and within < 0:
        raise InvalidInput("--within must be 0 or more days")
    today = svc.today()
    ladders = reminder_tiers(svc)  # the firm's reminder tiers (settings), read once
    with svc.transaction() as session:
        rows = repo.deadline_rows(
            session=session,
            matter_id=matter_id_in(session, matter) if matter is not None else None,
            status=None if wanted == "all" else wanted,
            until=today + timedelta(days=within) if within is not None else None,
        )
        return [deadline_out(d, number, client, today, ladders) for d, number, client in rows]


def deadline_out(
    d: Any, number: str, client: str, today: date, ladders: ReminderTiers | None = None
) -> DeadlineOut:
    """A stored deadline row as lists show it (days left, next reminder, tier)."""
    tiers = ladders.for_kind(d.kind) if ladders is not None else tiers_for(d.kind)
    live = d.status == "open"
    return from_row(
        DeadlineOut,
        d,
        matter=number,
        client=client,
        days_left=(d.safe_target - today).days,
        verify=d.confidence != "confirmed",
        next_reminder=next_reminder(d.safe_target, today, tiers) if live else None,
        tier=current_tier(d.safe_target, today, tiers) if live else None,
        adjusted=d.adjusted_due is not None,
    )


def deadline_out_in(session: Session, deadline_id: int, today: date) -> DeadlineOut:
    """One stored deadline as lists show it, inside the caller's transaction."""
    found = repo.deadline_rows(session=session, deadline_id=deadline_id)
    if not found:
        raise NotFound(f"no deadline {deadline_id} (see casekit deadlines list)")
    d, number, client = found[0]
    return deadline_out(d, number, client, today)
