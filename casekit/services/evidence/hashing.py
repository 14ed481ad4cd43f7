"""Hashing a file the way the vault does: SHA-256 over 1 MiB chunks.

Its own module, importing nothing from the services: ``casekit.services.views`` checks a
stored copy with it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK_SIZE = 1 << 20  # 1 MiB: hashing and copying stream; a file is never read whole


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()
