"""The Deadlines tab of a matter: days left or late at a glance, the out-of-date marker, the
selected deadline's trail, and the deadline actions in thread workers: done, waive, reopen (a
deadline done by mistake), add by hand, recompute (review the differences before accepting),
keep the deadlines as they are after an incident change (with a reason).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from casekit.services import casefile as views
from casekit.tui.screens.deadline_edit import ManualDeadlineModal, ReasonModal
from casekit.tui.screens.matter.pane import Loaded, MatterPane, Saved
from casekit.tui.screens.recompute import RecomputeModal
from casekit.tui.widgets.format import day, days_left, label

if TYPE_CHECKING:
    from casekit.services.deadlines import RecomputeDiff
    from casekit.services.deadlines.markers import MarkerView
    from casekit.tui.screens.deadline_edit import ManualDeadline

COLUMNS = ("Due", "Safe by", "Left", "Status", "", "Deadline")
KEYS: list[BindingType] = [
    Binding(
        "x",
        "deadline_done",
        "Done",
        id="deadline-done",
        tooltip="Mark the selected deadline done (with a reason); the day is recorded.",
    ),
    Binding(
        "w",
        "deadline_waive",
        "Waive",
        id="deadline-waive",
        tooltip="Waive the selected deadline (with a reason).",
    ),
    Binding(
        "o",
        "deadline_reopen",
        "Reopen",
        id="deadline-reopen",
        tooltip="Open a done or waived deadline again (done by mistake); audited.",
        show=False,  # in help and the palette; the footer keeps room at 80 columns
    ),
    Binding("a", "deadline_add", "Add", id="deadline-add", tooltip="Add a manual deadline."),
    Binding(
        "u",
        "recompute",
        "Recompute",
        id="deadline-recompute",
        tooltip="Recompute the deadlines; review the differences before accepting.",
    ),
    Binding(
        "k",
        "deadline_keep",
        "Keep",
        id="deadline-keep",
        tooltip="Keep the deadlines as they are after the incident changed (with a reason).",
        show=False,  # the out-of-date banner names it
    ),
]
OVERDUE = "bold red"
STALE = "bold magenta"


def left_cell(row: views.DeadlineRow, today: Any) -> Text:
    """Days left or late to the safe target for an open deadline; the day it was done."""
    if row.status == "open":
        return days_left((row.safe_target - today).days)
    if row.status == "done":
        return Text(f"done {day(row.completed_on)}" if row.completed_on else "done", style="dim")
    return Text("—", style="dim")


def row_cells(row: views.DeadlineRow, today: Any) -> tuple[Any, ...]:
    """One table row; an overdue open deadline reads red from end to end."""
    overdue = row.status == "open" and row.safe_target < today
    style = OVERDUE if overdue else ("dim" if row.status != "open" else "")
    marker = Text()
    if row.out_of_date:
        marker.append("OUT OF DATE ", style=STALE)
    if row.verify:
        marker.append("verify", style="bold yellow")
    return (
        Text(day(row.due), style=style),
        Text(day(row.safe_target), style=style),
        left_cell(row, today),
        Text(label(row.status), style=style),
        marker,
        Text(row.title, style=style),
    )


def marker_text(marker: MarkerView | None) -> Text:
    """The banner over the table while the deadlines are out of date."""
    if marker is None:
        return Text("")
    text = Text(marker.text.capitalize(), style=STALE)
    text.append(" · u: review the recompute · k: keep them, with a reason")
    return text


def detail_text(row: views.DeadlineRow | None, today: Any) -> Text:
    text = Text()
    if row is None:
        text.append("No deadline yet. Press a to add one, u to compute them.")
        return text
    text.append(f"{row.title}\n", style="bold")
    text.append(f"Due {day(row.due)} · act by {day(row.safe_target)} · {row.status}")
    if row.status == "open":
        text.append(" · ")
        text.append_text(days_left((row.safe_target - today).days))
    if row.status == "done" and row.completed_on:
        text.append(f" on {day(row.completed_on)}")
    if row.status_reason:
        text.append(f" ({row.status_reason})")
    text.append("\n")
    if row.out_of_date:
        text.append(row.out_of_date.capitalize() + "\n", style=STALE)
    text.append(f"Citation: {row.citation or '—'} · confidence {row.confidence or '—'}")
    if row.verify:
        text.append("  verify", style="bold yellow")
    if row.manual:
        text.append("  manual", style="bold")
    if row.overridden:
        text.append("  firm override", style="bold")
    text.append("\n")
    if row.trigger_event:
        text.append(f"Trigger: {label(row.trigger_event)} {day(row.trigger_date)}\n")
    for step in row.trail:
        text.append(f" • {step}\n", style="dim")
    return text


class DeadlinesPane(MatterPane):
    """The table of a matter's deadlines, a banner while they are out of date, the detail of
    the selected one; the deadline actions."""

    TAB = "deadlines"
    TITLE = "Deadlines"
    BINDINGS = KEYS

    def compose(self) -> ComposeResult:
        with Vertical(id="deadlines-pane"):
            yield Static(id="matter-deadlines-marker")
            yield DataTable(id="matter-deadlines", cursor_type="row", zebra_stripes=True)
            yield Static(id="matter-deadline-detail")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)
        self.query_one("#matter-deadlines-marker", Static).display = False

    def show(self, detail: views.MatterDetail) -> None:
        banner = self.query_one("#matter-deadlines-marker", Static)
        banner.display = detail.marker is not None
        banner.update(marker_text(detail.marker))
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in detail.deadlines:
            table.add_row(*row_cells(row, detail.today), key=str(row.id))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_selected()

    def highlight(self, deadline_id: int) -> bool:
        """Put the cursor on a deadline (a dashboard row opened the matter on it)."""
        if self.detail is None:
            return False
        for n, row in enumerate(self.detail.deadlines):
            if row.id == deadline_id:
                table = self.query_one(DataTable)
                table.move_cursor(row=n)
                table.focus()
                self._show_selected()
                return True
        return False

    def selected(self) -> views.DeadlineRow | None:
        if self.detail is None or not self.detail.deadlines:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.detail.deadlines[row] if 0 <= row < len(self.detail.deadlines) else None

    def _show_selected(self) -> None:
        today = self.detail.today if self.detail else None
        self.query_one("#matter-deadline-detail", Static).update(
            detail_text(self.selected(), today)
        )

    @on(DataTable.RowHighlighted, "#matter-deadlines")
    def _highlighted(self) -> None:
        self._show_selected()

    # --- the actions -------------------------------------------------------------------------

    def _open_selected(self) -> views.DeadlineRow | None:
        row = self.selected()
        if row is None:
            self.notify("Select a deadline first.", severity="warning")
        return row

    def action_deadline_done(self) -> None:
        self._deadline_status("done")

    def action_deadline_waive(self) -> None:
        self._deadline_status("waived")

    def action_deadline_reopen(self) -> None:
        row = self._open_selected()
        if row is None:
            return
        if row.status not in ("done", "waived"):
            why = "superseded: recompute the matter" if row.status == "superseded" else "open"
            self.notify(f"That deadline is {why}.", severity="warning")
            return

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.set_deadline_status(row, "open", reason)

        self.app.push_screen(
            ReasonModal(f"Open “{row.title}” again (it was {row.status})", required=True), chosen
        )

    def _deadline_status(self, status: str) -> None:
        row = self._open_selected()
        if row is None:
            return
        if row.status != "open":
            self.notify(f"That deadline is already {row.status}.", severity="warning")
            return
        verb = "done" if status == "done" else "waived"

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.set_deadline_status(row, status, reason)

        self.app.push_screen(
            ReasonModal(f"Mark “{row.title}” {verb}", required=status == "waived"), chosen
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def set_deadline_status(self, row: views.DeadlineRow, status: str, reason: str) -> None:
        from casekit.services import deadlines

        out = deadlines.set_status(
            self.svc, row.id, status=status, reason=reason, version=row.version
        )
        said = {"open": "open again", "done": f"done on {day(out.completed_on)}"}
        self.deliver(Saved(f"“{row.title}” {said.get(status, 'marked ' + status)}"))

    def action_deadline_add(self) -> None:
        def chosen(value: ManualDeadline | None) -> None:
            if value is not None:
                self.add_deadline(value)

        self.app.push_screen(ManualDeadlineModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_deadline(self, value: ManualDeadline) -> None:
        from casekit.services import deadlines

        deadlines.add_manual(
            self.svc,
            self.matter_id,
            title=value.title,
            due=value.due,
            citation=value.citation,
            note=value.note,
        )
        self.deliver(Saved(f"Deadline “{value.title}” added"))

    def action_deadline_keep(self) -> None:
        marker = self.detail.marker if self.detail is not None else None
        if marker is None:
            self.notify("The deadlines are up to date: nothing to keep.", severity="warning")
            return

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.keep_deadlines(reason, marker.version)

        self.app.push_screen(
            ReasonModal(f"Keep the deadlines as they are ({marker.cause}): why?", required=True),
            chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def keep_deadlines(self, reason: str, version: int) -> None:
        from casekit.services.deadlines import markers

        markers.keep(self.svc, self.matter_id, reason, version=version)
        self.deliver(Saved("Deadlines kept as they are; no longer marked out of date"))

    def action_recompute(self) -> None:
        self.compute_diff()

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def compute_diff(self) -> None:
        from casekit.services import deadlines

        diff = deadlines.recompute_preview(self.svc, self.matter_id)
        self.app.call_from_thread(self.review, diff)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def apply_diff(self, diff: RecomputeDiff) -> None:
        from casekit.services import deadlines

        deadlines.recompute_apply(self.svc, self.matter_id, diff)
        self.deliver(Saved("The recomputed deadlines were accepted"))

    def review(self, diff: RecomputeDiff) -> None:
        """Show a recompute for the attorney to accept or reject (nothing moves before)."""

        if not getattr(diff, "has_changes", True) or not getattr(diff, "changes", diff):
            self.notify("Recomputed: no deadline moves.")
            return

        def answer(accept: bool | None) -> None:
            if accept:
                self.apply_diff(diff)
                return
            self.reject_diff()

        self.app.push_screen(RecomputeModal(diff), answer)

    # Its own group: the screen's reload on resume (group "matter-load") would cancel it.
    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-reject")
    def reject_diff(self) -> None:
        """Nothing moves; the matter is read again and the notice says whether its deadlines
        are now out of date (after an incident change) until accepted or kept."""
        detail = views.matter_detail(self.svc, self.matter_id)
        if detail.marker is not None:
            text = (
                f"Recompute rejected: nothing moved. The deadlines are {detail.marker.text} "
                "until you accept the recompute (u) or keep them with a reason (k)."
            )
            self.app.call_from_thread(self.notify, text, severity="warning")
        else:
            self.app.call_from_thread(self.notify, "Recompute rejected: nothing changed.")
        self.deliver(Loaded(detail))
