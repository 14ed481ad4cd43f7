"""Evidence hashes are chained into the audit log: a file changed together with its row's hash
is ``tampered``, not ``ok``."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

from casekit.cli import app
from casekit.services import evidence as ev

runner = CliRunner()


def _forge(services, item_id: int, stored: Path, data: bytes) -> None:
    """What an intruder with the files and the database does: new bytes, new hash on the row."""
    os.chmod(stored, 0o600)
    stored.write_bytes(data)
    with services.engine.begin() as conn:
        conn.execute(
            text("UPDATE evidence SET sha256 = :h WHERE id = :id"),
            {"h": hashlib.sha256(data).hexdigest(), "id": item_id},
        )


def test_file_and_row_changed_together_is_tampered(services, make_matter, tmp_path) -> None:
    number = make_matter()
    src = tmp_path / "detainer.pdf"
    src.write_bytes(b"I-247A detainer, page 1")
    first = ev.add_evidence(services, number, src, kind="detainer")
    other = tmp_path / "log.pdf"
    other.write_bytes(b"release log")
    second = ev.add_evidence(services, number, other, kind="release-log")
    assert {r.status for r in ev.verify_evidence(services, number)} == {"ok"}

    stored = Path(first.path)
    _forge(services, first.id, stored, b"I-247A detainer, page 1 (signed by a judge)")

    results = {r.id: r.status for r in ev.verify_evidence(services, number)}
    assert results == {first.id: "tampered", second.id: "ok"}
    result = runner.invoke(app, ["evidence", "verify", number])
    assert result.exit_code == 1
    assert f"#{first.id}  {number}  tampered" in result.stdout


def test_a_changed_file_alone_is_still_modified(services, make_matter, tmp_path) -> None:
    number = make_matter()
    src = tmp_path / "video.mp4"
    src.write_bytes(b"frames")
    item = ev.add_evidence(services, number, src, kind="video")
    stored = Path(item.path)
    os.chmod(stored, 0o600)
    stored.write_bytes(b"other frames")
    assert [r.status for r in ev.verify_evidence(services, number)] == ["modified"]


def test_an_item_the_chain_never_recorded_is_tampered(services, make_matter, tmp_path) -> None:
    number = make_matter()
    src = tmp_path / "statement.txt"
    src.write_bytes(b"witness statement")
    item = ev.add_evidence(services, number, src, kind="witness-statement")
    # A row slipped in behind casekit's back (no audit event), reusing a real stored file.
    with services.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO evidence (created_at, updated_at, version, matter_id, kind, "
                "description, original_name, source, sha256, stored_path, size_bytes, proves) "
                "SELECT created_at, updated_at, 1, matter_id, kind, '', '', '', sha256, "
                "stored_path, size_bytes, proves FROM evidence WHERE id = :id"
            ),
            {"id": item.id},
        )
    statuses = [r.status for r in ev.verify_evidence(services, number)]
    assert statuses == ["ok", "tampered"]


def test_the_demo_records_every_evidence_hash(services, tmp_path, monkeypatch) -> None:
    from casekit.services.demo import run_demo

    monkeypatch.setenv("CASEKIT_TODAY", "2026-03-15")
    run_demo(services, matters=5, seed=3)
    results = ev.verify_evidence(services)
    assert results and {r.status for r in results} == {"ok"}
