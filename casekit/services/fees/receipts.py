"""A cost's receipt, stored by the evidence vault's own code (:mod:`casekit.services.evidence`).

Hashed while it is copied, content-addressed, read-only, with a chain-of-custody entry, as an
evidence item of kind ``receipt`` on the matter. So ``casekit evidence verify`` checks receipts
too, backups carry them, and identical files are stored once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.domain import fees
from casekit.store.models import Evidence
from casekit.store.repos import evidence as evidence_repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import Matter
    from casekit.store.repos.evidence import Session

__all__ = ["Receipt"]


class Receipt:
    """A receipt stored in the vault during one transaction (removed again if it fails)."""

    def __init__(self, svc: AppContext) -> None:
        self.svc = svc
        self.created: Path | None = None
        self.sha = ""

    def store(self, session: Session, matter: Matter, path: Path, kind: str, day: date) -> int:
        """Copy ``path`` into the vault and record it as a ``receipt`` evidence item; its id."""
        # lazily: resolution imports this package on the recompute path
        from casekit.services.evidence import vault as ev
        from casekit.services.evidence.results import COPIED, RECEIVED

        vault = self.svc.settings.evidence_dir
        with ev.open_source(path) as source:
            stored = ev.store_copy(source, vault, self.svc.settings)
        self.sha = stored.sha256
        if stored.created:
            self.created = vault / stored.rel
        first = evidence_repo.first_with_sha(session=session, sha256=stored.sha256)
        row = Evidence(
            matter_id=matter.id or 0,
            kind="receipt",
            description=f"Receipt: {fees.COST_LABELS.get(kind, kind)}",
            original_name=path.name,
            obtained_on=day,
            source="cost receipt",
            sha256=stored.sha256,
            stored_path=stored.rel,
            size_bytes=stored.size,
            proves=[],
        )
        session.add(row)
        session.flush()
        if first is not None:
            ev.record_custody(session, row, self.svc.actor, COPIED,
                              detail=f"duplicate of #{first.id}", from_location=path.name,
                              to_location=ev.vault_location(stored.rel))  # fmt: skip
        else:
            ev.record_custody(session, row, self.svc.actor, RECEIVED,
                              detail=f"{stored.size} bytes, sha256 {stored.sha256}",
                              from_location=path.name,
                              to_location=ev.vault_location(stored.rel))  # fmt: skip
        return row.id or 0

    def undo(self) -> None:
        if self.created is not None:
            # lazily: resolution imports this package on the recompute path
            from casekit.services.evidence.vault import remove_if_unreferenced

            remove_if_unreferenced(self.svc, self.sha, self.created)
