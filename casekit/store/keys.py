"""Where the encryption key lives, and the database's key check.

The key never lives in the database or in CASEKIT_HOME's backup set. It is kept, in this order
of precedence, in:

1. the file named by ``CASEKIT_KEY_FILE`` (an office hands every user the same key file);
2. ``key.json`` in the user's config dir (``platformdirs.user_config_dir("casekit")``, e.g.
   ``~/.config/casekit/key.json``), owner-only;
3. the OS keyring (service ``casekit``), when the optional ``keyring`` package is installed and
   has a working backend. A new key goes there when no file location applies.

The file (or keyring entry) is a small JSON *key ring*: every key this user has held, by id, the
active one first to use for a new database, retired ones kept to read old backups and the audit
log's history.

The database holds, in the ``encryptionkey`` table, one *key check* per key it has used: the key
id and a fixed text sealed with that key (:data:`casekit.store.crypto.CHECK_TEXT`). The row with
``current`` set names the key new values are sealed with. :func:`resolve` compares the local key
ring with these rows before anything is read or written: a missing key and a wrong key are each
one clear line, and a user without the office key can never create a second key and write values
under it. Only a brand-new SQLite database (no key check yet) may create a key on first use.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, inspect, select

from casekit.config import write_private_file
from casekit.errors import ConfigurationError, DecryptionFailed, KeyMismatch, KeyMissing
from casekit.store import crypto
from casekit.store.crypto import Cipher

ENV_KEY_FILE = "CASEKIT_KEY_FILE"
KEY_FILE_NAME = "key.json"
FILE_FORMAT = "casekit-keys/1"
KEYRING_SERVICE = "casekit"
KEYRING_USER = "key-ring"

Notify = Callable[[str], None]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# --- the local key ring ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyLocation:
    """Where this user's key ring is (or would be created)."""

    kind: str  # "file" | "keyring"
    path: Path | None = None
    explicit: bool = False  # named by CASEKIT_KEY_FILE

    def describe(self) -> str:
        if self.kind == "keyring":
            return f"the OS keyring (service '{KEYRING_SERVICE}')"
        return str(self.path)


@dataclass
class StoredKey:
    key: bytes
    created: str
    retired: str | None = None


@dataclass
class KeyRing:
    """Every key one user holds; ``active`` is the one a new database starts with."""

    keys: dict[str, StoredKey]
    active: str
    location: KeyLocation = field(default_factory=lambda: KeyLocation("file"))

    def cipher(self, write_kid: str | None = None) -> Cipher:
        return Cipher({kid: k.key for kid, k in self.keys.items()}, write_kid or self.active)

    def add(self, master: bytes, *, activate: bool) -> str:
        kid = crypto.key_id(master)
        if kid not in self.keys:
            self.keys[kid] = StoredKey(master, _now())
        if activate:
            self.active = kid
            self.keys[kid].retired = None
        return kid

    def to_payload(self) -> dict[str, Any]:
        return {
            "format": FILE_FORMAT,
            "active": self.active,
            "keys": {
                kid: {
                    "key": crypto._b64(k.key),
                    "created": k.created,
                    "retired": k.retired,
                }
                for kid, k in sorted(self.keys.items())
            },
            "note": "casekit encryption keys. Keep this file private and backed up "
            "(casekit key export-escrow); without it the protected client fields cannot be read.",
        }

    @classmethod
    def from_payload(cls, payload: Any, location: KeyLocation) -> KeyRing:
        """Parse and check a key ring (each key's id must match its bytes)."""
        try:
            if payload.get("format") != FILE_FORMAT:
                raise ValueError("format")
            keys: dict[str, StoredKey] = {}
            for kid, entry in payload["keys"].items():
                master = crypto._unb64(entry["key"])
                if len(master) != crypto.KEY_BYTES or crypto.key_id(master) != kid:
                    raise ValueError("key id")
                keys[kid] = StoredKey(master, str(entry.get("created", "")), entry.get("retired"))
            active = str(payload["active"])
            if active not in keys:
                raise ValueError("active")
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise KeyMismatch(
                f"the encryption key at {location.describe()} is damaged or not a casekit key "
                "file; restore it from its escrow copy (casekit key import-escrow)"
            ) from exc
        return cls(keys, active, location)


def default_key_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir("casekit", appauthor=False)) / KEY_FILE_NAME


def _keyring_module() -> Any | None:
    """The ``keyring`` package when it is installed and has a working backend, else None."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # noqa: BLE001 - optional dependency; any import problem means "none"
        return None
    try:
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
    except Exception:  # noqa: BLE001
        return None
    return keyring


def _keyring_read(module: Any) -> str | None:
    try:
        value = module.get_password(KEYRING_SERVICE, KEYRING_USER)
    except Exception:  # noqa: BLE001 - a locked or broken keyring is "no key here"
        return None
    return str(value) if value else None


def locate(env: Mapping[str, str] | None = None) -> KeyLocation:
    """Where the key ring is, or where a new one would go (see the module docstring)."""
    env = os.environ if env is None else env
    explicit = env.get(ENV_KEY_FILE, "").strip()
    if explicit:
        return KeyLocation("file", Path(explicit).expanduser().absolute(), explicit=True)
    default = default_key_file()
    if default.exists():
        return KeyLocation("file", default)
    module = _keyring_module()
    if module is not None:
        return KeyLocation("keyring")
    return KeyLocation("file", default)


def load(location: KeyLocation) -> KeyRing | None:
    """The key ring at ``location``, or None if there is none."""
    if location.kind == "keyring":
        module = _keyring_module()
        text = _keyring_read(module) if module is not None else None
        if text is None:
            return None
    else:
        if location.path is None:  # a file location always names its path
            raise ConfigurationError("the key location names no file")
        try:
            text = location.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise KeyMissing(
                f"the encryption key at {location.path} cannot be read ({type(exc).__name__})"
            ) from exc
    try:
        payload = json.loads(text)
    except ValueError as exc:
        raise KeyMismatch(
            f"the encryption key at {location.describe()} is damaged or not a casekit key file"
        ) from exc
    return KeyRing.from_payload(payload, location)


def save(ring: KeyRing) -> None:
    """Write the key ring where it lives (a file is replaced atomically, owner-only)."""
    text = json.dumps(ring.to_payload(), indent=2, sort_keys=True) + "\n"
    location = ring.location
    if location.kind == "keyring":
        module = _keyring_module()
        if module is None:
            raise ConfigurationError("the OS keyring is no longer available to store the key")
        module.set_password(KEYRING_SERVICE, KEYRING_USER, text)
        return
    if location.path is None:  # a file location always names its path
        raise ConfigurationError("the key location names no file")
    write_private_file(location.path, text.encode())


def create(location: KeyLocation) -> KeyRing:
    """A new key ring with one fresh key at ``location``; refuses to replace an existing one."""
    existing = load(location)
    if existing is not None:
        raise ConfigurationError(
            f"a key already exists at {location.describe()} (key id {existing.active}); "
            "casekit never overwrites a key"
        )
    ring = KeyRing({}, "", location)
    ring.add(crypto.new_master_key(), activate=True)
    save(ring)
    return ring


def created_notice(ring: KeyRing) -> str:
    """What to tell the user when casekit has just created their key."""
    return (
        f"casekit created an encryption key (id {ring.active}) at "
        f"{ring.location.describe()}. Back it up now with `casekit key export-escrow FILE`: "
        "without it the A-numbers, dates of birth and immigration statuses in this database "
        "cannot be read."
    )


# --- the database's key check ---------------------------------------------------------------------


@dataclass(frozen=True)
class DbKey:
    kid: str
    check: str
    current: bool


def _table() -> Any:
    from casekit.store.models import EncryptionKey

    return EncryptionKey.__table__  # type: ignore[attr-defined]


def has_key_table(conn: Connection) -> bool:
    return bool(inspect(conn).has_table("encryptionkey"))


def database_keys(conn: Connection) -> list[DbKey]:
    """The key checks stored in the database, oldest first."""
    t = _table()
    rows = conn.execute(select(t.c.kid, t.c.check, t.c.current).order_by(t.c.id)).all()
    return [DbKey(r.kid, r.check, bool(r.current)) for r in rows]


def missing_message(kid: str | None) -> str:
    if kid is None:
        return "the encryption key is missing: run `casekit key init` or set CASEKIT_KEY_FILE"
    return (
        f"the encryption key is missing: set CASEKIT_KEY_FILE to this database's key file "
        f"(key id {kid}) or restore it with `casekit key import-escrow FILE`"
    )


def mismatch_message(kid: str, ring: KeyRing) -> str:
    held = ", ".join(sorted(ring.keys)) or "none"
    return (
        f"the encryption key does not match this database: it uses key {kid}, "
        f"{ring.location.describe()} holds {held}. Set CASEKIT_KEY_FILE to the right key file "
        "or import its escrow copy (casekit key import-escrow)"
    )


def cipher_for(db_keys: list[DbKey], ring: KeyRing) -> Cipher:
    """The cipher for a database whose key checks are ``db_keys``, or KeyMismatch."""
    current = next((k for k in db_keys if k.current), db_keys[-1])
    if current.kid not in ring.keys:
        raise KeyMismatch(mismatch_message(current.kid, ring))
    readable = {k.kid: ring.keys[k.kid].key for k in db_keys if k.kid in ring.keys}
    # Tokens under a key the database never registered cannot exist; other keys of the ring
    # stay readable anyway (an old backup restored beside this one).
    for kid, stored in ring.keys.items():
        readable.setdefault(kid, stored.key)
    cipher = Cipher(readable, current.kid)
    for k in db_keys:
        if k.kid in ring.keys:
            try:
                ok = cipher.open(k.check, crypto.check_aad(k.kid)) == crypto.CHECK_TEXT
            except DecryptionFailed:
                ok = False
            if not ok:
                raise KeyMismatch(mismatch_message(current.kid, ring))
    return cipher


def register(conn: Connection, cipher: Cipher, *, actor: str) -> None:
    """Store the key check of ``cipher``'s write key as the database's current key."""
    from casekit.store.audit import chain as audit
    from casekit.store.models import utcnow

    kid = cipher.write_kid
    check = cipher.seal(crypto.CHECK_TEXT, crypto.check_aad(kid))
    now = utcnow()
    t = _table()
    key_row_id = conn.execute(
        insert(t)
        .values(created_at=now, updated_at=now, version=1, kid=kid, check=check, current=True)
        .returning(t.c.id)
    ).scalar_one()
    audit.record(
        conn,
        cipher,
        [
            audit.new_event(
                actor=actor,
                action="create",
                entity="encryptionkey",
                entity_id=key_row_id,
                changes={"kid": {"before": None, "after": kid}},
            )
        ],
    )


def resolve(
    conn: Connection,
    *,
    allow_create: bool,
    actor: str = "casekit",
    env: Mapping[str, str] | None = None,
    notify: Notify | None = None,
) -> Cipher:
    """The cipher for the database behind ``conn``, checked against its key check.

    A database with no key check yet takes the local key ring's active key (which is then
    registered, in ``conn``'s transaction). With no local key either, a key is created only if
    ``allow_create`` (a new SQLite database); ``notify`` is told where it went.

    Raises:
        KeyMissing: no local key where one is needed.
        KeyMismatch: the local key is not the database's key (or a key file is damaged).
    """
    cipher, new = find(conn, allow_create=allow_create, env=env, notify=notify)
    if new:
        register(conn, cipher, actor=actor)
    return cipher


def find(
    conn: Connection,
    *,
    allow_create: bool,
    env: Mapping[str, str] | None = None,
    notify: Notify | None = None,
) -> tuple[Cipher, bool]:
    """:func:`resolve` without registering: ``(cipher, whether the database has no key yet)``.

    A database without a key check takes the local key only when ``allow_create`` (a SQLite
    database: its single user's key) or when CASEKIT_KEY_FILE names the key explicitly.
    """
    location = locate(env)
    db_keys = database_keys(conn)
    ring = load(location)
    if db_keys:
        if ring is None:
            current = next((k for k in db_keys if k.current), db_keys[-1])
            raise KeyMissing(missing_message(current.kid))
        return cipher_for(db_keys, ring), False
    if ring is None:
        if not allow_create:
            raise KeyMissing(missing_message(None))
        ring = create(location)
        if notify is not None:
            notify(created_notice(ring))
    elif not allow_create and not location.explicit:
        # A shared database adopts a key only deliberately: `casekit key init`, or a key file
        # named by CASEKIT_KEY_FILE. Never a user's personal key found by chance.
        raise KeyMissing(missing_message(None))
    return ring.cipher(), True
