"""The office commands from the command line: one-line errors, SQLite refusals, flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import clirun

run = clirun.cli


def one_line(result: object, code: int = 2) -> str:
    return clirun.one_line_error(result, code=code)


@pytest.mark.parametrize(
    "args",
    [
        ("users", "setup"),
        ("users", "add", "maria", "--group", "attorney"),
        ("users", "grant", "maria", "attorney"),
        ("users", "revoke", "maria", "--matter", "TA-2026-0001"),
        ("users", "list"),
        ("matter", "restrict", "TA-2026-0001", "--team", "maria"),
        ("matter", "unrestrict", "TA-2026-0001"),
    ],
)
def test_users_and_walls_need_postgresql(args: tuple[str, ...], casekit_home: Path) -> None:
    assert "need PostgreSQL" in one_line(run(*args))


def test_grant_needs_a_group_or_a_matter_not_both(casekit_home: Path) -> None:
    assert "either a GROUP or --matter" in one_line(run("users", "grant", "maria"))
    line = one_line(run("users", "grant", "maria", "attorney", "--matter", "TA-2026-0001"))
    assert "either a GROUP or --matter" in line


def test_restore_flags(casekit_home: Path, tmp_path: Path) -> None:
    assert "name the backup file" in one_line(run("restore"))
    assert "not both" in one_line(run("restore", "--resume", "--rollback"))
    assert "take no archive" in one_line(run("restore", str(tmp_path / "x.tar.gz"), "--resume"))
    assert "does not exist" in one_line(run("restore", str(tmp_path / "x.tar.gz")))
    assert not (casekit_home / "casekit.sqlite").exists()


def test_backup_keep_and_files_sweep(casekit_home: Path, tmp_path: Path) -> None:
    assert run("client", "add", "--name", "Ana Ruiz").exit_code == 0  # type: ignore[attr-defined]
    for n in range(3):
        out = tmp_path / f"casekit-backup-2026010{n}T000000Z.tar.gz"
        out.write_bytes(b"old")
    made = run("backup", "--output", str(tmp_path), "--keep", "2", "--json")
    assert made.exit_code == 0, made.stderr  # type: ignore[attr-defined]
    data = json.loads(made.stdout)  # type: ignore[attr-defined]
    assert len(data["pruned"]) == 2
    assert len(list(tmp_path.glob("casekit-backup-*.tar.gz"))) == 2
    assert "--keep" in one_line(run("backup", "--keep", "0"))
    swept = run("files", "sweep", "--json")
    assert swept.exit_code == 0  # type: ignore[attr-defined]
    assert json.loads(swept.stdout)["full"] is True  # type: ignore[attr-defined]
