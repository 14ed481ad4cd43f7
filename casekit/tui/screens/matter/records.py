"""The Records tab of a matter: its FOI requests with their clocks (the agency's answer due,
the appeal deadline, days left or late), and a new request from the tab.

It reads and writes through ``casekit.services.records`` in thread workers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.screens.records_add import RecordsDates, RecordsDatesModal, RecordsModal
from casekit.tui.widgets.format import day, days_left, label, verify_marker

if TYPE_CHECKING:
    from casekit.services import casefile as views
    from casekit.services.records import RecordsRequestView, RequestDeadline
    from casekit.tui.screens.records_add import RecordsDates, RecordsInput

COLUMNS = ("#", "Agency", "Status", "Sent", "Answer due", "Left", "Appeal by", "")
KEYS: list[BindingType] = [
    Binding(
        "a",
        "records_add",
        "New request",
        id="records-add",
        tooltip="Record a records (FOI) request to an agency; its receipt starts the clock.",
    ),
    Binding(
        "r",
        "records_dates",
        "Dates",
        id="records-dates",
        tooltip="Record when the selected request was sent, received, answered or denied.",
    ),
]
#: The rules of a request's two clocks (casekit.services.records).
RESPONSE_RULE = "CT_FOI_RESPONSE"
APPEAL_RULE = "CT_FOI_APPEAL"


def _clock(deadline: RequestDeadline | None, today: date) -> tuple[str, Text]:
    if deadline is None:
        return "—", Text("")
    if deadline.status != "open":
        return day(deadline.safe_target), Text(label(deadline.status), style="dim")
    return day(deadline.safe_target), days_left((deadline.safe_target - today).days)


def row_cells(req: RecordsRequestView, today: date) -> tuple[Any, ...]:
    answer, left = _clock(req.deadline(RESPONSE_RULE), today)
    appeal = req.deadline(APPEAL_RULE)
    verify = any(d.verify for d in req.deadlines if d.status == "open")
    return (
        str(req.id),
        req.agency,
        label(req.status),
        day(req.sent_on),
        answer,
        left,
        day(appeal.safe_target) if appeal is not None else "—",
        verify_marker(verify),
    )


def detail_text(req: RecordsRequestView | None, today: date) -> Text:
    text = Text()
    if req is None:
        text.append("No records request yet. Press a to record one.")
        return text
    text.append(f"Request #{req.id} to {req.agency} · {label(req.status)}\n", style="bold")
    dates = (
        ("sent", req.sent_on),
        ("received", req.received_on),
        ("answered", req.response_on),
        ("denied", req.denial_on),
    )
    text.append(" · ".join(f"{name} {day(value)}" for name, value in dates if value) or "draft")
    text.append("\n")
    if req.description:
        text.append(f"Asked for: {req.description}\n")
    for d in req.deadlines:
        if d.status == "superseded":
            continue
        text.append(f"{d.title}: act by {day(d.safe_target)} (due {day(d.due)}) ")
        if d.status == "open":
            text.append_text(days_left((d.safe_target - today).days))
        else:
            text.append(label(d.status), style="dim")
        text.append(f"  {d.citation}; {d.confidence}", style="dim")
        if d.verify:
            text.append("  verify", style="bold yellow")
        text.append("\n")
    for change in req.pending:
        text.append(f"Pending: {change.rule_id} {change.kind} ({change.reason})\n", style="yellow")
    return text


class RecordsPane(MatterPane):
    """The matter's records requests and the selected one's clocks."""

    TAB = "records"
    TITLE = "Records"
    BINDINGS = KEYS

    class RecordsLoaded(Message):
        def __init__(self, requests: list[RecordsRequestView], today: date) -> None:
            super().__init__()
            self.requests = requests
            self.today = today

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[RecordsRequestView] = []
        self.today: date | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="records-pane"):
            yield DataTable(id="matter-records", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="records-info-scroll"):
                yield Static(id="records-info")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)

    def show(self, detail: views.MatterDetail) -> None:
        self.load_records(detail.number)

    def show_requests(self, requests: list[RecordsRequestView], today: date) -> None:
        self.requests, self.today = requests, today
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for req in requests:
            table.add_row(*row_cells(req, today), key=str(req.id))
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))
        self._show_selected()

    def selected(self) -> RecordsRequestView | None:
        row = self.query_one(DataTable).cursor_row
        return self.requests[row] if 0 <= row < len(self.requests) else None

    def _show_selected(self) -> None:
        if self.today is not None:
            self.query_one("#records-info", Static).update(detail_text(self.selected(), self.today))

    @on(DataTable.RowHighlighted, "#matter-records")
    def _highlighted(self) -> None:
        self._show_selected()

    # --- reading and writing (casekit.services.records) ---------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-records")
    def load_records(self, number: str) -> None:
        from casekit.services.records import list_records_requests

        self.deliver(self.RecordsLoaded(list_records_requests(self.svc, number), self.svc.today()))

    def on_records_pane_records_loaded(self, message: RecordsLoaded) -> None:
        self.show_requests(message.requests, message.today)

    def action_records_add(self) -> None:
        if self.detail is None:
            return
        number = self.detail.number
        incidents = self.detail.incidents
        agency = incidents[0].agency if incidents else ""

        def chosen(value: RecordsInput | None) -> None:
            if value is not None:
                self.add_request(number, value)

        self.app.push_screen(RecordsModal(today=self.svc.today(), agency=agency), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_request(self, number: str, value: RecordsInput) -> None:
        from casekit.services.records import create_records_request

        req = create_records_request(
            self.svc,
            number,
            value.agency,
            sent_on=value.sent_on,
            description=value.description,
            received_on=value.received_on,
        )
        clock = req.deadline(RESPONSE_RULE)
        said = (
            f"; answer due by {day(clock.safe_target)}"
            if clock is not None
            else " (its clock starts when the agency receives it)"
        )
        self.deliver(Saved(f"Records request #{req.id} to {req.agency} recorded{said}"))

    def action_records_dates(self) -> None:
        req = self.selected()
        if req is None or self.detail is None:
            self.notify("Select a request first (a records a new one).", severity="warning")
            return
        number = self.detail.number
        current = RecordsDates(req.sent_on, req.received_on, req.response_on, req.denial_on)

        def chosen(value: RecordsDates | None) -> None:
            if value is not None and value != current:
                self.set_request_dates(number, req.id, value, apply=False)

        self.app.push_screen(
            RecordsDatesModal(
                f"Request #{req.id} to {req.agency}", current, today=self.svc.today()
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def set_request_dates(
        self, number: str, request_id: int, value: RecordsDates, *, apply: bool
    ) -> None:
        """Save the dates; a clock that would move or disappear is shown and applied only once
        confirmed (``casekit records update ID --apply``)."""
        from casekit.services.records import update_records_request

        req = update_records_request(
            self.svc,
            request_id,
            sent_on=value.sent_on,
            received_on=value.received_on,
            response_on=value.response_on,
            denial_on=value.denial_on,
            apply=apply,
        )
        if req.pending and not apply:
            lines = "\n".join(
                f"  {c.rule_id}: {c.kind}, was {day(c.old_safe_target)}"
                + (f", now {day(c.new_safe_target)}" if c.new_safe_target else "")
                for c in req.pending
            )
            self.app.call_from_thread(self._confirm_dates, number, request_id, value, lines)
        clock = req.deadline(RESPONSE_RULE)
        said = f"; answer due by {day(clock.safe_target)}" if clock is not None else ""
        self.deliver(Saved(f"Request #{req.id}: dates saved{said}"))

    def _confirm_dates(self, number: str, request_id: int, value: RecordsDates, lines: str) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.set_request_dates(number, request_id, value, apply=True)

        self.app.push_screen(
            ConfirmModal(
                f"These clocks already running would change:\n{lines}\nApply the change?",
                yes="Apply",
                no="Leave them",
            ),
            answer,
        )
