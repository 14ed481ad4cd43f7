"""Restore, step 1: the plan. Every member header is checked before a single byte is extracted.

Only regular files with plain relative names casekit itself writes (no ``..``, no absolute paths,
no links, no devices), each listed in MANIFEST.json with the size it has, the whole within
``MAX_RESTORE_BYTES`` (``CASEKIT_RESTORE_MAX_BYTES``). The authenticated manifest is verified
here, before extraction (:mod:`.manifest_mac`).
"""

from __future__ import annotations

import json
import os
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from casekit.errors import ConfigurationError, IntegrityError, InvalidInput
from casekit.services.documents.files import is_temporary
from casekit.services.office.archive import (
    FILE_FOLDERS,
    FORMAT,
    HOME_FOLDERS,
    MANIFEST,
    PG_MEMBER,
    READ_ERRORS,
    SQLITE_MEMBER,
    is_config_name,
    refuse,
)
from casekit.services.office.manifest_mac import MAC_MEMBER, verify_manifest

#: The most a restore extracts (bytes), whatever the archive claims; CASEKIT_RESTORE_MAX_BYTES.
MAX_RESTORE_BYTES = 256 << 30
#: At most this many members (a header bomb is refused before it is read to the end).
MAX_MEMBERS = 2_000_000
MAX_MANIFEST_BYTES = 64 << 20


@dataclass(frozen=True)
class Plan:
    """What an archive holds, checked before anything is extracted."""

    archive: Path
    manifest: dict[str, Any]
    manifest_raw: bytes
    members: dict[str, int]  # name -> size
    total: int

    @property
    def database(self) -> str:
        return str(self.manifest.get("database", ""))


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or "\\" in name
        or any(part in ("", ".", "..") for part in path.parts)
        or name != path.as_posix()
        or any(ord(c) < 32 for c in name)
    ):
        raise refuse("the archive holds a file with an unsafe path")
    return path


def _allowed(path: PurePosixPath) -> bool:
    top = path.parts[0]
    if len(path.parts) == 1:
        return top in (MANIFEST, MAC_MEMBER, SQLITE_MEMBER, PG_MEMBER) or is_config_name(top)
    if any(is_temporary(part) for part in path.parts):
        return False
    return top in FILE_FOLDERS or top in HOME_FOLDERS


def _max_restore_bytes() -> int:
    raw = os.environ.get("CASEKIT_RESTORE_MAX_BYTES", "").strip()
    if not raw:
        return MAX_RESTORE_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(
            "CASEKIT_RESTORE_MAX_BYTES must be a whole number of bytes"
        ) from None
    if value < 1:
        raise ConfigurationError("CASEKIT_RESTORE_MAX_BYTES must be positive")
    return value


@dataclass
class _Scan:
    """What reading the member headers found (the two manifest members' bytes, the sizes)."""

    members: dict[str, int] = field(default_factory=dict)
    total: int = 0
    manifest: bytes | None = None
    mac: bytes | None = None


def read_plan(archive: Path | str) -> Plan:
    """Check every member header and the manifest; extract nothing.

    Raises:
        IntegrityError: an unsafe or unexpected member, a link or device, a duplicate, a size
            that differs from the manifest's, more than the size cap, or no readable manifest.
    """
    source = Path(archive).expanduser()
    if not source.is_file():
        raise InvalidInput("the backup file does not exist")
    cap = _max_restore_bytes()
    scan = _Scan()
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise refuse("the archive holds more files than casekit ever writes")
                _take(tar, member, scan, cap)
    except READ_ERRORS as exc:
        raise IntegrityError(
            f"the file is not a readable casekit backup ({type(exc).__name__}); nothing was "
            "restored"
        ) from exc
    if scan.manifest is None:
        raise refuse("the archive has no MANIFEST.json")
    manifest = _manifest(scan.manifest)
    # The manifest is authenticated (a keyed MAC over its bytes): verified after the headers
    # were checked, before any file is extracted or trusted.
    verify_manifest(scan.manifest, scan.mac)
    _check_listed(manifest["files"], scan.members)
    if manifest.get("database") not in ("sqlite", "postgresql"):
        raise refuse("the archive's manifest names no database")
    return Plan(source, manifest, scan.manifest, scan.members, scan.total)


def _take(tar: tarfile.TarFile, member: tarfile.TarInfo, scan: _Scan, cap: int) -> None:
    """Check one member header and note it (reading only the two small manifest members)."""
    if member.isdir():
        _safe_name(member.name.rstrip("/"))
        return
    if not member.isfile():
        raise refuse("the archive holds a link or device file")
    if not _allowed(_safe_name(member.name)):
        raise refuse("the archive holds a file casekit does not back up")
    if member.name in scan.members or (member.name == MANIFEST and scan.manifest is not None):
        raise refuse("the archive holds a file twice")
    if member.name == MAC_MEMBER:
        if scan.mac is not None or member.size > MAX_MANIFEST_BYTES:
            raise refuse("the archive's manifest MAC is not readable")
        scan.mac = _read_member(tar, member)
        return
    if member.name == MANIFEST:
        if member.size > MAX_MANIFEST_BYTES:
            raise refuse("the archive's manifest is too large")
        scan.manifest = _read_member(tar, member)
        return
    scan.members[member.name] = member.size
    scan.total += member.size
    if scan.total > cap:
        raise refuse(
            f"the archive would extract to more than {cap:,} bytes (the limit, "
            "CASEKIT_RESTORE_MAX_BYTES)"
        )


def _read_member(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    extracted = tar.extractfile(member)
    if extracted is None:  # a regular file always has content; checked by the caller
        raise refuse("the archive's manifest is not readable")
    return extracted.read()


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise refuse("the archive's MANIFEST.json is not readable") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise refuse("the archive has no usable MANIFEST.json")
    if manifest.get("format") != FORMAT:
        raise refuse("the archive was made by an incompatible casekit")
    return manifest


def _check_listed(expected: dict[str, Any], members: dict[str, int]) -> None:
    """Every member listed in the manifest with its size, and nothing else."""
    missing = set(expected) - set(members)
    extra = set(members) - set(expected)
    resized = [
        n for n, size in members.items() if n in expected and expected[n].get("size") != size
    ]
    if missing or extra or resized:
        raise refuse(
            f"the backup failed its integrity check ({len(resized)} file(s) altered, "
            f"{len(missing)} missing, {len(extra)} not in the manifest)"
        )
