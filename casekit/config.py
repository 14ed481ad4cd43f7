"""Where casekit keeps its data, and which database it talks to.

``CASEKIT_HOME`` (default: the platform user-data dir) holds ``casekit.sqlite``, ``documents/``,
``evidence/``, ``templates/`` (a firm's own), ``rules.local.toml`` and ``config.toml``.
``CASEKIT_DATABASE_URL`` points at a shared PostgreSQL database instead of the SQLite file.
``CASEKIT_KEY_FILE`` names the encryption key file (``casekit.store.keys``); the key is never
kept in CASEKIT_HOME's backup set.
Everything casekit creates there is owner-only (0700 folders, 0600 files): the data can get a
client deported if it leaks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


@dataclass(frozen=True)
class Settings:
    """Resolved configuration for one process."""

    home: Path
    database_url: str
    #: The display name recorded in the audit log (``CASEKIT_USER``). The authenticated identity
    #: is recorded beside it by the store (``casekit.store.audit``), never taken from here.
    actor: str

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
        return self.home / "documents"

    @property
    def evidence_dir(self) -> Path:
        return self.home / "evidence"

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
    actor = env.get("CASEKIT_USER") or env.get("USER") or "casekit"
    return Settings(home=home, database_url=url, actor=actor)


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents casekit owns) owner-only; tighten it if it exists."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def ensure_home(settings: Settings) -> None:
    """Create CASEKIT_HOME and its folders, owner-only."""
    ensure_private_dir(settings.home)
    for sub in (settings.documents_dir, settings.evidence_dir):
        ensure_private_dir(sub)


def write_private_file(path: Path, data: bytes) -> None:
    """Write ``data`` atomically to an owner-only file (temp file + rename: never half-written).

    A missing parent folder is created owner-only; an existing one (``/tmp``, a user's home, a
    shared reports folder) is left as it is: casekit tightens only folders it owns.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
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
            from casekit.errors import ConfigurationError

            raise ConfigurationError(
                f"CASEKIT_TODAY '{pinned[:20]}' is not a real date (expected YYYY-MM-DD)"
            ) from None
    return date.today()  # noqa: DTZ011 - the one place casekit reads the clock (a local date)
