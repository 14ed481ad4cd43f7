"""``casekit backup`` and ``casekit restore``: one verifiable archive of everything casekit keeps.

The archive (``.tar.gz``, owner-only) holds a consistent snapshot of the database, the files
root's ``documents/`` and ``evidence/``, the firm's ``templates/``, ``config.toml`` and every
``*.local.toml`` (``rules.local.toml``, ``law.local.toml`` ...) of CASEKIT_HOME, and
``MANIFEST.json`` (written last) with the SHA-256 and size of every other member, the casekit
version, the schema revision and the time it was made. Temporary files and orphans (a ``.docx``
or an evidence copy no row refers to: :mod:`casekit.services.files`) are never included.

* SQLite is copied with SQLite's online backup API (``sqlite3.Connection.backup``), which gives
  a consistent image even while another process writes. PostgreSQL is dumped with ``pg_dump``
  (plain SQL), credentials passed through the environment, never the command line; only a role
  that sees every row (the database owner) can make it.
* ``--keep N`` then removes all but the N newest ``casekit-backup-*.tar.gz`` in that folder.

**Restore** runs in four steps, and nothing outside CASEKIT_HOME and the files root is written:

1. *Plan* (:func:`read_plan`): every member header is checked before a single byte is
   extracted: only regular files with plain relative names casekit itself writes (no ``..``,
   no absolute paths, no links, no devices), each listed in MANIFEST.json with the size it has,
   the whole within :data:`MAX_RESTORE_BYTES` (``CASEKIT_RESTORE_MAX_BYTES``) and the free disk
   space. (An authenticated manifest is verified here, before extraction.)
2. *Stage*: the files are extracted beside their targets (``.restore-<id>/`` in CASEKIT_HOME and
   in the files root: same file system, so each switch is one rename) and hashed as they are
   written; any mismatch removes the stage and touches nothing.
3. *Switch*: a marker file (``RESTORE-IN-PROGRESS.json``) is written and fsynced first, listing
   every rename; then each live item (database, ``documents/``, ``evidence/``, ``templates/``,
   ``config.toml``, ``*.local.toml``) is moved to ``backups/replaced-<id>/`` and its staged
   copy renamed into place. A PostgreSQL database is replaced in one ``psql --single-transaction``
   run (empty database, or ``--force``: the old contents are dumped aside first).
4. The marker is removed. While it exists, every command refuses to open a database (so none
   creates an empty one where the restored one belongs) and says to run
   ``casekit restore --resume`` (finish the switch) or ``casekit restore --rollback`` (put the
   previous data back). Both are idempotent: they can themselves be interrupted and re-run.

Messages never name archive members: document file names often carry a client's name.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from casekit.config import (
    DIR_MODE,
    FILE_MODE,
    Settings,
    crash_point,
    ensure_private_dir,
    files_modes,
)
from casekit.errors import ConfigurationError, IntegrityError, InvalidInput
from casekit.services.backup_mac import MAC_MEMBER, sign_manifest, verify_manifest
from casekit.services.base import Services
from casekit.services.documents.files import References, is_temporary

MANIFEST = "MANIFEST.json"
FORMAT = 1
SQLITE_MEMBER = "casekit.sqlite"
PG_MEMBER = "casekit.sql"
FILE_FOLDERS = ("documents", "evidence")  # under the files root
HOME_FOLDERS = ("templates",)  # under CASEKIT_HOME
CONFIG_FILE = "config.toml"
CHUNK = 1 << 20
ARCHIVE_GLOB = "casekit-backup-*.tar.gz"
_ARCHIVE_NAME = re.compile(r"^casekit-backup-\d{8}T\d{6}Z(?:-\d+)?\.tar\.gz$")

#: The most a restore extracts (bytes), whatever the archive claims; CASEKIT_RESTORE_MAX_BYTES.
MAX_RESTORE_BYTES = 256 << 30
#: Free space a restore leaves on each disk it writes to.
FREE_MARGIN = 64 << 20
#: At most this many members (a header bomb is refused before it is read to the end).
MAX_MEMBERS = 2_000_000
MAX_MANIFEST_BYTES = 64 << 20
RESTORE_ID_KEY = "casekit.restore_id"


@dataclass(frozen=True)
class BackupOut:
    """The archive :func:`backup` wrote."""

    path: str
    files: int
    bytes: int
    database: str
    schema_revision: str | None
    created_at: str
    pruned: tuple[str, ...] = ()  # older archives removed by --keep

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pruned"] = list(self.pruned)
        return data


@dataclass(frozen=True)
class RestoreOut:
    """What :func:`restore` put back, and where the data it replaced went."""

    home: str
    files: int
    schema_revision: str | None
    created_at: str
    replaced: str | None  # where the data it replaced was moved, if any
    database: str = "sqlite"
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["notes"] = list(self.notes)
        return data


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("casekit")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _utc_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _fsync_dir(path: Path) -> None:
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


def libpq_url(url: str) -> str:
    """The libpq form (``postgresql://user@host:port/db``) of a SQLAlchemy URL, password left out.

    ``psql`` and ``pg_dump`` do not understand ``postgresql+psycopg://``; the password travels
    in ``PGPASSWORD`` (:func:`_pg_env`), never on a command line other users can list.
    """
    from sqlalchemy.engine import URL, make_url

    parsed = make_url(url)
    bare = URL.create(  # built afresh: URL.set(password=None) would keep the password
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    return bare.render_as_string(hide_password=False)


def _pg_env(url: str) -> dict[str, str]:
    from sqlalchemy.engine import make_url

    env = dict(os.environ)
    password = make_url(url).password
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(
            f"this needs {name} (install the PostgreSQL client tools, e.g. the Debian package "
            "postgresql-client)"
        )
    return found


# --- backup -------------------------------------------------------------------------------------


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


def _walk(folder: Path) -> Iterator[Path]:
    """Regular files below ``folder`` in a stable order; temporary files and folders skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not is_temporary(d))
        for name in sorted(files):
            path = Path(root) / name
            if not is_temporary(name) and path.is_file() and not path.is_symlink():
                yield path


def _config_files(home: Path) -> list[str]:
    """``config.toml`` and every ``*.local.toml`` in CASEKIT_HOME (rules, law pack overrides)."""
    names = []
    try:
        entries = sorted(os.scandir(home), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if _is_config_name(entry.name) and entry.is_file(follow_symlinks=False):
            names.append(entry.name)
    return names


def _is_config_name(name: str) -> bool:
    return name == CONFIG_FILE or (
        name.endswith(".local.toml") and not name.startswith(".") and "/" not in name
    )


def _snapshot_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database (the online backup API)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    os.close(fd)
    old_umask = os.umask(0o077)  # a -wal or -shm SQLite creates for the source stays private
    try:
        src = sqlite3.connect(source, timeout=30)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
            src.close()
    finally:
        os.umask(old_umask)


def _dump_postgresql(url: str, target: Path) -> None:
    pg_dump = _pg_tool("pg_dump")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [
                pg_dump,
                "--no-owner",
                "--no-privileges",
                "--format=plain",
                f"--dbname={libpq_url(url)}",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            env=_pg_env(url),
            check=False,
        )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace")
        if "row-level security" in detail or "permission denied" in detail:
            raise ConfigurationError(
                "pg_dump could not read every row: back up as the database owner (the account "
                "that runs casekit db upgrade); row-level security applies to every other role"
            )
        raise ConfigurationError(
            f"pg_dump failed (exit {result.returncode}); check the database URL and that "
            "pg_dump matches the server version"
        )


def _pg_references(svc: Services) -> References:
    from casekit.services.documents.files import references

    return references(svc)


def backup(
    svc: Services, *, output: Path | str | None = None, keep: int | None = None
) -> BackupOut:
    """Write one archive of the database, files, templates and configuration.

    Args:
        svc: The services.
        output: The archive, or a folder for it (default ``CASEKIT_HOME/backups/``).
        keep: Afterwards keep only this many ``casekit-backup-*.tar.gz`` in that folder (the
            newest, this one included); None keeps every one.
    """
    from casekit.store.migrate import current_revision

    if keep is not None and keep < 1:
        raise InvalidInput("--keep must be at least 1 (the backup just made)")
    settings = svc.settings
    created = datetime.now(UTC).replace(microsecond=0)
    default_name = f"casekit-backup-{_utc_stamp(created)}.tar.gz"
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
            _snapshot_sqlite(source, db_file)
            from casekit.services.documents.files import references_sqlite

            # Exactly the files the snapshot refers to: no orphan, nothing missing.
            refs = references_sqlite(settings, db_file)
        else:
            db_member, db_file = PG_MEMBER, Path(scratch) / PG_MEMBER
            _dump_postgresql(settings.database_url, db_file)
            # Read after the dump: a document recorded meanwhile is an extra file (swept after
            # a restore), never a row whose file is missing.
            refs = _pg_references(svc)
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_file(tar, db_file, db_member, manifest)
                _add_members(tar, settings, refs, manifest)
                body = _manifest_body(manifest, revision, database, created)
                _write_manifest(tar, body, created, sign_manifest(svc, body))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.chmod(target, FILE_MODE)
        _fsync_dir(target.parent)
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
            for path in _walk(folder):
                if key_file is not None and path.resolve() == key_file:
                    continue  # the key never travels with the data it protects
                rel = path.relative_to(root).as_posix()
                if refs.keeps(rel):
                    _add_file(tar, path, rel, manifest)
    for folder_name in HOME_FOLDERS:
        folder = settings.home / folder_name
        if folder.is_dir():
            for path in _walk(folder):
                if key_file is not None and path.resolve() == key_file:
                    continue
                _add_file(tar, path, path.relative_to(settings.home).as_posix(), manifest)
    for name in _config_files(settings.home):
        _add_file(tar, settings.home / name, name, manifest)


def _key_file() -> Path | None:
    from casekit.store import keys

    location = keys.locate()
    return location.path.resolve() if location.path is not None else None


def _manifest_body(
    files: dict[str, Any], revision: str | None, database: str, created: datetime
) -> bytes:
    return json.dumps(
        {
            "format": FORMAT,
            "casekit_version": _version(),
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
    (:mod:`casekit.services.backup_mac`)."""
    for name, data in ((MANIFEST, body), (MAC_MEMBER, mac)):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mode = FILE_MODE
        info.mtime = int(created.timestamp())
        tar.addfile(info, io.BytesIO(data))


def _prune(folder: Path, keep: int, just_made: Path) -> tuple[str, ...]:
    """Remove all but the ``keep`` newest casekit archives in ``folder`` (by name: UTC time)."""
    archives = sorted(
        (p for p in folder.glob(ARCHIVE_GLOB) if _ARCHIVE_NAME.match(p.name) and p.is_file()),
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


# --- restore: the plan --------------------------------------------------------------------------


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


def _refuse(why: str) -> IntegrityError:
    return IntegrityError(f"{why}; nothing was restored")


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
        raise _refuse("the archive holds a file with an unsafe path")
    return path


def _allowed(path: PurePosixPath) -> bool:
    top = path.parts[0]
    if len(path.parts) == 1:
        return top in (MANIFEST, MAC_MEMBER, SQLITE_MEMBER, PG_MEMBER) or _is_config_name(top)
    if any(is_temporary(part) for part in path.parts):
        return False
    return top in FILE_FOLDERS or top in HOME_FOLDERS


def max_restore_bytes() -> int:
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


def read_plan(archive: Path | str) -> Plan:
    """Check every member header and the manifest; extract nothing.

    Raises:
        IntegrityError: an unsafe or unexpected member, a link or device, a duplicate, a size
            that differs from the manifest's, more than the size cap, or no readable manifest.
    """
    source = Path(archive).expanduser()
    if not source.is_file():
        raise InvalidInput("the backup file does not exist")
    cap = max_restore_bytes()
    members: dict[str, int] = {}
    raw: bytes | None = None
    mac: bytes | None = None
    total = 0
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise _refuse("the archive holds more files than casekit ever writes")
                if member.isdir():
                    _safe_name(member.name.rstrip("/"))
                    continue
                if not member.isfile():
                    raise _refuse("the archive holds a link or device file")
                path = _safe_name(member.name)
                if not _allowed(path):
                    raise _refuse("the archive holds a file casekit does not back up")
                if member.name in members or (member.name == MANIFEST and raw is not None):
                    raise _refuse("the archive holds a file twice")
                if member.name == MAC_MEMBER:
                    if mac is not None or member.size > MAX_MANIFEST_BYTES:
                        raise _refuse("the archive's manifest MAC is not readable")
                    extracted = tar.extractfile(member)
                    assert extracted is not None
                    mac = extracted.read()
                    continue
                if member.name == MANIFEST:
                    if member.size > MAX_MANIFEST_BYTES:
                        raise _refuse("the archive's manifest is too large")
                    extracted = tar.extractfile(member)
                    assert extracted is not None
                    raw = extracted.read()
                    continue
                members[member.name] = member.size
                total += member.size
                if total > cap:
                    raise _refuse(
                        f"the archive would extract to more than {cap:,} bytes (the limit, "
                        "CASEKIT_RESTORE_MAX_BYTES)"
                    )
    except (tarfile.TarError, EOFError, OSError, zlib_error()) as exc:
        raise IntegrityError(
            f"the file is not a readable casekit backup ({type(exc).__name__}); nothing was "
            "restored"
        ) from exc
    if raw is None:
        raise _refuse("the archive has no MANIFEST.json")
    try:
        manifest = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _refuse("the archive's MANIFEST.json is not readable") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise _refuse("the archive has no usable MANIFEST.json")
    if manifest.get("format") != FORMAT:
        raise _refuse("the archive was made by an incompatible casekit")
    # The manifest is authenticated (a keyed MAC over ``raw``): verified after the headers were
    # checked, before any file is extracted or trusted.
    verify_manifest(raw, mac)
    # were checked, before any file is extracted.
    expected: dict[str, Any] = manifest["files"]
    missing = set(expected) - set(members)
    extra = set(members) - set(expected)
    resized = [
        n for n, size in members.items() if n in expected and expected[n].get("size") != size
    ]
    if missing or extra or resized:
        raise _refuse(
            f"the backup failed its integrity check ({len(resized)} file(s) altered, "
            f"{len(missing)} missing, {len(extra)} not in the manifest)"
        )
    if manifest.get("database") not in ("sqlite", "postgresql"):
        raise _refuse("the archive's manifest names no database")
    return Plan(source, manifest, raw, members, total)


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


# --- restore: staging ---------------------------------------------------------------------------


def _stage_dirs(settings: Settings, restore_id: str) -> tuple[Path, Path]:
    home_stage = settings.home / f".restore-{restore_id}"
    files_stage = settings.files_root / f".restore-{restore_id}"
    return home_stage, files_stage


def _staged_path(settings: Settings, restore_id: str, name: str) -> Path:
    home_stage, files_stage = _stage_dirs(settings, restore_id)
    top = name.split("/", 1)[0]
    base = files_stage if top in FILE_FOLDERS else home_stage
    return base.joinpath(*PurePosixPath(name).parts)


def _check_space(settings: Settings, plan: Plan) -> None:
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


def _extract(plan: Plan, settings: Settings, restore_id: str) -> None:
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
                    raise _refuse("the archive changed while it was being restored")
                target = _staged_path(settings, restore_id, member.name)
                in_files = member.name.split("/", 1)[0] in FILE_FOLDERS
                _make_dirs(target.parent, dir_mode if in_files else DIR_MODE)
                source = tar.extractfile(member)
                assert source is not None
                digest = hashlib.sha256()
                size = 0
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                with os.fdopen(fd, "wb") as out:
                    while chunk := source.read(CHUNK):
                        size += len(chunk)
                        if size > member.size:
                            raise _refuse("a file in the archive is longer than it says")
                        digest.update(chunk)
                        out.write(chunk)
                want = expected[member.name]
                if digest.hexdigest() != want.get("sha256") or size != want.get("size"):
                    raise _refuse("the backup failed its integrity check (a file was altered)")
                read_only = not (member.mode & 0o200)
                if in_files:
                    mode = (0o400 if file_mode == FILE_MODE else 0o440) if read_only else file_mode
                else:
                    mode = 0o400 if read_only else FILE_MODE
                os.chmod(target, mode)
    except (tarfile.TarError, EOFError, OSError, zlib_error()) as exc:
        raise IntegrityError(
            f"the backup could not be read to the end ({type(exc).__name__}); nothing was restored"
        ) from exc


def _make_dirs(folder: Path, mode: int) -> None:
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir(mode=mode)
        os.chmod(path, mode)


def _remove_tree(path: Path) -> None:
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


# --- restore: the journal -----------------------------------------------------------------------


@dataclass
class _Item:
    """One rename pair of the switch: the live path, its staged replacement, where it goes."""

    live: str
    staged: str | None  # None: the archive has none (the live one only goes aside)
    aside: str
    had_live: bool


@dataclass
class _Journal:
    """The marker file's content: everything --resume and --rollback need."""

    restore_id: str
    archive: str
    database: str  # sqlite | postgresql
    created_at: str
    schema_revision: str | None
    files: int
    stages: list[str]
    aside_dirs: list[str]
    items: list[_Item] = field(default_factory=list)
    state: str = "switching"  # database | switching | done
    pg_had_data: bool = False
    pg_safety_dump: str | None = None

    def to_json(self) -> bytes:
        data = asdict(self)
        return json.dumps(data, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> _Journal:
        data = json.loads(raw)
        items = [_Item(**i) for i in data.pop("items")]
        return cls(items=items, **data)


def _write_marker(settings: Settings, journal: _Journal) -> None:
    marker = settings.restore_marker
    tmp = marker.with_name(f".{marker.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        out.write(journal.to_json())
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, marker)
    _fsync_dir(marker.parent)


def _read_marker(settings: Settings) -> _Journal:
    try:
        return _Journal.from_json(settings.restore_marker.read_bytes())
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ConfigurationError(
            f"the restore marker {settings.restore_marker} cannot be read; move it away only "
            "after checking the database and files by hand"
        ) from exc


def _plan_items(
    settings: Settings, plan: Plan, restore_id: str, aside_home: Path, aside_files: Path
) -> list[_Item]:
    """Every rename the switch makes, database first (it decides what a command sees)."""
    items: list[_Item] = []

    def add(live: Path, staged: Path | None, aside_dir: Path) -> None:
        items.append(
            _Item(
                live=str(live),
                staged=str(staged) if staged is not None else None,
                aside=str(aside_dir / live.name),
                had_live=live.exists() or live.is_symlink(),
            )
        )

    home_stage, files_stage = _stage_dirs(settings, restore_id)
    if plan.database == "sqlite":
        db_path = settings.sqlite_path
        assert db_path is not None
        # The -wal and -shm files belong to the old database: a stale WAL must never meet the
        # new one, so they go aside before it is renamed into place.
        for suffix in ("-wal", "-shm"):
            add(Path(f"{db_path}{suffix}"), None, aside_home)
        add(db_path, home_stage / SQLITE_MEMBER, aside_home)
    for name in FILE_FOLDERS:
        staged = files_stage / name
        add(settings.files_root / name, staged if _has_prefix(plan, name) else None, aside_files)
    for name in HOME_FOLDERS:
        staged = home_stage / name
        add(settings.home / name, staged if _has_prefix(plan, name) else None, aside_home)
    configs = sorted(
        {n for n in plan.members if "/" not in n and _is_config_name(n)}
        | set(_config_files(settings.home))
    )
    for name in configs:
        add(settings.home / name, home_stage / name if name in plan.members else None, aside_home)
    return items


def _has_prefix(plan: Plan, folder: str) -> bool:
    return any(n.startswith(folder + "/") for n in plan.members)


def _switch(journal: _Journal) -> None:
    """Roll every item forward; safe to repeat after a crash at any point."""
    for item in journal.items:
        live, aside = Path(item.live), Path(item.aside)
        staged = Path(item.staged) if item.staged else None
        staged_ready = staged is not None and (staged.exists() or staged.is_symlink())
        if (
            item.had_live
            and (live.exists() or live.is_symlink())
            and not (aside.exists() or aside.is_symlink())
        ):
            aside.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            os.replace(live, aside)
            _fsync_dir(aside.parent)
            crash_point(f"aside:{live.name}")
        if staged is not None and staged_ready:
            if live.exists() or live.is_symlink():  # a rollback-free rerun: never clobber
                _remove_tree(live)
            os.replace(staged, live)
            _fsync_dir(live.parent)
            crash_point(f"switched:{live.name}")
    # The folders under the files root must exist even when the archive had none.
    for item in journal.items:
        live = Path(item.live)
        if live.name in FILE_FOLDERS and not live.exists():
            _make_dirs(live, DIR_MODE)


def _unswitch(journal: _Journal) -> None:
    """Put every item back as it was before the switch; safe to repeat after a crash."""
    for item in reversed(journal.items):
        live, aside = Path(item.live), Path(item.aside)
        staged = Path(item.staged) if item.staged else None
        aside_there = aside.exists() or aside.is_symlink()
        live_there = live.exists() or live.is_symlink()
        if item.had_live:
            if aside_there:
                if live_there:  # the restored copy: back into the stage, removed with it
                    if staged is not None and not staged.exists():
                        staged.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
                        os.replace(live, staged)
                    else:
                        _remove_tree(live)
                os.replace(aside, live)
                _fsync_dir(live.parent)
        elif live_there and staged is not None:
            if not staged.exists():
                staged.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
                os.replace(live, staged)
            else:
                _remove_tree(live)


def _finish(settings: Settings, journal: _Journal) -> None:
    settings.restore_marker.unlink(missing_ok=True)
    _fsync_dir(settings.home)
    for stage in journal.stages:
        _remove_tree(Path(stage))
    for aside in journal.aside_dirs:
        try:
            Path(aside).rmdir()  # only if nothing went aside there
        except OSError:
            pass


# --- restore: the database ----------------------------------------------------------------------


def _sqlite_has_data(settings: Settings) -> bool:
    """Whether CASEKIT_HOME holds anything a restore would overwrite.

    A database that was only created and migrated (no client, no matter) does not count.
    """
    db = settings.sqlite_path
    if db is not None and db.exists() and db.stat().st_size > 0:
        try:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                rows = sum(
                    conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
                    for table in ("client", "matter")
                )
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return True  # unreadable or foreign: never overwrite it silently
        if rows:
            return True
    return _files_have_data(settings)


def _files_have_data(settings: Settings) -> bool:
    folders = [settings.files_root / n for n in FILE_FOLDERS]
    folders += [settings.home / n for n in HOME_FOLDERS]
    for folder in folders:
        if folder.is_dir() and any(True for _ in _walk(folder)):
            return True
    return False


def _check_sqlite(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise _refuse("the database in the backup is damaged") from exc
    if not ok or ok[0] != "ok":
        raise _refuse("the database in the backup is damaged")


def _pg_connect(url: str) -> Any:
    """A plain autocommit psycopg connection (restore works below the ORM and its schema)."""
    import psycopg
    from sqlalchemy.engine import make_url

    password = make_url(url).password
    conninfo = libpq_url(url)
    if password is not None:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=10, password=password)
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=10)


def _pg_has_data(url: str) -> bool:
    with _pg_connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
        ).fetchone()
    return bool(row and row[0])


def _pg_restore_id(url: str) -> str | None:
    try:
        with _pg_connect(url) as conn:
            row = conn.execute(
                "SELECT value FROM public.setting WHERE key = %s", (RESTORE_ID_KEY,)
            ).fetchone()
    except Exception:  # noqa: BLE001 - no table yet: not restored
        return None
    return str(row[0]) if row else None


def _psql_load(url: str, sql_file: Path, restore_id: str, *, replace_existing: bool) -> None:
    """Load a plain dump in ONE transaction: all of it is committed, or nothing is."""
    psql = _pg_tool("psql")
    argv = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    if replace_existing:
        # Inside the same transaction: a failure (or a kill) leaves the old contents.
        argv += ["-c", "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"]
    argv += ["-f", str(sql_file)]
    # The dump sets an empty search_path; the last statement records which restore this was,
    # so --resume can tell whether the transaction committed.
    argv += [
        "-c",
        "INSERT INTO public.setting (created_at, updated_at, version, key, value) "
        f"VALUES (now(), now(), 1, '{RESTORE_ID_KEY}', '{restore_id}') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
    ]
    argv += [f"--dbname={libpq_url(url)}"]
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell; the password is in the env
        argv, env=_pg_env(url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace")
        hint = ""
        if "must be owner" in detail or "permission denied" in detail:
            hint = " (restore as the database's owner)"
        raise ConfigurationError(
            f"psql could not load the database from the backup{hint}; the database was left "
            "as it was. Run 'casekit restore --rollback' to put the files back"
        )


def _pg_after_restore(svc: Services) -> list[str]:
    """Refresh the office's access control on a restored PostgreSQL database (or say what to do)."""
    from casekit.store.migrate import current_revision, head_revision, upgrade

    engine = svc.engine
    current, head = current_revision(engine), head_revision(engine)
    if current != head:
        return [f"the restored database is at schema revision {current}: run casekit db upgrade"]
    upgrade(engine, files_root=svc.settings.files_root)  # nothing to migrate: privileges, wall
    from casekit.store import office

    with engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        if prefix and not office.apply_privileges(conn, prefix):
            return ["the office's group roles do not exist on this server: run casekit users setup"]
    return []


# --- restore: the commands ----------------------------------------------------------------------


def restore(svc: Services, archive: Path | str, *, force: bool = False) -> RestoreOut:
    """Restore an archive made by :func:`backup` into CASEKIT_HOME and the files root.

    SQLite: into the configured home. PostgreSQL: into the configured database, which must be
    empty (``force``: its contents are dumped aside, then replaced). Close casekit everywhere
    else first.

    Raises:
        IntegrityError: the archive is unsafe, damaged or altered (nothing was touched).
        ConfigurationError: data is there and ``force`` was not given; an unfinished restore;
            the archive's database kind differs from the configured one.
    """
    from casekit.config import check_no_unfinished_restore

    settings = svc.settings
    check_no_unfinished_restore(settings)
    plan = read_plan(archive)
    is_sqlite = plan.database == "sqlite"
    if is_sqlite != settings.is_sqlite:
        if is_sqlite:
            raise ConfigurationError(
                "this backup holds a SQLite database; restore it with CASEKIT_DATABASE_URL unset "
                "(into a SQLite home), nothing was restored"
            )
        raise ConfigurationError(
            "this backup holds a PostgreSQL database; set CASEKIT_DATABASE_URL to an empty "
            "PostgreSQL database to restore it, nothing was restored"
        )
    db_member = SQLITE_MEMBER if is_sqlite else PG_MEMBER
    if db_member not in plan.members:
        raise _refuse("the archive holds no database")
    if is_sqlite and settings.sqlite_path is None:
        raise ConfigurationError("the configured SQLite database has no file to restore into")
    ensure_private_dir(settings.home)
    if not settings.files_root.is_dir():
        raise ConfigurationError(
            "the files folder (CASEKIT_FILES) does not exist or is not reachable"
        )
    svc.dispose()  # no connection of ours may hold the old file open
    if is_sqlite:
        had_data = _sqlite_has_data(settings)
    else:
        had_data = _pg_has_data(settings.database_url) or _files_have_data(settings)
    if had_data and not force:
        where = "CASEKIT_HOME" if is_sqlite else "the PostgreSQL database or the files folder"
        raise ConfigurationError(
            f"{where} already holds data; pass --force to replace it (it is kept under "
            "backups/replaced-<id>/)"
        )
    _check_space(settings, plan)
    restore_id = f"{_utc_stamp(datetime.now(UTC))}-{secrets.token_hex(3)}"
    home_stage, files_stage = _stage_dirs(settings, restore_id)
    stages = sorted({str(home_stage), str(files_stage)})
    locks: list[int] = []
    try:
        for stage in stages:
            Path(stage).mkdir(mode=DIR_MODE)
            locks.append(_lock_stage(Path(stage)))
        _extract(plan, settings, restore_id)
        if is_sqlite:
            _check_sqlite(home_stage / SQLITE_MEMBER)
    except BaseException:
        for fd in locks:
            os.close(fd)
        for stage in stages:
            _remove_tree(Path(stage))
        raise
    crash_point("staged")
    aside_home = settings.home / "backups" / f"replaced-{restore_id}"
    aside_files = settings.files_root / "backups" / f"replaced-{restore_id}"
    journal = _Journal(
        restore_id=restore_id,
        archive=plan.archive.name,
        database=plan.database,
        created_at=str(plan.manifest.get("created_at", "")),
        schema_revision=plan.manifest.get("schema_revision"),
        files=len(plan.manifest["files"]),
        stages=stages,
        aside_dirs=sorted({str(aside_home), str(aside_files)}),
        items=_plan_items(settings, plan, restore_id, aside_home, aside_files),
        state="switching" if is_sqlite else "database",
        pg_had_data=False if is_sqlite else _pg_has_data(settings.database_url),
    )
    if journal.pg_had_data:
        ensure_private_dir(aside_home)
        safety = aside_home / PG_MEMBER
        _dump_postgresql(settings.database_url, safety)
        journal.pg_safety_dump = str(safety)
    if not all(Path(stage).is_dir() for stage in stages):
        raise ConfigurationError("the restore's staged files were removed meanwhile; try again")
    # Every staged byte on disk before the marker promises a switch can be finished: one sync
    # for the whole stage (an fsync per file made a restore of 8,000 files several times slower).
    os.sync()
    _write_marker(settings, journal)
    crash_point("marked")
    try:
        return _run(svc, journal)
    finally:
        for fd in locks:
            os.close(fd)


def _lock_stage(stage: Path) -> int:
    """Hold an exclusive lock in ``stage`` for as long as this restore runs (see files.py)."""
    import fcntl

    from casekit.services.documents.files import STAGE_LOCK

    fd = os.open(stage / STAGE_LOCK, os.O_RDWR | os.O_CREAT, FILE_MODE)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def _run(svc: Services, journal: _Journal) -> RestoreOut:
    """Carry a journal forward from whatever state it is in."""
    settings = svc.settings
    if journal.state == "database":
        if _pg_restore_id(settings.database_url) != journal.restore_id:
            home_stage, _ = _stage_dirs(settings, journal.restore_id)
            _psql_load(
                settings.database_url,
                home_stage / PG_MEMBER,
                journal.restore_id,
                replace_existing=journal.pg_had_data or _pg_has_data(settings.database_url),
            )
        crash_point("database")
        journal.state = "switching"
        _write_marker(settings, journal)
    if journal.state == "switching":
        _switch(journal)
        crash_point("switched")
        journal.state = "done"
        _write_marker(settings, journal)
    crash_point("done")
    _finish(settings, journal)
    notes: list[str] = []
    if journal.database == "postgresql":
        notes = _pg_after_restore(svc)
        svc.dispose()
    moved = [Path(i.aside) for i in journal.items if i.had_live and Path(i.aside).exists()]
    replaced = str(moved[0].parent) if moved else None
    if journal.pg_safety_dump:
        replaced = str(Path(journal.pg_safety_dump).parent)
    return RestoreOut(
        home=str(settings.home),
        files=journal.files,
        schema_revision=journal.schema_revision,
        created_at=journal.created_at,
        replaced=replaced,
        database=journal.database,
        notes=tuple(notes),
    )


def resume_restore(svc: Services) -> RestoreOut:
    """Finish an interrupted restore (``casekit restore --resume``)."""
    if not svc.settings.restore_marker.exists():
        raise ConfigurationError("there is no unfinished restore to resume")
    journal = _read_marker(svc.settings)
    for item in journal.items:  # a stage removed by hand cannot be finished, only rolled back
        if item.staged is None or Path(item.staged).exists():
            continue
        live_there = Path(item.live).exists()
        not_switched_yet = item.had_live and not Path(item.aside).exists()
        if not live_there or not_switched_yet:
            raise ConfigurationError(
                "the restore's staged files are gone, so it cannot be finished; run "
                "casekit restore --rollback"
            )
    return _run(svc, journal)


def rollback_restore(svc: Services) -> RestoreOut:
    """Undo an interrupted restore (``casekit restore --rollback``): the previous data returns."""
    settings = svc.settings
    if not settings.restore_marker.exists():
        raise ConfigurationError("there is no unfinished restore to roll back")
    journal = _read_marker(settings)
    _unswitch(journal)
    crash_point("unswitched")
    if journal.database == "postgresql" and (
        _pg_restore_id(settings.database_url) == journal.restore_id
    ):
        if journal.pg_safety_dump and Path(journal.pg_safety_dump).exists():
            _psql_load(
                settings.database_url,
                Path(journal.pg_safety_dump),
                f"rollback-{journal.restore_id}",
                replace_existing=True,
            )
            with _pg_connect(settings.database_url) as conn:
                conn.execute("DELETE FROM public.setting WHERE key = %s", (RESTORE_ID_KEY,))
        else:  # the database was empty before: empty again
            with _pg_connect(settings.database_url) as conn:
                conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
                conn.execute("CREATE SCHEMA public")
    _finish(settings, journal)
    return RestoreOut(
        home=str(settings.home),
        files=0,
        schema_revision=None,
        created_at=journal.created_at,
        replaced=None,
        database=journal.database,
        notes=("the restore was rolled back; the previous data is in place",),
    )
