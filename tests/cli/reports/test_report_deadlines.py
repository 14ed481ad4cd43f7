"""casekit report deadlines / no-deadline in every format, read back."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import date

import docx
import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from casekit.cli import app
from casekit.errors import InvalidInput
from casekit.services import reports

runner = CliRunner()
TODAY = date(2026, 11, 20)  # a Friday


@pytest.fixture
def office(make_matter, deadline):
    """Matters with deadlines in every section, one quiet matter, one closed matter."""
    a = make_matter(client_name="Juana Nadie", attorney="Ada Lawyer")
    b = make_matter(client_name="Pedro de la Cruz", attorney="Bo Counsel")
    quiet = make_matter(client_name="Quieta Persona", attorney="Ada Lawyer")
    make_matter(client_name="Cerrado Caso", status="closed")
    ids = {
        "overdue": deadline(a, due=date(2026, 11, 16)),
        "today": deadline(b, due=date(2026, 11, 22), safe_target=TODAY),  # due Sunday
        "week": deadline(
            a,
            due=date(2026, 11, 25),
            rule_id="TRUST_ACT_SOL",
            title="Trust Act action",
            confidence="unknown",
            citation="§ 54-192h (2025); § 52-577",
        ),
        "next": deadline(
            b,
            due=date(2026, 12, 15),
            kind="foi",
            rule_id="CT_FOI_APPEAL",
            title="Appeal to the FOI Commission",
            citation="§ 1-206(b)(1)",
        ),
        "later": deadline(a, due=date(2027, 3, 1)),
        "done": deadline(b, due=date(2026, 11, 24), status="done"),
    }
    return {"a": a, "b": b, "quiet": quiet, "ids": ids}


def test_sections(services, office):
    report = reports.deadline_report(services, today=TODAY)
    by_key = {s.key: [r.deadline_id for r in s.rows] for s in report.sections}
    ids = office["ids"]
    assert by_key == {
        "overdue": [ids["overdue"]],
        "today": [ids["today"]],
        "week": [ids["week"]],
        "next": [ids["next"]],
    }
    assert [s.title for s in report.sections] == ["Overdue", "Today", "This week", "Next 30 days"]
    week = report.sections[2].rows[0]
    assert week.days_left == 5 and week.verify and week.tier == 7
    assert report.sections[1].rows[0].days_left == 0  # counted to the safe target
    assert report.sections[3].rows[0].tier is None  # 25 days: beyond the 14-day foi ladder
    assert report.sections[0].rows[0].tier is None  # overdue
    assert [q.matter for q in report.no_deadline] == [office["quiet"]]
    assert report.overdue == 1


def test_within_and_attorney(services, office):
    report = reports.deadline_report(services, today=TODAY, within=200, attorney="ada lawyer")
    assert {r.matter for r in report.rows} == {office["a"]}
    assert office["ids"]["later"] in [r.deadline_id for r in report.rows]
    assert report.sections[-1].title == "Next 200 days"
    with pytest.raises(InvalidInput):
        reports.deadline_report(services, attorney="Nobody Here")
    with pytest.raises(InvalidInput):
        reports.deadline_report(services, within=0)


def _run(*args):
    return runner.invoke(app, ["report", "deadlines", "--today", TODAY.isoformat(), *args])


def test_markdown(office):
    res = _run("--format", "md")
    assert res.exit_code == 0, res.output
    text = res.stdout
    for heading in (
        "## Overdue (1)",
        "## Today (1)",
        "## This week (1)",
        "## Next 30 days (1)",
        "## Matters with no open deadline (1)",
    ):
        assert heading in text
    assert "Juana Nadie" in text and "| verify |" in text


def test_redacted_markdown(office):
    res = _run("--format", "md", "--redact")
    assert "J. N." in res.stdout and "P. C." in res.stdout
    assert "Juana" not in res.stdout and "Nadie" not in res.stdout


def test_csv(office, tmp_path):
    out = tmp_path / "r.csv"
    res = _run("--format", "csv", "--output", str(out))
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["section"] for r in rows] == [
        "Overdue",
        "Today",
        "This week",
        "Next 30 days",
        "No open deadline",
    ]
    assert rows[2]["verify"] == "verify" and rows[2]["tier"] == "7"
    assert rows[0]["safe_target"] == "2026-11-16"


def test_json(office):
    res = _run("--format", "json")
    data = json.loads(res.stdout)
    assert [len(s["rows"]) for s in data["sections"]] == [1, 1, 1, 1]
    assert data["no_deadline"][0]["matter"] == office["quiet"]


def test_table(office, tmp_path):
    res = _run()
    assert res.exit_code == 0, res.output
    assert "Overdue (1)" in res.stdout and office["a"] in res.stdout
    out = tmp_path / "r.txt"
    assert _run("--output", str(out)).exit_code == 0
    assert "This week (1)" in out.read_text()


def test_docx(office, tmp_path):
    out = tmp_path / "r.docx"
    res = _run("--format", "docx", "--output", str(out), "--redact")
    assert res.exit_code == 0, res.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Overdue (1)" in text and "This week (1)" in text
    assert office["a"] in cells and "J. N." in cells and "Juana" not in cells
    # a second run replaces the file instead of failing
    assert _run("--format", "docx", "--output", str(out)).exit_code == 0
    assert _run("--format", "docx").exit_code == 2  # needs --output


def test_ics_format(office):
    res = _run("--format", "ics")
    cal = Calendar.from_ical(res.stdout)
    assert len(cal.walk("VEVENT")) == 5  # every open deadline, not only the horizon


@pytest.mark.parametrize(
    "args",
    [["--format", "pdf"], ["--within", "0"], ["--attorney", "Nobody"], ["--today", "2026-02-30"]],
)
def test_bad_options(office, args):
    res = _run(*args)
    assert res.exit_code == 2
    assert res.stderr.startswith("error: ") and res.stderr.count("\n") == 1


def test_no_deadline_report(office):
    res = runner.invoke(app, ["report", "no-deadline", "--format", "json"])
    assert [m["matter"] for m in json.loads(res.stdout)] == [office["quiet"]]
    res = runner.invoke(app, ["report", "no-deadline", "--format", "md", "--redact"])
    assert "Q. P." in res.stdout and "Quieta" not in res.stdout
    res = runner.invoke(
        app, ["report", "no-deadline", "--format", "csv", "--attorney", "Bo Counsel"]
    )
    assert list(csv.DictReader(io.StringIO(res.stdout.lstrip("\ufeff")))) == []
    assert runner.invoke(app, ["report", "no-deadline"]).exit_code == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Juana Nadie", "J. N."),
        ("Pedro de la Cruz", "P. C."),
        ("Madonna", "M."),
        ("María José Pérez García", "M. G."),
        ("", "?"),
    ],
)
def test_initials(name, expected):
    assert reports.initials(name) == expected


def test_csv_cells_are_not_formulas():
    assert reports.csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert reports.csv_cell("Hartford") == "Hartford" and reports.csv_cell(-3) == -3
