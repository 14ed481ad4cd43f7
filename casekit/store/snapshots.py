"""The database below the ORM, for ``casekit backup`` and ``casekit restore``.

A backup copies the whole database (SQLite's online backup API, or ``pg_dump``) and a restore
puts it back before any schema is known, so these functions work on files, libpq URLs and plain
DB-API connections rather than on the tables (:mod:`casekit.services.office` drives them).
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url

from casekit.config import FILE_MODE

#: The setting a PostgreSQL restore writes last, in its own transaction: which restore it was.
RESTORE_ID_KEY = "casekit.restore_id"
_RESTORE_ID = re.compile(r"^[A-Za-z0-9-]{1,80}$")


def libpq_url(url: str) -> str:
    """The libpq form (``postgresql://user@host:port/db``) of a SQLAlchemy URL, password left out.

    ``psql`` and ``pg_dump`` do not understand ``postgresql+psycopg://``; the password travels
    in ``PGPASSWORD`` (:func:`pg_env`), never on a command line other users can list.
    """
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


def pg_env(url: str) -> dict[str, str]:
    """The environment for ``psql``/``pg_dump``: this process's, plus ``PGPASSWORD``."""
    env = dict(os.environ)
    password = make_url(url).password
    if password is not None:
        env["PGPASSWORD"] = str(password)
    return env


def pg_connect(url: str) -> Any:
    """A plain autocommit psycopg connection (restore works below the ORM and its schema)."""
    import psycopg  # only a PostgreSQL restore needs the driver

    password = make_url(url).password
    conninfo = libpq_url(url)
    if password is not None:
        return psycopg.connect(conninfo, autocommit=True, connect_timeout=10, password=password)
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=10)


def pg_has_data(url: str) -> bool:
    """Whether the database's ``public`` schema holds any table, view or sequence."""
    with pg_connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
        ).fetchone()
    return bool(row and row[0])


def pg_restore_id(url: str) -> str | None:
    """The id of the restore whose load committed last (None: none, or no table yet)."""
    try:
        with pg_connect(url) as conn:
            row = conn.execute(
                "SELECT value FROM public.setting WHERE key = %s", (RESTORE_ID_KEY,)
            ).fetchone()
    except Exception:  # noqa: BLE001 - no table yet: not restored
        return None
    return str(row[0]) if row else None


def pg_forget_restore_id(url: str) -> None:
    """Remove the restore id (a rolled-back restore left the previous contents)."""
    with pg_connect(url) as conn:
        conn.execute("DELETE FROM public.setting WHERE key = %s", (RESTORE_ID_KEY,))


def pg_empty(url: str) -> None:
    """Drop everything in the ``public`` schema (the database was empty before a restore)."""
    with pg_connect(url) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def restore_id_statement(restore_id: str) -> str:
    """The statement a ``psql --single-transaction`` load ends with, recording ``restore_id``.

    ``psql -c`` takes no bind parameters, so the value is checked and written as a literal.
    """
    if not _RESTORE_ID.fullmatch(restore_id):
        raise ValueError("a restore id is letters, digits and dashes")
    return (
        "INSERT INTO public.setting (created_at, updated_at, version, key, value) "  # noqa: S608 - checked above
        f"VALUES (now(), now(), 1, '{RESTORE_ID_KEY}', '{restore_id}') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    )


def sqlite_snapshot(source: Path, target: Path) -> None:
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


def sqlite_has_cases(path: Path) -> bool:
    """Whether a SQLite file holds a client or a matter; an unreadable or foreign one counts
    (never overwrite it silently)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = sum(
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
                for table in ("client", "matter")
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return True
    return bool(rows)


def sqlite_intact(path: Path) -> bool:
    """Whether SQLite's ``quick_check`` finds the file sound."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(ok) and ok[0] == "ok"
