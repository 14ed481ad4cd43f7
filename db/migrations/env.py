"""Alembic environment: the engine comes from casekit (``config.attributes["engine"]``).

Batch mode is on because SQLite has almost no ALTER TABLE (Alembic's documented fix).

On SQLite the whole upgrade runs in one real transaction with foreign keys off, then
``PRAGMA foreign_key_check`` before the commit: the procedure sqlite.org gives for table rebuilds
(batch mode copies tables, which a live foreign key would refuse). pysqlite on its own never
wraps DDL in a transaction, so a failed migration would leave half a schema behind.

On PostgreSQL, ``casekit.store.migrate.upgrade`` passes ``after_upgrade``: the office's access
control (row-level security and the group roles' privileges, computed from the catalog the
migrations just left) is applied in the same transaction, so a schema at head is never
unguarded.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import casekit.store.models  # noqa: F401 - registers the tables on SQLModel.metadata
from casekit.store.migrate import include_name

target_metadata = SQLModel.metadata
config = context.config


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )


def _run_sqlite(connection: Connection) -> None:
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                tables = sorted({row[0] for row in broken})
                raise RuntimeError(f"migration broke foreign keys in: {', '.join(tables)}")
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
    finally:
        # The connection goes back to the application's pool: foreign keys must be on again.
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # pragma: no cover - only when alembic is run by hand
        from casekit.config import load_settings
        from casekit.store.engine import make_engine

        engine = make_engine(load_settings().database_url)
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            _run_sqlite(connection)
        return
    with engine.begin() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        after = config.attributes.get("after_upgrade")
        if after is not None:
            after(connection)


run_migrations_online()
