""":func:`lint_document`: every check on one ``.docx``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from casekit.docgen.lint.findings import Finding
from casekit.docgen.lint.pages import _page_numbers, _signature
from casekit.docgen.lint.paragraphs import _paragraphs
from casekit.docgen.lint.wording import _client, _placeholders, _timely, _unreachable
from casekit.docgen.wordfile import word_file
from casekit.errors import InvalidInput

_PLEADING_NAMES = ("complaint", "notice-7-465", "notice-4-147")


def lint_document(
    path: Path | str,
    *,
    kind: str | None = None,
    today: date | None = None,
    pdf: Path | str | None = None,
) -> list[Finding]:
    """Every finding in the document at ``path`` (``[]``: nothing to report).

    Args:
        path: a ``.docx`` file.
        kind: the template name (``complaint``, ``notice-7-465``…); default: guessed from the
            file name and the document's title.
        today: the document's date, for the deadline check; default: the first date in the
            body (the letter date).
        pdf: a PDF of the same document (LibreOffice's), for the layout check: no page may hold
            only the signature block. Without it the keep-with-next chain is checked instead.

    Raises:
        InvalidInput: no such file, or not a Word document.
    """
    target = word_file(path, kind="document")
    try:
        from docx import Document

        document = Document(str(target))
    except Exception:  # noqa: BLE001 - python-docx raises several kinds for a damaged file
        raise InvalidInput(f"{target.name} cannot be read as a Word document") from None
    paragraphs = list(_paragraphs(document))
    name = kind or _guess_kind(target, document)
    findings: list[Finding] = []
    findings += _placeholders(paragraphs)
    pleading = any(name.startswith(p) for p in _PLEADING_NAMES)
    if pleading:
        findings += _client(paragraphs)
    if name.startswith("complaint"):
        findings += _unreachable(paragraphs)
    if name.startswith("notice"):
        findings += _timely(paragraphs, today)
    findings += _signature(document, Path(pdf) if pdf is not None else None)
    findings += _page_numbers(document)
    return findings


def _guess_kind(path: Path, document: Any) -> str:
    stem = path.name.lower()
    for name in _PLEADING_NAMES:
        if name in stem:
            return name
    title = (document.core_properties.title or "").lower()
    if title.startswith("complaint"):
        return "complaint"
    if title.startswith("notice"):
        return "notice"
    return ""
