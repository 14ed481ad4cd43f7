"""``casekit backup``: one verifiable archive of everything casekit keeps (:mod:`.archive`).

Temporary files and orphans (a ``.docx`` or an evidence copy no row refers to:
:mod:`casekit.services.documents.files`) are never included.

* SQLite is copied with SQLite's online backup API (``sqlite3.Connection.backup``), which gives
  a consistent image even while another process writes. PostgreSQL is dumped with ``pg_dump``
  (plain SQL), credentials passed through the environment, never the command line; only a role
  that sees every row (the database owner) can make it.
* ``--keep N`` then removes all but the N newest ``casekit-backup-*.tar.gz`` in that folder.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from casekit.config import FILE_MODE, Settings, ensure_private_dir, replacing_private_file
from casekit.errors import ConfigurationError, IntegrityError, InvalidInput
from casekit.services.base import AppContext
from casekit.services.documents.files import References, references, references_sqlite
from casekit.services.office.archive import (
    ARCHIVE_GLOB,
    ARCHIVE_NAME,
    CHUNK,
    FILE_FOLDERS,
    FORMAT,
    HOME_FOLDERS,
    MANIFEST,
    PG_MEMBER,
    SQLITE_MEMBER,
    casekit_version,
    config_files,
    fsync_dir,
    utc_stamp,
    walk,
)
from casekit.services.office.manifest_mac import MAC_MEMBER, sign_manifest
from casekit.services.office.postgres import dump_postgresql
from casekit.services.plain import PlainResult
from casekit.store import keys
from casekit.store.snapshots import sqlite_snapshot


@dataclass(frozen=True)
class BackupOut(PlainResult):
    """The archive :func:`backup` wrote."""

    path: str
    files: int
    bytes: int
    database: str
    schema_revision: str | None
    created_at: str
    pruned: tuple[str, ...] = ()  # older archives removed by --keep


class _HashingReader(io.RawIOBase):
    """Reads exactly ``size`` bytes of ``source`` while hashing them (tarfile needs the size)."""

    def __init__(self, source: IO[bytes], size: int) -> None:
        self.source = source
        self.left = size
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.left <= 0:
            return 0
        view = memoryview(buffer)[: min(len(buffer), self.left)]
        count = self.source.readinto(view)  # type: ignore[attr-defined]
        if not count:
            raise IntegrityError("a file shrank while it was being backed up; run backup again")
        self.digest.update(view[:count])
        self.left -= count
        return int(count)


def _add_file(tar: tarfile.TarFile, source: Path, name: str, manifest: dict[str, Any]) -> None:
    with source.open("rb") as fh:
        st = os.fstat(fh.fileno())
        size = st.st_size
        info = tarfile.TarInfo(name)
        info.size = size
        # Owner bits only: a read-only evidence copy (0400) comes back read-only.
        info.mode = (st.st_mode & 0o600) or FILE_MODE
        info.mtime = int(st.st_mtime)
        reader = _HashingReader(fh, size)
        tar.addfile(info, io.BufferedReader(reader, CHUNK))
        manifest[name] = {"sha256": reader.digest.hexdigest(), "size": size}


def backup(
    svc: AppContext, *, output: Path | str | None = None, keep: int | None = None
) -> BackupOut:
    """Write one archive of the database, files, templates and configuration.

    Args:
        svc: The services.
        output: The archive, or a folder for it (default ``CASEKIT_HOME/backups/``).
        keep: Afterwards keep only this many ``casekit-backup-*.tar.gz`` in that folder (the
            newest, this one included); None keeps every one.
    """
    from casekit.store.migrate import current_revision  # start-up: alembic, for a backup only

    if keep is not None and keep < 1:
        raise InvalidInput("--keep must be at least 1 (the backup just made)")
    settings = svc.settings
    created = datetime.now(UTC).replace(microsecond=0)
    default_name = f"casekit-backup-{utc_stamp(created)}.tar.gz"
    if output is None:
        target = ensure_private_dir(settings.home / "backups") / default_name
    else:
        target = Path(output).expanduser().resolve()
        if target.is_dir():
            target = target / default_name
        if not target.parent.is_dir():
            raise InvalidInput("the folder for --output does not exist")
    if target.exists():  # never overwrite a backup (two in the same second, or a typo)
        raise InvalidInput("the backup file already exists; choose another --output")
    revision = current_revision(svc.engine)
    database = "sqlite" if settings.is_sqlite else "postgresql"
    manifest: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(
        prefix=".backup-", dir=ensure_private_dir(settings.home)
    ) as scratch:
        if settings.is_sqlite:
            source = settings.sqlite_path
            if source is None or not source.exists():
                raise ConfigurationError("there is no database to back up yet (casekit init)")
            db_member, db_file = SQLITE_MEMBER, Path(scratch) / SQLITE_MEMBER
            sqlite_snapshot(source, db_file)
            # Exactly the files the snapshot refers to: no orphan, nothing missing.
            refs = references_sqlite(settings, db_file)
        else:
            db_member, db_file = PG_MEMBER, Path(scratch) / PG_MEMBER
            dump_postgresql(settings.database_url, db_file)
            # Read after the dump: a document recorded meanwhile is an extra file (swept after
            # a restore), never a row whose file is missing.
            refs = references(svc)
        with (
            replacing_private_file(target, "partial") as raw,
            tarfile.open(fileobj=raw, mode="w:gz") as tar,
        ):
            _add_file(tar, db_file, db_member, manifest)
            _add_members(tar, settings, refs, manifest)
            body = _manifest_body(manifest, revision, database, created)
            _write_manifest(tar, body, created, sign_manifest(svc, body))
        fsync_dir(target.parent)
    pruned = _prune(target.parent, keep, target) if keep is not None else ()
    return BackupOut(
        path=str(target),
        files=len(manifest),
        bytes=target.stat().st_size,
        database=database,
        schema_revision=revision,
        created_at=created.isoformat(),
        pruned=pruned,
    )


def _add_members(
    tar: tarfile.TarFile, settings: Settings, refs: References, manifest: dict[str, Any]
) -> None:
    root = settings.files_root
    key_file = _key_file()
    for folder_name in FILE_FOLDERS:
        folder = root / folder_name
        if folder.is_dir():
            for path in walk(folder):
                if key_file is not None and path.resolve() == key_file:
                    continue  # the key never travels with the data it protects
                rel = path.relative_to(root).as_posix()
                if refs.keeps(rel):
                    _add_file(tar, path, rel, manifest)
    for folder_name in HOME_FOLDERS:
        folder = settings.home / folder_name
        if folder.is_dir():
            for path in walk(folder):
                if key_file is not None and path.resolve() == key_file:
                    continue
                _add_file(tar, path, path.relative_to(settings.home).as_posix(), manifest)
    for name in config_files(settings.home):
        _add_file(tar, settings.home / name, name, manifest)


def _key_file() -> Path | None:
    location = keys.locate()
    return location.path.resolve() if location.path is not None else None


def _manifest_body(
    files: dict[str, Any], revision: str | None, database: str, created: datetime
) -> bytes:
    return json.dumps(
        {
            "format": FORMAT,
            "casekit_version": casekit_version(),
            "schema_revision": revision,
            "database": database,
            "created_at": created.isoformat(),
            "files": files,
        },
        indent=2,
        sort_keys=True,
    ).encode()


def _write_manifest(tar: tarfile.TarFile, body: bytes, created: datetime, mac: bytes) -> None:
    """The last members: the manifest, then ``MANIFEST.mac``, its keyed MAC
    (:mod:`.manifest_mac`)."""
    for name, data in ((MANIFEST, body), (MAC_MEMBER, mac)):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mode = FILE_MODE
        info.mtime = int(created.timestamp())
        tar.addfile(info, io.BytesIO(data))


def _prune(folder: Path, keep: int, just_made: Path) -> tuple[str, ...]:
    """Remove all but the ``keep`` newest casekit archives in ``folder`` (by name: UTC time)."""
    archives = sorted(
        (p for p in folder.glob(ARCHIVE_GLOB) if ARCHIVE_NAME.match(p.name) and p.is_file()),
        key=lambda p: p.name,
        reverse=True,
    )
    if just_made in archives:  # the one just written always stays
        archives.remove(just_made)
        archives.insert(0, just_made)
    removed = []
    for old in archives[keep:]:
        try:
            old.unlink()
        except OSError:
            continue
        removed.append(str(old))
    return tuple(removed)
