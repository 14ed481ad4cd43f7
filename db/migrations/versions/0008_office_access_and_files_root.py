"""office access and the files root: restricted matters, matter teams, relative document paths

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24

* ``matter.restricted`` and ``matterteam`` (matter, role name): an ethical wall. On PostgreSQL
  the row-level security that enforces it is (re)applied after every upgrade from the live
  catalog by ``casekit.store.office.apply_wall`` (``db/migrations/env.py`` calls it), so a table
  a later migration adds with a ``matter_id`` is walled too. SQLite is single-user: the flag is
  kept, nothing enforces it.
* ``document.output_path``: a path under the files root (``CASEKIT_FILES``, default
  ``CASEKIT_HOME``) becomes relative to it (``documents/TA-2026-0001/x.docx``), so every user of
  a shared files folder, and a restored home, finds the same file. Any other path (a document
  written with ``--out`` elsewhere) is left as it is; ``casekit db upgrade`` reports how many.
  Evidence has always been stored relative to ``evidence/``.

Plain ``ADD COLUMN`` (no batch mode): a batch rebuild of ``matter`` would drop the FTS triggers
of 0003.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("casekit.store.migrations")

_document = sa.table("document", sa.column("id", sa.Integer), sa.column("output_path", sa.String))


def _files_root() -> Path:
    root = op.get_context().config.attributes.get("files_root")
    if root is None:  # alembic run by hand: the environment decides, as casekit would
        from casekit.config import load_settings

        root = load_settings().files_root
    return Path(root).resolve()


def _convert_paths(to_relative: bool) -> None:
    bind = op.get_bind()
    root = _files_root()
    left = 0
    for row_id, stored in bind.execute(sa.select(_document.c.id, _document.c.output_path)):
        if not stored:
            continue
        path = Path(stored)
        new: str | None = None
        if to_relative and path.is_absolute():
            try:
                new = PurePosixPath(*path.resolve().relative_to(root).parts).as_posix()
            except ValueError:
                left += 1
        elif not to_relative and not path.is_absolute():
            new = str(root / path)
        if new is not None and new != stored:
            bind.execute(_document.update().where(_document.c.id == row_id).values(output_path=new))
    if left:
        log.warning(
            "%d document path(s) are outside the files root and stay absolute "
            "(casekit documents list shows whether each file is found)",
            left,
        )


def upgrade() -> None:
    op.add_column(
        "matter",
        sa.Column("restricted", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "matterteam",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), sa.ForeignKey("matter.id"), nullable=False),
        sa.Column("role_name", sa.String(), nullable=False),
        sa.UniqueConstraint("matter_id", "role_name", name="uq_matterteam_member"),
    )
    op.create_index("ix_matterteam_matter_id", "matterteam", ["matter_id"])
    _convert_paths(to_relative=True)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # The wall casekit.store.office applied: its policies use the column and the table.
        tables = bind.execute(
            sa.text(
                "SELECT DISTINCT tablename FROM pg_policies "
                "WHERE schemaname = current_schema() AND policyname LIKE 'casekit_%'"
            )
        ).scalars()
        for table in list(tables):
            bind.exec_driver_sql(f'DROP POLICY IF EXISTS casekit_wall ON "{table}"')
            bind.exec_driver_sql(f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        bind.exec_driver_sql("DROP FUNCTION IF EXISTS casekit_team_matters()")
    _convert_paths(to_relative=False)
    op.drop_index("ix_matterteam_matter_id", table_name="matterteam")
    op.drop_table("matterteam")
    op.drop_column("matter", "restricted")
