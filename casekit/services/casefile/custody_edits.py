"""Editing a matter's custody timeline after intake (issue 15, item 1).

Each use case is one transaction with optimistic locking (``version``: the row's version as the
user saw it; someone else's change since is a :class:`~casekit.errors.ConflictError` and nothing
is written) and goes into the audit log through the session. A change to a deadline trigger (a
release, a defendant) returns the recompute preview: nothing moves until the attorney accepts it.

A custody event is never deleted: :func:`remove_custody_event` marks it removed with the reason
(migration 0019), and every reader leaves it out.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.model import CUSTODY_KINDS
from casekit.domain.text import at_most, required_line
from casekit.errors import InvalidInput
from casekit.services.base import AppContext, check_version
from casekit.services.casefile.preview import recompute_preview
from casekit.services.casefile.timeline import MAX_NOTE, parse_local_datetime

if TYPE_CHECKING:
    from casekit.services.deadlines import RecomputeDiff
    from casekit.store.models import CustodyEvent
    from casekit.store.repos.matters import Session

#: Custody events that say something *happened*: one after "now" is probably a typo. A scheduled
#: release is a plan and may be in the future.
PLANNED_KINDS = frozenset({"scheduled_release"})
MAX_REASON = 2_000


#: How a refusal says it can be confirmed (the TUI asks instead, and cuts this off).
CONFIRM_HINT = " (to save it anyway: --yes)"


class NeedsConfirmation(InvalidInput):
    """The value is possible but unlikely (an event before the incident, a release tomorrow):
    asked again with ``confirmed=True`` (CLI ``--yes``, the TUI's confirmation) it is saved."""


# --- custody events ---------------------------------------------------------------------------


def clean_kind(kind: str) -> str:
    """A custody event kind from CUSTODY_KINDS ("release-to-ice" works too)."""
    value = (kind or "").strip().lower().replace("-", "_")
    if value not in CUSTODY_KINDS:
        raise InvalidInput(
            f"unknown custody event '{value[:30]}' (known: {', '.join(CUSTODY_KINDS)})"
        )
    return value


def custody_time_warnings(
    kind: str, when: datetime, *, now: datetime, incident_on: date | None
) -> list[str]:
    """Why a custody event's time looks wrong (empty: it looks right). Pure.

    A past-tense event (arrest, booking, detainer received, release) after ``now``, or any event
    before the day of the incident, is asked about, not refused: the record may be right.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).

    found = []
    if kind not in PLANNED_KINDS and when > now:
        found.append(f"the {kind.replace('_', ' ')} is in the future (after now)")
    if incident_on is not None and when.astimezone(LOCAL_TZ).date() < incident_on:
        found.append(f"it is before the incident ({incident_on.isoformat()})")
    return found


def effective_now(svc: AppContext) -> datetime:
    """Now; with "today" pinned to another day (``CASEKIT_TODAY``), the end of that day."""
    # The store is imported here, not at the top: casefile stays light (see __init__).

    now = svc.now()
    today = svc.today()
    if now.astimezone(LOCAL_TZ).date() == today:
        return now
    return datetime.combine(today, time(23, 59), tzinfo=LOCAL_TZ)


def _check_time(
    session: Session, svc: AppContext, matter_id: int, kind: str, when: datetime, confirmed: bool
) -> None:
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    if confirmed:
        return
    warnings = custody_time_warnings(
        kind,
        when,
        now=effective_now(svc),
        incident_on=repo.first_incident_day(session=session, matter_id=matter_id),
    )
    if warnings:
        raise NeedsConfirmation(
            f"check the custody event's time: {'; '.join(warnings)}{CONFIRM_HINT}"
        )


def _clean_note(note: str) -> str:
    return at_most((note or "").strip(), MAX_NOTE, "the note")


def add_custody_event(
    svc: AppContext,
    matter: str | int,
    *,
    kind: str,
    at: datetime | str,
    note: str = "",
    confirmed: bool = False,
) -> RecomputeDiff:
    """Record one custody event; an unlikely time needs ``confirmed`` (:class:`NeedsConfirmation`).

    A scheduled release may be in the future; a past-tense event may be too, once confirmed.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.models import CustodyEvent
    from casekit.store.repos import matters as repo

    value = clean_kind(kind)
    when = parse_local_datetime(at, "custody event time")
    text = _clean_note(note)
    with svc.transaction() as session:
        row = repo.matter_by_ref(session=session, ref=matter)
        _check_time(session, svc, row.id or 0, value, when, confirmed)
        session.add(
            CustodyEvent(matter_id=row.id or 0, kind=value, at=when.astimezone(UTC), note=text)
        )
        return recompute_preview(session, svc, row.id or 0)


def update_custody_event(
    svc: AppContext,
    event_id: int,
    *,
    kind: str | None = None,
    at: datetime | str | None = None,
    note: str | None = None,
    version: int | None = None,
    confirmed: bool = False,
) -> RecomputeDiff:
    """Correct a custody event's kind, time or note; returns the recompute preview it causes.

    Raises:
        NotFound: No such event (or it was removed).
        ConflictError: It changed since ``version``.
        NeedsConfirmation: The new time looks wrong and ``confirmed`` is not set.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    value = clean_kind(kind) if kind is not None else None
    when = parse_local_datetime(at, "custody event time") if at is not None else None
    text = _clean_note(note) if note is not None else None
    if value is None and when is None and text is None:
        raise InvalidInput("nothing to change: give the event's kind, time or note")
    with svc.transaction() as session:
        event = repo.live_custody_event(session=session, event_id=event_id)
        check_version(event, version, "custody event")
        new_kind = value or event.kind
        new_at = when.astimezone(UTC) if when is not None else event.at
        if value is not None or when is not None:
            _check_time(session, svc, event.matter_id, new_kind, new_at, confirmed)
        event.kind, event.at = new_kind, new_at
        if text is not None:
            event.note = text
        return _saved(session, svc, event)


def remove_custody_event(
    svc: AppContext, event_id: int, *, reason: str, version: int | None = None
) -> RecomputeDiff:
    """Remove a custody event entered by mistake: kept, marked removed with who, when and why
    (the audit log has the reason too); it leaves the timeline, the over-detention count, the
    deadlines and the documents. Returns the recompute preview it causes.

    Raises:
        InvalidInput: No reason.
        NotFound: No such event (or already removed).
        ConflictError: It changed since ``version``.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    why = required_line(
        reason,
        MAX_REASON,
        "the reason",
        missing="give the reason the custody event is removed (--reason)",
    )
    with svc.transaction() as session:
        event = repo.live_custody_event(session=session, event_id=event_id)
        check_version(event, version, "custody event")
        event.removed_at = datetime.now(UTC)
        event.removed_by = svc.actor
        event.removed_reason = why
        return _saved(session, svc, event)


def _saved(session: Session, svc: AppContext, event: CustodyEvent) -> RecomputeDiff:
    """The changed event saved, its matter marked changed: the recompute preview it causes."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matters as repo

    session.add(event)
    row = repo.matter_by_ref(session=session, ref=event.matter_id)
    row.updated_at = datetime.now(UTC)
    session.add(row)
    return recompute_preview(session, svc, event.matter_id)
