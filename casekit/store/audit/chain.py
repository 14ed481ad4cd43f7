"""The hash chain: appending events (:func:`record`), their canonical form and hash, and walking
the chain to check it (:func:`verify`, :func:`recorded_values`)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import pwd
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, text

from casekit.domain.records import PlainRecord
from casekit.store.audit.values import needs_cipher, protect
from casekit.store.crypto import Cipher
from casekit.store.models import AuditEvent, utcnow
from casekit.store.office import audit_head

GENESIS = "0" * 64
HASH_VERSION = 1
#: pg_advisory_xact_lock key that serialises appends to the chain ("case" in ASCII).
CHAIN_LOCK = 0x63617365


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
    available, found = audit_head(conn)
    if available:
        return found if found is not None else (0, GENESIS)
    t = AuditEvent.__table__  # type: ignore[attr-defined]
    row = conn.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


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
        cipher = cipher() if needs_cipher(events) else None
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


@dataclass(frozen=True)
class ChainReport(PlainRecord):
    """The result of :func:`verify`: never any client data, only ids, counts and hashes."""

    ok: bool
    events: int
    head_seq: int
    head_hash: str
    first_bad_id: int | None = None
    problem: str = ""


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
