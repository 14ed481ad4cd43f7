"""Engine factory: SQLite (WAL, foreign keys, busy timeout, owner-only file) or PostgreSQL by URL.

No engine exists at import time; callers make one from their settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event

from casekit.config import DIR_MODE, FILE_MODE
from casekit.errors import Busy, ConfigurationError

if TYPE_CHECKING:
    from casekit.errors import Busy

#: How long a write waits for another writer's lock before it gives up with "the database is
#: busy, nothing was saved, try again" (:func:`busy_error`), on both databases.
#: ``CASEKIT_LOCK_TIMEOUT`` (seconds, 0.1-300) changes it.
LOCK_TIMEOUT_S = 10.0
LOCK_TIMEOUT_ENV = "CASEKIT_LOCK_TIMEOUT"
#: PostgreSQL only: no single statement runs longer than this (a runaway query, a lock that
#: ``lock_timeout`` does not cover). ``CASEKIT_STATEMENT_TIMEOUT`` (seconds) changes it.
STATEMENT_TIMEOUT_S = 300.0
STATEMENT_TIMEOUT_ENV = "CASEKIT_STATEMENT_TIMEOUT"


def _seconds(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.1 <= value <= 3600:
        raise ConfigurationError(f"{name} must be a number of seconds between 0.1 and 3600")
    return value


def lock_timeout_s() -> float:
    """The bounded wait for a lock, in seconds (``CASEKIT_LOCK_TIMEOUT``, default 10)."""
    return _seconds(LOCK_TIMEOUT_ENV, LOCK_TIMEOUT_S)


def _sqlite_file(url: str) -> Path | None:
    raw = url.split("///", 1)[-1] if "///" in url else ""
    return Path(raw) if raw and raw != ":memory:" else None


#: ``synchronous=FULL``: in WAL mode every commit is fsynced before it returns, so a commit
#: casekit reported survives a power cut (NORMAL only survives a crash of the program: the last
#: commits before a power cut can be lost). benchmarks/durability.py measures the cost.
SQLITE_SYNCHRONOUS = "FULL"
_SYNCHRONOUS_LEVELS = frozenset({"OFF", "NORMAL", "FULL", "EXTRA"})


def _sqlite_connect_hook(synchronous: str, busy_ms: int) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Foreign keys are off unless enabled on every connection (DEPENDENCIES.md).
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.close()

    return on_connect


def _tighten_sqlite_files(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)


def _make_private_parents(folder: Path) -> None:
    # Folders casekit creates are owner-only; an existing folder (say /tmp) is left alone.
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for parent in reversed(missing):
        parent.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(parent, DIR_MODE)


def make_engine(url: str, *, synchronous: str = SQLITE_SYNCHRONOUS, **kwargs: Any) -> Engine:
    """Create an engine for ``url``. For SQLite the file and its folder are owner-only.

    SQLite connections get foreign keys, WAL, ``synchronous=FULL`` and a busy timeout; the
    ``-wal``/``-shm`` files take the database file's mode. ``synchronous`` exists for the
    benchmark that measures what FULL costs; casekit itself always uses the default.
    ``postgresql://`` and ``postgres://`` URLs use psycopg 3.
    """
    if synchronous not in _SYNCHRONOUS_LEVELS:
        raise ValueError(f"unknown SQLite synchronous level {synchronous!r}")
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            _make_private_parents(path.parent)
            if not path.exists():
                # Create the file owner-only before SQLite does (SQLite uses the umask).
                fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
                os.close(fd)
        busy_s = lock_timeout_s()
        old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates inherit this
        try:
            engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": busy_s}, **kwargs
            )
            event.listen(engine, "connect", _sqlite_connect_hook(synchronous, int(busy_s * 1000)))
            try:
                with engine.connect():
                    pass
            except Exception as exc:
                busy = busy_error(exc)
                if busy is not None:
                    raise busy from exc
                raise
        finally:
            os.umask(old_umask)
        if path is not None:
            _tighten_sqlite_files(path)
        return engine
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url.removeprefix(prefix)
    # Set per session: a write waiting for another's row lock gives up after the lock timeout.
    options = (
        f"-c lock_timeout={int(lock_timeout_s() * 1000)} "
        f"-c statement_timeout={int(_seconds(STATEMENT_TIMEOUT_ENV, STATEMENT_TIMEOUT_S) * 1000)}"
    )
    connect_args = dict(kwargs.pop("connect_args", {}))
    connect_args["options"] = f"{connect_args.get('options', '')} {options}".strip()
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args, **kwargs)


#: PostgreSQL SQLSTATEs that mean "someone else holds what this needs; try again":
#: lock_not_available (lock_timeout), query_canceled (statement_timeout), deadlock_detected,
#: serialization_failure.
_PG_RETRYABLE = frozenset({"55P03", "57014", "40P01", "40001"})
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")


def busy_error(exc: BaseException) -> Busy | None:
    """The retryable "the database is busy" error for a lock or timeout failure, else None."""

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        orig = getattr(current, "orig", None) or current
        if getattr(orig, "sqlstate", None) in _PG_RETRYABLE:
            return Busy()
        if type(orig).__name__ == "OperationalError" and any(
            text in str(orig).lower() for text in _SQLITE_BUSY
        ):
            return Busy()
        current = current.__cause__ or current.__context__
    return None


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics; call it after a bulk load (demo, benchmark).

    Without statistics a planner can pick a poor index for big tables (PostgreSQL's
    autovacuum catches up within minutes, SQLite never on its own).
    """
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")  # sampled: milliseconds
        conn.exec_driver_sql("ANALYZE")
