"""Restore, step 2: the stage. Files are extracted beside their targets (``.restore-<id>/`` in
CASEKIT_HOME and in the files root: same file system, so each switch is one rename) and hashed
as they are written; any mismatch removes the stage and touches nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
from pathlib import Path, PurePosixPath
from typing import Any

from casekit.config import DIR_MODE, FILE_MODE, Settings, files_modes
from casekit.errors import ConfigurationError, IntegrityError
from casekit.services.office.archive import (
    CHUNK,
    FILE_FOLDERS,
    HOME_FOLDERS,
    MANIFEST,
    READ_ERRORS,
    make_dirs,
    refuse,
    walk,
)
from casekit.services.office.manifest_mac import MAC_MEMBER
from casekit.services.office.restore_plan import Plan
from casekit.store.snapshots import sqlite_has_cases, sqlite_intact

#: Free space a restore leaves on each disk it writes to.
FREE_MARGIN = 64 << 20


def stage_dirs(settings: Settings, restore_id: str) -> tuple[Path, Path]:
    """The two stage folders of a restore: in CASEKIT_HOME and in the files root."""
    home_stage = settings.home / f".restore-{restore_id}"
    files_stage = settings.files_root / f".restore-{restore_id}"
    return home_stage, files_stage


def _staged_path(settings: Settings, restore_id: str, name: str) -> Path:
    home_stage, files_stage = stage_dirs(settings, restore_id)
    top = name.split("/", 1)[0]
    base = files_stage if top in FILE_FOLDERS else home_stage
    return base.joinpath(*PurePosixPath(name).parts)


def check_space(settings: Settings, plan: Plan) -> None:
    """Refuse a restore that would leave less than ``FREE_MARGIN`` free on a disk it writes."""
    by_disk: dict[int, tuple[Path, int]] = {}
    for name, size in plan.members.items():
        top = name.split("/", 1)[0]
        folder = settings.files_root if top in FILE_FOLDERS else settings.home
        dev = os.stat(folder).st_dev
        path, total = by_disk.get(dev, (folder, 0))
        by_disk[dev] = (path, total + size)
    for folder, needed in by_disk.values():
        free = shutil.disk_usage(folder).free
        if needed + FREE_MARGIN > free:
            raise ConfigurationError(
                f"not enough free disk space to restore ({needed:,} bytes needed, {free:,} "
                "free); nothing was restored"
            )


def extract(plan: Plan, settings: Settings, restore_id: str) -> None:
    """Extract every file into the stage, hashing as it goes; any mismatch removes the stage."""
    expected: dict[str, Any] = plan.manifest["files"]
    dir_mode, file_mode = files_modes(settings)
    if dir_mode != DIR_MODE:  # a shared root's setgid: files created later keep the group
        dir_mode |= os.stat(settings.files_root).st_mode & 0o2000
    try:
        with tarfile.open(plan.archive, mode="r:gz") as tar:
            for member in tar:
                if not member.isfile() or member.name in (MANIFEST, MAC_MEMBER):
                    continue
                if member.name not in plan.members or member.size != plan.members[member.name]:
                    raise refuse("the archive changed while it was being restored")
                target = _staged_path(settings, restore_id, member.name)
                in_files = member.name.split("/", 1)[0] in FILE_FOLDERS
                make_dirs(target.parent, dir_mode if in_files else DIR_MODE)
                _write_member(tar, member, target, expected[member.name])
                read_only = not (member.mode & 0o200)
                if in_files:
                    mode = (0o400 if file_mode == FILE_MODE else 0o440) if read_only else file_mode
                else:
                    mode = 0o400 if read_only else FILE_MODE
                os.chmod(target, mode)
    except READ_ERRORS as exc:
        raise IntegrityError(
            f"the backup could not be read to the end ({type(exc).__name__}); nothing was restored"
        ) from exc


def _write_member(
    tar: tarfile.TarFile, member: tarfile.TarInfo, target: Path, want: dict[str, Any]
) -> None:
    """Copy one member to a new ``target``, checking its length and hash against ``want``."""
    source = tar.extractfile(member)
    if source is None:  # only regular files get here, and those always have content
        raise refuse("the archive changed while it was being restored")
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(CHUNK):
            size += len(chunk)
            if size > member.size:
                raise refuse("a file in the archive is longer than it says")
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != want.get("sha256") or size != want.get("size"):
        raise refuse("the backup failed its integrity check (a file was altered)")


def sqlite_has_data(settings: Settings) -> bool:
    """Whether CASEKIT_HOME holds anything a restore would overwrite.

    A database that was only created and migrated (no client, no matter) does not count.
    """
    db = settings.sqlite_path
    if db is not None and db.exists() and db.stat().st_size > 0 and sqlite_has_cases(db):
        return True
    return files_have_data(settings)


def files_have_data(settings: Settings) -> bool:
    """Whether the files root or CASEKIT_HOME holds a document, evidence copy or template."""
    folders = [settings.files_root / n for n in FILE_FOLDERS]
    folders += [settings.home / n for n in HOME_FOLDERS]
    for folder in folders:
        if folder.is_dir() and any(True for _ in walk(folder)):
            return True
    return False


def check_sqlite(path: Path) -> None:
    """Refuse a staged SQLite database that fails SQLite's own quick check."""
    if not sqlite_intact(path):
        raise refuse("the database in the backup is damaged")
