"""A records (FOI) request from the matter's Records tab: the agency (completed from the
registry), when it was sent, what was asked. Dismisses with a :class:`RecordsInput` or None."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label

from casekit.domain.bounds import parse_day
from casekit.errors import InvalidInput
from casekit.tui.screens.form import (
    MODAL_CSS,
    DatedForm,
    Fields,
    FormModal,
    Refused,
    buttons,
    save_keys,
)


@dataclass(frozen=True)
class RecordsInput:
    agency: str
    sent_on: date | None
    description: str
    received_on: date | None = None


class RecordsModal(DatedForm[RecordsInput]):
    """``ctrl+s`` records the request (a sent date starts its clocks); ``escape`` asks
    "Discard changes?" when something was typed (:class:`FormModal`)."""

    DEFAULT_CSS = MODAL_CSS.format(name="RecordsModal") + (
        "RecordsModal .error { color: $error; }\n"
    )
    PREFIX = "records"
    BINDINGS = save_keys("records-add")

    class Agencies(Message):
        def __init__(self, names: list[str]) -> None:
            super().__init__()
            self.names = names

    def __init__(self, *, today: date, agency: str = "") -> None:
        super().__init__(today=today)
        self.agency = agency
        self.names: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("New records (FOI) request", classes="title")
            yield Input(value=self.agency, placeholder="Agency (→ completes)", id="records-agency")
            yield Input(
                placeholder=f"Sent on YYYY-MM-DD (empty: a draft; today is {self.today})",
                id="records-sent",
            )
            yield Input(
                placeholder="Received by the agency YYYY-MM-DD (starts the clock)",
                id="records-received",
            )
            yield Input(placeholder="Records asked for (optional)", id="records-description")
            yield Label("", id="records-error", classes="error")
            yield buttons("records", "Save")

    def on_mount(self) -> None:
        self.query_one("#records-agency", Input).focus()
        self.load_agencies()

    @work(thread=True, exclusive=True, exit_on_error=False, group="records-agencies")
    def load_agencies(self) -> None:
        from casekit.services import casefile as views

        self.deliver(self.Agencies([a.name for a in views.options(self.svc).agencies]))

    def on_records_modal_agencies(self, message: Agencies) -> None:
        self.names = message.names
        self.query_one("#records-agency", Input).suggester = SuggestFromList(
            message.names, case_sensitive=False
        )

    def read(self, form: Fields) -> RecordsInput:
        agency = form.text("agency", missing="Name the agency the request goes to.")
        if self.names:
            # The registry's spelling, whatever case was typed.
            agency = next((n for n in self.names if n.casefold() == agency.casefold()), agency)
        sent, received = (self._day(form, name) for name in ("sent", "received"))
        if sent and received and received < sent:
            raise Refused("The agency cannot have received it before it was sent.")
        return RecordsInput(agency, sent or received, form.text("description"), received)

    def _day(self, form: Fields, name: str) -> date | None:
        day = form.written_day(name, f"{name} date", optional=True)
        if day is not None and day > self.today:
            raise Refused(f"The {name} date is after today ({self.today}).")
        return day


@dataclass(frozen=True)
class RecordsDates:
    """The dates of a request as typed (``None``: cleared)."""

    sent_on: date | None
    received_on: date | None
    response_on: date | None
    denial_on: date | None


DATE_FIELDS = (
    ("sent_on", "Sent"),
    ("received_on", "Received by the agency (starts the clock)"),
    ("response_on", "Answered"),
    ("denial_on", "Denied"),
)


class RecordsDatesModal(FormModal):
    """The dates of one request (empty clears one); ``ctrl+s`` saves, ``escape`` asks first
    when a date was changed (:class:`FormModal`)."""

    DEFAULT_CSS = MODAL_CSS.format(name="RecordsDatesModal") + (
        "RecordsDatesModal .error { color: $error; }\n"
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="records-dates-cancel"),
        Binding("ctrl+s", "save", "Save", id="records-dates-save", priority=True),
    ]

    def __init__(self, title: str, current: RecordsDates, *, today: date) -> None:
        super().__init__()
        self.title_text = title
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            for name, text in DATE_FIELDS:
                value = getattr(self.current, name)
                yield Label(text)
                yield Input(  # compact: four dates and the buttons fit in 24 rows
                    value=value.isoformat() if value else "",
                    placeholder="YYYY-MM-DD (empty: none)",
                    id=f"records-{name}",
                    compact=True,
                )
            yield Label("", id="records-dates-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="records-dates-cancel")
                yield Button("Save", id="records-dates-save", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#records-dates-save")
    def action_save(self) -> None:
        values: dict[str, date | None] = {}
        for name, text in DATE_FIELDS:
            raw = self.query_one(f"#records-{name}", Input).value.strip()
            values[name] = None
            if not raw:
                continue
            try:
                values[name] = parse_day(raw, self.today, "date", echo=False)
            except InvalidInput as exc:
                self.query_one("#records-dates-error", Label).update(f"{text}: {exc.message}.")
                return
        self.dismiss(RecordsDates(**values))
