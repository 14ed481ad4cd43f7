"""The timer: its start is a row in the database (``timer``), so it survives a restart and shows
on every screen of whoever started it.

Stopping it records one entry (rounded up to the next tenth) and removes the timer in the same
transaction. The time comes from :meth:`AppContext.now`, which a test replaces.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NotRequired, TypedDict, Unpack

from casekit.domain import fees
from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.records import from_fields
from casekit.errors import InvalidInput
from casekit.services.base import check_version
from casekit.services.fees.checks import clean_description, tenths_of
from casekit.services.fees.results import TimeEntryOut, TimerOut
from casekit.services.fees.time_entries import record_entry, task_category
from casekit.services.fees.timekeepers import active_timekeeper
from casekit.store import repo
from casekit.store.models import Matter, Timer, User
from casekit.store.repos import fees as fee_repo
from casekit.store.repos.rows import row_by_id

if TYPE_CHECKING:
    from datetime import datetime

    from casekit.services.base import AppContext
    from casekit.store.repos.fees import Session

__all__ = ["TimerStop", "discard_timer", "running_timers", "start_timer", "stop_timer"]


class TimerStop(TypedDict):
    """What stopping a timer records (keyword arguments of :func:`stop_timer`)."""

    category: str
    description: str
    hours: NotRequired[int | str | None]
    claim: NotRequired[str]
    billable: NotRequired[bool]
    unrelated: NotRequired[bool]


def _timer_out(session: Session, timer: Timer) -> TimerOut:
    matter = session.get(Matter, timer.matter_id)
    user = session.get(User, timer.user_id)
    return from_fields(
        TimerOut,
        timer,
        id=timer.id or 0,
        matter=matter.number if matter is not None else "",
        timekeeper_id=timer.user_id,
        timekeeper=user.name if user is not None else "",
    )


def start_timer(svc: AppContext, matter: str | int, *, timekeeper: str | int) -> TimerOut:
    """Start a timer for ``timekeeper`` on ``matter`` (one running timer per timekeeper)."""
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        user = active_timekeeper(session, timekeeper)
        running = fee_repo.timer_of_user(session=session, user_id=user.id or 0)
        if running is not None:
            other = session.get(Matter, running.matter_id)
            where = other.number if other is not None else f"matter {running.matter_id}"
            raise InvalidInput(f"{user.name}'s timer is already running on {where}; stop it first")
        timer = Timer(
            matter_id=row.id or 0, user_id=user.id or 0, started_at=svc.now(), started_by=svc.actor
        )
        session.add(timer)
        session.flush()
        return _timer_out(session, timer)


def running_timers(svc: AppContext, *, everyone: bool = False) -> list[TimerOut]:
    """The running timers started by this user (``everyone``: the whole office's)."""
    with svc.transaction() as session:
        found = fee_repo.timers(session=session, started_by=None if everyone else svc.actor)
        return [_timer_out(session, t) for t in found]


def _timer(session: Session, timer_id: int) -> Timer:
    missing = f"timer #{timer_id} is not running (it was stopped already)"
    return row_by_id(session, Timer, timer_id, missing)


def _tenths_run(timer: Timer, now: datetime, hours: int | str | None) -> int:
    if hours is not None:
        return tenths_of(hours)
    tenths = fees.elapsed_tenths((now - timer.started_at).total_seconds())
    if tenths > fees.MAX_TENTHS:
        raise InvalidInput(
            "the timer ran more than 24 hours (left running?): give the hours worked"
        )
    return tenths


def stop_timer(
    svc: AppContext, timer_id: int, *, version: int | None = None, **entry: Unpack[TimerStop]
) -> TimeEntryOut:
    """Stop a timer: one time entry for the time it ran, and the timer gone, in one transaction.

    The hours are the time since the start rounded up to the next tenth (at least 0.1), unless
    ``hours`` overrides them (the attorney corrects a timer left running over lunch). The entry
    is dated the day the timer started, in Connecticut time.

    Raises:
        NotFound: the timer was stopped already (here or on another screen).
        InvalidInput: the timer ran more than 24 hours and no ``hours`` were given.
    """
    kind = task_category(entry["category"])
    text = clean_description(entry["description"])
    now = svc.now()
    with svc.transaction() as session:
        timer = _timer(session, timer_id)
        check_version(timer, version, "timer")
        tenths = _tenths_run(timer, now, entry.get("hours"))
        matter = repo.find_matter(session=session, ref=timer.matter_id)
        # a foreign key guarantees it
        user = row_by_id(session, User, timer.user_id, f"no timekeeper #{timer.user_id}")
        # The day it started in Connecticut; never after "today" (a pinned CASEKIT_TODAY).
        day = min(timer.started_at.astimezone(LOCAL_TZ).date(), svc.today())
        session.delete(timer)
        return record_entry(
            session,
            matter,
            user,
            entry,
            worked_on=day,
            tenths=tenths,
            category=kind,
            description=text,
            source="timer",
        )


def discard_timer(svc: AppContext, timer_id: int, *, version: int | None = None) -> TimerOut:
    """Stop a timer without recording any time (it was started by mistake)."""
    with svc.transaction() as session:
        timer = _timer(session, timer_id)
        check_version(timer, version, "timer")
        out = _timer_out(session, timer)
        session.delete(timer)
        return out
