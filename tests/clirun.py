"""Running ``casekit`` in tests: the one CLI helper every folder uses.

``cli(*args)`` runs the command in-process with typer's CliRunner (stdout and stderr apart) and
returns the click result; ``cli_json(*args)`` adds ``--json``, checks exit 0 and parses the output;
``ok_json(result)`` does the same for a result in hand. ``one_line_error(result, *fragments)`` is
the error contract: exit ``code`` (2 unless told), exactly one ``error: ...`` line on stderr, no
traceback anywhere, every fragment in the line and none of ``absent`` on stderr (a client's name,
say); it returns the line. ``run_casekit(env, *args)`` runs the real command in a subprocess (the
crash tests kill it).

The database is whatever ``CASEKIT_DATABASE_URL`` names: the ``services`` fixture of
``tests/conftest.py`` points it at the test database (SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from typing import Any


def cli(*args: str, input: str | None = None) -> Any:  # noqa: A002 - click's own name
    """``casekit ARGS`` in this process; the click result."""
    from typer.testing import CliRunner

    from casekit.cli import app

    return CliRunner().invoke(app, list(args), input=input)


def ok_json(result: Any) -> Any:
    """The parsed stdout of a command that succeeded."""
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def cli_json(*args: str) -> Any:
    """``casekit ARGS --json``: checked for exit 0, parsed."""
    return ok_json(cli(*args, "--json"))


def one_line_error(result: Any, *fragments: str, code: int = 2, absent: Iterable[str] = ()) -> str:
    """The command failed with ``code`` and exactly one ``error:`` line on stderr, no traceback."""
    assert result.exit_code == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    for text in absent:
        assert text not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return str(lines[0])


def run_casekit(
    env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``casekit ARGS`` in a fresh process with exactly ``env`` on top of this one's."""
    full = dict(os.environ)
    for key in ("CASEKIT_DATABASE_URL", "CASEKIT_FILES", "CASEKIT_TEST_CRASH_AT"):
        full.pop(key, None)
    full.update(env)
    return subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-c", "from casekit.cli import main; main()", *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
