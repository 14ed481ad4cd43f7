"""casekit backup: what goes into the archive (and what never does), retention, files root."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from casekit.config import write_private_file
from casekit.errors import InvalidInput
from casekit.services import clients, documents, evidence
from casekit.services import office as backup
from casekit.services.base import AppContext
from tests.factories import LAW, RULES, members, office_data, sqlite_services


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


def _age(path: Path, seconds: float = 7200) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old), follow_symlinks=False)


def test_archive_holds_database_files_templates_rules_and_config(
    services: AppContext, tmp_path: Path
) -> None:
    data = office_data(services, tmp_path)
    home = services.settings.home
    made = backup.backup(services)
    archive = Path(made.path)
    assert archive.parent == home / "backups"
    assert archive.name.startswith("casekit-backup-") and archive.name.endswith("Z.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    content = members(archive)
    manifest = json.loads(content.pop("MANIFEST.json"))
    assert len(content.pop("MANIFEST.mac")) > 0  # the manifest's keyed MAC (test_backup_mac)
    doc_rel = data.document.relative_to(home).as_posix()
    blob = f"evidence/{data.evidence_sha[:2]}/{data.evidence_sha}"
    assert set(content) == {
        "casekit.sqlite",
        doc_rel,
        blob,
        "templates/demand-letter.docx",
        "config.toml",
        "rules.local.toml",
        "law.local.toml",
    }
    assert content["rules.local.toml"] == RULES and content["law.local.toml"] == LAW
    for name, body in content.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(body).hexdigest(),
            "size": len(body),
        }
    assert manifest["database"] == "sqlite" and manifest["schema_revision"] == made.schema_revision


def test_temporary_and_orphan_files_are_never_backed_up(
    services: AppContext, tmp_path: Path
) -> None:
    data = office_data(services, tmp_path)
    home = services.settings.home
    vault = services.settings.evidence_dir
    orphan_doc = data.document.with_name("2026-03-15-complaint.docx")  # no Document row
    orphan_blob = vault / ("ab" + "0" * 62)[:2] / ("ab" + "0" * 62)
    strays = [
        orphan_doc,
        orphan_blob,
        vault / ".incoming-x1y2",
        data.document.with_name(".2026-03-15-demand-letter.docx.abc.tmp"),
        home / "templates" / ".demand-letter.docx.tmp-99",
        home / "documents" / ".restore-20260101T000000Z-aa" / "x.docx",
    ]
    for path in strays:
        write_private_file(path, b"leftover")
    keep = data.document.with_name("signed-scan.pdf")  # a file the firm put there itself
    write_private_file(keep, b"signed")
    content = members(Path(backup.backup(services).path))
    names = set(content)
    for path in strays:
        rel = path.relative_to(home).as_posix()
        assert rel not in names, rel
    assert keep.relative_to(home).as_posix() in names


def test_keep_prunes_older_archives(services: AppContext, tmp_path: Path) -> None:
    clients.add_client(services, name="Ana Ruiz")
    folder = services.settings.home / "backups"
    folder.mkdir(mode=0o700)
    older = [folder / f"casekit-backup-2026010{i}T000000Z.tar.gz" for i in range(1, 5)]
    for path in older:
        path.write_bytes(b"old")
    unrelated = folder / "notes.txt"
    unrelated.write_text("mine")
    made = backup.backup(services, keep=2)
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([Path(made.path).name, older[-1].name, "notes.txt"])
    assert len(made.pruned) == 3
    with pytest.raises(InvalidInput, match="--keep"):
        backup.backup(services, keep=0)


def test_files_root_is_backed_up_and_restored_into_another_files_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casekit.services.setup import upgrade_database

    shared = tmp_path / "share"
    shared.mkdir()
    svc = sqlite_services(tmp_path / "home", files=shared)
    upgrade_database(svc)
    data = office_data(svc, tmp_path)
    assert data.document.is_relative_to(shared)
    assert not (svc.settings.home / "documents").exists() or not any(
        (svc.settings.home / "documents").iterdir()
    )
    made = backup.backup(svc, output=tmp_path / "b.tar.gz")
    svc.dispose()

    new_share = tmp_path / "share2"
    new_share.mkdir()
    target = sqlite_services(tmp_path / "home2", files=new_share)
    backup.restore(target, made.path)
    [doc] = documents.list_documents(target, data.matter)
    assert doc.status == "ok" and Path(doc.path).is_relative_to(new_share)
    assert [r.status for r in evidence.verify_evidence(target)] == ["ok"]
    target.dispose()


def test_backup_is_consistent_while_another_connection_writes(
    services: AppContext, tmp_path: Path
) -> None:
    import sqlite3

    clients.add_client(services, name="Ana Ruiz")
    stop = threading.Event()
    written: list[int] = []
    failed: list[BaseException] = []
    insert = (
        "INSERT INTO client (created_at, updated_at, version, name, name_key, preferred_name, "
        "preferred_language, phone, phone_safe, email, email_safe, address, address_safe, "
        "a_number, immigration_status) VALUES (datetime('now'), datetime('now'), 1, ?, ?, '', "
        "'en', '', 0, '', 0, '', 0, '', '')"
    )

    def writer() -> None:
        conn = sqlite3.connect(services.settings.sqlite_path, timeout=30)
        i = 0
        try:
            while not stop.is_set():
                with conn:  # one transaction: a pair of clients, or neither
                    for half in ("a", "b"):
                        conn.execute(insert, (f"Writer {i}{half}", f"writer {i}{half}"))
                written.append(i)
                i += 1
        except BaseException as exc:  # surfaced below: a dead writer must not hang the test
            failed.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(written) < 20 and not failed and time.monotonic() < deadline:
            time.sleep(0.001)
        assert not failed, f"the writer failed: {failed[0]!r}"
        assert len(written) >= 20, "the writer made no progress"
        archives = [backup.backup(services, output=tmp_path / f"b{n}.tar.gz") for n in range(3)]
    finally:
        stop.set()
        thread.join()
    for n, made in enumerate(archives):
        target = sqlite_services(tmp_path / f"r{n}")
        backup.restore(target, made.path)
        conn = sqlite3.connect(target.settings.sqlite_path)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        firsts = conn.execute("SELECT count(*) FROM client WHERE name LIKE 'Writer %a'").fetchone()
        seconds = conn.execute("SELECT count(*) FROM client WHERE name LIKE 'Writer %b'").fetchone()
        assert firsts == seconds  # never half a transaction
        conn.close()
