"""The office's own queries: ethical-wall teams, roles, the encryption key's rows, the audit log.

Functions take a keyword-only ``session`` (an ORM session inside ``svc.transaction()``) or
``conn`` (a plain connection, for the role and privilege work that runs outside the ORM).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select, text, update
from sqlalchemy.exc import IntegrityError as UniqueViolation
from sqlmodel import Session, col

from casekit.store.models import AuditEvent, EncryptionKey, Matter, MatterTeam, utcnow

__all__ = [
    "Connection",
    "UniqueViolation",
    "audit_rows",
    "current_database",
    "lock_clients",
    "member_of_any",
    "restricted_teams",
    "retire_key",
    "team_rows",
]


def current_database(*, conn: Connection) -> str:
    """The PostgreSQL database's name."""
    return str(conn.execute(text("SELECT current_database()")).scalar_one())


def member_of_any(*, conn: Connection, roles: Sequence[str]) -> bool:
    """Whether the session's login role is a member of any of ``roles``."""
    return any(
        conn.execute(text("SELECT pg_has_role(session_user, :r, 'MEMBER')"), {"r": r}).scalar()
        for r in roles
    )


def restricted_teams(*, conn: Connection) -> list[tuple[str, str]]:
    """(matter number, role) for every team member of a restricted matter the caller sees."""
    rows = conn.execute(
        select(col(Matter.number), col(MatterTeam.role_name))
        .join(MatterTeam, col(MatterTeam.matter_id) == col(Matter.id))
        .where(col(Matter.restricted))
        .order_by(col(Matter.number), col(MatterTeam.role_name))
    ).all()
    return [(str(number), str(role)) for number, role in rows]


def team_rows(*, session: Session, matter_id: int | None) -> list[MatterTeam]:
    """A matter's team (``matterteam`` rows)."""
    return list(
        session.scalars(select(MatterTeam).where(col(MatterTeam.matter_id) == matter_id)).all()
    )


def lock_clients(*, conn: Connection) -> None:
    """Keep every other writer off ``client`` until this transaction ends (a key rotation)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE client IN SHARE ROW EXCLUSIVE MODE"))
    else:
        conn.execute(text("UPDATE client SET id = id WHERE 0"))


def retire_key(*, conn: Connection, kid: str) -> None:
    """Mark the key ``kid`` retired (no longer current)."""
    table = EncryptionKey.__table__  # type: ignore[attr-defined]
    conn.execute(
        update(table)
        .where(table.c.kid == kid)
        .values(current=None, retired_at=utcnow(), updated_at=utcnow(), version=2)
    )


def audit_rows(
    *,
    session: Session,
    matter_id: int | None,
    entity: str | None,
    entity_id: int | None,
    limit: int,
) -> Sequence[Any]:
    """The newest ``limit`` audit events (rows), optionally of one matter, entity or record."""
    t = AuditEvent.__table__  # type: ignore[attr-defined]
    query = select(t).order_by(t.c.seq.desc()).limit(limit)
    if matter_id is not None:
        query = query.where(t.c.matter_id == matter_id)
    if entity:
        query = query.where(t.c.entity == entity)
    if entity_id is not None:
        query = query.where(t.c.entity_id == entity_id)
    return session.connection().execute(query).all()
