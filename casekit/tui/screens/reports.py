"""Reports: the deadline reminders, caseload by attorney, and the de-identified pattern of
alleged violations (bars and the table, by agency and violation, agency, agency and year, town
or violation); each can be exported as CSV into CASEKIT_HOME/reports."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, TabbedContent, TabPane

from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.bar_chart import BarChart
from casekit.tui.widgets.format import day, label, verify_marker

#: The pattern report's groupings, in the order ``v`` steps through them.
AGENCY_VIEWS = ("agency,code", "agency", "agency,year", "town", "code")
#: Bars shown above the pattern table (the largest counts).
BAR_LIMIT = 12


class ReportsScreen(CasekitScreen):
    """Three reports in tabs; ``e`` exports the one showing."""

    CSS_PATH = "reports.tcss"
    BINDINGS = [
        Binding(
            "e",
            "export",
            "Export CSV",
            id="reports-export",
            tooltip="Write the report showing to a CSV file under CASEKIT_HOME/reports.",
        ),
        Binding(
            "v",
            "next_view",
            "Group by",
            id="reports-group-by",
            tooltip="Pattern report: by agency and violation, agency, agency and year, town, "
            "violation.",
        ),
        Binding(
            "f5",
            "refresh",
            "Refresh",
            id="reports-refresh",
            show=False,
            tooltip="Read the reports again.",
        ),
    ]

    class Loaded(Message):
        def __init__(self, deadlines: Any, caseload: Any, agencies: Any) -> None:
            super().__init__()
            self.deadlines = deadlines
            self.caseload = caseload
            self.agencies = agencies

    class Exported(Message):
        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

    def __init__(self) -> None:
        super().__init__()
        self.data: ReportsScreen.Loaded | None = None
        self.view = AGENCY_VIEWS[0]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="reports-tabs"):
            with TabPane("Reminders", id="reminders"):
                yield DataTable(id="reports-reminders", cursor_type="row", zebra_stripes=True)
            with TabPane("Caseload", id="caseload"):
                yield DataTable(id="reports-caseload", cursor_type="row", zebra_stripes=True)
            with TabPane("Agencies", id="agencies"):
                yield Label("", id="reports-agencies-title", classes="section-title")
                yield BarChart(id="reports-agencies-bars")
                yield DataTable(id="reports-agencies", cursor_type="row", zebra_stripes=True)
        yield Label("", id="reports-status")
        yield Footer()

    def reload(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    def action_next_view(self) -> None:
        """Group the pattern report the next way, and show its tab."""
        self.view = AGENCY_VIEWS[(AGENCY_VIEWS.index(self.view) + 1) % len(AGENCY_VIEWS)]
        self.query_one(TabbedContent).active = "agencies"
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="reports-load")
    def load(self) -> None:
        from casekit.services import reports

        today = self.svc.today()
        self.deliver(
            self.Loaded(
                reports.deadline_report(self.svc, today=today),
                reports.caseload_report(self.svc, today=today),
                reports.agencies_report(self.svc, by=self.view, today=today),
            )
        )

    def on_reports_screen_loaded(self, message: Loaded) -> None:
        self.data = message
        table = self.query_one("#reports-reminders", DataTable)
        table.clear(columns=True)
        table.add_columns("Section", "Due", "Left", "Matter", "Client", "Deadline", "")
        for section in message.deadlines.sections:
            for r in section.rows:
                table.add_row(
                    section.title,
                    day(r.due),
                    str(r.days_left),
                    r.matter,
                    r.client,
                    r.title,
                    verify_marker(r.confidence != "confirmed"),
                )
        for q in message.deadlines.no_deadline:
            table.add_row("No open deadline", "—", "", q.matter, q.client, label(q.status), "")
        caseload = self.query_one("#reports-caseload", DataTable)
        caseload.clear(columns=True)
        statuses = [
            s
            for s, _ in (
                message.caseload.by_attorney[0].counts if message.caseload.by_attorney else ()
            )
        ]
        caseload.add_columns("Attorney", *(label(s) for s in statuses), "Total")
        for row in message.caseload.by_attorney:
            caseload.add_row(
                row.attorney or "— unassigned —", *(str(n) for _, n in row.counts), str(row.total)
            )
        pattern = message.agencies
        self.query_one("#reports-agencies-title", Label).update(
            f"{pattern.title} · v: group another way"
        )
        biggest = sorted(pattern.rows, key=lambda r: -r.count)[:BAR_LIMIT]
        self.query_one(BarChart).show(
            [(r.label, r.count) for r in biggest],
            empty="No count is large enough to show without pointing at a client.",
        )
        agencies = self.query_one("#reports-agencies", DataTable)
        agencies.clear(columns=True)
        agencies.add_columns(*pattern.columns, "Matters")
        for row in pattern.rows:
            agencies.add_row(*row.labels, str(row.count))
        self.query_one("#reports-status", Label).update(
            f"As of {message.deadlines.today.isoformat()} · pattern: a count is shown only when "
            f"at least {pattern.min_cell} clients are behind it; {pattern.hidden} groups hidden"
        )

    def action_export(self) -> None:
        if self.data is None:
            return
        self.export(self.query_one(TabbedContent).active or "reminders", self.data)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reports-export")
    def export(self, which: str, data: Loaded) -> None:
        from casekit.services import reports

        today = self.svc.today().isoformat()
        body = {
            "reminders": lambda: reports.deadlines_csv(data.deadlines),
            "caseload": lambda: reports.caseload_csv(data.caseload),
            "agencies": lambda: reports.agencies_csv(data.agencies),
        }[which]()
        name = f"{which}-{data.agencies.by.replace(',', '-')}" if which == "agencies" else which
        path = reports.write_output(
            self.svc.settings.home / "reports" / f"{name}-{today}.csv", body
        )
        self.deliver(self.Exported(str(path)))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        self.notify(f"Exported to {message.path}")
        self.query_one("#reports-status", Label).update(f"Exported to {message.path}")
