"""PDFs of the six demo scenarios (issue 13, acceptance): each complaint and each notice the
pleading plan allows, laid out by LibreOffice, with the page check: no page holds only the
signature block. Skipped, with the reason, where LibreOffice or pdftotext is not installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.docgen.context import build_context
from casekit.docgen.layout import page_texts, pdftotext_path
from casekit.docgen.lint import lint_document
from casekit.docgen.pdf import convert_to_pdf, soffice_path
from casekit.docgen.render import render_document
from casekit.domain.pleading import AVAILABLE, LATE, plan_pleading
from casekit.resources import templates_dir
from tests.docgen.sample import EXTRA, FIRM
from tests.docgen.scenarios import SCENARIOS, TODAY

pytestmark = pytest.mark.skipif(
    soffice_path() is None or pdftotext_path() is None,
    reason="PDF checks need LibreOffice (soffice) and pdftotext (poppler-utils): "
    "apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation",
)


def _documents(key: str) -> list[tuple[str, bool]]:
    """The complaint and every notice the plan writes for the scenario (late ones with --late)."""
    plan = plan_pleading(SCENARIOS[key], TODAY)
    out = [("complaint", False)]
    for notice in plan.notices:
        if notice.template.startswith("notice-") and notice.status in (AVAILABLE, LATE):
            pair = (notice.template, notice.status == LATE)
            if pair not in out:
                out.append(pair)
    return out


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_scenario_pdfs_have_no_page_with_only_a_signature(key: str, tmp_path: Path) -> None:
    documents = _documents(key)
    assert len(documents) >= 2  # a complaint and at least one notice in every scenario
    for template, late in documents:
        extra = {**EXTRA, "late_notice": late}
        context = build_context(template, SCENARIOS[key], FIRM, TODAY, extra=extra)
        docx = render_document(
            templates_dir() / f"{template}.docx", context, tmp_path / f"{template}-{key}.docx"
        ).path
        pdf = convert_to_pdf(docx)
        pages = page_texts(pdf)
        assert pages, f"{pdf.name} has no pages"
        # the drafting notes are comments: none of them is printed
        assert not any("Drafting note" in page or "remove before filing" in page for page in pages)
        assert lint_document(docx, kind=template, today=TODAY, pdf=pdf) == [], pdf.name
        # the last page carries the signature and text above it
        assert "Page " in pages[-1]


def test_a_page_with_only_the_signature_is_an_error(tmp_path: Path) -> None:
    from docx import Document

    context = build_context("complaint", SCENARIOS["doc"], FIRM, TODAY, extra=EXTRA)
    docx = render_document(templates_dir() / "complaint.docx", context, tmp_path / "c.docx").path
    doc = Document(str(docx))
    signature = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Signature"]
    signature[0].paragraph_format.page_break_before = True
    moved = tmp_path / "moved.docx"
    doc.save(str(moved))
    pdf = convert_to_pdf(moved)
    findings = lint_document(moved, kind="complaint", today=TODAY, pdf=pdf)
    pages = len(page_texts(pdf))
    assert [(f.code, f.where) for f in findings] == [
        ("orphaned-signature", f"page {pages} of {pdf.name}")
    ]


def test_documents_check_pdf_finds_the_lonely_signature(tmp_path: Path) -> None:
    """`casekit documents check PATH --pdf`: LibreOffice lays the pages out, exit 1 on the page
    holding only the signature; the document as casekit wrote it passes."""
    from docx import Document
    from typer.testing import CliRunner

    from casekit.cli import app

    context = build_context("notice-7-465", SCENARIOS["municipal-v1"], FIRM, TODAY, extra=EXTRA)
    docx = render_document(
        templates_dir() / "notice-7-465.docx", context, tmp_path / "notice.docx"
    ).path
    ok = CliRunner().invoke(app, ["documents", "check", str(docx), "--pdf"])
    assert ok.exit_code == 0 and "ok: no problems found" in ok.stdout
    doc = Document(str(docx))
    first = next(p for p in doc.paragraphs if p.style is not None and p.style.name == "Signature")
    first.paragraph_format.page_break_before = True
    moved = tmp_path / "moved.docx"
    doc.save(str(moved))
    bad = CliRunner().invoke(app, ["documents", "check", str(moved), "--pdf"])
    assert bad.exit_code == 1
    assert "holds only the signature block" in bad.stdout and "[orphaned-signature]" in bad.stdout
    assert not list(tmp_path.glob("*.pdf"))  # the PDF was a throw-away copy


def test_an_unreadable_pdf_is_said_and_the_chain_checked(tmp_path: Path) -> None:
    context = build_context("complaint", SCENARIOS["doc"], FIRM, TODAY, extra=EXTRA)
    docx = render_document(templates_dir() / "complaint.docx", context, tmp_path / "c.docx").path
    fake = tmp_path / "c.pdf"
    fake.write_bytes(b"%PDF-1.4 not really")
    findings = lint_document(docx, kind="complaint", today=TODAY, pdf=fake)
    assert [(f.level, f.code) for f in findings] == [("warning", "pages-not-checked")]
