"""Alembic environment: the engine comes from casekit (``config.attributes["engine"]``).

Batch mode is on because SQLite has almost no ALTER TABLE (Alembic's documented fix).
"""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import casekit.store.models  # noqa: F401 - registers the tables on SQLModel.metadata

target_metadata = SQLModel.metadata
config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:  # pragma: no cover - only when alembic is run by hand
        from casekit.config import load_settings
        from casekit.store.engine import make_engine

        engine = make_engine(load_settings().database_url)
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
