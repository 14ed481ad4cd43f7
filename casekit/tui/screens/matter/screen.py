"""The matter workspace: one matter in tabs (overview, timeline, parties, evidence, deadlines,
documents, notes, history, records), each a pane of this package with its own keys.

Reads come from :func:`casekit.services.views.matter_detail` in a worker; every edit is one
service call in a worker of its tab, carrying the ``version`` the row had when it was shown, so a
change someone else saved first comes back as a ``ConflictError`` and the reload prompt.

An edit that changes a deadline trigger (a custody event, the incident's date, a defendant) comes
back with its recompute preview, shown in the same dialog as "recompute": nothing moves until the
attorney accepts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Label, TabbedContent

from casekit.services import casefile as views
from casekit.tui.bindings import tab_bindings
from casekit.tui.screens.generate import GenerateModal
from casekit.tui.screens.matter.deadlines import STALE, DeadlinesPane
from casekit.tui.screens.matter.documents import DocumentsPane
from casekit.tui.screens.matter.evidence import EvidencePane
from casekit.tui.screens.matter.history import HistoryPane
from casekit.tui.screens.matter.notes import NotesPane
from casekit.tui.screens.matter.overview import OverviewPane
from casekit.tui.screens.matter.pane import Loaded, MatterPane, Saved
from casekit.tui.screens.matter.parties import PartiesPane
from casekit.tui.screens.matter.records import RecordsPane
from casekit.tui.screens.matter.timeline import TimelinePane
from casekit.tui.screens.matter_edit import ProcessModal
from casekit.tui.screens.panes import TabbedScreen
from casekit.tui.widgets.format import label

if TYPE_CHECKING:
    from casekit.tui.screens.matter_edit import ProcessInput

#: The tabs in order (keys 1-9).
PANES: tuple[type[MatterPane], ...] = (
    OverviewPane,
    TimelinePane,
    PartiesPane,
    EvidencePane,
    DeadlinesPane,
    DocumentsPane,
    NotesPane,
    HistoryPane,
    RecordsPane,
)


class MatterScreen(TabbedScreen):
    """One matter, every aspect a tab away (keys 1-9); each tab's keys work on that tab."""

    CSS_PATH = "matter.tcss"
    AUTO_FOCUS = "#overview"
    BINDINGS = [
        Binding(
            "g",
            "generate",
            "Generate",
            id="generate-document",
            tooltip="Generate a document for this matter, with a preview of its values.",
        ),
        Binding("i", "add_note", "New note", id="note-add", tooltip="Write a note."),
        # Fees and resolution (issue 18): casekit.tui.screens.fees. Kept out of the footer so it
        # still shows search and help at 80 columns; listed in help (?) and the palette.
        Binding(
            "f",
            "fees",
            "Fees",
            id="matter-fees",
            tooltip="Time, costs, offers and judgments; the fee petition.",
            show=False,
        ),
        Binding(
            "T",
            "timer",
            "Timer",
            id="matter-timer",
            tooltip="Start or stop the timer.",
            show=False,
        ),
        Binding(
            "p",
            "process",
            "Process",
            id="matter-process",
            show=False,
            tooltip="Service of process: date of process, return date, marshal delivery.",
        ),
        Binding(
            "f5",
            "refresh",
            "Refresh",
            id="matter-refresh",
            show=False,
            tooltip="Read the matter again.",
        ),
        *tab_bindings(((pane.TAB, pane.TITLE) for pane in PANES), "matter-tab-{key}"),
    ]

    def __init__(self, matter_id: int, *, deadline_id: int | None = None) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.detail: views.MatterDetail | None = None
        #: Open on this deadline (Deadlines tab, its row highlighted) once loaded.
        self.focus_deadline = deadline_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading the matter…", id="matter-title")
        with TabbedContent(id="matter-tabs"):
            for pane in PANES:
                yield pane()
        yield Footer()

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-load")
    def load(self) -> None:
        self.deliver(Loaded(views.matter_detail(self.svc, self.matter_id)))

    def on_loaded(self, message: Loaded) -> None:
        d = self.detail = message.detail
        self.sub_title = f"{d.number} · {d.client}"
        title = Text(f"{d.number} · {d.client} · {label(d.status)} · {d.attorney or 'no attorney'}")
        if d.marker is not None:
            title.append("  DEADLINES OUT OF DATE", style=STALE)
        self.query_one("#matter-title", Label).update(title)
        for pane in self.query(MatterPane):
            pane.show(d)
        if self.focus_deadline is not None:
            self.show_deadline(self.focus_deadline)

    def show_deadline(self, deadline_id: int) -> None:
        """The Deadlines tab with that deadline highlighted (a dashboard row opened it)."""
        self.query_one(TabbedContent).active = DeadlinesPane.TAB
        if self.query_one(DeadlinesPane).highlight(deadline_id):
            self.focus_deadline = None

    # --- after a save ------------------------------------------------------------------------

    def on_saved(self, message: Saved) -> None:
        if message.note:
            self.query_one(NotesPane).box.value = ""
        self.casekit.note_change()
        if message.warn:  # a channel no longer safe: shown prominently
            self.notify(message.text, severity="warning", timeout=12)
        else:
            self.notify(message.text)
        self.load()
        if message.diff is not None and message.diff.has_changes:
            self.query_one(DeadlinesPane).review(message.diff)

    # --- notes -------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """A half-typed note is unsaved input (Escape asks before discarding it)."""
        try:
            return bool(self.query_one(NotesPane).box.value.strip())
        except Exception:  # noqa: BLE001 - before compose
            return False

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if not value and self.is_mounted:
            self.query_one(NotesPane).box.value = ""

    def action_add_note(self) -> None:
        self.query_one(TabbedContent).active = NotesPane.TAB
        self.query_one(NotesPane).write()

    # --- the keys of every tab ---------------------------------------------------------------

    def action_generate(self) -> None:
        if self.detail is None:
            return

        def done(path: str | None) -> None:
            if path:
                self.casekit.note_change()
                self.load()

        self.app.push_screen(GenerateModal(self.matter_id, self.detail.number), done)

    def action_process(self) -> None:
        from casekit.services.deadlines.process import recorded

        def chosen(value: ProcessInput | None) -> None:
            if value is not None:
                self.record_process(value)

        self.app.push_screen(ProcessModal(recorded(self.svc, self.matter_id)), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def record_process(self, value: ProcessInput) -> None:
        from casekit.services.deadlines.process import record_process

        out = record_process(
            self.svc,
            self.matter_id,
            process_date=value.process_date,
            return_date=value.return_date,
            marshal_delivery=value.marshal_delivery,
            apply=True,
        )
        planned = len(out.recompute.changes)
        self.deliver(Saved(f"Service of process recorded; {planned} deadline change(s)"))

    def action_fees(self) -> None:
        self.casekit.open_fees(self.matter_id)

    def action_timer(self) -> None:
        from casekit.tui.screens.fees import open_timer

        open_timer(self, self.matter_id)
