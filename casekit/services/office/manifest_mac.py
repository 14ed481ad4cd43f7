"""The backup manifest's authentication: a keyed MAC over ``MANIFEST.json``.

``MANIFEST.json`` lists every file of a backup with its SHA-256, so checking the files against it
catches damage; but anyone could rewrite a file *and* the manifest. ``MANIFEST.mac`` closes that:
HMAC-SHA256 over the manifest's exact bytes, under a subkey of the database's encryption key
(HKDF label ``casekit/v1/backup-manifest``), naming the key by id. ``casekit backup`` writes it
(:func:`sign_manifest`); ``casekit restore`` checks it (:func:`verify_manifest`) before the files'
hashes and before anything in CASEKIT_HOME is touched, with any key the user holds (a backup made
before a key rotation is checked with the retired key).
"""

from __future__ import annotations

import json

from casekit.errors import IntegrityError, KeyMismatch, KeyMissing
from casekit.services.base import AppContext
from casekit.store import keys
from casekit.store.crypto import MANIFEST_LABEL

MAC_MEMBER = "MANIFEST.mac"
MAC_FORMAT = "casekit-manifest-mac/1"


def sign_manifest(svc: AppContext, manifest: bytes) -> bytes:
    """The ``MANIFEST.mac`` member for these manifest bytes (the database's current key)."""

    cipher = svc.cipher
    body = {
        "format": MAC_FORMAT,
        "algorithm": "HMAC-SHA256",
        "key_id": cipher.write_kid,
        "mac": cipher.mac(MANIFEST_LABEL, manifest),
    }
    return (json.dumps(body, indent=2, sort_keys=True) + "\n").encode()


def verify_manifest(manifest: bytes, mac_member: bytes | None) -> str:
    """Check ``MANIFEST.mac`` against the manifest bytes; returns the key id that signed it.

    Raises:
        IntegrityError: no MAC, or a MAC that does not match (nothing may be restored).
        KeyMissing / KeyMismatch: this user holds no key, or not the one that signed it.
    """

    refused = "nothing was restored"
    if mac_member is None:
        raise IntegrityError(f"the backup's manifest is not authenticated (no MAC); {refused}")
    try:
        body = json.loads(mac_member)
        if body.get("format") != MAC_FORMAT:
            raise ValueError("format")
        kid, mac = str(body["key_id"]), str(body["mac"])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise IntegrityError(f"the backup's manifest MAC is unreadable; {refused}") from None
    ring = keys.load(keys.locate())
    if ring is None:
        raise KeyMissing(
            f"the encryption key is missing: this backup needs key {kid} to be checked and "
            "read; set CASEKIT_KEY_FILE or run casekit key import-escrow FILE"
        )
    if kid not in ring.keys:
        raise KeyMismatch(
            f"the encryption key does not match this backup: it was made with key {kid}, "
            f"{ring.location.describe()} holds {', '.join(sorted(ring.keys))}; {refused}"
        )
    if not ring.cipher(kid).verify_mac(MANIFEST_LABEL, manifest, kid, mac):
        raise IntegrityError(
            f"the backup's manifest failed its authentication check (MAC); {refused}"
        )
    return kid
