"""Verify the vault: re-hash every stored copy against its row and the audit chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.services.evidence.results import (
    MISSING,
    MODIFIED,
    OK,
    TAMPERED,
    VERIFIED,
    VerifyResult,
)
from casekit.services.evidence.vault import hash_or_none, record_custody, vault_location
from casekit.store import repo as store_repo
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def verify_evidence(svc: AppContext, matter_number: str | None = None) -> list[VerifyResult]:
    """Re-hash stored copies and record a ``verified`` custody entry for each item.

    Args:
        svc: The services.
        matter_number: Only this matter's items; None for every item in the vault.

    Returns:
        Per item: ``tampered`` when the SHA-256 on its row is not the one the audit chain
        recorded when the item was added (or the chain holds no intact record of it): the file
        and its row were changed together, which comparing the two alone would call ``ok``;
        otherwise ``ok``, ``modified`` (the bytes changed) or ``missing`` (gone or unreadable).

    Raises:
        NotFound: Unknown matter.
    """
    with svc.transaction() as session:
        matter_id = store_repo.matter_id_of(session=session, number=matter_number)
        if matter_number is not None and matter_id is None:
            return []
        items = repo.vault_items(session=session, matter_id=matter_id)
        chained = repo.recorded_hashes(session=session, ids=(int(i[0]) for i in items if i[0]))
    # Hash outside any transaction (a large vault takes a while) and each file once.
    vault = svc.settings.evidence_dir
    hashes: dict[str, str | None] = {}
    results: list[VerifyResult] = []
    for item_id, sha, rel, number in items:
        if rel not in hashes:
            path = vault / rel
            hashes[rel] = hash_or_none(path) if path.is_file() else None
        actual = hashes[rel]
        recorded = chained.get(item_id, [])
        if not recorded or not all(r.intact for r in recorded) or recorded[-1].value != sha:
            status = TAMPERED
        else:
            status = MISSING if actual is None else OK if actual == sha else MODIFIED
        results.append(VerifyResult(id=item_id, status=status, matter=number))
    if results:
        with svc.transaction() as session:
            for result in results:
                row = repo.evidence_or_none(session=session, evidence_id=result.id)
                if row is None:  # deleted meanwhile
                    continue
                record_custody(
                    session,
                    row,
                    svc.actor,
                    VERIFIED,
                    detail=result.status,
                    from_location=vault_location(row.stored_path),
                )
    return results
