"""Time entries on a matter: add, list, edit and remove the ones no fee petition includes.

Every write is one transaction and goes through the ORM, so the audit log records it
(:mod:`casekit.store.audit`). Hours are whole tenths and rates whole cents
(:mod:`casekit.domain.fees`). An entry a petition includes is locked: :mod:`.corrections`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, Unpack

from casekit.domain import fees
from casekit.domain.records import from_fields
from casekit.services.base import check_version
from casekit.services.fees.checks import (
    KEEP,
    TIME_ENTRY,
    changed_columns,
    check_unlocked,
    clean_claim,
    clean_description,
    not_future,
    tenths_of,
)
from casekit.services.fees.results import TimeEntryOut
from casekit.services.fees.timekeepers import active_timekeeper, find_timekeeper, rate_facts
from casekit.store import repo
from casekit.store.models import Matter, TimeEntry, User
from casekit.store.repos import fees as fee_repo
from casekit.store.repos.rows import row_by_id

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.fees import Session

__all__ = [
    "EntryFlags",
    "NewTimeEntry",
    "TimeEntryChanges",
    "add_time_entry",
    "edit_time_entry",
    "list_time_entries",
    "remove_time_entry",
]


class EntryFlags(TypedDict, total=False):
    """What a new entry says besides the work: the claim it served, and its exclusions."""

    claim: str
    billable: bool
    unrelated: bool


class NewTimeEntry(TypedDict):
    """The fields of a new time entry (keyword arguments of :func:`add_time_entry`)."""

    timekeeper: str | int
    hours: int | str
    category: str
    description: str
    worked_on: NotRequired[date | None]
    claim: NotRequired[str]
    billable: NotRequired[bool]
    unrelated: NotRequired[bool]


class TimeEntryChanges(TypedDict, total=False):
    """What an edit or a correction changes; a field left out (or ``KEEP``) stays as it is."""

    worked_on: date
    timekeeper: str | int
    hours: int | str
    category: str
    claim: str
    description: str
    billable: bool
    unrelated: bool


def entry_out(
    entry: TimeEntry,
    number: str,
    user: User,
    petitions: tuple[int, ...],
    rates: list[fees.RateFact],
) -> TimeEntryOut:
    """The entry as lists show it, valued at the rate in effect on its date."""
    user_id = user.id or 0
    rate = fees.rate_on(rates, user_id, entry.worked_on)
    return from_fields(
        TimeEntryOut,
        entry,
        id=entry.id or 0,
        matter=number,
        timekeeper_id=user_id,
        timekeeper=user.name,
        role=user.role,
        petitions=petitions,
        rate_cents=rate.cents_per_hour if rate else None,
        value_cents=fees.entry_value(entry.tenths, rate.cents_per_hour) if rate else None,
    )


def one_entry(session: Session, entry: TimeEntry) -> TimeEntryOut:
    """:func:`entry_out` for one stored entry (reads its matter, timekeeper and petitions)."""
    entry_id = entry.id or 0
    # a foreign key guarantees both
    matter = row_by_id(session, Matter, entry.matter_id, f"no matter #{entry.matter_id}")
    user = row_by_id(session, User, entry.user_id, f"no user #{entry.user_id}")
    found = fee_repo.petition_numbers(session=session, record="time_entry", ids=[entry_id])
    petitions = found.get(entry_id, ())
    return entry_out(entry, matter.number, user, petitions, rate_facts(session, {entry.user_id}))


def record_entry(
    session: Session, matter: Matter, user: User, flags: EntryFlags, **work: Any
) -> TimeEntryOut:
    """Write a new entry by ``user`` on ``matter``: the ``work`` columns (date, tenths, category,
    description, source) with the claim (one of the matter's) and the exclusions ``flags`` give.
    Returns it as lists show it."""
    added = TimeEntry(
        matter_id=matter.id or 0,
        user_id=user.id or 0,
        claim=clean_claim(flags.get("claim", ""), matter.claims),
        billable=flags.get("billable", True),
        unrelated=flags.get("unrelated", False),
        **work,
    )
    session.add(added)
    session.flush()
    return entry_out(added, matter.number, user, (), rate_facts(session, {user.id or 0}))


def find_entry(session: Session, entry_id: int) -> TimeEntry:
    missing = f"no time entry #{entry_id} (see casekit time list MATTER)"
    return row_by_id(session, TimeEntry, entry_id, missing)


def task_category(value: str) -> str:
    return fees.check_choice(value, fees.TASK_CATEGORIES, "task category")


def plain_changes(svc: AppContext, changes: TimeEntryChanges) -> dict[str, Any]:
    """The changed columns that need no database: hours, task, description, date, flags."""
    return changed_columns(
        changes,
        {
            "hours": ("tenths", tenths_of),
            "category": ("category", task_category),
            "description": ("description", clean_description),
            "worked_on": ("worked_on", lambda day: not_future(day, svc.today(), "work date")),
            "billable": ("billable", bool),
            "unrelated": ("unrelated", bool),
        },
    )


def session_changes(session: Session, changes: TimeEntryChanges, matter_id: int) -> dict[str, Any]:
    """The changed columns read against the database: the timekeeper and the claim."""
    out: dict[str, Any] = {}
    if changes.get("timekeeper", KEEP) is not KEEP:
        out["user_id"] = find_timekeeper(session, changes["timekeeper"]).id
    if changes.get("claim", KEEP) is not KEEP:
        matter = row_by_id(session, Matter, matter_id, f"no matter #{matter_id}")
        out["claim"] = clean_claim(changes["claim"], matter.claims)
    return out


def add_time_entry(
    svc: AppContext, matter: str | int, **entry: Unpack[NewTimeEntry]
) -> TimeEntryOut:
    """Record work done on a matter.

    Args:
        svc: The services.
        matter: Number (``TA-2026-0001``) or id.
        **entry: ``timekeeper`` (name or id of the attorney, paralegal or law clerk);
            ``hours`` (tenths as an int, or text: ``"1.5"``, ``"0:45"``, see
            ``fees.parse_hours``); ``category`` (one of ``fees.TASK_CATEGORIES``);
            ``description`` (what was done, required); ``worked_on`` (default today; never in
            the future); ``claim`` (one of the matter's claims, or "" for all); ``billable``
            (False records it as no-charge) and ``unrelated`` (unrelated to a successful claim),
            both shown as exclusions.
    """
    tenths = tenths_of(entry["hours"])
    kind = task_category(entry["category"])
    text = clean_description(entry["description"])
    today = svc.today()
    day = not_future(entry.get("worked_on") or today, today, "work date")
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        user = active_timekeeper(session, entry["timekeeper"])
        return record_entry(
            session, row, user, entry, worked_on=day, tenths=tenths, category=kind, description=text
        )


def list_time_entries(
    svc: AppContext,
    matter: str | int,
    *,
    through: date | None = None,
    since: date | None = None,
) -> list[TimeEntryOut]:
    """A matter's time entries by date (then id), each with its value and petitions."""
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        pairs = fee_repo.entries_with_users(
            session=session, matter_id=row.id or 0, through=through, since=since
        )
        ids = [e.id for e, _ in pairs if e.id is not None]
        petitions = fee_repo.petition_numbers(session=session, record="time_entry", ids=ids)
        rates = rate_facts(session, {u.id for _, u in pairs if u.id is not None})
        return [entry_out(e, row.number, u, petitions.get(e.id or 0, ()), rates) for e, u in pairs]


def edit_time_entry(
    svc: AppContext,
    entry_id: int,
    *,
    version: int | None = None,
    **changes: Unpack[TimeEntryChanges],
) -> TimeEntryOut:
    """Change an entry no fee petition includes yet (a locked one needs a correction).

    ``version`` is the entry's version when it was shown: someone else's save in between is a
    ConflictError, never silently overwritten.
    """
    columns = plain_changes(svc, changes)
    with svc.transaction() as session:
        entry = find_entry(session, entry_id)
        check_version(entry, version, "time entry")
        check_unlocked(session, TIME_ENTRY, entry_id, negative=entry.tenths < 0, verb="changed")
        columns |= session_changes(session, changes, entry.matter_id)
        for key, value in columns.items():
            setattr(entry, key, value)
        session.flush()
        return one_entry(session, entry)


def remove_time_entry(
    svc: AppContext, entry_id: int, *, version: int | None = None
) -> TimeEntryOut:
    """Delete an entry no fee petition includes (the audit log keeps what it said)."""
    with svc.transaction() as session:
        entry = find_entry(session, entry_id)
        check_version(entry, version, "time entry")
        check_unlocked(session, TIME_ENTRY, entry_id, negative=entry.tenths < 0, verb="removed")
        out = one_entry(session, entry)
        session.delete(entry)
        return out
