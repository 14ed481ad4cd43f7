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

Modules: ``apply`` (:func:`apply_craft`), one per step (``numbering``, ``citations``, ``keep``,
``comments``), and ``base`` (the XML they share).
"""

from __future__ import annotations

from casekit.docgen.craft.apply import apply_craft
from casekit.docgen.craft.base import Craft
from casekit.docgen.craft.comments import COMMENT_AUTHOR
from casekit.docgen.craft.keep import signature_blocks

__all__ = [
    "COMMENT_AUTHOR",
    "Craft",
    "apply_craft",
    "signature_blocks",
]
