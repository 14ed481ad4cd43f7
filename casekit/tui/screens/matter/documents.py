"""The Docs tab of a matter: its generated documents, newest first, each with its integrity (the
file hashed again against the SHA-256 recorded when it was generated); ``enter`` or ``o`` opens
the selected one with the system's default application (``casekit.tui.opener``). It reads and
opens in thread workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable

from casekit.services.casefile import wall_time
from casekit.tui import opener
from casekit.tui.screens.matter.pane import MatterPane
from casekit.tui.widgets.format import moment

if TYPE_CHECKING:
    from casekit.services import casefile as views
    from casekit.services.documents import DocumentOut

COLUMNS = ("Generated", "Template", "Lang", "Integrity", "File")
INTEGRITY = {
    "ok": ("ok", "green"),
    "modified": ("MODIFIED since generated", "bold red"),
    "missing": ("MISSING", "bold red"),
}
KEYS: list[BindingType] = [
    Binding(
        "o",
        "document_open",
        "Open",
        id="document-open",
        tooltip="Open the selected document with the system's default application.",
    ),
]


def row_cells(doc: DocumentOut) -> tuple[Any, ...]:
    shown, style = INTEGRITY.get(doc.status, (doc.status, ""))
    return (
        moment(wall_time(doc.generated_at)),
        doc.template,
        doc.language,
        Text(shown, style=style),
        doc.path,
    )


class DocumentsPane(MatterPane):
    """The table of a matter's documents (newest first)."""

    TAB = "documents"
    TITLE = "Docs"
    BINDINGS = KEYS

    class DocumentsLoaded(Message):
        def __init__(self, documents: list[DocumentOut]) -> None:
            super().__init__()
            self.documents = documents

    def __init__(self) -> None:
        super().__init__()
        self.documents: list[DocumentOut] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="documents-pane"):
            yield DataTable(id="matter-documents", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)

    def show(self, detail: views.MatterDetail) -> None:
        self.load_documents(detail.number)

    def show_documents(self, documents: list[DocumentOut]) -> None:
        self.documents = sorted(documents, key=lambda d: (d.generated_at, d.id), reverse=True)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for doc in self.documents:
            table.add_row(*row_cells(doc), key=str(doc.id))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def selected(self) -> DocumentOut | None:
        row = self.query_one(DataTable).cursor_row
        return self.documents[row] if 0 <= row < len(self.documents) else None

    @on(DataTable.RowSelected, "#matter-documents")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        doc = self.selected()
        if doc is not None:
            self._open_document(doc)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-documents")
    def load_documents(self, number: str) -> None:
        from casekit.services.documents import list_documents

        self.deliver(self.DocumentsLoaded(list_documents(self.svc, number)))

    def on_documents_pane_documents_loaded(self, message: DocumentsLoaded) -> None:
        self.show_documents(message.documents)

    def action_document_open(self) -> None:
        doc = self.selected()
        if doc is None:
            self.notify("No document yet: press g to generate one.", severity="warning")
            return
        self._open_document(doc)

    def _open_document(self, doc: DocumentOut) -> None:
        if doc.status == "missing":
            self.notify("That file is missing from the files folder.", severity="error")
            return
        if doc.status == "modified":
            self.notify(
                "That file changed since casekit generated it (its SHA-256 differs).",
                severity="warning",
            )
        self.open_document(doc)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-open")
    def open_document(self, doc: DocumentOut) -> None:
        opener.open_file(Path(doc.path))
        self.app.call_from_thread(self.notify, f"Opened {doc.template} ({doc.language})")
