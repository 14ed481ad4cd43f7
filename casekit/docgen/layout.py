"""What a PDF's pages hold, for the linter's layout check (``pdftotext`` from poppler-utils).

Word and LibreOffice decide the page breaks; a ``.docx`` alone cannot say where a page ends. When a
PDF of the document exists (``casekit generate --pdf``, or ``casekit documents check --pdf``),
this reads each page's text and finds the pages that hold nothing but the signature block.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path

from casekit.domain.text import one_line
from casekit.errors import ConfigurationError

__all__ = ["orphaned_signature_pages", "page_texts", "pdftotext_path"]

_TIMEOUT_SECONDS = 60.0
_PAGE_WORDS = re.compile(r"^(Page|Página)\s+\d+(\s+(of|de)\s+\d+)?$", re.IGNORECASE)


def pdftotext_path() -> str | None:
    """poppler's ``pdftotext`` on PATH, if any."""
    return shutil.which("pdftotext")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in order.

    Raises:
        ConfigurationError: ``pdftotext`` is not installed or cannot read the file.
    """
    exe = pdftotext_path()
    if exe is None:
        raise ConfigurationError("the page check needs pdftotext (poppler-utils) installed")
    try:
        done = subprocess.run(  # noqa: S603
            [exe, "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise ConfigurationError(f"pdftotext could not read {pdf.name}") from None
    if done.returncode != 0:
        raise ConfigurationError(f"pdftotext could not read {pdf.name}")
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def _norm(line: str) -> str:
    return one_line(line.replace("\u00a0", " "))


def orphaned_signature_pages(
    pdf: Path, signature_lines: Iterable[str], furniture: Sequence[str] = ()
) -> list[int]:
    """Pages (1-based) whose body is only signature-block lines: nothing the attorney signs for.

    ``furniture`` are the header and footer lines, left out of every page (with "Page 2 of 3").
    """
    signature = {_norm(line) for line in signature_lines if line.strip()}
    ignored = {_norm(line) for line in furniture if line.strip()}
    out = []
    for number, text in enumerate(page_texts(pdf), start=1):
        lines = [_norm(line) for line in text.splitlines()]
        body = [
            line for line in lines if line and line not in ignored and not _PAGE_WORDS.match(line)
        ]
        if body and all(_signed(line, signature) for line in body):
            out.append(number)
    return out


def _signed(line: str, signature: set[str]) -> bool:
    """A page line is the signature block's: one of its lines, or a piece of one that the PDF
    wrapped (a long e-mail address breaks differently with each font's metrics, and the text
    extraction drops the hyphen where it broke: "ana@smith-" + "jones" reads "ana@smithjones")."""
    if line in signature:
        return True
    bare = line.replace("-", "")
    return any(bare in whole.replace("-", "") for whole in signature)
