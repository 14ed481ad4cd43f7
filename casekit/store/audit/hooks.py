"""The ORM side: every flush of a casekit session becomes audit events in the same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import NO_VALUE, Session, UOWTransaction

from casekit.store import sealed
from casekit.store.audit.chain import new_event, record
from casekit.store.audit.values import jsonable
from casekit.store.models import Matter, TableBase, utcnow

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
        changes[key] = {"before": jsonable(before), "after": jsonable(after)}
    return changes


def _event(obj: TableBase, action: str, actor: str) -> dict[str, Any] | None:
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
    return new_event(
        actor=actor,
        action=action,
        entity=_table_name(obj),
        entity_id=entity_id,
        matter_id=matter_id,
        changes=changes,
    )


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    # Still the pre-flush view here: new/dirty/deleted and attribute history are intact.
    actor = str(session.info.get("actor") or "unknown")
    batches = (("create", session.new), ("update", session.dirty), ("delete", session.deleted))
    events = [
        row
        for action, objects in batches
        for obj in _audited(objects)
        if (row := _event(obj, action, actor)) is not None
    ]
    if events:
        record(session.connection(), lambda: sealed.session_cipher(session), events)
