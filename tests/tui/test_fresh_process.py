"""The app in a fresh interpreter, where nothing of the database stack is imported yet.

In the test process SQLAlchemy is long imported; a user's process imports it in whichever worker
needs it first. Two workers doing so at once (the background schema check and a search started
by an early key) once met a half-imported SQLAlchemy and failed; this drives that race for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from casekit.services.base import AppContext

SCRIPT = r"""
import asyncio, json, sys
from casekit.services.base import build_app_context
from casekit.tui.launch import make_app

app = make_app(build_app_context())
out = {}
shown = []
notify = app.notify


def record(message, **kwargs):  # every notice the app shows, through its public notify()
    shown.append(str(message))
    notify(message, **kwargs)


app.notify = record

async def pilot(pilot):
    try:
        await pilot.press("m")  # at once: the search worker races the schema check
        for _ in range(1500):
            await asyncio.sleep(0.01)
            table = app.screen.query("#matters-table")
            if table and table.first().row_count:
                break
        await asyncio.sleep(0.5)  # the background check has run by now
        out["rows"] = app.screen.query_one("#matters-table").row_count
        out["errors"] = shown
        out["sqlalchemy_at_start"] = STARTED
    finally:
        app.exit()

STARTED = "sqlalchemy" in sys.modules
app.run(headless=True, size=(100, 30), auto_pilot=pilot)
print(json.dumps(out))
"""


def test_an_early_search_in_a_fresh_process(svc: AppContext, tmp_path: Path) -> None:
    env = dict(os.environ)
    env["CASEKIT_HOME"] = str(svc.settings.home)
    env.pop("CASEKIT_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out == {"rows": 40, "errors": [], "sqlalchemy_at_start": False}
