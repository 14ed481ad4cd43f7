"""The engine factory: SQLite pragmas and owner-only files; PostgreSQL by URL."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from casekit.store.engine import analyze, lock_timeout_s, make_engine
from casekit.store.migrate import upgrade


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _sqlite_path(url: str) -> Path:
    return Path(url.split("///", 1)[1])


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Engine:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def test_every_sqlite_connection_enforces_foreign_keys(sqlite_engine: Engine) -> None:
    # Hold several connections at once so the pool has to open new ones.
    conns = [sqlite_engine.connect() for _ in range(3)]
    try:
        for conn in conns:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            busy_ms = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
            assert busy_ms == int(lock_timeout_s() * 1000)
            # FULL (2): a commit casekit reported survives a power cut (benchmarks/durability.py).
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
    finally:
        for conn in conns:
            conn.close()
    sqlite_engine.dispose()  # brand-new connections after a dispose, too
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_sqlite_files_and_folder_are_owner_only(sqlite_url: str) -> None:
    path = _sqlite_path(sqlite_url)
    old_umask = os.umask(0o022)  # a typical, permissive umask
    try:
        engine = make_engine(sqlite_url)
        engine.dispose()  # the last connection closed: SQLite removed -wal and -shm
        # A connection the pool opens later, outside make_engine, recreates them.
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            for suffix in ("", "-wal", "-shm"):
                assert _mode(Path(f"{path}{suffix}")) == 0o600, suffix
        engine.dispose()
    finally:
        os.umask(old_umask)
    assert _mode(path.parent) == 0o700


def test_missing_parent_folders_are_created_owner_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a' / 'b' / 'casekit.sqlite'}"
    make_engine(url).dispose()
    assert _mode(tmp_path / "a") == 0o700
    assert _mode(tmp_path / "a" / "b") == 0o700


def test_existing_loose_database_file_is_tightened(sqlite_url: str) -> None:
    path = _sqlite_path(sqlite_url)
    path.parent.mkdir(mode=0o700)
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    make_engine(sqlite_url).dispose()
    assert _mode(path) == 0o600


@pytest.mark.postgres
def test_plain_postgresql_urls_use_psycopg(pg_url: str) -> None:
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    engine = make_engine(plain)
    try:
        assert engine.dialect.driver == "psycopg"
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_analyze_runs_on_a_migrated_database(migrated_engine: Engine) -> None:
    analyze(migrated_engine)
    if migrated_engine.dialect.name == "sqlite":
        with migrated_engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_stat1").scalar()


def test_upgrade_leaves_foreign_keys_on_for_pooled_connections(sqlite_engine: Engine) -> None:
    upgrade(sqlite_engine)  # the migration turns them off for its own connection
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
