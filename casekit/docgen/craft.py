"""Word craft: what a careful typist does to a rendered document before an attorney signs it.

:func:`apply_craft` runs on the python-docx document right after docxtpl renders it (and after
the placeholders are highlighted), so a firm's own template gets the same treatment as a shipped
one. Every step reads what the document already says, and leaves alone what it does not recognise:

* **paragraph numbering**: a run of paragraphs opening ``1.<tab>``, ``2.<tab>``… ``N.<tab>`` (the
  complaint's allegations) loses the typed number and gets Word's own numbering instead (one
  numbering definition added to ``numbering.xml``), so a paragraph inserted in Word renumbers the
  rest;
* **cross-references**: "Paragraphs 1 through 17" becomes "Paragraphs 1 through {REF}", a REF
  field (``\\r``: the paragraph number, no trailing period) to a bookmark on paragraph 17, whose
  stored result already reads 17, so the text is right before anyone updates a field;
* **citations that never break**: a no-break space after "§", "§§", "U.S.C." and "C.F.R." (and
  between a title number and "U.S.C."/"C.F.R."), and Word's no-break hyphen inside the section
  numbers that follow (``§ 52-571k``, ``§§ 4-147, 4-148``) and in form names (``I-247A``);
* **verify markers** (``[verify: secondary]``) highlighted, like placeholders;
* **keep together**: each signature block stays with the text above it and with its ``cc:`` lines;
  table rows do not split and header rows stay with the first row below them;
* **drafting notes as comments**: the "Drafting Note" paragraphs (and the heading above them)
  leave the body and become Word comments on the document's title, so nothing follows the
  signature and nothing of them prints in a PDF (LibreOffice leaves comments out by default).

The work is plain lxml over the document's XML: one pass per step, no python-docx proxies in the
loops (the render benchmark allows casekit 15 % over bare docxtpl).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from casekit.docgen.lint import highlight_placeholders

__all__ = [
    "COMMENT_AUTHOR",
    "Craft",
    "apply_craft",
    "signature_blocks",
]

COMMENT_AUTHOR = "casekit"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, R, T, TAB, PPR, RPR = _q("p"), _q("r"), _q("t"), _q("tab"), _q("pPr"), _q("rPr")
PSTYLE, VAL, NUMPR = _q("pStyle"), _q("val"), _q("numPr")
NBH = _q("noBreakHyphen")
KEEP_NEXT, KEEP_LINES = _q("keepNext"), _q("keepLines")

NBSP = "\u00a0"
_NUMBER = re.compile(r"(\d{1,4})\.\t")
_THROUGH = re.compile(r"\b[Pp]aragraphs 1 through (\d{1,4})\b")
# The space to hold: after § / §§, around U.S.C. and C.F.R., between "Stat." and "§".
_SPACES = re.compile(
    r"(?<=§) (?=\S)|(?<=§§) (?=\S)|(?<=\bU\.S\.C\.) (?=\S)|(?<=\bC\.F\.R\.) (?=\S)"
    r"|(?<=\d) (?=U\.S\.C\.|C\.F\.R\.)|(?<=\bStat\.) (?=§)"
)
_SECTION = r"\d+[a-z]*(?:-\d+[a-z]*)+(?:\([a-z0-9]+\))*"
_SECTIONS = re.compile(
    rf"(?:§§?|U\.S\.C\.|C\.F\.R\.)[ {NBSP}]*{_SECTION}(?:(?:,? and |, | to |–){_SECTION})*"
    r"|\bI-\d{3}[A-Z]?\b|\bJD-[A-Z]{2}-\d+[A-Z]?\b"
)
_VERIFY = re.compile(r"\[verify[^\[\]]{0,80}\]")
_CLOSINGS = re.compile(
    r"^(Respectfully( submitted)?|Sincerely|Very truly yours|Atentamente|Cordialmente"
    r"|THE (PLAINTIFF|CLAIMANT)S?)\s*,?\s*$",
    re.IGNORECASE,
)
_CC = re.compile(r"^(cc|c\.c\.|copia a|copy to|enclosures?|encl\.)\s*:", re.IGNORECASE)
_NOTE_STYLES = ("DraftingNote",)
_SIGNATURE_STYLES = ("Signature",)


@dataclass
class Craft:
    """What :func:`apply_craft` did (counts; tests and ``--json`` read them)."""

    numbered: int = 0
    placeholders: int = 0
    references: int = 0
    spaces: int = 0
    hyphens: int = 0
    verify_marks: int = 0
    kept_together: int = 0
    comments: int = 0
    notes_left_in_body: list[str] = field(default_factory=list)


def apply_craft(document: Any) -> Craft:
    """Apply every step to a python-docx ``Document`` in place; return what was done."""
    done = Craft()
    body = document.element.body
    paragraphs = [p for p in body if p.tag == P]
    numbered = _number_paragraphs(document, paragraphs, done)
    if numbered:
        _cross_references(paragraphs, numbered, body, done)
    notes = _take_notes(paragraphs)
    # Highlighting splits runs so that only the marker is coloured; it runs before the
    # citations split text around no-break hyphens, after the typed numbers are gone.
    done.placeholders = highlight_placeholders(document)
    _highlight_verify(document, done)
    for element in _part_elements(document):
        for p in element.iter(P):
            _citations(p, done)
    _keep_together(body, done)
    _notes_to_comments(document, notes, done)
    return done


# --- text inside a paragraph --------------------------------------------------------------------


def _style(p: Any) -> str:
    ppr = p.find(PPR)
    if ppr is None:
        return ""
    style = ppr.find(PSTYLE)
    return "" if style is None else style.get(VAL, "")


def _runs(p: Any) -> Iterator[Any]:
    """The paragraph's runs, including those inside hyperlinks, fields and content controls."""
    yield from p.iter(R)


def _text(p: Any) -> str:
    out = []
    for r in _runs(p):
        for c in r:
            if c.tag == T:
                out.append(c.text or "")
            elif c.tag == TAB:
                out.append("\t")
            elif c.tag == NBH:
                out.append("-")
    return "".join(out)


def _pieces(p: Any) -> list[tuple[Any, int]]:
    """Every ``w:t`` of the paragraph, with the offset of its first character in the text."""
    at = 0
    pieces = []
    for r in _runs(p):
        for c in r:
            if c.tag == T:
                pieces.append((c, at))
                at += len(c.text or "")
    return pieces


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _new(tag: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(f"w:{tag}")


# --- numbering ----------------------------------------------------------------------------------


def _number_paragraphs(document: Any, paragraphs: Sequence[Any], done: Craft) -> dict[int, Any]:
    """Typed ``N.<tab>`` numbers 1…N in order → Word numbering. Returns {number: paragraph}."""
    found: dict[int, Any] = {}
    for p in paragraphs:
        head = _text(p)[:8]
        match = _NUMBER.match(head)
        if match is None or p.find(f"{PPR}/{NUMPR}") is not None:
            continue
        number = int(match.group(1))
        if number != len(found) + 1:
            return {}  # not one running sequence (a firm's own scheme): leave it alone
        found[number] = p
    if not found:
        return {}
    num_id = _add_numbering(document)
    for number, p in found.items():
        _strip(p, len(str(number)) + 2)
        num_pr = p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
    done.numbered = len(found)
    return found


def _strip(p: Any, count: int) -> None:
    """Remove the first ``count`` characters (a tab counts as one) from the paragraph's runs."""
    for r in list(_runs(p)):
        for c in list(r):
            if count <= 0:
                return
            if c.tag == T:
                text = c.text or ""
                take = min(len(text), count)
                count -= take
                if take == len(text):
                    r.remove(c)
                else:
                    _set_text(c, text[take:])
            elif c.tag == TAB:
                r.remove(c)
                count -= 1


def _add_numbering(document: Any) -> int:
    """A one-level decimal list ("1.", number at 0.5 in, text at 1 in); returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(_q("abstractNumId"))) for a in numbering.findall(_q("abstractNum"))]
    num_ids = [int(n.get(_q("numId"))) for n in numbering.findall(_q("num"))]
    abstract_id = max([*abstract_ids, 0]) + 1
    num_id = max([*num_ids, 0]) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:nsid w:val="CA5E0C0F"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1440"/></w:tabs>'
        '<w:ind w:left="0" w:firstLine="720"/></w:pPr>'
        # the number is never highlighted, even when the paragraph is all placeholder
        '<w:rPr><w:highlight w:val="none"/></w:rPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(_q("num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
            "</w:num>"
        )
    )
    return num_id


# --- cross-references ---------------------------------------------------------------------------


def _cross_references(
    paragraphs: Sequence[Any], numbered: dict[int, Any], body: Any, done: Craft
) -> None:
    bookmarks: dict[int, str] = {}
    ids = [int(b.get(_q("id"), "0")) for b in body.iter(_q("bookmarkStart"))]
    next_id = max([*ids, 0]) + 1
    for p in paragraphs:
        for t, _ in reversed(_pieces(p)):
            text = t.text or ""
            matches = [m for m in _THROUGH.finditer(text) if int(m.group(1)) in numbered]
            for match in reversed(matches):
                number = int(match.group(1))
                if number not in bookmarks:
                    bookmarks[number] = f"_RefPara{number}"
                    _bookmark(numbered[number], bookmarks[number], next_id)
                    next_id += 1
                _ref_field(t, match.start(1), match.end(1), bookmarks[number])
                done.references += 1


def _bookmark(p: Any, name: str, bookmark_id: int) -> None:
    start = _new("bookmarkStart")
    start.set(_q("id"), str(bookmark_id))
    start.set(_q("name"), name)
    end = _new("bookmarkEnd")
    end.set(_q("id"), str(bookmark_id))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def _ref_field(t: Any, start: int, end: int, bookmark: str) -> None:
    """Replace ``t.text[start:end]`` with a REF field to ``bookmark`` showing that text."""
    r = t.getparent()
    r_pr = r.find(RPR)
    text = t.text or ""
    before, shown, after = text[:start], text[start:end], text[end:]
    siblings = list(r)
    index = siblings.index(t)
    tail = siblings[index + 1 :]

    def run(*children: Any) -> Any:
        new = _new("r")
        if r_pr is not None:
            new.append(copy.deepcopy(r_pr))
        for child in children:
            new.append(child)
        return new

    def fld(kind: str) -> Any:
        char = _new("fldChar")
        char.set(_q("fldCharType"), kind)
        return run(char)

    instr = _new("instrText")
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" REF {bookmark} \\r \\h "
    result = _new("t")
    _set_text(result, shown)
    new_runs = [fld("begin"), run(instr), fld("separate"), run(result), fld("end")]
    if after or tail:
        rest = _new("t")
        _set_text(rest, after)
        new_runs.append(run(*([rest] if after else []), *tail))
    if before:
        _set_text(t, before)
    else:
        r.remove(t)
    anchor = r
    for new in new_runs:
        anchor.addnext(new)
        anchor = new
    if len([c for c in r if c.tag != RPR]) == 0:
        r.getparent().remove(r)


# --- citations ----------------------------------------------------------------------------------


def _citations(p: Any, done: Craft) -> None:
    pieces = _pieces(p)
    if not pieces:
        return
    text = "".join(t.text or "" for t, _ in pieces)
    if "§" not in text and ".S.C." not in text and "C.F.R." not in text and "-" not in text:
        return
    spaces = [m.start() for m in _SPACES.finditer(text)]
    hyphens = [
        m.start() + i
        for m in _SECTIONS.finditer(text)
        for i, ch in enumerate(m.group(0))
        if ch == "-"
    ]
    if not spaces and not hyphens:
        return
    for t, at in pieces:
        own = t.text or ""
        mine_spaces = [s - at for s in spaces if at <= s < at + len(own)]
        mine_hyphens = [h - at for h in hyphens if at <= h < at + len(own)]
        if mine_spaces:
            chars = list(own)
            for s in mine_spaces:
                chars[s] = NBSP
            own = "".join(chars)
            _set_text(t, own)
            done.spaces += len(mine_spaces)
        if mine_hyphens:
            _split_hyphens(t, own, mine_hyphens)
            done.hyphens += len(mine_hyphens)


def _split_hyphens(t: Any, text: str, positions: Sequence[int]) -> None:
    """``a-b`` in one ``w:t`` → ``w:t a``, ``w:noBreakHyphen``, ``w:t b`` in the same run."""
    parts = []
    at = 0
    for pos in positions:
        parts.append(text[at:pos])
        at = pos + 1
    parts.append(text[at:])
    _set_text(t, parts[0])
    anchor = t
    for part in parts[1:]:
        hyphen = _new("noBreakHyphen")
        anchor.addnext(hyphen)
        anchor = hyphen
        if part:
            new = _new("t")
            _set_text(new, part)
            anchor.addnext(new)
            anchor = new
    if not parts[0]:
        t.getparent().remove(t)


# --- verify markers -----------------------------------------------------------------------------


def _highlight_verify(document: Any, done: Craft) -> None:
    """Highlight ``[verify: …]`` markers (turquoise, so they differ from yellow placeholders)."""
    from docx.enum.text import WD_COLOR_INDEX

    for element in _part_elements(document):
        for r in list(element.iter(R)):
            ts = [c for c in r if c.tag == T]
            if len(ts) != 1 or not _VERIFY.search(ts[0].text or ""):
                continue
            others = [c for c in r if c.tag not in (T, RPR)]
            text = ts[0].text or ""
            if others:
                r.get_or_add_rPr().highlight_val = WD_COLOR_INDEX.TURQUOISE
                done.verify_marks += 1
                continue
            at = 0
            pieces: list[tuple[str, bool]] = []
            for m in _VERIFY.finditer(text):
                if m.start() > at:
                    pieces.append((text[at : m.start()], False))
                pieces.append((m.group(0), True))
                at = m.end()
            if at < len(text):
                pieces.append((text[at:], False))
            for piece, marked in pieces:
                new = copy.deepcopy(r)
                # a marker never breaks over two lines
                _set_text(new.find(T), piece.replace(" ", NBSP) if marked else piece)
                if marked:
                    new.get_or_add_rPr().highlight_val = WD_COLOR_INDEX.TURQUOISE
                    done.verify_marks += 1
                r.addprevious(new)
            r.getparent().remove(r)


# --- keep together ------------------------------------------------------------------------------


def signature_blocks(paragraphs: Sequence[Any]) -> list[tuple[int, int]]:
    """``(first, last)`` indexes of each signature block among body ``paragraphs`` (lxml ``w:p``).

    A block is a run of paragraphs in the Signature style, or one that opens with a closing
    ("Respectfully,", "Sincerely,", "THE PLAINTIFF,") and runs on over short lines up to a blank
    pair, a heading or the end. Empty paragraphs inside a block belong to it (the signing space).
    """
    blocks: list[tuple[int, int]] = []
    i = 0
    n = len(paragraphs)
    while i < n:
        p = paragraphs[i]
        styled = _style(p) in _SIGNATURE_STYLES
        if not styled and not _CLOSINGS.match(_text(p).strip()):
            i += 1
            continue
        j = i
        blanks = 0
        while j + 1 < n:
            nxt = paragraphs[j + 1]
            text = _text(nxt).strip()
            style = _style(nxt)
            if style in _SIGNATURE_STYLES:
                blanks = 0
            elif styled:
                break
            elif style.startswith("Heading") or len(text) > 80 or _CC.match(text):
                break
            elif not text:
                blanks += 1
                if blanks >= 2:
                    break
            else:
                blanks = 0
            j += 1
        while j > i and not _text(paragraphs[j]).strip():
            j -= 1
        blocks.append((i, j))
        i = j + 1
    return blocks


def _keep(p: Any, *, lines: bool = True) -> None:
    ppr = p.get_or_add_pPr()
    ppr.keepNext_val = True
    if lines:
        ppr.keepLines_val = True


def _keep_together(body: Any, done: Craft) -> None:
    paragraphs = [p for p in body if p.tag == P]
    for first, last in signature_blocks(paragraphs):
        # The text above: back over empty paragraphs to the last one that says something.
        above = first - 1
        while above >= 0 and not _text(paragraphs[above]).strip():
            _keep(paragraphs[above])
            above -= 1
        if above >= 0:
            paragraphs[above].get_or_add_pPr().keepNext_val = True
        end = last
        while end + 1 < len(paragraphs) and (
            _CC.match(_text(paragraphs[end + 1]).strip())
            or (not _text(paragraphs[end + 1]).strip() and _cc_follows(paragraphs, end + 1))
        ):
            end += 1
        for p in paragraphs[first:end]:
            _keep(p)
        ppr = paragraphs[end].get_or_add_pPr()
        ppr.keepLines_val = True
        done.kept_together += 1
    for tbl in body.iter(_q("tbl")):
        rows = [tr for tr in tbl if tr.tag == _q("tr")]
        small = len(rows) <= 6
        for index, tr in enumerate(rows):
            tr_pr = tr.get_or_add_trPr()
            if tr_pr.find(_q("cantSplit")) is None:
                tr_pr.append(_new("cantSplit"))
            header = tr_pr.find(_q("tblHeader")) is not None
            if header or (small and index < len(rows) - 1):
                for p in tr.iter(P):
                    p.get_or_add_pPr().keepNext_val = True


def _cc_follows(paragraphs: Sequence[Any], index: int) -> bool:
    for p in paragraphs[index:]:
        text = _text(p).strip()
        if text:
            return bool(_CC.match(text))
    return False


# --- drafting notes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Note:
    heading: str
    text: str


def _take_notes(paragraphs: Sequence[Any]) -> list[tuple[_Note, list[Any]]]:
    """The drafting notes, each with the paragraphs to remove once it is a comment."""
    notes: list[tuple[_Note, list[Any]]] = []
    heading: tuple[str, Any] | None = None
    for index, p in enumerate(paragraphs):
        if _style(p) not in _NOTE_STYLES:
            continue
        remove = [p]
        previous = paragraphs[index - 1] if index else None
        if previous is not None and _style(previous).startswith("Heading"):
            heading = (_text(previous).strip(), previous)
            remove.append(previous)
        elif previous is None or _style(previous) not in _NOTE_STYLES:
            heading = None
        text = _text(p).strip()
        if text:
            notes.append((_Note(heading[0] if heading else "", text), remove))
    return notes


def _notes_to_comments(
    document: Any, notes: Sequence[tuple[_Note, list[Any]]], done: Craft
) -> None:
    if not notes:
        return
    if not hasattr(document, "add_comment"):  # python-docx < 1.2: the notes stay in the body
        done.notes_left_in_body = [n.text for n, _ in notes]
        return
    anchor = _anchor_runs(document)
    if anchor is None:
        done.notes_left_in_body = [n.text for n, _ in notes]
        return
    for note, _ in notes:
        heading = note.heading
        if heading.lower().startswith("drafting note"):
            heading = "Drafting note"
        text = f"{heading}: {note.text}" if heading else note.text
        document.add_comment(anchor, text=text, author=COMMENT_AUTHOR, initials="ck")
        done.comments += 1
    for _, remove in notes:
        for p in remove:
            parent = p.getparent()
            if parent is not None:
                parent.remove(p)
    _trim_end(document.element.body)


def _anchor_runs(document: Any) -> Any:
    """The runs to hang the comments on: the title, else the first paragraph with text."""
    from docx.text.paragraph import Paragraph

    body = document.element.body
    candidates = [p for p in body if p.tag == P and _text(p).strip()]
    titled = [p for p in candidates if _style(p) == "Title"]
    for p in titled + candidates[:1]:
        runs = Paragraph(p, document._body).runs
        runs = [r for r in runs if r.text.strip()]
        if runs:
            return runs if len(runs) == 1 else (runs[0], runs[-1])
    return None


def _trim_end(body: Any) -> None:
    """Drop empty paragraphs left at the end of the body (they can make a blank last page)."""
    paragraphs = [p for p in body if p.tag == P]
    for p in reversed(paragraphs[1:]):
        if _text(p).strip() or p.find(f"{PPR}/{_q('sectPr')}") is not None:
            break
        if any(True for _ in p.iter(_q("drawing"), _q("fldChar"), _q("br"))):
            break
        body.remove(p)


# --- parts --------------------------------------------------------------------------------------


def _part_elements(document: Any) -> Iterator[Any]:
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/document.xml" or name.startswith(("/word/header", "/word/footer")):
            element = getattr(part, "_element", None)
            if element is not None:
                yield element
