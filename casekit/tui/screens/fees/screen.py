"""The fees screen: time, costs, the resolution log and the petition totals of one matter.

Opened from the matter workspace (``f``) or from an offer on the dashboard. Reads come from
:func:`casekit.services.fees.workspace.fees_workspace` in a worker; every edit is one service
call in a worker (:mod:`.writes`). Entries a fee petition includes show as locked (``L``): ``e``
and ``delete`` refuse them with the reason, ``c`` records a correction instead. ``T`` starts or
stops the timer, which the title bar shows on every screen while it runs.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static, TabbedContent, TabPane

from casekit.domain import fees
from casekit.services import deadlines
from casekit.services.fees.workspace import fees_workspace
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.fees import writes
from casekit.tui.screens.fees.cost import CostModal
from casekit.tui.screens.fees.keys import FEES_BINDINGS
from casekit.tui.screens.fees.petition import ChoiceModal, PetitionModal
from casekit.tui.screens.fees.resolution import ResolutionModal
from casekit.tui.screens.fees.rows import (
    COLUMNS,
    cost_rows,
    entry_detail,
    entry_rows,
    event_rows,
    hours_line,
    totals,
)
from casekit.tui.screens.fees.time_entry import TimeEntryInput, TimeEntryModal
from casekit.tui.screens.fees.timer import open_timer
from casekit.tui.screens.recompute import RecomputeModal
from casekit.tui.widgets.format import day, label
from casekit.tui.widgets.tables import fill

__all__ = ["FeesScreen"]

TAB_ACTIONS = {
    "edit": "fees-time",
    "correct": "fees-time",
    "offer_status": "fees-resolution",
}


class FeesScreen(CasekitScreen):
    """Time, costs, resolution and totals of one matter (keys 1-4 switch tabs)."""

    CSS_PATH = "fees.tcss"
    BINDINGS = FEES_BINDINGS

    class Loaded(Message):
        def __init__(self, workspace: Any) -> None:
            super().__init__()
            self.workspace = workspace

    class Saved(Message):
        def __init__(self, text: str, diff: Any = None) -> None:
            super().__init__()
            self.text = text
            self.diff = diff

    def __init__(self, matter_id: int, *, tab: str = "fees-time") -> None:
        super().__init__()
        self.matter_id = matter_id
        self.initial_tab = tab
        self.workspace: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading…", id="fees-title")
        yield Static("", id="fees-summary")
        with TabbedContent(id="fees-tabs"):
            with TabPane("Time", id="fees-time"), Vertical():
                yield DataTable(id="fees-entries", cursor_type="row", zebra_stripes=True)
                yield Static(id="fees-entry-detail")
            with TabPane("Costs", id="fees-costs"):
                yield DataTable(id="fees-cost-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Resolution", id="fees-resolution"):
                yield DataTable(id="fees-events", cursor_type="row", zebra_stripes=True)
            with TabPane("Totals", id="fees-totals"), VerticalScroll():
                yield Static(id="fees-totals-text")
        yield Footer()

    def on_mount(self) -> None:
        for selector, names in COLUMNS.items():
            self.query_one(selector, DataTable).add_columns(*names)
        self.query_one(TabbedContent).active = self.initial_tab

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    action_refresh = reload

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-load")
    def load(self) -> None:
        self.deliver(self.Loaded(fees_workspace(self.svc, self.matter_id)))

    def on_fees_screen_loaded(self, message: Loaded) -> None:
        ws = self.workspace = message.workspace
        self.sub_title = f"{ws.number} · fees and resolution"
        state = label(ws.status) + (f" ({ws.outcome})" if ws.outcome else "")
        self.query_one("#fees-title", Label).update(
            f"{ws.number} · {ws.client} · {state} · fees and resolution"
        )
        summary = Text(hours_line(ws))
        for timer in ws.timers:
            summary.append(f"\nTimer running: {timer.timekeeper} ({timer.started_by})",
                           style="bold yellow")  # fmt: skip
        self.query_one("#fees-summary", Static).update(summary)
        fill(self.query_one("#fees-entries", DataTable), entry_rows(ws))
        fill(self.query_one("#fees-cost-table", DataTable), cost_rows(ws))
        fill(self.query_one("#fees-events", DataTable), event_rows(ws))
        self.query_one("#fees-totals-text", Static).update(totals(ws))
        self._show_entry()

    @on(DataTable.RowHighlighted, "#fees-entries")
    def _show_entry(self) -> None:
        """The highlighted entry in full under the table (the description is cut at 80 columns)."""
        entry = self._selected("#fees-entries", self.workspace.entries if self.workspace else ())
        self.query_one("#fees-entry-detail", Static).update(entry_detail(entry))

    def _selected(self, selector: str, items: tuple[Any, ...]) -> Any:
        if not items:
            return None
        row = self.query_one(selector, DataTable).cursor_row
        return items[row] if 0 <= row < len(items) else None

    def _tab(self) -> str:
        return str(self.query_one(TabbedContent).active)

    # --- time entries ------------------------------------------------------------------------

    def _entry_modal(self, title: str, initial: Any = None, *, correction: bool = False,
                     note: str = "") -> Any:  # fmt: skip
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

    def action_add(self) -> None:
        if self.workspace is None:
            return
        tab = self._tab()
        if tab == "fees-costs":
            self.app.push_screen(CostModal(today=self.svc.today()), self._cost_chosen)
        elif tab == "fees-resolution":
            self.app.push_screen(ResolutionModal(today=self.svc.today()), self._event_chosen)
        else:
            default = None
            if self.workspace.attorney:
                default = TimeEntryInput(self.workspace.attorney, self.svc.today(), "", "", "", "")
            self.app.push_screen(
                self._entry_modal(f"Add time on {self.workspace.number}", default),
                self._entry_chosen,
            )

    def _entry_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_entry(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_entry(self, value: Any) -> None:
        self.deliver(self.Saved(*writes.add_entry(self.svc, self.matter_id, value)))

    def _pick_entry(self, *, locked: bool) -> Any:
        """The highlighted time entry, if an edit (or, ``locked``, a correction) may change it."""
        entry = self._selected("#fees-entries", self.workspace.entries if self.workspace else ())
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
        self.deliver(self.Saved(*writes.edit_entry(self.svc, entry, value)))

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
        self.deliver(self.Saved(*writes.correct_entry(self.svc, entry, value)))

    def action_remove(self) -> None:
        if self.workspace is None:
            return
        tab = self._tab()
        if tab == "fees-costs":
            row = self._selected("#fees-cost-table", self.workspace.costs)
            what = "cost"
        elif tab == "fees-resolution":
            row = self._selected("#fees-events", self.workspace.resolution)
            what = row.kind if row is not None else "entry"
        else:
            row = self._selected("#fees-entries", self.workspace.entries)
            what = "time entry"
        if row is None:
            self.notify("Select a row first.", severity="warning")
            return
        if getattr(row, "locked", False):
            self.notify(f"That {what} is locked by a fee petition.", severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.remove_row(tab, row)

        self.app.push_screen(
            ConfirmModal(f"Remove this {what}? The audit log keeps it.", yes="Remove", no="Keep"),
            answer,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def remove_row(self, tab: str, row: Any) -> None:
        self.deliver(self.Saved(*writes.remove_row(self.svc, tab, row)))

    # --- costs and resolution ----------------------------------------------------------------

    def _cost_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_cost(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_cost(self, value: Any) -> None:
        self.deliver(self.Saved(*writes.add_cost(self.svc, self.matter_id, value)))

    def _event_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_event(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_event(self, value: Any) -> None:
        self.deliver(self.Saved(*writes.add_event(self.svc, self.matter_id, value)))

    def action_offer_status(self) -> None:
        row = self._selected("#fees-events", self.workspace.resolution if self.workspace else ())
        if row is None or row.kind not in ("demand", "offer"):
            self.notify("Select a demand or an offer.", severity="warning")
            return

        def chosen(status: str | None) -> None:
            if status is not None:
                self.set_offer_status(row, status)

        self.app.push_screen(
            ChoiceModal(f"The {row.kind} of {day(row.dated)} is now…",
                        [(s.capitalize(), s) for s in fees.OFFER_STATUSES]),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def set_offer_status(self, row: Any, status: str) -> None:
        self.deliver(self.Saved(*writes.set_offer_status(self.svc, row, status)))

    def action_close_matter(self) -> None:
        if self.workspace is None:
            return
        version = self.workspace.version

        def chosen(outcome: str | None) -> None:
            if outcome is not None:
                self.close_matter(outcome, version)

        self.app.push_screen(
            ChoiceModal(f"Close {self.workspace.number} with its outcome",
                        [(o.capitalize(), o) for o in fees.OUTCOMES], save="Close"),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def close_matter(self, outcome: str, version: int) -> None:
        self.deliver(self.Saved(*writes.close_matter(self.svc, self.matter_id, outcome, version)))

    # --- timer and petition ------------------------------------------------------------------

    def action_timer(self) -> None:
        open_timer(self, self.matter_id)

    def action_petition(self) -> None:
        if self.workspace is None:
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.issue(value)

        self.app.push_screen(
            PetitionModal(today=self.svc.today(), summary=hours_line(self.workspace)), chosen
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def issue(self, value: Any) -> None:
        self.deliver(self.Saved(*writes.issue(self.svc, self.matter_id, value)))

    # --- after a save ------------------------------------------------------------------------

    def on_fees_screen_saved(self, message: Saved) -> None:
        self.casekit.note_change()
        self.notify(message.text)
        self.load()
        diff = message.diff
        if diff is not None and diff.has_changes:

            def answer(accept: bool | None) -> None:
                if accept:
                    self.apply_diff(diff)
                else:
                    self.notify("Recompute rejected: nothing changed.")

            self.app.push_screen(RecomputeModal(diff), answer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def apply_diff(self, diff: Any) -> None:
        deadlines.recompute_apply(self.svc, self.matter_id, diff)
        self.deliver(self.Saved("The recomputed deadlines were accepted"))

    # --- tabs and bindings -------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        tab = TAB_ACTIONS.get(action)
        if tab is None or not self.is_mounted:
            return True
        try:
            return self._tab() == tab
        except Exception:  # noqa: BLE001 - before compose finishes
            return True
