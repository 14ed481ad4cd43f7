"""The dashboard (first screen): the agenda, counts at a glance, matters nothing reminds about."""

from __future__ import annotations

from concurrent.futures import Future

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Footer, Header, Label, Static

from casekit.services import dashboard as views
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.agenda import AgendaTable
from casekit.tui.widgets.matter_table import MatterTable
from casekit.tui.widgets.offers import OfferTable


def counts_line(data: views.Dashboard) -> str:
    """One line at 80 columns for an ordinary office (it wraps when the counts are huge)."""
    c = data.counts
    return (
        f"{data.today.isoformat()} · {c.open_matters:,} open · "
        f"{views.capped(c.overdue)} overdue · {views.capped(c.due_this_week)} this week · "
        f"{views.capped(c.unverified)} to verify · "
        f"{views.capped(c.no_deadline)} no deadline"
        + (f" · NO ATTORNEY {views.capped(c.unassigned)}" if c.unassigned else "")
        + (f" · OUT OF DATE {c.out_of_date}" if c.out_of_date else "")
    )


class DashboardScreen(CasekitScreen):
    """What needs doing, most urgent first."""

    # dashboard.tcss is loaded by the App (see CasekitApp.CSS_PATH).
    BINDINGS = [
        Binding(
            "f5", "refresh", "Refresh", id="dashboard-refresh", tooltip="Read the agenda again."
        ),
        Binding("tab", "app.focus_next", "Next table", show=False, id="dashboard-next"),
    ]

    class Loaded(Message):
        def __init__(self, data: views.Dashboard) -> None:
            super().__init__()
            self.data = data

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the agenda…", id="dashboard-counts")
        with Vertical(id="dashboard-body"):
            yield Label(
                "Agenda: open deadlines by safe target (the day to act by)",
                id="dashboard-agenda-title",
                classes="section-title",
            )
            yield AgendaTable(id="dashboard-agenda")
            yield Label(
                "Open matters with no open deadline",
                id="dashboard-quiet-title",
                classes="section-title",
            )
            yield MatterTable(id="dashboard-quiet", compact=True)
            # Shown only while a demand or offer is about to expire (issue 18).
            yield Label("", id="dashboard-offers-title", classes="section-title")
            yield OfferTable(id="dashboard-offers")
        yield Footer()

    def reload(self) -> None:
        started = self.casekit.first_dashboard()
        if started is not None and started.done() and started.exception() is None:
            self._show(started.result())  # read while the app loaded: shown in the first paint
        else:
            self.load(started)

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="dashboard")
    def load(self, started: Future[views.Dashboard] | None = None) -> None:
        try:
            data = started.result() if started is not None else views.dashboard(self.svc)
        except views.NotReady:
            # First start on a new CASEKIT_HOME: create and migrate the database, then read.
            from casekit.services.setup import ensure_schema

            ensure_schema(self.svc)
            data = views.dashboard(self.svc)
        self.deliver(self.Loaded(data))

    def on_dashboard_screen_loaded(self, message: Loaded) -> None:
        self._show(message.data)

    def _show(self, data: views.Dashboard) -> None:
        self.casekit.dashboard_painted(data.demo, no_matters=not data.counts.open_matters)
        self.query_one("#dashboard-counts", Static).update(counts_line(data))
        self.query_one(AgendaTable).show(data.sections)
        quiet = self.query_one("#dashboard-quiet", MatterTable)
        quiet.show_quiet(data.quiet)
        shown = f", newest {len(data.quiet)}" if data.counts.no_deadline > len(data.quiet) else ""
        self.query_one("#dashboard-quiet-title", Label).update(
            f"Open matters with no open deadline · {views.capped(data.counts.no_deadline)}{shown}"
        )
        self._show_offers(data)
        self.casekit.timer_title.show_timers(data.timers)

    def _show_offers(self, data: views.Dashboard) -> None:
        title = self.query_one("#dashboard-offers-title", Label)
        table = self.query_one("#dashboard-offers", OfferTable)
        title.display = table.display = bool(data.offers)
        if data.offers:
            title.update(
                f"Demands and offers expiring within {views.OFFER_HORIZON} days"
                f" · {len(data.offers)}"
            )
            table.show(data.offers)

    def on_agenda_table_opened(self, message: AgendaTable.Opened) -> None:
        self.casekit.open_matter(message.matter_id, deadline_id=message.deadline_id)

    def on_matter_table_opened(self, message: MatterTable.Opened) -> None:
        self.casekit.open_matter(message.matter_id)

    def on_offer_table_opened(self, message: OfferTable.Opened) -> None:
        self.casekit.open_fees(message.matter_id, tab="fees-resolution")
