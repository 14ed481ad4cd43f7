"""The Notes tab of a matter: the notes, newest first, and a box to write one (Enter saves)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Static

from casekit.services import casefile as views
from casekit.services.casefile import notes
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.widgets.format import moment


class NotesPane(MatterPane):
    """The notes and the new-note box (a half-typed note is unsaved input)."""

    TAB = "notes"
    TITLE = "Notes"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(
                placeholder="New note: type and press Enter to save", id="matter-note-input"
            )
            with VerticalScroll():
                yield Static(id="matter-notes")

    def show(self, detail: views.MatterDetail) -> None:
        notes = Text()
        for note in detail.notes:
            notes.append(f"{moment(note.created_at)} · {note.author}\n", style="bold")
            notes.append(note.body + "\n\n")
        self.query_one("#matter-notes", Static).update(notes or Text("No notes yet."))

    @property
    def box(self) -> Input:
        return self.query_one("#matter-note-input", Input)

    def write(self) -> None:
        """Put the cursor in the new-note box."""
        self.box.focus()

    @on(Input.Submitted, "#matter-note-input")
    def _note_submitted(self, event: Input.Submitted) -> None:
        body = event.value.strip()
        if not body:
            self.notify("Write the note first.", severity="warning")
            return
        self.save_note(body)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_note(self, body: str) -> None:
        notes.add_note(self.svc, self.matter_id, body)
        self.deliver(Saved("Note saved", note=True))
