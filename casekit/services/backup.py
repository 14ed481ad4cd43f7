"""``casekit backup`` and ``casekit restore``: one verifiable archive of everything casekit keeps.

The archive (``.tar.gz``, owner-only) holds a consistent snapshot of the database, the
``documents/`` and ``evidence/`` folders, ``config.toml`` and ``rules.local.toml`` when present,
and ``MANIFEST.json`` (written last) with the SHA-256 and size of every other member, the casekit
version, the schema revision and the time it was made, then ``MANIFEST.mac``, its keyed MAC
(``casekit.services.backup_mac``). Sensitive fields are in the database snapshot as ciphertext
only; the key is never part of a backup.

* SQLite is copied with SQLite's online backup API (``sqlite3.Connection.backup``), which gives
  a consistent image even while another process writes. PostgreSQL is dumped with ``pg_dump``
  (plain SQL), credentials passed through the environment, never the command line.
* Restore checks every hash before touching anything, refuses to replace existing data without
  ``force``, extracts into a temporary folder inside CASEKIT_HOME and then moves the files into
  place; what it replaces is kept under ``backups/replaced-<time>/``. Only regular files with
  plain relative names are accepted (no ``..``, no absolute paths, no links or devices).

Messages never name archive members: document file names often carry a client's name.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from casekit.config import DIR_MODE, FILE_MODE, Settings, ensure_private_dir
from casekit.errors import ConfigurationError, IntegrityError, InvalidInput
from casekit.services.backup_mac import MAC_MEMBER, sign_manifest, verify_manifest
from casekit.services.base import Services

MANIFEST = "MANIFEST.json"
FORMAT = 1
SQLITE_MEMBER = "casekit.sqlite"
PG_MEMBER = "casekit.sql"
FOLDERS = ("documents", "evidence")
CONFIG_FILES = ("config.toml", "rules.local.toml")
CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupOut:
    """The archive :func:`backup` wrote."""

    path: str
    files: int
    bytes: int
    database: str
    schema_revision: str | None
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RestoreOut:
    """What :func:`restore` put back, and where the data it replaced went."""

    home: str
    files: int
    schema_revision: str | None
    created_at: str
    replaced: str | None  # where the data it replaced was moved, if any

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("casekit")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "unknown"


def _utc_stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


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
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_file() and not path.is_symlink():
                yield path


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
    from sqlalchemy.engine import make_url

    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise ConfigurationError(
            "backing up a PostgreSQL database needs pg_dump (install the PostgreSQL client tools)"
        )
    parsed = make_url(url)
    env = dict(os.environ)
    for var, value in (
        ("PGHOST", parsed.host),
        ("PGPORT", parsed.port),
        ("PGUSER", parsed.username),
        ("PGPASSWORD", parsed.password),
        ("PGDATABASE", parsed.database),
    ):
        if value is not None:
            env[var] = str(value)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        result = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [pg_dump, "--no-owner", "--no-privileges", "--format=plain"],
            stdout=out,
            stderr=subprocess.PIPE,
            env=env,
            check=False,
        )
    if result.returncode != 0:
        raise ConfigurationError(
            f"pg_dump failed (exit {result.returncode}); check the database URL and that "
            "pg_dump matches the server version"
        )


def backup(svc: Services, *, output: Path | str | None = None) -> BackupOut:
    """Write one archive of the database, documents, evidence and configuration."""
    from casekit.store.migrate import current_revision

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
    total = 0
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=_scratch(settings)) as scratch:
        if settings.is_sqlite:
            source = settings.sqlite_path
            if source is None or not source.exists():
                raise ConfigurationError("there is no database to back up yet (casekit init)")
            db_member, db_file = SQLITE_MEMBER, Path(scratch) / SQLITE_MEMBER
            _snapshot_sqlite(source, db_file)
        else:
            db_member, db_file = PG_MEMBER, Path(scratch) / PG_MEMBER
            _dump_postgresql(settings.database_url, db_file)
        partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                _add_file(tar, db_file, db_member, manifest)
                key_file = _key_file()
                for folder_name in FOLDERS:
                    folder = settings.home / folder_name
                    if folder.is_dir():
                        for path in _walk(folder):
                            if key_file is not None and path.resolve() == key_file:
                                continue  # the key never travels with the data it protects
                            rel = path.relative_to(settings.home).as_posix()
                            _add_file(tar, path, rel, manifest)
                for name in CONFIG_FILES:
                    path = settings.home / name
                    if path.is_file():
                        _add_file(tar, path, name, manifest)
                body = json.dumps(
                    {
                        "format": FORMAT,
                        "casekit_version": _version(),
                        "schema_revision": revision,
                        "database": database,
                        "created_at": created.isoformat(),
                        "files": manifest,
                    },
                    indent=2,
                    sort_keys=True,
                ).encode()
                for name, data in ((MANIFEST, body), (MAC_MEMBER, sign_manifest(svc, body))):
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    info.mode = FILE_MODE
                    info.mtime = int(created.timestamp())
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.chmod(target, FILE_MODE)
        total = target.stat().st_size
    return BackupOut(
        path=str(target),
        files=len(manifest),
        bytes=total,
        database=database,
        schema_revision=revision,
        created_at=created.isoformat(),
    )


def _key_file() -> Path | None:
    from casekit.store import keys

    location = keys.locate()
    return location.path.resolve() if location.path is not None else None


def _scratch(settings: Settings) -> Path:
    """Temporary files stay inside CASEKIT_HOME: same disk, same owner-only permissions."""
    return ensure_private_dir(settings.home)


# --- restore ------------------------------------------------------------------------------------


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if (
        not name
        or path.is_absolute()
        or "\\" in name
        or any(part in ("", ".", "..") for part in path.parts)
        or name != path.as_posix()
    ):
        raise IntegrityError("the archive holds a file with an unsafe path; nothing was restored")
    return path


def _allowed(path: PurePosixPath) -> bool:
    top = path.parts[0]
    if len(path.parts) == 1:
        return top in (MANIFEST, MAC_MEMBER, SQLITE_MEMBER, PG_MEMBER, *CONFIG_FILES)
    return top in FOLDERS


def _extract_verified(archive: Path, into: Path) -> dict[str, Any]:
    """Extract the regular files into ``into`` and check them against MANIFEST.json."""
    digests: dict[str, tuple[str, int]] = {}
    manifest: dict[str, Any] | None = None
    manifest_bytes: bytes | None = None
    mac_member: bytes | None = None
    try:
        with tarfile.open(archive, mode="r:gz") as tar:
            for member in tar:
                if member.isdir():
                    continue
                if not member.isfile():
                    raise IntegrityError(
                        "the archive holds a link or device file; nothing was restored"
                    )
                path = _safe_name(member.name)
                if not _allowed(path):
                    raise IntegrityError(
                        "the archive holds a file casekit does not back up; nothing was restored"
                    )
                source = tar.extractfile(member)
                assert source is not None
                if member.name == MANIFEST:
                    manifest_bytes = source.read(10 << 20)
                    manifest = json.loads(manifest_bytes)
                    continue
                if member.name == MAC_MEMBER:
                    mac_member = source.read(64 << 10)
                    continue
                if member.name in digests:
                    raise IntegrityError("the archive holds a file twice; nothing was restored")
                target = into.joinpath(*path.parts)
                ensure_private_dir(target.parent)
                digest = hashlib.sha256()
                size = 0
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
                with os.fdopen(fd, "wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                os.chmod(target, (member.mode & 0o600) or FILE_MODE)
                digests[member.name] = (digest.hexdigest(), size)
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IntegrityError(
            f"the file is not a readable casekit backup ({type(exc).__name__}); nothing was "
            "restored"
        ) from exc
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise IntegrityError("the archive has no MANIFEST.json; nothing was restored")
    assert manifest_bytes is not None
    verify_manifest(manifest_bytes, mac_member)  # before the hashes: a forged manifest lies
    if manifest.get("format") != FORMAT:
        raise IntegrityError("the archive was made by an incompatible casekit; nothing restored")
    expected: dict[str, Any] = manifest["files"]
    missing = set(expected) - set(digests)
    extra = set(digests) - set(expected)
    bad = [
        name
        for name, (sha, size) in digests.items()
        if name in expected
        and (expected[name].get("sha256") != sha or expected[name].get("size") != size)
    ]
    if missing or extra or bad:
        raise IntegrityError(
            f"the backup failed its integrity check ({len(bad)} file(s) altered, "
            f"{len(missing)} missing, {len(extra)} not in the manifest); nothing was restored"
        )
    return manifest


def _has_data(settings: Settings) -> bool:
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
    return any(
        (settings.home / name).is_dir() and any((settings.home / name).iterdir())
        for name in FOLDERS
    )


def restore(svc: Services, archive: Path | str, *, force: bool = False) -> RestoreOut:
    """Restore an archive made by :func:`backup` into CASEKIT_HOME (SQLite only).

    Close casekit everywhere else first: the database file is replaced underneath it.
    """
    settings = svc.settings
    source = Path(archive).expanduser()
    if not source.is_file():
        raise InvalidInput("the backup file does not exist")
    ensure_private_dir(settings.home)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=settings.home) as scratch:
        staged = Path(scratch) / "data"
        staged.mkdir(mode=DIR_MODE)
        manifest = _extract_verified(source, staged)
        if manifest.get("database") != "sqlite" or not settings.is_sqlite:
            raise ConfigurationError(
                "automatic restore works only for SQLite; for PostgreSQL, into an empty "
                f'database: tar -xzOf {source.name} {PG_MEMBER} | psql "$CASEKIT_DATABASE_URL" '
                f"(then extract documents/ and evidence/ into CASEKIT_HOME)"
            )
        db_path = settings.sqlite_path
        if db_path is None:
            raise ConfigurationError("the configured SQLite database has no file to restore into")
        if _has_data(settings) and not force:
            raise ConfigurationError(
                "CASEKIT_HOME already holds a database or documents; pass --force to replace "
                "them (they are kept under backups/replaced-<time>/)"
            )
        svc.dispose()  # no connection of ours may hold the old file open
        _check_sqlite(staged / SQLITE_MEMBER)
        replaced = _swap_in(settings, staged, db_path)
    return RestoreOut(
        home=str(settings.home),
        files=len(manifest["files"]),
        schema_revision=manifest.get("schema_revision"),
        created_at=str(manifest.get("created_at", "")),
        replaced=str(replaced) if replaced else None,
    )


def _check_sqlite(path: Path) -> None:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise IntegrityError("the database in the backup is damaged; nothing was restored") from exc
    if not ok or ok[0] != "ok":
        raise IntegrityError("the database in the backup is damaged; nothing was restored")


def _swap_in(settings: Settings, staged: Path, db_path: Path) -> Path | None:
    """Move the staged files into place; what was there goes to backups/replaced-<time>/."""
    moment = _utc_stamp(datetime.now(UTC))
    aside = settings.home / "backups" / f"replaced-{moment}"
    moved = False

    def put_aside(path: Path, name: str) -> None:
        nonlocal moved
        if path.exists():
            ensure_private_dir(aside)
            os.replace(path, aside / name)
            moved = True

    # The -wal and -shm files belong to the old database; a stale WAL must never meet the new one.
    for suffix in ("-wal", "-shm"):
        put_aside(Path(f"{db_path}{suffix}"), db_path.name + suffix)
    put_aside(db_path, db_path.name)
    ensure_private_dir(db_path.parent)
    os.replace(staged / SQLITE_MEMBER, db_path)
    os.chmod(db_path, FILE_MODE)
    for name in FOLDERS:
        put_aside(settings.home / name, name)
        if (staged / name).is_dir():
            os.replace(staged / name, settings.home / name)
        else:
            ensure_private_dir(settings.home / name)
    for name in CONFIG_FILES:
        if (staged / name).is_file():
            put_aside(settings.home / name, name)
            os.replace(staged / name, settings.home / name)
    return aside if moved else None
