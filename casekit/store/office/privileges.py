"""Each group's privileges, recomputed from the live catalog after every upgrade, and the
columns a connection may not read (the ORM leaves them out of what it loads)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from casekit.store.office.catalog import (
    ADMIN_COLUMNS,
    APPEND_ONLY,
    GROUPS,
    SEE_SENSITIVE,
    SENSITIVE_TABLES,
    TABLE_WRITERS,
    WRITERS,
    current_schema,
    ident,
    is_sensitive_column,
    table_columns,
    table_names,
)
from casekit.store.office.roles import existing_roles, group_roles, recorded_prefix


def apply_privileges(conn: Connection, prefix: str | None = None) -> bool:
    """Grant each group exactly its privileges, computed from the live catalog.

    Every table and column of the schema is covered, so a migration that adds one needs no
    SQL here: ``casekit db upgrade`` calls this after migrating. Returns False (and does
    nothing) when the groups do not exist yet.
    """
    prefix = prefix or recorded_prefix(conn)
    if not prefix:
        return False
    roles = group_roles(prefix)
    if existing_roles(conn, roles.values()) != set(roles.values()):
        return False
    schema = current_schema(conn)
    q = ident(schema)
    every = ", ".join(ident(r) for r in roles.values())
    writers = ", ".join(ident(roles[g]) for g in WRITERS)
    run = conn.exec_driver_sql
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA {q} FROM {every}")
    run(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {q} FROM {every}")
    run(f"GRANT USAGE ON SCHEMA {q} TO {every}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q} TO {writers}")
    run(f'GRANT CONNECT ON DATABASE "{_database(conn)}" TO {every}')
    columns = table_columns(conn, schema)
    for table in table_names(conn, schema):
        for sql in _table_grants(q, table, columns.get(table, []), roles):
            run(sql)
    return True


def _database(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_database()")).scalar_one()).replace('"', '""')


def _table_grants(q: str, table: str, cols: Sequence[str], roles: dict[str, str]) -> list[str]:
    t = f"{q}.{ident(table)}"
    hidden = [c for c in cols if is_sensitive_column(table, c)]
    visible = ", ".join(ident(c) for c in cols if c not in hidden)
    out: list[str] = []
    readers = SEE_SENSITIVE if table in SENSITIVE_TABLES else GROUPS
    for group in readers:
        if hidden and group not in SEE_SENSITIVE:
            out.append(f"GRANT SELECT ({visible}) ON {t} TO {ident(roles[group])}")
        else:
            out.append(f"GRANT SELECT ON {t} TO {ident(roles[group])}")
    for group in TABLE_WRITERS.get(table, WRITERS):
        role = ident(roles[group])
        if table in APPEND_ONLY:
            out.append(f"GRANT INSERT ON {t} TO {role}")
            continue
        locked = set(hidden) if group not in SEE_SENSITIVE else set()
        if group != "admin":
            locked |= ADMIN_COLUMNS.get(table, frozenset())
        if locked:
            updatable = ", ".join(ident(c) for c in cols if c not in locked)
            out.append(f"GRANT INSERT, DELETE ON {t} TO {role}")
            out.append(f"GRANT UPDATE ({updatable}) ON {t} TO {role}")
        else:
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {role}")
    return out


def hidden_columns(conn: Connection) -> dict[str, frozenset[str]]:
    """Columns of the schema's tables this connection may not SELECT (per table).

    Computed once per database connection and kept in ``conn.info`` (the role of a connection
    never changes), so the ORM can leave them out of what it loads (:mod:`casekit.store.session`).
    """
    cache: dict[str, frozenset[str]] | None = conn.info.get("casekit.hidden_columns")
    if cache is not None:
        return cache
    rows = conn.execute(
        text(
            "SELECT c.relname, a.attname FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 "
            "AND NOT a.attisdropped "
            "AND NOT has_column_privilege(c.oid, a.attnum, 'SELECT')"
        )
    )
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(str(table), set()).add(str(column))
    cache = {table: frozenset(cols) for table, cols in found.items()}
    conn.info["casekit.hidden_columns"] = cache
    return cache
