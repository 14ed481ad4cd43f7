"""A document linter: checks a rendered (or firm-edited) ``.docx`` the way a careful reader would.

Run after every ``casekit generate`` (findings on stderr, a ``check`` key in ``--json``) and by
``casekit documents check PATH`` (exit 1 on an error). It reads only the document's text and
formatting, so it works on a document a firm edited in Word:

* ``client-in-pleading`` (error): a complaint or notice speaks of "the client" (drafting notes,
  which quote what must be rewritten, are left out);
* ``unreachable-defendant`` (error): a count is pleaded against a defendant its claim cannot
  reach: § 1983 against the State alone, § 52-571k against the State or a municipality, § 7-465
  indemnification against the State;
* ``timely-after-deadline`` (error): a notice says it is given within the period although the
  period it names ended before the document's date;
* ``unhighlighted-placeholder`` (error): a ``[[placeholder]]`` or a blank line to fill
  (``____________________``) that is not highlighted;
* ``orphaned-signature`` (error, with a PDF of the document): a page that holds nothing but
  (part of) the signature block; ``signature-not-kept`` (warning, without one): the signature
  block is not chained to the text above it by keep-with-next, so it can land alone on a page;
  ``pages-not-checked`` (warning): the PDF could not be read (the chain is checked instead);
* ``two-page-numbers`` (warning): a header and a footer of the same pages both print the page
  number.

:func:`highlight_placeholders` is the renderer's half: it highlights every placeholder in a
freshly rendered document, so what casekit writes passes.

The claim names the unreachable-defendant check looks for are the count titles of the law pack
(claims.toml), so a count is recognised by its title, not by a citation written here.
"""

from __future__ import annotations

from casekit.docgen.lint.document import lint_document
from casekit.docgen.lint.findings import ERROR, PLACEHOLDER, WARNING, Finding
from casekit.docgen.lint.placeholders import highlight_placeholders

__all__ = [
    "ERROR",
    "PLACEHOLDER",
    "WARNING",
    "Finding",
    "highlight_placeholders",
    "lint_document",
]
