"""A matter's recorded documents, each with the state of its file on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.domain.records import from_fields
from casekit.services.documents.facts import find_matter
from casekit.services.documents.results import DocumentOut
from casekit.store.repos import documents as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def list_documents(svc: AppContext, matter_number: str | int) -> list[DocumentOut]:
    """A matter's documents, oldest first, each with the state of its file on disk."""
    with svc.transaction() as session:
        matter = find_matter(session, matter_number)
        rows = repo.documents(session=session, matter_id=matter.id) if matter.id else []
        number = matter.number
    return [
        from_fields(
            DocumentOut,
            row,
            id=row.id or 0,
            matter=number,
            path=str(svc.settings.resolve_file(row.output_path)),
            status=_file_status(svc.settings.resolve_file(row.output_path), row.sha256),
        )
        for row in rows
    ]


def _file_status(path: Path, sha256: str) -> str:
    try:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                digest.update(chunk)
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "unreadable"
    return "ok" if digest.hexdigest() == sha256 else "modified"
