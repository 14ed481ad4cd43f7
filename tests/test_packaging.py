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
