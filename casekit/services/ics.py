"""Open deadlines as an iCalendar file (RFC 5545) for Outlook, Google or Apple calendars.

One all-day event per open deadline, on its **safe target** (the day to act by). The event's
``UID`` is ``deadline-<id>@casekit``: the same deadline keeps its UID across exports, and
``SEQUENCE`` (the row's version) and ``LAST-MODIFIED`` (its ``updated_at``) rise when it is
recomputed, so a calendar that imports the file again updates the event instead of adding a
second one. The summary names the matter and the client's **initials** only; the description has
the legal last day, citation, confidence ("verify" when not confirmed) and the computation trail.
Alarms (``VALARM``, display) sit at the reminder tiers of the deadline's kind that are still
ahead (:mod:`casekit.domain.reminders`; the firm's ``reminders.tiers.<kind>`` settings); a
deadline due today or overdue, with every tier past,
gets one alarm at its start, so every event alerts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.services.base import Services
    from casekit.services.reports import DeadlineRow

PRODID = "-//casekit//Trust Act deadlines//EN"
UID_DOMAIN = "casekit"


def uid_for(deadline_id: int) -> str:
    """The stable UID of a deadline's event."""
    return f"deadline-{deadline_id}@{UID_DOMAIN}"


def _description(row: DeadlineRow) -> str:
    lines = [
        f"Matter: {row.matter}",
        f"Safe target (act by): {row.safe_target.isoformat()}",
        f"Due (legal last day): {row.due.isoformat()}",
        f"Citation: {row.citation}",
        f"Confidence: {row.confidence or 'unknown'}"
        + (" (VERIFY before relying on this date)" if row.verify else ""),
        f"Rule: {row.rule_id}",
    ]
    if row.trail:
        lines += ["", "How it was computed:", *(f"- {step}" for step in row.trail)]
    lines += ["", "Not legal advice: casekit shows the citation and confidence of every rule."]
    return "\n".join(lines)


def _updated_at(svc: Services, ids: list[int]) -> dict[int, datetime]:
    from sqlalchemy import select

    from casekit.store.models import Deadline

    d = Deadline.__table__  # type: ignore[attr-defined]
    out: dict[int, datetime] = {}
    with svc.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            out.update(conn.execute(select(d.c.id, d.c.updated_at).where(d.c.id.in_(chunk))).all())
    return out


@dataclass(frozen=True)
class IcsCalendar:
    data: bytes  # the .ics file
    events: int


def build_calendar(
    svc: Services,
    *,
    matter: str | None = None,
    attorney: str | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> IcsCalendar:
    """The calendar of open deadlines.

    Args:
        svc: The services.
        matter: Only this matter (NotFound when unknown).
        attorney: Only this attorney's matters (InvalidInput when unknown).
        today: Alarms before this day are left out (default: :meth:`Services.today`).
        now: The ``DTSTAMP`` (default: the current UTC time).
    """
    from icalendar import Calendar, Event

    from casekit.services.reports import open_deadline_rows, resolve_attorney

    today = today or svc.today()
    stamp = now or datetime.now(UTC)
    attorney_id, _ = resolve_attorney(svc, attorney)
    rows = open_deadline_rows(
        svc, today=today, attorney_id=attorney_id, matter=matter, redact=True, with_trail=True
    )
    modified = _updated_at(svc, [r.deadline_id for r in rows])
    from casekit.services.settings import reminder_tiers

    ladders = reminder_tiers(svc)  # the firm's tiers per rule kind (settings)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "casekit deadlines")
    for row in rows:
        event = Event()
        event.add("uid", uid_for(row.deadline_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", row.safe_target)
        event.add("dtend", row.safe_target + timedelta(days=1))
        event.add("sequence", row.version)
        if row.deadline_id in modified:
            event.add("last-modified", modified[row.deadline_id])
        verify = " [verify]" if row.verify else ""
        event.add("summary", f"{row.matter} ({row.client}): {row.title}{verify}")
        event.add("description", _description(row))
        event.add("transp", "TRANSPARENT")
        event.add("categories", ["casekit", row.rule_id])
        alarms = 0
        for days in ladders.for_kind(row.kind):
            if row.safe_target - timedelta(days=days) < today:
                continue  # a reminder already past would fire at once on import
            _add_alarm(event, timedelta(days=-days), f"{row.matter}: {row.title} in {days} day(s)")
            alarms += 1
        if not alarms:
            # Every tier is past: the deadline is today or overdue, the one that must alert.
            when = "OVERDUE" if row.safe_target < today else "today"
            _add_alarm(event, timedelta(0), f"{row.matter}: {row.title} ({when})")
        cal.add_component(event)
    return IcsCalendar(data=cal.to_ical(), events=len(rows))


def _add_alarm(event: Any, trigger: timedelta, description: str) -> None:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger)
    alarm.add("description", description)
    event.add_component(alarm)


def export_ics(
    svc: Services,
    path: Path | str,
    *,
    matter: str | None = None,
    attorney: str | None = None,
    today: date | None = None,
) -> int:
    """Write the calendar owner-only and atomically; return how many events it holds."""
    from casekit.services.reports import write_output

    result = build_calendar(svc, matter=matter, attorney=attorney, today=today)
    write_output(path, result.data)
    return result.events
