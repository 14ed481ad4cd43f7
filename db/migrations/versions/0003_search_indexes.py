"""search indexes: matter substring search, open deadlines, client name prefix

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

* Matter search (``casekit.store.search``) looks for a substring of ``matter.search_text``
  (already folded by the services).
  SQLite: an FTS5 table with the trigram tokenizer, external content over ``matter``, kept in
  sync by triggers. PostgreSQL: a GIN trigram index (``pg_trgm``); when the extension cannot be
  created (no privilege), a plain index and a warning, and ILIKE scans instead.
* Open deadlines by ``safe_target``/``due``: a partial index on ``(status, safe_target, due)``
  ``WHERE status = 'open'``, for the agenda query DEPENDENCIES.md measured at 2 ms over 300 k
  rows (``casekit.store.search.open_deadline()`` writes the condition so it matches).
* Client ``name_key`` prefix search: ``COLLATE NOCASE`` on SQLite (``LIKE`` ignores case, so only
  a NOCASE index serves it), ``text_pattern_ops`` on PostgreSQL.

None of these objects is in the SQLModel metadata; ``casekit.store.migrate.UNMANAGED_NAMES``
keeps autogenerate (and the models-match-migrations test) from proposing to drop them. Add the
name there when a migration creates another such object.

WARNING for later migrations: a ``batch_alter_table("matter")`` that recreates the table on
SQLite drops the three ``matter_fts_*`` triggers with it; recreate them (and ``rebuild``) in the
same migration. ``tests/store/test_search.py`` fails if they are missing at head.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("casekit.store.migrations")

OPEN = sa.text("status = 'open'")

_SQLITE_UP = (
    # rowid = matter.id; the FTS table stores only the trigram index, not a copy of the text.
    "CREATE VIRTUAL TABLE matter_fts USING fts5("
    "search_text, content='matter', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER matter_fts_ai AFTER INSERT ON matter BEGIN "
    "INSERT INTO matter_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER matter_fts_ad AFTER DELETE ON matter BEGIN "
    "INSERT INTO matter_fts(matter_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER matter_fts_au AFTER UPDATE OF search_text ON matter BEGIN "
    "INSERT INTO matter_fts(matter_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO matter_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    # Matters that already exist (a database upgraded with data in it).
    "INSERT INTO matter_fts(matter_fts) VALUES ('rebuild')",
    "CREATE INDEX ix_client_name_key_nocase ON client (name_key COLLATE NOCASE)",
)

_SQLITE_DOWN = (
    "DROP INDEX IF EXISTS ix_client_name_key_nocase",
    "DROP TRIGGER IF EXISTS matter_fts_au",
    "DROP TRIGGER IF EXISTS matter_fts_ad",
    "DROP TRIGGER IF EXISTS matter_fts_ai",
    "DROP TABLE IF EXISTS matter_fts",
)

_POSTGRESQL_INDEXES = (
    "ix_client_name_key_prefix",
    "ix_matter_search_text_trgm",
    "ix_matter_search_text",  # the fallback without pg_trgm
)


def _sqlite_upgrade(bind: sa.Connection) -> None:
    create_fts, *rest = _SQLITE_UP
    try:
        bind.exec_driver_sql(create_fts)
    except sa.exc.OperationalError as exc:
        raise RuntimeError(
            "this SQLite has no FTS5 trigram tokenizer (SQLite 3.34 or newer is required, "
            f"found {bind.dialect.server_version_info}); install a newer Python or SQLite"
        ) from exc
    for statement in rest:
        bind.exec_driver_sql(statement)


def _postgresql_upgrade(bind: sa.Connection) -> None:
    try:
        with bind.begin_nested():  # a failed CREATE EXTENSION must not abort the migration
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            bind.exec_driver_sql(
                "CREATE INDEX ix_matter_search_text_trgm ON matter "
                "USING gin (search_text gin_trgm_ops)"
            )
    except sa.exc.DBAPIError as exc:
        log.warning(
            "matter search: the pg_trgm extension could not be created (%s); using a plain "
            "index, so searches scan the matter table. To fix, a database superuser runs: "
            "CREATE EXTENSION pg_trgm; CREATE INDEX ix_matter_search_text_trgm ON matter "
            "USING gin (search_text gin_trgm_ops);",
            type(exc.orig).__name__,
        )
        # A btree over the whole value would refuse rows above ~2.7 kB; a prefix cannot.
        bind.exec_driver_sql(
            "CREATE INDEX ix_matter_search_text ON matter (left(search_text, 256))"
        )
    bind.exec_driver_sql(
        "CREATE INDEX ix_client_name_key_prefix ON client (name_key text_pattern_ops)"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_upgrade(bind)
    elif bind.dialect.name == "postgresql":
        _postgresql_upgrade(bind)
    # status leads, although constant here: without ANALYZE statistics SQLite would otherwise
    # prefer ix_deadline_status (an equality) and read every open deadline (30 ms, not 1 ms,
    # at 300 k rows).
    op.create_index(
        "ix_deadline_open_safe_target",
        "deadline",
        ["status", "safe_target", "due"],
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_open_safe_target", table_name="deadline")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            bind.exec_driver_sql(statement)
    elif bind.dialect.name == "postgresql":
        for name in _POSTGRESQL_INDEXES:
            bind.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
