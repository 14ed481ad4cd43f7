"""The backup manifest is authenticated: a keyed MAC (``MANIFEST.mac``) over ``MANIFEST.json``,
checked by restore before anything is extracted (issue 16 item 7)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from casekit.errors import ConfigurationError, IntegrityError
from casekit.services import office as backup
from casekit.services.base import AppContext
from tests.factories import members, office_data, rewrite, sqlite_services


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def archive(services: AppContext, tmp_path: Path) -> Path:
    office_data(services, tmp_path)
    return Path(backup.backup(services, output=tmp_path / "office.tar.gz").path)


def _resigned(archive: Path, target: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """A forger's copy: ``change`` applied to the files and MANIFEST.json brought in step with
    them (hashes and sizes recomputed); only the MAC, which needs the key, is left as it was."""
    content = members(archive)
    manifest = json.loads(content["MANIFEST.json"])
    for name in list(content):
        if name in ("MANIFEST.json", "MANIFEST.mac"):
            continue
        content[name] = change(name, content[name])
        manifest["files"][name] = {
            "sha256": hashlib.sha256(content[name]).hexdigest(),
            "size": len(content[name]),
        }
    content["MANIFEST.json"] = json.dumps(manifest, indent=2, sort_keys=True).encode()
    return rewrite(archive, target, lambda name, _data: content[name])


def test_the_archive_carries_a_mac_of_its_manifest(services: AppContext, archive: Path) -> None:
    content = members(archive)
    mac = json.loads(content["MANIFEST.mac"])
    assert mac["key_id"] == services.cipher.write_kid and len(mac["mac"]) == 64


def test_a_manifest_that_fails_its_mac_is_refused_before_anything(
    archive: Path, tmp_path: Path
) -> None:
    forged = _resigned(
        archive,
        tmp_path / "forged.tar.gz",
        lambda name, data: b"forged letter" if name.startswith("documents/") else data,
    )
    unsigned = rewrite(
        archive, tmp_path / "unsigned.tar.gz", lambda n, d: None if n == "MANIFEST.mac" else d
    )
    target = sqlite_services(tmp_path / "other")
    with pytest.raises(IntegrityError, match="failed its authentication check"):
        backup.restore(target, forged)
    with pytest.raises(IntegrityError, match="not authenticated"):
        backup.restore(target, unsigned)
    assert not (target.settings.home / "casekit.sqlite").exists()
    assert not (target.settings.home / "documents").exists()


def test_a_backup_made_with_another_key_is_refused_in_one_line(
    services: AppContext, archive: Path, tmp_path: Path, key_file: Path
) -> None:
    from casekit.store import crypto, keys

    kid = services.cipher.write_kid
    ring = keys.KeyRing({}, "", keys.KeyLocation("file", key_file))
    ring.add(crypto.new_master_key(), activate=True)
    key_file.unlink()
    keys.save(ring)
    with pytest.raises(ConfigurationError, match=f"it was made with key {kid}"):
        backup.restore(sqlite_services(tmp_path / "other"), archive)
