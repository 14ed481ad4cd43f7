"""Fixtures for the office tests: a home with real rows and files, archives, subprocess runs.

``office_data(svc)`` fills a database the way users do: a client and a matter, a generated
document (firm settings set), an evidence item, the firm's own template, ``config.toml``,
``rules.local.toml`` and ``law.local.toml``. ``run_casekit(env, *args)`` runs the real command
in a subprocess (the crash tests kill it with SIGKILL).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casekit.config import Settings, write_private_file
from casekit.services.base import AppContext

TODAY = date(2026, 3, 15)
FIRM = {
    "firm.name": "Smith & Jones LLP",
    "firm.address": "100 Pearl Street, Hartford, CT 06103",
    "firm.juris_number": "123456",
}
RULES = b'[rules.CT_7465_NOTICE]\nnote = "checked 2026"\n'
LAW = b"# law pack overrides (empty)\n"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setenv("CASEKIT_TODAY", TODAY.isoformat())
    return TODAY


@dataclass(frozen=True)
class OfficeData:
    """What :func:`office_data` made."""

    matter: str
    document: Path
    evidence_id: int
    evidence_sha: str


def office_data(svc: AppContext, tmp_path: Path, *, name: str = "José Núñez") -> OfficeData:
    from casekit.services import clients, documents, evidence, matters
    from casekit.services.office import set_setting

    for key, value in FIRM.items():
        set_setting(svc, key, value)
    client = clients.add_client(svc, name=name)
    matter = matters.add_matter(
        svc,
        client=str(client.id),
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    )
    doc = documents.generate(svc, "demand-letter", matter.number)
    source = tmp_path / f"detainer-{name[:4]}.pdf"
    source.write_bytes(b"%PDF detainer scan " + name.encode())
    item = evidence.add_evidence(svc, matter.number, source, kind="detainer")
    home = svc.settings.home
    write_private_file(home / "templates" / "demand-letter.docx", doc.path.read_bytes())
    write_private_file(home / "config.toml", b"[ui]\ntheme = 'dark'\n")
    write_private_file(home / "rules.local.toml", RULES)
    write_private_file(home / "law.local.toml", LAW)
    return OfficeData(matter.number, Path(doc.path), item.id, item.sha256)


def sqlite_services(home: Path, *, files: Path | None = None) -> AppContext:
    return AppContext(
        Settings(
            home=home,
            database_url=f"sqlite:///{home / 'casekit.sqlite'}",
            actor="tester",
            files=files,
        )
    )


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]


def rewrite(path: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of the archive with ``change(name, data) -> data | None`` applied to members."""
    with tarfile.open(path, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            new = change(member.name, data)
            if new is None:
                continue
            info = tarfile.TarInfo(member.name)
            info.size = len(new)
            info.mode = member.mode
            dst.addfile(info, io.BytesIO(new))
    return target


def add_member(tar: tarfile.TarFile, name: str, data: bytes = b"x", **fields: Any) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data) if fields.get("type", tarfile.REGTYPE) == tarfile.REGTYPE else 0
    for key, value in fields.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(data) if info.size else None)


def run_casekit(
    env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``casekit ARGS`` in a fresh process with exactly ``env`` on top of this one's."""
    full = dict(os.environ)
    for key in ("CASEKIT_DATABASE_URL", "CASEKIT_FILES", "CASEKIT_TEST_CRASH_AT"):
        full.pop(key, None)
    full.update(env)
    return subprocess.run(
        [sys.executable, "-c", "from casekit.cli import main; main()", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (relative POSIX path → bytes)."""
    out: dict[str, bytes] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out
