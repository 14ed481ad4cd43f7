"""The timer dialog: start a timer on a matter, or stop the one running there and record its
time. It does its own reading and writing (it is opened from the matter workspace too)."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from casekit.domain import fees
from casekit.domain.calendar import LOCAL_TZ
from casekit.services.fees import discard_timer, running_timers, start_timer, stop_timer
from casekit.services.fees.workspace import fees_workspace
from casekit.tui.screens.fees.forms import (
    ALL_CLAIMS,
    _claim_options,
    claim_select,
    form_css,
    task_select,
    work_done,
)
from casekit.tui.screens.form import CheckedForm, Fields, save_keys


class TimerModal(CheckedForm[Any]):
    """Start a timer on a matter, or stop the one running there and record its time.

    Dismisses with a sentence saying what happened (``None`` when nothing changed). Whatever
    happens, the app's title bar is brought up to date with the running timers.
    """

    PREFIX = "timer"
    DEFAULT_CSS = form_css("TimerModal")
    BINDINGS = save_keys("timer")

    class Loaded(Message):
        def __init__(self, workspace: Any, now: Any) -> None:
            super().__init__()
            self.workspace = workspace
            self.now = now

    class Done(Message):
        def __init__(self, text: str, timers: Any) -> None:
            super().__init__()
            self.text = text
            self.timers = timers

    def __init__(self, matter_id: int) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.workspace: Any = None
        self.running: Any = None  # the timer to stop (TimerOut), if any

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Timer", classes="title", id="timer-title")
            yield Static("Reading the matter…", id="timer-state", classes="note")
            with Grid(id="timer-start"):
                yield Label("Timekeeper")
                yield Select([], prompt="Who is working", id="timer-timekeeper", compact=True)
            with Grid(id="timer-stop"):
                yield Label("Hours")
                yield Input(id="timer-hours", compact=True, placeholder="tenths, e.g. 1.4")
                yield Label("Task")
                yield task_select("timer")
                yield Label("Claim")
                yield claim_select("timer")
                yield Label("Description")
                yield Input(placeholder="What was done", id="timer-description", compact=True)
            with Horizontal(classes="checks", id="timer-checks"):
                yield Checkbox("No charge", id="timer-no-charge", compact=True)
            yield Label("", id="timer-error", classes="error")
            yield Horizontal(
                Button("Discard timer", id="timer-discard", variant="error", compact=True),
                Button("Cancel", id="timer-cancel", compact=True),
                Button("Start", id="timer-save", variant="primary", compact=True),
            )

    def on_mount(self) -> None:
        for selector in ("#timer-start", "#timer-stop", "#timer-checks", "#timer-discard"):
            self.query_one(selector).display = False
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-load")
    def load(self) -> None:
        self.deliver(self.Loaded(fees_workspace(self.svc, self.matter_id), self.svc.now()))

    def on_timer_modal_loaded(self, message: Loaded) -> None:
        ws = self.workspace = message.workspace
        actor = self.svc.actor
        mine = [t for t in ws.timers if t.started_by == actor]
        self.running = mine[0] if mine else None
        state = self.query_one("#timer-state", Static)
        save = self.query_one("#timer-save", Button)
        if self.running is None:
            self.query_one("#timer-title", Label).update(f"Start a timer on {ws.number}")
            others = ", ".join(f"{t.timekeeper} ({t.started_by})" for t in ws.timers)
            state.update(
                "The start is saved: the timer keeps running if casekit is closed."
                + (f"\nAlso running here: {others}." if others else "")
            )
            names = [t.name for t in ws.timekeepers]
            select = self.query_one("#timer-timekeeper", Select)
            select.set_options([(n, n) for n in names])
            if ws.attorney in names:
                select.value = ws.attorney
            self.query_one("#timer-start").display = True
            save.label = "Start"
            select.focus()
            self.mark_clean()
            return
        timer = self.running
        seconds = max(0.0, timer.elapsed_seconds(message.now))
        minutes = int(seconds // 60)
        tenths = timer.tenths(message.now)
        started = timer.started_at.astimezone(LOCAL_TZ)
        self.query_one("#timer-title", Label).update(f"Stop the timer on {ws.number}")
        state.update(
            f"{timer.timekeeper}, since {started:%Y-%m-%d %H:%M}: {minutes // 60} h "
            f"{minutes % 60:02d} min, billed as {fees.tenths_text(tenths)} h (rounded up to "
            "the next six minutes). Correct the hours if the timer ran too long."
        )
        hours = self.query_one("#timer-hours", Input)
        hours.value = fees.tenths_text(min(tenths, fees.MAX_TENTHS))
        self.query_one("#timer-claim", Select).set_options(_claim_options(ws.claims))
        self.query_one("#timer-claim", Select).value = ALL_CLAIMS
        for selector in ("#timer-stop", "#timer-checks", "#timer-discard"):
            self.query_one(selector).display = True
        save.label = "Stop and save"
        self.query_one("#timer-category", Select).focus()
        self.mark_clean()

    def action_save(self) -> None:
        if self.workspace is not None:
            super().action_save()

    def read(self, form: Fields) -> tuple[Any, ...]:
        """Who starts the timer, or the values of the entry that stopping it records."""
        if self.running is None:
            return (form.choice("timekeeper", missing="Pick who is working."),)
        hours, category, description = work_done(form)
        claim = form.choice("claim")
        billable = not form.ticked("no-charge")
        return hours, category, description, "" if claim == ALL_CLAIMS else claim, billable

    def saved(self, value: tuple[Any, ...]) -> None:
        if self.running is None:
            self.start(*value)
        else:
            self.stop(*value)

    def _my_timers(self) -> Any:
        return running_timers(self.svc)

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def start(self, timekeeper: str) -> None:
        timer = start_timer(self.svc, self.matter_id, timekeeper=timekeeper)
        self.deliver(
            self.Done(f"Timer started for {timer.timekeeper} on {timer.matter}", self._my_timers())
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def stop(self, hours: str, category: str, description: str, claim: str, billable: bool) -> None:
        entry = stop_timer(
            self.svc,
            self.running.id,
            category=category,
            description=description,
            hours=hours,
            claim=claim,
            billable=billable,
            version=self.running.version,
        )
        self.deliver(
            self.Done(f"{entry.hours} h recorded for {entry.timekeeper} on {entry.matter}",
                      self._my_timers())
        )  # fmt: skip

    @on(Button.Pressed, "#timer-discard")
    def _discard(self) -> None:
        if self.running is not None:
            self.discard()

    @work(thread=True, exclusive=True, exit_on_error=False, group="timer-write")
    def discard(self) -> None:
        timer = discard_timer(self.svc, self.running.id, version=self.running.version)
        self.deliver(self.Done(f"Timer discarded ({timer.timekeeper}, {timer.matter})",
                               self._my_timers()))  # fmt: skip

    def on_timer_modal_done(self, message: Done) -> None:
        self.casekit.timer_title.show_timers(message.timers)
        self.casekit.note_change()
        self.dismiss(message.text)


def open_timer(screen: Any, matter_id: int) -> None:
    """Open the timer dialog for ``matter_id`` from ``screen`` (the matter or fees screen)."""

    def done(text: str | None) -> None:
        if text:
            screen.notify(text)
            if hasattr(screen, "load"):
                screen.load()

    screen.app.push_screen(TimerModal(matter_id), done)
