"""The Time tab of the fees screen: the time entries, the highlighted one in full under the table.

``a`` adds an entry, ``e`` edits the selected one and ``delete`` removes it, unless a fee petition
includes it (``L``): then ``c`` records a correction instead (a reversal and a replacement).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from casekit.tui.screens.fees import writes
from casekit.tui.screens.fees.keys import TIME_KEYS
from casekit.tui.screens.fees.pane import FeesPane
from casekit.tui.screens.fees.rows import entry_detail, entry_rows
from casekit.tui.screens.fees.time_entry import TimeEntryInput, TimeEntryModal
from casekit.tui.widgets.tables import fill


class TimePane(FeesPane):
    """The table of time entries and the detail of the highlighted one."""

    TAB = "fees-time"
    TITLE = "Time"
    BINDINGS = TIME_KEYS

    def compose(self) -> ComposeResult:
        with Vertical():
            yield DataTable(id="fees-entries", cursor_type="row", zebra_stripes=True)
            yield Static(id="fees-entry-detail")

    def show(self, workspace: Any) -> None:
        fill(self.query_one("#fees-entries", DataTable), entry_rows(workspace))
        self._show_entry()

    @on(DataTable.RowHighlighted, "#fees-entries")
    def _show_entry(self) -> None:
        """The highlighted entry in full under the table (the description is cut at 80 columns)."""
        entry = self.selected("#fees-entries", self.workspace.entries if self.workspace else ())
        self.query_one("#fees-entry-detail", Static).update(entry_detail(entry))

    def _entry_modal(self, title: str, initial: Any = None, *, correction: bool = False,
                     note: str = "") -> TimeEntryModal:  # fmt: skip
        ws = self.workspace
        return TimeEntryModal(
            title=title,
            timekeepers=[t.name for t in ws.timekeepers],
            claims=ws.claims,
            today=self.svc.today(),
            initial=initial,
            correction=correction,
            note=note,
        )

    def add_row(self) -> None:
        ws = self.workspace
        default = None
        if ws.attorney:
            default = TimeEntryInput(ws.attorney, self.svc.today(), "", "", "", "")

        def chosen(value: Any) -> None:
            if value is not None:
                self.add_entry(value)

        self.app.push_screen(self._entry_modal(f"Add time on {ws.number}", default), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_entry(self, value: Any) -> None:
        self.saved(writes.add_entry(self.svc, self.matter_id, value))

    def _pick_entry(self, *, locked: bool) -> Any:
        """The highlighted time entry, if an edit (or, ``locked``, a correction) may change it."""
        entry = self.selected("#fees-entries", self.workspace.entries if self.workspace else ())
        if entry is None:
            self.notify("Select a time entry first.", severity="warning")
        elif not locked and entry.locked:
            self.notify(
                "That entry is locked by a fee petition: press c to record a correction.",
                severity="warning",
            )
        elif locked and (not entry.locked or entry.tenths < 0):
            self.notify(
                "Only an entry a fee petition includes is corrected; edit this one (e).",
                severity="warning",
            )
        else:
            return entry
        return None

    def action_edit(self) -> None:
        entry = self._pick_entry(locked=False)
        if entry is None:
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.edit_entry(entry, value)

        modal = self._entry_modal("Edit the time entry", TimeEntryInput.from_entry(entry))
        self.app.push_screen(modal, chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def edit_entry(self, entry: Any, value: Any) -> None:
        self.saved(writes.edit_entry(self.svc, entry, value))

    def action_correct(self) -> None:
        entry = self._pick_entry(locked=True)
        if entry is None:
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.correct_entry(entry, value)

        note = (
            "The original stays as it was. A reversal cancels it and a replacement carries "
            "the values below; both are new, visible entries."
        )
        initial = TimeEntryInput.from_entry(entry)
        modal = self._entry_modal("Correct a locked entry", initial, correction=True, note=note)
        self.app.push_screen(modal, chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def correct_entry(self, entry: Any, value: Any) -> None:
        self.saved(writes.correct_entry(self.svc, entry, value))

    def remove_selected(self) -> None:
        self.confirm_remove(self.selected("#fees-entries", self.workspace.entries), "time entry")
