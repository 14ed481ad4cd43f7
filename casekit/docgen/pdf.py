"""PDF copies of generated documents, through LibreOffice when it is installed.

LibreOffice is optional (≈ 264 MB installed, DEPENDENCIES.md): without it casekit still writes the
``.docx`` and says plainly that PDF output needs ``soffice``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from casekit.docgen.render import free_output_path, publish_bytes
from casekit.errors import ConfigurationError

__all__ = ["convert_to_pdf", "soffice_path"]

_TIMEOUT_SECONDS = 180.0


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(
    docx_path: Path, out_path: Path | None = None, *, timeout: float = _TIMEOUT_SECONDS
) -> Path:
    """Write a PDF copy of ``docx_path``; return its path.

    The PDF goes to ``out_path`` or, by default, next to the ``.docx`` under the first free name
    (``stem.pdf``, ``stem-2.pdf``...). Like documents, it is owner-only and never overwrites.
    LibreOffice runs with a throw-away profile, so it neither clashes with a LibreOffice the user
    has open nor leaves state behind.

    Raises:
        ConfigurationError: LibreOffice is not installed, failed, or took longer than ``timeout``.
    """
    exe = soffice_path()
    if exe is None:
        raise ConfigurationError(
            "PDF output needs LibreOffice (soffice) installed; the .docx was written"
        )
    with tempfile.TemporaryDirectory(prefix="casekit-pdf-") as scratch:
        work = Path(scratch)
        command = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(docx_path),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # noqa: S603
        except subprocess.TimeoutExpired:
            raise ConfigurationError(
                f"LibreOffice took more than {timeout:g} seconds for the PDF; the .docx was written"
            ) from None
        except OSError:
            raise ConfigurationError(
                "LibreOffice (soffice) could not be started; the .docx was written"
            ) from None
        produced = work / "out" / f"{docx_path.stem}.pdf"
        if not produced.is_file():
            raise ConfigurationError(
                "LibreOffice could not convert the document to PDF; the .docx was written"
            )
        target = out_path or free_output_path(docx_path.parent, docx_path.stem, ".pdf")
        publish_bytes(produced.read_bytes(), target)
    return target
