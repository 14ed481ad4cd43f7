"""The encryption key: ``casekit key init|status|rotate|export-escrow|import-escrow``.

Where keys live and how a database checks them is ``casekit.store.keys``; this module is the
user-facing side. None of these commands ever prints a key, and every one of them keeps the old
keys: a retired key still opens old backups and the audit log's history.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casekit.config import write_private_file
from casekit.errors import ConfigurationError, InvalidInput, KeyMismatch, KeyMissing
from casekit.services.base import AppContext
from casekit.services.plain import PlainResult
from casekit.store import audit, crypto, keys, sealed
from casekit.store.crypto import MIN_PASSPHRASE, Cipher
from casekit.store.repos.office import UniqueViolation, lock_clients, retire_key


@dataclass(frozen=True)
class KeyStatus(PlainResult):
    """Where the key is and whether it is this database's key (never the key itself)."""

    location: str
    local_keys: tuple[str, ...]
    local_active: str | None
    database_keys: tuple[str, ...]
    database_current: str | None
    state: str  # ok | missing | mismatch | unregistered | no-database


@dataclass(frozen=True)
class KeyInitOut(PlainResult):
    location: str
    key_id: str
    registered: bool  # the database now records this key's check


@dataclass(frozen=True)
class RotateOut(PlainResult):
    old_key_id: str
    new_key_id: str
    values: int
    location: str


@dataclass(frozen=True)
class EscrowOut(PlainResult):
    path: str
    key_ids: tuple[str, ...]
    added: tuple[str, ...] = field(default=())
    location: str = ""


def _database_keys(svc: AppContext) -> list[Any] | None:
    """The database's key checks; None when there is no database (or no key table) yet."""
    path = svc.settings.sqlite_path
    if svc.settings.is_sqlite and (path is None or not path.exists()):
        return None  # never create a database file just to look
    try:
        with svc.engine.connect() as conn:
            if not keys.has_key_table(conn):
                return None
            return keys.database_keys(conn)
    except ConfigurationError:
        raise
    except Exception as exc:  # noqa: BLE001 - unreachable server: say so in one line
        raise ConfigurationError(
            f"the database cannot be reached ({type(exc).__name__}); check CASEKIT_DATABASE_URL"
        ) from exc


def key_status(svc: AppContext) -> KeyStatus:
    """Where this user's key is, which keys the database uses, and whether they match."""
    location = keys.locate()
    ring = keys.load(location)
    db_keys = _database_keys(svc)
    current = next((k.kid for k in db_keys or () if k.current), None)
    if db_keys is None:
        state = "no-database"
    elif not db_keys:
        state = "unregistered" if ring is not None else "missing"
    elif ring is None:
        state = "missing"
    else:
        try:
            keys.cipher_for(db_keys, ring)
            state = "ok"
        except KeyMismatch:
            state = "mismatch"
    return KeyStatus(
        location=location.describe(),
        local_keys=tuple(sorted(ring.keys)) if ring else (),
        local_active=ring.active if ring else None,
        database_keys=tuple(k.kid for k in db_keys or ()),
        database_current=current,
        state=state,
    )


def init_key(svc: AppContext) -> KeyInitOut:
    """Create this user's key where casekit looks for it (never overwriting one) and register
    it in the database, if there is one and it has no key yet (a key already at the location is
    registered as it is).

    Refused when the database already uses a key: a second key would make its values
    unreadable to everyone else.
    """
    location = keys.locate()
    existing = keys.load(location)
    db_keys = _database_keys(svc)
    if db_keys:
        current = next((k.kid for k in db_keys if k.current), db_keys[-1].kid)
        if existing is not None and current in existing.keys:
            raise ConfigurationError(
                f"this database already uses your key {current} ({location.describe()}); "
                "nothing to do"
            )
        raise ConfigurationError(
            f"this database already uses key {current}: get that key (set CASEKIT_KEY_FILE to "
            "the office's key file, or casekit key import-escrow FILE) instead of a new one"
        )
    if existing is not None and db_keys is None:
        raise ConfigurationError(
            f"a key already exists at {location.describe()} (key id {existing.active}); "
            "casekit key init never overwrites a key"
        )
    # A key already there is registered as it is (never replaced); otherwise a new one.
    ring = existing if existing is not None else keys.create(location)
    registered = False
    if db_keys is not None:
        try:
            with svc.engine.begin() as conn:
                keys.register(conn, ring.cipher(), actor=svc.actor)
            registered = True
        except UniqueViolation:
            raise ConfigurationError(
                "someone registered another key in this database at the same moment; the key "
                f"just created at {location.describe()} is not used: remove it and get theirs"
            ) from None
    svc.forget_cipher()
    return KeyInitOut(location=location.describe(), key_id=ring.active, registered=registered)


def rotate_key(svc: AppContext) -> RotateOut:
    """A new key for this database: every sealed value is re-encrypted in one transaction.

    The new key is written to the key file first (beside the old one, which is kept as
    retired: it still opens older backups and the audit log's history), then the database
    switches in one transaction, or not at all. Values sealed inside audit events stay under
    the key that was current when they were written: the log is append-only.
    """
    old = svc.cipher  # the current key, checked against the database
    location = keys.locate()
    ring = keys.load(location)
    if ring is None:  # pragma: no cover - svc.cipher found it a moment ago
        raise KeyMissing(keys.missing_message(old.write_kid))
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    if old.write_kid in ring.keys and ring.keys[old.write_kid].retired is None:
        ring.keys[old.write_kid].retired = stamp
    new_kid = ring.add(crypto.new_master_key(), activate=True)
    keys.save(ring)
    cipher = Cipher({**old.keys, new_kid: ring.keys[new_kid].key}, new_kid)
    with svc.engine.begin() as conn:
        lock_clients(conn=conn)  # nobody writes a client while the values change key
        db_keys = keys.database_keys(conn)
        current = next((k.kid for k in db_keys if k.current), None)
        if current != old.write_kid:
            raise ConfigurationError(
                "the database's key changed while rotating (another rotation?); nothing was "
                "changed: run casekit key status"
            )
        values = sealed.reseal_all(conn, cipher, sealed.marked_fields(conn))
        retire_key(conn=conn, kid=old.write_kid)
        keys.register(conn, cipher, actor=svc.actor)
        audit.record(
            conn,
            None,
            [
                audit.new_event(
                    actor=svc.actor,
                    action="rotate",
                    entity="encryptionkey",
                    changes={
                        "kid": {"before": old.write_kid, "after": new_kid},
                        "values_resealed": {"before": None, "after": values},
                    },
                )
            ],
        )
    svc.forget_cipher()
    return RotateOut(
        old_key_id=old.write_kid, new_key_id=new_kid, values=values, location=location.describe()
    )


def _passphrase_ok(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"the escrow passphrase must be at least {MIN_PASSPHRASE} characters")
    return passphrase


def export_escrow(svc: AppContext, path: Path | str, passphrase: str) -> EscrowOut:  # noqa: ARG001
    """Write every key this user holds, sealed under ``passphrase`` (scrypt + AES-GCM), to a
    new owner-only file for safekeeping (a safe, a sealed envelope, the office's escrow)."""
    target = Path(path).expanduser()
    if target.exists():
        raise InvalidInput("the escrow file already exists; choose a new file name")
    if not target.parent.is_dir():
        raise InvalidInput("the folder for the escrow file does not exist")
    location = keys.locate()
    ring = keys.load(location)
    if ring is None:
        raise KeyMissing(keys.missing_message(None))
    data = crypto.escrow_seal(ring.to_payload(), _passphrase_ok(passphrase))
    write_private_file(target, data)
    return EscrowOut(
        path=str(target.resolve()), key_ids=tuple(sorted(ring.keys)), location=location.describe()
    )


def import_escrow(svc: AppContext, path: Path | str, passphrase: str) -> EscrowOut:
    """Put the keys of an escrow file back where casekit looks for keys (merged with any key
    already there, which stays the active one)."""
    source = Path(path).expanduser()
    try:
        data = source.read_bytes()
    except OSError:
        raise InvalidInput("the escrow file cannot be read") from None
    payload = crypto.escrow_open(data, passphrase)
    location = keys.locate()
    imported = keys.KeyRing.from_payload(payload, location)
    local = keys.load(location)
    if local is None:
        ring, added = imported, tuple(sorted(imported.keys))
    else:
        ring = local
        added = tuple(sorted(set(imported.keys) - set(local.keys)))
        for kid in added:
            ring.keys[kid] = imported.keys[kid]
    if added:
        keys.save(ring)
    svc.forget_cipher()
    return EscrowOut(
        path=str(source.resolve()),
        key_ids=tuple(sorted(imported.keys)),
        added=added,
        location=location.describe(),
    )


def passphrase_from_environment() -> str | None:
    """``CASEKIT_ESCROW_PASSPHRASE``, for scripts (the CLI prompts otherwise)."""
    return os.environ.get("CASEKIT_ESCROW_PASSPHRASE") or None
