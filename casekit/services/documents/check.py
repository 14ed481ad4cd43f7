"""Checking documents and templates: the document linter on a written ``.docx`` (with its
PDF, the page check too) and a firm template's problems before it is used."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.docgen.wordfile import word_file
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.docgen.check import TemplateProblem
    from casekit.docgen.lint import Finding
    from casekit.services.base import AppContext
    from casekit.services.documents.prepare import Job

# docgen's linter and checker load lxml and python-docx: imported where used.


def lint_written(path: Path, job: Job, pdf: Path | None = None) -> list[Finding]:
    """The document linter on a document just written (its findings are reported, the file is
    kept: the attorney edits it); with its PDF, the page check too."""
    from casekit.docgen.lint import lint_document

    return lint_document(path, kind=job.template, today=job.today, pdf=pdf)


def check_document(
    svc: AppContext,  # noqa: ARG001
    path: Path | str,
    *,
    pdf: bool = False,
) -> list[Finding]:
    """The document linter on a ``.docx`` (``casekit documents check PATH``), e.g. one a firm
    edited: ``[]`` when it finds nothing. ``pdf=True`` converts a throw-away PDF copy through
    LibreOffice first, so the page check (no page holding only the signature) runs too.

    Raises:
        InvalidInput: no such file, or not a readable Word document.
        ConfigurationError: ``pdf`` and LibreOffice is missing or failed.
    """
    from casekit.docgen.lint import lint_document

    if not pdf:
        return lint_document(path)
    from casekit.docgen.pdf import convert_to_pdf

    lint_document(path)  # a missing or unreadable file is refused before LibreOffice starts
    with tempfile.TemporaryDirectory(prefix="casekit-check-") as scratch:
        copy = convert_to_pdf(Path(path).expanduser(), Path(scratch) / "check.pdf")
        return lint_document(path, pdf=copy)


def check_template_file(svc: AppContext, path: Path | str) -> list[TemplateProblem]:  # noqa: ARG001
    """Every problem in the template at ``path`` (``casekit templates check``); ``[]`` = fine.

    A sandbox escape is reported as a problem (``where`` = ``template``), like the others.

    Raises:
        InvalidInput: no such file, or not a ``.docx``.
    """
    from casekit.docgen.check import TemplateProblem, check_template

    target = word_file(path, kind="template")
    try:
        return check_template(target)
    except InvalidInput as exc:
        return [TemplateProblem("template", exc.message)]
