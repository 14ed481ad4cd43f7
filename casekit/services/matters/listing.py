"""The matters list (``casekit matter list``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casekit.domain.records import PlainRecord, from_row
from casekit.services.base import AppContext
from casekit.services.matters.fields import clean_status
from casekit.store.repos import matters_write as rows


@dataclass(frozen=True)
class MatterSummary(PlainRecord):
    """One row of the matter list."""

    number: str
    client: str
    status: str
    incident_date: date | None
    town: str
    agency: str
    attorney: str
    opened_on: date


def list_matters(
    svc: AppContext, *, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[MatterSummary]:
    """Matters by number with client, status and first incident (one Core query)."""
    wanted = clean_status(status) if status else None
    with svc.engine.connect() as conn:
        found = rows.matter_summaries(session=conn, status=wanted, limit=limit, offset=offset)
    return [from_row(MatterSummary, r, incident_date=r.occurred_on) for r in found]
