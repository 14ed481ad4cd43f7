"""The audit log for people: ``casekit audit verify`` and ``casekit audit list``.

``verify`` walks the hash chain (``casekit.store.audit.verify``) and names the first event that
does not fit, by id, never with its contents. ``list`` shows who changed what and when; values
of client-identifying fields are sealed in the log and are opened only with
``include_sensitive`` (sensitive fields are never recorded at all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from casekit.domain.records import from_fields
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.plain import PlainResult
from casekit.store import audit, crypto, repo
from casekit.store.audit import ChainReport
from casekit.store.crypto import Cipher
from casekit.store.repos.office import audit_rows

MAX_LIMIT = 10_000
SEALED = "[encrypted]"


@dataclass(frozen=True)
class AuditEntry(PlainResult):
    """One event of the log as people read it."""

    id: int
    seq: int
    at: datetime
    actor: str
    identity: str
    action: str
    entity: str
    entity_id: int | None
    matter_id: int | None
    changes: dict[str, Any] = field(default_factory=dict)


def verify_log(svc: AppContext) -> ChainReport:
    """Check the whole chain; a ``ChainReport`` (``ok``, ``first_bad_id``, ``problem``...)."""
    with svc.engine.connect() as conn:
        return audit.verify(conn)


def list_events(
    svc: AppContext,
    *,
    matter: str | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
    limit: int = 50,
    include_sensitive: bool = False,
) -> list[AuditEntry]:
    """The latest events (newest first), optionally of one matter or one record.

    Sealed values show as ``[encrypted]`` unless ``include_sensitive``; then they are opened
    with the key (which must be this database's key).
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"--limit must be between 1 and {MAX_LIMIT}")
    with svc.transaction() as session:
        matter_id = repo.find_matter(session=session, ref=matter).id if matter else None
        rows = audit_rows(
            session=session,
            matter_id=matter_id,
            entity=entity.strip().lower() if entity else None,
            entity_id=entity_id,
            limit=limit,
        )
        cipher = svc.cipher if include_sensitive else None
        return [_entry(row, cipher) for row in rows]


def _entry(row: Any, cipher: Cipher | None) -> AuditEntry:
    changes = row.changes or {}
    if cipher is not None:
        changes = audit.reveal(row.entity, changes, cipher, row.seq)
    else:
        changes = {
            name: {
                side: SEALED if crypto.is_token(value) else value for side, value in change.items()
            }
            for name, change in changes.items()
        }
    return from_fields(AuditEntry, row, changes=changes)
