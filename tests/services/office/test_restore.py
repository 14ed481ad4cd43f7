"""casekit restore: verified before anything is touched, never outside its target, complete."""

from __future__ import annotations

import stat
import tarfile
from pathlib import Path

import pytest

from casekit.config import write_private_file
from casekit.errors import ConfigurationError, IntegrityError
from casekit.services import clients, documents, evidence, matters
from casekit.services import office as backup
from casekit.services.base import AppContext
from tests.factories import (
    LAW,
    RULES,
    add_member,
    members,
    office_data,
    rewrite,
    sqlite_services,
    tree,
)


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def archive(services: AppContext, tmp_path: Path) -> Path:
    office_data(services, tmp_path)
    return Path(backup.backup(services, output=tmp_path / "office.tar.gz").path)


def _untouched(home: Path) -> None:
    """A refused restore leaves nothing: no database, no stage, no marker, no files."""
    assert not (home / "casekit.sqlite").exists()
    assert not (home / "RESTORE-IN-PROGRESS.json").exists()
    leftovers = [p.name for p in home.iterdir()] if home.exists() else []
    assert not [n for n in leftovers if n.startswith(".restore-")], leftovers
    assert not (home / "documents").exists() or not any((home / "documents").iterdir())


def test_restored_home_finds_documents_evidence_templates_and_rules(
    services: AppContext, archive: Path, tmp_path: Path
) -> None:
    number = matters.list_matters(services)[0].number
    target = sqlite_services(tmp_path / "fresh")
    result = backup.restore(target, archive)
    assert (
        result.replaced is None and result.files == len(members(archive)) - 2
    )  # both MANIFEST files
    home = target.settings.home
    [doc] = documents.list_documents(target, number)
    assert doc.status == "ok" and Path(doc.path).is_relative_to(home)
    assert [r.status for r in evidence.verify_evidence(target)] == ["ok"]
    [blob] = [p for p in (home / "evidence").rglob("*") if p.is_file()]
    assert stat.S_IMODE(blob.stat().st_mode) == 0o400
    assert stat.S_IMODE((home / "casekit.sqlite").stat().st_mode) == 0o600
    assert (home / "rules.local.toml").read_bytes() == RULES
    assert (home / "law.local.toml").read_bytes() == LAW
    assert (home / "templates" / "demand-letter.docx").is_file()
    assert not [p for p in home.iterdir() if p.name.startswith(".restore-")]
    target.dispose()


def test_refuses_to_replace_data_without_force_and_keeps_it_aside_with_force(
    services: AppContext, archive: Path
) -> None:
    home = services.settings.home
    clients.add_client(services, name="Added After Backup")
    write_private_file(home / "extra.local.toml", b"# added after the backup\n")
    write_private_file(home / "rules.local.toml", b"# changed after the backup\n")
    with pytest.raises(ConfigurationError, match="--force"):
        backup.restore(services, archive)
    assert len(clients.list_clients(services)) == 2  # untouched

    result = backup.restore(services, archive, force=True)
    assert result.replaced is not None
    kept = Path(result.replaced)
    assert (kept / "casekit.sqlite").exists() and (kept / "documents").is_dir()
    # Rules and config are the archive's: a file the archive lacks is moved aside, not kept.
    assert (home / "rules.local.toml").read_bytes() == RULES
    assert not (home / "extra.local.toml").exists()
    assert (kept / "extra.local.toml").read_bytes() == b"# added after the backup\n"
    assert [c.name for c in clients.list_clients(services)] == ["José Núñez"]


def test_tampered_archive_is_refused_and_nothing_touched(archive: Path, tmp_path: Path) -> None:
    target = sqlite_services(tmp_path / "fresh")

    def forge(name: str, data: bytes) -> bytes:
        return b"forged" + data[6:] if name.startswith("documents/") else data

    def grow(name: str, data: bytes) -> bytes:
        return data + b"!" if name.startswith("evidence/") else data

    for bad in (
        rewrite(archive, tmp_path / "forged.tar.gz", forge),
        rewrite(archive, tmp_path / "grown.tar.gz", grow),
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
        _untouched(target.settings.home)
    (tmp_path / "garbage.tar.gz").write_bytes(b"not a tar file")
    with pytest.raises(IntegrityError, match="not a readable casekit backup"):
        backup.restore(target, tmp_path / "garbage.tar.gz")
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(IntegrityError):
        backup.restore(target, truncated)
    _untouched(target.settings.home)


EVIL = [
    ("../outside", {}),
    ("/etc/casekit-evil", {}),
    ("documents/../../outside", {}),
    ("documents/./x", {}),
    ("other/file", {}),
    ("documents/link", {"type": tarfile.SYMTYPE, "linkname": "/etc/passwd"}),
    ("documents/hard", {"type": tarfile.LNKTYPE, "linkname": "casekit.sqlite"}),
    ("documents/dev", {"type": tarfile.CHRTYPE, "devmajor": 1, "devminor": 3}),
    ("documents/fifo", {"type": tarfile.FIFOTYPE}),
    ("documents/.incoming-x", {}),
    ("documents/TA-1/a\nb.docx", {}),
]


@pytest.mark.parametrize(("name", "fields"), EVIL, ids=[e[0] for e in EVIL])
def test_unsafe_members_are_refused_before_anything_is_extracted(
    archive: Path, tmp_path: Path, name: str, fields: dict[str, object]
) -> None:
    """The evil member comes after good ones: still, not a single byte is written."""
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(evil, "w:gz") as dst:
        for member in src:
            dst.addfile(member, src.extractfile(member))
        add_member(dst, name, b"evil", **fields)
    target = sqlite_services(tmp_path / "fresh" / "home")
    with pytest.raises(IntegrityError, match="nothing was restored"):
        backup.restore(target, evil)
    _untouched(target.settings.home)
    assert not (tmp_path / "outside").exists()
    assert not (tmp_path / "fresh" / "outside").exists()


def test_extraction_is_size_capped(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = sqlite_services(tmp_path / "fresh")
    monkeypatch.setenv("CASEKIT_RESTORE_MAX_BYTES", "1000")
    with pytest.raises(IntegrityError, match="more than 1,000 bytes"):
        backup.restore(target, archive)
    _untouched(target.settings.home)
    monkeypatch.setenv("CASEKIT_RESTORE_MAX_BYTES", "lots")
    with pytest.raises(ConfigurationError, match="CASEKIT_RESTORE_MAX_BYTES"):
        backup.restore(target, archive)


def test_a_member_longer_than_the_manifest_says_is_refused(archive: Path, tmp_path: Path) -> None:
    """A zip-bomb-like lie: the header says more bytes than the manifest lists."""
    bomb = tmp_path / "bomb.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(bomb, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("evidence/"):
                data = data + b"\0" * 1_000_000
                member.size = len(data)
            import io

            dst.addfile(member, io.BytesIO(data))
    target = sqlite_services(tmp_path / "fresh")
    with pytest.raises(IntegrityError, match="altered"):
        backup.restore(target, bomb)
    _untouched(target.settings.home)


def test_restore_of_an_archive_without_templates_or_rules_removes_the_current_ones(
    services: AppContext, tmp_path: Path
) -> None:
    clients.add_client(services, name="Ana Ruiz")
    bare = Path(backup.backup(services, output=tmp_path / "bare.tar.gz").path)
    assert set(members(bare)) == {"casekit.sqlite", "MANIFEST.json", "MANIFEST.mac"}
    target = sqlite_services(tmp_path / "fresh")
    home = target.settings.home
    write_private_file(home / "rules.local.toml", b"# stale\n")
    write_private_file(home / "templates" / "x.docx", b"stale")
    with pytest.raises(ConfigurationError, match="--force"):  # a firm's template is data
        backup.restore(target, bare)
    backup.restore(target, bare, force=True)
    assert not (home / "rules.local.toml").exists()
    assert tree(home / "templates") == {}
    target.dispose()
