"""A ``casekit demo`` killed half-way is finished by the next run."""

from __future__ import annotations

import json
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.clirun import run_casekit


@pytest.mark.parametrize("point", ["demo:filled", "demo:deadlines"])
def test_a_killed_demo_is_finished_by_the_next_run(tmp_path: Path, point: str) -> None:
    home = tmp_path / "try-casekit"
    env = {"CASEKIT_HOME": str(home), "CASEKIT_TODAY": "2026-03-15"}
    args = ("demo", "--matters", "30", "--no-tui", "--json")
    killed = run_casekit({**env, "CASEKIT_TEST_CRASH_AT": point}, *args)
    assert killed.returncode == -signal.SIGKILL
    db = sqlite3.connect(home / "casekit.sqlite")
    assert db.execute("SELECT count(*) FROM matter").fetchone() == (30,)
    db.close()

    again = run_casekit(env, *args)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["resumed"] is True and summary["matters"] == 30 and summary["deadlines"] > 0
    third = json.loads(run_casekit(env, *args).stdout)
    assert third["resumed"] is False and third["deadlines"] == summary["deadlines"]

    fresh = tmp_path / "fresh"
    reference = json.loads(run_casekit({**env, "CASEKIT_HOME": str(fresh)}, *args).stdout)
    assert reference["deadlines"] == summary["deadlines"]  # the same demo as an unbroken run
    verify = run_casekit(env, "evidence", "verify", "--json")
    assert verify.returncode == 0 and all(r["status"] == "ok" for r in json.loads(verify.stdout))
