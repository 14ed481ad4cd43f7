"""Stored screening results: a matter's Trust Act screening, with the law pack version it came from.

A screening is decided, and stored, when a matter is opened, when its incident's facts change,
and when an attorney accepts a newer law pack (``casekit law check --apply``). The newest row per
incident is the screening in force; older rows stay as its history. Nothing here reads the clock:
"today" comes from the services.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.model import Conviction
from casekit.domain.records import from_row
from casekit.errors import InvalidInput, NotFound
from casekit.services.law.rules import law_pack
from casekit.services.plain import plain

if TYPE_CHECKING:
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.lawpack import LawPack
    from casekit.domain.screening import ScreeningFacts, ScreeningResult
    from casekit.services.base import AppContext
    from casekit.store.models import Incident
    from casekit.store.repos.matters import Session


@dataclass(frozen=True)
class StoredScreening:
    """A screening as stored, for screens and ``law check``.

    Attributes:
        matter_id: The matter.
        incident_id: The incident screened.
        decision: ``eligible``, ``ineligible`` or ``verify``.
        reasons: ``[{"code", "text", "citation", "confidence", "verify", "overridden"}]``.
        claims: Step 5: every claim with its status and deadlines.
        law_version: The law pack version it came from.
        screened_on: The "today" it was decided for.
        screened_by: Who stored it.
    """

    matter_id: int
    incident_id: int | None
    decision: str
    reasons: tuple[dict[str, Any], ...]
    claims: tuple[dict[str, Any], ...]
    law_version: str
    screened_on: date
    screened_by: str

    def to_dict(self) -> dict[str, Any]:
        return plain(self, leave_out=("matter_id",))


def facts_of(incident: Incident, agency_kind: str) -> ScreeningFacts:
    """The screening facts of a stored incident (its agency's kind looked up by the caller)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.domain.screening import ScreeningFacts

    return ScreeningFacts(
        incident_date=incident.occurred_on,
        actor=agency_kind,
        violations=tuple(incident.violations or ()),
        judicial_warrant=incident.judicial_warrant,
        convictions=tuple(
            Conviction(str(c.get("section", "")), c.get("felony_class"))
            for c in (incident.convictions or ())
        ),
        tsdb_match=incident.tsdb_match,
        administrative_warrant_only=incident.administrative_warrant_only,
    )


def offered_claims(result: ScreeningResult) -> tuple[str, ...]:
    """The claims a new matter pre-selects: those the screening offers now, in the law pack's
    order (never an expired claim, never an optional one the attorney has not chosen)."""
    return tuple(c.claim for c in result.claims if c.offered)


def screen_matter_in(
    session: Session,
    matter_id: int,
    *,
    pack: LawPack,
    calendar: CourtCalendar,
    today: date,
) -> list[tuple[int, ScreeningResult]]:
    """Screen every incident of a matter against ``pack`` (nothing is written).

    An incident screening refuses (a date after today, say) is left out; the caller's own
    validation reports such facts when they are entered.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.domain.screening import screen
    from casekit.store.repos import matters as repo

    out: list[tuple[int, ScreeningResult]] = []
    for incident, kind in repo.screened_incidents(session=session, matter_id=matter_id):
        if incident.id is None:  # pragma: no cover - a stored row has its id
            continue
        try:
            result = screen(facts_of(incident, kind), today, pack, calendar)
        except InvalidInput:
            continue
        out.append((incident.id, result))
    return out


def record_screening_in(session: Session, svc: AppContext, matter_id: int) -> int:
    """Screen the matter's incidents with the firm's law pack and store the results.

    Runs inside the caller's transaction (opening a matter, correcting an incident).

    Returns:
        How many screenings were stored.
    """
    from casekit.services.deadlines.court_calendar import court_calendar_in

    pack = law_pack(svc)
    results = screen_matter_in(
        session, matter_id, pack=pack, calendar=court_calendar_in(session), today=svc.today()
    )
    store_in(session, matter_id, results, today=svc.today(), actor=svc.actor)
    return len(results)


def store_in(
    session: Session,
    matter_id: int,
    results: Iterable[tuple[int | None, ScreeningResult]],
    *,
    today: date,
    actor: str,
) -> None:
    """Store screening results (one row each) inside the caller's transaction."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.models import Screening

    for incident_id, result in results:
        data = result.to_dict()
        session.add(
            Screening(
                matter_id=matter_id,
                incident_id=incident_id,
                decision=result.trust_act_action,
                reasons=data["reasons"],
                claims=data["claims"],
                law_version=result.law_version,
                screened_on=today,
                screened_by=actor,
            )
        )
    session.flush()


def row_values(
    matter_id: int, incident_id: int | None, result: ScreeningResult, *, today: date, actor: str
) -> dict[str, Any]:
    """A screening as column values, for bulk inserts (the demo)."""

    data = result.to_dict()
    now = datetime.now(UTC)
    return {
        "matter_id": matter_id,
        "incident_id": incident_id,
        "decision": result.trust_act_action,
        "reasons": data["reasons"],
        "claims": data["claims"],
        "law_version": result.law_version,
        "screened_on": today,
        "screened_by": actor,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def current_in(session: Session, matter_ids: Sequence[int]) -> dict[int, list[StoredScreening]]:
    """The screening in force for each incident of each matter (the newest row per incident)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.models import Screening
    from casekit.store.repos import matters as repo

    if not matter_ids:
        return {}
    rows = repo.screening_rows(session=session, matter_ids=matter_ids)
    newest: dict[tuple[int, int | None], Screening] = {}
    for row in rows:
        newest[(row.matter_id, row.incident_id)] = row
    out: dict[int, list[StoredScreening]] = {}
    for (matter_id, _), row in sorted(newest.items(), key=lambda item: item[1].id or 0):
        out.setdefault(matter_id, []).append(from_row(StoredScreening, row))
    return out


def current_screenings(svc: AppContext, matter: str) -> list[StoredScreening]:
    """The screening in force for each incident of a matter.

    Raises:
        NotFound: Unknown matter.
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store import repo as reference

    with svc.transaction() as session:
        found = reference.get_matter(session=session, number=matter)
        if found.id is None:  # pragma: no cover - a stored row has its id
            raise NotFound(f"no matter {matter}")
        return current_in(session, [found.id]).get(found.id, [])
