"""The renderer's half of the linter: every placeholder of a rendered document highlighted."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from lxml.etree import XPath

from casekit.docgen.lint.findings import PLACEHOLDER

# --- the renderer's half ------------------------------------------------------------------------


def highlight_placeholders(document: Any) -> int:
    """Highlight every placeholder of a python-docx ``Document`` (body, headers, footers) in
    yellow, splitting runs so that only the placeholder is marked. Returns how many."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml.ns import qn

    def mark(run: Any) -> None:
        run.get_or_add_rPr().highlight_val = WD_COLOR_INDEX.YELLOW

    marked = 0
    for element in part_elements(document):
        # Only runs with a "[" or "_" can hold a placeholder: XPath finds them in C.
        for r in _CANDIDATE_RUNS(element):
            texts = [c for c in r if c.tag == qn("w:t")]
            others = [c for c in r if c.tag not in (qn("w:t"), qn("w:rPr"))]
            joined = "".join(t.text or "" for t in texts)
            if not PLACEHOLDER.search(joined):
                continue
            if others or len(texts) != 1:
                mark(r)
                marked += 1
                continue
            for piece, is_placeholder in _pieces(joined):
                new = copy.deepcopy(r)
                t = new.find(qn("w:t"))
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                if is_placeholder:
                    mark(new)
                    marked += 1
                r.addprevious(new)
            r.getparent().remove(r)
    return marked


_CANDIDATE_RUNS = XPath(
    './/w:r[w:t[contains(., "[") or contains(., "_")]]',
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
)


def _pieces(text: str) -> Iterator[tuple[str, bool]]:
    at = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > at:
            yield text[at : match.start()], False
        yield match.group(0), True
        at = match.end()
    if at < len(text):
        yield text[at:], False


def part_elements(document: Any) -> Iterator[Any]:
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name == "/word/document.xml" or name.startswith(("/word/header", "/word/footer")):
            element = getattr(part, "_element", None)
            if element is not None:
                yield element
