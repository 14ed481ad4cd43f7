"""The files root: which files the database refers to, and sweeping what crashes leave behind.

A crash (a kill, a power cut, a full disk) can leave:

* temporary files: ``.incoming-*`` (an evidence copy being hashed), ``.<name>.tmp-<pid>`` and
  ``.<name>.<random>.tmp`` (a file being written atomically), ``.<name>.partial-<pid>`` (a
  backup being written), ``.backup-*`` and ``.restore-*`` (scratch and staging folders);
* orphans: a generated ``.docx`` whose ``Document`` row was never committed, an evidence copy
  whose ``Evidence`` row was never committed.

**When and how they are swept.** Every command that opens the database first runs
:func:`quick_sweep`: a listing of the five folders where temporary files are created at the top
(CASEKIT_HOME, its ``backups/``, the files root, ``documents/``, ``evidence/``), about 0.1 ms.
Once a day (a stamp file in the files root), :func:`full_sweep` also walks ``documents/`` and
``evidence/`` for deeper temporary files and for orphans; it runs only when the database shows
this user every row (SQLite, or the PostgreSQL owner): a user behind an ethical wall would take a
walled matter's files for orphans. ``casekit files sweep`` runs it on demand. Only files older
than :data:`MIN_AGE_S` are touched: on a shared files root another user's casekit may be
writing one right now, and process ids say nothing across machines. The exception is a
``.restore-*`` staging folder in CASEKIT_HOME whose restore died (its lock is free): it goes at
once, since it holds a full copy of a backup's client data. Nothing is swept while a restore is
unfinished. Backups never include any of these files.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.config import files_modes
from casekit.services.plain import PlainResult
from casekit.store.repos import documents as documents_repo

if TYPE_CHECKING:
    from casekit.config import Settings
    from casekit.services.base import AppContext

#: A temporary or orphan file younger than this may still be in use (seconds).
MIN_AGE_S = 3600
#: How often a start-up runs the full sweep (seconds).
FULL_SWEEP_EVERY_S = 24 * 3600
SWEEP_STAMP = ".casekit-swept"

_TEMP_PREFIXES = (".incoming-", ".restore-", ".backup-")
_BLOB = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{64}$")


def is_temporary(name: str) -> bool:
    """Whether a file or folder name is one of casekit's temporary names."""
    if name.startswith(_TEMP_PREFIXES):
        return True
    return name.startswith(".") and (
        ".tmp-" in name or name.endswith(".tmp") or ".partial-" in name
    )


def is_vault_blob(rel: str) -> bool:
    """Whether ``rel`` (relative to ``evidence/``) names a content-addressed vault copy."""
    return bool(_BLOB.match(rel)) and rel[:2] == rel[3:5]


@dataclass(frozen=True)
class References:
    """The files the database refers to, relative to the files root (POSIX)."""

    documents: frozenset[str]
    evidence: frozenset[str]  # relative to evidence/

    def keeps(self, rel: str) -> bool:
        """Whether a file at ``rel`` (relative to the files root) belongs in a backup."""
        parts = rel.split("/")
        if any(is_temporary(p) for p in parts):
            return False
        if parts[0] == "documents" and rel.endswith(".docx"):
            return rel in self.documents
        if parts[0] == "evidence" and is_vault_blob(rel.removeprefix("evidence/")):
            return rel.removeprefix("evidence/") in self.evidence
        return True


def references_from_rows(
    settings: Settings, documents: Iterable[str], evidence: Iterable[str]
) -> References:
    """:class:`References` from ``document.output_path`` and ``evidence.stored_path`` values."""
    root = settings.files_root.resolve()
    docs: set[str] = set()
    for stored in documents:
        if not stored:
            continue
        path = Path(stored)
        if path.is_absolute():
            try:
                docs.add(path.resolve().relative_to(root).as_posix())
            except ValueError:
                continue  # outside the files root: not ours to back up or sweep
        else:
            docs.add(path.as_posix())
    return References(frozenset(docs), frozenset(e for e in evidence if e))


def references_sqlite(settings: Settings, database: Path) -> References:
    """The references in a SQLite file (a backup's snapshot: exactly what it holds)."""
    docs, blobs = documents_repo.referenced_paths_sqlite(database)
    return references_from_rows(settings, docs, blobs)


def references(svc: AppContext) -> References:
    """The references in the configured database (rows this role can see)."""
    with svc.engine.connect() as conn:
        docs, blobs = documents_repo.referenced_paths(session=conn)
    return references_from_rows(svc.settings, docs, blobs)


def sees_every_row(svc: AppContext) -> bool:
    """SQLite, or a PostgreSQL role no row-level security applies to (owner or superuser)."""
    if svc.settings.is_sqlite:
        return True
    with svc.engine.connect() as conn:
        return documents_repo.sees_every_row(session=conn)


# --- sweeping -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult(PlainResult):
    """What a sweep removed (counts only: file names can carry a client's name)."""

    temporary: int = 0
    orphan_documents: int = 0
    orphan_evidence: int = 0
    full: bool = False
    note: str = ""


def _old(path: Path, now: float) -> bool:
    try:
        return now - path.lstat().st_mtime >= MIN_AGE_S
    except OSError:
        return False


def _remove(path: Path) -> bool:
    try:
        if path.is_dir() and not path.is_symlink():
            for root, _dirs, files in os.walk(path):
                for name in files:  # evidence copies are read-only: make them removable
                    try:
                        os.chmod(Path(root) / name, 0o600)
                    except OSError:
                        pass
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return False  # another user's file on a shared root, or gone already
    return True


def _quick_folders(settings: Settings) -> list[Path]:
    return [
        settings.home,
        settings.home / "backups",
        settings.files_root,
        settings.documents_dir,
        settings.evidence_dir,
    ]


#: A restore holds an exclusive lock on this file in its staging folder while it runs.
STAGE_LOCK = ".lock"


def stage_in_use(stage: Path) -> bool:
    """Whether a live ``casekit restore`` holds ``stage`` (its lock file is locked).

    The kernel drops the lock when that process dies, however it dies, so a stage left by a
    killed restore is free at once.
    """

    try:
        fd = os.open(stage / STAGE_LOCK, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases a lock we took
    return False


def _stale(path: Path, folder: Path, settings: Settings, now: float) -> bool:
    # A restore's stage in CASEKIT_HOME is this user's: free of its lock (and with no unfinished
    # restore to need it) it is stale at once. Anything else waits MIN_AGE_S: on a shared files
    # root another machine may be writing it.
    if path.name.startswith(".restore-") and folder == settings.home and path.is_dir():
        return not stage_in_use(path)
    return _old(path, now)


def quick_sweep(settings: Settings, *, now: float | None = None) -> int:
    """Remove stale temporary files at the top of the folders casekit writes into.

    Nothing while a restore is unfinished (its staging folders are still needed).
    """
    if settings.restore_marker.exists():
        return 0
    now = time.time() if now is None else now
    removed = 0
    seen: set[Path] = set()
    for folder in _quick_folders(settings):
        if folder in seen:
            continue
        seen.add(folder)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            if is_temporary(entry.name) and _stale(path, folder, settings, now) and _remove(path):
                removed += 1
    return removed


def _walk(folder: Path) -> Iterator[tuple[Path, bool]]:
    """``(path, is_dir)`` below ``folder``; temporary folders are yielded, not entered."""
    for root, dirs, files in os.walk(folder):
        keep = []
        for name in dirs:
            if is_temporary(name):
                yield Path(root) / name, True
            else:
                keep.append(name)
        dirs[:] = keep
        for name in files:
            yield Path(root) / name, False


def full_sweep(svc: AppContext, *, now: float | None = None) -> SweepResult:
    """Temporary files anywhere under ``documents/`` and ``evidence/``, and orphans.

    Orphans are only looked for when the database shows this user every row
    (:func:`sees_every_row`); otherwise only temporary files are removed and ``note`` says why.
    """
    settings = svc.settings
    if settings.restore_marker.exists():
        return SweepResult(note="a restore is unfinished; nothing was swept")
    now = time.time() if now is None else now
    temporary = quick_sweep(settings, now=now)
    orphans_allowed = sees_every_row(svc)
    refs = references(svc) if orphans_allowed else None
    docs = blobs = 0
    root = settings.files_root
    for folder in (settings.documents_dir, settings.evidence_dir):
        for path, _is_dir in _walk(folder):
            name = path.name
            if is_temporary(name):
                if _old(path, now) and _remove(path):
                    temporary += 1
                continue
            if refs is None or not _old(path, now):
                continue
            rel = path.relative_to(root).as_posix()
            if refs.keeps(rel):
                continue
            if _remove(path):
                if rel.startswith("documents/"):
                    docs += 1
                else:
                    blobs += 1
    note = (
        ""
        if orphans_allowed
        else ("orphans are looked for only by a role that sees every row (the database owner)")
    )
    _stamp(settings)
    return SweepResult(temporary, docs, blobs, full=True, note=note)


def _stamp(settings: Settings) -> None:
    stamp = settings.files_root / SWEEP_STAMP
    _, mode = files_modes(settings)  # on a shared root the office's group may renew it too
    try:
        fd = os.open(stamp, os.O_WRONLY | os.O_CREAT, mode)
        os.close(fd)
        os.utime(stamp)
    except OSError:
        pass  # a stamp this user may not touch: the next sweep tries again


def full_sweep_due(settings: Settings, *, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    try:
        return now - (settings.files_root / SWEEP_STAMP).stat().st_mtime >= FULL_SWEEP_EVERY_S
    except OSError:
        return True


def sweep_at_start(svc: AppContext) -> None:
    """What every command runs when it opens the database (see the module docstring).

    Never fails a command: a folder that cannot be read is simply not swept.
    """
    try:
        quick_sweep(svc.settings)
        if full_sweep_due(svc.settings) and svc.settings.files_root.is_dir():
            full_sweep(svc)
    except Exception:  # noqa: BLE001, S110 - housekeeping must never stop the user's command
        pass
