"""Configuration and private files: owner-only, atomic, and no surprise chmod of user folders."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from casekit import config
from casekit.errors import ConfigurationError


def test_write_private_file_is_owner_only_and_leaves_existing_folder_alone(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    os.chmod(shared, 0o755)
    config.write_private_file(shared / "report.md", b"data")
    assert (shared / "report.md").read_bytes() == b"data"
    assert (shared / "report.md").stat().st_mode & 0o777 == 0o600
    assert shared.stat().st_mode & 0o777 == 0o755
    assert [p.name for p in shared.iterdir()] == ["report.md"]  # no temp file left


def test_write_private_file_creates_missing_folders_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "f.txt"
    config.write_private_file(target, b"x")
    assert target.parent.stat().st_mode & 0o777 == 0o700


def test_ensure_home_is_owner_only(tmp_path: Path) -> None:
    settings = config.load_settings({"CASEKIT_HOME": str(tmp_path / "home")})
    config.ensure_home(settings)
    for folder in (settings.home, settings.documents_dir, settings.evidence_dir):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_settings_from_environment(tmp_path: Path) -> None:
    env = {"CASEKIT_HOME": str(tmp_path), "CASEKIT_USER": "paralegal"}
    settings = config.load_settings(env)
    assert settings.is_sqlite and settings.sqlite_path == tmp_path / "casekit.sqlite"
    assert settings.actor == "paralegal"
    pg = config.load_settings({**env, "CASEKIT_DATABASE_URL": "postgresql+psycopg://u@h/db"})
    assert not pg.is_sqlite and pg.sqlite_path is None


def test_today_can_be_pinned_and_must_be_a_date() -> None:
    assert config.today({"CASEKIT_TODAY": "2026-03-10"}) == date(2026, 3, 10)
    with pytest.raises(ConfigurationError, match="CASEKIT_TODAY"):
        config.today({"CASEKIT_TODAY": "2026-02-30"})
