"""The XML underneath the craft steps: WordprocessingML names, the paragraph helpers every step
uses, and :class:`Craft` (what the steps did)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import XPath

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


P, R, T, TAB, PPR, RPR = _q("p"), _q("r"), _q("t"), _q("tab"), _q("pPr"), _q("rPr")
PSTYLE, VAL, NUMPR = _q("pStyle"), _q("val"), _q("numPr")
NBH = _q("noBreakHyphen")
KEEP_NEXT, KEEP_LINES = _q("keepNext"), _q("keepLines")

NBSP = "\u00a0"


_NS = {"w": _W}
# XPath runs in C: only the paragraphs and runs that can need the work are visited in Python.
_STYLE_OF = XPath("string(w:pPr/w:pStyle/@w:val)", namespaces=_NS)
_TEXTS_OF = XPath(".//w:r/w:t/text()", namespaces=_NS, smart_strings=False)


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


def _ppr(p: Any) -> Any:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = p.makeelement(PPR, {})
        p.insert(0, ppr)
    return ppr


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
