"""Build the shipped Word templates in ``templates/`` from code.

Run from the repository root::

    python templates/_authoring/build_templates.py

Each template is a real Word document made with python-docx: named styles (Title, Heading 1/2,
Body Text, Caption, and casekit's own list and paragraph styles), automatic numbering for the
demand and records lists, Times New Roman 12 on 1-inch margins, a letterhead taken from the firm
settings, and headers and footers with PAGE fields. Template logic is docxtpl's Jinja dialect:

* ``{%p for … %}`` / ``{%p if … %}`` in a paragraph of their own (the paragraph is removed);
* ``{%tr for … %}`` in a table row of its own (the row is removed);
* ``{{ … }}`` for values, formatted by the filters in ``casekit.docgen.environment``.

The output is deterministic: fixed core properties and zip timestamps, so running the script
twice gives byte-identical files and a diff shows only real changes. Firms who edit a template in
Word save it under ``CASEKIT_HOME/templates`` instead; these files are the shipped defaults.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

OUT_DIR = Path(__file__).resolve().parent.parent
FONT = "Times New Roman"
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED = datetime(2025, 1, 1, tzinfo=UTC)

# Numbered-list styles: (style name, numId, abstractNumId). Each list has its own abstract
# definition so that two lists in one document are numbered independently.
BULLET_NUM_ID = 40
NUMBERED_STYLES = (
    ("Demand List", 41, 41),
    ("Records List", 42, 42),
    ("Relief List", 43, 43),
)

Run = str | tuple[str, str]  # plain text, or (text, flags) with flags from "b", "i", "u"
Container = Any  # a Document, a header/footer, or a table cell: anything with add_paragraph


# --- document and styles ------------------------------------------------------------------------


def new_document(title: str, lang: str = "en-US", *, landscape: bool = False) -> DocumentObject:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_thumbnail(doc)
    _doc_defaults(doc, lang)
    _styles(doc)
    _numbering(doc)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Inches(11), Inches(8.5)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    section.header_distance = section.footer_distance = Inches(0.5)
    props = doc.core_properties
    props.title = title
    props.author = "casekit"
    props.last_modified_by = "casekit"
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.category = "casekit template"
    props.language = lang
    props.revision = 1
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    return doc


def _drop_thumbnail(doc: DocumentObject) -> None:
    # python-docx's default template carries its own thumbnail; Word would show it in previews.
    rels = doc.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[r_id]


def _fonts(r_pr: Any) -> None:
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _doc_defaults(doc: DocumentObject, lang: str) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    r_pr.append(
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" '
            f'w:cs="{FONT}"/>'
        )
    )
    r_pr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="24"/>'))
    r_pr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="24"/>'))
    r_pr.append(
        parse_xml(f'<w:lang {nsdecls("w")} w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/>')
    )


def _reset(style: ParagraphStyle) -> ParagraphStyle:
    """Clear a built-in style's formatting (theme fonts, colours, borders) before restyling it."""
    for tag in ("w:pPr", "w:rPr"):
        found = style.element.find(qn(tag))
        if found is not None:
            style.element.remove(found)
    style.font.name = FONT
    _fonts(style.element.get_or_add_rPr())
    style.font.size = Pt(12)
    style.font.bold = False
    style.font.italic = False
    return style


def _paragraph_style(doc: DocumentObject, name: str, base: str = "Normal") -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != base else None
    style.quick_style = True
    return _reset(style)


def _styles(doc: DocumentObject) -> None:
    normal = _reset(doc.styles["Normal"])
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    title = _paragraph_style(doc, "Title")
    title.font.bold = True
    title.font.size = Pt(14)
    title.font.all_caps = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(12)
    title.paragraph_format.keep_with_next = True

    subtitle = _paragraph_style(doc, "Subtitle")
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(12)
    subtitle.paragraph_format.keep_with_next = True

    h1 = _paragraph_style(doc, "Heading 1")
    h1.font.bold = True
    h1.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    h1.paragraph_format.space_before = Pt(12)
    h1.paragraph_format.space_after = Pt(12)
    h1.paragraph_format.keep_with_next = True

    h2 = _paragraph_style(doc, "Heading 2")
    h2.font.bold = True
    h2.paragraph_format.space_before = Pt(12)
    h2.paragraph_format.space_after = Pt(6)
    h2.paragraph_format.keep_with_next = True

    body = _paragraph_style(doc, "Body Text")
    body.paragraph_format.space_after = Pt(12)

    caption = _paragraph_style(doc, "Caption")
    caption.paragraph_format.space_after = Pt(0)

    for name in ("Header", "Footer"):
        style = _paragraph_style(doc, name)
        style.font.size = Pt(10)
        tabs = style.paragraph_format.tab_stops
        tabs.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CENTER)
        tabs.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)

    letterhead = _paragraph_style(doc, "Letterhead")
    letterhead.font.size = Pt(10)
    letterhead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    firm = _paragraph_style(doc, "Letterhead Name")
    firm.font.size = Pt(14)
    firm.font.bold = True
    firm.font.small_caps = True
    firm.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    address = _paragraph_style(doc, "Address")
    address.paragraph_format.space_after = Pt(0)

    para = _paragraph_style(doc, "Complaint Paragraph")
    para.paragraph_format.line_spacing = 2.0
    para.paragraph_format.tab_stops.add_tab_stop(Inches(0.5))

    signature = _paragraph_style(doc, "Signature")
    signature.paragraph_format.left_indent = Inches(3.25)
    signature.paragraph_format.keep_with_next = True

    note = _paragraph_style(doc, "Drafting Note")
    note.font.italic = True
    note.font.size = Pt(10)
    note.paragraph_format.space_after = Pt(4)

    table_text = _paragraph_style(doc, "Table Text")
    table_text.font.size = Pt(9)

    bullet = _paragraph_style(doc, "List Bullet")
    bullet.paragraph_format.space_after = Pt(6)
    _num_pr(bullet, BULLET_NUM_ID)

    for name, num_id, _ in NUMBERED_STYLES:
        style = _paragraph_style(doc, name, "Body Text")
        style.paragraph_format.space_after = Pt(6)
        _num_pr(style, num_id)


def _num_pr(style: ParagraphStyle, num_id: int) -> None:
    p_pr = style.element.get_or_add_pPr()
    num_pr = p_pr.get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id


def _numbering(doc: DocumentObject) -> None:
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    bullet = (
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="40"><w:nsid w:val="CA5E0040"/>'
        '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/></w:rPr></w:lvl></w:abstractNum>'
    )
    abstracts = [bullet]
    for name, _num_id, abstract_id in NUMBERED_STYLES:
        style_id = name.replace(" ", "")
        abstracts.append(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:nsid w:val="CA5E00{abstract_id:02d}"/><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="{style_id}"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        )
    for xml in abstracts:
        first_num.addprevious(parse_xml(xml))
    for num_id, abstract_id in [(BULLET_NUM_ID, 40)] + [(n, a) for _, n, a in NUMBERED_STYLES]:
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )


# --- paragraphs ---------------------------------------------------------------------------------


def para(
    container: Container,
    runs: Run | Sequence[Run] = "",
    style: str = "Body Text",
    *,
    align: str | None = None,
    page_break_before: bool = False,
    keep_with_next: bool = False,
) -> Paragraph:
    p: Paragraph = container.add_paragraph(style=style)
    for run in [runs] if isinstance(runs, str | tuple) else runs:
        text, flags = (run, "") if isinstance(run, str) else run
        if not text:
            continue
        r = p.add_run(text)
        r.bold = "b" in flags or None
        r.italic = "i" in flags or None
        r.underline = "u" in flags or None
    fmt = p.paragraph_format
    if align == "center":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align == "justify":
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if page_break_before:
        fmt.page_break_before = True
    if keep_with_next:
        fmt.keep_with_next = True
    return p


def tag(container: Container, statement: str) -> Paragraph:
    """A paragraph holding only a ``{%p … %}`` statement (docxtpl removes the paragraph)."""
    return container.add_paragraph("{%p " + statement + " %}", style="Normal")


def field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) as begin / instruction / separate / result / end runs."""

    def fld_char(kind: str) -> None:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(placeholder)
    fld_char("end")


def page_x_of_y(container: Container, lang: str = "en", prefix: str = "") -> Paragraph:
    words = ("Página", "de") if lang.startswith("es") else ("Page", "of")
    p = para(container, prefix, "Footer", align="center")
    p.add_run(f"{words[0]} ")
    field(p, "PAGE")
    p.add_run(f" {words[1]} ")
    field(p, "NUMPAGES")
    return p


def _clear(container: Container) -> None:
    for p in list(container.paragraphs):
        p._element.getparent().remove(p._element)


def letterhead(doc: DocumentObject, lang: str = "en", running: str = "") -> None:
    """Firm letterhead on page 1; a running head and page numbers after it."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    _clear(first)
    para(first, "{{ firm.name }}", "Letterhead Name")
    para(first, "{{ firm.address }}", "Letterhead")
    para(first, "Tel. {{ firm.phone }} \u00b7 {{ firm.email }}", "Letterhead")
    rule = para(first, "", "Letterhead")
    _bottom_border(rule)
    header = section.header
    header.is_linked_to_previous = False
    _clear(header)
    # The running head names the firm and the matter; the page number is the footer's alone
    # (one page number per page).
    para(header, f"{{{{ firm.name }}}}{running}", "Header")
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        _clear(footer)
        page_x_of_y(footer, lang)


def _bottom_border(p: Paragraph) -> None:
    p_pr = p._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
            'w:color="000000"/></w:pBdr>'
        )
    )


def signature(doc: DocumentObject, closing: str = "Sincerely,") -> None:
    para(doc, closing, "Signature")
    para(doc, "", "Signature")
    para(doc, "", "Signature")
    para(doc, "{{ attorney.name }}", "Signature")
    para(doc, "{{ firm.name }}", "Signature")
    para(doc, "Tel. {{ attorney.phone }}", "Signature")
    last = para(doc, "{{ attorney.email }}", "Signature")
    last.paragraph_format.keep_with_next = False


def notice_signature(doc: DocumentObject, closing: str) -> None:
    """A notice is signed by counsel: a line to sign on, then name, firm, address and juris
    number (the signature block stays with the text above it: docgen.craft)."""
    para(doc, closing, "Signature")
    para(doc, "{{ client.name|upper }}", "Signature")
    para(doc, "", "Signature")
    para(doc, "By: ______________________________", "Signature")
    para(doc, "{{ attorney.name }}", "Signature")
    para(doc, "{{ firm.name }}", "Signature")
    para(doc, "{{ firm.address }}", "Signature")
    para(doc, "Tel. {{ attorney.phone }} \u00b7 {{ attorney.email }}", "Signature")
    last = para(doc, "Juris No. {{ attorney.juris_number }}", "Signature")
    last.paragraph_format.keep_with_next = False


def after_list(p: Paragraph) -> Paragraph:
    """A paragraph that follows a bulleted list: a little air above it."""
    p.paragraph_format.space_before = Pt(6)
    return p


def drafting_notes(doc: DocumentObject, heading: str) -> None:
    tag(doc, "if drafting_notes")
    para(doc, heading, "Heading 2", page_break_before=False)
    tag(doc, "for note in drafting_notes")
    para(doc, "{{ note }}", "Drafting Note")
    tag(doc, "endfor")
    tag(doc, "endif")


def addressee_blocks(doc: DocumentObject) -> None:
    """One block per recipient (office, entity, street lines or a highlighted placeholder)."""
    tag(doc, "for a in addressees")
    tag(doc, "for line in a.lines")
    para(doc, "{{ line }}", "Address")
    tag(doc, "endfor")
    para(doc, "", "Address")
    tag(doc, "endfor")


def cc_lines(doc: DocumentObject) -> None:
    """``cc:`` lines under the signature, one per copy recipient."""
    tag(doc, "if cc")
    para(doc, "", "Address")
    tag(doc, "for c in cc")
    para(doc, "cc: {{ c }}", "Address")
    tag(doc, "endfor")
    tag(doc, "endif")


def bullets(doc: DocumentObject, loop: str, text: str) -> None:
    tag(doc, f"for {loop}")
    para(doc, text, "List Bullet")
    tag(doc, "endfor")


def set_widths(table: Table, widths: Sequence[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width * 1440)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)


def cell_text(cell: Any, text: str, style: str = "Caption", flags: str = "") -> None:
    p = cell.paragraphs[0]
    p.style = cell.part.document.styles[style]
    if text:
        r = p.add_run(text)
        r.bold = "b" in flags or None


def repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


VIOLATION_LINE = "{{ v.short }} ({{ v|cite }}){% if loop.last %}.{% else %};{% endif %}"

# --- the templates ------------------------------------------------------------------------------


def demand_letter() -> DocumentObject:
    doc = new_document("Demand letter")
    letterhead(doc, running=" \u00b7 {{ matter.number }}")
    para(doc, "{{ today|long_date }}")
    addressee_blocks(doc)
    para(
        doc,
        [
            ("Re:\t", "b"),
            (
                "Notice of claim and demand: {{ client.name }}; events of "
                "{{ incident.date|long_date }}, involving the {{ agency.name }}; "
                "our file {{ matter.number }}",
                "b",
            ),
        ],
    )
    para(doc, "Dear Sir or Madam:")
    para(
        doc,
        "This office represents {{ client.name }}. We write about what the {{ agency.name }} did "
        "beginning on {{ incident.date|long_date }}, in {{ incident.town }}, which in our view "
        "violated the Connecticut Trust Act, Conn. Gen. Stat. \u00a7 54-192h.",
        align="justify",
    )
    para(doc, "What happened", "Heading 2")
    tag(doc, "for inc in incidents")
    para(doc, "{{ inc.summary }}", align="justify")
    tag(doc, "endfor")
    tag(doc, "if custody")
    para(doc, "The custody records we have so far show:", keep_with_next=True)
    bullets(
        doc,
        "c in custody",
        "{{ c.when }}: {{ c.label }}{% if c.note %} ({{ c.note }}){% endif %}.",
    )
    tag(doc, "endif")
    tag(doc, "if over_detention_hours")
    para(
        doc,
        "{{ client.name }} was held about {{ over_detention_hours }} hours past the time of "
        "scheduled release.",
    )
    tag(doc, "endif")
    para(doc, "The violations", "Heading 2")
    para(
        doc,
        "On these facts, the {{ agency.name }} violated the Trust Act by:",
        keep_with_next=True,
    )
    bullets(doc, "v in violations", VIOLATION_LINE)
    tag(doc, "if matter.trust_act")
    para(
        doc,
        "Under the Trust Act as amended effective October 1, 2025, an aggrieved person may sue "
        "for injunctive relief, and a municipality found in violation must pay the plaintiff's "
        "costs and attorney's fees (Conn. Gen. Stat. \u00a7 54-192h [verify: secondary]).",
        align="justify",
    )
    tag(doc, "endif")
    para(doc, "Our demands", "Heading 2")
    para(doc, "On behalf of {{ client.name }}, we demand that you:", keep_with_next=True)
    tag(doc, "for d in demands")
    para(doc, "{{ d.text }}{% if d.citation %} ({{ d.citation }}){% endif %}.", "Demand List")
    tag(doc, "endfor")
    para(
        doc,
        "Please respond in writing by {{ response_date|long_date }}. If we do not hear from you "
        "by then, {{ client.name }} may file suit without further notice. Nothing in this letter "
        "waives any right or claim.",
        align="justify",
    )
    signature(doc)
    cc_lines(doc)
    drafting_notes(doc, "Drafting notes (remove before sending)")
    return doc


def complaint() -> DocumentObject:
    doc = new_document("Complaint")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    _clear(first)
    para(first, "", "Header")
    header = section.header
    header.is_linked_to_previous = False
    _clear(header)
    para(header, "{{ caption.short_title }}", "Header", align="right")
    for footer in (section.footer, section.first_page_footer):
        footer.is_linked_to_previous = False
        _clear(footer)
        page_x_of_y(footer)

    para(doc, [("RETURN DATE: ", "b"), ("{{ return_date|long_date|upper }}", "b")], "Caption")
    para(doc, "", "Caption")
    table = doc.add_table(rows=4, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = (
        ("DOCKET NO. CV-__-_______", "SUPERIOR COURT"),
        ("{{ caption.plaintiff|caption_party }}", "J.D. OF {{ court.district|upper }}"),
        ("V.", "AT {{ court.court_town|upper }}"),
        (
            "{{ caption.first_defendant|caption_party }}{% if caption.et_al %}, ET AL.{% endif %}",
            "{{ filing_date|long_date|upper }}",
        ),
    )
    for row, (left, right) in zip(table.rows, rows, strict=True):
        cell_text(row.cells[0], left)
        cell_text(row.cells[1], ":")
        cell_text(row.cells[2], right)
    set_widths(table, (3.4, 0.35, 2.75))

    para(doc, "COMPLAINT", "Title")
    tag(doc, "for s in complaint.sections")
    para(doc, "{{ s.heading }}", "Heading 1")
    tag(doc, "for p in s.paragraphs")
    para(doc, "{{ p.number }}.\t{{ p.text }}", "Complaint Paragraph")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "for c in complaint.counts")
    para(doc, "{{ c.heading }}: {{ c.title }}", "Heading 1")
    para(doc, "(as to {{ c.against }})", "Subtitle")
    tag(doc, "for p in c.paragraphs")
    para(doc, "{{ p.number }}.\t{{ p.text }}", "Complaint Paragraph")
    tag(doc, "endfor")
    tag(doc, "endfor")

    # The demand for relief goes on its own page (§ 52-91, trust-act.md § 5).
    para(doc, "DEMAND FOR RELIEF", "Heading 1", page_break_before=True)
    para(doc, "WHEREFORE, the plaintiff claims:", keep_with_next=True)
    tag(doc, "for r in complaint.relief")
    para(doc, "{{ r }}", "Relief List")
    tag(doc, "endfor")
    tag(doc, "if matter.seeks_damages")
    after_list(
        para(
            doc,
            "The amount, legal interest or property in demand is fifteen thousand dollars or "
            "more, exclusive of interest and costs.",
            align="justify",
        )
    )
    tag(doc, "endif")
    para(doc, "")
    para(doc, "THE PLAINTIFF,", "Signature")
    para(doc, "{{ caption.plaintiff|caption_party }}", "Signature")
    para(doc, "", "Signature")
    para(doc, "By: ______________________________", "Signature")
    para(doc, "{{ attorney.name }}", "Signature")
    para(doc, "{{ firm.name }}", "Signature")
    para(doc, "{{ firm.address }}", "Signature")
    para(doc, "Tel. {{ attorney.phone }}", "Signature")
    para(doc, "{{ attorney.email }}", "Signature")
    last = para(doc, "Juris No. {{ attorney.juris_number }}", "Signature")
    last.paragraph_format.keep_with_next = False
    para(doc, "")
    para(doc, "Notice about the summons", "Heading 2")
    para(
        doc,
        "This complaint must be served with a summons (Judicial Branch form JD-CV-1), which "
        "casekit does not fill in. Return date: {{ return_date|long_date }}, computed under "
        "Conn. Gen. Stat. \u00a7 52-48.",
        "Drafting Note",
    )
    drafting_notes(doc, "Drafting notes (remove before filing)")
    return doc


def notice_7_465() -> DocumentObject:
    doc = new_document("Notice of intention to sue (\u00a7 7-465)")
    letterhead(doc, running=" \u00b7 {{ matter.number }}")
    para(doc, "{{ today|long_date }}")
    para(doc, "{{ municipality.clerk }}", "Address")
    para(doc, "{{ municipality.name }}", "Address")
    # The street lines, or a highlighted placeholder when casekit has no address for the clerk.
    tag(doc, "for line in municipality.address_lines")
    para(doc, "{{ line }}", "Address")
    tag(doc, "endfor")
    para(doc, "")
    para(doc, "Notice of intention to commence an action", "Title")
    para(doc, "Conn. Gen. Stat. \u00a7 7-465(a)", "Subtitle")
    para(doc, "To the {{ municipality.clerk }} of {{ municipality.the_name }}:")
    # The intro names the defendants the pleading plan allows (the municipality and its
    # employees who are defendants); casekit.domain.pleading refuses the notice without one.
    para(doc, "{{ notice.intro }}", align="justify")
    para(
        doc,
        [
            ("Time: ", "b"),
            "{{ incident.date|long_date }}{% if incident.time %}, at about {{ incident.time }}"
            "{% endif %}, and the period of custody that followed.",
        ],
    )
    para(
        doc,
        [
            ("Place: ", "b"),
            "{{ incident.town }}, Connecticut{% if agency.address %}, including the premises of "
            "the {{ agency.name }} at {{ agency.address }}{% endif %}.",
        ],
    )
    para(doc, "What happened", "Heading 2")
    tag(doc, "for inc in incidents")
    para(doc, "{{ inc.summary }}", align="justify")
    tag(doc, "endfor")
    tag(doc, "if custody")
    bullets(doc, "c in custody", "{{ c.when }}: {{ c.label }}.")
    tag(doc, "endif")
    tag(doc, "if violations")
    after_list(para(doc, "The claim concerns the following conduct of the {{ agency.name }}:"))
    bullets(doc, "v in violations", VIOLATION_LINE)
    tag(doc, "endif")
    # Timely, or (only with --late) a statement that the period ended: never "within six
    # months" after the deadline (pleading.toml notice.7465_timely / notice.7465_late).
    after_list(para(doc, "{{ notice.period }}", align="justify"))
    para(
        doc,
        "Please direct all communications about this claim to the undersigned counsel for "
        "{{ client.name }}.",
        align="justify",
    )
    notice_signature(doc, "THE CLAIMANT,")
    drafting_notes(doc, "Drafting notes (remove before filing)")
    return doc


def notice_4_147() -> DocumentObject:
    """Notice of claim to the Claims Commissioner (\u00a7\u00a7 4-147, 4-148), for State matters."""
    doc = new_document("Notice of claim to the Claims Commissioner (\u00a7 4-147)")
    letterhead(doc, running=" \u00b7 {{ matter.number }}")
    para(doc, "{{ today|long_date }}")
    para(doc, "Office of the Claims Commissioner", "Address")
    para(doc, "{{ notice.office_address }}", "Address")
    para(doc, "")
    para(doc, "Notice of claim against the State of Connecticut", "Title")
    para(doc, "{{ notice.title }}", "Subtitle")
    para(doc, "{{ notice.intro }}", align="justify")
    para(doc, "Claimant", "Heading 2")
    para(doc, [("Name: ", "b"), "{{ client.name }}"])
    para(
        doc,
        [
            ("Address: ", "b"),
            "{% if client.address %}{{ client.address }}{% else %}[[claimant's address]]"
            "{% endif %}",
        ],
    )
    para(
        doc,
        [
            ("Telephone and e-mail: ", "b"),
            "{% if client.phone %}{{ client.phone }}{% else %}[[claimant's telephone]]{% endif %}"
            " \u00b7 {% if client.email %}{{ client.email }}{% else %}[[claimant's e-mail, if any]]"
            "{% endif %}",
        ],
    )
    para(doc, "Attorney for the claimant", "Heading 2")
    para(
        doc,
        "{{ attorney.name }}, {{ firm.name }}, {{ firm.address }}; tel. {{ attorney.phone }}; "
        "{{ attorney.email }}; Juris No. {{ attorney.juris_number }}",
    )
    para(doc, "Basis of the claim", "Heading 2")
    para(
        doc,
        [
            ("Date and time: ", "b"),
            "{{ incident.date|long_date }}{% if incident.time %}, at about {{ incident.time }}"
            "{% endif %}, and the period of custody that followed.",
        ],
    )
    para(
        doc,
        [
            ("Place: ", "b"),
            "{{ incident.town }}, Connecticut{% if agency.address %}, including the premises of "
            "the {{ agency.name }} at {{ agency.address }}{% endif %}.",
        ],
    )
    para(doc, [("State agency: ", "b"), "{{ agency.name }}."])
    tag(doc, "for inc in incidents")
    para(doc, "{{ inc.summary }}", align="justify")
    tag(doc, "endfor")
    tag(doc, "if custody")
    bullets(doc, "c in custody", "{{ c.when }}: {{ c.label }}.")
    tag(doc, "endif")
    tag(doc, "if violations")
    after_list(para(doc, "The claim concerns the following conduct of the {{ agency.name }}:"))
    bullets(doc, "v in violations", VIOLATION_LINE)
    tag(doc, "endif")
    para(doc, "Amount requested", "Heading 2")
    para(doc, "{{ notice.amount }}", align="justify")
    para(doc, "Request for permission to sue", "Heading 2")
    para(doc, "{{ notice.permission }}", align="justify")
    para(doc, "{{ notice.period }}", align="justify")
    notice_signature(doc, "THE CLAIMANT,")
    drafting_notes(doc, "Drafting notes (remove before filing)")
    return doc


def foi_request() -> DocumentObject:
    doc = new_document("Freedom of Information request (\u00a7 1-210)")
    letterhead(doc, running=" \u00b7 {{ matter.number }}")
    para(doc, "{{ today|long_date }}")
    addressee_blocks(doc)
    para(
        doc,
        [
            ("Re:\t", "b"),
            (
                "Request for public records, Conn. Gen. Stat. \u00a7 1-210(a); "
                "{{ client.name }}; our file {{ letter.file }}",
                "b",
            ),
        ],
    )
    para(doc, "Dear Freedom of Information Officer:")
    para(
        doc,
        "Under the Connecticut Freedom of Information Act, Conn. Gen. Stat. \u00a7 1-210(a), we "
        "request copies of the following records concerning {{ client.name }} and the events "
        "that began on {{ incident.date|long_date }}, in {{ incident.town }}, from that date "
        "until {{ client.name }} left the custody of the {{ agency.name }}:",
        align="justify",
        keep_with_next=True,
    )
    tag(doc, "for r in letter.records")
    para(doc, "{{ r.text|trim('.') }}, {{ r.range }}.", "Records List")
    tag(doc, "endfor")
    para(doc, "{{ letter.copies }}", align="justify")
    para(
        doc,
        "Under Conn. Gen. Stat. \u00a7 1-206(a), a failure to comply with this request within "
        "four business days of its receipt is deemed a denial. A denial may be appealed to the "
        "Freedom of Information Commission within 30 days (Conn. Gen. Stat. \u00a7 1-206(b)(1)).",
        align="justify",
    )
    para(
        doc,
        "If you withhold any record or part of a record, please identify it, tell us why, and "
        "send the rest.",
        align="justify",
    )
    para(doc, "{{ letter.fee_waiver }}", align="justify")
    para(doc, "{{ letter.reference }}", align="justify")
    signature(doc)
    cc_lines(doc)
    drafting_notes(doc, "Drafting notes (remove before sending)")
    return doc


def preservation_letter() -> DocumentObject:
    doc = new_document("Preservation (litigation hold) letter")
    letterhead(doc, running=" \u00b7 {{ matter.number }}")
    para(doc, "{{ today|long_date }}")
    addressee_blocks(doc)
    para(
        doc,
        [
            ("Re:\t", "b"),
            (
                "Litigation hold: preservation of evidence concerning {{ client.name }}; "
                "our file {{ letter.file }}",
                "b",
            ),
        ],
    )
    para(doc, "Dear Sir or Madam:")
    para(
        doc,
        "This office represents {{ client.name }} in claims arising from the events that began "
        "on {{ incident.date|long_date }}, in {{ incident.town }}, and involved the "
        "{{ agency.name }}. Please preserve, from now until these claims are finally resolved, "
        "every record described below, in any form (paper, electronic, audio or video) and "
        "wherever it is kept, including by employees, contractors and vendors:",
        align="justify",
        keep_with_next=True,
    )
    tag(doc, "for r in records")
    para(doc, "{{ r }}", "Records List")
    tag(doc, "endfor")
    tag(doc, "if letter.systems")
    para(doc, "{{ letter.systems_intro }}", align="justify", keep_with_next=True)
    bullets(
        doc,
        "s in letter.systems",
        "{{ s }}{% if loop.last %}.{% elif loop.revindex == 2 %}; and{% else %};{% endif %}",
    )
    tag(doc, "endif")
    para(
        doc,
        "Please suspend any routine deletion, overwriting, recycling or destruction that could "
        "reach these records, including the automatic deletion of video, e-mail, text messages "
        "and phone records.",
        align="justify",
    )
    para(doc, "{{ letter.confirm }}", align="justify")
    signature(doc)
    cc_lines(doc)
    drafting_notes(doc, "Drafting notes (remove before sending)")
    return doc


CLIENT_LETTER = {
    "en": {
        "title": "Status letter to the client",
        "lang": "en-US",
        "confidential": "PRIVILEGED AND CONFIDENTIAL: ATTORNEY-CLIENT COMMUNICATION",
        "file": "Our file: {{ matter.number }}",
        "greeting": "Dear {{ client.display_name }}:",
        "intro": "We are writing to tell you where your case stands and what comes next. If "
        "anything in this letter is not clear, please call us.",
        "happened": "What happened",
        "believe": "From what you told us and the papers we have, we believe the police may have:",
        "records": "What the records show so far:",
        "law": "What the law says",
        "law_text": "A Connecticut law called the Trust Act (Conn. Gen. Stat. \u00a7 54-192h) "
        "limits when police and other officials in Connecticut may help federal immigration "
        "authorities (ICE).",
        "law_trust": "Since October 1, 2025, a person harmed by a violation may ask a court to "
        "order {% if agency.state %}the State{% else %}the police{% endif %} to stop. The Trust "
        "Act itself does not allow money damages.",
        "law_damages": "We are also looking at these other claims, which can allow money damages:",
        "next": "What we will do next",
        "dates": "Important dates",
        "dates_intro": "Our office keeps track of these dates. If we need anything from you, we "
        "will let you know.",
        "date_line": "{{ d.due|long_date(lang) }}: {{ d.plain }}"
        "{% if d.verify %} (date to be confirmed){% endif %}",
        "no_dates": "There are no dates to tell you about right now.",
        "passed": "Dates that have passed",
        "passed_line": "{{ d.due|long_date(lang) }}: {{ d.plain }}. {{ d.meaning }}",
        "and": "and",
        "reach": "How to reach us",
        "reach_text": "Call us at {{ firm.phone }} or write to {{ firm.email }}. Our address is:",
        "channels": "We will contact you only by {{ client.contact_by }}.",
        "no_channels": "You told us it is not safe for us to call, e-mail or write to you, so we "
        "will wait for you to contact us.",
        "changes": "If your phone number, e-mail or address changes, or if it is no longer safe "
        "for us to contact you in one of these ways, please tell us right away. Please keep "
        "this letter private.",
        "closing": "Sincerely,",
    },
    "es": {
        "title": "Carta al cliente sobre su caso",
        "lang": "es-US",
        "confidential": "CONFIDENCIAL: COMUNICACIÓN ENTRE ABOGADO Y CLIENTE",
        "file": "Número de su caso en nuestra oficina: {{ matter.number }}",
        "greeting": "Apreciable {{ client.display_name }}:",
        "intro": "Le escribimos para contarle cómo va su caso y qué viene ahora. Si algo de "
        "esta carta no está claro, llámenos.",
        "happened": "Lo que pasó",
        "believe": "Según lo que usted nos contó y los papeles que tenemos, creemos que esto es "
        "lo que pudo haber pasado:",
        "records": "Lo que muestran hasta ahora los registros:",
        "law": "Lo que dice la ley",
        "law_text": "Una ley de Connecticut llamada Trust Act (artículo 54-192h de las Leyes "
        "Generales de Connecticut) limita cuándo la policía y otros funcionarios de Connecticut "
        "pueden ayudar a las autoridades federales de inmigración (ICE).",
        "law_trust": "Desde el 1 de octubre de 2025, una persona perjudicada por una violación "
        "puede pedirle a un tribunal que ordene {% if agency.state %}al Estado{% else %}a la "
        "policía{% endif %} que deje de hacerlo. El Trust Act "
        "por sí solo no permite cobrar una compensación en dinero.",
        "law_damages": "También estamos estudiando estos otros reclamos, que sí pueden permitir "
        "una compensación en dinero:",
        "next": "Lo que vamos a hacer",
        "dates": "Fechas importantes",
        "dates_intro": "Nuestra oficina está pendiente de estas fechas. Si necesitamos algo de "
        "usted, se lo haremos saber.",
        "date_line": "{{ d.due|long_date(lang) }}: {{ d.plain }}"
        "{% if d.verify %} (fecha por confirmar){% endif %}",
        "no_dates": "Por ahora no hay fechas que avisarle.",
        "passed": "Fechas que ya pasaron",
        "passed_line": "{{ d.due|long_date(lang) }}: {{ d.plain }}. {{ d.meaning }}",
        "and": "y",
        "reach": "Cómo comunicarse con nosotros",
        "reach_text": "Llámenos al {{ firm.phone }} o escríbanos a {{ firm.email }}. Nuestra "
        "dirección es:",
        "channels": "Solo nos comunicaremos con usted por {{ client.contact_by }}.",
        "no_channels": "Usted nos dijo que no es seguro que nos comuniquemos con usted por "
        "teléfono, correo electrónico ni carta, así que esperaremos a que usted se comunique con "
        "nosotros.",
        "changes": "Si cambia su número de teléfono, su correo electrónico o su dirección, o si "
        "ya no es seguro que nos comuniquemos con usted de alguna de estas formas, avísenos "
        "enseguida. Por favor, guarde esta carta en un lugar privado.",
        "closing": "Atentamente,",
    },
}


def _series(item: str, conjunction: str, lang: str = "en") -> str:
    """A bulleted list that completes a sentence: ``a;`` ``b; and`` ``c.`` In Spanish the
    violations are whole sentences, each ending in a period."""
    if lang == "es":
        return item + "."
    return (
        item + "{% if loop.last %}.{% elif loop.revindex == 2 %}; " + conjunction + "{% else %};"
        "{% endif %}"
    )


def client_letter(lang: str) -> Callable[[], DocumentObject]:
    words = CLIENT_LETTER[lang]

    def build() -> DocumentObject:
        doc = new_document(words["title"], words["lang"])
        letterhead(doc, lang)
        para(doc, words["confidential"], "Caption", align="center")
        para(doc, "")
        para(doc, "{{ today|long_date(lang) }}")
        tag(doc, "if client.address_safe")
        para(doc, "{{ client.name }}", "Address")
        para(doc, "{{ client.address }}", "Address")
        para(doc, "", "Address")
        tag(doc, "endif")
        para(doc, words["file"])
        para(doc, words["greeting"])
        para(doc, words["intro"], align="justify")

        para(doc, words["happened"], "Heading 2")
        tag(doc, "for inc in incidents")
        para(doc, "{{ inc.summary_you }}", align="justify")
        tag(doc, "endfor")
        tag(doc, "if violations")
        para(doc, words["believe"], keep_with_next=True)
        bullets(doc, "v in violations", _series("{{ v.plain }}", words["and"], lang))
        tag(doc, "endif")
        tag(doc, "if custody")
        para(doc, words["records"], keep_with_next=True)
        bullets(doc, "c in custody", "{{ c.when }}: {{ c.label_you }}.")
        tag(doc, "endif")

        para(doc, words["law"], "Heading 2")
        para(doc, words["law_text"], align="justify")
        tag(doc, "if matter.trust_act")
        para(doc, words["law_trust"], align="justify")
        tag(doc, "endif")
        tag(doc, "if matter.damages_claims")
        para(doc, words["law_damages"], keep_with_next=True)
        bullets(doc, "c in matter.damages_claims", _series("{{ c.plain }}", words["and"]))
        tag(doc, "endif")

        tag(doc, "if next_steps")
        para(doc, words["next"], "Heading 2")
        bullets(doc, "s in next_steps", "{{ s }}")
        tag(doc, "endif")

        para(doc, words["dates"], "Heading 2")
        tag(doc, "if upcoming_deadlines")
        para(doc, words["dates_intro"], keep_with_next=True)
        bullets(doc, "d in upcoming_deadlines", words["date_line"])
        tag(doc, "elif not passed_deadlines")
        para(doc, words["no_dates"])
        tag(doc, "endif")
        tag(doc, "if passed_deadlines")
        para(doc, words["passed"], "Heading 2")
        bullets(doc, "d in passed_deadlines", words["passed_line"])
        tag(doc, "endif")

        para(doc, words["reach"], "Heading 2")
        para(doc, words["reach_text"], keep_with_next=True)
        para(doc, "{{ firm.address }}", "Address")
        para(doc, "", "Address")
        tag(doc, "if client.contact_channels")
        para(doc, words["channels"])
        tag(doc, "else")
        para(doc, words["no_channels"])
        tag(doc, "endif")
        para(doc, words["changes"], align="justify")
        signature(doc, words["closing"])
        return doc

    return build


def report_deadlines() -> DocumentObject:
    doc = new_document("Deadline reminder report", landscape=True)
    section = doc.sections[0]
    header = section.header
    header.is_linked_to_previous = False
    _clear(header)
    hp = para(header, "{{ firm.name }}\t{{ title }}, {{ today|long_date }}", "Header")
    stops = hp.paragraph_format.tab_stops
    for position in (3.25, 6.5):  # the Header style's portrait stops
        stops.add_tab_stop(Inches(position), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Inches(9), WD_TAB_ALIGNMENT.RIGHT)
    footer = section.footer
    footer.is_linked_to_previous = False
    _clear(footer)
    page_x_of_y(footer)

    para(doc, "{{ title }}", "Title")
    para(doc, "{{ firm.name }}, {{ today|long_date }}", "Subtitle")
    para(
        doc,
        "Open deadlines that are overdue or due within the next {{ horizon_days }} days. "
        "\u201cSafe target\u201d is the last business day on or before the due date; "
        "\u201cverify\u201d marks a rule whose source is not confirmed.",
    )
    columns = (
        ("Matter", "{{ r.matter }}", 1.0),
        ("Client", "{{ r.client }}", 1.4),
        ("Deadline", "{{ r.title }}", 1.8),
        ("Due", "{{ r.due|long_date }}", 1.0),
        ("Safe target", "{{ r.safe_target|long_date }}", 1.0),
        ("Days left", "{{ r.days_left }}", 0.5),
        ("Citation", "{{ r.citation }}", 1.2),
        ("Verify", "{{ r.verify }}", 0.5),
        ("Tier", "{{ r.tier }}", 0.6),
    )
    tag(doc, "for s in sections")
    para(doc, "{{ s.title }} ({{ s.rows|length }})", "Heading 2")
    tag(doc, "if s.rows")
    _loop_table(doc, columns, "r in s.rows")
    tag(doc, "else")
    para(doc, "None.")
    tag(doc, "endif")
    tag(doc, "endfor")

    para(doc, "Matters with no open deadline ({{ no_deadline|length }})", "Heading 2")
    tag(doc, "if no_deadline")
    _loop_table(
        doc,
        (("Matter", "{{ m.matter }}", 1.5), ("Client", "{{ m.client }}", 3.0)),
        "m in no_deadline",
    )
    tag(doc, "else")
    para(doc, "None.")
    tag(doc, "endif")
    return doc


def _loop_table(doc: DocumentObject, columns: Sequence[tuple[str, str, float]], loop: str) -> None:
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    head, start, body, end = table.rows
    repeat_header(head)
    for cell, (title, _value, _) in zip(head.cells, columns, strict=True):
        cell_text(cell, title, "Table Text", "b")
    cell_text(start.cells[0], "{%tr for " + loop + " %}", "Table Text")
    for cell, (_, value, _) in zip(body.cells, columns, strict=True):
        cell_text(cell, value, "Table Text")
    cell_text(end.cells[0], "{%tr endfor %}", "Table Text")
    set_widths(table, [w for _, _, w in columns])


TEMPLATES: dict[str, Callable[[], DocumentObject]] = {
    "demand-letter.docx": demand_letter,
    "complaint.docx": complaint,
    "notice-7-465.docx": notice_7_465,
    "notice-4-147.docx": notice_4_147,
    "foi-request.docx": foi_request,
    "preservation-letter.docx": preservation_letter,
    "client-letter.docx": client_letter("en"),
    "client-letter.es.docx": client_letter("es"),
    "report-deadlines.docx": report_deadlines,
}


# --- deterministic output -----------------------------------------------------------------------


def deterministic_bytes(doc: DocumentObject) -> bytes:
    """The .docx with fixed zip timestamps and no leftover thumbnail entry."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override PartName="/docProps/thumbnail.jpeg"[^>]*/>', b"", data)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return out.getvalue()


def main(argv: Sequence[str] = ()) -> int:
    out_dir = Path(argv[0]) if argv else OUT_DIR
    for name, build in TEMPLATES.items():
        data = deterministic_bytes(build())
        (out_dir / name).write_bytes(data)
        print(f"wrote {out_dir / name} ({len(data)} bytes)")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
