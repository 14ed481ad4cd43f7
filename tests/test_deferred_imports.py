"""A function-level import must pay for itself at start-up (issue 17; ARCHITECTURE.md).

An import inside a function is deferred work: it keeps ``casekit --help``, a quick command or the
dashboard's first paint from loading what it does not use. It is only worth its cost (a module
that reads worse, a dependency the import graph does not show at the top) where importing it at
the top would really load more. This works that out for every function-level import in
``casekit/`` from the module-level import graph (what importing a module loads: its package
``__init__`` files and its top-level imports, transitively; ``if TYPE_CHECKING`` blocks left out):
the deferred import is justified when it would add a third-party package (SQLAlchemy, docxtpl,
Textual, cryptography, ...) or at least :data:`MIN_MODULES` modules to what the enclosing module
already loads, or when the enclosing module is loaded at start-up (:data:`START_UP`) and the
import would add a module start-up does not need. Anything else belongs at the top.

``tests/test_import_hygiene.py`` checks the real imports at run time for the one package that
matters most (Textual stays out of the headless layers); the start-up benchmark
(``benchmarks/run.py``, ``startup``) measures the time.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STDLIB = frozenset(sys.stdlib_module_names)

#: Deferring an import that loads fewer casekit or standard-library modules than this (and no
#: third-party package) saves a millisecond or two: not worth a dependency hidden in a function.
MIN_MODULES = 15

#: What each start-up path may load (its first paint, measured by ``benchmarks/run.py startup``):
#: the CLI (``casekit --help`` and every command's parsing; command modules are ``casekit.cli.*``)
#: and the TUI's dashboard. A deferred import in a module on one of these paths is justified when
#: it would add anything else; and the paths do not grow without this list changing.
_CORE_START_UP = frozenset({
    "casekit", "casekit.config", "casekit.errors", "casekit.domain", "casekit.domain.vocabulary",
    # records: the dashboard's rows become records by from_values (standard library only).
    "casekit.domain.records", "casekit.services", "casekit.services.base",
    "casekit.services.dashboard", "casekit.store", "casekit.store.repos",
    "casekit.store.repos.dashboard",
})  # fmt: skip
START_UP: dict[str, frozenset[str]] = {
    "casekit.cli": _CORE_START_UP | {"typer", "shellingham", "annotated_doc"},
    "casekit.tui.app": _CORE_START_UP | {
        "casekit.domain.labels", "casekit.tui", "casekit.tui.app", "casekit.tui.bindings",
        "casekit.tui.commands", "casekit.tui.errors", "casekit.tui.keygate",
        "casekit.tui.navigation", "casekit.tui.screens", "casekit.tui.screens.base",
        "casekit.tui.screens.dashboard", "casekit.tui.timer", "casekit.tui.widgets",
        "casekit.tui.widgets.agenda", "casekit.tui.widgets.columns", "casekit.tui.widgets.format",
        "casekit.tui.widgets.matter_table", "casekit.tui.widgets.offers",
        "casekit.tui.widgets.row_table", "platformdirs", "rich", "textual", "typing_extensions",
    },
}  # fmt: skip


def _start_up_allows(entry: str, module: str) -> bool:
    return module in START_UP[entry] or (
        entry == "casekit.cli" and module.startswith("casekit.cli")
    )


#: Deferred imports kept for a reason other than start-up, with that reason.
KEPT: dict[tuple[str, str], str] = {
    ("casekit.docgen.lint.pages", "from casekit.docgen.craft import signature_blocks"): (
        "craft.apply imports the linter at the top: at the top here it would be a circle"
    ),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _sources() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "casekit").rglob("*.py"))
    }


def _targets(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The modules an import statement loads (a ``from X import y`` also loads ``X.y`` when that
    is a module)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    yield base
    for alias in node.names:
        if f"{base}.{alias.name}" in _sources():
            yield f"{base}.{alias.name}"


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    for stmt in body:
        if isinstance(stmt, ast.Import | ast.ImportFrom) and not getattr(stmt, "level", 0):
            yield stmt
        elif isinstance(stmt, ast.If) and not _is_type_checking(stmt.test):
            yield from _top_level_imports(stmt.body)
            yield from _top_level_imports(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            for block in (stmt.body, stmt.orelse, stmt.finalbody):
                yield from _top_level_imports(block)
            for handler in stmt.handlers:
                yield from _top_level_imports(handler.body)


def _parents(name: str) -> Iterator[str]:
    parts = name.split(".")
    for end in range(1, len(parts) + 1):
        yield ".".join(parts[:end])


@cache
def _loads(module: str) -> frozenset[str]:
    """Every module importing ``module`` loads (third-party packages by their top name)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        for part in _parents(name):
            if part in seen:
                continue
            top = part.split(".")[0]
            if top != "casekit":
                seen.add(top)  # a library counts once, by its top-level package
                break
            seen.add(part)
            tree = _sources().get(part)
            if tree is not None:
                for node in _top_level_imports(tree.body):
                    todo.extend(_targets(node))
    return frozenset(seen)


def _deferred() -> Iterator[tuple[str, int, str, ast.Import | ast.ImportFrom]]:
    """(module, line, statement, node) of each import inside a function."""
    for module, tree in _sources().items():
        seen: set[tuple[int, str]] = set()
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom) and not getattr(node, "level", 0):
                    key = (node.lineno, ast.unparse(node))
                    if key not in seen:  # a nested function's import is seen from each parent
                        seen.add(key)
                        yield module, node.lineno, key[1], node


def _adds(module: str, node: ast.Import | ast.ImportFrom) -> frozenset[str]:
    loaded = _loads(module)
    added: set[str] = set()
    for target in _targets(node):
        added |= _loads(target) - loaded
    return frozenset(added)


def _slows_start_up(module: str, added: frozenset[str]) -> bool:
    return any(
        module in _loads(entry) and not all(_start_up_allows(entry, name) for name in added)
        for entry in START_UP
    )


def unjustified() -> list[str]:
    problems: list[str] = []
    for module, line, statement, node in _deferred():
        added = _adds(module, node)
        third_party = {name for name in added if name.split(".")[0] != "casekit"} - STDLIB
        heavy = third_party or len(added) >= MIN_MODULES
        if heavy or _slows_start_up(module, added) or (module, statement) in KEPT:
            continue
        problems.append(
            f"{module}:{line} {statement} (adds {len(added)} modules, no third-party package: "
            "import it at the top)"
        )
    return problems


def test_every_deferred_import_saves_start_up_work() -> None:
    problems = unjustified()
    assert not problems, f"{len(problems)} deferred imports:\n" + "\n".join(problems)


def test_start_up_loads_only_what_it_needs() -> None:
    """A module added to a start-up path is a decision: add it to :data:`START_UP` with care."""
    for entry in START_UP:
        extra = sorted(
            name
            for name in _loads(entry) - STDLIB
            if name.split(".")[0] not in STDLIB and not _start_up_allows(entry, name)
        )
        assert not extra, f"importing {entry} now loads {extra}"


def test_kept_imports_are_still_there() -> None:
    deferred = {(module, statement) for module, _, statement, _ in _deferred()}
    assert set(KEPT) <= deferred, set(KEPT) - deferred


def test_the_graph_sees_what_a_module_loads() -> None:
    """The model behind the rule: the store loads SQLAlchemy, the domain does not."""
    assert "sqlalchemy" in _loads("casekit.store.repos.matters")
    assert "textual" in _loads("casekit.tui.app")
    assert "sqlalchemy" not in _loads("casekit.domain.planning")
    assert "casekit.domain" in _loads("casekit.domain.planning")
