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
from casekit.errors import InvalidInput
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
        "intake": 1,
        "screening": 1,
        "active": 2,
        "closed": 1,
        "declined": 0,
    }
    # The closed matter was closed without an outcome (issue 18 records them from now on).
    assert dict(report.by_outcome)["not recorded"] == 1
    res = runner.invoke(app, ["report", "caseload", "--format", "json"])
    assert json.loads(res.stdout)["by_stage"]["active"] == 2
    res = runner.invoke(app, ["report", "caseload", "--format", "csv"])
    assert res.stdout.startswith("\ufeff")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff"))))
    assert {r["table"] for r in rows} == {"by_attorney", "by_stage", "by_outcome"}
    res = runner.invoke(app, ["report", "caseload", "--format", "md"])
    assert "## Open matters by attorney" in res.stdout and "## Matters by stage" in res.stdout
    assert runner.invoke(app, ["report", "caseload"]).exit_code == 0


@pytest.fixture
def incidents(make_matter):
    """Hartford 4 matters (V1 and V2), New Haven 3, Bridgeport 2, Avon 1 (V1), all in 2026."""
    names = []
    for agency, town, n, codes in (
        ("Hartford Police Department", "Hartford", 4, ("V1", "V2_NOTIFY_RELEASE")),
        ("New Haven Police Department", "New Haven", 3, ("V1",)),
        ("Bridgeport Police Department", "Bridgeport", 2, ("V1",)),
        ("Avon Police Department", "Avon", 1, ("V1",)),
    ):
        for i in range(n):
            name = f"{town.split()[0]}ina Cliente{chr(65 + i)}"
            names.append(name)
            make_matter(
                client_name=name,
                violations=codes,
                occurred_on=date(2026, 3, 14 + i),
                agency=agency,
                town=town,
            )
    return names


def test_agencies_counts_and_suppression(services, incidents):
    report = reports.agencies_report(services)  # agency x code, at least 3 clients
    assert [(r.labels, r.count) for r in report.rows] == [
        (("Hartford Police Department", "V1_DETAIN_ON_DETAINER"), 4),
        (("Hartford Police Department", "V2_NOTIFY_RELEASE"), 4),
        (("New Haven Police Department", "V1_DETAIN_ON_DETAINER"), 3),
    ]
    assert report.hidden == 2 and report.total == 10
    by_agency = reports.agencies_report(services, by="agency")
    assert [(r.labels, r.count) for r in by_agency.rows] == [
        (("Hartford Police Department",), 4),
        (("New Haven Police Department",), 3),
    ]
    # 10 - 4 - 3 = 3 matters elsewhere: nothing smaller than 3 can be worked out.
    assert by_agency.total - sum(r.count for r in by_agency.rows) >= 3
    by_code = reports.agencies_report(services, by="Code")
    assert [(r.labels, r.count) for r in by_code.rows] == [
        (("V1_DETAIN_ON_DETAINER",), 10),
        (("V2_NOTIFY_RELEASE",), 4),
    ]
    assert reports.agencies_report(services, by="agency", min_cell=1).hidden == 0
    with pytest.raises(InvalidInput, match="unknown --by"):
        reports.agencies_report(services, by="client")


def test_agencies_complementary_suppression(services, incidents, make_matter):
    # One more Hartford matter in 2025: Hartford (5) minus 2026 (4) would show 2025 = 1.
    make_matter(client_name="Tardia Una", occurred_on=date(2025, 6, 1))
    report = reports.agencies_report(services, by="agency,year")
    assert not [r for r in report.rows if r.labels[0] == "Hartford Police Department"]
    assert report.primary == 3 and report.hidden == 4  # 2025 (1) and Hartford 2026 (its cover)


def test_a_fifty_matter_office_sees_its_pattern(services):
    from casekit.services.demo import run_demo

    run_demo(services, matters=50, seed=7)
    report = reports.agencies_report(services)
    assert len(report.rows) >= 5  # the default view shows the pattern
    assert report.total == 50 or report.total is None
    assert reports.agencies_report(services, by="agency").rows


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
    res = runner.invoke(app, ["report", "agencies", "--format", fmt, "--output", str(out)])
    assert res.exit_code == 0, res.output
    text = _all_text_of_docx(out) if fmt == "docx" else out.read_text(encoding="utf-8-sig")
    assert "Hartford Police Department" in text and "V1" in text and "New Haven" in text
    assert "Bridgeport" not in text and "Avon" not in text  # fewer than 3 clients: not listed
    for name in incidents:
        first, last = name.split()
        assert first not in text and last not in text
        assert f"{first[0]}. {last[0]}." not in text  # no initials either
    assert "TA-2026" not in text and "2026-03-14" not in text  # no matter numbers or exact dates
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert set(rows[0]) == {"agency", "violation", "matters"}
    if fmt == "json":
        data = json.loads(text)
        assert data["min_cell"] == 3 and data["by"] == "agency,code"
        assert data["rows"][0] == {
            "agency": "Hartford Police Department",
            "violation": "V1_DETAIN_ON_DETAINER",
            "count": 4,
        }
    if fmt == "docx":
        document = docx.Document(str(out))
        assert len(document.inline_shapes) == 1  # the bar chart
        blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
        png = document.part.related_parts[blob].blob
        assert png.startswith(b"\x89PNG")
    if fmt in ("md", "table"):
        assert "█" in text  # the bars


def test_agencies_docx_without_counts_has_no_chart(services, tmp_path):
    out = tmp_path / "empty.docx"
    res = runner.invoke(app, ["report", "agencies", "--format", "docx", "--output", str(out)])
    assert res.exit_code == 0, res.output
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 0
    assert "No count is large enough" in _all_text_of_docx(out)


def test_chart_is_deterministic():
    from casekit.docgen.chart import bar_chart_png

    bars = [("Hartford Police Department · V1_DETAIN_ON_DETAINER", 12), ("Derby", 3)]
    first = bar_chart_png(bars, title="Matters by agency")
    assert first == bar_chart_png(bars, title="Matters by agency")
    assert first.png.startswith(b"\x89PNG") and first.width_mm > 100


def test_agencies_cli_checks_its_options(services, incidents):
    res = runner.invoke(app, ["report", "agencies", "--format", "json", "--by", "agency,year"])
    assert json.loads(res.stdout)["columns"] == ["agency", "year"]
    assert runner.invoke(app, ["report", "agencies", "--min-cell", "0"]).exit_code == 2
    bad = runner.invoke(app, ["report", "agencies", "--by", "month"])
    assert bad.exit_code == 2 and "unknown --by" in bad.stderr
