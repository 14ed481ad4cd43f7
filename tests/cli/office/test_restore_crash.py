"""A restore killed at any point (SIGKILL) blocks every command until it is finished or undone.

Each test restores with ``CASEKIT_TEST_CRASH_AT=<point>`` in a subprocess, then proves that the
next command refuses (and creates no database), that ``--resume`` ends with exactly the
archive's data and that ``--rollback`` ends with exactly the data from before.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import pytest

from casekit.config import write_private_file
from casekit.services import clients
from casekit.services import office as backup
from tests.clirun import run_casekit
from tests.factories import office_data, sqlite_services, tree

POINTS = [
    "staged",
    "marked",
    "aside:casekit.sqlite",
    "switched:casekit.sqlite",
    "aside:documents",
    "switched:documents",
    "switched:evidence",
    "switched:rules.local.toml",
    "switched",
    "done",
]


@pytest.fixture(scope="module")
def archives(
    tmp_path_factory: pytest.TempPathFactory, _session_key_ring: bytes
) -> tuple[Path, Path]:
    """``(old, new)``: two homes' archives; the test home starts as ``old``.

    Made before any test's own environment exists (a module fixture), so it sets up the
    session's test key itself: never the user's own key file or keyring.
    """
    from casekit.services.setup import upgrade_database

    outside = tmp_path_factory.mktemp("outside")
    key_file = outside / "key.json"
    key_file.write_bytes(_session_key_ring)
    key_file.chmod(0o600)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CASEKIT_KEY_FILE", str(key_file))
        patch.setenv("XDG_CONFIG_HOME", str(outside / "config"))
        patch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
        return _make_archives(tmp_path_factory, upgrade_database)


def _make_archives(
    tmp_path_factory: pytest.TempPathFactory, upgrade_database: Any
) -> tuple[Path, Path]:
    made = []
    for name in ("Old Client", "New Client"):
        base = tmp_path_factory.mktemp(name.split()[0].lower())
        svc = sqlite_services(base / "home")
        upgrade_database(svc)
        office_data(svc, base, name=name)
        if name.startswith("New"):
            write_private_file(svc.settings.home / "rules.local.toml", b"# new rules\n")
        made.append(Path(backup.backup(svc, output=base / "b.tar.gz").path))
        svc.dispose()
    return made[0], made[1]


def _state(home: Path) -> tuple[list[str], dict[str, bytes], dict[str, bytes]]:
    svc = sqlite_services(home)
    try:
        names = [c.name for c in clients.list_clients(svc)]
    finally:
        svc.dispose()
    files = {k: v for k, v in tree(home).items() if k.split("/")[0] in ("documents", "evidence")}
    config = {
        k: v for k, v in tree(home).items() if k.endswith(".toml") or k.startswith("templates/")
    }
    return names, files, config


@pytest.mark.parametrize("point", POINTS)
@pytest.mark.parametrize("finish", ["resume", "rollback"])
def test_killed_restore_blocks_then_resumes_or_rolls_back(
    archives: tuple[Path, Path], tmp_path: Path, point: str, finish: str
) -> None:
    old, new = archives
    home = tmp_path / "home"
    env = {"CASEKIT_HOME": str(home), "CASEKIT_TODAY": "2026-03-15"}
    assert run_casekit(env, "restore", str(old)).returncode == 0
    before = _state(home)
    assert before[0] == ["Old Client"]

    killed = run_casekit({**env, "CASEKIT_TEST_CRASH_AT": point}, "restore", str(new), "--force")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    marker = home / "RESTORE-IN-PROGRESS.json"
    if point == "staged":  # nothing was switched yet: no marker, the old data is untouched
        assert not marker.exists()
        assert run_casekit(env, "client", "list").returncode == 0
        assert _state(home) == before
        return
    assert marker.exists()
    db_there = (home / "casekit.sqlite").exists()
    for args in (("client", "list"), ("matter", "list"), ("backup",), ("restore", str(new))):
        blocked = run_casekit(env, *args)
        assert blocked.returncode == 2, (args, blocked.stdout, blocked.stderr)
        assert "restore --resume" in blocked.stderr and "--rollback" in blocked.stderr
        assert "Traceback" not in blocked.stderr
    # No command created an empty database where the restored one belongs.
    assert (home / "casekit.sqlite").exists() == db_there

    done = run_casekit(env, "restore", f"--{finish}")
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert not [p.name for p in home.iterdir() if p.name.startswith(".restore-")]
    after = _state(home)
    if finish == "rollback":
        assert after == before
    else:
        assert after[0] == ["New Client"]
        assert after[2]["rules.local.toml"] == b"# new rules\n"
        assert run_casekit(env, "evidence", "verify").returncode == 0
        listed = run_casekit(env, "documents", "list", "TA-2026-0001", "--json")
        assert '"status": "ok"' in listed.stdout


def test_resume_and_rollback_without_an_unfinished_restore_say_so(tmp_path: Path) -> None:
    env = {"CASEKIT_HOME": str(tmp_path / "home")}
    for flag in ("--resume", "--rollback"):
        result = run_casekit(env, "restore", flag)
        assert result.returncode == 2 and "no unfinished restore" in result.stderr
    assert not (tmp_path / "home" / "casekit.sqlite").exists()
