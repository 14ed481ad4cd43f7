"""Refusals: one line on stderr, exit 2, nothing written (no file, no row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docgen.helpers import make_template

from .conftest import (
    add_matter_cli,
    assert_one_line_error,
    cli,
    cli_json,
    document_rows,
    files_under,
    set_firm,
)


def assert_nothing_written(svc: Any, documents_dir: Path) -> None:
    assert files_under(documents_dir) == []
    assert document_rows(svc) == []


def test_unknown_template(acceptance: str, firm: Any, documents_dir: Path) -> None:
    line = assert_one_line_error(cli("generate", "demand-leter", acceptance), "demand-leter")
    assert "demand-letter" in line  # the known names are listed
    assert_nothing_written(firm, documents_dir)


def test_unknown_matter(acceptance: str, firm: Any, documents_dir: Path) -> None:
    assert_one_line_error(cli("generate", "demand-letter", "TA-2099-0001"), "TA-2099-0001")
    assert_one_line_error(cli("generate", "demand-letter", "999"), "999")
    assert_nothing_written(firm, documents_dir)


def test_unsupported_language_lists_the_available_ones(
    acceptance: str, firm: Any, documents_dir: Path
) -> None:
    assert_one_line_error(
        cli("generate", "client-letter", acceptance, "--lang", "fr"), "'fr'", "en, es"
    )
    assert_one_line_error(cli("generate", "complaint", acceptance, "--lang", "es"), "en")
    assert_nothing_written(firm, documents_dir)


def test_report_templates_are_not_matter_documents(acceptance: str) -> None:
    assert_one_line_error(
        cli("generate", "report-deadlines", acceptance), "casekit report deadlines"
    )


@pytest.mark.parametrize("missing", ["firm.juris_number", "firm.name", "firm.address"])
def test_missing_firm_setting_is_named(services: Any, documents_dir: Path, missing: str) -> None:
    set_firm(services, skip=(missing,))
    number = add_matter_cli()
    assert_one_line_error(
        cli("generate", "complaint", number), f"{missing} is not set", "casekit settings set"
    )
    assert_nothing_written(services, documents_dir)


def test_firm_template_overrides_the_shipped_one(acceptance: str, casekit_home: Path) -> None:
    custom = casekit_home / "templates"
    custom.mkdir(mode=0o700, parents=True)
    make_template(
        custom / "demand-letter.docx",
        ["Firm letterhead of {{ firm.name }}", "Re: {{ client.name }}, {{ matter.number }}"],
        footer=["{{ firm.juris_number }}"],
    )
    out = cli_json("generate", "demand-letter", acceptance)
    from docgen.helpers import read_back

    read = read_back(Path(out["path"]))
    assert read.body_text[:2] == [
        'Firm letterhead of Smith & Jones <LLP> "Trust Act" Clinic',
        f"Re: José Núñez-O'Brien & Hijos <LLC> {{{{ 7*7 }}}}, {acceptance}",
    ]
    assert "123456" in read.footers

    listed = {t["name"]: t for t in cli_json("templates", "list")}
    assert listed["demand-letter"]["custom"] is True
    assert listed["complaint"]["custom"] is False


def test_firm_template_adds_a_new_name(acceptance: str, casekit_home: Path) -> None:
    custom = casekit_home / "templates"
    custom.mkdir(mode=0o700, parents=True)
    make_template(custom / "intake-summary.docx", ["Matter {{ matter.number }}"])
    out = cli_json("generate", "intake-summary", acceptance)
    assert out["path"].endswith("2025-11-20-intake-summary.docx")
    listed = {t["name"]: t for t in cli_json("templates", "list")}
    assert listed["intake-summary"]["custom"] is True


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ client|attr('__class__') }}",
        "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_hostile_firm_template_is_refused(
    acceptance: str, firm: Any, casekit_home: Path, documents_dir: Path, payload: str
) -> None:
    custom = casekit_home / "templates"
    custom.mkdir(mode=0o700, parents=True)
    make_template(custom / "demand-letter.docx", ["Dear {{ client.name }},", payload])
    assert_one_line_error(cli("generate", "demand-letter", acceptance), "outside the sandbox")
    assert_nothing_written(firm, documents_dir)


def test_broken_firm_template_names_the_problem_and_place(
    acceptance: str, firm: Any, casekit_home: Path, documents_dir: Path
) -> None:
    custom = casekit_home / "templates"
    custom.mkdir(mode=0o700, parents=True)
    make_template(custom / "demand-letter.docx", ["Dear {{ client.name }},", "{{ client.nmae }}"])
    assert_one_line_error(
        cli("generate", "demand-letter", acceptance),
        "template demand-letter cannot be used",
        "body paragraph 2",
        "client.nmae",
    )
    assert_nothing_written(firm, documents_dir)


def test_pdf_without_libreoffice(
    acceptance: str, firm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setattr(shutil, "which", lambda *_a, **_k: None)
    result = cli("generate", "demand-letter", acceptance, "--pdf", "--json")
    line = assert_one_line_error(result, "LibreOffice", "the .docx was written to")
    import json

    out = json.loads(result.stdout)
    docx = Path(out["path"])
    assert docx.is_file() and str(docx) in line
    assert "pdf" not in out
    rel = docx.relative_to(firm.settings.files_root).as_posix()
    assert [r.output_path for r in document_rows(firm)] == [rel]


def test_pdf_with_libreoffice(
    acceptance: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in ``soffice`` on PATH: casekit passes --outdir and publishes what it writes."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "soffice"
    fake.write_text(
        "#!/bin/sh\n"
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'out="$2"; src="$3"; mkdir -p "$out"\n'
        'name=$(basename "$src" .docx)\n'
        'printf "%%PDF-1.4 fake" > "$out/$name.pdf"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    out = cli_json("generate", "notice-7-465", acceptance, "--pdf")
    pdf = Path(out["pdf"])
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.with_suffix(".docx") == Path(out["path"])
    assert oct(pdf.stat().st_mode & 0o777) == oct(0o600)


def test_no_client_data_in_errors_for_unknown_language(acceptance: str) -> None:
    result = cli("generate", "client-letter", acceptance, "--lang", "<b>{{")
    assert_one_line_error(result)


@pytest.mark.parametrize(
    "payload",
    [
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}",
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "{% set l = [0] * 99999 %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}",
        "{{ 'x' * 1000000000 }}",
        "{{ client.name|center(1000000000) }}",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    ],
    ids=["nested-output", "nested-silent", "list-loop", "string-bomb", "filter-bomb", "recursion"],
)
def test_firm_template_loop_bomb_is_refused(
    acceptance: str,
    firm: Any,
    casekit_home: Path,
    documents_dir: Path,
    payload: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A firm template that would render forever, or without bound, is one line, no file."""
    from casekit.docgen.environment import budget

    monkeypatch.setattr(budget, "RENDER_SECONDS", 1.0)
    custom = casekit_home / "templates"
    custom.mkdir(mode=0o700, parents=True)
    make_template(custom / "demand-letter.docx", ["Dear {{ client.name }},", payload])
    result = cli("generate", "demand-letter", acceptance)
    line = assert_one_line_error(result, "template demand-letter")
    assert any(word in line for word in ("seconds", "characters", "larger than", "uses 'm'")), line
    assert_nothing_written(firm, documents_dir)
