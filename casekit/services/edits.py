"""Editing a matter's records after intake (issue 15, item 1): custody events, claims and relief,
parties.

Each use case is one transaction with optimistic locking (``version``: the row's version as the
user saw it; someone else's change since is a :class:`~casekit.errors.ConflictError` and nothing
is written) and goes into the audit log through the session. A change to a deadline trigger (a
release, a defendant) returns the recompute preview: nothing moves until the attorney accepts it.

A custody event is never deleted: :func:`remove_custody_event` marks it removed with the reason
(migration 0019), and every reader leaves it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.model import CUSTODY_KINDS
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import Services, check_version

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.deadlines import RecomputeDiff

#: Custody events that say something *happened*: one after "now" is probably a typo. A scheduled
#: release is a plan and may be in the future.
PLANNED_KINDS = frozenset({"scheduled_release"})
MAX_REASON = 2_000
MAX_RELIEF = 200
#: The most relief items a matter lists.
MAX_RELIEF_ITEMS = 20


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
    from casekit.domain.calendar import LOCAL_TZ

    found = []
    if kind not in PLANNED_KINDS and when > now:
        found.append(f"the {kind.replace('_', ' ')} is in the future (after now)")
    if incident_on is not None and when.astimezone(LOCAL_TZ).date() < incident_on:
        found.append(f"it is before the incident ({incident_on.isoformat()})")
    return found


def effective_now(svc: Services) -> datetime:
    """Now; with "today" pinned to another day (``CASEKIT_TODAY``), the end of that day."""
    from datetime import time

    from casekit.domain.calendar import LOCAL_TZ

    now = svc.now()
    today = svc.today()
    if now.astimezone(LOCAL_TZ).date() == today:
        return now
    return datetime.combine(today, time(23, 59), tzinfo=LOCAL_TZ)


def _incident_day(session: Session, matter_id: int) -> date | None:
    from sqlmodel import col, func, select

    from casekit.store.models import Incident

    return session.exec(
        select(func.min(col(Incident.occurred_on))).where(col(Incident.matter_id) == matter_id)
    ).first()


def _check_time(
    session: Session, svc: Services, matter_id: int, kind: str, when: datetime, confirmed: bool
) -> None:
    if confirmed:
        return
    warnings = custody_time_warnings(
        kind, when, now=effective_now(svc), incident_on=_incident_day(session, matter_id)
    )
    if warnings:
        raise NeedsConfirmation(
            f"check the custody event's time: {'; '.join(warnings)}{CONFIRM_HINT}"
        )


def _clean_note(note: str) -> str:
    from casekit.services.timeline import MAX_NOTE

    text = (note or "").strip()
    if len(text) > MAX_NOTE:
        raise InvalidInput(f"the note is longer than {MAX_NOTE} characters")
    return text


def add_custody_event(
    svc: Services,
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
    from casekit.services.timeline import _matter, _preview, parse_local_datetime
    from casekit.store.models import CustodyEvent

    value = clean_kind(kind)
    when = parse_local_datetime(at, "custody event time")
    text = _clean_note(note)
    with svc.transaction() as session:
        row = _matter(session, matter)
        _check_time(session, svc, row.id, value, when, confirmed)
        session.add(CustodyEvent(matter_id=row.id, kind=value, at=when.astimezone(UTC), note=text))
        return _preview(session, svc, row.id)


def _event(session: Session, event_id: int) -> Any:
    from casekit.store.models import CustodyEvent

    row = session.get(CustodyEvent, event_id)
    if row is None or row.removed_at is not None:
        raise NotFound(f"no custody event with id {event_id}")
    return row


def update_custody_event(
    svc: Services,
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
    from casekit.services.timeline import _matter, _preview, parse_local_datetime

    value = clean_kind(kind) if kind is not None else None
    when = parse_local_datetime(at, "custody event time") if at is not None else None
    text = _clean_note(note) if note is not None else None
    if value is None and when is None and text is None:
        raise InvalidInput("nothing to change: give the event's kind, time or note")
    with svc.transaction() as session:
        event = _event(session, event_id)
        check_version(event, version, "custody event")
        new_kind = value or event.kind
        new_at = when.astimezone(UTC) if when is not None else event.at
        if value is not None or when is not None:
            _check_time(session, svc, event.matter_id, new_kind, new_at, confirmed)
        event.kind, event.at = new_kind, new_at
        if text is not None:
            event.note = text
        session.add(event)
        row = _matter(session, event.matter_id)
        row.updated_at = datetime.now(UTC)
        session.add(row)
        return _preview(session, svc, event.matter_id)


def remove_custody_event(
    svc: Services, event_id: int, *, reason: str, version: int | None = None
) -> RecomputeDiff:
    """Remove a custody event entered by mistake: kept, marked removed with who, when and why
    (the audit log has the reason too); it leaves the timeline, the over-detention count, the
    deadlines and the documents. Returns the recompute preview it causes.

    Raises:
        InvalidInput: No reason.
        NotFound: No such event (or already removed).
        ConflictError: It changed since ``version``.
    """
    from casekit.services.timeline import _matter, _preview

    why = " ".join((reason or "").split())
    if not why:
        raise InvalidInput("give the reason the custody event is removed (--reason)")
    if len(why) > MAX_REASON:
        raise InvalidInput(f"the reason is longer than {MAX_REASON} characters")
    with svc.transaction() as session:
        event = _event(session, event_id)
        check_version(event, version, "custody event")
        event.removed_at = datetime.now(UTC)
        event.removed_by = svc.actor
        event.removed_reason = why
        session.add(event)
        row = _matter(session, event.matter_id)
        row.updated_at = datetime.now(UTC)
        session.add(row)
        return _preview(session, svc, event.matter_id)


# --- claims and relief ------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimsChange:
    """What :func:`update_claims` did."""

    matter: str
    claims: tuple[str, ...]
    relief: tuple[str, ...]
    before_claims: tuple[str, ...] = ()
    before_relief: tuple[str, ...] = ()
    version: int = 0
    changed: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("claims", "relief", "before_claims", "before_relief", "changed"):
            data[key] = list(data[key])
        return data


RELIEF_SEPARATOR = "; "


def split_relief(text: str) -> tuple[str, ...]:
    """The relief items of a matter's ``relief_sought`` ("injunction; damages")."""
    return tuple(item.strip() for item in (text or "").split(";") if item.strip())


def clean_relief(items: Sequence[str]) -> tuple[str, ...]:
    """Relief items, tidied, duplicates (any case) dropped, each within bounds."""
    seen: dict[str, str] = {}
    for item in items:
        tidy = " ".join((item or "").replace(";", ",").split())
        if not tidy:
            raise InvalidInput("a relief item is empty")
        if len(tidy) > MAX_RELIEF:
            raise InvalidInput(f"a relief item is longer than {MAX_RELIEF} characters")
        seen.setdefault(tidy.casefold(), tidy)
    if len(seen) > MAX_RELIEF_ITEMS:
        raise InvalidInput(f"more than {MAX_RELIEF_ITEMS} relief items")
    return tuple(seen.values())


def update_claims(
    svc: Services,
    matter: str | int,
    *,
    claims: Sequence[str] | None = None,
    add_claims: Sequence[str] = (),
    drop_claims: Sequence[str] = (),
    relief: Sequence[str] | None = None,
    add_relief: Sequence[str] = (),
    drop_relief: Sequence[str] = (),
    version: int | None = None,
) -> ClaimsChange:
    """Set (``claims``/``relief``) or add to and remove from the claims pleaded (the law pack's
    claim ids) and the relief sought; one transaction, refused if the matter changed since
    ``version``. Removing a claim or relief item the matter does not have is an error (a typo
    would otherwise pass silently).
    """
    from casekit.services.matters.fields import clean_claims
    from casekit.services.timeline import _matter

    wanted = clean_claims(claims) if claims is not None else None
    plus, minus = clean_claims(add_claims), clean_claims(drop_claims)
    wanted_relief = clean_relief(relief) if relief is not None else None
    plus_relief, minus_relief = clean_relief(add_relief), clean_relief(drop_relief)
    with svc.transaction() as session:
        row = _matter(session, matter)
        check_version(row, version, "matter")
        before = tuple(row.claims or ())
        before_relief = split_relief(row.relief_sought)
        result = list(wanted if wanted is not None else before)
        for code in minus:
            if code not in result:
                raise InvalidInput(f"{row.number} does not plead '{code}'")
            result.remove(code)
        result += [c for c in plus if c not in result]
        items = list(wanted_relief if wanted_relief is not None else before_relief)
        folded = [i.casefold() for i in items]
        for item in minus_relief:
            if item.casefold() not in folded:
                raise InvalidInput(f"{row.number} does not seek '{item[:40]}'")
            index = folded.index(item.casefold())
            del items[index], folded[index]
        items += [i for i in plus_relief if i.casefold() not in folded]
        clean_relief(items)  # the bounds, on the result
        changed = []
        if tuple(result) != before:
            row.claims = list(result)
            changed.append("claims")
        if tuple(items) != before_relief:
            row.relief_sought = RELIEF_SEPARATOR.join(items)
            changed.append("relief")
        if changed:
            row.updated_at = datetime.now(UTC)
            session.add(row)
            session.flush()
        return ClaimsChange(
            matter=row.number,
            claims=tuple(result),
            relief=tuple(items),
            before_claims=before,
            before_relief=before_relief,
            version=row.version,
            changed=tuple(changed),
        )


# --- parties ----------------------------------------------------------------------------------


def update_party(
    svc: Services,
    party_id: int,
    *,
    name: str | None = None,
    role: str | None = None,
    capacity: str | None = None,
    service_address: str | None = None,
    version: int | None = None,
) -> Any:
    """Correct a party's name, role, capacity or service address (one transaction, ``version``).

    A defendant's role change can change the deadlines (the notices it brought): the returned
    ``recompute`` shows them.

    Raises:
        NotFound: No such party.
        ConflictError: It changed since ``version``.
        InvalidInput: An unknown role or capacity, an empty name, a capacity on a non-defendant.
    """
    from dataclasses import replace

    from casekit.domain.text import fold
    from casekit.services.clients.fields import clean_name
    from casekit.services.parties import _clean_address, _out, _preview, clean_capacity, clean_role
    from casekit.store.models import Matter, Party

    new_role = clean_role(role) if role is not None else None
    new_capacity = clean_capacity(capacity) if capacity is not None else None
    new_name = clean_name(name, "party name") if name is not None else None
    address = _clean_address(service_address) if service_address is not None else None
    with svc.transaction() as session:
        party = session.get(Party, party_id)
        if party is None:
            raise NotFound(f"no party with id {party_id}")
        check_version(party, version, "party")
        was_defendant = party.role == "defendant"
        if new_role is not None:
            party.role = new_role
        if new_capacity is not None:
            if new_capacity and party.role != "defendant":
                raise InvalidInput("only a defendant is sued in a capacity")
            party.capacity = new_capacity
        elif party.role != "defendant":
            party.capacity = ""
        if new_name is not None:
            party.name = new_name
            party.name_key = fold(new_name)
        if address is not None:
            party.service_address = address
        session.add(party)
        session.flush()
        matter = session.get(Matter, party.matter_id)
        assert matter is not None and matter.id is not None
        out = _out(session, party, matter.number)
        if was_defendant or party.role == "defendant":
            out = replace(out, recompute=_preview(session, svc, matter.id))
        return out
