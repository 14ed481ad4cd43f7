"""One matter in full, in plain values (``casekit matter show``).

(The read model of the screens is :mod:`casekit.services.views`; this is the CLI's.)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from casekit.services.base import Services
from casekit.services.clients.records import ClientOut, _out, open_sensitive
from casekit.services.documents.facts import to_local
from casekit.store import repo
from casekit.store.repos import matters_write as rows

if TYPE_CHECKING:
    from casekit.store.models import Agency, Incident, Town
    from casekit.store.repos.matters_write import Session


@dataclass(frozen=True)
class MatterView:
    """Everything stored about one matter, in plain values (``casekit matter show``)."""

    number: str
    status: str
    opened_on: date
    closed_on: date | None
    client: ClientOut
    attorney: str
    claims: tuple[str, ...]
    relief_sought: str
    incidents: tuple[dict[str, Any], ...]
    custody_events: tuple[dict[str, Any], ...]
    parties: tuple[dict[str, Any], ...]
    deadlines: tuple[dict[str, Any], ...]
    evidence_count: int
    notes: tuple[dict[str, Any], ...]
    #: Hours past release and past the 48-hour cap (casekit.services.timeline), or None.
    over_detention: Any = None
    #: The matter row's version as read: ``casekit matter update --version`` passes it back.
    version: int = 0
    #: The open out-of-date marker (``casekit.services.deadlines.markers.MarkerView``), or None.
    marker: Any = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["client"] = self.client.to_dict()
        data["over_detention"] = self.over_detention.to_dict() if self.over_detention else None
        data["marker"] = self.marker.to_dict() if self.marker else None
        return data


def _incident(inc: Incident, place: Town | None, unit: Agency | None) -> dict[str, Any]:
    return {
        "date": inc.occurred_on,
        "time": _local_time(inc.occurred_at),
        "town": place.name if place else "",
        "agency": unit.name if unit else "",
        "agency_kind": unit.kind if unit else "",
        "contact_type": inc.contact_type,
        "violations": list(inc.violations or ()),
        "judicial_warrant": inc.judicial_warrant,
        "administrative_warrant_only": inc.administrative_warrant_only,
        "convictions": list(inc.convictions or ()),
        "tsdb_match": inc.tsdb_match,
        "narrative": inc.narrative,
        "officers": list(inc.officers or ()),
    }


def _records(session: Session, matter_id: int) -> dict[str, Any]:
    """The matter's parties, deadlines, evidence count and notes, in plain values."""
    return {
        "parties": tuple(
            {
                "role": p.role,
                "kind": p.kind,
                "name": p.name,
                "capacity": p.capacity,
                "service_address": p.service_address,
            }
            for p in rows.matter_parties(session=session, matter_id=matter_id)
        ),
        "deadlines": tuple(
            {
                "rule_id": d.rule_id,
                "title": d.title,
                "due": d.due,
                "safe_target": d.safe_target,
                "citation": d.citation,
                "confidence": d.confidence,
                "status": d.status,
                "verify": d.confidence != "confirmed",
            }
            for d in rows.matter_deadlines(session=session, matter_id=matter_id)
        ),
        "evidence_count": rows.evidence_count(session=session, matter_id=matter_id),
        "notes": tuple(
            {"at": n.created_at, "author": n.author, "body": n.body}
            for n in rows.matter_notes(session=session, matter_id=matter_id)
        ),
    }


def show_matter(svc: Services, number: str, *, include_sensitive: bool = False) -> MatterView:
    """One matter in full: client, incidents, custody timeline, parties, deadlines, notes."""
    # casekit.services.casefile imports this package (its field checks): a module-level import
    # here would be an import circle at start-up. markers: the same through timeline.
    from casekit.services.casefile import over_detention_for
    from casekit.services.deadlines.markers import open_marker_in

    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        matter_id = int(matter.id or 0)
        client = rows.client_of(session=session, matter=matter)
        lawyer = rows.user_by_id(session=session, user_id=matter.attorney_id)
        numbers = rows.client_matter_numbers(session=session, client_id=client.id)
        incidents = tuple(
            _incident(*found)
            for found in rows.matter_incidents(session=session, matter_id=matter_id)
        )
        events = rows.matter_custody(session=session, matter_id=matter_id)
        custody = tuple({"kind": ev.kind, "at": to_local(ev.at), "note": ev.note} for ev in events)
        over = over_detention_for(svc, [(ev.kind, ev.at) for ev in events])
        return MatterView(
            number=matter.number,
            status=matter.status,
            opened_on=matter.opened_on,
            closed_on=matter.closed_on,
            client=_out(
                client,
                numbers,
                include_sensitive=include_sensitive,
                opened=open_sensitive(session, client) if include_sensitive else None,
            ),
            attorney=lawyer.name if lawyer else "",
            claims=tuple(matter.claims or ()),
            relief_sought=matter.relief_sought,
            incidents=incidents,
            custody_events=custody,
            over_detention=over,
            version=matter.version,
            marker=open_marker_in(session, matter_id),
            **_records(session, matter_id),
        )


def _local_time(at: datetime | None) -> str:
    return to_local(at).strftime("%H:%M") if at is not None else ""
