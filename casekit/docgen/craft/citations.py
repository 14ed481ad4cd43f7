"""Citations that never break (no-break spaces and hyphens) and highlighted ``[verify]`` markers."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from typing import Any

from lxml.etree import XPath

from casekit.docgen.craft.base import _NS, NBSP, RPR, VAL, Craft, T, _new, _pieces, _q, _set_text

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
_VERIFY_RUNS = XPath('.//w:r[w:t[contains(., "[verify")]]', namespaces=_NS)
_CITATION_PARAGRAPHS = XPath(
    ".//w:p[.//w:t["
    'contains(., "§") or contains(., "U.S.C") or contains(., "C.F.R") or contains(., "I-")'
    ' or contains(., "JD-")]]',
    namespaces=_NS,
)


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
