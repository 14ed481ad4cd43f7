"""PostgreSQL access control for an office: group roles, privileges and the ethical wall.

Each person connects as their own login role, a member of one of casekit's four group roles
(``<prefix>admin``, ``<prefix>attorney``, ``<prefix>paralegal``, ``<prefix>readonly``):

=========== ====================================================== ==============================
group       reads                                                  writes
=========== ====================================================== ==============================
admin       every row its walls let it see                         everything: firm settings,
                                                                   users table, court closures,
                                                                   matter teams, the wall flag
attorney    the same                                               case data, court closures,
                                                                   reference data
paralegal   the same, except the sensitive client columns          case data (the sensitive
            (``SENSITIVE_COLUMNS``)                                columns only on insert)
readonly    the same, except the sensitive client columns          nothing
=========== ====================================================== ==============================

Role names are cluster-wide, so they carry a prefix: by default derived from the database name
(``ck_casekit_``), so two casekit databases on one server never share roles. The prefix is
recorded in the database (setting ``casekit.role_prefix``) when the roles are created, so every
user's casekit agrees on it.

**The wall.** A matter with ``restricted`` set is visible only to the roles on its team
(``matterteam``), and so is every row that belongs to it: every table with a ``matter_id``
column, and every table whose non-null foreign key points at such a table (the evidence custody
log), found in the live catalog after every upgrade (:func:`apply_wall`), so a table a later
migration adds is walled too. Rows outside the wall read as if they did not exist, and a write
into a walled matter is refused by the policy's ``WITH CHECK``.

**The owner.** The tables belong to the account that runs ``casekit db upgrade`` (the office's
database owner). Row-level security is enabled but not forced, so that account, and a
superuser, see every row: it is the maintenance account (migrations, ``pg_dump`` backups,
users, walls) and nobody does case work as it. The groups are not owners, so every policy
applies to them.

Privileges are recomputed from the catalog after every upgrade (:func:`apply_privileges`), so a
column a later migration adds (an encrypted form of a sensitive field, say) gets the right
grants without anyone editing SQL here.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from casekit.errors import ConfigurationError, InvalidInput
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

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_VERIFIER = re.compile(r"SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")


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


def derive_prefix(database: str) -> str:
    """The default role prefix for a database: ``ck_<name>_`` (hashed when the name is long)."""
    name = re.sub(r"[^a-z0-9_]", "_", database.lower())
    longest_group = max(len(g) for g in GROUPS)
    if len("ck_") + len(name) + 1 + longest_group <= 63:
        return f"ck_{name}_"
    digest = hashlib.sha256(database.encode()).hexdigest()[:8]
    return f"ck_{name[:40]}_{digest}_"


def check_role_name(name: str, what: str = "role name") -> str:
    """``name`` lower-cased if it is a plain PostgreSQL role name, else InvalidInput."""
    cleaned = name.strip().lower()
    if not _ROLE_NAME.match(cleaned):
        raise InvalidInput(
            f"'{name.strip()[:40]}' is not a usable {what} (letters, digits and _, at most 63, "
            "not starting with a digit)"
        )
    if cleaned.startswith("pg_"):
        raise InvalidInput(f"{what}s starting with pg_ are reserved by PostgreSQL")
    return cleaned


def _ident(name: str) -> str:
    """A role or table name, double-quoted (names are checked or come from the catalog)."""
    return '"' + name.replace('"', '""') + '"'


def scram_verifier(password: str, *, iterations: int = 4096, salt: bytes | None = None) -> str:
    """A SCRAM-SHA-256 verifier for ``password`` (RFC 5802/7677), as PostgreSQL stores it.

    casekit sends the verifier, never the password, so the password appears in no statement,
    server log or ``pg_stat_activity``. (NFKC normalisation stands in for SASLprep, which
    matches it for every password a person types.)
    """
    salt = os.urandom(16) if salt is None else salt
    normalized = unicodedata.normalize("NFKC", password).encode("utf-8")
    salted = hashlib.pbkdf2_hmac("sha256", normalized, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


# --- catalog ------------------------------------------------------------------------------------


def _schema(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_schema()")).scalar_one())


def _tables(conn: Connection, schema: str) -> list[str]:
    return list(
        conn.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = :s AND c.relkind IN ('r', 'p') ORDER BY c.relname"
            ),
            {"s": schema},
        ).scalars()
    )


def _columns(conn: Connection, schema: str) -> dict[str, list[str]]:
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


def _not_null_foreign_keys(conn: Connection, schema: str) -> list[tuple[str, str, str]]:
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


def walled_tables(conn: Connection) -> dict[str, str]:
    """Every table the wall covers, with the condition a row must meet to be visible.

    ``matter`` itself; every table with a ``matter_id``; then, until nothing changes, every
    table with a NOT NULL foreign key to a walled table (``evidencecustody`` → ``evidence``).
    """
    schema = _schema(conn)
    columns = _columns(conn, schema)
    if "matterteam" not in columns or "restricted" not in columns.get("matter", ()):
        return {}
    q = _ident(schema)
    conditions: dict[str, str] = {
        "matter": f"(NOT restricted OR id IN (SELECT {q}.{TEAM_FUNCTION}()))",
    }
    for table, cols in columns.items():
        if table != "matter" and "matter_id" in cols:
            conditions[table] = f"(matter_id IS NULL OR matter_id IN (SELECT id FROM {q}.matter))"
    fks = _not_null_foreign_keys(conn, schema)
    changed = True
    while changed:
        changed = False
        for table, column, target in fks:
            if table not in conditions and target in conditions and target != table:
                conditions[table] = f"({_ident(column)} IN (SELECT id FROM {q}.{_ident(target)}))"
                changed = True
    return conditions


# --- the wall -----------------------------------------------------------------------------------


def apply_wall(conn: Connection) -> int:
    """Install (or refresh) the ethical wall: the team function, RLS and one policy per table.

    Idempotent, and cheap when nothing changed: a policy whose comment carries the current
    :data:`WALL_VERSION` and condition is left alone (re-creating one locks its table). Needs
    to own the tables (the account that migrates). Returns how many tables are walled.
    """
    conditions = walled_tables(conn)
    if not conditions:
        return 0
    schema = _schema(conn)
    q = _ident(schema)
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{TEAM_FUNCTION}() RETURNS SETOF integer "
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
        f"CREATE OR REPLACE FUNCTION {q}.{LAST_NUMBER_FUNCTION}(lo text, hi text) RETURNS text "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT m.number FROM {q}.matter m WHERE m.number >= lo AND m.number < hi "
        "ORDER BY length(m.number) DESC, m.number DESC LIMIT 1 $$"
    )
    # The head of the audit chain (casekit.store.audit.head): a new event follows the last one
    # even when that one belongs to a walled matter the writer cannot see. Only its number and
    # hash cross the wall.
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{AUDIT_HEAD_FUNCTION}() "
        "RETURNS TABLE (seq bigint, hash text) "
        "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$ "
        f"SELECT a.seq::bigint, a.hash::text FROM {q}.auditevent a ORDER BY a.seq DESC LIMIT 1 $$"
    )
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {q}.{HIDDEN_FUNCTION}() RETURNS bigint "
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
        t = f"{q}.{_ident(table)}"
        conn.exec_driver_sql(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")
        if existing.get(table) == tag:
            continue
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {WALL_POLICY} ON {t}")
        conn.exec_driver_sql(
            f"CREATE POLICY {WALL_POLICY} ON {t} USING {condition} WITH CHECK {condition}"
        )
        conn.execute(
            text(f"COMMENT ON POLICY {WALL_POLICY} ON {t} IS " + _literal(tag)),
        )
    return len(conditions)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


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


# --- roles and privileges -----------------------------------------------------------------------


def recorded_prefix(conn: Connection) -> str | None:
    """The role prefix this database's roles were created with, if any."""
    value = conn.execute(
        text("SELECT value FROM setting WHERE key = :k"), {"k": PREFIX_KEY}
    ).scalar()
    return str(value) if value else None


def group_roles(prefix: str) -> dict[str, str]:
    """``{"admin": "<prefix>admin", ...}``."""
    return {group: f"{prefix}{group}" for group in GROUPS}


def _existing_roles(conn: Connection, names: Iterable[str]) -> set[str]:
    return set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(names)},
        ).scalars()
    )


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
    if _existing_roles(conn, roles.values()) != set(roles.values()):
        return False
    schema = _schema(conn)
    q = _ident(schema)
    every = ", ".join(_ident(r) for r in roles.values())
    writers = ", ".join(_ident(roles[g]) for g in WRITERS)
    run = conn.exec_driver_sql
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA {q} FROM {every}")
    run(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {q} FROM {every}")
    run(f"GRANT USAGE ON SCHEMA {q} TO {every}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {q} TO {writers}")
    run(f'GRANT CONNECT ON DATABASE "{_database(conn)}" TO {every}')
    columns = _columns(conn, schema)
    for table in _tables(conn, schema):
        for sql in _table_grants(q, table, columns.get(table, []), roles):
            run(sql)
    return True


def _database(conn: Connection) -> str:
    return str(conn.execute(text("SELECT current_database()")).scalar_one()).replace('"', '""')


def _table_grants(q: str, table: str, cols: Sequence[str], roles: dict[str, str]) -> list[str]:
    t = f"{q}.{_ident(table)}"
    hidden = [c for c in cols if is_sensitive_column(table, c)]
    visible = ", ".join(_ident(c) for c in cols if c not in hidden)
    out: list[str] = []
    readers = SEE_SENSITIVE if table in SENSITIVE_TABLES else GROUPS
    for group in readers:
        if hidden and group not in SEE_SENSITIVE:
            out.append(f"GRANT SELECT ({visible}) ON {t} TO {_ident(roles[group])}")
        else:
            out.append(f"GRANT SELECT ON {t} TO {_ident(roles[group])}")
    for group in TABLE_WRITERS.get(table, WRITERS):
        role = _ident(roles[group])
        if table in APPEND_ONLY:
            out.append(f"GRANT INSERT ON {t} TO {role}")
            continue
        locked = set(hidden) if group not in SEE_SENSITIVE else set()
        if group != "admin":
            locked |= ADMIN_COLUMNS.get(table, frozenset())
        if locked:
            updatable = ", ".join(_ident(c) for c in cols if c not in locked)
            out.append(f"GRANT INSERT, DELETE ON {t} TO {role}")
            out.append(f"GRANT UPDATE ({updatable}) ON {t} TO {role}")
        else:
            out.append(f"GRANT INSERT, UPDATE, DELETE ON {t} TO {role}")
    return out


def create_groups(conn: Connection, prefix: str) -> list[str]:
    """Create the four group roles (NOLOGIN) that do not exist yet; record the prefix.

    Needs CREATEROLE. Returns the roles created.
    """
    roles = group_roles(prefix)
    existing = _existing_roles(conn, roles.values())
    made = []
    for role in roles.values():
        if role not in existing:
            conn.exec_driver_sql(f"CREATE ROLE {_ident(role)} NOLOGIN")
            made.append(role)
    conn.execute(
        text(
            "INSERT INTO setting (created_at, updated_at, version, key, value) "
            "VALUES (now(), now(), 1, :k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), "
            "version = setting.version + 1"
        ),
        {"k": PREFIX_KEY, "v": prefix},
    )
    return made


@dataclass(frozen=True)
class Me:
    """Who the connection is, and what casekit lets it do."""

    role: str
    groups: tuple[str, ...]  # casekit groups it belongs to (directly or not)
    owner: bool  # owns the tables, or is a superuser: every row, and may manage users
    can_create_roles: bool


def whoami(conn: Connection, prefix: str | None) -> Me:
    row = conn.execute(
        text(
            "SELECT current_user, r.rolsuper, r.rolcreaterole, "
            "pg_has_role(current_user, c.relowner, 'MEMBER') "
            "FROM pg_roles r, pg_class c "
            "WHERE r.rolname = current_user AND c.oid = to_regclass('matter')"
        )
    ).one()
    groups: list[str] = []
    if prefix:
        for group, role in group_roles(prefix).items():
            member = conn.execute(
                text(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :r) "
                    "AND pg_has_role(current_user, :r, 'MEMBER')"
                ),
                {"r": role},
            ).scalar()
            if member:
                groups.append(group)
    return Me(
        role=str(row[0]),
        groups=tuple(groups),
        owner=bool(row[1] or row[3]),
        can_create_roles=bool(row[1] or row[2]),
    )


def role_exists(conn: Connection, name: str) -> bool:
    return bool(_existing_roles(conn, [name]))


def memberships(conn: Connection, prefix: str) -> list[tuple[str, bool, tuple[str, ...]]]:
    """``(role, can log in, casekit groups)`` for every role directly in a casekit group."""
    roles = group_roles(prefix)
    by_role = {role: group for group, role in roles.items()}
    rows = conn.execute(
        text(
            "SELECT m.rolname, m.rolcanlogin, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.roleid "
            "WHERE g.rolname = ANY(:groups) ORDER BY m.rolname, g.rolname"
        ),
        {"groups": list(roles.values())},
    )
    found: dict[str, tuple[bool, list[str]]] = {}
    for member, login, group in rows:
        entry = found.setdefault(str(member), (bool(login), []))
        entry[1].append(by_role[str(group)])
    return [
        (name, login, tuple(g for g in GROUPS if g in groups))
        for name, (login, groups) in sorted(found.items())
    ]


def create_login(conn: Connection, name: str, verifier: str | None) -> None:
    """``CREATE ROLE name LOGIN`` (with a SCRAM verifier, never a clear password)."""
    sql = f"CREATE ROLE {_ident(name)} LOGIN"
    if verifier is not None:
        if not _VERIFIER.fullmatch(verifier):
            raise InvalidInput("not a SCRAM-SHA-256 verifier")
        sql += f" PASSWORD '{verifier}'"
    conn.exec_driver_sql(sql)


def set_membership(conn: Connection, member: str, group_role: str, *, grant: bool) -> None:
    if grant:
        conn.exec_driver_sql(f"GRANT {_ident(group_role)} TO {_ident(member)}")
    else:
        conn.exec_driver_sql(f"REVOKE {_ident(group_role)} FROM {_ident(member)}")


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


def require_postgresql(conn: Connection | Any) -> None:
    if conn.dialect.name != "postgresql":
        raise ConfigurationError(
            "users, roles and ethical walls need PostgreSQL; casekit on SQLite is single-user "
            "(the database file is readable by its owner only)"
        )


def _has_function(conn: Connection, signature: str) -> bool:
    key = f"casekit.function.{signature}"
    if key not in conn.info:
        conn.info[key] = bool(
            conn.execute(text("SELECT to_regprocedure(:s) IS NOT NULL"), {"s": signature}).scalar()
        )
    return bool(conn.info[key])


def audit_head(conn: Connection) -> tuple[bool, tuple[int, str] | None]:
    """``(available, (seq, hash) or None)``: the audit chain's last event, walled ones included.

    ``available`` is False where the wall's functions are not installed (SQLite; PostgreSQL
    before the wall is applied): the caller reads the table itself then.
    """
    if conn.dialect.name != "postgresql" or not _has_function(conn, f"{AUDIT_HEAD_FUNCTION}()"):
        return False, None
    row = conn.execute(text(f"SELECT seq, hash FROM {AUDIT_HEAD_FUNCTION}()")).first()
    return True, ((int(row[0]), str(row[1])) if row else None)


def last_matter_number(conn: Connection, lo: str, hi: str) -> tuple[bool, str | None]:
    """``(available, number)``: the highest matter number in ``[lo, hi)``, walled ones included.

    ``available`` is False where the wall's functions are not installed (SQLite; PostgreSQL
    before revision 0008): the caller reads the table itself then.
    """
    if conn.dialect.name != "postgresql" or not _has_function(
        conn, f"{LAST_NUMBER_FUNCTION}(text,text)"
    ):
        return False, None
    value = conn.execute(
        text(f"SELECT {LAST_NUMBER_FUNCTION}(:lo, :hi)"), {"lo": lo, "hi": hi}
    ).scalar()
    return True, (str(value) if value is not None else None)


def hidden_matters(conn: Connection) -> int:
    """How many restricted matters this connection's role cannot see (0 where no wall)."""
    if conn.dialect.name != "postgresql" or not _has_function(conn, f"{HIDDEN_FUNCTION}()"):
        return 0
    return int(conn.execute(text(f"SELECT {HIDDEN_FUNCTION}()")).scalar() or 0)
