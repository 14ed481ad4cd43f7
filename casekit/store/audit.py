"""The audit log: who created, changed or deleted which row, field by field.

:func:`install` hooks a session (``casekit.store.session.transaction`` does it for every unit of
work). Then each flush:

* before it, stamps ``updated_at`` on every row that really changed, so the ``version`` bump and
  the timestamp always travel together;
* after it (ids exist by then, also for inserts), writes one ``AuditEvent`` per created, updated
  or deleted ``TableBase`` row: actor (``session.info["actor"]``), entity (table name), entity
  id, matter id (the row's ``matter_id``, or its own id for a matter), action and
  ``changes = {field: {"before": ..., "after": ...}}``.

Values of the fields in ``models.SENSITIVE_FIELDS`` (a client's A-number, immigration status,
date of birth) are written as ``"[redacted]"``; their names are always recorded, so the log still
shows *that* someone changed them. The events go through the same connection and transaction as
the change itself: both are saved or neither is.

Bulk Core inserts (demo data, benchmarks) bypass the ORM flush and are not audited, by design.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import NO_VALUE

from casekit.store.models import SENSITIVE_FIELDS, AuditEvent, Matter, TableBase, utcnow

REDACTED = "[redacted]"

#: Bookkeeping columns: never listed as changes (``version`` and ``updated_at`` move on every
#: update, ``id`` is the event's ``entity_id``).
_SKIPPED = frozenset({"id", "created_at", "updated_at", "version"})

_INSTALLED = "casekit.audit"


def install(session: Session) -> None:
    """Audit every flush of ``session`` (idempotent)."""
    if session.info.get(_INSTALLED):
        return
    event.listen(session, "before_flush", _before_flush)
    event.listen(session, "after_flush", _after_flush)
    session.info[_INSTALLED] = True


def jsonable(value: Any) -> Any:
    """``value`` as something ``json.dumps`` accepts: dates and times as ISO strings."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def _audited(objects: Iterable[object]) -> list[TableBase]:
    return [obj for obj in objects if isinstance(obj, TableBase)]


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    now = utcnow()
    for obj in _audited(session.dirty):
        if session.is_modified(obj, include_collections=False):
            obj.updated_at = now
    for obj in _audited(session.deleted):
        # Load any expired column now: after the flush the row is gone, and the event should
        # still say what was deleted.
        for attr in inspect(obj).mapper.column_attrs:
            getattr(obj, attr.key)


def _loaded(state: Any, key: str) -> Any:
    value = state.attrs[key].loaded_value
    return None if value is NO_VALUE else value


def _table_name(obj: TableBase) -> str:
    return str(obj.__table__.name)  # type: ignore[attr-defined]


def _field_changes(obj: TableBase, action: str) -> dict[str, dict[str, Any]]:
    state = inspect(obj)
    sensitive = SENSITIVE_FIELDS.get(_table_name(obj), frozenset())
    changes: dict[str, dict[str, Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIPPED:
            continue
        if action == "create":
            before, after = None, _loaded(state, key)
        elif action == "delete":
            before, after = _loaded(state, key), None
        else:
            history = state.attrs[key].history
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before == after:
                continue
        if key in sensitive:
            changes[key] = {"before": REDACTED, "after": REDACTED}
        else:
            changes[key] = {"before": jsonable(before), "after": jsonable(after)}
    return changes


def _event(session: Session, obj: TableBase, action: str) -> dict[str, Any] | None:
    changes = _field_changes(obj, action)
    if action == "update" and not changes:
        return None
    state = inspect(obj)
    entity_id = _loaded(state, "id")
    if isinstance(obj, Matter):
        matter_id = entity_id
    elif "matter_id" in state.mapper.column_attrs:
        matter_id = _loaded(state, "matter_id")
    else:
        matter_id = None
    return {
        "at": utcnow(),
        "actor": str(session.info.get("actor") or "unknown"),
        "action": action,
        "entity": _table_name(obj),
        "entity_id": entity_id,
        "matter_id": matter_id,
        "changes": changes,
    }


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    # Still the pre-flush view here: new/dirty/deleted and attribute history are intact.
    batches = (("create", session.new), ("update", session.dirty), ("delete", session.deleted))
    rows = [
        row
        for action, objects in batches
        for obj in _audited(objects)
        if (row := _event(session, obj, action)) is not None
    ]
    if rows:
        session.connection().execute(insert(AuditEvent.__table__), rows)  # type: ignore[attr-defined]
