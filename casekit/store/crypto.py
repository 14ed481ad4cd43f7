"""Encryption primitives: sealed values, blind indexes, MACs and the escrow envelope.

Everything here is built from the ``cryptography`` package's vetted primitives; nothing is
home-made except the framing:

* **Master key**: 32 random bytes. Each use gets its own subkey through HKDF-SHA256 with a
  distinct ``info`` label (:func:`derive`), so the AEAD key, the blind-index key and the backup
  MAC key are independent and none of them is the master key itself.
* **Key id**: 12 hex characters derived from the key (HKDF, label ``key-id``). A token names the
  key that sealed it, so keys can rotate; a key file that claims an id for other key bytes is
  caught by the database's key check (``casekit.store.keys``).
* **Sealed value** (a *token*): ``ck1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>``.
  AES-256-GCM with a random 96-bit nonce per value. The plaintext is padded to a multiple of
  32 bytes first, so the length of a token does not tell "TPS pending" from "undocumented".
  The associated data names the table, column and record id (:func:`column_aad`): a token
  copied to another row or column fails to open.
* **Blind index**: HMAC-SHA256 under its own subkey over a normalised value, 128 bits in hex.
  Equal values give equal indexes, so a lookup never needs the plaintext.
* **Escrow**: the key ring encrypted under a passphrase (scrypt, then AES-256-GCM).

Nothing here touches the database or the file system.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from casekit.errors import DecryptionFailed, InvalidInput, KeyMismatch

TOKEN_PREFIX = "ck1."  # noqa: S105 - the sealed-token format marker, not a secret
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
PAD_BLOCK = 32
KID_CHARS = 12
#: The fixed text every database's key check seals (``casekit.store.keys``).
CHECK_TEXT = "casekit key check v1"

# HKDF labels: one subkey per purpose.
AEAD_LABEL = b"casekit/v1/aead"
INDEX_LABEL = b"casekit/v1/blind-index"
MANIFEST_LABEL = b"casekit/v1/backup-manifest"
KID_LABEL = b"casekit/v1/key-id"

ESCROW_FORMAT = "casekit-escrow/1"
#: scrypt cost for escrow files (RFC 7914 parameters; n = 2**17 is OWASP's recommendation):
#: about half a second and 128 MiB, once per export or import. Stored in each file.
ESCROW_SCRYPT_N = 2**17
ESCROW_SCRYPT_R = 8
ESCROW_SCRYPT_P = 1
MIN_PASSPHRASE = 12


def new_master_key() -> bytes:
    """32 bytes from the operating system's CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)


def derive(master: bytes, label: bytes, length: int = 32) -> bytes:
    """The subkey of ``master`` for ``label`` (HKDF-SHA256, no salt: the master is uniform)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=length, salt=None, info=label).derive(master)


def key_id(master: bytes) -> str:
    """The key's id: 12 hex characters derived from it (not secret, not reversible)."""
    return derive(master, KID_LABEL, KID_CHARS // 2).hex()


def column_aad(table: str, column: str, row_id: int) -> str:
    """Associated data binding a sealed value to its table, column and record id."""
    return f"casekit/v1|{table}|{column}|{int(row_id)}"


def audit_aad(seq: int, field_name: str, side: str) -> str:
    """Associated data for a value sealed inside audit event number ``seq``."""
    return f"casekit/v1|audit|{int(seq)}|{field_name}|{side}"


def check_aad(kid: str) -> str:
    return f"casekit/v1|keycheck|{kid}"


def is_token(value: object) -> TypeGuard[str]:
    """Whether ``value`` has the shape of a sealed value (not whether it opens)."""
    return isinstance(value, str) and value.startswith(TOKEN_PREFIX) and value.count(".") == 2


def token_kid(token: str) -> str:
    """The id of the key that sealed ``token``."""
    return token.split(".", 2)[1]


class Token(str):
    """A sealed value just made by :meth:`Cipher.seal` (so it is never sealed twice)."""

    __slots__ = ()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _pad(data: bytes) -> bytes:
    # ISO/IEC 7816-4: a 0x80 byte, then zeros up to the block: unambiguous to remove.
    padded = data + b"\x80"
    return padded + b"\x00" * (-len(padded) % PAD_BLOCK)


def _unpad(data: bytes) -> bytes:
    end = data.rstrip(b"\x00")
    if not end.endswith(b"\x80"):
        raise ValueError("bad padding")
    return end[:-1]


@dataclass
class Cipher:
    """The keys one database uses: every key it may read, and the one it writes with.

    Args:
        keys: key id → master key, for every key whose tokens may be opened.
        write_kid: the id of the key new values are sealed with (the database's current key).
    """

    keys: Mapping[str, bytes]
    write_kid: str
    _aead: dict[str, Any] = field(default_factory=dict, repr=False)
    _subkeys: dict[tuple[str, bytes], bytes] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.write_kid not in self.keys:
            raise KeyMismatch("the encryption key does not match this database")

    def __repr__(self) -> str:  # never print key bytes
        return f"Cipher(write_kid={self.write_kid!r}, kids={sorted(self.keys)!r})"

    @classmethod
    def single(cls, master: bytes) -> Cipher:
        kid = key_id(master)
        return cls({kid: master}, kid)

    def subkey(self, kid: str, label: bytes) -> bytes:
        cached = self._subkeys.get((kid, label))
        if cached is None:
            cached = derive(self._master(kid), label)
            self._subkeys[(kid, label)] = cached
        return cached

    def _master(self, kid: str) -> bytes:
        try:
            return self.keys[kid]
        except KeyError:
            raise KeyMismatch(
                f"a value was encrypted with key {kid[:KID_CHARS]}, which this machine does not "
                "have: set CASEKIT_KEY_FILE to the key file that holds it or import its escrow "
                "copy (casekit key import-escrow)"
            ) from None

    def _aead_for(self, kid: str) -> Any:
        aead = self._aead.get(kid)
        if aead is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            aead = AESGCM(self.subkey(kid, AEAD_LABEL))
            self._aead[kid] = aead
        return aead

    # --- sealing --------------------------------------------------------------------------------

    def seal(self, plaintext: str, aad: str) -> Token:
        """Encrypt ``plaintext`` under the write key, bound to ``aad``."""
        nonce = os.urandom(NONCE_BYTES)
        body = self._aead_for(self.write_kid).encrypt(
            nonce, _pad(plaintext.encode("utf-8")), aad.encode("utf-8")
        )
        return Token(f"{TOKEN_PREFIX}{self.write_kid}.{_b64(nonce + body)}")

    def open(self, token: str, aad: str) -> str:
        """Decrypt a token made by :meth:`seal` with the same ``aad``.

        Raises:
            DecryptionFailed: the token is malformed, altered, or belongs to another row or
                column (the message never contains the value).
            KeyMismatch: the token was sealed with a key this cipher does not have.
        """
        if not is_token(token):
            raise DecryptionFailed(
                "a protected value is stored unencrypted or damaged; run casekit key status"
            )
        _, kid, payload = token.split(".", 2)
        aead = self._aead_for(kid)
        try:
            raw = _unb64(payload)
            if len(raw) < NONCE_BYTES + TAG_BYTES + PAD_BLOCK:
                raise ValueError("short token")
            plain = aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], aad.encode("utf-8"))
            return _unpad(plain).decode("utf-8")
        except Exception as exc:  # InvalidTag, bad base64, bad padding: all the same to a user
            raise DecryptionFailed(
                "a protected value failed its integrity check (it was altered or moved to "
                "another record); nothing was shown"
            ) from exc

    def reseal(self, token: str, aad: str) -> Token:
        """``token`` sealed again under the write key (same plaintext, new nonce)."""
        return self.seal(self.open(token, aad), aad)

    # --- keyed hashes ---------------------------------------------------------------------------

    def blind_index(self, purpose: str, normalised: str) -> str:
        """HMAC-SHA256 of ``purpose`` and ``normalised`` under the write key's index subkey."""
        key = self.subkey(self.write_kid, INDEX_LABEL)
        mac = hmac.new(key, f"{purpose}\x00{normalised}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]

    def mac(self, label: bytes, data: bytes, kid: str | None = None) -> str:
        """HMAC-SHA256 of ``data`` under the ``label`` subkey of ``kid`` (default: write key)."""
        key = self.subkey(kid or self.write_kid, label)
        return hmac.new(key, data, hashlib.sha256).hexdigest()

    def verify_mac(self, label: bytes, data: bytes, kid: str, expected: str) -> bool:
        return hmac.compare_digest(self.mac(label, data, kid), expected)


# --- escrow ---------------------------------------------------------------------------------------


def _scrypt(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def escrow_seal(payload: dict[str, Any], passphrase: str, *, n: int = ESCROW_SCRYPT_N) -> bytes:
    """``payload`` (the key ring as JSON) encrypted under ``passphrase``: the escrow file."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"the escrow passphrase must be at least {MIN_PASSPHRASE} characters")
    salt = os.urandom(16)
    nonce = os.urandom(NONCE_BYTES)
    key = _scrypt(passphrase, salt, n, ESCROW_SCRYPT_R, ESCROW_SCRYPT_P)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = AESGCM(key).encrypt(
        nonce, json.dumps(payload, sort_keys=True).encode(), ESCROW_FORMAT.encode()
    )
    envelope = {
        "format": ESCROW_FORMAT,
        "kdf": {"name": "scrypt", "n": n, "r": ESCROW_SCRYPT_R, "p": ESCROW_SCRYPT_P},
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "ciphertext": _b64(body),
        "key_ids": sorted(payload.get("keys", {})),
        "note": "casekit encryption keys, sealed with a passphrase. Restore with: "
        "casekit key import-escrow FILE",
    }
    return (json.dumps(envelope, indent=2, sort_keys=True) + "\n").encode()


def escrow_open(data: bytes, passphrase: str) -> dict[str, Any]:
    """The key ring inside an escrow file; InvalidInput for a wrong passphrase or bad file."""
    try:
        envelope = json.loads(data)
        if envelope.get("format") != ESCROW_FORMAT:
            raise ValueError("format")
        kdf = envelope["kdf"]
        if kdf.get("name") != "scrypt":
            raise ValueError("kdf")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2**14 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("kdf parameters")
        salt, nonce, body = (_unb64(envelope[k]) for k in ("salt", "nonce", "ciphertext"))
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput("the file is not a casekit escrow copy") from exc
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _scrypt(passphrase, salt, n, r, p)
    try:
        plain = AESGCM(key).decrypt(nonce, body, ESCROW_FORMAT.encode())
    except InvalidTag:
        raise InvalidInput(
            "the passphrase does not open this escrow copy (or the file was altered)"
        ) from None
    payload = json.loads(plain)
    if not isinstance(payload, dict):
        raise InvalidInput("the file is not a casekit escrow copy")
    return payload
