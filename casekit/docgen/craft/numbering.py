"""Paragraph numbering (Word's own instead of typed ``1.<tab>``) and the REF-field cross-references
of "Paragraphs 1 through N"."""

from __future__ import annotations

import copy
import re
from html import escape
from typing import Any

from lxml.etree import XPath

from casekit.docgen.craft.base import (
    _NS,
    _XML_SPACE,
    KEEP_LINES,
    KEEP_NEXT,
    NUMPR,
    PPR,
    PSTYLE,
    RPR,
    TAB,
    VAL,
    Craft,
    R,
    T,
    _flag,
    _Memo,
    _new,
    _pieces,
    _ppr,
    _q,
    _set_text,
)

_NUMBER = re.compile(r"(\d{1,4})\.\t")
_THROUGH = re.compile(r"\b[Pp]aragraphs 1 through (\d{1,4})\b")
_TYPED_NUMBERS = XPath(
    "w:p[not(w:pPr/w:numPr) and w:r/w:tab and string-length(normalize-space(.)) > 0"
    ' and contains("0123456789", substring(normalize-space(.), 1, 1))]',
    namespaces=_NS,
)
_COUNT_STYLE = XPath("count(w:p[w:pPr/w:pStyle/@w:val = $s])", namespaces=_NS)
_STYLE_BY_ID = XPath("w:style[@w:type = 'paragraph' and @w:styleId = $s]", namespaces=_NS)
_INCORPORATIONS = XPath('w:p[.//w:t[contains(., "aragraphs 1 through ")]]', namespaces=_NS)


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


_BEFORE_NUMPR = frozenset(
    {PSTYLE, KEEP_NEXT, KEEP_LINES, _q("pageBreakBefore"), _q("framePr"), _q("widowControl")}
)
