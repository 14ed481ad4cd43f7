"""casekit report caseload and report agencies (de-identified)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import docx
import pytest
from typer.testing import CliRunner

from casekit.cli import app
from casekit.services import reports

runner = CliRunner()


def test_caseload(services, make_matter):
    make_matter(attorney="Ada Lawyer", status="active")
    make_matter(attorney="Ada Lawyer", status="intake")
    make_matter(attorney="Bo Counsel", status="active")
    make_matter(attorney="Bo Counsel", status="closed")
    make_matter(attorney=None, status="screening")
    report = reports.caseload_report(services)
    assert [r.to_dict() for r in report.by_attorney] == [
        {"attorney": "Ada Lawyer", "intake": 1, "screening": 0, "active": 1, "total": 2},
        {"attorney": "Bo Counsel", "intake": 0, "screening": 0, "active": 1, "total": 1},
        {"attorney": "(unassigned)", "intake": 0, "screening": 1, "active": 0, "total": 1},
    ]
    assert dict(report.by_stage) == {
        "intake": 1, "screening": 1, "active": 2, "closed": 1, "declined": 0,
    }
    res = runner.invoke(app, ["report", "caseload", "--format", "json"])
    assert json.loads(res.stdout)["by_stage"]["active"] == 2
    res = runner.invoke(app, ["report", "caseload", "--format", "csv"])
    assert res.stdout.startswith("\ufeff")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff"))))
    assert {r["table"] for r in rows} == {"by_attorney", "by_stage"}
    res = runner.invoke(app, ["report", "caseload", "--format", "md"])
    assert "## Open matters by attorney" in res.stdout and "## Matters by stage" in res.stdout
    assert runner.invoke(app, ["report", "caseload"]).exit_code == 0


@pytest.fixture
def incidents(make_matter):
    names = ["Juana Nadie", "Pedro Cruz", "Zoila Vega", "Marta Rios"]
    for name in names[:3]:
        make_matter(client_name=name, violations=("V1", "V2_NOTIFY_RELEASE"),
                    occurred_on=date(2026, 3, 14))
    make_matter(client_name=names[3], violations=("V1",), occurred_on=date(2026, 4, 2),
                agency="New Haven Police Department", town="New Haven")
    return names


def test_agencies_counts_and_suppression(services, incidents):
    report = reports.agencies_report(services, min_cell=2)
    cells = {(c.agency, c.town, c.violation, c.month): c.count for c in report.cells}
    assert cells == {
        ("Hartford Police Department", "Hartford", "V1_DETAIN_ON_DETAINER", "2026-03"): 3,
        ("Hartford Police Department", "Hartford", "V2_NOTIFY_RELEASE", "2026-03"): 3,
        ("New Haven Police Department", "New Haven", "V1_DETAIN_ON_DETAINER", "2026-04"): "<2",
    }
    assert report.suppressed == 1
    assert reports.agencies_report(services, min_cell=1).suppressed == 0


def _all_text_of_docx(path):
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", ["md", "csv", "json", "docx", "table"])
def test_agencies_output_is_de_identified(services, incidents, tmp_path, fmt):
    out = tmp_path / f"agencies.{fmt}"
    res = runner.invoke(
        app, ["report", "agencies", "--min-cell", "2", "--format", fmt, "--output", str(out)]
    )
    assert res.exit_code == 0, res.output
    text = _all_text_of_docx(out) if fmt == "docx" else out.read_text()
    assert "Hartford Police Department" in text and "2026-03" in text and "<2" in text
    for name in incidents:
        first, last = name.split()
        assert first not in text and last not in text
        assert f"{first[0]}. {last[0]}." not in text  # no initials either
    assert "TA-2026" not in text and "2026-03-14" not in text  # no matter numbers or exact dates
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert set(rows[0]) == {"agency", "town", "violation", "month", "count"}
    if fmt == "json":
        assert json.loads(text)["min_cell"] == 2


def test_agencies_default_suppresses_below_three(services, incidents):
    res = runner.invoke(app, ["report", "agencies", "--format", "json"])
    counts = [c["count"] for c in json.loads(res.stdout)["cells"]]
    assert counts == [3, 3, "<3"]
    assert runner.invoke(app, ["report", "agencies", "--min-cell", "0"]).exit_code == 2
