"""Export a matter's evidence: verified copies and a ``manifest.csv``, each one custody-logged."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import FILE_MODE, ensure_private_dir, write_private_file
from casekit.errors import IntegrityError, InvalidInput
from casekit.services.clients.records import open_sensitive
from casekit.services.evidence.hashing import CHUNK_SIZE
from casekit.services.evidence.results import EXPORTED, SENSITIVE_CLIENT_COLUMNS, ExportResult
from casekit.services.evidence.vault import record_custody, vault_location
from casekit.services.reports.formats import csv_cell
from casekit.store import repo as store_repo
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import Evidence, EvidenceCustody

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class _Export:
    """What an export reads from the database, in one transaction."""

    number: str
    client: str
    rows: Sequence[Evidence]
    custody: dict[int, list[EvidenceCustody]]
    secret: dict[str, Any] = field(default_factory=dict)


def _export_name(row: Evidence) -> str:
    stem = _SAFE_NAME.sub("_", Path(row.original_name).name).strip("._") or row.kind
    return f"{row.id:04d}-{stem[:120]}"


def _copy_verified(src: Path, dest: Path, sha: str, item_id: int) -> None:
    """Copy ``src`` to a new owner-only ``dest``, checking the bytes hash to ``sha``."""
    try:
        source = open(src, "rb")  # noqa: SIM115
    except OSError:
        raise IntegrityError(
            f"the stored copy of evidence #{item_id} is missing or unreadable; "
            "run 'casekit evidence verify' (nothing was exported)"
        ) from None
    digest = hashlib.sha256()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with source, os.fdopen(fd, "wb") as out:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != sha:
        raise IntegrityError(
            f"evidence #{item_id} fails its hash check; run 'casekit evidence verify' "
            "(nothing was exported)"
        )


def _custody_summary(entries: Sequence[Any]) -> str:
    if not entries:
        return ""
    first = entries[0]
    counts = Counter(e.action for e in entries[1:])
    parts = [f"{first.action} {first.at.date().isoformat()} by {first.actor}"]
    parts += [f"{action} x{n}" for action, n in sorted(counts.items())]
    return "; ".join(parts)


def export_evidence(
    svc: AppContext,
    matter_number: str,
    directory: Path | str,
    *,
    include_sensitive: bool = False,
) -> ExportResult:
    """Copy a matter's items to a new or empty folder with a ``manifest.csv``.

    Files and the manifest are owner-only. The client's sensitive fields (date of birth,
    A-number, immigration status) are left out of the manifest unless ``include_sensitive``.
    Every exported item gets an ``exported`` custody entry. On any failure, whatever was written
    is removed and nothing is recorded.

    Raises:
        NotFound: Unknown matter.
        InvalidInput: The folder is not empty, or is a file.
        IntegrityError: A stored copy is missing or altered.
    """
    dest = Path(directory)
    if dest.exists() and not dest.is_dir():
        raise InvalidInput("the export destination is a file; give a new or empty folder")
    if dest.is_dir() and any(dest.iterdir()):
        raise InvalidInput("the export folder is not empty; give a new or empty folder")
    export = _load(svc, matter_number, include_sensitive=include_sensitive)
    created_dir = not dest.exists()
    written: list[Path] = []
    vault = svc.settings.evidence_dir
    try:
        ensure_private_dir(dest)
        lines: list[dict[str, Any]] = []
        for row in export.rows:
            name = _export_name(row)
            target = dest / name
            written.append(target)
            _copy_verified(vault / row.stored_path, target, row.sha256, row.id or 0)
            lines.append(_manifest_line(export, row, name, include_sensitive=include_sensitive))
        manifest = dest / "manifest.csv"
        written.append(manifest)
        write_private_file(manifest, _manifest_csv(lines, include_sensitive=include_sensitive))
        _record_exports(svc, export.rows, dest, include_sensitive=include_sensitive)
    except BaseException:
        _undo(written, dest if created_dir else None)
        raise
    return ExportResult(directory=str(dest), items=len(export.rows), manifest=str(manifest))


def _load(svc: AppContext, matter_number: str, *, include_sensitive: bool) -> _Export:
    with svc.transaction() as session:
        matter = store_repo.get_matter(session=session, number=matter_number)
        client = repo.client_by_id(session=session, client_id=matter.client_id)
        secret: dict[str, Any] = {}
        if include_sensitive and client is not None:
            secret = open_sensitive(session, client)
        rows = repo.matter_evidence(session=session, matter_id=matter.id)
        custody = repo.custody_entries(session=session, ids=[r.id for r in rows])
        return _Export(matter.number, client.name if client else "", rows, custody, secret)


def _manifest_line(
    export: _Export, row: Evidence, name: str, *, include_sensitive: bool
) -> dict[str, Any]:
    entries = export.custody.get(row.id or 0, [])
    line: dict[str, Any] = {"id": row.id, "matter": export.number, "client": export.client}
    if include_sensitive:
        dob = export.secret.get("date_of_birth")
        line["client_date_of_birth"] = dob.isoformat() if dob else ""
        line["client_a_number"] = export.secret.get("a_number", "")
        line["client_immigration_status"] = export.secret.get("immigration_status", "")
    line.update(
        {
            "kind": row.kind,
            "description": row.description,
            "file": name,
            "original_name": row.original_name,
            "sha256": row.sha256,
            "size_bytes": row.size_bytes,
            "obtained": row.obtained_on.isoformat() if row.obtained_on else "",
            "source": row.source,
            "incident_id": row.incident_id or "",
            "proves": " ".join(row.proves),
            "custody_entries": len(entries),
            "custody_summary": _custody_summary(entries),
        }
    )
    return line


def _record_exports(
    svc: AppContext, rows: Sequence[Evidence], dest: Path, *, include_sensitive: bool
) -> None:
    detail = "exported with manifest.csv" + (
        " (sensitive fields included)" if include_sensitive else ""
    )
    with svc.transaction() as session:
        for row in rows:
            fresh = repo.evidence_or_none(session=session, evidence_id=row.id)
            if fresh is None:
                continue
            record_custody(
                session,
                fresh,
                svc.actor,
                EXPORTED,
                detail=detail,
                from_location=vault_location(row.stored_path),
                to_location=str(dest.resolve() / _export_name(row)),
            )


def _undo(written: list[Path], created_dir: Path | None) -> None:
    """Remove what a failed export wrote (and the folder, when it made it)."""
    for path in written:
        path.unlink(missing_ok=True)
    if created_dir is not None:
        try:
            created_dir.rmdir()
        except OSError:
            pass


def manifest_columns(*, include_sensitive: bool) -> list[str]:
    """The manifest's header, in order."""
    cols = ["id", "matter", "client"]
    if include_sensitive:
        cols += list(SENSITIVE_CLIENT_COLUMNS)
    return cols + [
        "kind",
        "description",
        "file",
        "original_name",
        "sha256",
        "size_bytes",
        "obtained",
        "source",
        "incident_id",
        "proves",
        "custody_entries",
        "custody_summary",
    ]


def _manifest_csv(lines: list[dict[str, Any]], *, include_sensitive: bool) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=manifest_columns(include_sensitive=include_sensitive))
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in line.items()} for line in lines)
    return buf.getvalue().encode("utf-8")
