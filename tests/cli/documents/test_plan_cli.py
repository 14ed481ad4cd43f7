"""``casekit generate … --plan``, ``--late``, refusals, and ``casekit documents check``, through the
CLI on the acceptance matter (a Danbury police detainer hold) on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from docx import Document

from tests.cli.documents.conftest import (
    assert_one_line_error,
    cli,
    cli_json,
    document_rows,
    files_under,
)


def _late_matter() -> str:
    client = cli_json("client", "add", "--name", "Omar Haddad", "--language", "en")
    matter = cli_json(
        "matter", "add",
        "--client", str(client["id"]),
        "--incident-date", "2025-01-10",
        "--town", "Danbury",
        "--agency", "Danbury Police Department",
        "--violation", "V1",
    )  # fmt: skip
    return str(matter["number"])


def test_plan_prints_counts_notices_and_refusals(acceptance: str) -> None:
    result = cli("generate", "complaint", acceptance, "--plan")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert f"Pleading plan for {acceptance} as of 2025-11-20" in out
    assert "against: City of Danbury" in out
    assert "notice-7-465: available to City of Danbury, due 2026-05-03" in out
    assert "notice-4-147: refused" in out and "[NOTICE_4147_STATE]" in out
    assert out.rstrip().endswith("complaint: can be generated")


def test_plan_json(acceptance: str, documents_dir: Path) -> None:
    data = cli_json("generate", "notice-4-147", acceptance, "--plan")
    assert data["matter"] == acceptance
    assert "trust_act" in [c["claim"] for c in data["counts"]]
    trust = next(c for c in data["counts"] if c["claim"] == "trust_act")
    assert trust["against"] == ["City of Danbury"]
    assert data["template"]["refusal"]["rule"] == "NOTICE_4147_STATE"
    assert data["facts"]["detainer_hold"] is True
    assert files_under(documents_dir) == []  # --plan writes nothing


def test_a_refused_notice_is_one_line_and_writes_nothing(
    acceptance: str, firm: Any, documents_dir: Path
) -> None:
    result = cli("generate", "notice-4-147", acceptance)
    line = assert_one_line_error(result, "cannot generate notice-4-147", "[NOTICE_4147_STATE]")
    assert acceptance in line
    assert files_under(documents_dir) == []
    assert document_rows(firm) == []


def test_late_7465_notice_only_with_late(firm: Any, documents_dir: Path) -> None:
    number = _late_matter()
    refused = cli("generate", "notice-7-465", number)
    assert_one_line_error(refused, "[NOTICE_7465_LATE]", "ended on 2025-07-10", "--late")
    assert files_under(documents_dir) == [] and document_rows(firm) == []
    data = cli_json("generate", "notice-7-465", number, "--late")
    assert data["check"] == []
    text = "\n".join(p.text for p in Document(data["path"]).paragraphs)
    assert "ended on July 10, 2025" in text
    assert "within the six months" not in text
    assert "LATE NOTICE" not in text  # a drafting note: a Word comment, not body text
    assert any("LATE NOTICE" in c.text for c in Document(data["path"]).comments)
    plan = json.loads(cli("generate", "complaint", number, "--plan", "--late", "--json").stdout)
    assert plan["late"] is True and plan["template"]["refusal"] is None


def test_generate_reports_the_check_and_documents_check_finds_an_edit(
    acceptance: str, tmp_path: Path
) -> None:
    data = cli_json("generate", "complaint", acceptance)
    assert data["check"] == []
    ok = cli("documents", "check", data["path"])
    assert ok.exit_code == 0 and ok.stdout.strip() == "ok: no problems found"
    # The firm edits the complaint: "the client" creeps in, and a placeholder loses its colour.
    doc = Document(data["path"])
    doc.paragraphs[5].add_run(" The officers released the client to ICE.")
    doc.add_paragraph("Amount: [[amount]]")
    edited = tmp_path / "complaint-edited.docx"
    doc.save(str(edited))
    result = cli("documents", "check", str(edited), "--json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found["ok"] is False
    assert {f["code"] for f in found["check"]} == {
        "client-in-pleading",
        "unhighlighted-placeholder",
    }
    plain = cli("documents", "check", str(edited))
    assert plain.exit_code == 1 and "[client-in-pleading]" in plain.stdout


def test_generate_pdf_checks_the_pages(acceptance: str) -> None:
    """`generate --pdf` with LibreOffice: the PDF is written and its pages checked (no page holds
    only the signature block), the drafting notes are comments and print nowhere."""
    import pytest

    from casekit.docgen.layout import page_texts, pdftotext_path
    from casekit.docgen.pdf import soffice_path

    if soffice_path() is None or pdftotext_path() is None:
        pytest.skip("needs LibreOffice (soffice) and pdftotext (poppler-utils)")
    data = cli_json("generate", "complaint", acceptance, "--pdf")
    assert data["check"] == []
    pages = page_texts(Path(data["pdf"]))
    assert pages and "Juris No." in pages[-1]
    assert not any("Drafting note" in page for page in pages)
    assert Document(data["path"]).comments  # the notes are there, as Word comments
