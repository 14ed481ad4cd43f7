"""Fixtures shared by the whole suite.

Every test is isolated from the developer's real data (autouse ``_isolate_environment``):
``CASEKIT_HOME`` is ``tmp_path / "home"`` (not created yet), ``CASEKIT_DATABASE_URL`` and
``CASEKIT_TODAY`` are unset and ``CASEKIT_USER`` is ``tester``. No test touches a real key:
``CASEKIT_KEY_FILE`` is ``keys/key.json`` in a per-test folder beside ``tmp_path``, already
holding the session's test key (``key_file``; made once per session, so no test pays for key
generation), the user config dir (``XDG_CONFIG_HOME``) is ``config`` in that folder and the OS
keyring is keyring's null backend.

Databases (nothing heavy is imported until a test asks for one):

``casekit_home``
    The isolated ``CASEKIT_HOME`` path.
``sqlite_url``
    ``sqlite:///<casekit_home>/casekit.sqlite``: the file ``load_settings()`` picks too. The file
    does not exist yet.
``pg_url``
    A throwaway PostgreSQL database, dropped (``WITH (FORCE)``) after the test. Created on the
    server in ``CASEKIT_TEST_PG_URL`` (default
    ``postgresql+psycopg://postgres@127.0.0.1:5432/test``). Empty, unless the test also uses
    ``migrated_engine`` or ``services``: then it is a copy of a migrated template database.
    Server unreachable: the test is skipped, or fails when ``CASEKIT_REQUIRE_PG=1`` (CI).
``db_url``
    Parametrized ``sqlite`` / ``postgres`` (ids); the postgres case carries the ``postgres``
    marker (``-m "not postgres"`` deselects it). An empty database, except as above.
``migrated_engine``
    An ``Engine`` on ``db_url``, upgraded to head (reference data seeded). Disposed after.
``services``
    ``casekit.services.base.AppContext`` with ``Settings(home=casekit_home, database_url=db_url,
    actor="tester")`` on the migrated database. ``CASEKIT_DATABASE_URL`` is set to the same URL,
    so CLI code run in the same test (``load_settings()``) sees the same data.

Migrating from empty costs 0.25-0.6 s, so it happens once per session (per xdist worker): into a
template file each SQLite test copies (~4 ms), and into a template database each PostgreSQL test
clones with ``CREATE DATABASE ... TEMPLATE`` (~35 ms). ``DROP DATABASE`` forces a server
checkpoint, so the drops run in a background thread; the session waits for them at the end.
``tests/store/test_migrations.py`` still migrates from empty.

Examples::

    def test_counts(migrated_engine): ...          # runs twice: [sqlite] and [postgres]
    def test_use_case(services): ...               # same, through the service layer
    def test_from_scratch(db_url): ...             # empty database on both backends
"""

from __future__ import annotations

import json
import os
import queue
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
_PREFIX = "casekit_t"  # every database the fixtures create starts with this
_STALE_AFTER_S = 6 * 3600  # leftovers of killed runs older than this are dropped
_MIGRATED_FIXTURES = frozenset({"migrated_engine", "services", "_migrated_url"})
_from_template: set[str] = set()  # PostgreSQL URLs cloned from the migrated template


# --- isolation --------------------------------------------------------------------------------


@pytest.fixture
def casekit_home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture(scope="session")
def _session_key_ring() -> bytes:
    """One key ring for the whole session, serialised as a key file holds it."""
    from casekit.store import crypto, keys

    ring = keys.KeyRing({}, "")
    ring.add(crypto.new_master_key(), activate=True)
    return json.dumps(ring.to_payload()).encode()


@pytest.fixture
def _outside(tmp_path: Path) -> Path:
    """A per-test folder beside ``tmp_path`` (tests that list ``tmp_path`` never see it)."""
    return tmp_path.parent / f"{tmp_path.name}.outside"


@pytest.fixture
def key_file(_outside: Path) -> Path:
    """The per-test key file ``CASEKIT_KEY_FILE`` names (written by ``_isolate_environment``)."""
    return _outside / "keys" / "key.json"


@pytest.fixture(autouse=True)
def _isolate_environment(
    casekit_home: Path,
    key_file: Path,
    _outside: Path,
    _session_key_ring: bytes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CASEKIT_HOME", str(casekit_home))
    monkeypatch.delenv("CASEKIT_DATABASE_URL", raising=False)
    monkeypatch.delenv("CASEKIT_TODAY", raising=False)
    monkeypatch.setenv("CASEKIT_USER", "tester")
    key_file.parent.mkdir(mode=0o700, parents=True)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(_session_key_ring)
    monkeypatch.setenv("CASEKIT_KEY_FILE", str(key_file))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(_outside / "config"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


# --- SQLite -----------------------------------------------------------------------------------


@pytest.fixture
def sqlite_url(casekit_home: Path) -> str:
    return f"sqlite:///{casekit_home / 'casekit.sqlite'}"


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    path = tmp_path_factory.mktemp("casekit-template") / "template.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    try:
        upgrade(engine)
        with engine.connect() as conn:  # everything into the main file: only it is copied
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return path


def _copy_private(source: Path, target: Path) -> None:
    from casekit.config import DIR_MODE, FILE_MODE, ensure_private_dir

    ensure_private_dir(target.parent)
    os.chmod(target.parent, DIR_MODE)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)


# --- PostgreSQL -------------------------------------------------------------------------------


class _PgServer:
    """Creates and drops the throwaway databases (autocommit admin connections).

    ``DROP DATABASE`` forces a checkpoint, which can take a second on a busy server: test
    databases are dropped by a background thread so no test waits for it.
    """

    def __init__(self, base_url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        self.base = make_url(base_url)
        if self.base.drivername in ("postgresql", "postgres"):
            self.base = self.base.set(drivername="postgresql+psycopg")
        self.conninfo = self.base.set(drivername="postgresql").render_as_string(hide_password=False)
        self.conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=3)
        self._drops: queue.Queue[str | None] = queue.Queue()
        self._dropper: threading.Thread | None = None

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def new_name(self, kind: str) -> str:
        return f"{_PREFIX}{kind}_{int(time.time())}_{secrets.token_hex(4)}"

    def create(self, name: str, template: str | None = None) -> None:
        from psycopg import sql

        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        self.conn.execute(query)

    def drop(self, name: str, conn: Any = None) -> None:
        from psycopg import sql

        query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        (conn or self.conn).execute(query)

    def drop_later(self, name: str) -> None:
        if self._dropper is None:
            self._dropper = threading.Thread(target=self._drop_loop, name="pg-drop", daemon=True)
            self._dropper.start()
        self._drops.put(name)

    def _drop_loop(self) -> None:
        import psycopg

        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            while (name := self._drops.get()) is not None:
                try:
                    self.drop(name, conn)
                except psycopg.Error:
                    pass  # left for drop_stale in a later run

    def drop_stale(self) -> None:
        rows = self.conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"{_PREFIX}%",)
        ).fetchall()
        for (name,) in rows:
            match = re.search(r"_(\d{10})_[0-9a-f]{8}$", name)
            if match and time.time() - int(match.group(1)) > _STALE_AFTER_S:
                self.drop(name)
        # Roles a killed run left (tests/office: "ck_<database>_..."): cluster-wide, so they
        # outlive their database. Their database is gone by now, so nothing depends on them.
        from psycopg import sql

        roles = self.conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"ck_{_PREFIX}%",)
        ).fetchall()
        for (role,) in roles:
            match = re.search(r"_(\d{10})_[0-9a-f]{8}_", role)
            if match and time.time() - int(match.group(1)) > _STALE_AFTER_S:
                try:
                    self.conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
                except Exception:  # noqa: BLE001, S110 - still in use somewhere: a later run
                    pass

    def close(self) -> None:
        if self._dropper is not None:
            self._drops.put(None)
            self._dropper.join(timeout=300)
        self.conn.close()


@pytest.fixture(scope="session")
def _pg_server() -> Iterator[_PgServer]:
    base = os.environ.get("CASEKIT_TEST_PG_URL") or DEFAULT_PG_URL
    try:
        server = _PgServer(base)
    except Exception as exc:  # any failure to connect means "no server here"
        reason = f"{type(exc).__name__}: {exc}".strip()
    else:
        reason = ""
    if reason:
        from sqlalchemy.engine import make_url

        where = make_url(base).render_as_string(hide_password=True)
        if os.environ.get("CASEKIT_REQUIRE_PG") == "1":
            pytest.fail(
                f"PostgreSQL at {where} is required in CI (CASEKIT_REQUIRE_PG=1) and cannot "
                f"be reached: {reason}",
                pytrace=False,
            )
        pytest.skip(f"PostgreSQL at {where} is not reachable: {reason}")
    server.drop_stale()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def _pg_template(_pg_server: _PgServer) -> Iterator[str]:
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    worker = re.sub(r"\W", "", os.environ.get("PYTEST_XDIST_WORKER", "main"))[:8]
    name = _pg_server.new_name(f"pl_{worker}")
    _pg_server.create(name)
    try:
        engine = make_engine(_pg_server.url(name))
        try:
            upgrade(engine)
        finally:
            engine.dispose()  # CREATE DATABASE ... TEMPLATE needs it without connections
        yield name
    finally:
        _pg_server.drop(name)


@pytest.fixture
def pg_url(_pg_server: _PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    template = None
    if _MIGRATED_FIXTURES & set(request.fixturenames):
        template = request.getfixturevalue("_pg_template")
    name = _pg_server.new_name("")
    _pg_server.create(name, template)
    url = _pg_server.url(name)
    if template:
        _from_template.add(url)
    try:
        yield url
    finally:
        _from_template.discard(url)
        _pg_server.drop_later(name)


# --- either backend ---------------------------------------------------------------------------


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest) -> str:
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def _migrated_url(db_url: str, request: pytest.FixtureRequest) -> str:
    """``db_url``, at head: copied or cloned from the session's template when possible."""
    if db_url.startswith("sqlite"):
        path = Path(db_url.split("///", 1)[1])
        if not path.exists():
            _copy_private(request.getfixturevalue("_sqlite_template"), path)
            return db_url
    elif db_url in _from_template:
        return db_url
    from casekit.store.engine import make_engine
    from casekit.store.migrate import upgrade

    engine = make_engine(db_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return db_url


@pytest.fixture
def migrated_engine(_migrated_url: str) -> Iterator[Any]:
    from casekit.store.engine import make_engine

    engine = make_engine(_migrated_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def services(
    _migrated_url: str, casekit_home: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    from casekit.config import Settings
    from casekit.services.base import AppContext

    monkeypatch.setenv("CASEKIT_DATABASE_URL", _migrated_url)
    svc = AppContext(Settings(home=casekit_home, database_url=_migrated_url, actor="tester"))
    try:
        yield svc
    finally:
        svc.dispose()
