"""Creating CASEKIT_HOME and the database, and making sure the schema is current.

SQLite is the single-user default: the first command creates the file and migrates it, so a
newcomer never has to know about migrations. A shared PostgreSQL database is different: several
people use it and migrating it is the office administrator's decision, so casekit refuses to
touch an out-of-date PostgreSQL schema and says to run ``casekit db upgrade``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from casekit import config
from casekit.config import Settings
from casekit.errors import ConfigurationError, KeyMissing
from casekit.services.base import AppContext, build_app_context
from casekit.services.plain import PlainResult
from casekit.store.office import walled_tables
from casekit.store.repos import reference


@dataclass(frozen=True)
class DatabaseStatus(PlainResult):
    """Where the data lives and which schema revision it is at."""

    home: str
    database: str  # "sqlite" | "postgresql"
    location: str  # the SQLite file, or the PostgreSQL URL without its password
    revision: str | None
    head: str | None
    upgraded: bool = False
    #: ``casekit init`` only: the key id in use, or what to do to get one.
    encryption_key: str | None = None
    #: Documents whose recorded path is outside the files root (kept absolute by 0008).
    outside_files_root: int = 0
    #: PostgreSQL: tables under the ethical wall (row-level security), 0 on SQLite.
    walled_tables: int = 0


def _location(settings: Settings) -> str:
    if settings.is_sqlite:
        return str(settings.sqlite_path or settings.database_url)
    return reference.safe_url(settings.database_url)


def _status(svc: AppContext) -> DatabaseStatus:
    from casekit.store.migrate import current_revision, head_revision

    return DatabaseStatus(
        home=str(svc.settings.home),
        database="sqlite" if svc.settings.is_sqlite else "postgresql",
        location=_location(svc.settings),
        revision=current_revision(svc.engine),
        head=head_revision(svc.engine),
    )


def upgrade_database(svc: AppContext) -> DatabaseStatus:
    """Apply every pending migration (``casekit db upgrade``); safe to repeat.

    On PostgreSQL this also refreshes the office's access control (row-level security and the
    group roles' privileges, :mod:`casekit.store.office`) in the same transaction.
    """
    from casekit.store.migrate import current_revision, upgrade

    before = current_revision(svc.engine)
    upgrade(svc.engine, notify=svc.notify, files_root=svc.settings.files_root)
    status = _status(svc)
    outside, walled = _after_upgrade_counts(svc)
    return replace(
        status,
        upgraded=status.revision != before,
        outside_files_root=outside,
        walled_tables=walled,
    )


def _after_upgrade_counts(svc: AppContext) -> tuple[int, int]:
    with svc.engine.connect() as conn:
        outside = reference.documents_outside_root(session=conn)
        walled = 0
        if conn.dialect.name == "postgresql":
            walled = len(walled_tables(conn))
    return outside, walled


def init_home(svc: AppContext) -> DatabaseStatus:
    """Create CASEKIT_HOME (0700, with documents/ and evidence/), a current database and, for a
    new SQLite database, its encryption key (``AppContext.notify`` says where it went)."""

    config.ensure_home(svc.settings)
    status = upgrade_database(svc)
    try:
        key = f"{svc.cipher.write_kid}"
    except KeyMissing:  # PostgreSQL: the administrator creates the office key deliberately
        key = "missing: run casekit key init (once per office) or set CASEKIT_KEY_FILE"
    return replace(status, encryption_key=key)


def ensure_schema(svc: AppContext) -> None:
    """Make sure the database schema is the one this casekit expects, before any use case runs.

    SQLite: create or migrate it (first run). PostgreSQL: refuse with the command to run.
    A database newer than this casekit is refused either way (an older program could damage it).
    """
    from casekit.store.migrate import current_revision, head_revision

    engine = svc.engine
    current = current_revision(engine)
    head = head_revision(engine)
    if current == head:
        return
    from alembic.script import ScriptDirectory

    from casekit.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config(engine))
    if current is not None and script.get_revision(current) is None:
        raise ConfigurationError(
            f"the database is at schema revision {current}, newer than this casekit knows "
            f"({head}); upgrade casekit before using it"
        )
    if not svc.settings.is_sqlite:
        state = "is not set up" if current is None else f"is at revision {current}, not {head}"
        raise ConfigurationError(f"the PostgreSQL database {state}: run casekit db upgrade")
    config.ensure_home(svc.settings)
    upgrade_database(svc)


def open_services(settings: Settings | None = None) -> AppContext:
    """The app context for one command, with the schema checked (and on SQLite, migrated) and the
    encryption key checked against the database (``AppContext.cipher``).

    Refused while a restore is unfinished. Then temporary files crashes left behind are swept
    (:func:`casekit.services.documents.files.sweep_at_start`: a quick look every time, orphans
    once a day).
    """
    svc = build_app_context(settings)
    ensure_schema(svc)
    svc.cipher  # noqa: B018 - a missing or wrong key stops the command here, before any work
    from casekit.services.documents.files import sweep_at_start

    sweep_at_start(svc)
    return svc
