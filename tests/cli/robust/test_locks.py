"""A held lock is "the database is busy, nothing was saved, try again" after a bounded wait.

SQLite waits ``busy_timeout``; PostgreSQL sessions get ``lock_timeout`` and
``statement_timeout``. Both come from ``CASEKIT_LOCK_TIMEOUT`` (set short here).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from .conftest import MATTER
from .test_bounded_input import one_line_error


@contextmanager
def write_lock(url: str) -> Iterator[None]:
    """Another program holding the write lock on the matter (SQLite: the whole database)."""
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.split("///", 1)[1], isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.rollback()
            conn.close()
        return
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
        conn.execute("SELECT id FROM matter WHERE number = %s FOR UPDATE", (MATTER,))
        yield
        conn.rollback()


def test_engine_sessions_carry_the_timeouts(services: Any) -> None:
    from casekit.store.engine import lock_timeout_s

    with services.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            busy = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert busy == int(lock_timeout_s() * 1000)
        else:
            assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "10s"
            assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "5min"


def test_a_held_lock_is_a_clear_retryable_error(
    cli: Any, services: Any, matter: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEKIT_LOCK_TIMEOUT", "0.3")
    with write_lock(services.settings.database_url):
        line = one_line_error(cli("matter", "update", matter, "--status", "active"), 75)
    assert "the database is busy" in line
    assert "nothing was saved" in line
    assert "try again" in line
    view = json.loads(cli("matter", "show", matter, "--json").stdout)
    assert view["status"] == "intake"
    # Once the lock is gone, the same command succeeds.
    assert cli("matter", "update", matter, "--status", "active").exit_code == 0


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999"])
def test_a_bad_lock_timeout_setting_is_one_line(
    cli: Any, matter: str, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CASEKIT_LOCK_TIMEOUT", value)
    assert "CASEKIT_LOCK_TIMEOUT" in one_line_error(cli("matter", "list"))
