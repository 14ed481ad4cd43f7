"""Sealed columns: which client fields are stored encrypted, and the code that seals them.

* Always sealed: ``client.a_number``, ``client.immigration_status``, ``client.date_of_birth``
  (:data:`ALWAYS_SEALED`). Empty values are sealed too, so the database does not even show
  *whether* a client has an A-number.
* Sealed when the firm says so: the contact fields in :data:`MARKABLE` (``address``, ``phone``,
  ``email``), listed in the ``privacy.sensitive_fields`` setting. The client's name is never
  sealed: the search and the conflict check need it.

A sealed column holds a token (``casekit.store.crypto``) whose associated data is the table,
the column and the row id, so a token copied to another row or column does not open. New rows
get their id before the INSERT (:func:`allocate_ids`) so the id can be bound in.

:func:`install` hooks a session so that whatever plaintext is assigned to a sealed attribute
(``client.a_number = "A123456789"``) is sealed before each flush, with its blind index; code that
writes clients therefore never stores plaintext by mistake. Bulk Core inserts (the demo) use
:func:`seal_row` themselves. Read plaintext with :func:`open_client`.

Blind indexes (:func:`a_number_index`, :func:`date_of_birth_index`) are keyed HMACs of the
normalised value (``casekit.store.crypto.Cipher.blind_index``): a lookup or conflict check
compares indexes and never needs the plaintext.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, event, inspect, select, text, update
from sqlalchemy.orm import Session, UOWTransaction

from casekit.errors import DecryptionFailed, InvalidInput
from casekit.store import crypto, keys
from casekit.store.crypto import Cipher, Token

#: Fields sealed in every database (the models' SENSITIVE_FIELDS).
ALWAYS_SEALED: dict[str, tuple[str, ...]] = {
    "client": ("a_number", "immigration_status", "date_of_birth"),
}
#: Fields a firm may add with the ``privacy.sensitive_fields`` setting.
MARKABLE: dict[str, tuple[str, ...]] = {"client": ("address", "phone", "email")}
SETTING_KEY = "privacy.sensitive_fields"
#: What lists and screens show instead of a sealed value nobody asked for.
HIDDEN = "[sensitive]"
#: Field → its blind-index column and purpose label.
INDEXED: dict[str, tuple[str, str]] = {
    "a_number": ("a_number_bidx", "a-number"),
    "date_of_birth": ("date_of_birth_bidx", "date-of-birth"),
}

_INSTALLED = "casekit.sealed"
_A_NUMBER = re.compile(r"^A?(\d{8,9})$")


# --- normalised values and blind indexes ----------------------------------------------------------


def normalise_a_number(value: str | None) -> str:
    """``A`` and nine digits ("a-12-345-678" → "A012345678"); other text stays as typed."""
    compact = re.sub(r"[\s\-]", "", value or "").upper()
    match = _A_NUMBER.match(compact)
    return "A" + match.group(1).zfill(9) if match else compact


def normalise_date(value: date | str | None) -> str:
    """An ISO date ("" for none)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def a_number_index(cipher: Cipher, a_number: str | None) -> str | None:
    """The blind index of an A-number (None for none): equal A-numbers, equal indexes."""
    normal = normalise_a_number(a_number)
    return cipher.blind_index("a-number", normal) if normal else None


def date_of_birth_index(cipher: Cipher, date_of_birth: date | str | None) -> str | None:
    """The blind index of a date of birth (None for none), for conflict checks and look-ups."""
    normal = normalise_date(date_of_birth)
    return cipher.blind_index("date-of-birth", normal) if normal else None


def _index(cipher: Cipher, field_name: str, plaintext: str) -> str | None:
    if field_name == "a_number":
        return a_number_index(cipher, plaintext)
    return date_of_birth_index(cipher, plaintext)


# --- which fields ------------------------------------------------------------------------------


def parse_marked(value: str) -> frozenset[str]:
    """The fields named in a ``privacy.sensitive_fields`` value (comma- or space-separated)."""
    names = {part.strip().lower() for part in re.split(r"[,\s]+", value or "") if part.strip()}
    allowed = set(MARKABLE["client"])
    unknown = sorted(names - allowed)
    if unknown:
        raise InvalidInput(
            f"{SETTING_KEY} lists fields that cannot be marked sensitive ({', '.join(unknown)}); "
            f"choose from: {', '.join(MARKABLE['client'])} (the name stays searchable; "
            "A-number, date of birth and immigration status are always encrypted)"
        )
    return frozenset(names)


def marked_fields(conn: Connection) -> frozenset[str]:
    """The contact fields this firm marked sensitive (read from the setting)."""
    value = conn.execute(
        text("SELECT value FROM setting WHERE key = :key"), {"key": SETTING_KEY}
    ).scalar()
    return parse_marked(value or "")


def sealed_columns(table: str, marked: Iterable[str] = ()) -> tuple[str, ...]:
    """The sealed columns of ``table`` given the firm's marked fields."""
    extra = tuple(f for f in MARKABLE.get(table, ()) if f in set(marked))
    return ALWAYS_SEALED.get(table, ()) + extra


# --- sealing and opening -----------------------------------------------------------------------


def plaintext(value: object) -> str:
    """The text a plaintext attribute value is sealed as (dates as ISO, None as "")."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def seal(cipher: Cipher, table: str, column: str, row_id: int, value: object) -> Token:
    return cipher.seal(plaintext(value), crypto.column_aad(table, column, row_id))


def open_value(cipher: Cipher, table: str, column: str, row_id: int, token: str) -> str:
    return cipher.open(token, crypto.column_aad(table, column, row_id))


def seal_row(
    cipher: Cipher, table: str, row_id: int, values: Mapping[str, Any], marked: Iterable[str] = ()
) -> dict[str, Any]:
    """The sealed columns of one row (and their blind indexes) from plaintext ``values``.

    Fields absent from ``values`` are sealed as empty. Use it for bulk Core inserts, whose rows
    never meet the session hook.
    """
    out: dict[str, Any] = {}
    for column in sealed_columns(table, marked):
        plain = plaintext(values.get(column))
        out[column] = cipher.seal(plain, crypto.column_aad(table, column, row_id))
        if table == "client" and column in INDEXED:
            out[INDEXED[column][0]] = _index(cipher, column, plain)
    return out


def open_client(cipher: Cipher, client: Any, *, marked: Iterable[str] = ()) -> dict[str, Any]:
    """A client's sealed fields in plaintext: ``a_number``, ``immigration_status``,
    ``date_of_birth`` (a ``date`` or None) and each marked contact field.

    ``client`` is an ORM object or a Core row with ``id`` and the sealed columns. A marked
    field still holding plaintext (never sealed) is returned as it is.

    Raises:
        DecryptionFailed: a value was altered or copied from another record.
    """
    row_id = int(client.id)
    out: dict[str, Any] = {}
    for column in sealed_columns("client", marked):
        stored = getattr(client, column)
        if column in ALWAYS_SEALED["client"] or crypto.is_token(stored):
            value = open_value(cipher, "client", column, row_id, stored)
        else:
            value = stored or ""
        out[column] = value
    dob = out.get("date_of_birth") or ""
    out["date_of_birth"] = date.fromisoformat(dob) if dob else None
    return out


def shown(value: str | None) -> str:
    """``value``, or :data:`HIDDEN` when it is a sealed token (for lists and screens)."""
    if value and crypto.is_token(value):
        return HIDDEN
    return value or ""


# --- ids for new rows -----------------------------------------------------------------------------


def allocate_ids(conn: Connection, table: str, count: int) -> list[int]:
    """``count`` fresh primary keys for ``table``, so sealed values can be bound to them.

    PostgreSQL: the table's own sequence. SQLite: the write lock is taken first (a no-op
    UPDATE), so nobody else can insert between the read of ``max(id)`` and the INSERT.
    """
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"table": table, "count": count},
        ).scalars()
        return [int(r) for r in rows]
    conn.execute(text(f"UPDATE {table} SET id = id WHERE 0"))  # noqa: S608 - fixed table names
    top = int(conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar() or 0)  # noqa: S608
    return list(range(top + 1, top + 1 + count))


# --- the session hook -----------------------------------------------------------------------------


def install(session: Session) -> None:
    """Seal plaintext assigned to sealed client fields before every flush (idempotent)."""
    if session.info.get(_INSTALLED):
        return
    event.listen(session, "before_flush", _before_flush)
    session.info[_INSTALLED] = True


def session_cipher(session: Session) -> Cipher:
    """The session's cipher (``session.info["cipher"]``), resolved from the key on first need."""
    cipher = session.info.get("cipher")
    if cipher is None:
        conn = session.connection()
        cipher = keys.resolve(
            conn,
            allow_create=conn.dialect.name == "sqlite",
            actor=str(session.info.get("actor") or "casekit"),
            notify=session.info.get("notify"),
        )
        session.info["cipher"] = cipher
    return cipher


def session_marked(session: Session) -> frozenset[str]:
    marked = session.info.get("marked")
    if marked is None:
        marked = marked_fields(session.connection())
        session.info["marked"] = marked
    return marked


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    from casekit.store.models import Client

    new = [obj for obj in session.new if isinstance(obj, Client)]
    dirty = [obj for obj in session.dirty if isinstance(obj, Client)]
    if not new and not dirty:
        return
    cipher = session_cipher(session)
    columns = sealed_columns("client", session_marked(session))
    ids = iter(allocate_ids(session.connection(), "client", sum(o.id is None for o in new)))
    for obj in new:
        if obj.id is None:
            obj.id = next(ids)
        for column in columns:
            value = getattr(obj, column)
            if not isinstance(value, Token):
                _seal_attribute(cipher, obj, column, plaintext(value))
    for obj in dirty:
        state = inspect(obj)
        for column in columns:
            history = state.attrs[column].history
            if not history.added or isinstance(history.added[0], Token):
                continue
            plain = plaintext(history.added[0])
            before = history.deleted[0] if history.deleted else None
            if crypto.is_token(before):
                try:
                    same = open_value(cipher, "client", column, obj.id or 0, before) == plain
                except DecryptionFailed:
                    same = False
                if same:  # the same value typed again: keep the stored token, no change
                    setattr(obj, column, before)
                    continue
            _seal_attribute(cipher, obj, column, plain)


def _seal_attribute(cipher: Cipher, obj: Any, column: str, plain: str) -> None:
    if column == "a_number":
        plain = normalise_a_number(plain)
    setattr(obj, column, cipher.seal(plain, crypto.column_aad("client", column, obj.id)))
    if column in INDEXED:
        setattr(obj, INDEXED[column][0], _index(cipher, column, plain))


# --- re-sealing: a changed list of marked fields, a new key ------------------------------------


def _client_table() -> Any:
    from casekit.store.models import Client

    return Client.__table__  # type: ignore[attr-defined]


def reseal_marked(
    conn: Connection, cipher: Cipher, before: frozenset[str], after: frozenset[str]
) -> int:
    """Seal the contact fields newly marked sensitive and open the ones no longer marked.

    Runs in the caller's transaction (the setting changes in the same one). Returns the number
    of clients rewritten.
    """
    seal_now = [f for f in MARKABLE["client"] if f in after and f not in before]
    open_now = [f for f in MARKABLE["client"] if f in before and f not in after]
    if not seal_now and not open_now:
        return 0
    t = _client_table()
    fields = seal_now + open_now
    rows = conn.execute(select(t.c.id, *(t.c[f] for f in fields))).all()
    updates: list[dict[str, Any]] = []
    for row in rows:
        values: dict[str, Any] = {"_id": row.id}
        for f in seal_now:
            current = getattr(row, f) or ""
            values[f] = (
                current if crypto.is_token(current) else seal(cipher, "client", f, row.id, current)
            )
        for f in open_now:
            current = getattr(row, f) or ""
            values[f] = (
                open_value(cipher, "client", f, row.id, current)
                if crypto.is_token(current)
                else current
            )
        updates.append(values)
    _update_rows(conn, fields, updates)
    return len(updates)


def reseal_all(conn: Connection, cipher: Cipher, marked: Iterable[str]) -> int:
    """Seal every sealed value again under ``cipher``'s write key, with fresh blind indexes.

    For key rotation: ``cipher`` must hold the old keys (to open) and the new one (to seal).
    Returns the number of values re-encrypted.
    """
    t = _client_table()
    columns = list(sealed_columns("client", marked))
    rows = conn.execute(select(t.c.id, *(t.c[c] for c in columns))).all()
    updates: list[dict[str, Any]] = []
    count = 0
    for row in rows:
        values: dict[str, Any] = {"_id": row.id}
        for column in columns:
            stored = getattr(row, column) or ""
            if column not in ALWAYS_SEALED["client"] and not crypto.is_token(stored):
                plain = stored
            else:
                plain = open_value(cipher, "client", column, row.id, stored)
            values[column] = seal(cipher, "client", column, row.id, plain)
            count += 1
            if column in INDEXED:
                values[INDEXED[column][0]] = _index(cipher, column, plain)
        updates.append(values)
    _update_rows(conn, [k for k in (updates[0] if updates else {}) if k != "_id"], updates)
    return count


def _update_rows(conn: Connection, fields: list[str], updates: list[dict[str, Any]]) -> None:
    if not updates:
        return
    t = _client_table()
    # Bind names differ from the column names: SQLAlchemy reserves those for its own SET.
    params = [{"_id": u["_id"], **{f"v_{f}": u[f] for f in fields}} for u in updates]
    conn.execute(
        update(t)
        .where(t.c.id == bindparam("_id"))
        .values({f: bindparam(f"v_{f}") for f in fields}),
        params,
    )
