"""Checks of a document's layout: a signature block alone on a page (from the PDF, or the
keep-with-next chain), and a page number printed twice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from casekit.docgen.layout import orphaned_signature_pages, pdftotext_path
from casekit.docgen.lint.findings import ERROR, WARNING, Finding
from casekit.docgen.lint.paragraphs import _plain
from casekit.domain.text import one_line
from casekit.errors import ConfigurationError

# --- layout: the signature block and the page numbers --------------------------------------------


def _keeps_with_next(p: Any) -> bool:
    """keep-with-next on the paragraph, or inherited from its style (and the styles below it)."""
    direct = p.paragraph_format.keep_with_next
    if direct is not None:
        return bool(direct)
    style = p.style
    while style is not None:
        value = style.paragraph_format.keep_with_next
        if value is not None:
            return bool(value)
        style = style.base_style
    return False


def _signature(document: Any, pdf: Path | None) -> list[Finding]:
    from docx.text.paragraph import Paragraph

    from casekit.docgen.craft import signature_blocks

    body = [Paragraph(p, document._body) for p in document.element.body.iterchildren()]
    body = [p for p in body if p._p.tag.endswith("}p")]
    blocks = signature_blocks([p._p for p in body])
    if not blocks:
        return []
    if pdf is not None and _pdftotext():
        lines = {
            one_line(_plain(line))
            for first, last in blocks
            for p in body[first : last + 1]
            for line in p.text.splitlines()  # an address breaks into lines
            if line.strip()
        }

        try:
            pages = orphaned_signature_pages(pdf, lines, _furniture(document))
        except ConfigurationError as exc:  # an unreadable PDF: say so, check the chain instead
            skipped = Finding(WARNING, "pages-not-checked", exc.message, pdf.name)
            return [skipped, *_signature(document, None)]
        return [
            Finding(
                ERROR,
                "orphaned-signature",
                f"page {page} holds only the signature block: keep it with the text above",
                f"page {page} of {pdf.name}",
            )
            for page in pages
        ]
    out = []
    for first, last in blocks:
        above = first - 1
        while above >= 0 and not body[above].text.strip():
            above -= 1
        chain = body[max(above, 0) : last]
        if above < 0 or all(_keeps_with_next(p) for p in chain):
            continue
        out.append(
            Finding(
                WARNING,
                "signature-not-kept",
                "the signature block is not kept with the text above it (keep with next): "
                "it can land alone on a page",
                f"body paragraph {first + 1}",
            )
        )
    return out


def _pdftotext() -> bool:
    return pdftotext_path() is not None


def _furniture(document: Any) -> list[str]:
    """The header and footer lines (they print on every page, around the body)."""
    lines = []
    for section in document.sections:
        for part in (
            section.header, section.footer, section.first_page_header,
            section.first_page_footer, section.even_page_header, section.even_page_footer,
        ):  # fmt: skip
            lines += [
                one_line(_plain(line))
                for p in part.paragraphs
                for line in p.text.splitlines()
                if line.strip()
            ]
    return lines


_PAGE_FIELD = re.compile(r"^\s*PAGE\b")


def _has_page_number(part: Any) -> bool:
    from docx.oxml.ns import qn

    element = part._element
    for instr in element.iter(qn("w:instrText")):
        if _PAGE_FIELD.match(instr.text or ""):
            return True
    return any(
        _PAGE_FIELD.match(simple.get(qn("w:instr")) or "")
        for simple in element.iter(qn("w:fldSimple"))
    )


def _page_numbers(document: Any) -> list[Finding]:
    out = []
    for index, section in enumerate(document.sections, start=1):
        pairs = [("pages", section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append(("first page", section.first_page_header, section.first_page_footer))
        for label, header, footer in pairs:
            if _has_page_number(header) and _has_page_number(footer):
                out.append(
                    Finding(
                        WARNING,
                        "two-page-numbers",
                        f"both the header and the footer of the {label} print the page number",
                        f"section {index}",
                    )
                )
    return out
