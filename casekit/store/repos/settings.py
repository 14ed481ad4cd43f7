"""Firm settings and the office's people: the ``setting`` and ``user`` tables.

(``casekit.store.repo`` keeps ``settings_map`` and ``put_setting``, which other capabilities use.)
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select, update
from sqlmodel import Session, col

from casekit.store.models import Setting, User

__all__ = ["attorney_rows", "setting_value", "update_setting", "user_names"]


def user_names(*, session: Session) -> list[str]:
    """Every user's name (attorneys and the rest)."""
    return [str(n) for n in session.scalars(select(col(User.name))).all()]


def attorney_rows(*, conn: Connection) -> list[Any]:
    """The attorneys by name: rows of id, name, juris_number, email, phone, active."""
    return list(
        conn.execute(
            select(
                col(User.id),
                col(User.name),
                col(User.juris_number),
                col(User.email),
                col(User.phone),
                col(User.active),
            )
            .where(col(User.role) == "attorney")
            .order_by(col(User.name))
        ).all()
    )


def setting_value(*, session: Session, key: str) -> str | None:
    """One stored setting's value, or None when it is not set."""
    return session.scalars(select(col(Setting.value)).where(col(Setting.key) == key)).first()


def update_setting(*, session: Session, key: str, value: str) -> None:
    """Change a stored setting in place (Core: no audit event; for casekit's own markers)."""
    session.execute(update(Setting).where(col(Setting.key) == key).values(value=value))
