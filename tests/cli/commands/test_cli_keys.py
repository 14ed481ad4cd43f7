"""``casekit key …`` and ``casekit audit …``; one-line errors for a missing or wrong key."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casekit.store import crypto, keys

from .conftest import ok_json, one_line_error

ADD = ("client", "add", "--name", "Rosa Díaz", "--a-number", "A-201-555-731", "--dob",
       "1987-03-14", "--immigration-status", "TPS pending", "--phone", "203-555-0100")  # fmt: skip


def _client(cli: Callable[..., Any]) -> int:
    return int(ok_json(cli(*ADD, "--json"))["id"])


def test_show_by_a_number_and_sensitive_only_when_asked(cli: Callable[..., Any]) -> None:
    client_id = _client(cli)
    plain = cli("client", "show", "A201555731")
    assert plain.exit_code == 0 and "Rosa Díaz" in plain.stdout
    assert "A201555731" not in plain.stdout and "TPS" not in plain.stdout
    full = ok_json(cli("client", "show", str(client_id), "--include-sensitive", "--json"))
    assert (full["a_number"], full["date_of_birth"], full["immigration_status"]) == (
        "A201555731",
        "1987-03-14",
        "TPS pending",
    )
    duplicate = one_line_error(cli(*ADD, "--yes"))
    assert f"already recorded (id {client_id})" in duplicate and "201555731" not in duplicate


def test_missing_key_is_one_line_and_writes_nothing(
    cli: Callable[..., Any], key_file: Path, services: Any
) -> None:
    _client(cli)
    services.dispose()
    key_file.unlink()
    before = _counts(services.settings.sqlite_path)
    for args in (("client", "list"), ("client", "add", "--name", "Ana"), ("audit", "verify")):
        line = one_line_error(cli(*args))
        assert line == (
            "error: the encryption key is missing: set CASEKIT_KEY_FILE to this database's key "
            f"file (key id {_db_kid(services.settings.sqlite_path)}) or restore it with "
            "`casekit key import-escrow FILE`"
        )
    assert _counts(services.settings.sqlite_path) == before
    assert not key_file.exists()  # and no second key was made


def test_wrong_key_is_one_line_and_writes_nothing(
    cli: Callable[..., Any], key_file: Path, services: Any
) -> None:
    _client(cli)
    services.dispose()
    ring = keys.KeyRing({}, "", keys.KeyLocation("file", key_file))
    ring.add(crypto.new_master_key(), activate=True)
    key_file.unlink()
    keys.save(ring)
    before = _counts(services.settings.sqlite_path)
    line = one_line_error(cli("client", "add", "--name", "Ana"))
    assert line.startswith("error: the encryption key does not match this database")
    assert _counts(services.settings.sqlite_path) == before
    status = cli("key", "status", "--json")
    assert status.exit_code == 1 and json.loads(status.stdout)["state"] == "mismatch"


def _counts(path: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(path)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
            for t in ("client", "auditevent", "encryptionkey")
        )
    finally:
        conn.close()


def _db_kid(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT kid FROM encryptionkey WHERE current").fetchone()[0])
    finally:
        conn.close()


def test_key_init_never_overwrites(
    cli: Callable[..., Any], key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = key_file.read_bytes()
    cli("client", "list")  # first use: the database registers the key
    assert "already uses your key" in one_line_error(cli("key", "init"))
    monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / "no-database-yet"))
    monkeypatch.delenv("CASEKIT_DATABASE_URL")
    assert "never overwrites a key" in one_line_error(cli("key", "init"))
    assert key_file.read_bytes() == before


def test_key_status_rotate_and_escrow_round_trip(
    cli: Callable[..., Any], key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client_id = _client(cli)
    status = ok_json(cli("key", "status", "--json"))
    assert status["state"] == "ok" and status["location"] == str(key_file)
    assert status["database_current"] in status["local_keys"]

    rotated = ok_json(cli("key", "rotate", "--json"))
    assert rotated["values"] == 3 and rotated["old_key_id"] == status["database_current"]
    assert ok_json(cli("key", "status", "--json"))["database_current"] == rotated["new_key_id"]

    monkeypatch.setenv("CASEKIT_ESCROW_PASSPHRASE", "correct horse battery staple")
    escrow = tmp_path / "escrow.json"
    exported = ok_json(cli("key", "export-escrow", str(escrow), "--json"))
    assert set(exported["key_ids"]) == {rotated["old_key_id"], rotated["new_key_id"]}
    key_file.unlink()
    one_line_error(cli("client", "show", str(client_id), "--include-sensitive"))
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text("correct horse battery staple\n")
    monkeypatch.delenv("CASEKIT_ESCROW_PASSPHRASE")
    imported = ok_json(
        cli("key", "import-escrow", str(escrow), "--passphrase-file", str(passphrase), "--json")
    )
    assert set(imported["added"]) == set(exported["key_ids"])
    shown = ok_json(cli("client", "show", str(client_id), "--include-sensitive", "--json"))
    assert shown["a_number"] == "A201555731"


def test_audit_verify_and_list(cli: Callable[..., Any], services: Any) -> None:
    client_id = _client(cli)
    ok = cli("audit", "verify")
    assert ok.exit_code == 0 and ok.stdout.startswith("audit log intact:")

    listed = ok_json(cli("audit", "list", "--entity", "client", "--id", str(client_id), "--json"))
    [create] = listed
    assert create["changes"]["name"]["after"] == "[encrypted]"
    assert create["changes"]["a_number"]["after"] == "[redacted]"
    assert "Rosa" not in json.dumps(listed, ensure_ascii=False)
    opened = ok_json(cli("audit", "list", "--entity", "client", "--include-sensitive", "--json"))
    assert opened[0]["changes"]["name"]["after"] == "Rosa Díaz"
    assert opened[0]["changes"]["a_number"]["after"] == "[redacted]"  # never recorded at all

    path = services.settings.sqlite_path
    services.dispose()
    conn = sqlite3.connect(path)
    victim = conn.execute("SELECT id FROM auditevent ORDER BY seq LIMIT 1 OFFSET 1").fetchone()[0]
    conn.execute("DROP TRIGGER auditevent_no_update")
    conn.execute("UPDATE auditevent SET action = 'delete' WHERE id = ?", (victim,))
    conn.commit()
    conn.close()
    broken = cli("audit", "verify")
    line = one_line_error(broken, code=1)
    assert f"broken at event {victim}" in line and "Rosa" not in line
    report = cli("audit", "verify", "--json")
    assert report.exit_code == 1 and json.loads(report.stdout)["first_bad_id"] == victim
