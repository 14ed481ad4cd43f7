"""The vault's files: hashing, storing a copy once per content, and the custody log lines.

The building blocks of adding an item (:mod:`casekit.services.evidence.add`) and of storing a
receipt (:mod:`casekit.services.fees.costs`).
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from casekit.config import FILE_MODE, ensure_files_dir, files_modes
from casekit.errors import IntegrityError, InvalidInput, NotFound
from casekit.services.evidence.hashing import CHUNK_SIZE, sha256_file
from casekit.store.models import EvidenceCustody
from casekit.store.repos import evidence as repo

if TYPE_CHECKING:
    from casekit.config import Settings
    from casekit.services.base import AppContext
    from casekit.store.models import Evidence
    from casekit.store.repos.evidence import Session

STORED_MODE = 0o400  # the vault copy is read-only, owner-only


# --- custody ----------------------------------------------------------------------------------


def record_custody(
    session: Session,
    row: Evidence,
    actor: str,
    action: str,
    *,
    detail: str = "",
    from_location: str = "",
    to_location: str = "",
) -> None:
    """Append a line to the item's chain of custody."""
    if row.id is None:
        raise ValueError("the evidence row is not flushed yet")
    repo.add_custody(
        session=session,
        entry=EvidenceCustody(
            evidence_id=row.id,
            actor=actor,
            action=action,
            detail=detail,
            from_location=from_location,
            to_location=to_location,
        ),
    )


def vault_location(rel: str) -> str:
    """How the custody log names a stored copy."""
    return f"vault:{rel}"


# --- hashing and storing --------------------------------------------------------------------


def open_source(path: Path) -> IO[bytes]:
    """Open the file to add, or say in one line (without the path) why it cannot be."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotFound("the evidence file does not exist (check the path)") from None
    except OSError as exc:
        reason = exc.strerror or "error"
        raise InvalidInput(f"the evidence file cannot be read ({reason})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InvalidInput("the evidence path is a folder; give a single file")
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput("the evidence path is not a regular file")
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except PermissionError:
        raise InvalidInput("the evidence file is not readable (permission denied)") from None
    except OSError as exc:
        reason = exc.strerror or "error"
        raise InvalidInput(f"the evidence file cannot be read ({reason})") from None


@dataclass(frozen=True)
class StoredCopy:
    """Where :func:`store_copy` put a file, and whether this call created it."""

    sha256: str
    size: int
    rel: str
    created: bool


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stored_mode(settings: Settings) -> int:
    """The mode of a vault copy: read-only, owner-only (or office group too on a shared root)."""
    _, file_mode = files_modes(settings)
    return STORED_MODE if file_mode == FILE_MODE else 0o440


def store_copy(source: IO[bytes], vault: Path, settings: Settings) -> StoredCopy:
    """Copy ``source`` into the vault while hashing it; return where it landed.

    The copy goes to a temporary file inside the vault (same file system), is fsynced, made
    read-only and renamed into place, so a stored file is always complete. If the content is
    already stored (and still intact) the temporary copy is dropped. A temporary file a crash
    leaves behind (``.incoming-*``) is swept later (:mod:`casekit.services.documents.files`).
    """
    ensure_files_dir(settings, vault)
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=vault)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        size = 0
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK_SIZE):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        folder = ensure_files_dir(settings, vault / sha[:2])
        target = folder / sha
        rel = f"{sha[:2]}/{sha}"
        if target.exists():
            if hash_or_none(target) != sha:
                raise IntegrityError(
                    "the vault already holds this content but its stored copy fails its hash "
                    "check; run 'casekit evidence verify' (nothing was recorded)"
                )
            tmp.unlink()
            return StoredCopy(sha, size, rel, created=False)
        os.chmod(tmp, stored_mode(settings))
        os.replace(tmp, target)
        _fsync_dir(folder)
        return StoredCopy(sha, size, rel, created=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def hash_or_none(path: Path) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


def remove_if_unreferenced(svc: AppContext, sha: str, path: Path) -> None:
    """Undo a store whose transaction failed (unless another item now uses the same file)."""
    try:
        with svc.transaction() as session:
            if repo.sha_in_use(session=session, sha256=sha):
                return
    except Exception:  # noqa: BLE001, S110 - the database is failing: nothing can reference it
        pass
    path.unlink(missing_ok=True)
