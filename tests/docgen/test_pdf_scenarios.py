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
