"""Temporary and orphan files are swept: when, how, and never what is still in use."""

from __future__ import annotations

import os
import time
from pathlib import Path

from casekit.config import write_private_file
from casekit.services import evidence
from casekit.services.base import AppContext
from casekit.services.documents import files
from tests.clirun import run_casekit
from tests.factories import office_data


def _age(path: Path, seconds: float = 2 * 3600) -> None:
    old = time.time() - seconds
    os.utime(path, (old, old))


def test_full_sweep_removes_old_temporary_files_and_orphans_only(
    services: AppContext, tmp_path: Path
) -> None:
    data = office_data(services, tmp_path)
    home = services.settings.home
    vault = services.settings.evidence_dir
    sha = "ab" + "1" * 62
    old_paths = [
        vault / ".incoming-old",
        home / ".backup-old",
        data.document.with_name(".x.docx.abc.tmp"),
        data.document.with_name("2026-03-01-complaint.docx"),  # orphan document
        vault / "ab" / sha,  # orphan evidence copy
    ]
    young = [vault / ".incoming-young", data.document.with_name("2026-03-02-complaint.docx")]
    for path in old_paths + young:
        write_private_file(path, b"leftover")
    for path in old_paths:
        _age(path)
    _age(data.document)  # referenced: kept however old
    result = files.full_sweep(services)
    assert (result.temporary, result.orphan_documents, result.orphan_evidence) == (3, 1, 1)
    assert not any(p.exists() for p in old_paths)
    assert all(p.exists() for p in young)
    assert data.document.exists()
    assert [r.status for r in evidence.verify_evidence(services)] == ["ok"]


def test_nothing_is_swept_while_a_restore_is_unfinished(
    services: AppContext, tmp_path: Path
) -> None:
    home = services.settings.home
    stray = home / ".backup-old"
    write_private_file(stray, b"x")
    _age(stray)
    write_private_file(home / "RESTORE-IN-PROGRESS.json", b"{}")
    assert files.quick_sweep(services.settings) == 0
    assert stray.exists()


def test_a_dead_restores_stage_goes_at_once_a_live_ones_stays(
    services: AppContext, tmp_path: Path
) -> None:
    import fcntl

    home = services.settings.home
    dead = home / ".restore-dead"
    live = home / ".restore-live"
    for stage in (dead, live):
        write_private_file(stage / "casekit.sqlite", b"client data")
        write_private_file(stage / files.STAGE_LOCK, b"")
    fd = os.open(live / files.STAGE_LOCK, os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert files.quick_sweep(services.settings) == 1
        assert not dead.exists() and live.exists()
    finally:
        os.close(fd)


def test_every_command_sweeps_at_start_and_the_full_sweep_runs_daily(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    env = {"CASEKIT_HOME": str(home)}
    assert run_casekit(env, "client", "list").returncode == 0
    stamp = home / files.SWEEP_STAMP
    assert stamp.exists()
    first = stamp.stat().st_mtime
    old_tmp = home / ".notes.tmp-4242"
    write_private_file(old_tmp, b"x")
    _age(old_tmp)
    deep = home / "documents" / "TA-2026-0001" / ".a.docx.q.tmp"
    write_private_file(deep, b"x")
    _age(deep)
    assert run_casekit(env, "client", "list").returncode == 0
    assert not old_tmp.exists()  # the quick sweep, every command
    assert deep.exists()  # the deep one waits for the daily sweep
    assert stamp.stat().st_mtime == first
    _age(stamp, 25 * 3600)
    assert run_casekit(env, "client", "list").returncode == 0
    assert not deep.exists()
