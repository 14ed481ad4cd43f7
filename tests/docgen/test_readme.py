"""templates/README.md documents every template and every variable; the .docx files are current."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from casekit.docgen.check import template_name, template_variables
from casekit.resources import templates_dir

TEMPLATES = sorted(templates_dir().glob("*.docx"))
README = (templates_dir() / "README.md").read_text(encoding="utf-8")
DOCUMENTED = set(re.findall(r"`([^`\s]+)`", README))


def _covered(variable: str) -> bool:
    """Listed itself, or a prefix of a listed path (``client`` of ``client.name``)."""
    if variable in DOCUMENTED:
        return True
    return any(d.startswith((f"{variable}.", f"{variable}[]")) for d in DOCUMENTED)


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.name for p in TEMPLATES])
def test_readme_lists_template_and_every_variable(path: Path) -> None:
    assert f"`{path.name}`" in README
    missing = sorted(v for v in template_variables(path) if not _covered(v))
    assert missing == [], f"{path.name}: add these to templates/README.md"


def _build_script() -> ModuleType:
    script = templates_dir() / "_authoring" / "build_templates.py"
    spec = importlib.util.spec_from_file_location("build_templates", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_templates_match_the_build_script(tmp_path: Path) -> None:
    build = _build_script()
    assert build.main([str(tmp_path)]) == 0
    for name in build.TEMPLATES:
        assert (tmp_path / name).read_bytes() == (templates_dir() / name).read_bytes(), (
            f"{name} is stale: run python templates/_authoring/build_templates.py"
        )
    assert {template_name(Path(n)) for n in build.TEMPLATES} <= {
        template_name(p) for p in TEMPLATES
    }
