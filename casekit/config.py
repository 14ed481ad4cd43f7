"""Where casekit keeps its data, and which database it talks to.

``CASEKIT_HOME`` (default: the platform user-data dir) holds ``casekit.sqlite``, ``templates/``
(a firm's own), ``rules.local.toml`` (and any other ``*.local.toml``) and ``config.toml``.
``CASEKIT_FILES`` (default: ``CASEKIT_HOME``) is the *files root*: it holds ``documents/`` and
``evidence/``, and an office points every user at one shared, access-controlled folder. The
database stores paths relative to it, so every user (and a restored home) finds the same files.
``CASEKIT_DATABASE_URL`` points at a shared PostgreSQL database instead of the SQLite file.
``CASEKIT_KEY_FILE`` names the encryption key file (``casekit.store.keys``); the key is never
kept in CASEKIT_HOME's backup set.

Everything casekit creates in CASEKIT_HOME is owner-only (0700 folders, 0600 files): the data can
get a client deported if it leaks. In a files root whose folder grants its group access (an
office's ``chmod 2770`` share), documents and evidence are group-readable as well (0770 folders,
0660 files, 0440 evidence) and never readable by others: see :func:`files_modes`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from casekit.errors import ConfigurationError

DIR_MODE = 0o700
FILE_MODE = 0o600
#: Written beside the database while ``casekit restore`` swaps data in; while it exists no
#: command opens (or creates) a database (:func:`check_no_unfinished_restore`).
RESTORE_MARKER = "RESTORE-IN-PROGRESS.json"


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    home: Path
    database_url: str
    #: The display name that signs notes and the audit log: ``CASEKIT_USER``, else ``[user] name``
    #: in ``config.toml`` (set in the TUI), else ``$USER``. The authenticated identity
    #: is recorded beside it by the store (``casekit.store.audit``), never taken from here.
    actor: str
    #: The files root (``CASEKIT_FILES``); None means CASEKIT_HOME.
    files: Path | None = None

    @property
    def files_root(self) -> Path:
        """Where ``documents/`` and ``evidence/`` live (``CASEKIT_FILES``, default the home)."""
        return self.files if self.files is not None else self.home

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        raw = self.database_url.split("///", 1)[-1]
        return Path(raw) if raw and raw != ":memory:" else None

    @property
    def documents_dir(self) -> Path:
        return self.files_root / "documents"

    @property
    def evidence_dir(self) -> Path:
        return self.files_root / "evidence"

    @property
    def restore_marker(self) -> Path:
        return self.home / RESTORE_MARKER

    def resolve_file(self, stored: str) -> Path:
        """The file a database row names: a relative path is under the files root."""
        path = Path(stored)
        return path if path.is_absolute() else self.files_root / path

    def relative_file(self, path: Path) -> str:
        """How a row stores ``path``: relative (POSIX) under the files root, else absolute."""
        resolved = path.resolve()
        try:
            return resolved.relative_to(self.files_root.resolve()).as_posix()
        except ValueError:
            return str(resolved)

    @property
    def templates_dir(self) -> Path:
        return self.home / "templates"

    @property
    def rules_file(self) -> Path:
        return self.home / "rules.local.toml"

    @property
    def config_file(self) -> Path:
        return self.home / "config.toml"


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("casekit", appauthor=False))


def load_settings(env: os._Environ[str] | dict[str, str] | None = None) -> Settings:
    """Read the environment. Nothing is created here (see :func:`ensure_home`)."""
    env = os.environ if env is None else env
    home = Path(env.get("CASEKIT_HOME") or default_home()).expanduser().resolve()
    url = env.get("CASEKIT_DATABASE_URL") or f"sqlite:///{home / 'casekit.sqlite'}"
    actor = env.get("CASEKIT_USER") or _configured_name(home) or env.get("USER") or "casekit"
    files_env = env.get("CASEKIT_FILES")
    files = Path(files_env).expanduser().resolve() if files_env else None
    return Settings(home=home, database_url=url, actor=actor, files=files)


def _configured_name(home: Path) -> str:
    """The name the user gave casekit (``[user] name`` in ``config.toml``), if any."""
    from casekit.userconfig import read_user_config

    return read_user_config(home / "config.toml").name


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents casekit owns) owner-only; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def ensure_home(settings: Settings) -> None:
    """Create CASEKIT_HOME (owner-only) and the files root's ``documents/`` and ``evidence/``.

    Refuses while a restore is unfinished (:func:`check_no_unfinished_restore`).
    """
    check_no_unfinished_restore(settings)
    ensure_private_dir(settings.home)
    if settings.files is None or settings.files_root == settings.home:
        for sub in (settings.documents_dir, settings.evidence_dir):
            ensure_private_dir(sub)
        return
    if not settings.files_root.is_dir():
        raise ConfigurationError(
            "the files folder (CASEKIT_FILES) does not exist or is not reachable; "
            "check that the office share is mounted"
        )
    for sub in (settings.documents_dir, settings.evidence_dir):
        ensure_files_dir(settings, sub)


def files_modes(settings: Settings) -> tuple[int, int]:
    """``(folder mode, file mode)`` for what casekit writes under the files root.

    Owner-only, unless the files root is a separate folder (``CASEKIT_FILES``) whose own mode
    grants its group access: then the office shares it through that group (the README's
    ``chgrp casekit-office DIR && chmod 2770 DIR``), and folders are 0770, files 0660. Others
    never get any access.
    """
    root = settings.files_root
    if settings.files is None or root == settings.home:
        return DIR_MODE, FILE_MODE
    try:
        shared = bool(os.stat(root).st_mode & 0o070)
    except OSError:
        shared = False
    return (0o770, 0o660) if shared else (DIR_MODE, FILE_MODE)


def ensure_files_dir(settings: Settings, path: Path) -> Path:
    """Create ``path`` (a folder under the files root) with the files root's modes.

    A folder that exists is left alone: on a shared root another user may own it (and only the
    owner could change its mode).
    """
    dir_mode, _ = files_modes(settings)
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):  # every folder casekit creates gets the mode, not the umask
        try:
            folder.mkdir(mode=dir_mode)
        except FileExistsError:
            continue  # another user made it a moment ago
        setgid = os.stat(folder.parent).st_mode & 0o2000 if dir_mode != DIR_MODE else 0
        os.chmod(folder, dir_mode | setgid)  # a shared root's setgid: files keep the group
    if dir_mode == DIR_MODE:
        ensure_private_dir(path)  # an existing folder of one user's home is tightened as before
    return path


#: Testing only: ``CASEKIT_TEST_CRASH_AT=<point>`` kills the process (SIGKILL, so no clean-up
#: runs) when it reaches that point of a restore or a demo: tests prove each is recoverable.
CRASH_ENV = "CASEKIT_TEST_CRASH_AT"


def crash_point(name: str) -> None:
    """Die here if ``CASEKIT_TEST_CRASH_AT`` names this point (see :data:`CRASH_ENV`)."""
    if os.environ.get(CRASH_ENV) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def check_no_unfinished_restore(settings: Settings) -> None:
    """Refuse to go on while a ``casekit restore`` is unfinished (its marker file exists).

    An interrupted restore may have moved the old database aside before the new one was in
    place: a command that went on would create an empty database there and bury both.
    """
    if settings.restore_marker.exists():
        raise ConfigurationError(
            "a restore was interrupted and is not finished; nothing was opened. Run "
            "'casekit restore --resume' to finish it, or 'casekit restore --rollback' to put "
            "the previous data back"
        )


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to an owner-only file (temp file + rename: never half-written).

    A missing parent folder is created owner-only; an existing one (``/tmp``, a user's home, a
    shared reports folder) is left as it is: casekit tightens only folders it owns.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    with replacing_private_file(path) as fh:
        fh.write(data)


@contextmanager
def replacing_private_file(path: Path, partial: str = "tmp") -> Iterator[BinaryIO]:
    """An owner-only file to write that takes the place of ``path`` only once it is complete.

    It is written as ``.<name>.<partial>-<pid>`` beside ``path``, synced to disk and renamed over
    ``path`` when the ``with`` block ends; if the block fails, the partial file is removed and
    ``path`` is left as it was.
    """
    tmp = path.with_name(f".{path.name}.{partial}-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.chmod(path, FILE_MODE)


def today(env: os._Environ[str] | dict[str, str] | None = None) -> date:
    """The date the program treats as today.

    Rules never read the clock; services and the CLI call this once and pass the result in.
    ``CASEKIT_TODAY`` (ISO date) pins it for tests, demos and reproducing a report.
    """
    env = os.environ if env is None else env
    pinned = env.get("CASEKIT_TODAY")
    if pinned:
        try:
            return date.fromisoformat(pinned.strip())
        except ValueError:
            raise ConfigurationError(
                f"CASEKIT_TODAY '{pinned[:20]}' is not a real date (expected YYYY-MM-DD)"
            ) from None
    return date.today()  # noqa: DTZ011 - the one place casekit reads the clock (a local date)
