"""The audit log: who created, changed or deleted which row, field by field; append-only and
hash-chained.

:func:`install` hooks a session (``casekit.store.session.transaction`` does it for every unit of
work). Then each flush:

* before it, stamps ``updated_at`` on every row that really changed, so the ``version`` bump and
  the timestamp always travel together;
* after it (ids exist by then, also for inserts), appends one ``AuditEvent`` per created, updated
  or deleted ``TableBase`` row: actor (``session.info["actor"]``, the display name), identity
  (the authenticated one: the PostgreSQL ``session_user``, or the operating-system account on
  SQLite, read from the password database, never from an environment variable), entity (table
  name), entity id, matter id (the row's ``matter_id``, or its own id for a matter), action and
  ``changes = {field: {"before": ..., "after": ...}}``.

What a change records (field names are always recorded):

* values of sensitive fields (``models.SENSITIVE_FIELDS``: a client's A-number, immigration
  status, date of birth; blind indexes; any value that is itself a sealed token, such as a
  contact field the firm marked sensitive) are ``"[redacted]"``;
* values of client-identifying fields (:func:`identifying`: names, phones, e-mails, addresses,
  note bodies, narratives, descriptions, reasons ...) are sealed with the database's key, bound
  to the event's place in the chain, so casekit can still show the history to someone holding
  the key (``casekit audit list --include-sensitive``) and nobody else can read it;
* everything else (statuses, dates of deadlines, evidence hashes, ids) in clear.

**The chain.** Every event has ``seq`` (1, 2, 3 ... with no gaps), ``prev_hash`` (the previous
event's ``hash``; 64 zeros for the first) and ``hash``, the SHA-256 of its canonical form
(:func:`canonical`: sorted-key compact JSON of every column but ``id`` and ``hash``). Appends are
serialised: on PostgreSQL by a transaction-level advisory lock taken before the head of the chain
is read (so two concurrent writers never fork it); on SQLite the writer already holds the
database's single write lock. :func:`verify` walks the chain and names the first event that
does not fit. Triggers created by migration 0007 refuse UPDATE and DELETE on the table (and
TRUNCATE on PostgreSQL), so the log is append-only whatever client touches the database.

The events go through the same connection and transaction as the change itself: both are saved
or neither is. Bulk Core inserts (demo data, benchmarks) bypass the ORM flush and are not
audited, except what they record themselves through :func:`record` (the demo records its
evidence, so every evidence hash is in the chain).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
import hashlib
import json
import os
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, event, insert, inspect, select, text
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.orm.attributes import NO_VALUE

from casekit.store import crypto
from casekit.store.crypto import Cipher
from casekit.store.models import SENSITIVE_FIELDS, AuditEvent, Matter, TableBase, utcnow

REDACTED = "[redacted]"
GENESIS = "0" * 64
HASH_VERSION = 1
#: pg_advisory_xact_lock key that serialises appends to the chain ("case" in ASCII).
CHAIN_LOCK = 0x63617365

#: Bookkeeping columns: never listed as changes (``version`` and ``updated_at`` move on every
#: update, ``id`` is the event's ``entity_id``).
_SKIPPED = frozenset({"id", "created_at", "updated_at", "version"})

#: Tables of reference data and office configuration: no client data, nothing sealed.
PLAIN_TABLES = frozenset({"town", "agency", "user", "setting", "courtclosure", "encryptionkey"})
#: A column whose name contains one of these words holds client-identifying text (a name, a
#: contact detail, free text about the case). The rule is by name so that tables added later
#: are covered without a list to keep in step.
IDENTIFYING_WORDS = (
    "name",
    "phone",
    "email",
    "address",
    "body",
    "narrative",
    "note",
    "description",
    "detail",
    "reason",
    "search_text",
    "officers",
    "relief",
    "location",
    "comment",
    "memo",
    "conviction",  # statute sections and classes: criminal history
)

_INSTALLED = "casekit.audit"


def identifying(entity: str, field: str) -> bool:
    """Whether values of ``entity.field`` are sealed in the audit log."""
    return entity not in PLAIN_TABLES and any(word in field for word in IDENTIFYING_WORDS)


def sensitive(entity: str, field: str) -> bool:
    """Whether values of ``entity.field`` are never recorded at all ("[redacted]")."""
    return field in SENSITIVE_FIELDS.get(entity, frozenset()) or field.endswith("_bidx")


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
    from casekit.store import sealed

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


# --- appending to the chain -----------------------------------------------------------------------


def new_event(
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    matter_id: int | None = None,
    changes: Mapping[str, Mapping[str, Any]] | None = None,
    at: dt.datetime | None = None,
) -> dict[str, Any]:
    """An event to :func:`record`: ``changes`` in clear (they are protected when recorded)."""
    return {
        "at": at or utcnow(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "matter_id": matter_id,
        "changes": {k: dict(v) for k, v in (changes or {}).items()},
    }


@functools.cache
def os_account() -> str:
    """The operating-system account running casekit, from the password database."""
    try:
        import pwd

        return pwd.getpwuid(os.geteuid()).pw_name
    except (ImportError, KeyError):  # no pwd module (Windows), or a uid with no entry
        try:
            return os.getlogin()
        except OSError:
            return f"uid:{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def _lock_and_identity(conn: Connection) -> str:
    """Take the chain's append lock (PostgreSQL) and return the authenticated identity."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(
            text("SELECT pg_advisory_xact_lock(:key), session_user::text"), {"key": CHAIN_LOCK}
        ).one()
        return str(row[1])
    return os_account()


def head(conn: Connection) -> tuple[int, str]:
    """The last event's ``(seq, hash)``, or ``(0, GENESIS)`` for an empty log.

    On an office's PostgreSQL the last event may belong to a walled matter the writer cannot
    see (row-level security): the wall's SECURITY DEFINER function reads it across the wall.
    """
    from casekit.store.office import audit_head

    available, found = audit_head(conn)
    if available:
        return found if found is not None else (0, GENESIS)
    t = AuditEvent.__table__  # type: ignore[attr-defined]
    row = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def _needs_cipher(events: Iterable[Mapping[str, Any]]) -> bool:
    return any(
        identifying(ev["entity"], field)
        and not sensitive(ev["entity"], field)
        and _textual(change.get("before"), change.get("after"))
        for ev in events
        for field, change in ev["changes"].items()
    )


def _textual(*values: Any) -> bool:
    """Whether a change carries text (a flag such as ``phone_safe`` or a count does not)."""
    return any(isinstance(v, str | list | dict) for v in values)


def protect(
    entity: str, changes: Mapping[str, Mapping[str, Any]], cipher: Cipher | None, seq: int
) -> dict[str, dict[str, Any]]:
    """``changes`` as the log stores them for event ``seq``: redacted, sealed or in clear."""
    out: dict[str, dict[str, Any]] = {}
    for field, change in changes.items():
        before, after = change.get("before"), change.get("after")
        if sensitive(entity, field) or crypto.is_token(before) or crypto.is_token(after):
            out[field] = {"before": REDACTED, "after": REDACTED}
        elif identifying(entity, field) and _textual(before, after):
            assert cipher is not None
            out[field] = {
                side: None
                if value is None
                else cipher.seal(
                    json.dumps(value, ensure_ascii=False), crypto.audit_aad(seq, field, side)
                )
                for side, value in (("before", before), ("after", after))
            }
        else:
            out[field] = {"before": before, "after": after}
    return out


def reveal(
    entity: str, changes: Mapping[str, Mapping[str, Any]], cipher: Cipher, seq: int
) -> dict[str, dict[str, Any]]:
    """The sealed values of a stored event's ``changes`` opened (redacted ones stay so)."""
    out: dict[str, dict[str, Any]] = {}
    for field, change in changes.items():
        opened = {}
        for side in ("before", "after"):
            value = change.get(side)
            if identifying(entity, field) and crypto.is_token(value):
                value = json.loads(cipher.open(value, crypto.audit_aad(seq, field, side)))
            opened[side] = value
        out[field] = opened
    return out


def record(
    conn: Connection,
    cipher: Cipher | Callable[[], Cipher] | None,
    events: list[dict[str, Any]],
) -> None:
    """Append ``events`` (made by :func:`new_event`) to the chain, in ``conn``'s transaction.

    ``cipher`` (or a callable giving it) seals the identifying values; it is only asked for
    when an event has one.
    """
    if not events:
        return
    if callable(cipher):
        cipher = cipher() if _needs_cipher(events) else None
    identity = _lock_and_identity(conn)
    seq, prev = head(conn)
    rows = []
    for ev in events:
        seq += 1
        row = {
            "at": ev["at"],
            "actor": ev["actor"],
            "identity": identity,
            "action": ev["action"],
            "entity": ev["entity"],
            "entity_id": ev["entity_id"],
            "matter_id": ev["matter_id"],
            "changes": protect(ev["entity"], ev["changes"], cipher, seq),
            "seq": seq,
            "prev_hash": prev,
        }
        row["hash"] = prev = event_hash(row)
        rows.append(row)
    conn.execute(insert(AuditEvent.__table__), rows)  # type: ignore[attr-defined]


# --- the hash ----------------------------------------------------------------------------------


def _stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: Mapping[Any, Any]) -> bytes:
    """The bytes an event's hash covers: every column but ``id`` and ``hash``, as sorted-key
    compact JSON (UTF-8), with the time in UTC to the microsecond and a format version."""
    body = {
        "v": HASH_VERSION,
        "seq": int(row["seq"]),
        "prev_hash": row["prev_hash"],
        "at": _stamp(row["at"]),
        "actor": row["actor"],
        "identity": row["identity"],
        "action": row["action"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "matter_id": row["matter_id"],
        "changes": row["changes"],
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(row: Mapping[Any, Any]) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


# --- checking the chain ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify`: never any client data, only ids, counts and hashes."""

    ok: bool
    events: int
    head_seq: int
    head_hash: str
    first_bad_id: int | None = None
    problem: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "first_bad_id": self.first_bad_id,
            "problem": self.problem,
        }


def _rows(conn: Connection) -> Iterator[Any]:
    t = AuditEvent.__table__  # type: ignore[attr-defined]
    result = conn.execution_options(yield_per=2000).execute(select(t).order_by(t.c.seq))
    yield from result


def verify(conn: Connection) -> ChainReport:
    """Walk the chain from the first event: every ``seq`` in turn, every ``prev_hash`` equal to
    the previous ``hash``, every ``hash`` equal to the event's recomputed hash."""
    expected_seq, prev, count = 1, GENESIS, 0
    for row in _rows(conn):
        mapping = row._mapping
        problem = ""
        if row.seq != expected_seq:
            problem = (
                f"it is number {row.seq} in the chain where {expected_seq} was expected "
                "(an event was removed or inserted)"
            )
        elif row.prev_hash != prev:
            problem = "it does not follow the event before it (the chain was broken)"
        elif event_hash(mapping) != row.hash:
            problem = "its contents do not match its hash (the event was altered)"
        if problem:
            return ChainReport(False, count, expected_seq - 1, prev, int(row.id), problem)
        count += 1
        expected_seq, prev = row.seq + 1, row.hash
    return ChainReport(True, count, expected_seq - 1, prev)


@dataclass(frozen=True)
class RecordedValue:
    """One value of a field as the chain recorded it, and whether that event is intact."""

    event_id: int
    seq: int
    action: str
    value: Any
    intact: bool


def recorded_values(
    conn: Connection, entity: str, entity_ids: Iterable[int], field: str
) -> dict[int, list[RecordedValue]]:
    """For each row of ``entity``, the values the chain recorded for ``field``, oldest first.

    An event is *intact* when its hash matches its contents and the next event in the chain
    (if any) points back at it: a recorded value cannot be changed without breaking that.
    """
    t = AuditEvent.__table__  # type: ignore[attr-defined]
    wanted = sorted(set(entity_ids))
    out: dict[int, list[RecordedValue]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = conn.execute(
            select(t).where(t.c.entity == entity, t.c.entity_id.in_(chunk)).order_by(t.c.seq)
        ).all()
        successors = (
            {
                int(r.seq): str(r.prev_hash)
                for r in conn.execute(
                    select(t.c.seq, t.c.prev_hash).where(t.c.seq.in_([r.seq + 1 for r in rows]))
                )
            }
            if rows
            else {}
        )
        for row in rows:
            change = (row.changes or {}).get(field)
            if not isinstance(change, dict) or "after" not in change:
                continue
            intact = (
                event_hash(row._mapping) == row.hash
                and successors.get(row.seq + 1, row.hash) == row.hash
            )
            out.setdefault(int(row.entity_id), []).append(
                RecordedValue(int(row.id), int(row.seq), str(row.action), change["after"], intact)
            )
    return out
