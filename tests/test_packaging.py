"""The wheel carries every shipped template, migration and seed file, and nothing else."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _force_included() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]


def _shipped_files() -> set[str]:
    wanted = {p for p in (ROOT / "templates").glob("*") if p.is_file()}
    wanted |= {ROOT / "db/migrations/env.py", ROOT / "db/migrations/script.py.mako"}
    wanted |= set((ROOT / "db/migrations/versions").glob("*.py"))
    wanted |= {p for p in (ROOT / "db/seed").glob("*") if p.is_file()}
    return {str(p.relative_to(ROOT)) for p in wanted}


def test_every_shipped_file_is_force_included() -> None:
    included = _force_included()
    assert set(included) == _shipped_files()
    assert all(target == f"casekit/_resources/{source}" for source, target in included.items())


def test_authoring_scripts_and_caches_stay_out() -> None:
    assert not any("_authoring" in s or "__pycache__" in s for s in _force_included())


def _declared_distributions() -> set[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = data["project"]
    specs = list(project["dependencies"])
    for extra in ("postgres", "keyring"):  # optional features casekit imports behind a check
        specs += project["optional-dependencies"][extra]
    names = set()
    for spec in specs:
        name = spec.split(";")[0].split("[")[0]
        for stop in "<>=!~ ":
            name = name.split(stop)[0]
        names.add(name.strip().lower().replace("_", "-"))
    return names


def _imported_top_level_modules() -> set[str]:
    import ast

    found: set[str] = set()
    for path in (ROOT / "casekit").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_every_imported_third_party_package_is_declared() -> None:
    import sys
    from importlib.metadata import packages_distributions

    providers = packages_distributions()
    declared = _declared_distributions()
    # _typeshed: the standard library's type-checking stubs (imported under TYPE_CHECKING only).
    not_packages = sys.stdlib_module_names | {"casekit", "_typeshed"}
    third_party = {m for m in _imported_top_level_modules() if m not in not_packages}
    missing = {
        module: providers.get(module)
        for module in third_party
        if not {d.lower().replace("_", "-") for d in providers.get(module, [])} & declared
    }
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_no_dynamic_imports_of_casekit_modules() -> None:
    """Plain imports only: a name in a string hides a dependency from import-linter and mypy.

    Two exceptions, each loading its own package's modules, never a hook: ``casekit.docgen``'s
    PEP 562 ``__getattr__`` (lazy public API) and the help screen's key table, which walks
    ``casekit.tui`` to find every screen that declares keys."""
    import re

    allowed = {ROOT / "casekit/docgen/__init__.py", ROOT / "casekit/tui/bindings.py"}
    pattern = re.compile(r"import_module\(|find_spec\(|__import__\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "casekit").rglob("*.py")
        if path not in allowed and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_package_declares_its_types() -> None:
    assert (ROOT / "casekit" / "py.typed").is_file()
