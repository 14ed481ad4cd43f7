"""The SQL of documents: a matter's facts, its municipal defendants, its ``Document`` rows, and the
files the database refers to (for backups and the files-root sweep)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, select, text
from sqlmodel import Session, col

from casekit.store.models import (
    Agency,
    Client,
    Deadline,
    Document,
    Evidence,
    Incident,
    Matter,
    Party,
    Town,
    User,
)

__all__ = [
    "Engine",
    "Session",
    "add_documents",
    "agencies_by_id",
    "client",
    "defendants",
    "documents",
    "incidents",
    "matter_by_id",
    "open_deadlines",
    "open_notice_due",
    "referenced_paths",
    "referenced_paths_sqlite",
    "sees_every_row",
    "towns_by_id",
    "user",
]

_Row = TypeVar("_Row", Agency, Town)


def matter_by_id(*, session: Session, matter_id: int) -> Matter | None:
    return session.get(Matter, matter_id)


def client(*, session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def user(*, session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)


def incidents(*, session: Session, matter_id: int) -> list[Incident]:
    """A matter's incidents by date."""
    return list(
        session.scalars(
            select(Incident)
            .where(col(Incident.matter_id) == matter_id)
            .order_by(col(Incident.occurred_on), col(Incident.id))
        )
    )


def defendants(*, session: Session, matter_id: int) -> list[Party]:
    """A matter's defendants in the order they were added."""
    return list(
        session.scalars(
            select(Party)
            .where(col(Party.matter_id) == matter_id)
            .where(col(Party.role) == "defendant")
            .order_by(col(Party.id))
        )
    )


def _by_id(session: Session, model: type[_Row], ids: Iterable[int]) -> dict[int, _Row]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.scalars(select(model).where(col(model.id).in_(wanted)))
    return {int(row.id or 0): row for row in rows}


def agencies_by_id(*, session: Session, ids: Iterable[int]) -> dict[int, Agency]:
    return _by_id(session, Agency, ids)


def towns_by_id(*, session: Session, ids: Iterable[int]) -> dict[int, Town]:
    return _by_id(session, Town, ids)


def open_deadlines(*, session: Session, matter_id: int) -> list[Deadline]:
    """A matter's open deadlines by due date."""
    return list(
        session.scalars(
            select(Deadline)
            .where(col(Deadline.matter_id) == matter_id, col(Deadline.status) == "open")
            .order_by(col(Deadline.due), col(Deadline.id))
        )
    )


def open_notice_due(*, session: Session, matter_id: int, party_id: int) -> date | None:
    """The open § 7-465 notice deadline of one municipal defendant, or None."""
    return session.scalars(
        select(col(Deadline.due))
        .where(col(Deadline.matter_id) == matter_id)
        .where(col(Deadline.rule_id) == "CT_7465_NOTICE")
        .where(col(Deadline.party_id) == party_id)
        .where(col(Deadline.status) == "open")
    ).first()


def documents(*, session: Session, matter_id: int) -> list[Document]:
    """A matter's documents, oldest first."""
    return list(
        session.scalars(
            select(Document)
            .where(col(Document.matter_id) == matter_id)
            .order_by(col(Document.generated_at), col(Document.id))
        )
    )


def add_documents(*, session: Session, rows: Sequence[Document]) -> None:
    """Add ``Document`` rows in one flush (their ids are set afterwards)."""
    session.add_all(rows)
    session.flush()


def referenced_paths(*, session: Connection) -> tuple[list[str], list[str]]:
    """Every ``document.output_path`` and ``evidence.stored_path`` this role can see."""
    docs = list(session.execute(select(col(Document.output_path))).scalars())
    blobs = list(session.execute(select(col(Evidence.stored_path))).scalars())
    return docs, blobs


def referenced_paths_sqlite(database: Path) -> tuple[list[str], list[str]]:
    """:func:`referenced_paths` from a SQLite file opened read-only (a backup's snapshot)."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        docs = [r[0] for r in conn.execute("SELECT output_path FROM document")]
        blobs = [r[0] for r in conn.execute("SELECT stored_path FROM evidence")]
    finally:
        conn.close()
    return docs, blobs


def sees_every_row(*, session: Connection) -> bool:
    """Whether no row-level security applies to this PostgreSQL role (owner or superuser)."""
    return bool(
        session.execute(
            text(
                "SELECT r.rolsuper OR r.rolbypassrls OR "
                "pg_has_role(current_user, c.relowner, 'MEMBER') "
                "FROM pg_roles r, pg_class c "
                "WHERE r.rolname = current_user AND c.oid = to_regclass('matter')"
            )
        ).scalar()
    )
