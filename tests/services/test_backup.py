"""casekit backup / restore: a verified archive, tampering refused, nothing half-restored."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import tarfile
import threading
from datetime import date
from pathlib import Path

import pytest

from casekit.config import Settings, write_private_file
from casekit.errors import ConfigurationError, IntegrityError
from casekit.services import backup, clients, matters
from casekit.services.base import Services


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """Restore is SQLite-only; the PostgreSQL dump has its own test below."""
    return sqlite_url


@pytest.fixture
def filled(services, today: date) -> Services:
    client = clients.add_client(services, name="José Núñez")
    matters.add_matter(
        services,
        client=str(client.id),
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
    )
    home = services.settings.home
    write_private_file(home / "documents" / "TA-2026-0001" / "letter.docx", b"letter bytes")
    evidence = home / "evidence" / "ab" / "abcdef"
    write_private_file(evidence, b"detainer scan")
    os.chmod(evidence, 0o400)
    write_private_file(home / "config.toml", b"[ui]\n")
    return services


def other_home(tmp_path: Path, name: str = "restored") -> Services:
    home = tmp_path / name
    return Services(
        Settings(home=home, database_url=f"sqlite:///{home / 'casekit.sqlite'}", actor="tester")
    )


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def rewrite(path: Path, target: Path, change) -> Path:
    """A copy of the archive with ``change(name, data) -> data | None`` applied to members."""
    with tarfile.open(path, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            new = change(member.name, data)
            if new is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(new)
            dst.addfile(info, io.BytesIO(new))
    return target


def test_round_trip(filled: Services, tmp_path: Path) -> None:
    made = backup.backup(filled)
    archive = Path(made.path)
    assert archive.parent == filled.settings.home / "backups"
    assert archive.name.startswith("casekit-backup-") and archive.name.endswith("Z.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    content = members(archive)
    manifest_bytes = content.pop("MANIFEST.json")
    manifest = json.loads(manifest_bytes)
    mac = json.loads(content.pop("MANIFEST.mac"))
    assert mac["key_id"] == filled.cipher.write_kid and len(mac["mac"]) == 64
    assert set(content) == {
        "casekit.sqlite",
        "documents/TA-2026-0001/letter.docx",
        "evidence/ab/abcdef",
        "config.toml",
    }
    for name, data in content.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["schema_revision"] == made.schema_revision
    assert manifest["casekit_version"] and manifest["created_at"]

    target = other_home(tmp_path)
    result = backup.restore(target, archive)
    assert result.files == 4 and result.replaced is None
    home = target.settings.home
    assert (home / "documents" / "TA-2026-0001" / "letter.docx").read_bytes() == b"letter bytes"
    assert stat.S_IMODE((home / "evidence" / "ab" / "abcdef").stat().st_mode) == 0o400
    assert stat.S_IMODE((home / "casekit.sqlite").stat().st_mode) == 0o600
    assert [m.number for m in matters.list_matters(target)] == ["TA-2026-0001"]
    target.dispose()


def test_refuses_to_overwrite_without_force(filled: Services, tmp_path: Path) -> None:
    archive = Path(backup.backup(filled, output=tmp_path / "b.tar.gz").path)
    clients.add_client(filled, name="Added After Backup")
    with pytest.raises(ConfigurationError, match="--force"):
        backup.restore(filled, archive)
    assert len(clients.list_clients(filled)) == 2  # untouched

    result = backup.restore(filled, archive, force=True)
    assert result.replaced is not None
    kept = Path(result.replaced)
    assert (kept / "casekit.sqlite").exists() and (kept / "documents").is_dir()
    assert [c.name for c in clients.list_clients(filled)] == ["José Núñez"]


def test_tampered_archive_is_refused_and_nothing_touched(filled: Services, tmp_path: Path) -> None:
    archive = Path(backup.backup(filled, output=tmp_path).path)
    target = other_home(tmp_path)

    def tamper(name: str, data: bytes) -> bytes:
        return b"forged" if name.startswith("documents/") else data

    for bad in (
        rewrite(archive, tmp_path / "forged.tar.gz", tamper),
        rewrite(
            archive, tmp_path / "missing.tar.gz", lambda n, d: None if n == "config.toml" else d
        ),
        rewrite(
            archive,
            tmp_path / "nomanifest.tar.gz",
            lambda n, d: None if n == "MANIFEST.json" else d,
        ),
    ):
        with pytest.raises(IntegrityError, match="nothing was restored"):
            backup.restore(target, bad)
        assert not (target.settings.home / "casekit.sqlite").exists()
        assert not (target.settings.home / "documents").exists()
    (tmp_path / "garbage.tar.gz").write_bytes(b"not a tar file")
    with pytest.raises(IntegrityError, match="not a readable casekit backup"):
        backup.restore(target, tmp_path / "garbage.tar.gz")


def _resigned(archive: Path, target: Path, change) -> Path:
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


def test_a_manifest_that_fails_its_mac_is_refused_before_anything(
    filled: Services, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from casekit.cli import app

    archive = Path(backup.backup(filled, output=tmp_path / "b.tar.gz").path)
    forged = _resigned(
        archive,
        tmp_path / "forged.tar.gz",
        lambda name, data: b"forged letter" if name.startswith("documents/") else data,
    )
    unsigned = rewrite(
        archive, tmp_path / "unsigned.tar.gz", lambda n, d: None if n == "MANIFEST.mac" else d
    )
    target = other_home(tmp_path)
    with pytest.raises(IntegrityError, match="failed its authentication check"):
        backup.restore(target, forged)
    with pytest.raises(IntegrityError, match="not authenticated"):
        backup.restore(target, unsigned)
    assert not (target.settings.home / "casekit.sqlite").exists()
    assert not (target.settings.home / "documents").exists()

    # From the command line: one line, exit status 2, the existing data untouched.
    filled.dispose()
    before = (filled.settings.home / "casekit.sqlite").stat().st_ino
    result = CliRunner().invoke(app, ["restore", str(forged), "--force"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: the backup's manifest failed its authentication check (MAC); nothing was restored"
    )
    assert (filled.settings.home / "casekit.sqlite").stat().st_ino == before  # never replaced
    assert not list((filled.settings.home / "backups").glob("replaced-*"))


def test_a_backup_made_with_another_key_is_refused_in_one_line(
    filled: Services, tmp_path: Path, key_file: Path
) -> None:
    from casekit.store import crypto, keys

    archive = Path(backup.backup(filled, output=tmp_path / "b.tar.gz").path)
    kid = filled.cipher.write_kid
    ring = keys.KeyRing({}, "", keys.KeyLocation("file", key_file))
    ring.add(crypto.new_master_key(), activate=True)
    key_file.unlink()
    keys.save(ring)
    with pytest.raises(ConfigurationError, match=f"it was made with key {kid}"):
        backup.restore(other_home(tmp_path), archive)


@pytest.mark.parametrize("name", ["../outside", "/etc/passwd", "documents/../../x", "other/file"])
def test_path_traversal_is_refused(filled: Services, tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo(name)
        info.size = 4
        tar.addfile(info, io.BytesIO(b"evil"))
    target = other_home(tmp_path)
    with pytest.raises(IntegrityError):
        backup.restore(target, archive)
    assert not (tmp_path / "outside").exists()


def test_links_are_refused(filled: Services, tmp_path: Path) -> None:
    archive = tmp_path / "link.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("documents/link")
        info.type = tarfile.SYMTYPE
        info.linkname = "/etc/passwd"
        tar.addfile(info)
    with pytest.raises(IntegrityError, match="link"):
        backup.restore(other_home(tmp_path), archive)


def test_backup_is_consistent_while_another_connection_writes(
    filled: Services, tmp_path: Path
) -> None:
    import sqlite3

    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        conn = sqlite3.connect(filled.settings.sqlite_path, timeout=30)
        i = 0
        while not stop.is_set():
            with conn:  # one transaction: a client and an audit row, or neither
                cur = conn.execute(
                    "INSERT INTO client (created_at, updated_at, version, name, name_key, "
                    "preferred_name, preferred_language, phone, phone_safe, email, email_safe, "
                    "address, address_safe, a_number, immigration_status) VALUES "
                    "(datetime('now'), datetime('now'), 1, ?, ?, '', 'en', '', 0, '', 0, '', 0, "
                    "'', '')",
                    (f"Writer {i}", f"writer {i}"),
                )
                conn.execute(
                    "INSERT INTO setting (created_at, updated_at, version, key, value) "
                    "VALUES (datetime('now'), datetime('now'), 1, ?, 'writer')",
                    (f"writer.{cur.lastrowid}",),
                )
            written.append(i)
            i += 1
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        waited = 0
        while len(written) < 20:  # a writer that died would otherwise be waited for forever
            assert thread.is_alive() and waited < 3000, "the writer thread stopped"
            threading.Event().wait(0.01)
            waited += 1
        archives = [backup.backup(filled, output=tmp_path / f"b{n}.tar.gz") for n in range(3)]
    finally:
        stop.set()
        thread.join()
    for n, made in enumerate(archives):
        target = other_home(tmp_path, f"r{n}")
        backup.restore(target, made.path)
        conn = sqlite3.connect(target.settings.sqlite_path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        writers = conn.execute("SELECT count(*) FROM client WHERE name LIKE 'Writer %'").fetchone()
        marks = conn.execute("SELECT count(*) FROM setting WHERE value = 'writer'").fetchone()
        assert writers == marks  # never half a transaction
        conn.close()


@pytest.mark.postgres
def test_postgresql_backup(pg_url: str, casekit_home: Path, today: date, tmp_path: Path) -> None:
    import shutil

    from casekit.services.setup import upgrade_database

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    svc = Services(Settings(home=casekit_home, database_url=pg_url, actor="tester"))
    try:
        upgrade_database(svc)
        clients.add_client(svc, name="José Núñez")
        made = backup.backup(svc, output=tmp_path / "pg.tar.gz")
        content = members(Path(made.path))
        assert made.database == "postgresql"
        assert b"CREATE TABLE" in content["casekit.sql"]
        assert "@" not in " ".join(content)  # no URL (or password) stored in member names
        with pytest.raises(ConfigurationError, match="psql"):
            backup.restore(svc, made.path)
    finally:
        svc.dispose()
