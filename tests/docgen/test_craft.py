"""Word craft (issue 13 item 6): read the rendered documents' XML back and check what Word will
show: its own paragraph numbering, REF fields that already read right, citations that cannot
break, verify markers highlighted, drafting notes as comments, signature blocks kept with the text
above them, one page number per page; and the linter's layout checks."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn

from casekit.docgen.context import build_context
from casekit.docgen.craft import apply_craft
from casekit.docgen.lint import lint_document
from casekit.docgen.render import RenderedDocument, render_document
from casekit.resources import templates_dir
from tests.docgen.helpers import make_template, numbered_paragraphs, read_back
from tests.docgen.sample import EXTRA, FIRM
from tests.docgen.scenarios import SCENARIOS, TODAY

_OUT: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def _out_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    _OUT.append(tmp_path_factory.mktemp("craft"))


@cache
def rendered(template: str, key: str) -> RenderedDocument:
    context = build_context(template, SCENARIOS[key], FIRM, TODAY, extra=EXTRA)
    out = _OUT[-1] / f"{template}-{key}.docx"
    return render_document(templates_dir() / f"{template}.docx", context, out)


def _xml(path: Path) -> str:
    return Document(str(path)).element.body.xml


def test_complaint_paragraphs_carry_word_numbering() -> None:
    doc = Document(str(rendered("complaint", "several").path))
    paragraphs = [
        p for p in doc.paragraphs if p.style is not None and p.style.name == "Complaint Paragraph"
    ]
    assert len(paragraphs) > 40
    # The numbering is on the style (only these paragraphs use it): one list, numbered on across
    # the counts, and a paragraph added in that style in Word is numbered too.
    style = doc.styles["Complaint Paragraph"].element
    assert style.pPr is not None and style.pPr.numPr is not None
    assert all(p._p.pPr is None or p._p.pPr.numPr is None for p in paragraphs)
    num_ids = {style.pPr.numPr.numId.val}
    assert not any(re.match(r"\d+\.\t", p.text) for p in paragraphs)  # no typed numbers left
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.numId == next(iter(num_ids)))
    abstract_id = num.abstractNumId.val
    abstract = next(
        a
        for a in numbering.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == str(abstract_id)
    )
    lvl = abstract.find(qn("w:lvl"))
    assert lvl.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
    assert lvl.find(qn("w:lvlText")).get(qn("w:val")) == "%1."


@pytest.mark.parametrize("key", list(SCENARIOS))
def test_incorporation_is_a_ref_field_that_already_reads_right(key: str) -> None:
    path = rendered("complaint", key).path
    read = read_back(path)
    numbered = dict(numbered_paragraphs(read))
    incorporations = [p for p in read.body if p.text.startswith("Paragraphs 1 through ")]
    assert incorporations
    for p in incorporations:
        instr = [i.text for i in p._p.iter(qn("w:instrText"))]
        assert len(instr) == 1
        bookmark = re.fullmatch(r" REF (_RefPara(\d+)) \\r \\h ", instr[0])
        assert bookmark is not None, instr
        # the stored result is the number itself: the text reads right before any update
        shown = int(p.text.removeprefix("Paragraphs 1 through ").split()[0])
        assert shown == int(bookmark.group(2))
        # the bookmark sits on that paragraph: the last of the facts
        target = next(
            q
            for q in read.body
            if any(
                b.get(qn("w:name")) == bookmark.group(1) for b in q._p.iter(qn("w:bookmarkStart"))
            )
        )
        number = next(n for n, q in enumerate(read.body) if q._p is target._p)
        assert numbered[shown] == read.body_text[number]
        assert (
            read.body_text[number + 1]
            == "FIRST COUNT: " + read.body_text[number + 1].split(": ", 1)[1]
        )


def test_citations_never_break() -> None:
    path = rendered("complaint", "several").path
    doc = Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    joined = "\n".join(texts)
    assert "§\u00a054-192h" in joined and "§\u00a052-571k" in joined and "§\u00a07-465" in joined
    assert "42\u00a0U.S.C.\u00a0§\u00a01983" in joined
    assert "Stat.\u00a0§" in joined
    assert not re.search(r"§ |U\.S\.C\. |C\.F\.R\. ", joined)  # no breakable space left
    xml = _xml(path)
    # the hyphen inside a section number is Word's no-break hyphen, read back as "-"
    assert xml.count("<w:noBreakHyphen/>") >= joined.count("52-571k") > 0
    for p in doc.paragraphs:
        for t in p._p.iter(qn("w:t")):
            assert not re.search(r"§\u00a0\d+[a-z]*-", t.text or ""), t.text


def test_verify_markers_are_highlighted_and_never_break() -> None:
    doc = Document(str(rendered("complaint", "several").path))
    marks = [r for p in doc.paragraphs for r in p.runs if "[verify" in r.text]
    assert marks
    for run in marks:
        assert run.font.highlight_color == WD_COLOR_INDEX.TURQUOISE
        assert re.fullmatch(r"\[verify:\u00a0\w+\]", run.text)


@pytest.mark.parametrize("template", ["complaint", "notice-7-465"])
def test_drafting_notes_are_comments_and_nothing_follows_the_signature(template: str) -> None:
    path = rendered(template, "municipal-v1").path
    doc = Document(str(path))
    read = read_back(path)
    assert not any(p.style is not None and p.style.name == "Drafting Note" for p in doc.paragraphs)
    assert not any(t.startswith("Drafting notes") for t in read.body_text)
    assert read.comments and all(
        c.startswith(("Drafting note: ", "Notice about the summons: ")) for c in read.comments
    )
    assert all(c.author == "casekit" for c in doc.comments)
    last = [p for p in doc.paragraphs if p.text.strip()][-1]
    assert last.style is not None and last.style.name == "Signature"
    if template == "complaint":
        assert any("JD-CV-1" in c for c in read.comments)


@pytest.mark.parametrize("template", ["complaint", "notice-7-465", "demand-letter"])
def test_signature_block_is_kept_with_the_text_above(template: str) -> None:
    path = rendered(template, "municipal-v1").path
    doc = Document(str(path))
    paragraphs = doc.paragraphs
    first = next(
        i for i, p in enumerate(paragraphs) if p.style is not None and p.style.name == "Signature"
    )
    above = first - 1
    while not paragraphs[above].text.strip():
        assert paragraphs[above].paragraph_format.keep_with_next
        above -= 1
    assert paragraphs[above].paragraph_format.keep_with_next  # the last line of text travels along
    block = [p for p in paragraphs[first:] if p.style is not None and p.style.name == "Signature"]
    assert all(p.paragraph_format.keep_with_next for p in block[:-1])
    assert lint_document(path, kind=template, today=TODAY) == []
    # Without the chain, the linter says the block can land alone on a page.
    paragraphs[above].paragraph_format.keep_with_next = False
    broken = _OUT[-1] / f"broken-{template}.docx"
    doc.save(str(broken))
    assert [f.code for f in lint_document(broken, kind=template, today=TODAY)] == [
        "signature-not-kept"
    ]


def test_table_rows_do_not_split_and_the_caption_stays_together() -> None:
    doc = Document(str(rendered("complaint", "municipal-v1").path))
    caption = doc.tables[0]
    for row in caption.rows:
        assert row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
    for row in caption.rows[:-1]:
        assert all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


@pytest.mark.parametrize("path", sorted(templates_dir().glob("*.docx")), ids=lambda p: p.name)
def test_one_page_number_per_page_in_every_shipped_template(path: Path) -> None:
    assert [f for f in lint_document(path) if f.code == "two-page-numbers"] == []


def test_two_page_numbers_are_reported(tmp_path: Path) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = make_template(tmp_path / "two.docx", ["Body."], header=["Page "], footer=["Page "])
    doc = Document(str(path))
    section = doc.sections[0]
    for part in (section.header, section.footer):
        part.paragraphs[0]._p.append(
            parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE ">'
                "<w:r><w:t>1</w:t></w:r></w:fldSimple>"
            )
        )
    doc.save(str(path))
    assert [f.code for f in lint_document(path)] == ["two-page-numbers"]


def test_a_firm_template_with_typed_numbers_gets_word_numbering(tmp_path: Path) -> None:
    path = make_template(
        tmp_path / "firm.docx",
        ["COMPLAINT", "1.\tThe plaintiff lives in Danbury.", "2.\tThe defendant is a town.",
         "3.\tParagraphs 1 through 2 are incorporated under Conn. Gen. Stat. § 52-571k."],
    )  # fmt: skip
    doc = Document(str(path))
    done = apply_craft(doc)
    assert (done.numbered, done.references, done.hyphens) == (3, 1, 1)
    texts = [p.text for p in doc.paragraphs]
    assert texts[1:3] == ["The plaintiff lives in Danbury.", "The defendant is a town."]
    assert (
        texts[3]
        == "Paragraphs 1 through 2 are incorporated under Conn. Gen. Stat.\u00a0§\u00a052-571k."
    )


def test_numbers_that_do_not_run_on_are_left_alone(tmp_path: Path) -> None:
    path = make_template(tmp_path / "firm.docx", ["1.\tOne.", "3.\tThree."])
    doc = Document(str(path))
    assert apply_craft(doc).numbered == 0
    assert [p.text for p in doc.paragraphs] == ["1.\tOne.", "3.\tThree."]


def test_jurisdiction_names_the_statutes_not_the_limitation_authority() -> None:
    read = read_back(rendered("complaint", "several").path)
    line = next(t for t in read.body_text if "brings this action under" in t)
    assert line == (
        "The plaintiff brings this action under Conn. Gen. Stat. § 54-192h; 42 U.S.C. § 1983; "
        "Conn. Gen. Stat. § 52-571k; the common law of false imprisonment and Conn. Gen. Stat. "
        "§ 7-465."
    )
    assert "Lounsbury" not in read.everything() and "3 years from" not in line
