"""The shipped ``report-fees`` exhibit: current with its build script, checked, overridable by a
firm, and safe with hostile data (rendered in the sandboxed, autoescaping environment)."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from docx import Document

from casekit.docgen.check import check_template
from casekit.errors import InvalidInput
from casekit.resources import templates_dir
from tests.services.fees.conftest import ANA, Office


def _script(name: str) -> ModuleType:
    path = templates_dir() / "_authoring" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("script", "name"),
    [("build_report_fees", "report-fees.docx"), ("build_report_agencies", "report-agencies.docx")],
)
def test_shipped_report_templates_match_their_build_scripts(
    script: str, name: str, tmp_path: Path
) -> None:
    assert _script(script).main([str(tmp_path)]) == 0
    assert (tmp_path / name).read_bytes() == (templates_dir() / name).read_bytes(), (
        f"{name} is stale: run python templates/_authoring/{script}.py"
    )


def test_the_shipped_exhibit_passes_the_template_check() -> None:
    assert check_template(templates_dir() / "report-fees.docx") == []


def _entry(office: Office, description: str) -> None:
    from casekit.services import fees

    fees.add_time_entry(
        office.svc, office.matter, timekeeper=ANA, hours="1.0", category="trial",
        description=description, worked_on=date(2026, 6, 1),
    )  # fmt: skip


def _render(office: Office, tmp_path: Path) -> Any:
    from casekit.services.fees import fee_report, fees_docx

    report = fee_report(office.svc, office.matter)
    return Document(str(fees_docx(office.svc, report, tmp_path / "exhibit.docx")))


def test_hostile_text_prints_as_itself(office: Office, tmp_path: Path) -> None:
    hostile = 'Call with "Smith & Jones" <re: ICE> {{ 7*7 }} {% if 1 %}x{% endif %}'
    _entry(office, hostile)
    doc = _render(office, tmp_path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert hostile in cells
    assert "Smith & Jones <LLP>" in "\n".join(p.text for p in doc.paragraphs)


def test_a_firm_copy_of_the_exhibit_is_used(office: Office, tmp_path: Path) -> None:
    from docx import Document as Load

    _entry(office, "Trial preparation")
    own = office.svc.settings.templates_dir / "report-fees.docx"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(templates_dir() / "report-fees.docx", own)
    template = Load(str(own))
    template.add_paragraph("Prepared by the firm's own template for {{ matter.number }}.")
    template.save(str(own))
    doc = _render(office, tmp_path)
    assert f"Prepared by the firm's own template for {office.matter}." in [
        p.text for p in doc.paragraphs
    ]


def test_a_firm_copy_that_escapes_the_sandbox_is_refused(office: Office, tmp_path: Path) -> None:
    from docx import Document as Load

    _entry(office, "Trial preparation")
    own = office.svc.settings.templates_dir / "report-fees.docx"
    own.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(templates_dir() / "report-fees.docx", own)
    template = Load(str(own))
    template.add_paragraph("{{ matter.__class__.__mro__ }}")
    template.save(str(own))
    with pytest.raises(InvalidInput, match="sandbox|cannot be used"):
        _render(office, tmp_path)
