"""``casekit templates list|check``: no database needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docgen.helpers import make_template

from casekit.resources import templates_dir

from .conftest import TEMPLATES, assert_one_line_error, cli, cli_json


def test_list_shows_every_template_with_languages() -> None:
    listed = {t["name"]: t for t in cli_json("templates", "list")}
    assert set(TEMPLATES) <= set(listed)
    assert listed["client-letter"]["languages"] == ["en", "es"]
    assert listed["complaint"]["title"] == "Complaint (Superior Court)"
    assert listed["report-deadlines"]["kind"] == "report"
    assert all(not t["custom"] for t in listed.values())

    table = cli("templates", "list")
    assert table.exit_code == 0
    assert "client-letter" in table.stdout and "en, es" in table.stdout


@pytest.mark.parametrize("name", ["complaint.docx", "client-letter.es.docx", "foi-request.docx"])
def test_check_a_shipped_template_is_clean(name: str) -> None:
    result = cli("templates", "check", str(templates_dir() / name))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout.strip() == "ok: no problems found"
    assert cli_json("templates", "check", str(templates_dir() / name))["ok"] is True


def test_check_reports_problems_with_their_place(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "letter.docx",
        ["Dear {{ client.name }},", "{{ client.name }}"],
        header=["{{ firm.name "],
        table=[["{{ court.district }}", "{% if caption.et_al %}unclosed"]],
    )
    result = cli("templates", "check", str(path))
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("header 1: syntax error") for line in lines), lines
    assert any(line.startswith("table 1") and "syntax error" in line for line in lines), lines

    data = json.loads(cli("templates", "check", str(path), "--json").stdout)
    assert data["ok"] is False
    places = [p["where"] for p in data["problems"]]
    assert "header 1" in places
    assert any(place.startswith("table 1") for place in places)


def test_check_reports_unknown_fields_with_their_place(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "letter.docx",
        ["Dear {{ client.name }},", "Your case {{ matter.nubmer }}."],
        table=[["{{ court.district }}", "{{ caption.plaintif }}"]],
    )
    result = cli("templates", "check", str(path), "--json")
    assert result.exit_code == 1
    problems = {
        p["where"].split(" (")[0]: p["message"] for p in json.loads(result.stdout)["problems"]
    }
    assert "matter.nubmer" in problems["body paragraph 2"]
    assert "caption.plaintif" in problems["table 1"]


def test_check_reports_a_syntax_error_in_the_body(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "letter.docx", ["Fine {{ client.name }}", "Broken {{ client.name"]
    )
    result = cli("templates", "check", str(path))
    assert result.exit_code == 1
    assert result.stdout.startswith("body paragraph 2")
    assert "syntax error" in result.stdout


def test_check_reports_a_sandbox_escape(tmp_path: Path) -> None:
    path = make_template(tmp_path / "evil.docx", ["{{ ''.__class__.__mro__ }}"])
    result = cli("templates", "check", str(path))
    assert result.exit_code == 1
    assert "outside the sandbox" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_refuses_what_is_not_a_template(tmp_path: Path) -> None:
    assert_one_line_error(
        cli("templates", "check", str(tmp_path / "missing.docx")), "no template file"
    )
    text = tmp_path / "notes.txt"
    text.write_text("{{ client.name }}")
    assert_one_line_error(cli("templates", "check", str(text)), "not a Word template")
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip")
    result = cli("templates", "check", str(fake))
    assert result.exit_code == 1
    assert "not a readable Word document" in result.stdout


def test_help_texts() -> None:
    for args in (
        ["generate"],
        ["templates", "list"],
        ["templates", "check"],
        ["documents", "list"],
    ):
        result = cli(*args, "--help")
        assert result.exit_code == 0
        assert len(result.stdout) > 80
