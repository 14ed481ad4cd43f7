"""Finding templates: shipped, overridden or added by a firm, by language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from casekit.docgen.registry import find_template, list_templates
from casekit.errors import InvalidInput, NotFound
from casekit.resources import templates_dir
from tests.docgen.helpers import make_template

SHIPPED = {
    "demand-letter",
    "complaint",
    "notice-7-465",
    "notice-4-147",
    "foi-request",
    "preservation-letter",
    "client-letter",
    "report-deadlines",
}


def test_lists_the_shipped_templates() -> None:
    infos = {t.name: t for t in list_templates()}
    assert SHIPPED <= set(infos)
    assert infos["client-letter"].languages == ("en", "es")
    assert infos["complaint"].languages == ("en",)
    assert infos["complaint"].title == "Complaint (Superior Court)"
    assert infos["report-deadlines"].kind == "report"
    assert infos["complaint"].kind == "matter"
    assert not any(t.custom for t in infos.values())
    assert infos["client-letter"].path.name == "client-letter.docx"


def test_finds_a_language_variant() -> None:
    info = find_template("client-letter", "es")
    assert info.path == templates_dir() / "client-letter.es.docx"
    assert info.languages == ("en", "es")


def test_unknown_template_or_language_lists_known_ones() -> None:
    with pytest.raises(NotFound, match="known: .*complaint.*demand-letter"):
        find_template("no-such-letter")
    with pytest.raises(NotFound, match="template demand-letter has no 'es' version.*: en"):
        find_template("demand-letter", "es")
    with pytest.raises(NotFound):
        find_template("../etc/passwd")


def test_firm_template_overrides_and_adds(tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    custom.mkdir()
    shutil.copy(templates_dir() / "demand-letter.docx", custom / "demand-letter.docx")
    make_template(custom / "thank-you.docx", ["Dear {{ client.display_name }},"])
    make_template(custom / "thank-you.es.docx", ["Estimado {{ client.display_name }}:"])
    (custom / "~$ank-you.docx").write_bytes(b"Word lock file")

    demand = find_template("demand-letter", "en", custom)
    assert demand.custom and demand.path == custom / "demand-letter.docx"
    assert not find_template("complaint", "en", custom).custom

    infos = {t.name: t for t in list_templates(custom)}
    assert infos["thank-you"].custom
    assert infos["thank-you"].languages == ("en", "es")
    assert infos["thank-you"].title == "Thank you"
    assert find_template("thank-you", "es", custom).path.name == "thank-you.es.docx"


def test_broken_firm_template_is_refused(tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    custom.mkdir()
    make_template(custom / "complaint.docx", ["{{ client.name }", "x"])
    with pytest.raises(InvalidInput, match="template complaint cannot be used: body paragraph 1"):
        find_template("complaint", "en", custom)
    make_template(custom / "memo.docx", ["{{ no_such_value }}"])
    with pytest.raises(InvalidInput, match="no_such_value"):
        find_template("memo", "en", custom)


def test_missing_custom_dir_is_fine(tmp_path: Path) -> None:
    assert {t.name for t in list_templates(tmp_path / "absent")} >= SHIPPED
