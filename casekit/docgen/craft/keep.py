"""Keep together: signature blocks with the text above and their ``cc:`` lines, table rows whole."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lxml.etree import XPath

from casekit.docgen.craft.base import (
    _NS,
    KEEP_LINES,
    KEEP_NEXT,
    PSTYLE,
    Craft,
    P,
    _flag,
    _Memo,
    _new,
    _ppr,
    _q,
)

_CLOSINGS = re.compile(
    r"^(Respectfully( submitted)?|Sincerely|Very truly yours|Atentamente|Cordialmente"
    r"|THE (PLAINTIFF|CLAIMANT)S?)\s*,?\s*$",
    re.IGNORECASE,
)
_CC = re.compile(r"^(cc|c\.c\.|copia a|copy to|enclosures?|encl\.)\s*:", re.IGNORECASE)
_SIGNATURE_STYLES = ("Signature",)
_SIGNATURE_STARTS = XPath(
    'w:p[w:pPr/w:pStyle/@w:val = "Signature"'
    " or (string-length(normalize-space(.)) > 0 and string-length(normalize-space(.)) < 32)]",
    namespaces=_NS,
)


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


_BEFORE_KEEP_NEXT = frozenset({PSTYLE})
_BEFORE_KEEP_LINES = frozenset({PSTYLE, KEEP_NEXT})


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
