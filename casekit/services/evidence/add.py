"""Add an item: hash and store the file in the vault, and record it on a matter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from casekit.domain.model import EVIDENCE_KINDS
from casekit.errors import InvalidInput, NotFound
from casekit.services.evidence.proves import normalize_proves
from casekit.services.evidence.results import COPIED, RECEIVED, StoredEvidence
from casekit.services.evidence.vault import (
    StoredCopy,
    open_source,
    record_custody,
    remove_if_unreferenced,
    store_copy,
    vault_location,
)
from casekit.store import repo as store_repo
from casekit.store.models import Evidence
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.evidence import Session


class EvidenceDetails(TypedDict, total=False):
    """What :func:`add_evidence` records about an item besides its file and kind.

    Attributes:
        incident_id: The incident of the matter the item concerns, if any.
        proves: Element codes (see :mod:`casekit.services.evidence`).
        source: Where the item came from (e.g. "FOI response from Town X").
        obtained_on: When the firm obtained it (not in the future).
        description: Free text.
    """

    incident_id: int | None
    proves: Sequence[str]
    source: str
    obtained_on: date | None
    description: str


def add_evidence(
    svc: AppContext,
    matter_number: str,
    file_path: Path | str,
    *,
    kind: str,
    **details: Unpack[EvidenceDetails],
) -> StoredEvidence:
    """Hash and store a file in the vault and record it on a matter.

    Args:
        svc: The services.
        matter_number: E.g. ``TA-2026-0001``.
        file_path: The file to add (any size: it is streamed).
        kind: One of ``model.EVIDENCE_KINDS``.
        details: :class:`EvidenceDetails` (incident, proves, source, obtained_on, description).

    Returns:
        The new item's id, SHA-256 and stored path.

    Raises:
        NotFound: Unknown matter or incident, or the file does not exist.
        InvalidInput: Unknown kind or code, a folder, an unreadable file, a future date.
        IntegrityError: The vault's copy of the same content has been altered.
    """
    kind = kind.strip().lower()
    if kind not in EVIDENCE_KINDS:
        known = ", ".join(EVIDENCE_KINDS)
        raise InvalidInput(f"unknown evidence kind '{kind[:40]}' (known: {known})")
    proves_codes = normalize_proves(details.get("proves", ()))
    obtained_on = details.get("obtained_on")
    if obtained_on is not None and obtained_on > svc.today():
        raise InvalidInput("the obtained date is in the future")
    path = Path(file_path)
    vault = svc.settings.evidence_dir
    created: Path | None = None
    sha = ""
    with open_source(path) as source_fh:
        try:
            with svc.transaction() as session:
                matter = store_repo.get_matter(session=session, number=matter_number)
                incident_id = details.get("incident_id")
                if incident_id is not None and not repo.incident_on_matter(
                    session=session, incident_id=incident_id, matter_id=matter.id
                ):
                    raise NotFound(f"incident #{incident_id} is not on matter {matter.number}")
                stored = store_copy(source_fh, vault, svc.settings)
                sha = stored.sha256
                if stored.created:
                    created = vault / stored.rel
                first = repo.first_with_sha(session=session, sha256=stored.sha256)
                if matter.id is None:
                    raise NotFound(f"matter {matter.number} is not stored")
                row = Evidence(
                    matter_id=matter.id,
                    incident_id=incident_id,
                    kind=kind,
                    description=details.get("description", "").strip(),
                    original_name=path.name,
                    obtained_on=obtained_on,
                    source=details.get("source", "").strip(),
                    sha256=stored.sha256,
                    stored_path=stored.rel,
                    size_bytes=stored.size,
                    proves=list(proves_codes),
                )
                return _record(svc, session, row, stored, first)
        except BaseException:
            if created is not None:
                remove_if_unreferenced(svc, sha, created)
            raise


def _record(
    svc: AppContext, session: Session, row: Evidence, stored: StoredCopy, first: Evidence | None
) -> StoredEvidence:
    """Write the row and its first custody entry (``copied`` for a duplicate, else
    ``received``)."""
    session.add(row)
    session.flush()
    if first is not None:
        action, detail = COPIED, f"duplicate of #{first.id}"
    else:
        action, detail = RECEIVED, f"{stored.size} bytes, sha256 {stored.sha256}"
    record_custody(
        session,
        row,
        svc.actor,
        action,
        detail=detail,
        from_location=row.original_name,
        to_location=vault_location(stored.rel),
    )
    if row.id is None:
        raise ValueError("the evidence row is not flushed yet")
    vault = svc.settings.evidence_dir
    return StoredEvidence(
        id=row.id,
        sha256=stored.sha256,
        path=str(vault / stored.rel),
        duplicate_of=first.id if first is not None else None,
    )
