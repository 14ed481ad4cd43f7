"""The fees screen: time, costs, the resolution log and the petition totals of one matter.

Opened from the matter workspace (``f``) or from an offer on the dashboard. Each tab is a pane of
this package (:mod:`.time_tab`, :mod:`.costs_tab`, :mod:`.resolution_tab`, :mod:`.totals_tab`)
carrying the keys of that tab; the screen keeps the keys of every tab (:mod:`.keys`). Reads come
from :func:`casekit.services.fees.workspace.fees_workspace` in a worker; every edit is one service
call in a worker (:mod:`.writes`). Entries a fee petition includes show as locked (``L``): ``e``
and ``delete`` refuse them with the reason, ``c`` records a correction instead. ``T`` starts or
stops the timer, which the title bar shows on every screen while it runs.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.widgets import DataTable, Footer, Header, Label, Static, TabbedContent

from casekit.domain import fees
from casekit.services import deadlines
from casekit.services.fees.workspace import fees_workspace
from casekit.tui.screens.base import FOOTER_FIRST
from casekit.tui.screens.fees import writes
from casekit.tui.screens.fees.costs_tab import CostsPane
from casekit.tui.screens.fees.keys import FEES_BINDINGS, FOOTER_ORDER
from casekit.tui.screens.fees.pane import FeesPane, Loaded, Saved
from casekit.tui.screens.fees.petition import ChoiceModal, PetitionModal
from casekit.tui.screens.fees.resolution_tab import ResolutionPane
from casekit.tui.screens.fees.rows import COLUMNS, hours_line
from casekit.tui.screens.fees.time_tab import TimePane
from casekit.tui.screens.fees.timer import open_timer
from casekit.tui.screens.fees.totals_tab import TotalsPane
from casekit.tui.screens.panes import TabbedScreen
from casekit.tui.screens.recompute import RecomputeModal
from casekit.tui.widgets.format import label

__all__ = ["FeesScreen"]

#: The tabs in order (keys 1-4).
PANES: tuple[type[FeesPane], ...] = (TimePane, CostsPane, ResolutionPane, TotalsPane)


class FeesScreen(TabbedScreen):
    """Time, costs, resolution and totals of one matter (keys 1-4 switch tabs); each tab's keys
    work on that tab."""

    CSS_PATH = "fees.tcss"
    BINDINGS = FEES_BINDINGS
    AUTO_FOCUS = None  # the tab shown first takes the focus (on_mount)

    def __init__(self, matter_id: int, *, tab: str = TimePane.TAB) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.initial_tab = tab
        self.workspace: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading…", id="fees-title")
        yield Static("", id="fees-summary")
        with TabbedContent(id="fees-tabs", initial=self.initial_tab):
            for pane in PANES:
                yield pane()
        yield Footer()

    def on_mount(self) -> None:
        for selector, names in COLUMNS.items():
            self.query_one(selector, DataTable).add_columns(*names)
        self.pane.focus()

    @property
    def pane(self) -> FeesPane:
        """The tab on view."""
        return self.query_one(f"#{self.query_one(TabbedContent).active}", FeesPane)

    @property
    def time_pane(self) -> TimePane:
        return self.query_one(TimePane)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Help and quit, then the fees keys in the order of ``FOOTER_ORDER`` (a tab's own keys
        among the screen's, as one list), then the app's."""
        rank = {binding_id: n for n, binding_id in enumerate(FOOTER_ORDER)}

        def place(item: tuple[str, ActiveBinding]) -> int:
            binding = item[1].binding
            if binding.action in FOOTER_FIRST:
                return -1
            return rank.get(binding.id or "", len(rank))

        return dict(sorted(super().active_bindings.items(), key=place))

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    action_refresh = reload

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-load")
    def load(self) -> None:
        self.deliver(Loaded(fees_workspace(self.svc, self.matter_id)))

    def on_loaded(self, message: Loaded) -> None:
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
        for pane in self.query(FeesPane):
            pane.show(ws)

    # --- the keys of every tab ---------------------------------------------------------------

    def action_add(self) -> None:
        if self.workspace is not None:
            self.pane.add_row()

    def action_remove(self) -> None:
        if self.workspace is not None:
            self.pane.remove_selected()

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
        self.deliver(Saved(*writes.close_matter(self.svc, self.matter_id, outcome, version)))

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
        self.deliver(Saved(*writes.issue(self.svc, self.matter_id, value)))

    # --- after a save ------------------------------------------------------------------------

    def on_saved(self, message: Saved) -> None:
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
        self.deliver(Saved("The recomputed deadlines were accepted"))
