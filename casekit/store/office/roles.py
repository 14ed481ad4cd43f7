"""The office's PostgreSQL roles: the four groups, people's logins, who is in which group."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from casekit.errors import InvalidInput
from casekit.store.office.catalog import GROUPS, PREFIX_KEY, ident

_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_VERIFIER = re.compile(r"SCRAM-SHA-256\$\d+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+")


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


def recorded_prefix(conn: Connection) -> str | None:
    """The role prefix this database's roles were created with, if any."""
    value = conn.execute(
        text("SELECT value FROM setting WHERE key = :k"), {"k": PREFIX_KEY}
    ).scalar()
    return str(value) if value else None


def group_roles(prefix: str) -> dict[str, str]:
    """``{"admin": "<prefix>admin", ...}``."""
    return {group: f"{prefix}{group}" for group in GROUPS}


def existing_roles(conn: Connection, names: Iterable[str]) -> set[str]:
    return set(
        conn.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(names)},
        ).scalars()
    )


def create_groups(conn: Connection, prefix: str) -> list[str]:
    """Create the four group roles (NOLOGIN) that do not exist yet; record the prefix.

    Needs CREATEROLE. Returns the roles created.
    """
    roles = group_roles(prefix)
    existing = existing_roles(conn, roles.values())
    made = []
    for role in roles.values():
        if role not in existing:
            conn.exec_driver_sql(f"CREATE ROLE {ident(role)} NOLOGIN")
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
    return bool(existing_roles(conn, [name]))


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
    sql = f"CREATE ROLE {ident(name)} LOGIN"
    if verifier is not None:
        if not _VERIFIER.fullmatch(verifier):
            raise InvalidInput("not a SCRAM-SHA-256 verifier")
        sql += f" PASSWORD '{verifier}'"
    conn.exec_driver_sql(sql)


def set_membership(conn: Connection, member: str, group_role: str, *, grant: bool) -> None:
    if grant:
        conn.exec_driver_sql(f"GRANT {ident(group_role)} TO {ident(member)}")
    else:
        conn.exec_driver_sql(f"REVOKE {ident(group_role)} FROM {ident(member)}")
