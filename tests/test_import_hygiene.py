"""Headless modules never import Textual (DESIGN.md, "Layout"; harlequin's run-time check).

import-linter (``tests/test_layers.py``) checks the import graph statically; this checks what
really happens at import time, including imports hidden in ``__init__`` files or done
dynamically. Modules are discovered on disk, so new ones are covered without editing this file.

One subprocess does the work: it imports the third-party libraries the headless layers use
(asserting that none of them brings Textual along), then forks once per casekit module, so each
module is imported into a clean copy of that state. About 30 ms a module instead of 0.5 s.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

#: Every module below these packages is checked.
HEADLESS_PACKAGES = ("casekit.domain", "casekit.store", "casekit.docgen", "casekit.services")
#: Checked as single modules: the CLI package may import Textual only lazily, inside commands.
HEADLESS_MODULES = (
    "casekit",
    "casekit.config",
    "casekit.errors",
    "casekit.resources",
    "casekit.cli",
)
#: Imported before forking; none of them may import Textual.
PRELOAD = (
    "sqlalchemy", "sqlalchemy.orm", "sqlmodel", "alembic", "pydantic", "jinja2", "docxtpl",
    "docx", "holidays", "dateutil", "platformdirs", "icalendar", "typer", "psycopg",
)  # fmt: skip


def _walk(name: str, paths: list[str]) -> Iterator[str]:
    for info in pkgutil.iter_modules(paths):
        full = f"{name}.{info.name}"
        yield full
        if info.ispkg:
            yield from _walk(full, [os.path.join(p, info.name) for p in paths])


def _discover() -> list[str]:
    modules: list[str] = []
    for package in HEADLESS_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue  # a layer that does not exist yet
        modules.append(package)
        modules.extend(_walk(package, list(spec.submodule_search_locations)))
    modules.extend(m for m in HEADLESS_MODULES if importlib.util.find_spec(m) is not None)
    return sorted(set(modules))


MODULES = _discover()

_CHILD = r"""
import importlib, json, os, sys

def textual_loaded():
    return sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))[:3]

def check(module):
    try:
        importlib.import_module(module)
    except BaseException as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    return {"textual": textual_loaded()}

preload, modules = json.loads(sys.argv[1])
for name in preload:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
results = {"(preload)": {"textual": textual_loaded()}}
for module in modules:
    if not hasattr(os, "fork"):
        results[module] = {"error": "no os.fork here: run per module"}
        continue
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        os.write(write, json.dumps(check(module)).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    results[module] = json.loads(data) if data else {"error": "the import killed the process"}
print(json.dumps(results))
"""


@pytest.fixture(scope="session")
def import_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEKIT_")}
    env["CASEKIT_HOME"] = str(tmp_path_factory.mktemp("hygiene-home"))
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps([PRELOAD, MODULES])],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report: dict[str, dict[str, object]] = json.loads(proc.stdout.strip().splitlines()[-1])
    return report


def test_the_preloaded_libraries_do_not_import_textual(
    import_report: dict[str, dict[str, object]],
) -> None:
    assert import_report["(preload)"]["textual"] == []


@pytest.mark.parametrize("module", MODULES)
def test_headless_module_does_not_import_textual(
    module: str, import_report: dict[str, dict[str, object]]
) -> None:
    result = import_report[module]
    assert "error" not in result, f"importing {module} failed: {result['error']}"
    assert result["textual"] == [], (
        f"importing {module} loads {result['textual']}: import Textual lazily, inside the "
        "function that starts the UI"
    )
