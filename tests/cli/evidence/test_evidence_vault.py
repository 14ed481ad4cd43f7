"""The evidence vault: hashing, content-addressed storage, dedupe, custody, verify, export."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from casekit.cli import app
from casekit.errors import IntegrityError, InvalidInput, NotFound
from casekit.services import evidence as ev
from casekit.store.models import Evidence, EvidenceCustody

runner = CliRunner()


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _count(services, model) -> int:
    with services.transaction() as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _vault_files(services) -> list[Path]:
    root = services.settings.evidence_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- add ------------------------------------------------------------------------------------


def test_add_hashes_stores_read_only_and_logs_receipt(services, make_matter, tmp_path):
    number = make_matter()
    data = os.urandom(3 * ev.CHUNK_SIZE + 123)  # several chunks
    src = _file(tmp_path, "detainer.pdf", data)

    result = ev.add_evidence(
        services,
        number,
        src,
        kind="detainer",
        proves=["V1", "no-E1"],
        source="booking office",
        obtained_on=date(2026, 4, 1),
        description="I-247A",
    )

    assert result.sha256 == hashlib.sha256(data).hexdigest()
    stored = Path(result.path)
    assert stored == services.settings.evidence_dir / result.sha256[:2] / result.sha256
    assert stored.read_bytes() == data
    assert _mode(stored) == 0o400
    assert _mode(stored.parent) == 0o700
    assert _mode(services.settings.evidence_dir) == 0o700
    assert not list(services.settings.evidence_dir.glob(".incoming-*"))

    items = ev.list_evidence(services, number)
    assert [i.id for i in items] == [result.id]
    assert items[0].proves == ("V1_DETAIN_ON_DETAINER", "NOT_E1_JUDICIAL_WARRANT")
    assert items[0].size_bytes == len(data)
    log = ev.custody_log(services, result.id)
    assert [e.action for e in log] == ["received"]
    assert log[0].actor == "tester"
    assert log[0].from_location == "detainer.pdf"
    assert log[0].to_location == f"vault:{result.sha256[:2]}/{result.sha256}"


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="no sha256sum")
def test_hash_matches_sha256sum(services, make_matter, tmp_path):
    number = make_matter()
    src = _file(tmp_path, "video.bin", os.urandom(2 * ev.CHUNK_SIZE + 7))
    result = ev.add_evidence(services, number, src, kind="video")
    out = subprocess.run(["sha256sum", str(src)], capture_output=True, text=True, check=True)
    assert out.stdout.split()[0] == result.sha256


def test_hashing_streams_in_chunks(services, make_matter, tmp_path, monkeypatch):
    number = make_matter()
    src = _file(tmp_path, "big.bin", os.urandom(4 * ev.CHUNK_SIZE))
    sizes: list[int] = []
    real_open = open

    class Spy:
        def __init__(self, fh):
            self.fh = fh

        def read(self, n=-1):
            sizes.append(n)
            return self.fh.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    monkeypatch.setattr(
        ev.vault, "open", lambda p, mode="r": Spy(real_open(p, mode)), raising=False
    )
    ev.add_evidence(services, number, src, kind="video")
    assert sizes and all(n == ev.CHUNK_SIZE for n in sizes)


def test_duplicate_content_links_to_first_copy(services, make_matter, tmp_path):
    first_matter = make_matter()
    second_matter = make_matter(client_name="Otra Persona")
    data = b"same bytes"
    a = ev.add_evidence(services, first_matter, _file(tmp_path, "a.pdf", data), kind="detainer")
    b = ev.add_evidence(services, second_matter, _file(tmp_path, "b.pdf", data), kind="other")

    assert b.id != a.id and b.sha256 == a.sha256 and b.path == a.path
    assert b.duplicate_of == a.id
    assert len(_vault_files(services)) == 1
    log = ev.custody_log(services, b.id)
    assert [(e.action, e.detail) for e in log] == [("copied", f"duplicate of #{a.id}")]


def test_cli_add_json(services, make_matter, tmp_path):
    number = make_matter()
    src = _file(tmp_path, "log.txt", b"release log\n")
    res = runner.invoke(
        app,
        [
            "evidence",
            "add",
            number,
            str(src),
            "--kind",
            "release-log",
            "--proves",
            "V8",
            "--proves",
            "no-E2",
            "--obtained",
            "2026-04-02",
            "--source",
            "FOI",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"id", "sha256", "path"}
    assert data["sha256"] == hashlib.sha256(b"release log\n").hexdigest()
    assert Path(data["path"]).read_bytes() == b"release log\n"


# --- bad input ------------------------------------------------------------------------------


def _assert_nothing_recorded(services):
    assert _count(services, Evidence) == 0
    assert _count(services, EvidenceCustody) == 0
    assert _vault_files(services) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{matter}", "{missing}", "--kind", "detainer"], "does not exist"),
        (["{matter}", "{dir}", "--kind", "detainer"], "folder"),
        (["TA-1999-9999", "{file}", "--kind", "detainer"], "no matter"),
        (["{matter}", "{file}", "--kind", "selfie"], "unknown evidence kind"),
        (["{matter}", "{file}", "--kind", "other", "--obtained", "2026-02-30"], "not a real date"),
        (["{matter}", "{file}", "--kind", "detainer", "--proves", "V9"], "unknown violation"),
        (["{matter}", "{file}", "--kind", "detainer", "--proves", "E1"], "no-E1"),
        (["{matter}", "{file}", "--kind", "detainer", "--incident", "999"], "incident #999"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_recorded(
    services, make_matter, tmp_path, args, message
):
    number = make_matter(client_name="Secret Clientname")
    secret_dir = tmp_path / "Secret Clientname"
    secret_dir.mkdir()
    src = _file(secret_dir, "Secret Clientname detainer.pdf", b"x")
    values = {
        "matter": number,
        "missing": str(secret_dir / "nope.pdf"),
        "dir": str(secret_dir),
        "file": str(src),
    }
    res = runner.invoke(app, ["evidence", "add", *[a.format(**values) for a in args]])
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert message in lines[0]
    assert "Secret" not in res.output + res.stderr
    _assert_nothing_recorded(services)


def test_unreadable_file(services, make_matter, tmp_path, monkeypatch):
    number = make_matter()
    src = _file(tmp_path, "locked.pdf", b"x")
    src.chmod(0)
    if os.geteuid() == 0:  # root reads anything: simulate the refusal

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(ev.vault, "open", refuse, raising=False)
    with pytest.raises(InvalidInput, match="not readable"):
        ev.add_evidence(services, number, src, kind="detainer")
    _assert_nothing_recorded(services)


def test_failed_transaction_removes_new_file(services, make_matter, tmp_path, monkeypatch):
    number = make_matter()
    src = _file(tmp_path, "a.pdf", b"content that must not stay")

    def boom(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("casekit.services.evidence.add.record_custody", boom)
    with pytest.raises(RuntimeError):
        ev.add_evidence(services, number, src, kind="detainer")
    _assert_nothing_recorded(services)


def test_failed_duplicate_keeps_the_shared_file(services, make_matter, tmp_path, monkeypatch):
    number = make_matter()
    first = ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"shared"), kind="other")
    monkeypatch.setattr(
        "casekit.services.evidence.add.record_custody",
        lambda *a, **k: (_ for _ in ()).throw(RuntimeError()),
    )
    with pytest.raises(RuntimeError):
        ev.add_evidence(services, number, _file(tmp_path, "b.pdf", b"shared"), kind="other")
    assert Path(first.path).read_bytes() == b"shared"
    assert _count(services, Evidence) == 1


def test_tampered_vault_copy_refuses_new_receipt(services, make_matter, tmp_path):
    number = make_matter()
    first = ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"orig"), kind="other")
    stored = Path(first.path)
    stored.chmod(0o600)
    stored.write_bytes(b"forged")
    with pytest.raises(IntegrityError):
        ev.add_evidence(services, number, _file(tmp_path, "b.pdf", b"orig"), kind="other")
    assert _count(services, Evidence) == 1


# --- verify ---------------------------------------------------------------------------------


def _two_items(services, make_matter, tmp_path):
    number = make_matter()
    a = ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"aaa"), kind="detainer")
    b = ev.add_evidence(services, number, _file(tmp_path, "b.pdf", b"bbb"), kind="other")
    return number, a, b


def test_verify_ok(services, make_matter, tmp_path):
    number, a, b = _two_items(services, make_matter, tmp_path)
    res = runner.invoke(app, ["evidence", "verify", number, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"id": a.id, "status": "ok"}, {"id": b.id, "status": "ok"}]
    assert [e.action for e in ev.custody_log(services, a.id)] == ["received", "verified"]


def test_verify_detects_tampering(services, make_matter, tmp_path):
    number, a, b = _two_items(services, make_matter, tmp_path)
    stored = Path(a.path)
    stored.chmod(0o600)  # stored copies are read-only
    with open(stored, "ab") as fh:
        fh.write(b"!")
    res = runner.invoke(app, ["evidence", "verify", number, "--json"])
    assert res.exit_code == 1
    assert json.loads(res.stdout) == [
        {"id": a.id, "status": "modified"},
        {"id": b.id, "status": "ok"},
    ]
    assert ev.custody_log(services, a.id)[-1].detail == "modified"


def test_verify_detects_loss(services, make_matter, tmp_path):
    number, a, b = _two_items(services, make_matter, tmp_path)
    Path(b.path).unlink()
    res = runner.invoke(app, ["evidence", "verify", "--json"])  # every matter
    assert res.exit_code == 1
    assert json.loads(res.stdout) == [
        {"id": a.id, "status": "ok"},
        {"id": b.id, "status": "missing"},
    ]
    with pytest.raises(IntegrityError):
        ev.view_evidence(services, b.id)


def test_verify_unknown_matter(services):
    res = runner.invoke(app, ["evidence", "verify", "TA-1900-0001"])
    assert res.exit_code == 2 and "no matter" in res.stderr


# --- custody log, view, list ----------------------------------------------------------------


def test_view_and_log_cli(services, make_matter, tmp_path):
    number, a, _ = _two_items(services, make_matter, tmp_path)
    res = runner.invoke(app, ["evidence", "view", str(a.id), "--purpose", "draft complaint"])
    assert res.exit_code == 0 and res.stdout.strip() == a.path
    res = runner.invoke(app, ["evidence", "log", str(a.id), "--json"])
    entries = json.loads(res.stdout)
    assert [e["action"] for e in entries] == ["received", "viewed"]
    # Connecticut time, like the notes: the JSON carries the offset, the text the zone.
    assert entries[0]["at"][-6:] in ("-05:00", "-04:00")
    text = runner.invoke(app, ["evidence", "log", str(a.id)]).stdout
    assert " EST " in text or " EDT " in text
    assert entries[1]["detail"] == "draft complaint"
    assert {"at", "actor", "action", "from", "to"} <= set(entries[0])
    res = runner.invoke(app, ["evidence", "list", number, "--json"])
    listed = json.loads(res.stdout)
    assert [i["custody_entries"] for i in listed] == [2, 1]
    assert runner.invoke(app, ["evidence", "log", "424242"]).exit_code == 2
    assert runner.invoke(app, ["evidence", "list", number]).exit_code == 0


# --- element map ----------------------------------------------------------------------------


def test_element_map(services, make_matter, tmp_path):
    number = make_matter(violations=("V1", "V2_NOTIFY_RELEASE"), judicial_warrant=False)
    d = ev.add_evidence(
        services,
        number,
        _file(tmp_path, "d.pdf", b"detainer"),
        kind="detainer",
        proves=["V1", "NOT_E1_JUDICIAL_WARRANT"],
    )
    c = ev.add_evidence(
        services,
        number,
        _file(tmp_path, "c.pdf", b"convictions"),
        kind="conviction-record",
        proves=["not-e2", "V4"],
    )
    emap = ev.element_map(services, number)
    assert emap.supported == [
        "V1_DETAIN_ON_DETAINER",
        "NOT_E1_JUDICIAL_WARRANT",
        "NOT_E2_QUALIFYING_CONVICTION",
    ]
    assert emap.unsupported == ["V2_NOTIFY_RELEASE", "NOT_E3_TSDB_MATCH"]
    assert emap.unrecorded == ("V4_ICE_INTERVIEW",)
    by_code = {e.code: e for e in emap.elements}
    assert by_code["V1_DETAIN_ON_DETAINER"].evidence_ids == (d.id,)
    assert by_code["NOT_E2_QUALIFYING_CONVICTION"].evidence_ids == (c.id,)
    assert "communication" in by_code["V2_NOTIFY_RELEASE"].typical_kinds

    res = runner.invoke(app, ["evidence", "elements", number, "--json"])
    data = json.loads(res.stdout)
    assert data["supported"] == emap.supported and data["unsupported"] == emap.unsupported
    assert runner.invoke(app, ["evidence", "elements", number]).exit_code == 0


def test_element_map_notes_recorded_exception(services, make_matter):
    number = make_matter(judicial_warrant=True)
    emap = ev.element_map(services, number)
    note = {e.code: e.note for e in emap.elements}["NOT_E1_JUDICIAL_WARRANT"]
    assert "judicial warrant" in note


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("v3", "V3_ADMIN_WARRANT"),
        ("no-E1", "NOT_E1_JUDICIAL_WARRANT"),
        ("NOT_E2", "NOT_E2_QUALIFYING_CONVICTION"),
        ("not_e3_tsdb_match", "NOT_E3_TSDB_MATCH"),
    ],
)
def test_proves_codes_normalized(raw, code):
    assert ev.normalize_proves([raw]) == (code,)


@pytest.mark.parametrize("raw", ["E2", "no-E9", "NOT_E1_SOMETHING", "X1"])
def test_bad_proves_codes(raw):
    with pytest.raises(InvalidInput):
        ev.normalize_proves([raw])


# --- export ---------------------------------------------------------------------------------


def test_export_without_sensitive_fields(services, make_matter, tmp_path):
    number = make_matter(
        client_name="Juana Nadie",
        a_number="A987654321",
        immigration_status="TPS",
        date_of_birth=date(1988, 1, 2),
    )
    a = ev.add_evidence(
        services,
        number,
        _file(tmp_path, "=cmd.pdf", b"aaa"),
        kind="detainer",
        source="FOI",
        obtained_on=date(2026, 4, 1),
    )
    ev.add_evidence(services, number, _file(tmp_path, "b.pdf", b"aaa"), kind="other")
    dest = tmp_path / "out"
    res = runner.invoke(app, ["evidence", "export", number, str(dest)])
    assert res.exit_code == 0, res.output

    assert _mode(dest) == 0o700
    files = sorted(p.name for p in dest.iterdir())
    assert "manifest.csv" in files and len(files) == 3
    for p in dest.iterdir():
        assert _mode(p) & 0o077 == 0
    with open(dest / "manifest.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2
    row = rows[0]
    assert row["id"] == str(a.id) and row["kind"] == "detainer"
    assert row["sha256"] == a.sha256 and row["obtained"] == "2026-04-01"
    assert row["source"] == "FOI" and row["custody_entries"] == "1"
    assert row["original_name"] == "'=cmd.pdf"  # never a spreadsheet formula
    assert row["custody_summary"].startswith("received ")
    assert hashlib.sha256((dest / row["file"]).read_bytes()).hexdigest() == a.sha256
    assert not {"client_a_number", "client_immigration_status", "client_date_of_birth"} & set(row)
    everything = b"".join(p.read_bytes() for p in dest.iterdir())
    for secret in (b"A987654321", b"TPS", b"1988-01-02"):
        assert secret not in everything
    assert ev.custody_log(services, a.id)[-1].action == "exported"


def test_export_with_sensitive_fields(services, make_matter, tmp_path):
    number = make_matter(a_number="A987654321")
    ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"aaa"), kind="detainer")
    dest = tmp_path / "out"
    ev.export_evidence(services, number, dest, include_sensitive=True)
    with open(dest / "manifest.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["client_a_number"] == "A987654321"


def test_export_refuses_non_empty_dir(services, make_matter, tmp_path):
    number = make_matter()
    ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"aaa"), kind="detainer")
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "keep.txt").write_text("x")
    res = runner.invoke(app, ["evidence", "export", number, str(dest)])
    assert res.exit_code == 2 and "not empty" in res.stderr
    assert sorted(p.name for p in dest.iterdir()) == ["keep.txt"]


def test_export_of_tampered_item_leaves_nothing(services, make_matter, tmp_path):
    number = make_matter()
    a = ev.add_evidence(services, number, _file(tmp_path, "a.pdf", b"aaa"), kind="detainer")
    ev.add_evidence(services, number, _file(tmp_path, "b.pdf", b"bbb"), kind="other")
    Path(a.path).chmod(0o600)
    Path(a.path).write_bytes(b"forged")
    dest = tmp_path / "out"
    with pytest.raises(IntegrityError):
        ev.export_evidence(services, number, dest)
    assert not dest.exists()
    assert [e.action for e in ev.custody_log(services, a.id)] == ["received"]


def test_export_unknown_matter(services, tmp_path):
    with pytest.raises(NotFound):
        ev.export_evidence(services, "TA-1900-0001", tmp_path / "out")
    assert not (tmp_path / "out").exists()
