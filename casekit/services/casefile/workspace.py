"""One matter's workspace: :func:`matter_detail`, the one loader of the matter read model.

It reads every row the workspace shows on one connection (:func:`casekit.store.repos.matters.
matter_records`) and builds :class:`~casekit.services.casefile.read_model.MatterDetail`: values
only, no ORM object. The TUI calls it from a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain import labels
from casekit.domain.records import from_row
from casekit.errors import InvalidInput
from casekit.services.casefile.history import describe
from casekit.services.casefile.read_model import (
    HISTORY_LIMIT,
    DeadlineRow,
    DocumentView,
    EvidenceView,
    HistoryEntry,
    IncidentView,
    MatterDetail,
    NoteView,
    PartyView,
    TimelineEntry,
    wall_time,
)
from casekit.services.casefile.screening_view import stored_screenings
from casekit.services.casefile.timeline import OverDetentionOut, over_detention_for

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.markers import MarkerView
    from casekit.store.repos.matters import MatterRecords, Record


def matter_detail(svc: AppContext, matter_id: int) -> MatterDetail:
    """The whole workspace of one matter. Raises ``NotFound`` if it does not exist."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.services.deadlines.markers import open_markers_conn
    from casekit.store.repos import matters as repo

    today = svc.today()
    with repo.reading(svc.engine) as conn:
        records = repo.matter_records(
            session=conn, matter_id=matter_id, history_limit=HISTORY_LIMIT
        )
        marker = open_markers_conn(conn, matter_id)
    head = records.head
    incidents = incident_views(records.incidents)
    over_detention, problem = _over_detention(svc, records.custody)
    return MatterDetail(
        id=head.id,
        version=head.version,
        number=head.number,
        status=head.status,
        client_id=head.client_id,
        client=head.name,
        client_language=head.preferred_language or "",
        contact=_contact(head),
        attorney=head.attorney or "",
        claims=tuple(head.claims or ()),
        relief_sought=head.relief_sought or "",
        opened_on=head.opened_on,
        today=today,
        incidents=incidents,
        timeline=_timeline(incidents, records.custody),
        parties=tuple(_party(r) for r in records.parties),
        evidence=_evidence(svc.settings.evidence_dir, records),
        deadlines=tuple(_deadline(r, marker) for r in records.deadlines),
        documents=tuple(
            from_row(
                DocumentView,
                r,
                output_path=str(svc.settings.resolve_file(r.output_path)),
                generated_at=wall_time(r.generated_at),
            )
            for r in records.documents
        ),
        notes=tuple(
            from_row(NoteView, r, created_at=wall_time(r.created_at), moment=r.created_at)
            for r in records.notes
        ),
        history=tuple(_history(r) for r in records.history),
        screening=stored_screenings(svc, incidents, records.screenings, today),
        over_detention=over_detention.summary() if over_detention else problem,
        over_detention_result=over_detention,
        closed_on=head.closed_on,
        marker=marker,
    )


def _contact(head: Record) -> tuple[str, ...]:
    from casekit.store.sealed import shown

    return tuple(
        f"{label}: {shown(value)}" + ("" if safe else "  [NOT safe to contact]")
        for label, value, safe in (
            ("phone", head.phone, head.phone_safe),
            ("e-mail", head.email, head.email_safe),
            ("address", head.address, head.address_safe),
        )
        if value
    )


def incident_views(rows: Sequence[Record]) -> tuple[IncidentView, ...]:
    """Incident rows (``repos.matters.incident_rows``) as the screens show them."""
    return tuple(
        from_row(
            IncidentView,
            r,
            agency_kind=r.kind,
            convictions=tuple(str(cv.get("section", "")) for cv in (r.convictions or ())),
            conviction_records=tuple(
                (str(cv.get("section", "")), cv.get("felony_class")) for cv in (r.convictions or ())
            ),
        )
        for r in rows
    )


def _timeline(
    incidents: Sequence[IncidentView], custody: Sequence[Record]
) -> tuple[TimelineEntry, ...]:
    entries = [
        TimelineEntry(
            at=wall_time(inc.occurred_at)
            if inc.occurred_at
            else datetime.combine(inc.occurred_on, datetime.min.time()),
            kind="incident",
            text=f"Incident in {inc.town}: {inc.agency}"
            + (f" ({inc.contact_type})" if inc.contact_type else ""),
        )
        for inc in incidents
    ] + [
        TimelineEntry(
            at=wall_time(r.at),
            kind=r.kind,
            text=r.note or labels.sentence(r.kind),
            event_id=r.id,
            version=r.version,
            note=r.note or "",
            moment=r.at,
        )
        for r in custody
    ]
    return tuple(sorted(entries, key=lambda entry: entry.at))


def _party(r: Record) -> PartyView:
    return from_row(PartyView, r)


def _evidence(evidence_dir: Path, records: MatterRecords) -> tuple[EvidenceView, ...]:
    return tuple(
        from_row(
            EvidenceView,
            r,
            integrity=_integrity(
                evidence_dir, r.stored_path or "", r.sha256, records.chained.get(r.id, [])
            ),
        )
        for r in records.evidence
    )


def _deadline(r: Record, marker: MarkerView | None) -> DeadlineRow:
    return from_row(
        DeadlineRow,
        r,
        out_of_date=marker.text if marker and r.id in marker.deadline_ids else "",
    )


def _history(r: Record) -> HistoryEntry:
    changes = r.changes or {}
    return HistoryEntry(
        at=wall_time(r.at),
        actor=r.actor,
        action=r.action,
        entity=r.entity,
        fields=", ".join(sorted(changes.keys())),
        text=describe(r.entity, r.action, changes, r.actor),
    )


def _integrity(
    evidence_dir: Path, stored_path: str, sha256: str, recorded: Sequence[Any] = ()
) -> str:
    """``ok``, ``modified`` or ``missing``: the stored file hashed again against the record;
    ``tampered`` when the record's hash is not the one the audit chain recorded for the item
    (``casekit.services.evidence.verify_evidence`` applies the same rule)."""
    from casekit.services.evidence import sha256_file

    if not recorded or not all(r.intact for r in recorded) or recorded[-1].value != sha256:
        return "tampered"
    if not stored_path:
        return "no file"
    path = evidence_dir / stored_path
    if not path.is_file():
        return "missing"
    return "ok" if sha256_file(path) == sha256 else "modified"


def _over_detention(
    svc: AppContext, custody: Sequence[Record]
) -> tuple[OverDetentionOut | None, str]:
    """Hours held past the scheduled release and past the 48-hour cap (computed in the domain
    with the firm's FED_DETAINER_48H rule), or why it could not be computed."""
    try:
        return over_detention_for(svc, [(r.kind, r.at) for r in custody]), ""
    except InvalidInput as exc:  # a broken rules.local.toml: say so, show the rest of the matter
        return None, f"not computed: {exc}"
