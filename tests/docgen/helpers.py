"""Reading generated documents back, and making small templates for the check tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.text.paragraph import Paragraph


def plain(text: str) -> str:
    """Text as a reader sees it: the craft pass's no-break spaces read as spaces (no-break
    hyphens already read as hyphens through python-docx)."""
    return text.replace("\u00a0", " ")


@dataclass(frozen=True)
class ReadBack:
    """Every piece of text python-docx sees in a document (no-break spaces as spaces), and the
    Word comments (the drafting notes)."""

    body: list[Paragraph]
    tables: list[list[list[str]]]
    headers: list[str]
    footers: list[str]
    comments: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> list[str]:
        return [plain(p.text) for p in self.body]

    def everything(self) -> str:
        cells = [cell for table in self.tables for row in table for cell in row]
        return "\n".join([*self.body_text, *cells, *self.headers, *self.footers, *self.comments])


def read_back(path: Path) -> ReadBack:
    doc: DocumentObject = Document(str(path))
    headers: list[str] = []
    footers: list[str] = []
    for section in doc.sections:
        for header in (section.header, section.first_page_header, section.even_page_header):
            headers += [plain(p.text) for p in header.paragraphs]
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            footers += [plain(p.text) for p in footer.paragraphs]
    tables = [[[plain(cell.text) for cell in row.cells] for row in t.rows] for t in doc.tables]
    comments = [plain(c.text) for c in doc.comments] if hasattr(doc, "comments") else []
    return ReadBack(list(doc.paragraphs), tables, headers, footers, comments)


def has_page_break_before(paragraphs: Sequence[Paragraph], index: int) -> bool:
    """A page break before ``paragraphs[index]``: its own property, or a break run just before."""
    paragraph = paragraphs[index]
    if paragraph.paragraph_format.page_break_before:
        return True
    if index > 0:
        previous = paragraphs[index - 1]._p.xml
        return 'w:type="page"' in previous
    return False


def numbered_paragraphs(read: ReadBack) -> Iterator[tuple[int, str]]:
    """The complaint's paragraphs with the number Word shows: they carry Word's own numbering
    (one list, no typed numbers), so the n-th numbered paragraph is paragraph n."""
    number = 0
    for p in read.body:
        if p.style is not None and p.style.name == "Complaint Paragraph":
            own = p._p.pPr is not None and p._p.pPr.numPr is not None
            assert own or "w:numPr" in p.style.element.xml, p.text
            number += 1
            yield number, plain(p.text)


def make_template(
    path: Path,
    paragraphs: Sequence[str] = (),
    *,
    header: Sequence[str] = (),
    footer: Sequence[str] = (),
    table: Sequence[Sequence[str]] = (),
) -> Path:
    """A small .docx template: body paragraphs, then an optional table, header and footer."""
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if table:
        t = doc.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(t.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    section = doc.sections[0]
    if header:
        section.header.paragraphs[0].text = header[0]
        for text in header[1:]:
            section.header.add_paragraph(text)
    if footer:
        section.footer.paragraphs[0].text = footer[0]
        for text in footer[1:]:
            section.footer.add_paragraph(text)
    doc.save(str(path))
    return path
