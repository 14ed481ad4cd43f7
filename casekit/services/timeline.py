"""Changing a matter after intake: the incident's facts, the custody timeline, the status.

An incident date or a release is a deadline *trigger* (trust-act.md § 3: § 52-577 runs from the
act, § 1983 detention claims from the release, *Wallace v. Kato*). So every change here is saved
and the recompute it causes is returned as a preview; nothing moves until the attorney accepts it
(``casekit deadlines recompute MATTER --apply`` or the TUI's recompute dialog).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any

from casekit.domain.model import MATTER_STATUSES
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import Services, check_version
from casekit.services.matters.fields import (
    clean_status,
    clean_violations,
    parse_incident_date,
    parse_incident_time,
)

if TYPE_CHECKING:
    from casekit.services.deadlines import RecomputeDiff

MAX_NOTE = 2_000


@dataclass(frozen=True)
class CustodyOut:
    id: int
    kind: str
    at: datetime  # local wall time (America/New_York)
    note: str
    version: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.strftime("%Y-%m-%dT%H:%M")
        return data


def parse_local_datetime(value: datetime | str, what: str = "time") -> datetime:
    """``YYYY-MM-DDTHH:MM`` (or a datetime) in Connecticut wall time, as an aware datetime."""
    from casekit.domain.calendar import LOCAL_TZ

    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
    text = value.strip().replace(" ", "T")
    if len(text) > 40:
        raise InvalidInput(f"{what} is not a real date and time (expected YYYY-MM-DDTHH:MM)")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{what} '{text[:30]!a}' is not a real date and time (expected YYYY-MM-DDTHH:MM)"
        ) from None
    from casekit import config
    from casekit.domain.bounds import check_day

    check_day(parsed.date(), config.today(), what)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TZ)


def _matter(session: Any, matter: str | int) -> Any:
    from sqlmodel import col, select

    from casekit.store.models import Matter

    if isinstance(matter, int) or str(matter).isdigit():
        row = session.get(Matter, int(matter))
    else:
        row = session.exec(
            select(Matter).where(col(Matter.number) == str(matter).strip().upper())
        ).first()
    if row is None:
        raise NotFound(f"no matter '{str(matter)[:20]}'")
    return row


def _preview(session: Any, svc: Services, matter_id: int) -> RecomputeDiff:
    from casekit.services.deadlines import _preview_in

    session.flush()
    return _preview_in(session, svc, matter_id)[0]


def update_incident(
    svc: Services,
    matter: str | int,
    *,
    occurred_on: date | str | None = None,
    occurred_time: time | str | None = None,
    violations: Sequence[str] | None = None,
    judicial_warrant: bool | None = None,
    tsdb_match: bool | None = None,
    narrative: str | None = None,
    town: str | None = None,
    agency: str | None = None,
    version: int | None = None,
    status: str | None = None,
    matter_version: int | None = None,
    status_shown: Sequence[int] | None = None,
    restore: bool = False,
) -> RecomputeDiff:
    """Correct the matter's (first) incident; returns the recompute preview it causes.

    ``version`` is the incident row's version as the user saw it, ``matter_version`` the
    matter's (optimistic locking: someone else's change since is a :class:`ConflictError`).
    ``status`` moves the matter's status in the same transaction
    (:func:`casekit.services.deadlines.lifecycle.change_status_in`, with ``status_shown`` and ``restore``
    as there): every value is checked before anything is written, and either everything is
    saved or nothing is.

    ``town`` and ``agency`` are names from the registry (an unknown one is refused with "did you
    mean …"); the matter's search text follows them. A narrative longer than
    ``MAX_NARRATIVE`` is refused.
    """
    from sqlmodel import col, select

    from casekit.domain.calendar import LOCAL_TZ
    from casekit.services.matters.fields import MAX_NARRATIVE
    from casekit.store.models import Incident

    today = svc.today()
    day = parse_incident_date(occurred_on, today) if occurred_on is not None else None
    at = parse_incident_time(occurred_time) if occurred_time is not None else None
    codes = clean_violations(violations) if violations is not None else None
    new_status = clean_status(status) if status is not None else None
    story = narrative.strip() if narrative is not None else None
    if story is not None and len(story) > MAX_NARRATIVE:
        raise InvalidInput(f"narrative is longer than {MAX_NARRATIVE} characters")
    with svc.transaction() as session:
        row = _matter(session, matter)
        check_version(row, matter_version, "matter")
        if new_status is not None:
            from casekit.services.deadlines.lifecycle import change_status_in

            change_status_in(session, svc, row, new_status, shown=status_shown, restore=restore)
        incident = session.exec(
            select(Incident).where(col(Incident.matter_id) == row.id).order_by(col(Incident.id))
        ).first()
        if incident is None:
            raise NotFound(f"matter {row.number} has no incident to change")
        check_version(incident, version, "matter")
        was = incident.occurred_on
        if day is not None:
            incident.occurred_on = day
        if at is not None or day is not None:
            clock = at or (
                incident.occurred_at and incident.occurred_at.astimezone(LOCAL_TZ).time()
            )
            incident.occurred_at = (
                datetime.combine(incident.occurred_on, clock, tzinfo=LOCAL_TZ).astimezone(UTC)
                if clock
                else None
            )
        if codes is not None:
            incident.violations = list(codes)
        if judicial_warrant is not None:
            incident.judicial_warrant = judicial_warrant
        if tsdb_match is not None:
            incident.tsdb_match = tsdb_match
        if story is not None:
            incident.narrative = story
        place = _place(session, incident, town, agency)
        if place:
            _search_text(session, row, incident)
        session.add(incident)
        row.updated_at = datetime.now(UTC)  # the matter changed too (lists sort by it)
        session.add(row)
        if place or any(v is not None for v in (day, codes, judicial_warrant, tsdb_match)):
            # The facts screening rests on changed: decide again, with the pack in force.
            from casekit.services.screenings import record_screening_in

            session.flush()
            record_screening_in(session, svc, row.id)
        diff = _preview(session, svc, row.id)
        if day is not None and day != was:
            # Until the attorney accepts (or keeps) it, the deadlines are out of date.
            from casekit.services.deadlines.markers import mark_in

            mark_in(session, svc, row.id, f"incident date {was} → {day}", diff)
        return diff


def _place(session: Any, incident: Any, town: str | None, agency: str | None) -> bool:
    """Move the incident to another town or agency (registry names); whether one changed."""
    from casekit.store import repo

    moved = False
    if town is not None:
        found = repo.find_town(session=session, name=town)
        moved = moved or found.id != incident.town_id
        incident.town_id = found.id
    if agency is not None:
        found_agency = repo.find_agency(session=session, name=agency)
        moved = moved or found_agency.id != incident.agency_id
        incident.agency_id = found_agency.id
    return moved


def _search_text(session: Any, matter: Any, incident: Any) -> None:
    """The matter list's search text after the incident moved (client, number, town, agency)."""
    from casekit.store.models import Agency, Client, Town
    from casekit.store.repos.matters_write import search_text

    client = session.get(Client, matter.client_id)
    town = session.get(Town, incident.town_id)
    agency = session.get(Agency, incident.agency_id)
    matter.search_text = search_text(
        client.name if client else "", matter.number, town.name if town else "",
        agency.name if agency else "",
    )  # fmt: skip


def add_custody_event(
    svc: Services,
    matter: str | int,
    *,
    kind: str,
    at: datetime | str,
    note: str = "",
    confirmed: bool = False,
) -> RecomputeDiff:
    """Record one custody event (arrest, booking, detainer, scheduled release, release...).

    A release is the accrual of a § 1983 detention claim, so the preview may move deadlines.
    A past-tense event after now, or any event before the incident, needs ``confirmed``
    (:func:`casekit.services.edits.add_custody_event`); a scheduled release may be ahead.
    """
    from casekit.services.edits import add_custody_event as add

    return add(svc, matter, kind=kind, at=at, note=note, confirmed=confirmed)


def list_custody_events(svc: Services, matter: str | int) -> list[CustodyOut]:
    """The matter's custody timeline, oldest first, in Connecticut wall time."""
    from sqlmodel import col, select

    from casekit.domain.calendar import LOCAL_TZ
    from casekit.store.models import CustodyEvent

    with svc.transaction() as session:
        row = _matter(session, matter)
        events = session.exec(
            select(CustodyEvent)
            .where(col(CustodyEvent.matter_id) == row.id)
            .where(col(CustodyEvent.removed_at).is_(None))
            .order_by(col(CustodyEvent.at), col(CustodyEvent.id))
        ).all()
        out = []
        for e in events:
            out.append(
                CustodyOut(
                    id=e.id or 0,
                    kind=e.kind,
                    at=e.at.astimezone(LOCAL_TZ),
                    note=e.note,
                    version=e.version,
                )
            )
        return out


@dataclass(frozen=True)
class OverDetentionOut:
    """Hours held past the scheduled release and past the 48-hour cap, with what they rest on.

    Computed by :func:`casekit.domain.custody.over_detention` (the one place that does) with
    the ``FED_DETAINER_48H`` rule in force: the firm's ``rules.local.toml`` override included.
    """

    hours_past_release: float | None
    hours_past_cap: float | None
    scheduled_release: datetime | None
    released_at: datetime | None
    cap_end: datetime | None
    citations: tuple[str, ...]
    confidence: str
    overridden: bool
    trail: tuple[str, ...]

    @property
    def verify(self) -> bool:
        return self.confidence != "confirmed"

    def summary(self) -> str:
        """One line: "30.0 h past the scheduled release; 6.0 h past the 48-hour cap (...)"."""
        parts = []
        if self.hours_past_release is not None:
            parts.append(f"{self.hours_past_release:.1f} h past the scheduled release")
        if self.hours_past_cap is not None:
            parts.append(f"{self.hours_past_cap:.1f} h past the 48-hour cap")
        if not parts:
            return self.trail[0] if self.trail else ""
        marks = [] if not self.overridden else ["firm rule"]
        if self.verify:
            marks.append(f"verify: {self.confidence}")
        marker = f"  [{'; '.join(marks)}]" if marks else ""
        return "; ".join(parts) + f" ({'; '.join(self.citations)}){marker}"

    def to_dict(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "hours_past_release": self.hours_past_release,
            "hours_past_cap": self.hours_past_cap,
            "scheduled_release": iso(self.scheduled_release),
            "released_at": iso(self.released_at),
            "cap_end": iso(self.cap_end),
            "citations": list(self.citations),
            "confidence": self.confidence,
            "verify": self.verify,
            "firm_override": self.overridden,
            "trail": list(self.trail),
            "summary": self.summary(),
        }


def over_detention_for(
    svc: Services, events: Sequence[tuple[str, datetime]]
) -> OverDetentionOut | None:
    """Over-detention for ``(kind, at)`` custody events (aware times), or None without any.

    Raises:
        InvalidInput: The firm's rules.local.toml is broken (one line naming it).
    """
    from casekit.domain.custody import over_detention
    from casekit.domain.deadlines import default_federal_calendar
    from casekit.domain.model import CustodyEvent as Event
    from casekit.services.law.rules import rule_set

    if not events:
        return None
    rule = rule_set(svc).get("FED_DETAINER_48H")
    result = over_detention(
        [Event(kind=kind, at=at) for kind, at in events], default_federal_calendar(), rule
    )
    return OverDetentionOut(
        hours_past_release=result.hours_past_release,
        hours_past_cap=result.hours_past_cap,
        scheduled_release=result.scheduled_release,
        released_at=result.released_at,
        cap_end=result.cap_end,
        citations=result.citations,
        confidence=result.confidence,
        overridden=rule.overridden,
        trail=result.trail,
    )


def set_matter_status(
    svc: Services, matter: str | int, status: str, *, version: int | None = None
) -> str:
    """Move a matter through intake → screening → active → closed/declined.

    Goes through :func:`casekit.services.deadlines.lifecycle.change_status`: closing or declining closes
    the matter's open deadlines in the same transaction (show them first:
    ``lifecycle.closing_preview``); reopening leaves them closed until restored.
    """
    from casekit.services.deadlines.lifecycle import change_status

    return change_status(svc, matter, status, version=version).matter


__all__ = [
    "MATTER_STATUSES",
    "CustodyOut",
    "OverDetentionOut",
    "over_detention_for",
    "add_custody_event",
    "list_custody_events",
    "parse_local_datetime",
    "set_matter_status",
    "update_incident",
]
