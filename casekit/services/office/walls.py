"""``casekit matter restrict`` and ``unrestrict``, ``users grant --matter``: the ethical walls.

PostgreSQL only (:mod:`casekit.store.office` describes the policies). Restricting a matter and
changing its team needs the admin group (or the owner). An admin can only change the team of a
matter it can see, and cannot wall itself out: a matter is restricted only with the person doing
it on its team, unless that person is the owner. Team changes and the restricted flag go through
the ORM, so the audit log records them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from casekit.errors import AccessDenied, ConfigurationError, InvalidInput, NotFound
from casekit.services.base import AppContext
from casekit.services.office.users import WallOut, require_pg
from casekit.store import office, repo
from casekit.store.models import MatterTeam
from casekit.store.repos.office import member_of_any, team_rows

if TYPE_CHECKING:
    from casekit.store.repos.office import Connection


def _wall_guard(svc: AppContext, conn: Connection) -> tuple[Any, str]:
    require_pg(svc)
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


def restrict_matter(svc: AppContext, number: str, team: Sequence[str]) -> WallOut:
    """Restrict a matter to ``team`` (roles: people's logins or groups), replacing its team.

    Raises:
        NotFound: no such matter (or one already walled off from the caller).
        InvalidInput: an empty team, or one without the caller (who is not the owner).
        AccessDenied: the caller is neither in the admin group nor the owner.
    """
    with svc.engine.connect() as conn:
        me, _prefix_ = _wall_guard(svc, conn)
        roles = _team_roles(conn, team)
        if not roles:
            raise InvalidInput("give the team: --team role[,role...]")
        if not me.owner and not member_of_any(conn=conn, roles=roles):
            raise InvalidInput(
                "you are not on that team, so the matter would disappear for you too; include "
                "yourself, or run this as the database owner"
            )
    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        matter_id = _id(matter.id)
        current = team_rows(session=session, matter_id=matter.id)
        for row in current:
            if row.role_name not in roles:
                session.delete(row)
        have = {row.role_name for row in current}
        for role in roles:
            if role not in have:
                session.add(MatterTeam(matter_id=matter_id, role_name=role))
        session.flush()  # the team first: the policy checks the caller against it
        if not matter.restricted:
            matter.restricted = True
        session.flush()
        return WallOut(matter.number, tuple(sorted(roles)))


def unrestrict_matter(svc: AppContext, number: str) -> WallOut:
    """Lift a matter's wall: everyone with access to the database sees it again."""
    with svc.engine.connect() as conn:
        _wall_guard(svc, conn)
    with svc.transaction() as session:
        matter = repo.get_matter(session=session, number=number)
        if matter.restricted:
            matter.restricted = False
            session.flush()
        for row in team_rows(session=session, matter_id=matter.id):
            session.delete(row)
        return WallOut(matter.number, ())


def set_team_member(svc: AppContext, number: str, role_name: str, *, member: bool) -> WallOut:
    """Add a role to a restricted matter's team, or take it off (``users grant --matter``)."""
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
        rows = team_rows(session=session, matter_id=matter.id)
        names = {r.role_name: r for r in rows}
        if member and role not in names:
            session.add(MatterTeam(matter_id=_id(matter.id), role_name=role))
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


def _id(value: int | None) -> int:
    """A stored row's id (only a new, unflushed row has none)."""
    if value is None:
        raise NotFound("that matter is not stored yet")
    return value
