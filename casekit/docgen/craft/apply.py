""":func:`apply_craft`: every craft step on a rendered document, in order."""

from __future__ import annotations

from typing import Any

from casekit.docgen.craft.base import Craft, P, _Memo
from casekit.docgen.craft.citations import _CITATION_PARAGRAPHS, _citations, _highlight_verify
from casekit.docgen.craft.comments import _notes_to_comments, _take_notes
from casekit.docgen.craft.keep import _keep_together
from casekit.docgen.craft.numbering import _cross_references, _number_paragraphs
from casekit.docgen.lint.placeholders import highlight_placeholders, part_elements


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
    parts = list(part_elements(document))
    _highlight_verify(parts, done)
    for element in parts:
        for p in _CITATION_PARAGRAPHS(element):
            _citations(p, done)
    _keep_together(paragraphs, body, done, memo)
    _notes_to_comments(document, notes, done, memo)
    return done
