"""The office's vocabulary (groups, which table each may write) and the live PostgreSQL catalog.

Everything here is read from constants or the catalog; names are double-quoted by :func:`ident`
before they go into a statement, so the f-string SQL elsewhere in this package only ever
interpolates checked identifiers.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from casekit.store.models import SENSITIVE_COLUMNS

GROUPS = ("admin", "attorney", "paralegal", "readonly")
WRITERS = ("admin", "attorney", "paralegal")
SEE_SENSITIVE = ("admin", "attorney")
PREFIX_KEY = "casekit.role_prefix"
WALL_POLICY = "casekit_wall"
TEAM_FUNCTION = "casekit_team_matters"
LAST_NUMBER_FUNCTION = "casekit_last_matter_number"
HIDDEN_FUNCTION = "casekit_hidden_matters"
AUDIT_HEAD_FUNCTION = "casekit_audit_head"
#: Bumped when the wall's SQL changes: a policy whose comment differs is created again.
WALL_VERSION = "casekit wall v1"

#: Who may write each table that is not ordinary case data (everything else: WRITERS).
TABLE_WRITERS: dict[str, tuple[str, ...]] = {
    "alembic_version": (),
    "town": ("admin", "attorney"),
    "agency": ("admin", "attorney"),
    "courtclosure": ("admin", "attorney"),
    "setting": ("admin",),
    "user": ("admin",),
    "matterteam": ("admin",),
    # The key check (casekit.store.keys): only an admin registers or rotates the office's key.
    "encryptionkey": ("admin",),
    # A timekeeper's hourly rate is the firm's claim in a fee petition: not a paralegal's to set.
    "rate": ("admin", "attorney"),
}
#: Append-only tables: writers may insert, nobody may update or delete.
APPEND_ONLY = frozenset({"auditevent", "feepetition", "feepetitionitem", "conflictcheck"})
#: Tables only SEE_SENSITIVE groups may read at all (key material, should a table hold any).
SENSITIVE_TABLES: frozenset[str] = frozenset()
#: Columns of ``matter`` only admins may change (the wall itself).
ADMIN_COLUMNS = {"matter": frozenset({"restricted"})}


def is_sensitive_column(table: str, column: str) -> bool:
    """Whether ``table.column`` is sensitive (``SENSITIVE_COLUMNS``, or an ``x_…`` form of one).

    A blind index (``…_bidx``, a keyed hash: casekit.store.sealed) is not: intake needs it to find
    a duplicate A-number or a conflict by date of birth, and it reveals nothing without the key.
    """
    if column.endswith("_bidx"):
        return False
    return any(
        column == name or column.startswith(name + "_") for name in SENSITIVE_COLUMNS.get(table, ())
    )


def ident(name: str) -> str:
    """A role or table name, double-quoted (names are checked or come from the catalog)."""
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def current_schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar_one())


def table_names(conn: Connection, schema: str) -> list[str]:
    return list(
        conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') ORDER BY c.relname"
            ),
            {"s": schema},
        ).scalars()
    )


def table_columns(conn: Connection, schema: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    rows = conn.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = :s ORDER BY table_name, ordinal_position"
        ),
        {"s": schema},
    )
    for table, column in rows:
        out.setdefault(str(table), []).append(str(column))
    return out


def not_null_foreign_keys(conn: Connection, schema: str) -> list[tuple[str, str, str]]:
    """``(table, column, referenced table)`` for single-column, NOT NULL foreign keys."""
    rows = conn.execute(
        text(
            "SELECT src.relname, a.attname, dst.relname "
            "FROM pg_constraint k "
            "JOIN pg_class src ON src.oid = k.conrelid "
            "JOIN pg_class dst ON dst.oid = k.confrelid "
            "JOIN pg_namespace n ON n.oid = src.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1] "
            "WHERE k.contype = 'f' AND n.nspname = :s AND array_length(k.conkey, 1) = 1 "
            "AND a.attnotnull"
        ),
        {"s": schema},
    )
    return [(str(t), str(c), str(r)) for t, c, r in rows]


def has_function(conn: Connection, signature: str) -> bool:
    key = f"casekit.function.{signature}"
    if key not in conn.info:
        conn.info[key] = bool(
            conn.execute(text("SELECT to_regprocedure(:s) IS NOT NULL"), {"s": signature}).scalar()
        )
    return bool(conn.info[key])
