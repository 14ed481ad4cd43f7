"""PostgreSQL's own tools for backup and restore: ``pg_dump`` out, ``psql`` back in.

Credentials travel in the environment (``PGPASSWORD``), never on a command line other users can
list; a load runs in one ``psql --single-transaction``, so all of it is committed or nothing is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from casekit.config import FILE_MODE
from casekit.errors import ConfigurationError
from casekit.services.base import AppContext
from casekit.store import office
from casekit.store.snapshots import libpq_url, pg_env, restore_id_statement


def pg_tool(name: str) -> str:
    """The path of a PostgreSQL client tool, or a ConfigurationError saying how to install it."""
    found = shutil.which(name)
    if found is None:
        raise ConfigurationError(
            f"this needs {name} (install the PostgreSQL client tools, e.g. the Debian package "
            "postgresql-client)"
        )
    return found


def dump_postgresql(url: str, target: Path) -> None:
    """``pg_dump`` the whole database, as plain SQL, into a new owner-only ``target``."""
    pg_dump = pg_tool("pg_dump")
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
            env=pg_env(url),
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


def psql_load(url: str, sql_file: Path, restore_id: str, *, replace_existing: bool) -> None:
    """Load a plain dump in ONE transaction: all of it is committed, or nothing is."""
    psql = pg_tool("psql")
    argv = [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
    if replace_existing:
        # Inside the same transaction: a failure (or a kill) leaves the old contents.
        argv += ["-c", "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;"]
    argv += ["-f", str(sql_file)]
    # The dump sets an empty search_path; the last statement records which restore this was,
    # so --resume can tell whether the transaction committed.
    argv += ["-c", restore_id_statement(restore_id), f"--dbname={libpq_url(url)}"]
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell; the password is in the env
        argv, env=pg_env(url), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
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


def pg_after_restore(svc: AppContext) -> list[str]:
    """Refresh the office's access control on a restored PostgreSQL database (or say what to do)."""
    from casekit.store.migrate import current_revision, head_revision, upgrade  # start-up: alembic

    engine = svc.engine
    current, head = current_revision(engine), head_revision(engine)
    if current != head:
        return [f"the restored database is at schema revision {current}: run casekit db upgrade"]
    upgrade(engine, files_root=svc.settings.files_root)  # nothing to migrate: privileges, wall
    with engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        if prefix and not office.apply_privileges(conn, prefix):
            return ["the office's group roles do not exist on this server: run casekit users setup"]
    return []
