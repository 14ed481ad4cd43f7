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
from html import escape
from typing import Any

from lxml.etree import XPath

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


_NS = {"w": _W}
# XPath runs in C: only the paragraphs and runs that can need the work are visited in Python.
_STYLE_OF = XPath("string(w:pPr/w:pStyle/@w:val)", namespaces=_NS)
_TEXTS_OF = XPath(".//w:r/w:t/text()", namespaces=_NS, smart_strings=False)
_TYPED_NUMBERS = XPath(
    "w:p[not(w:pPr/w:numPr) and w:r/w:tab and string-length(normalize-space(.)) > 0"
    ' and contains("0123456789", substring(normalize-space(.), 1, 1))]',
    namespaces=_NS,
)
_COUNT_STYLE = XPath("count(w:p[w:pPr/w:pStyle/@w:val = $s])", namespaces=_NS)
_STYLE_BY_ID = XPath("w:style[@w:type = 'paragraph' and @w:styleId = $s]", namespaces=_NS)
_INCORPORATIONS = XPath('w:p[.//w:t[contains(., "aragraphs 1 through ")]]', namespaces=_NS)
_SIGNATURE_STARTS = XPath(
    'w:p[w:pPr/w:pStyle/@w:val = "Signature"'
    " or (string-length(normalize-space(.)) > 0 and string-length(normalize-space(.)) < 32)]",
    namespaces=_NS,
)
_NOTE_PARAGRAPHS = XPath('w:p[w:pPr/w:pStyle/@w:val = "DraftingNote"]', namespaces=_NS)
_VERIFY_RUNS = XPath('.//w:r[w:t[contains(., "[verify")]]', namespaces=_NS)
_CITATION_PARAGRAPHS = XPath(
    ".//w:p[.//w:t["
    'contains(., "§") or contains(., "U.S.C") or contains(., "C.F.R") or contains(., "I-")'
    ' or contains(., "JD-")]]',
    namespaces=_NS,
)


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
    memo = _Memo()
    numbered = _number_paragraphs(document, done, memo)
    if numbered:
        _cross_references(numbered, body, done)
    notes = _take_notes(paragraphs, memo)
    # Highlighting splits runs so that only the marker is coloured; it runs before the
    # citations split text around no-break hyphens, after the typed numbers are gone.
    done.placeholders = highlight_placeholders(document)
    parts = list(_part_elements(document))
    _highlight_verify(parts, done)
    for element in parts:
        for p in _CITATION_PARAGRAPHS(element):
            _citations(p, done)
    _keep_together(paragraphs, body, done, memo)
    _notes_to_comments(document, notes, done, memo)
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
    for c in p.iter(T, TAB, NBH):
        if c.tag == T:
            out.append(c.text or "")
        elif c.tag == TAB:
            if c.getparent().tag == R:  # not a tab stop in the paragraph's properties
                out.append("\t")
        else:
            out.append("-")
    return "".join(out)


class _Memo:
    """Styles and texts of body paragraphs, each read once per pass (lxml keeps one proxy per
    element while it is referenced, so the proxy is the key)."""

    def __init__(self) -> None:
        self._styles: dict[Any, str] = {}
        self._texts: dict[Any, str] = {}

    def style(self, p: Any) -> str:
        found = self._styles.get(p)
        if found is None:
            found = self._styles[p] = str(_STYLE_OF(p))
        return found

    def text(self, p: Any) -> str:
        """The paragraph's text, stripped (tabs and no-break hyphens left out: enough to
        recognise a closing, a cc: line, an empty paragraph or a typed number)."""
        found = self._texts.get(p)
        if found is None:
            found = self._texts[p] = "".join(_TEXTS_OF(p)).strip()
        return found

    def forget(self, p: Any) -> None:
        self._texts.pop(p, None)


def _pieces(p: Any) -> list[tuple[Any, int]]:
    """Every ``w:t`` of the paragraph, with the offset of its first character in the text."""
    at = 0
    pieces = []
    for t in p.iter(T):
        pieces.append((t, at))
        at += len(t.text or "")
    return pieces


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _new(tag: str, near: Any) -> Any:
    """A new ``w:tag`` element made by ``near``'s document (cheaper than parsing XML for it)."""
    return near.makeelement(_q(tag), {})


# --- numbering ----------------------------------------------------------------------------------


def _number_paragraphs(document: Any, done: Craft, memo: _Memo) -> dict[int, Any]:
    """Typed ``N.<tab>`` numbers 1…N in order → Word numbering. Returns {number: paragraph}."""
    found: dict[int, Any] = {}
    for p in _TYPED_NUMBERS(document.element.body):
        match = _NUMBER.match(_head(p))
        if match is None:
            continue
        number = int(match.group(1))
        if number != len(found) + 1:
            return {}  # not one running sequence (a firm's own scheme): leave it alone
        found[number] = p
    if not found:
        return {}
    styles = {memo.style(p) for p in found.values()}
    style = next(iter(styles)) if len(styles) == 1 else ""
    # One style that only these paragraphs use (the complaint's): the numbering goes on the
    # style, so a paragraph added in that style in Word is numbered too.
    on_style = bool(style) and int(_COUNT_STYLE(document.element.body, s=style)) == len(found)
    num_id = _add_numbering(document, style if on_style else "")
    if on_style and _number_style(document, style, num_id):
        for number, p in found.items():
            _strip(p, len(str(number)) + 2)
            memo.forget(p)
    else:
        for number, p in found.items():
            _strip(p, len(str(number)) + 2)
            memo.forget(p)
            _num_pr(_flag(_ppr(p), NUMPR, _BEFORE_NUMPR), num_id)
    done.numbered = len(found)
    return found


def _num_pr(num_pr: Any, num_id: int) -> None:
    for child in list(num_pr):
        num_pr.remove(child)
    num_pr.append(num_pr.makeelement(_q("ilvl"), {VAL: "0"}))
    num_pr.append(num_pr.makeelement(_q("numId"), {VAL: str(num_id)}))


def _number_style(document: Any, style_id: str, num_id: int) -> bool:
    """Put the numbering on the paragraph style ``style_id``; False if there is no such style."""
    styles = document.part.styles.element  # the styles part (python-docx makes one if absent)
    found = _STYLE_BY_ID(styles, s=style_id)
    if not found:
        return False
    style = found[0]
    ppr = style.find(PPR)
    if ppr is None:
        ppr = style.makeelement(PPR, {})
        rpr = style.find(RPR)
        if rpr is not None:
            rpr.addprevious(ppr)
        else:
            style.append(ppr)
    _num_pr(_flag(ppr, NUMPR, _BEFORE_NUMPR), num_id)
    return True


def _head(p: Any, size: int = 8) -> str:
    """The first ``size`` or so characters of the paragraph (tabs included), read cheaply."""
    out: list[str] = []
    got = 0
    for r in p.iter(R):
        for c in r:
            if c.tag == T:
                piece = c.text or ""
            elif c.tag == TAB:
                piece = "\t"
            else:
                continue
            out.append(piece)
            got += len(piece)
            if got >= size:
                return "".join(out)
    return "".join(out)


def _strip(p: Any, count: int) -> None:
    """Remove the first ``count`` characters (a tab counts as one) from the paragraph's runs."""
    for r in p.iter(R):
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
        if count <= 0:
            return


def _add_numbering(document: Any, style_id: str = "") -> int:
    """A one-level decimal list ("1.", number at 0.5 in, text at 1 in), linked to ``style_id``
    when the numbering goes on that style; returns its numId."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    numbering = document.part.numbering_part.element
    abstract_ids = [int(a.get(_q("abstractNumId"))) for a in numbering.findall(_q("abstractNum"))]
    num_ids = [int(n.get(_q("numId"))) for n in numbering.findall(_q("num"))]
    abstract_id = max([*abstract_ids, 0]) + 1
    num_id = max([*num_ids, 0]) + 1
    link = f'<w:pStyle w:val="{escape(style_id, quote=True)}"/>' if style_id else ""
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:nsid w:val="CA5E0C0F"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f"{link}"
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


def _cross_references(numbered: dict[int, Any], body: Any, done: Craft) -> None:
    bookmarks: dict[int, str] = {}
    ids = [int(b.get(_q("id"), "0")) for b in body.iter(_q("bookmarkStart"))]
    next_id = max([*ids, 0]) + 1
    for p in _INCORPORATIONS(body):
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
    start = _new("bookmarkStart", p)
    start.set(_q("id"), str(bookmark_id))
    start.set(_q("name"), name)
    end = _new("bookmarkEnd", p)
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
        new = _new("r", r)
        if r_pr is not None:
            new.append(copy.deepcopy(r_pr))
        for child in children:
            new.append(child)
        return new

    def fld(kind: str) -> Any:
        char = _new("fldChar", r)
        char.set(_q("fldCharType"), kind)
        return run(char)

    instr = _new("instrText", r)
    instr.set(_XML_SPACE, "preserve")
    instr.text = f" REF {bookmark} \\r \\h "
    result = _new("t", r)
    _set_text(result, shown)
    new_runs = [fld("begin"), run(instr), fld("separate"), run(result), fld("end")]
    if after or tail:
        rest = _new("t", r)
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
        hyphen = _new("noBreakHyphen", t)
        anchor.addnext(hyphen)
        anchor = hyphen
        if part:
            new = _new("t", t)
            _set_text(new, part)
            anchor.addnext(new)
            anchor = new
    if not parts[0]:
        t.getparent().remove(t)


# --- verify markers -----------------------------------------------------------------------------


def _highlight_verify(parts: Sequence[Any], done: Craft) -> None:
    """Highlight ``[verify: …]`` markers (turquoise, so they differ from yellow placeholders)."""
    for element in parts:
        for r in _VERIFY_RUNS(element):
            ts = [c for c in r if c.tag == T]
            if len(ts) != 1 or not _VERIFY.search(ts[0].text or ""):
                continue
            others = [c for c in r if c.tag not in (T, RPR)]
            text = ts[0].text or ""
            if others:
                _highlight(r, "cyan")
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
                    _highlight(new, "cyan")
                    done.verify_marks += 1
                r.addprevious(new)
            r.getparent().remove(r)


# w:rPr children that come after w:highlight in the schema's sequence
_AFTER_HIGHLIGHT = frozenset(
    _q(tag)
    for tag in (
        "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
        "eastAsianLayout", "specVanish", "oMath",
    )
)  # fmt: skip


def _highlight(r: Any, color: str) -> None:
    """``<w:highlight w:val=color/>`` on run ``r``, in schema order (plain lxml)."""
    rpr = r.find(RPR)
    if rpr is None:
        rpr = r.makeelement(RPR, {})
        r.insert(0, rpr)
    found = rpr.find(_q("highlight"))
    if found is not None:
        found.set(VAL, color)
        return
    mark = rpr.makeelement(_q("highlight"), {VAL: color})
    for child in rpr:
        if child.tag in _AFTER_HIGHLIGHT:
            child.addprevious(mark)
            return
    rpr.append(mark)


# --- keep together ------------------------------------------------------------------------------


def signature_blocks(paragraphs: Sequence[Any], memo: _Memo | None = None) -> list[tuple[int, int]]:
    """``(first, last)`` indexes of each signature block among body ``paragraphs`` (lxml ``w:p``).

    A block is a run of paragraphs in the Signature style, or one that opens with a closing
    ("Respectfully,", "Sincerely,", "THE PLAINTIFF,") and runs on over short lines up to a blank
    pair, a heading or the end. Empty paragraphs inside a block belong to it (the signing space).
    """
    memo = memo or _Memo()
    blocks: list[tuple[int, int]] = []
    if not paragraphs:
        return blocks
    # Only a Signature paragraph or a short one can open a block: XPath finds them in C.
    where = {p: index for index, p in enumerate(paragraphs)}
    starts = sorted(where[p] for p in _SIGNATURE_STARTS(paragraphs[0].getparent()) if p in where)
    n = len(paragraphs)
    covered = -1
    for i in starts:
        if i <= covered:
            continue
        p = paragraphs[i]
        styled = memo.style(p) in _SIGNATURE_STYLES
        if not styled and not _CLOSINGS.match(memo.text(p)):
            continue
        j = i
        blanks = 0
        while j + 1 < n:
            nxt = paragraphs[j + 1]
            text = memo.text(nxt)
            style = memo.style(nxt)
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
        while j > i and not memo.text(paragraphs[j]):
            j -= 1
        blocks.append((i, j))
        covered = j
    return blocks


def _ppr(p: Any) -> Any:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = p.makeelement(PPR, {})
        p.insert(0, ppr)
    return ppr


_BEFORE_KEEP_NEXT = frozenset({PSTYLE})
_BEFORE_KEEP_LINES = frozenset({PSTYLE, KEEP_NEXT})
_BEFORE_NUMPR = frozenset(
    {PSTYLE, KEEP_NEXT, KEEP_LINES, _q("pageBreakBefore"), _q("framePr"), _q("widowControl")}
)


def _flag(ppr: Any, tag: str, before: frozenset[str]) -> Any:
    """The ``tag`` child of ``ppr`` (on: an existing ``w:val="0"`` is dropped), added in schema
    order after the children in ``before`` (plain lxml: python-docx's helpers cost more here)."""
    found = ppr.find(tag)
    if found is not None:
        found.attrib.pop(VAL, None)
        return found
    index = 0
    for i, child in enumerate(ppr):
        if child.tag in before:
            index = i + 1
    element = ppr.makeelement(tag, {})
    ppr.insert(index, element)
    return element


def _keep_next(p: Any) -> None:
    _flag(_ppr(p), KEEP_NEXT, _BEFORE_KEEP_NEXT)


def _keep_lines(p: Any) -> None:
    _flag(_ppr(p), KEEP_LINES, _BEFORE_KEEP_LINES)


def _keep(p: Any) -> None:
    _keep_next(p)
    _keep_lines(p)


def _keep_together(paragraphs: Sequence[Any], body: Any, done: Craft, memo: _Memo) -> None:
    for first, last in signature_blocks(paragraphs, memo):
        # The text above: back over empty paragraphs to the last one that says something.
        above = first - 1
        while above >= 0 and not memo.text(paragraphs[above]):
            _keep(paragraphs[above])
            above -= 1
        if above >= 0:
            _keep_next(paragraphs[above])
        end = last
        while end + 1 < len(paragraphs) and (
            _CC.match(memo.text(paragraphs[end + 1]))
            or (not memo.text(paragraphs[end + 1]) and _cc_follows(paragraphs, end + 1, memo))
        ):
            end += 1
        for p in paragraphs[first:end]:
            _keep(p)
        _keep_lines(paragraphs[end])
        done.kept_together += 1
    for tbl in body.iter(_q("tbl")):
        rows = [tr for tr in tbl if tr.tag == _q("tr")]
        small = len(rows) <= 6
        for index, tr in enumerate(rows):
            tr_pr = tr.get_or_add_trPr()
            if tr_pr.find(_q("cantSplit")) is None:
                tr_pr.append(_new("cantSplit", tr))
            header = tr_pr.find(_q("tblHeader")) is not None
            if header or (small and index < len(rows) - 1):
                for p in tr.iter(P):
                    _keep_next(p)


def _cc_follows(paragraphs: Sequence[Any], index: int, memo: _Memo) -> bool:
    for p in paragraphs[index:]:
        text = memo.text(p)
        if text:
            return bool(_CC.match(text))
    return False


# --- drafting notes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Note:
    heading: str
    text: str


def _take_notes(paragraphs: Sequence[Any], memo: _Memo) -> list[tuple[_Note, list[Any]]]:
    """The drafting notes, each with the paragraphs to remove once it is a comment."""
    notes: list[tuple[_Note, list[Any]]] = []
    heading: tuple[str, Any] | None = None
    body = paragraphs[0].getparent() if paragraphs else None
    for p in _NOTE_PARAGRAPHS(body) if body is not None else []:
        remove = [p]
        previous = p.getprevious()
        if previous is not None and previous.tag != P:
            previous = None
        if previous is not None and memo.style(previous).startswith("Heading"):
            heading = (memo.text(previous), previous)
            remove.append(previous)
        elif previous is None or memo.style(previous) not in _NOTE_STYLES:
            heading = None
        text = memo.text(p)
        if text:
            notes.append((_Note(heading[0] if heading else "", text), remove))
    return notes


def _notes_to_comments(
    document: Any, notes: Sequence[tuple[_Note, list[Any]]], done: Craft, memo: _Memo
) -> None:
    if not notes:
        return
    anchor = _anchor_runs(document, memo)
    try:
        import docx.parts.comments  # noqa: F401  (python-docx >= 1.2)
    except ImportError:
        anchor = None
    if anchor is None:  # nothing to hang them on, or no comments part: notes stay in the body
        done.notes_left_in_body = [n.text for n, _ in notes]
        return
    texts = []
    for note, _ in notes:
        heading = note.heading
        if heading.lower().startswith("drafting note"):
            heading = "Drafting note"
        texts.append(f"{heading}: {note.text}" if heading else note.text)
    _add_comments(document, anchor, texts)
    done.comments = len(texts)
    for _, remove in notes:
        for p in remove:
            parent = p.getparent()
            if parent is not None:
                parent.remove(p)
    _trim_end(document.element.body)


def _anchor_runs(document: Any, memo: _Memo) -> tuple[Any, Any] | None:
    """The first and last run (lxml) to hang the comments on: the title's, else those of the
    first paragraph with text."""
    body = document.element.body
    paragraphs = [p for p in body if p.tag == P]
    titled = [p for p in paragraphs if memo.style(p) == "Title"][:1]
    first = next((p for p in paragraphs if memo.text(p)), None)
    for p in [*titled, *([first] if first is not None else [])]:
        runs = [r for r in p if r.tag == R and any((t.text or "").strip() for t in r.iter(T))]
        if runs:
            return runs[0], runs[-1]
    return None


def _add_comments(document: Any, anchor: tuple[Any, Any], texts: Sequence[str]) -> None:
    """One Word comment per text, all on the ``anchor`` runs, by casekit, undated (the output is
    deterministic). The comments part is built in one go: python-docx's ``add_comment`` parses
    XML for every comment, which would cost more than the rest of the craft pass together."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.parts.comments import CommentsPart

    part = document.part
    try:
        comments_part = part.part_related_by(RT.COMMENTS)  # a firm's template has comments
        root = comments_part.element
    except KeyError:
        comments_part = None
        root = parse_xml(f"<w:comments {nsdecls('w')}/>")
    ids = [int(c.get(_q("id"), "0")) for c in root.iter(_q("comment"))]
    next_id = max([*ids, -1]) + 1
    first, last = anchor
    for offset, text in enumerate(texts):
        cid = str(next_id + offset)
        comment = root.makeelement(
            _q("comment"), {_q("id"): cid, _q("author"): COMMENT_AUTHOR, _q("initials"): "ck"}
        )
        root.append(comment)
        p = comment.makeelement(P, {})
        comment.append(p)
        ref = p.makeelement(R, {})
        ref.append(ref.makeelement(_q("annotationRef"), {}))
        run = p.makeelement(R, {})
        t = run.makeelement(T, {})
        _set_text(t, text)
        run.append(t)
        p.extend([ref, run])
        first.addprevious(first.makeelement(_q("commentRangeStart"), {_q("id"): cid}))
        end = last.makeelement(_q("commentRangeEnd"), {_q("id"): cid})
        last.addnext(end)
        reference = last.makeelement(R, {})
        reference.append(reference.makeelement(_q("commentReference"), {_q("id"): cid}))
        end.addnext(reference)
    if comments_part is None:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.packuri import PackURI

        new = CommentsPart(PackURI("/word/comments.xml"), CT.WML_COMMENTS, root, part.package)
        part.relate_to(new, RT.COMMENTS)


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
