"""``casekit matter show``: the matter read model (:class:`MatterDetail`) as the CLI prints it.

The CLI and the TUI read a matter with the same loader
(:func:`casekit.services.casefile.workspace.matter_detail`); :class:`MatterFile` only adds the
client as the CLI shows it (sensitive fields on request) and lays the records out in plain values
for ``--json``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.records import from_fields
from casekit.errors import InvalidInput
from casekit.services.casefile.read_model import IncidentView, MatterDetail
from casekit.services.casefile.workspace import matter_detail

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.clients import ClientOut

_NOT_COMPUTED = "not computed: "


@dataclass(frozen=True)
class MatterFile:
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
    #: Hours past release and past the 48-hour cap (``timeline.OverDetentionOut``), or None.
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


def matter_file(svc: AppContext, number: str, *, include_sensitive: bool = False) -> MatterFile:
    """One matter in full, by number: client, incidents, custody timeline, parties, deadlines,
    notes. Raises ``NotFound`` for an unknown number, ``InvalidInput`` when the firm's rules
    file is broken (the over-detention cannot be computed)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    # Imported here: services.clients reaches this package back (an import circle).
    from casekit.services.clients import show_client
    from casekit.store.repos import matters as repo

    with repo.reading(svc.engine) as conn:
        matter_id = repo.matter_id(session=conn, number=number)
    detail = matter_detail(svc, matter_id)
    if detail.over_detention.startswith(_NOT_COMPUTED) and detail.over_detention_result is None:
        raise InvalidInput(detail.over_detention.removeprefix(_NOT_COMPUTED))
    client = show_client(svc, str(detail.client_id), include_sensitive=include_sensitive)
    return from_detail(detail, client)


def from_detail(detail: MatterDetail, client: ClientOut) -> MatterFile:
    """The read model laid out for the CLI (oldest notes first, parties in the order added)."""
    return from_fields(
        MatterFile,
        detail,
        client=client,
        incidents=tuple(_incident(i) for i in detail.incidents),
        custody_events=tuple(
            {"kind": e.kind, "at": e.moment.astimezone(LOCAL_TZ), "note": e.note}
            for e in detail.timeline
            if e.moment is not None
        ),
        parties=tuple(
            {
                "role": p.role,
                "kind": p.kind,
                "name": p.name,
                "capacity": p.capacity,
                "service_address": p.service_address,
            }
            for p in sorted(detail.parties, key=lambda p: p.id)
        ),
        deadlines=tuple(
            {
                "rule_id": d.rule_id,
                "title": d.title,
                "due": d.due,
                "safe_target": d.safe_target,
                "citation": d.citation,
                "confidence": d.confidence,
                "status": d.status,
                "verify": d.verify,
            }
            for d in detail.deadlines
        ),
        evidence_count=len(detail.evidence),
        notes=tuple(
            {"at": n.moment, "author": n.author, "body": n.body} for n in reversed(detail.notes)
        ),
        over_detention=detail.over_detention_result,
    )


def _incident(incident: IncidentView) -> dict[str, Any]:
    at = incident.occurred_at
    return {
        "date": incident.occurred_on,
        "time": at.astimezone(LOCAL_TZ).strftime("%H:%M") if at is not None else "",
        "town": incident.town,
        "agency": incident.agency,
        "agency_kind": incident.agency_kind,
        "contact_type": incident.contact_type,
        "violations": list(incident.violations),
        "judicial_warrant": incident.judicial_warrant,
        "administrative_warrant_only": incident.administrative_warrant_only,
        "convictions": [{"section": s, "felony_class": c} for s, c in incident.conviction_records],
        "tsdb_match": incident.tsdb_match,
        "narrative": incident.narrative,
        "officers": list(incident.officers),
    }
