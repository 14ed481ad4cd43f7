"""Run the Alembic migrations in ``db/migrations`` (the only way the schema is created)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from casekit.resources import db_dir

#: Schema objects the migrations create with raw SQL, outside the SQLModel metadata (0003):
#: autogenerate must neither drop them nor report them as drift.
UNMANAGED_NAMES = frozenset(
    {
        "ix_client_name_key_nocase",
        "ix_client_name_key_prefix",
        "ix_deadline_open_safe_target",
        "ix_matter_search_text",
        "ix_matter_search_text_trgm",
    }
)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:  # noqa: ARG001
    """Alembic ``include_name`` hook: leave out the objects in :data:`UNMANAGED_NAMES`."""
    if name is None:
        return True
    if type_ == "table" and name.startswith("matter_fts"):  # the FTS5 table and its shadows
        return False
    return name not in UNMANAGED_NAMES


def alembic_config(engine: Engine, files_root: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(db_dir() / "migrations"))
    cfg.attributes["engine"] = engine
    if files_root is not None:
        cfg.attributes["files_root"] = files_root
    return cfg


def _secure(connection: Connection) -> None:
    """After the migrations, in their transaction: the wall and the groups' privileges."""
    from casekit.store import office

    office.apply_wall(connection)
    office.apply_privileges(connection)


def upgrade(
    engine: Engine,
    revision: str = "head",
    *,
    notify: Callable[[str], None] | None = None,
    files_root: Path | None = None,
) -> None:
    """Bring the database to ``revision``. Idempotent: at ``revision`` already, nothing runs.

    All pending migrations run in one transaction (on SQLite too: see ``db/migrations/env.py``),
    so a failure leaves the database as it was. A migration that seals existing values finds
    the key as casekit always does (``casekit.store.keys``); ``notify`` hears where a key it
    had to create went. On PostgreSQL the office's access control (:mod:`casekit.store.office`)
    is refreshed in the same transaction. ``files_root``: where 0008 makes document paths
    relative to (default: the environment's files root).
    """
    cfg = alembic_config(engine, files_root)
    cfg.attributes["notify"] = notify
    if engine.dialect.name == "postgresql":
        cfg.attributes["after_upgrade"] = _secure
    command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the database back to ``revision`` (``"base"``: no tables). For development."""
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision(engine)
