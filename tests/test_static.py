"""ruff and mypy stay clean (configured in pyproject.toml); CI runs them through the suite.

The size limits of ARCHITECTURE.md are checked here too: no module of casekit over 400 lines, no
function over 80, no parameter list over 8 outside typer command signatures (a typer command
declares one parameter per option; anything else with that many takes an input model).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_is_clean() -> None:
    result = _run("mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout[-4000:]


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
MAX_PARAMETERS = 8


def _modules() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "casekit").rglob("*.py")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def _functions() -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for name, text in _modules():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield f"{name}:{node.lineno} {node.name}", node


def _is_typer_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(
        isinstance(d, ast.Call)
        and isinstance(d.func, ast.Attribute)
        and d.func.attr in ("command", "callback")
        for d in node.decorator_list
    )


def test_no_module_is_over_400_lines() -> None:
    long = [f"{name}: {text.count(chr(10))}" for name, text in _modules()]
    assert [m for m in long if int(m.rsplit(": ", 1)[1]) > MAX_MODULE_LINES] == []


def test_no_function_is_over_80_lines() -> None:
    long = [
        f"{where}: {node.end_lineno - node.lineno + 1}"
        for where, node in _functions()
        if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_no_parameter_list_is_over_8_outside_typer_commands() -> None:
    def count(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
        a = node.args
        names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
        return len([n for n in names if n not in ("self", "cls")])

    long = [
        f"{where}: {count(node)}"
        for where, node in _functions()
        if count(node) > MAX_PARAMETERS and not _is_typer_command(node)
    ]
    assert long == []
