"""Recording what was written: one ``Document`` row per file, and for an FOI request the draft
records request to the incident's agency, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from casekit.errors import NotFound
from casekit.services.documents.output import share_file
from casekit.store.models import Document
from casekit.store.repos import documents as repo

if TYPE_CHECKING:
    from casekit.docgen.render import RenderedDocument
    from casekit.services.base import AppContext
    from casekit.services.documents.prepare import Job
    from casekit.store.models import Matter
    from casekit.store.repos.documents import Session

FOI_TEMPLATE = "foi-request"


def record_in(
    session: Session,
    svc: AppContext,
    matter: Matter,
    job: Job,
    rendered: RenderedDocument,
) -> tuple[int, int | None]:
    """The ``Document`` row (and for an FOI request, the records request): ids."""
    [ids] = record_many_in(session, svc, [(matter, job)], [rendered])
    return ids


def record_many_in(
    session: Session,
    svc: AppContext,
    prepared: Sequence[tuple[Matter, Job]],
    rendered: Sequence[RenderedDocument],
) -> list[tuple[int, int | None]]:
    """One ``Document`` row per file (one flush), then the FOI requests' records requests."""
    rows = []
    for (matter, job), out in zip(prepared, rendered, strict=True):
        if matter.id is None:  # pragma: no cover - a loaded row has its id
            raise NotFound(f"matter {matter.number} is not stored")
        share_file(svc, out.path)
        row = Document(
            matter_id=matter.id,
            template=job.template,
            language=job.lang,
            # Relative to the files root when under it: every user, and a restored home, finds it.
            output_path=svc.settings.relative_file(out.path),
            sha256=out.sha256,
            generated_by=svc.actor,
        )
        rows.append(row)
    repo.add_documents(session=session, rows=rows)
    ids: list[tuple[int, int | None]] = []
    for row, (matter, job), out in zip(rows, prepared, rendered, strict=True):
        request_id = None
        if job.template == FOI_TEMPLATE and job.facts.incidents:
            # Looked up at call time: a test replaces it to make the recording fail.
            from casekit.services.records import create_records_request_in

            first = min(job.facts.incidents, key=lambda i: i.occurred_on)
            request = create_records_request_in(
                session,
                svc,
                matter.number,
                first.agency,
                document_id=row.id,
                description=f"Records listed in the FOI request {out.path.name}",
            )
            request_id = request.id
        ids.append((int(row.id or 0), request_id))
    return ids
