"""``casekit users``: the office's people, their group roles, and who sees which walls.

PostgreSQL only (:mod:`casekit.store.office` describes the roles, privileges and policies). On
SQLite every command here says that roles need PostgreSQL: a SQLite database is one person's
file (0600), with nobody else to keep out.

* Creating roles and changing who is in which group needs a role with CREATEROLE: the office's
  database owner (the account that runs ``casekit db upgrade``).
* Restricting a matter and changing its team (the ethical walls) is :mod:`.walls`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.errors import AccessDenied, ConfigurationError, InvalidInput, NotFound
from casekit.services.base import AppContext
from casekit.services.plain import PlainResult
from casekit.store import office
from casekit.store.repos.office import current_database, restricted_teams

if TYPE_CHECKING:
    from casekit.store.repos.office import Connection


@dataclass(frozen=True)
class UserOut(PlainResult):
    """A role in one of casekit's groups."""

    name: str
    login: bool
    groups: tuple[str, ...]


@dataclass(frozen=True)
class WallOut(PlainResult):
    """A restricted matter the caller can see, and its team."""

    matter: str
    team: tuple[str, ...]


@dataclass(frozen=True)
class OfficeOut(PlainResult):
    """``casekit users list``: the groups, their members and the walls the caller can see."""

    prefix: str | None
    groups: dict[str, str]
    users: tuple[UserOut, ...]
    walls: tuple[WallOut, ...]
    me: str
    my_groups: tuple[str, ...]
    owner: bool
    hidden_matters: int


def require_pg(svc: AppContext) -> None:
    if svc.settings.is_sqlite:
        raise ConfigurationError(
            "users, roles and ethical walls need PostgreSQL (CASEKIT_DATABASE_URL); casekit on "
            "SQLite is single-user: the database file is readable by its owner only"
        )


def _group(name: str) -> str:
    cleaned = name.strip().lower().replace("-", "")
    if cleaned == "read_only":
        cleaned = "readonly"
    if cleaned not in office.GROUPS:
        raise InvalidInput(
            f"unknown group '{name.strip()[:30]}' (groups: {', '.join(office.GROUPS)})"
        )
    return cleaned


def _prefix(conn: Connection) -> str:
    prefix = office.recorded_prefix(conn)
    if not prefix:
        raise ConfigurationError(
            "the office's roles are not set up yet: run casekit users setup as the database owner"
        )
    return prefix


def _require_createrole(me: Any) -> None:
    if not me.can_create_roles:
        raise AccessDenied(
            f"managing users needs a role allowed to create roles (CREATEROLE); '{me.role}' is "
            "not. Run this as the database owner"
        )


@dataclass(frozen=True)
class SetupOut(PlainResult):
    prefix: str
    created: tuple[str, ...]
    groups: dict[str, str]
    walled_tables: int


def setup_office(svc: AppContext, *, prefix: str | None = None) -> SetupOut:
    """Create the group roles (if missing), record the prefix and grant every privilege.

    Args:
        svc: AppContext on the PostgreSQL database (connected as its owner, with CREATEROLE).
        prefix: The role-name prefix; default: the one recorded, else ``ck_<database>_``.

    Raises:
        ConfigurationError: SQLite, or another prefix is already recorded.
        AccessDenied: the role cannot create roles or does not own the tables.
    """
    require_pg(svc)
    with svc.engine.begin() as conn:
        me = office.whoami(conn, None)
        _require_createrole(me)
        if not me.owner:
            raise AccessDenied(
                "setting up the office's roles needs the tables' owner (the account that runs "
                "casekit db upgrade)"
            )
        recorded = office.recorded_prefix(conn)
        if prefix is not None:
            prefix = office.check_role_name(prefix, "role prefix")
            if recorded and recorded != prefix:
                raise ConfigurationError(
                    f"this database's roles already use the prefix '{recorded}'"
                )
        chosen = prefix or recorded
        if not chosen:
            chosen = office.derive_prefix(current_database(conn=conn))
        created = office.create_groups(conn, chosen)
        walled = office.apply_wall(conn)
        office.apply_privileges(conn, chosen)
    return SetupOut(chosen, tuple(created), office.group_roles(chosen), walled)


def add_user(svc: AppContext, name: str, group: str, *, password: str | None = None) -> UserOut:
    """Create a login role for a person and put it in ``group``.

    The password (optional: an office may use peer, certificate or Kerberos authentication) is
    sent as a SCRAM-SHA-256 verifier, never in clear. The groups are set up first if needed.

    Raises:
        InvalidInput: a bad name or group, or the role exists already (use grant).
    """
    require_pg(svc)
    login = office.check_role_name(name, "user name")
    wanted = _group(group)
    if password is not None and len(password) < 12:
        raise InvalidInput("a password must have at least 12 characters")
    if not office_ready(svc):
        setup_office(svc)
    with svc.engine.begin() as conn:
        me = office.whoami(conn, None)
        _require_createrole(me)
        prefix = _prefix(conn)
        if login.startswith(prefix) and login.removeprefix(prefix) in office.GROUPS:
            raise InvalidInput("that name is one of casekit's group roles")
        if office.role_exists(conn, login):
            raise InvalidInput(
                f"the role '{login}' exists already; use casekit users grant {login} GROUP"
            )
        verifier = office.scram_verifier(password) if password is not None else None
        office.create_login(conn, login, verifier)
        office.set_membership(conn, login, office.group_roles(prefix)[wanted], grant=True)
    return UserOut(login, True, (wanted,))


def office_ready(svc: AppContext) -> bool:
    """Whether the group roles exist (``casekit users setup`` ran on this server)."""
    with svc.engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        if not prefix:
            return False
        roles = office.group_roles(prefix).values()
        return all(office.role_exists(conn, r) for r in roles)


def set_group(svc: AppContext, name: str, group: str, *, member: bool) -> UserOut:
    """Put an existing role into ``group`` (``users grant``) or take it out (``users revoke``)."""
    require_pg(svc)
    role = office.check_role_name(name, "user name")
    wanted = _group(group)
    with svc.engine.begin() as conn:
        me = office.whoami(conn, None)
        _require_createrole(me)
        prefix = _prefix(conn)
        if not office.role_exists(conn, role):
            raise NotFound(f"no role '{role}' (casekit users add {role} --group {wanted})")
        office.set_membership(conn, role, office.group_roles(prefix)[wanted], grant=member)
        found = {u[0]: u for u in office.memberships(conn, prefix)}
    entry = found.get(role)
    return UserOut(role, entry[1] if entry else True, entry[2] if entry else ())


def list_office(svc: AppContext) -> OfficeOut:
    """The groups, the roles in them, and the restricted matters the caller can see."""

    require_pg(svc)
    with svc.engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        me = office.whoami(conn, prefix)
        members = office.memberships(conn, prefix) if prefix else []
        users = tuple(UserOut(n, login, groups) for n, login, groups in members)
        rows = restricted_teams(conn=conn)
        hidden = office.hidden_matters(conn)
    teams: dict[str, list[str]] = {}
    for number, role in rows:
        teams.setdefault(number, []).append(role)
    return OfficeOut(
        prefix=prefix,
        groups=office.group_roles(prefix) if prefix else {},
        users=users,
        walls=tuple(WallOut(n, tuple(t)) for n, t in teams.items()),
        me=me.role,
        my_groups=me.groups,
        owner=me.owner,
        hidden_matters=hidden,
    )


def hidden_matters(svc: AppContext) -> int:
    """How many restricted matters the caller cannot see (0 on SQLite or without walls)."""
    if svc.settings.is_sqlite:
        return 0
    with svc.engine.connect() as conn:
        return office.hidden_matters(conn)
