"""The ethical wall: row-level security on every table that belongs to a matter, and the few
``SECURITY DEFINER`` functions whose answers cross it without any row content.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from casekit.store.office.catalog import (
    AUDIT_HEAD_FUNCTION,
    HIDDEN_FUNCTION,
    LAST_NUMBER_FUNCTION,
    TEAM_FUNCTION,
    WALL_POLICY,
    WALL_VERSION,
    current_schema,
    has_function,
    ident,
    literal,
    not_null_foreign_keys,
    table_columns,
)


def walled_tables(conn: Connection) -> dict[str, str]:
    """Every table the wall covers, with the condition a row must meet to be visible.

    ``matter`` itself; every table with a ``matter_id``; then, until nothing changes, every
    table with a NOT NULL foreign key to a walled table (``evidencecustody`` → ``evidence``).
    """
    schema = current_schema(conn)
    columns = table_columns(conn, schema)
    if "matterteam" not in columns or "restricted" not in columns.get("matter", ()):
        return {}
    q = ident(schema)
    conditions: dict[str, str] = {
        "matter": f"(NOT restricted OR id IN (SELECT {q}.{TEAM_FUNCTION}()))",
    }
    for table, cols in columns.items():
        if table != "matter" and "matter_id" in cols:
            conditions[table] = f"(matter_id IS NULL OR matter_id IN (SELECT id FROM {q}.matter))"  # noqa: S608 - identifiers quoted by ident() or constants
    fks = not_null_foreign_keys(conn, schema)
    changed = True
    while changed:
        changed = False
        for table, column, target in fks:
            if table not in conditions and target in conditions and target != table:
                conditions[table] = f"({ident(column)} IN (SELECT id FROM {q}.{ident(target)}))"  # noqa: S608 - identifiers quoted by ident() or constants
                changed = True
    return conditions


def apply_wall(conn: Connection) -> int:
    """Install (or refresh) the ethical wall: the team function, RLS and one policy per table.

    Idempotent, and cheap when nothing changed: a policy whose comment carries the current
    :data:`WALL_VERSION` and condition is left alone (re-creating one locks its table). Needs
    to own the tables (the account that migrates). Returns how many tables are walled.
    """
    conditions = walled_tables(conn)
    if not conditions:
        return 0
    schema = current_schema(conn)
    q = ident(schema)
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{TEAM_FUNCTION}() RETURNS SETOF integer "  # noqa: S608 - identifiers quoted by ident() or constants
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT t.matter_id FROM {q}.matterteam t "
        "JOIN pg_catalog.pg_roles r ON r.rolname = t.role_name "
        # session_user: inside a SECURITY DEFINER function current_user is the owner.
        "WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER') $$"
    )
    # Two answers everyone needs across the wall, without any row content: the last matter
    # number of a year (so a new matter never takes a walled matter's number) and how many
    # restricted matters the caller cannot see (so a conflict check says what it missed).
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{LAST_NUMBER_FUNCTION}(lo text, hi text) RETURNS text "  # noqa: S608 - identifiers quoted by ident() or constants
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT m.number FROM {q}.matter m WHERE m.number >= lo AND m.number < hi "
        "ORDER BY length(m.number) DESC, m.number DESC LIMIT 1 $$"
    )
    # The head of the audit chain (casekit.store.audit.head): a new event follows the last one
    # even when that one belongs to a walled matter the writer cannot see. Only its number and
    # hash cross the wall.
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{AUDIT_HEAD_FUNCTION}() "  # noqa: S608 - identifiers quoted by ident() or constants
        "RETURNS TABLE (seq bigint, hash text) "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT a.seq::bigint, a.hash::text FROM {q}.auditevent a ORDER BY a.seq DESC LIMIT 1 $$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{HIDDEN_FUNCTION}() RETURNS bigint "  # noqa: S608 - identifiers quoted by ident() or constants
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT count(*) FROM {q}.matter m WHERE m.restricted "
        f"AND m.id NOT IN (SELECT {q}.{TEAM_FUNCTION}()) $$"
    )
    existing = {
        str(table): str(comment or "")
        for table, comment in conn.execute(
            text(
                "SELECT c.relname, obj_description(p.oid, 'pg_policy') FROM pg_policy p "
                "JOIN pg_class c ON c.oid = p.polrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :s AND p.polname = :p"
            ),
            {"s": schema, "p": WALL_POLICY},
        )
    }
    for table, condition in conditions.items():
        tag = f"{WALL_VERSION}: {condition}"
        t = f"{q}.{ident(table)}"
        conn.exec_driver_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        if existing.get(table) == tag:
            continue
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {WALL_POLICY} ON {t}")
        conn.exec_driver_sql(
            f"CREATE POLICY {WALL_POLICY} ON {t} USING {condition} WITH CHECK {condition}"
        )
        conn.execute(
            text(f"COMMENT ON POLICY {WALL_POLICY} ON {t} IS " + literal(tag)),
        )
    return len(conditions)


def wall_installed(conn: Connection) -> bool:
    """Whether row-level security guards ``matter`` (PostgreSQL at revision 0008 or later)."""
    return bool(
        conn.execute(
            text(
                "SELECT c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p "
                "WHERE p.polrelid = c.oid AND p.polname = :p) "
                "FROM pg_class c WHERE c.oid = to_regclass('matter')"
            ),
            {"p": WALL_POLICY},
        ).scalar()
    )


def audit_head(conn: Connection) -> tuple[bool, tuple[int, str] | None]:
    """``(available, (seq, hash) or None)``: the audit chain's last event, walled ones included.

    ``available`` is False where the wall's functions are not installed (SQLite; PostgreSQL
    before the wall is applied): the caller reads the table itself then.
    """
    if conn.dialect.name != "postgresql" or not has_function(conn, f"{AUDIT_HEAD_FUNCTION}()"):
        return False, None
    row = conn.execute(text(f"SELECT seq, hash FROM {AUDIT_HEAD_FUNCTION}()")).first()  # noqa: S608 - identifiers quoted by ident() or constants
    return True, ((int(row[0]), str(row[1])) if row else None)


def last_matter_number(conn: Connection, lo: str, hi: str) -> tuple[bool, str | None]:
    """``(available, number)``: the highest matter number in ``[lo, hi)``, walled ones included.

    ``available`` is False where the wall's functions are not installed (SQLite; PostgreSQL
    before revision 0008): the caller reads the table itself then.
    """
    if conn.dialect.name != "postgresql" or not has_function(
        conn, f"{LAST_NUMBER_FUNCTION}(text,text)"
    ):
        return False, None
    value = conn.execute(
        text(f"SELECT {LAST_NUMBER_FUNCTION}(:lo, :hi)"), {"lo": lo, "hi": hi}
    ).scalar()
    return True, (str(value) if value is not None else None)


def hidden_matters(conn: Connection) -> int:
    """How many restricted matters this connection's role cannot see (0 where no wall)."""
    if conn.dialect.name != "postgresql" or not has_function(conn, f"{HIDDEN_FUNCTION}()"):
        return 0
    return int(conn.execute(text(f"SELECT {HIDDEN_FUNCTION}()")).scalar() or 0)
