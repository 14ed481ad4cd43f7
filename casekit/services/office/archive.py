"""What a casekit backup archive holds, shared by :mod:`.backup` and the restore modules.

The archive (``.tar.gz``, owner-only) holds a consistent snapshot of the database, the files
root's ``documents/`` and ``evidence/``, the firm's ``templates/``, ``config.toml`` (the user's
own settings, :mod:`casekit.userconfig`) and every ``*.local.toml`` (``rules.local.toml``,
``law.local.toml`` ...) of CASEKIT_HOME, and ``MANIFEST.json`` (written last but one) with the
SHA-256 and size of every other member, the casekit version, the schema revision and the time it
was made, then ``MANIFEST.mac`` (:mod:`.manifest_mac`). Messages never name archive members:
document file names often carry a client's name.
"""

from __future__ import annotations

import os
import re
import shutil
import tarfile
import zlib
from collections.abc import Iterator
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from casekit.config import DIR_MODE, FILE_MODE
from casekit.errors import IntegrityError
from casekit.services.documents.files import is_temporary

MANIFEST = "MANIFEST.json"
FORMAT = 1
SQLITE_MEMBER = "casekit.sqlite"
PG_MEMBER = "casekit.sql"
FILE_FOLDERS = ("documents", "evidence")  # under the files root
HOME_FOLDERS = ("templates",)  # under CASEKIT_HOME
CONFIG_FILE = "config.toml"
CHUNK = 1 << 20
ARCHIVE_GLOB = "casekit-backup-*.tar.gz"
ARCHIVE_NAME = re.compile(r"^casekit-backup-\d{8}T\d{6}Z(?:-\d+)?\.tar\.gz$")
#: What reading a damaged or truncated archive raises.
READ_ERRORS = (tarfile.TarError, EOFError, OSError, zlib.error)


def casekit_version() -> str:
    try:
        return version("casekit")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def utc_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def walk(folder: Path) -> Iterator[Path]:
    """Regular files below ``folder`` in a stable order; temporary files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_temporary(d))
        for name in sorted(files):
            path = Path(root) / name
            if not is_temporary(name) and path.is_file() and not path.is_symlink():
                yield path


def config_files(home: Path) -> list[str]:
    """``config.toml`` and every ``*.local.toml`` in CASEKIT_HOME (rules, law pack overrides)."""
    names = []
    try:
        entries = sorted(os.scandir(home), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if is_config_name(entry.name) and entry.is_file(follow_symlinks=False):
            names.append(entry.name)
    return names


def is_config_name(name: str) -> bool:
    return name == CONFIG_FILE or (
        name.endswith(".local.toml") and not name.startswith(".") and "/" not in name
    )


def refuse(why: str) -> IntegrityError:
    return IntegrityError(f"{why}; nothing was restored")


def make_dirs(folder: Path, mode: int) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=mode)
        os.chmod(path, mode)


def remove_tree(path: Path) -> None:
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir() and not path.is_symlink():
        for root, dirs, _files in os.walk(path):
            for name in dirs:
                os.chmod(Path(root) / name, DIR_MODE)
        for root, _dirs, files in os.walk(path):
            for name in files:
                try:
                    os.chmod(Path(root) / name, FILE_MODE)
                except OSError:
                    pass
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
