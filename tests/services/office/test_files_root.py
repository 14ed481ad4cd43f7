"""The files root: relative paths, every user of the office finds the same files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from casekit.config import Settings, load_settings
from casekit.services import documents, evidence
from casekit.services.base import AppContext
from tests.factories import office_data


def test_settings_read_casekit_files(tmp_path: Path) -> None:
    env = {"CASEKIT_HOME": str(tmp_path / "home"), "CASEKIT_FILES": str(tmp_path / "share")}
    settings = load_settings(env)
    assert settings.files_root == tmp_path / "share"
    assert settings.documents_dir == tmp_path / "share" / "documents"
    assert settings.evidence_dir == tmp_path / "share" / "evidence"
    assert settings.rules_file == tmp_path / "home" / "rules.local.toml"
    plain = load_settings({"CASEKIT_HOME": str(tmp_path / "home")})
    assert plain.files_root == plain.home
    assert settings.resolve_file("documents/x.docx") == tmp_path / "share" / "documents" / "x.docx"
    assert settings.resolve_file("/elsewhere/y.docx") == Path("/elsewhere/y.docx")
    assert settings.relative_file(tmp_path / "share" / "documents" / "x.docx") == "documents/x.docx"
    assert settings.relative_file(tmp_path / "other.docx") == str(tmp_path / "other.docx")


def test_two_users_with_their_own_homes_share_one_files_root(
    services: AppContext, tmp_path: Path, db_url: str
) -> None:
    """Two people, one database, one shared folder: both see every file as it is."""
    share = tmp_path / "share"
    share.mkdir()
    first = AppContext(
        Settings(home=tmp_path / "maria", database_url=db_url, actor="maria", files=share)
    )
    data = office_data(first, tmp_path)
    with first.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT output_path FROM document")).scalar_one()
    assert stored == f"documents/{data.matter}/{data.document.name}"  # relative
    second = AppContext(
        Settings(home=tmp_path / "pedro", database_url=db_url, actor="pedro", files=share)
    )
    [doc] = documents.list_documents(second, data.matter)
    assert doc.status == "ok" and Path(doc.path) == data.document
    assert [r.status for r in evidence.verify_evidence(second)] == ["ok"]
    viewed = evidence.view_evidence(second, data.evidence_id, purpose="review")
    assert viewed.is_relative_to(share) and viewed.read_bytes().startswith(b"%PDF")
    # Someone with another files root (not the share mounted) sees the files as missing.
    stranger = AppContext(
        Settings(home=tmp_path / "x", database_url=db_url, actor="x", files=tmp_path / "x")
    )
    (tmp_path / "x").mkdir()
    assert [d.status for d in documents.list_documents(stranger, data.matter)] == ["missing"]
    for svc in (first, second, stranger):
        svc.dispose()


def test_a_shared_files_root_gives_the_office_group_access_and_others_none(
    tmp_path: Path,
) -> None:
    from casekit.services.setup import upgrade_database

    share = tmp_path / "share"
    share.mkdir()
    os.chmod(share, 0o2770)  # what the README tells an office to do (with chgrp)
    home = tmp_path / "home"
    svc = AppContext(
        Settings(
            home=home,
            database_url=f"sqlite:///{home / 'casekit.sqlite'}",
            actor="t",
            files=share,
        )
    )
    upgrade_database(svc)
    data = office_data(svc, tmp_path)
    folder = data.document.parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o2770
    assert stat.S_IMODE(data.document.stat().st_mode) == 0o660
    [blob] = [p for p in (share / "evidence").rglob("*") if p.is_file()]
    assert stat.S_IMODE(blob.stat().st_mode) == 0o440
    assert stat.S_IMODE(blob.parent.stat().st_mode) == 0o2770
    # A restore into another shared root keeps the same modes (and the group's setgid).
    from casekit.services import office as backup

    archive = backup.backup(svc, output=tmp_path / "b.tar.gz").path
    share2 = tmp_path / "share2"
    share2.mkdir()
    os.chmod(share2, 0o2770)
    target = AppContext(
        Settings(
            home=tmp_path / "home2",
            database_url=f"sqlite:///{tmp_path / 'home2' / 'casekit.sqlite'}",
            actor="t",
            files=share2,
        )
    )
    backup.restore(target, archive)
    restored = share2 / data.document.relative_to(share)
    assert stat.S_IMODE(restored.stat().st_mode) == 0o660
    assert stat.S_IMODE(restored.parent.stat().st_mode) == 0o2770
    assert stat.S_IMODE((share2 / blob.relative_to(share)).stat().st_mode) == 0o440
    target.dispose()
    # CASEKIT_HOME itself stays owner-only.
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "casekit.sqlite").stat().st_mode) == 0o600
    svc.dispose()


def test_a_missing_files_root_is_a_clear_error(tmp_path: Path) -> None:
    from casekit.errors import ConfigurationError
    from casekit.services.setup import open_services

    settings = Settings(
        home=tmp_path / "home",
        database_url=f"sqlite:///{tmp_path / 'home' / 'casekit.sqlite'}",
        actor="t",
        files=tmp_path / "not-mounted",
    )
    with pytest.raises(ConfigurationError, match="CASEKIT_FILES"):
        open_services(settings)
    assert not (tmp_path / "not-mounted").exists()
