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


def _on_sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Foreign keys are off unless enabled on every connection (DEPENDENCIES.md).
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _tighten_sqlite_files(path: Path) -> None:
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists():
            os.chmod(candidate, FILE_MODE)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url``. For SQLite the file and its folder are owner-only."""
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
            if not path.exists():
                # Create the file owner-only before SQLite does (SQLite uses the umask).
                fd = os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE)
                os.close(fd)
        old_umask = os.umask(0o077)  # the -wal and -shm files SQLite creates inherit this
        try:
            engine = create_engine(
                url, connect_args={"check_same_thread": False, "timeout": 15}, **kwargs
            )
            event.listen(engine, "connect", _on_sqlite_connect)
            with engine.connect():
                pass
        finally:
            os.umask(old_umask)
        if path is not None:
            _tighten_sqlite_files(path)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, **kwargs)
