"""The casekit App: wiring only (screens, bindings, palette, services, errors).

Navigation between screens is in ``casekit.tui.navigation``.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable
from concurrent.futures import Future, wait
from functools import partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from casekit.services import dashboard as views
from casekit.services.base import import_data_layer
from casekit.tui.bindings import APP_ACTIONS, app_bindings
from casekit.tui.commands import MatterCommands
from casekit.tui.errors import report_error
from casekit.tui.keygate import KeyGate
from casekit.tui.navigation import NavigatingApp
from casekit.tui.screens.dashboard import DashboardScreen
from casekit.tui.timer import TimerTitle

if TYPE_CHECKING:
    from casekit.services.base import AppContext

DEMO_MARKER = "DEMO DATA: fictional matters"
#: Seconds the app waits, before its first paint, for the dashboard read started at load.
FIRST_READ_WAIT = 0.25
#: Seconds after the dashboard shows its data before the schema check and warm-up start.
BACKGROUND_DELAY = 0.3


class CasekitApp(NavigatingApp):
    """Keyboard-first case management for Trust Act litigation."""

    TITLE = "casekit"
    # The default screen's own CSS_PATH is not loaded by Textual (only pushed screens' are),
    # so the dashboard's stylesheet is listed here.
    CSS_PATH = ["app.tcss", "screens/dashboard.tcss"]
    BINDINGS = app_bindings()
    COMMANDS = App.COMMANDS | {MatterCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, services: AppContext, *, demo: bool = False) -> None:
        super().__init__()
        self.services = services
        self.demo = demo
        self._checked = False
        #: Moves on after every save, so screens shown again know to read their data again.
        self.changes = 0
        self._first_dashboard: Future[views.Dashboard] | None = None
        #: Running timers in the title bar (issue 18), fed by the dashboard and timer changes.
        self.timer_title = TimerTitle(self)
        #: Keys one at a time, to the dialog that is opening (casekit.tui.keygate).
        self.key_gate = KeyGate(self, super().on_event)
        if demo:
            self.sub_title = DEMO_MARKER

    def on_load(self) -> None:
        """Read the dashboard before the first paint, in a thread, waiting a moment for it.

        The read runs in its own thread; the event loop waits for it at most
        ``FIRST_READ_WAIT`` before building the first screen. Nothing is on screen yet, and
        waiting (the GIL released) lets the read run at full speed instead of crawling beside
        Textual's start-up, row by row (benchmarks/README.md, start-up). A slower database
        (a first start that must create the schema, a remote PostgreSQL) just misses the wait:
        the dashboard then takes the read over in its worker, as on any later load.
        """
        future: Future[views.Dashboard] = Future()

        def read() -> None:
            try:
                if not self.services.settings.is_sqlite:
                    import_data_layer()  # PostgreSQL is read through the engine
                future.set_result(views.dashboard(self.services))
            except BaseException as exc:  # noqa: BLE001 - handed to the worker, raised there
                future.set_exception(exc)

        threading.Thread(target=read, name="casekit-first-dashboard", daemon=True).start()
        self._first_dashboard = future
        wait([future], timeout=FIRST_READ_WAIT)

    def first_dashboard(self) -> Future[views.Dashboard] | None:
        """The dashboard read started at load, once (later loads read afresh)."""
        future, self._first_dashboard = self._first_dashboard, None
        return future

    async def on_event(self, event: events.Event) -> None:
        if KeyGate.gated(event):
            await self.key_gate.handle(event)
        else:
            await super().on_event(event)

    def get_default_screen(self) -> Screen[None]:
        return DashboardScreen()

    def on_mount(self) -> None:
        from casekit.tui.preferences import apply_at_start

        apply_at_start(self)  # theme and keymap from config.toml

    # --- what screens call ----------------------------------------------------------------

    def dashboard_painted(self, demo: bool, *, no_matters: bool = False) -> None:
        """Show the DEMO DATA marker if needed; check the schema once the first data is up;
        on a new office (``no_matters`` and no firm name), guide through the first steps."""
        self.demo = self.demo or demo
        self.sub_title = DEMO_MARKER if self.demo else ""
        if not self._checked:
            self._checked = True
            if no_matters and not self.demo:
                self.first_run()
            # Once the first frames with the data are on screen and the loop has settled: the
            # check and the warm-up are 0.4 s of CPU, which would hold the GIL over them.
            self.set_timer(BACKGROUND_DELAY, self.check_schema)
            # Everything loaded so far lives for the whole session: move it out of the cyclic
            # collector's view, and collect less often, so no full collection (80-150 ms at
            # 100 k matters, benchmarks/README.md) lands on a keystroke.
            gc.freeze()
            gc.set_threshold(50_000, 20, 100)

    @work(thread=True, exclusive=True, exit_on_error=False, group="app-startup")
    def check_schema(self) -> None:
        """Migrate an older SQLite schema (or refuse an old PostgreSQL one) after first paint."""
        import_data_layer()  # also what the first search needs, so that it answers at once
        from casekit.services.setup import ensure_schema

        ensure_schema(self.services)
        from casekit.tui.preferences import check_binding_ids

        check_binding_ids(self)  # a keymap entry naming no binding is reported, once

    @work(thread=True, exclusive=True, exit_on_error=False, group="first-run")
    def first_run(self) -> None:
        from casekit.tui import first_run

        first_run.check(self)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error)

    def note_change(self) -> None:
        """Something was saved: lists read their data again when next shown."""
        self.changes += 1

    def report_error(self, error: BaseException, screen: object | None = None) -> None:
        report_error(self, error, screen)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for action in APP_ACTIONS:
            if action.id in ("back", "help", "quit"):
                continue
            yield SystemCommand(action.title, action.help, partial(self.run_action, action.action))
        yield from super().get_system_commands(screen)
