"""Correcting a matter's incident after intake (its facts, its place), and moving its status.

An incident date is a deadline *trigger* (trust-act.md § 3: § 52-577 runs from the act). So every
change here is saved and the recompute it causes is returned as a preview; nothing moves until the
attorney accepts it (``casekit deadlines recompute MATTER --apply`` or the TUI's recompute dialog).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, TypedDict, Unpack

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.text import at_most
from casekit.errors import NotFound
from casekit.services.base import AppContext, check_version
from casekit.services.casefile.preview import recompute_preview
from casekit.services.casefile.stored_screenings import record_screening_in

if TYPE_CHECKING:
    from casekit.services.deadlines import RecomputeDiff
    from casekit.store.models import Incident, Matter
    from casekit.store.repos.matters import Session


class IncidentChanges(TypedDict, total=False):
    """What :func:`update_incident` may change (every key optional; ``None``: unchanged)."""

    occurred_on: date | str | None
    occurred_time: time | str | None
    violations: Sequence[str] | None
    judicial_warrant: bool | None
    tsdb_match: bool | None
    narrative: str | None
    #: A town or agency name from the registry.
    town: str | None
    agency: str | None
    #: The incident row's version as the user saw it.
    version: int | None
    #: A new matter status, moved in the same transaction.
    status: str | None
    #: The matter row's version as the user saw it.
    matter_version: int | None
    status_shown: Sequence[int] | None
    restore: bool


@dataclass(frozen=True)
class _Facts:
    """The incident's new facts, checked (``None``: unchanged)."""

    day: date | None
    at: time | None
    codes: tuple[str, ...] | None
    judicial_warrant: bool | None
    tsdb_match: bool | None
    story: str | None

    @property
    def screened(self) -> bool:
        """Whether a fact screening rests on changes."""
        return any(
            v is not None for v in (self.day, self.codes, self.judicial_warrant, self.tsdb_match)
        )


def _checked(changes: IncidentChanges, today: date) -> _Facts:
    # Imported here: services.matters reaches this package back (it stores screenings through
    # it), an import circle at module level.
    from casekit.services.matters import (
        MAX_NARRATIVE,
        clean_violations,
        parse_incident_date,
        parse_incident_time,
    )

    occurred_on, occurred_time = changes.get("occurred_on"), changes.get("occurred_time")
    violations, narrative = changes.get("violations"), changes.get("narrative")
    story = narrative.strip() if narrative is not None else None
    if story is not None:
        at_most(story, MAX_NARRATIVE, "narrative")
    return _Facts(
        day=parse_incident_date(occurred_on, today) if occurred_on is not None else None,
        at=parse_incident_time(occurred_time) if occurred_time is not None else None,
        codes=clean_violations(violations) if violations is not None else None,
        judicial_warrant=changes.get("judicial_warrant"),
        tsdb_match=changes.get("tsdb_match"),
        story=story,
    )


def update_incident(
    svc: AppContext, matter: str | int, **changes: Unpack[IncidentChanges]
) -> RecomputeDiff:
    """Correct the matter's (first) incident; returns the recompute preview it causes.

    ``version`` is the incident row's version as the user saw it, ``matter_version`` the
    matter's (optimistic locking: someone else's change since is a :class:`ConflictError`).
    ``status`` moves the matter's status in the same transaction
    (:func:`casekit.services.deadlines.lifecycle.change_status_in`, with ``status_shown`` and
    ``restore`` as there): every value is checked before anything is written, and either
    everything is saved or nothing is.

    ``town`` and ``agency`` are names from the registry (an unknown one is refused with "did you
    mean …"); the matter's search text follows them. A narrative longer than
    ``MAX_NARRATIVE`` is refused.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.services.matters import clean_status  # the import circle: see _checked
    from casekit.store.repos import matters as repo

    facts = _checked(changes, svc.today())
    status = changes.get("status")
    new_status = clean_status(status) if status is not None else None
    with svc.transaction() as session:
        row = repo.matter_by_ref(session=session, ref=matter)
        check_version(row, changes.get("matter_version"), "matter")
        if new_status is not None:
            from casekit.services.deadlines.lifecycle import (
                change_status_in,  # lifecycle imports us
            )

            shown, restore = changes.get("status_shown"), changes.get("restore", False)
            change_status_in(session, svc, row, new_status, shown=shown, restore=restore)
        matter_id = row.id or 0
        incident = repo.first_incident(session=session, matter_id=matter_id)
        if incident is None:
            raise NotFound(f"matter {row.number} has no incident to change")
        check_version(incident, changes.get("version"), "matter")
        was = incident.occurred_on
        _apply(incident, facts)
        place = _place(session, incident, changes.get("town"), changes.get("agency"))
        if place:
            _search_text(session, row, incident)
        session.add(incident)
        row.updated_at = datetime.now(UTC)  # the matter changed too (lists sort by it)
        session.add(row)
        if place or facts.screened:
            # The facts screening rests on changed: decide again, with the pack in force.

            session.flush()
            record_screening_in(session, svc, matter_id)
        diff = recompute_preview(session, svc, matter_id)
        if facts.day is not None and facts.day != was:
            # Until the attorney accepts (or keeps) it, the deadlines are out of date.
            from casekit.services.deadlines.markers import mark_in  # markers reads the read model

            mark_in(session, svc, matter_id, f"incident date {was} → {facts.day}", diff)
        return diff


def _apply(incident: Incident, facts: _Facts) -> None:
    """Write the changed facts onto the incident row (its time kept when only the day moved)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).

    if facts.day is not None:
        incident.occurred_on = facts.day
    if facts.at is not None or facts.day is not None:
        clock = facts.at or (
            incident.occurred_at and incident.occurred_at.astimezone(LOCAL_TZ).time()
        )
        incident.occurred_at = (
            datetime.combine(incident.occurred_on, clock, tzinfo=LOCAL_TZ).astimezone(UTC)
            if clock
            else None
        )
    if facts.codes is not None:
        incident.violations = list(facts.codes)
    if facts.judicial_warrant is not None:
        incident.judicial_warrant = facts.judicial_warrant
    if facts.tsdb_match is not None:
        incident.tsdb_match = facts.tsdb_match
    if facts.story is not None:
        incident.narrative = facts.story


def _place(session: Session, incident: Incident, town: str | None, agency: str | None) -> bool:
    """Move the incident to another town or agency (registry names); whether one changed."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference

    moved = False
    if town is not None:
        found = reference.find_town(session=session, name=town)
        moved = moved or found.id != incident.town_id
        incident.town_id = found.id or 0
    if agency is not None:
        found_agency = reference.find_agency(session=session, name=agency)
        moved = moved or found_agency.id != incident.agency_id
        incident.agency_id = found_agency.id or 0
    return moved


def _search_text(session: Session, matter: Matter, incident: Incident) -> None:
    """The matter list's search text after the incident moved (client, number, town, agency)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.services.matters import search_text  # the import circle: see _checked
    from casekit.store.models import Agency, Client, Town

    client = session.get(Client, matter.client_id)
    town = session.get(Town, incident.town_id)
    agency = session.get(Agency, incident.agency_id)
    matter.search_text = search_text(
        client.name if client else "", matter.number, town.name if town else "",
        agency.name if agency else "",
    )  # fmt: skip


def set_matter_status(
    svc: AppContext, matter: str | int, status: str, *, version: int | None = None
) -> str:
    """Move a matter through intake → screening → active → closed/declined.

    Goes through :func:`casekit.services.deadlines.lifecycle.change_status`: closing or declining
    closes the matter's open deadlines in the same transaction (show them first:
    ``lifecycle.closing_preview``); reopening leaves them closed until restored.
    """
    from casekit.services.deadlines.lifecycle import change_status  # lifecycle imports this package

    return change_status(svc, matter, status, version=version).matter
