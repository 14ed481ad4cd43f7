"""Engine factory: SQLite (WAL, foreign keys, busy timeout, owner-only file) or PostgreSQL by URL.

No engine exists at import time; callers make one from their settings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from casekit.config import DIR_MODE, FILE_MODE

SQLITE_BUSY_TIMEOUT_MS = 15_000


def _sqlite_file(url: str) -> Path | None:
    raw = url.split("///", 1)[-1] if "///" in url else ""
    return Path(raw) if raw and raw != ":memory:" else None


#: ``synchronous=FULL``: in WAL mode every commit is fsynced before it returns, so a commit
#: casekit reported survives a power cut (NORMAL only survives a crash of the program: the last
#: commits before a power cut can be lost). benchmarks/durability.py measures the cost.
SQLITE_SYNCHRONOUS = "FULL"
_SYNCHRONOUS_LEVELS = frozenset({"OFF", "NORMAL", "FULL", "EXTRA"})


def _sqlite_connect_hook(synchronous: str) -> Any:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Foreign keys are off unless enabled on every connection (DEPENDENCIES.md).
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
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
        old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates inherit this
        try:
            engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 15}, **kwargs
            )
            event.listen(engine, "connect", _sqlite_connect_hook(synchronous))
            with engine.connect():
                pass
        finally:
            os.umask(old_umask)
        if path is not None:
            _tighten_sqlite_files(path)
        return engine
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+psycopg://" + url.removeprefix(prefix)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def analyze(engine: Engine) -> None:
    """Refresh the query planner's statistics; call it after a bulk load (demo, benchmark).

    Without statistics a planner can pick a poor index for big tables (PostgreSQL's
    autovacuum catches up within minutes, SQLite never on its own).
    """
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA analysis_limit=1000")  # sampled: milliseconds
        conn.exec_driver_sql("ANALYZE")
