"""init, db upgrade, settings, attorney, demo, backup and restore from the command line."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from cli.commands.conftest import ok_json, one_line_error


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_and_upgrade(run, casekit_home: Path) -> None:
    status = ok_json(run("init", "--json"))
    assert status["home"] == str(casekit_home) and status["revision"] == status["head"]
    assert mode(casekit_home) == 0o700
    assert mode(casekit_home / "casekit.sqlite") == 0o600
    assert mode(casekit_home / "documents") == 0o700 and mode(casekit_home / "evidence") == 0o700
    again = run("db", "upgrade")
    assert again.exit_code == 0
    assert again.stdout.strip() == f"database already at revision {status['revision']}"


def test_first_command_migrates_sqlite(run, casekit_home: Path) -> None:
    assert ok_json(run("client", "list", "--json")) == []
    assert mode(casekit_home / "casekit.sqlite") == 0o600


@pytest.mark.postgres
def test_postgresql_needs_db_upgrade(run, pg_url: str, monkeypatch) -> None:
    monkeypatch.setenv("CASEKIT_DATABASE_URL", pg_url)
    assert "run casekit db upgrade" in one_line_error(run("client", "list"))
    assert run("db", "upgrade").exit_code == 0
    assert ok_json(run("client", "list", "--json")) == []


def test_settings(cli) -> None:
    assert cli("settings", "set", "firm.name", "Legal Aid of CT").stdout.strip() == (
        "firm.name = Legal Aid of CT"
    )
    shown = ok_json(cli("settings", "show", "--json"))
    assert shown["firm.name"] == "Legal Aid of CT" and shown["smtp.host"] == ""
    line = one_line_error(cli("settings", "set", "firm.colour", "blue"))
    assert "unknown setting 'firm.colour'" in line and "firm.juris_number" in line


def test_attorneys(cli) -> None:
    added = ok_json(
        cli("attorney", "add", "--name", "Dana Whitfield", "--juris", "412345", "--json")
    )
    assert added["name"] == "Dana Whitfield" and added["juris_number"] == "412345"
    rows = ok_json(cli("attorney", "list", "--json"))
    assert [a["name"] for a in rows] == ["Dana Whitfield"]
    assert "juris number" in one_line_error(
        cli("attorney", "add", "--name", "X Y", "--juris", "abc")
    )


def test_demo_is_deterministic_and_refuses_real_data(run, tmp_path: Path, monkeypatch) -> None:
    outputs = []
    for name in ("one", "two"):
        monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / name))
        summary = ok_json(run("demo", "--matters", "25", "--seed", "11", "--no-tui", "--json"))
        assert summary["matters"] == 25 and summary["created"] is True
        outputs.append(ok_json(run("matter", "list", "--json")))
    assert outputs[0] == outputs[1]
    text = run("demo", "--no-tui")  # already filled: nothing added, summary printed
    assert text.exit_code == 0 and "already filled" in text.stdout

    monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / "real"))
    assert run("client", "add", "--name", "Real Client").exit_code == 0
    line = one_line_error(run("demo", "--no-tui"))
    assert "holds real clients or matters" in line


def test_backup_and_restore(cli, casekit_home: Path, tmp_path: Path, monkeypatch) -> None:
    cli("client", "add", "--name", "José Núñez")
    made = ok_json(cli("backup", "--output", str(tmp_path / "b.tar.gz"), "--json"))
    assert made["path"] == str(tmp_path / "b.tar.gz") and made["files"] == 1
    assert "--force" in one_line_error(cli("restore", made["path"]))

    restored_home = tmp_path / "restored"
    monkeypatch.setenv("CASEKIT_HOME", str(restored_home))
    monkeypatch.delenv("CASEKIT_DATABASE_URL")
    result = ok_json(cli("restore", made["path"], "--json"))
    assert result["home"] == str(restored_home)
    assert [c["name"] for c in ok_json(cli("client", "list", "--json"))] == ["José Núñez"]

    tampered = tmp_path / "tampered.tar.gz"
    data = bytearray((tmp_path / "b.tar.gz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    monkeypatch.setenv("CASEKIT_HOME", str(tmp_path / "third"))
    line = one_line_error(cli("restore", str(tampered)))
    assert "nothing was restored" in line
    assert not (tmp_path / "third" / "casekit.sqlite").exists()


def test_json_output_is_valid_utf8(cli) -> None:
    cli("client", "add", "--name", "Nguyễn Văn An")
    out = cli("client", "list", "--json").stdout
    assert "Nguyễn Văn An" in out and json.loads(out)[0]["name"] == "Nguyễn Văn An"
