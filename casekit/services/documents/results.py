"""What generating and listing documents return: :class:`GeneratedDocument`, :class:`DocumentOut`,
and :class:`PdfNotWritten` (the ``.docx`` is recorded, its PDF copy is not)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain.records import PlainRecord
from casekit.errors import ConfigurationError

if TYPE_CHECKING:
    from casekit.docgen.lint import Finding

#: The language a document is written in when nothing else decides it.
DEFAULT_LANG = "en"


@dataclass(frozen=True)
class GeneratedDocument:
    """A document written and recorded: where, its SHA-256, the ``Document`` row's id."""

    path: Path
    sha256: str
    pdf_path: Path | None
    document_id: int
    template: str = ""
    language: str = DEFAULT_LANG
    matter: str = ""
    records_request_id: int | None = None
    check: tuple[Finding, ...] = ()
    #: Why the document is not in the client's language (no template in it), or "".
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": str(self.path),
            "sha256": self.sha256,
            "document_id": self.document_id,
            "template": self.template,
            "language": self.language,
            "matter": self.matter,
            "check": [f.to_dict() for f in self.check],
        }
        if self.pdf_path is not None:
            data["pdf"] = str(self.pdf_path)
        if self.records_request_id is not None:
            data["records_request_id"] = self.records_request_id
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class DocumentOut(PlainRecord):
    """A recorded document; ``status`` is ``ok``, ``modified`` (hash differs) or ``missing``."""

    id: int
    matter: str
    template: str
    language: str
    path: str
    sha256: str
    generated_at: datetime
    generated_by: str
    status: str


class PdfNotWritten(ConfigurationError):
    """The ``.docx`` was written and recorded, but no PDF copy could be made."""

    def __init__(self, message: str, document: GeneratedDocument | None = None) -> None:
        super().__init__(message)
        self.document = document

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.message, self.document))
