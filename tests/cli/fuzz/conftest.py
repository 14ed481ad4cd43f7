"""Fuzz tests (issue 16 item 5): hypothesis over the CLI and two TUI forms.

Two hypothesis profiles: ``casekit-quick`` (the default: a few examples per test, so the whole
folder runs in well under a minute in every test run) and ``casekit-fuzz`` (hundreds of
examples; ``CASEKIT_FUZZ_EXAMPLES`` changes it), chosen with ``pytest -m fuzz`` or
``CASEKIT_FUZZ=1``. The tests marked ``fuzz`` are the
long ones; under the quick profile they run small too, so the default run needs no ``-m``.

Every command run asserts the same contract (:func:`check_contract`): exit 0, or a non-zero exit
with exactly one ``error:`` line on stderr; never a traceback or an "unexpected internal error";
no terminal control sequence in the output; and a refused command left no row and no file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests import clirun
from tests.factories import MATTER, cli_matter, pin_today

__all__ = ["MATTER"]

_COMMON = {
    "deadline": None,
    "derandomize": False,
    "database": None,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("casekit-quick", max_examples=8, **_COMMON)  # type: ignore[arg-type]
settings.register_profile(
    "casekit-fuzz", max_examples=int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "300")), **_COMMON
)  # type: ignore[arg-type]


def pytest_configure(config: pytest.Config) -> None:
    marks = str(config.getoption("-m") or "")
    long_run = os.environ.get("CASEKIT_FUZZ") == "1" or (
        "fuzz" in marks and "not fuzz" not in marks
    )
    settings.load_profile("casekit-fuzz" if long_run else "casekit-quick")


#: What a terminal would act on: ESC, CSI, BEL, a lone CR, the bidi overrides.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def table_counts(services: Any) -> dict[str, int]:
    """Rows in every table (the audit log included): a refused command changes none."""
    from sqlalchemy import func, inspect, select, table

    with services.engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
        return {
            name: int(conn.execute(select(func.count()).select_from(table(name))).scalar() or 0)
            for name in names
            if name != "alembic_version"
        }


def files_under(*roots: Path) -> set[str]:
    return {str(p) for root in roots if root.exists() for p in root.rglob("*") if p.is_file()}


def check_contract(result: Any, before: dict[str, int] | None, after: dict[str, int] | None,
                   files_before: set[str], files_after: set[str]) -> None:  # fmt: skip
    out = result.stdout + result.stderr
    assert "Traceback" not in out, out[-2000:]
    assert "unexpected internal error" not in out, out[-500:]
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), repr(result.exception)
    assert not UNSAFE.search(out), repr(out[:500])
    if result.exit_code == 0:
        return
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-2000:]
    assert lines[0].startswith("error: "), lines[0][:300]
    assert before == after, "a refused command changed the database"
    assert files_before == files_after, "a refused command left a file"


@pytest.fixture
def run(services: Any, casekit_home: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """``run(*args)``: the command, checked against the contract; returns the click result."""
    pin_today(monkeypatch)
    roots = (casekit_home / "documents", casekit_home / "evidence", casekit_home / "backups")

    def invoke(*args: str, counts: bool = True) -> Any:
        before = table_counts(services) if counts else None
        files_before = files_under(*roots)
        result = clirun.cli(*args)
        after = table_counts(services) if counts else None
        check_contract(result, before, after, files_before, files_under(*roots))
        return result

    return invoke


@pytest.fixture
def matter(run: Callable[..., Any]) -> str:
    return cli_matter(run)
