"""An item's life in the vault: the matter's list, opening an item, and its chain of custody."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.records import from_fields, from_row
from casekit.domain.text import one_line
from casekit.errors import IntegrityError
from casekit.services.evidence.results import VIEWED, CustodyEntry, EvidenceSummary
from casekit.services.evidence.vault import record_custody, vault_location
from casekit.store import repo as store_repo
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import Evidence, EvidenceCustody
    from casekit.store.repos.evidence import Session


def _summaries(session: Session, rows: Sequence[Evidence], number: str) -> list[EvidenceSummary]:
    counts = repo.custody_counts(session=session, ids=[r.id for r in rows])
    out = []
    for r in rows:
        if r.id is None:
            continue  # not flushed: not listed
        out.append(
            from_row(
                EvidenceSummary,
                r,
                matter=number,
                custody_entries=counts.get(r.id, 0),
                added_at=r.created_at,
            )
        )
    return out


def list_evidence(svc: AppContext, matter_number: str) -> list[EvidenceSummary]:
    """The matter's evidence items, oldest first.

    Raises:
        NotFound: Unknown matter.
    """
    with svc.transaction() as session:
        matter = store_repo.get_matter(session=session, number=matter_number)
        rows = repo.matter_evidence(session=session, matter_id=matter.id)
        return _summaries(session, rows, matter.number)


def custody_log(svc: AppContext, evidence_id: int) -> list[CustodyEntry]:
    """An item's chain of custody, oldest first.

    Raises:
        NotFound: No such item.
    """
    with svc.transaction() as session:
        repo.get_evidence(session=session, evidence_id=evidence_id)
        rows = repo.custody_entries(session=session, ids=[evidence_id]).get(evidence_id, [])
        return [_entry(r) for r in rows]


def _entry(r: EvidenceCustody) -> CustodyEntry:
    if r.id is None:
        raise ValueError("the custody entry is not flushed yet")
    # Connecticut time, like the notes.
    return from_fields(CustodyEntry, r, at=r.at.astimezone(LOCAL_TZ))


def view_evidence(svc: AppContext, evidence_id: int, *, purpose: str = "") -> Path:
    """Record that someone opens an item and return its stored (read-only) copy.

    Args:
        svc: The services.
        evidence_id: The item.
        purpose: Why it is opened (recorded in the custody log).

    Raises:
        NotFound: No such item.
        IntegrityError: The stored copy is missing.
    """
    with svc.transaction() as session:
        row = repo.get_evidence(session=session, evidence_id=evidence_id)
        path = svc.settings.evidence_dir / row.stored_path
        if not path.is_file():
            raise IntegrityError(
                f"the stored copy of evidence #{evidence_id} is missing; "
                "run 'casekit evidence verify'"
            )
        record_custody(
            session,
            row,
            svc.actor,
            VIEWED,
            detail=one_line(purpose)[:200],
            from_location=vault_location(row.stored_path),
        )
        return path
