"""The audit log's table (the hash chain itself is :mod:`casekit.store.audit`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from casekit.store.models.base import timestamp_field


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: field names always, values never for sensitive fields.

    Append-only (database triggers refuse UPDATE and DELETE) and hash-chained: ``seq`` is the
    event's place in the chain, ``prev_hash`` the previous event's ``hash``, ``hash`` the
    SHA-256 of this event's canonical form (``casekit.store.audit``). ``actor`` is the display
    name; ``identity`` the authenticated one (the PostgreSQL session role, or the operating
    system account on SQLite).
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = timestamp_field(index=True)
    actor: str
    identity: str = ""
    action: str  # create | update | delete
    entity: str = Field(index=True)
    entity_id: int | None = Field(default=None, index=True)
    matter_id: int | None = Field(default=None, index=True)
    # {"field": {"before": ..., "after": ...}}; sensitive values are "[redacted]", values of
    # client-identifying fields are sealed tokens (casekit.store.audit.identifying).
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    seq: int = Field(unique=True, index=True)
    prev_hash: str
    hash: str
