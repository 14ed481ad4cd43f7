"""``casekit users`` and ``casekit matter restrict``: the office's people and its ethical walls.

PostgreSQL only (:mod:`casekit.store.office` describes the roles, privileges and policies). On
SQLite every command here says that roles need PostgreSQL: a SQLite database is one person's
file (0600), with nobody else to keep out.

* Creating roles and changing who is in which group needs a role with CREATEROLE: the office's
  database owner (the account that runs ``casekit db upgrade``).
* Restricting a matter and changing its team needs the admin group (or the owner). An admin can
  only change the team of a matter it can see, and cannot wall itself out: a matter is
  restricted only with the person doing it on its team, unless that person is the owner.
  Team changes and the restricted flag go through the ORM, so the audit log records them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from casekit.errors import AccessDenied, ConfigurationError, InvalidInput, NotFound
from casekit.services.base import Services

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True)
class UserOut:
    """A role in one of casekit's groups."""

    name: str
    login: bool
    groups: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "login": self.login, "groups": list(self.groups)}


@dataclass(frozen=True)
class WallOut:
    """A restricted matter the caller can see, and its team."""

    matter: str
    team: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"matter": self.matter, "team": list(self.team)}


@dataclass(frozen=True)
class OfficeOut:
    """``casekit users list``: the groups, their members and the walls the caller can see."""

    prefix: str | None
    groups: dict[str, str]
    users: tuple[UserOut, ...]
    walls: tuple[WallOut, ...]
    me: str
    my_groups: tuple[str, ...]
    owner: bool
    hidden_matters: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["users"] = [u.to_dict() for u in self.users]
        data["walls"] = [w.to_dict() for w in self.walls]
        data["my_groups"] = list(self.my_groups)
        return data


def _require_pg(svc: Services) -> None:
    if svc.settings.is_sqlite:
        raise ConfigurationError(
            "users, roles and ethical walls need PostgreSQL (CASEKIT_DATABASE_URL); casekit on "
            "SQLite is single-user: the database file is readable by its owner only"
        )


def _group(name: str) -> str:
    from casekit.store.office import GROUPS

    cleaned = name.strip().lower().replace("-", "")
    if cleaned == "read_only":
        cleaned = "readonly"
    if cleaned not in GROUPS:
        raise InvalidInput(f"unknown group '{name.strip()[:30]}' (groups: {', '.join(GROUPS)})")
    return cleaned


def _prefix(conn: Connection) -> str:
    from casekit.store import office

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
class SetupOut:
    prefix: str
    created: tuple[str, ...]
    groups: dict[str, str]
    walled_tables: int

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["created"] = list(self.created)
        return data


def setup_office(svc: Services, *, prefix: str | None = None) -> SetupOut:
    """Create the group roles (if missing), record the prefix and grant every privilege.

    Args:
        svc: Services on the PostgreSQL database (connected as its owner, with CREATEROLE).
        prefix: The role-name prefix; default: the one recorded, else ``ck_<database>_``.

    Raises:
        ConfigurationError: SQLite, or another prefix is already recorded.
        AccessDenied: the role cannot create roles or does not own the tables.
    """
    from sqlalchemy import text

    from casekit.store import office

    _require_pg(svc)
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
            database = str(conn.execute(text("SELECT current_database()")).scalar_one())
            chosen = office.derive_prefix(database)
        created = office.create_groups(conn, chosen)
        walled = office.apply_wall(conn)
        office.apply_privileges(conn, chosen)
    return SetupOut(chosen, tuple(created), office.group_roles(chosen), walled)


def add_user(svc: Services, name: str, group: str, *, password: str | None = None) -> UserOut:
    """Create a login role for a person and put it in ``group``.

    The password (optional: an office may use peer, certificate or Kerberos authentication) is
    sent as a SCRAM-SHA-256 verifier, never in clear. The groups are set up first if needed.

    Raises:
        InvalidInput: a bad name or group, or the role exists already (use grant).
    """
    from casekit.store import office

    _require_pg(svc)
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


def office_ready(svc: Services) -> bool:
    """Whether the group roles exist (``casekit users setup`` ran on this server)."""
    from casekit.store import office

    with svc.engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        if not prefix:
            return False
        roles = office.group_roles(prefix).values()
        return all(office.role_exists(conn, r) for r in roles)


def set_group(svc: Services, name: str, group: str, *, member: bool) -> UserOut:
    """Put an existing role into ``group`` (``users grant``) or take it out (``users revoke``)."""
    from casekit.store import office

    _require_pg(svc)
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


def list_office(svc: Services) -> OfficeOut:
    """The groups, the roles in them, and the restricted matters the caller can see."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import office
    from casekit.store.models import Matter, MatterTeam

    _require_pg(svc)
    with svc.engine.connect() as conn:
        prefix = office.recorded_prefix(conn)
        me = office.whoami(conn, prefix)
        members = office.memberships(conn, prefix) if prefix else []
        users = tuple(UserOut(n, login, groups) for n, login, groups in members)
        rows = conn.execute(
            select(col(Matter.number), col(MatterTeam.role_name))
            .join(MatterTeam, col(MatterTeam.matter_id) == col(Matter.id))
            .where(col(Matter.restricted))
            .order_by(col(Matter.number), col(MatterTeam.role_name))
        ).all()
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


def hidden_matters(svc: Services) -> int:
    """How many restricted matters the caller cannot see (0 on SQLite or without walls)."""
    if svc.settings.is_sqlite:
        return 0
    from casekit.store import office

    with svc.engine.connect() as conn:
        return office.hidden_matters(conn)


# --- walls ----------------------------------------------------------------------------------------


def _wall_guard(svc: Services, conn: Connection) -> tuple[Any, str]:
    from casekit.store import office

    _require_pg(svc)
    if not office.wall_installed(conn):
        raise ConfigurationError(
            "the ethical wall is not installed in this database: run casekit db upgrade"
        )
    prefix = office.recorded_prefix(conn)
    me = office.whoami(conn, prefix)
    if not me.owner and "admin" not in me.groups:
        raise AccessDenied("only the admin group (or the database owner) may change a wall")
    return me, prefix or ""


def _team_roles(conn: Connection, team: Sequence[str]) -> list[str]:
    from casekit.store import office

    roles: list[str] = []
    for raw in team:
        for piece in raw.split(","):
            if not piece.strip():
                continue
            role = office.check_role_name(piece, "team member")
            if not office.role_exists(conn, role):
                raise NotFound(f"no role '{role}' (see casekit users list)")
            if role not in roles:
                roles.append(role)
    return roles


def restrict_matter(svc: Services, number: str, team: Sequence[str]) -> WallOut:
    """Restrict a matter to ``team`` (roles: people's logins or groups), replacing its team.

    Raises:
        NotFound: no such matter (or one already walled off from the caller).
        InvalidInput: an empty team, or one without the caller (who is not the owner).
        AccessDenied: the caller is neither in the admin group nor the owner.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import MatterTeam

    with svc.engine.connect() as conn:
        me, _prefix_ = _wall_guard(svc, conn)
        roles = _team_roles(conn, team)
        if not roles:
            raise InvalidInput("give the team: --team role[,role...]")
        if not me.owner and not _member_of_any(conn, roles):
            raise InvalidInput(
                "you are not on that team, so the matter would disappear for you too; include "
                "yourself, or run this as the database owner"
            )
    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        assert matter.id is not None
        current = session.scalars(
            select(MatterTeam).where(col(MatterTeam.matter_id) == matter.id)
        ).all()
        for row in current:
            if row.role_name not in roles:
                session.delete(row)
        have = {row.role_name for row in current}
        for role in roles:
            if role not in have:
                session.add(MatterTeam(matter_id=matter.id, role_name=role))
        session.flush()  # the team first: the policy checks the caller against it
        if not matter.restricted:
            matter.restricted = True
        session.flush()
        return WallOut(matter.number, tuple(sorted(roles)))


def _member_of_any(conn: Connection, roles: Sequence[str]) -> bool:
    from sqlalchemy import text

    return any(
        conn.execute(text("SELECT pg_has_role(session_user, :r, 'MEMBER')"), {"r": r}).scalar()
        for r in roles
    )


def unrestrict_matter(svc: Services, number: str) -> WallOut:
    """Lift a matter's wall: everyone with access to the database sees it again."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import MatterTeam

    with svc.engine.connect() as conn:
        _wall_guard(svc, conn)
    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        if matter.restricted:
            matter.restricted = False
            session.flush()
        for row in session.scalars(
            select(MatterTeam).where(col(MatterTeam.matter_id) == matter.id)
        ).all():
            session.delete(row)
        return WallOut(matter.number, ())


def set_team_member(svc: Services, number: str, role_name: str, *, member: bool) -> WallOut:
    """Add a role to a restricted matter's team, or take it off (``users grant --matter``)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import MatterTeam

    with svc.engine.connect() as conn:
        _wall_guard(svc, conn)
        [role] = _team_roles(conn, [role_name]) or [""]
    if not role:
        raise InvalidInput("give the role to add to the team")
    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        if not matter.restricted:
            raise InvalidInput(
                f"{matter.number} is not restricted; restrict it first "
                f"(casekit matter restrict {matter.number} --team ...)"
            )
        rows = session.scalars(
            select(MatterTeam).where(col(MatterTeam.matter_id) == matter.id)
        ).all()
        names = {r.role_name: r for r in rows}
        if member and role not in names:
            assert matter.id is not None
            session.add(MatterTeam(matter_id=matter.id, role_name=role))
        elif not member and role in names:
            if len(names) == 1:
                raise InvalidInput(
                    "that is the team's last member; lift the wall instead "
                    f"(casekit matter unrestrict {matter.number})"
                )
            session.delete(names[role])
        session.flush()
        team = sorted(set(names) | {role}) if member else sorted(set(names) - {role})
        return WallOut(matter.number, tuple(team))
