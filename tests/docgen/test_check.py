"""Template checks: syntax errors with a location, unknown variables, and sandbox escapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.docgen.check import check_template, template_name, template_variables
from casekit.docgen.context import build_context
from casekit.docgen.registry import find_template
from casekit.docgen.render import render_document
from casekit.errors import InvalidInput
from casekit.resources import templates_dir
from tests.docgen.helpers import make_template
from tests.docgen.sample import FIRM, MATTERS, TODAY


def test_shipped_templates_have_no_problems() -> None:
    shipped = sorted(templates_dir().glob("*.docx"))
    assert len(shipped) >= 8
    for path in shipped:
        assert check_template(path) == [], path.name


def test_template_name_drops_language_and_extension() -> None:
    assert template_name(Path("client-letter.es.docx")) == "client-letter"
    assert template_name(Path("notice-7-465.docx")) == "notice-7-465"


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ client.name.__class__ }}",
    "{{ firm['__class__'] }}",
    "{{ client.name|attr('__class__') }}",
    "{% set a = '__cla' ~ 'ss__' %}{{ client.name|attr(a) }}",
    "{{ lipsum.__globals__ }}",
]


@pytest.mark.parametrize("body", ESCAPES)
def test_sandbox_escape_is_refused(tmp_path: Path, body: str) -> None:
    path = make_template(tmp_path / "hostile.docx", ["Dear {{ client.name }},", body])
    with pytest.raises(InvalidInput, match="template hostile tried to reach outside the sandbox"):
        check_template(path)


def test_sandbox_escape_in_a_header_is_refused(tmp_path: Path) -> None:
    path = make_template(tmp_path / "hostile.docx", ["Hello"], header=["{{ ''.__class__ }}"])
    with pytest.raises(InvalidInput, match="outside the sandbox"):
        check_template(path)


def test_hostile_custom_template_is_refused_before_use(tmp_path: Path) -> None:
    custom = tmp_path / "templates"
    custom.mkdir()
    make_template(custom / "demand-letter.docx", ["{{ ''.__class__.__mro__ }}"])
    with pytest.raises(InvalidInput, match="template demand-letter tried to reach outside"):
        find_template("demand-letter", "en", custom)


def test_render_converts_a_sandbox_violation_to_a_clean_error(tmp_path: Path) -> None:
    path = make_template(tmp_path / "hostile.docx", ["{{ ''.__class__.__mro__ }}"])
    context = build_context("hostile", MATTERS["nunez"], FIRM, TODAY)
    with pytest.raises(InvalidInput, match="template hostile tried to reach outside the sandbox"):
        render_document(path, context, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["hostile.docx"]  # no temp file left behind


def test_syntax_error_in_body_is_located(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "broken.docx", ["Hello {{ client.name }}", "Dear {{ client.name }", "Bye"]
    )
    problems = check_template(path)
    assert len(problems) == 1
    assert problems[0].where.startswith("body paragraph 2")
    assert "syntax error" in problems[0].message


def test_syntax_error_after_paragraph_tags_keeps_word_numbering(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "broken.docx",
        ["{%p if matter.trust_act %}", "Trust Act", "{%p endif %}", "{{ client.name | }}"],
    )
    [problem] = check_template(path)
    assert problem.where.startswith("body paragraph 4")


def test_syntax_error_in_header_footer_and_table(tmp_path: Path) -> None:
    header = make_template(tmp_path / "h.docx", ["ok"], header=["{{ firm.name"])
    assert check_template(header)[0].where.startswith("header")
    footer = make_template(tmp_path / "f.docx", ["ok"], footer=["{% if %}"])
    assert check_template(footer)[0].where.startswith("footer")
    table = make_template(tmp_path / "t.docx", ["ok"], table=[["a", "{{ client.name }"]])
    assert check_template(table)[0].where.startswith("table 1")


def test_unclosed_block_is_reported(tmp_path: Path) -> None:
    path = make_template(tmp_path / "open.docx", ["{%p if matter.trust_act %}", "Trust Act"])
    [problem] = check_template(path)
    assert "syntax error" in problem.message


def test_undeclared_variable_is_reported(tmp_path: Path) -> None:
    path = make_template(tmp_path / "typo.docx", ["Dear {{ client.name }}", "{{ clinet_name }}"])
    [problem] = check_template(path)
    assert "'clinet_name'" in problem.message
    assert problem.where.startswith("body paragraph 2")


def test_misspelled_field_is_reported(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "typo.docx",
        ["{{ client.nmae }}", "{%p for c in complaint.counts %}", "{{ c.titel }}", "{%p endfor %}"],
    )
    problems = check_template(path)
    assert {p.message.split("'")[1] for p in problems} == {
        "client.nmae",
        "complaint.counts[].titel",
    }
    assert problems[0].where.startswith("body paragraph 1")


def test_explicit_context_keys(tmp_path: Path) -> None:
    path = make_template(tmp_path / "x.docx", ["{{ alpha.beta }} {{ gamma }}"])
    assert check_template(path, {"alpha", "gamma"}) == []
    assert [p.message for p in check_template(path, {"alpha"})] == [
        "uses 'gamma', which the document context does not have"
    ]


def test_report_templates_use_their_own_context(tmp_path: Path) -> None:
    path = make_template(tmp_path / "report-deadlines.docx", ["{{ client.name }}"])
    [problem] = check_template(path)
    assert "'client'" in problem.message


def test_include_is_refused(tmp_path: Path) -> None:
    path = make_template(tmp_path / "inc.docx", ["{% include 'other.docx' %}"])
    [problem] = check_template(path)
    assert "include" in problem.message


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    [problem] = check_template(path)
    assert problem.where == "file"


def test_template_variables_follow_loops(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "v.docx",
        [
            "{{ client.name }}",
            "{%p for s in complaint.sections %}",
            "{%p for p in s.paragraphs %}",
            "{{ p.number }} {{ loop.index }}",
            "{%p endfor %}",
            "{%p endfor %}",
        ],
    )
    found = template_variables(path)
    assert "client.name" in found
    assert "complaint.sections[].paragraphs[].number" in found
    assert not any(v.startswith("loop") for v in found)
