"""What every casekit screen shares: the services, and worker failures shown, never raised.

Screens start thread workers for all database and document I/O (``@work(thread=True,
exclusive=True, exit_on_error=False, group=...)``); each worker opens its own session through the
service it calls and hands its result back with :meth:`CasekitScreen.deliver`. A worker that
fails posts ``Worker.StateChanged`` with ``ERROR`` to its screen, which passes the error to the
app: a one-line notification, or the reload prompt for an edit conflict.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.binding import ActiveBinding
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState, get_current_worker

from casekit.services.base import import_data_layer

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.casefile import Options
    from casekit.tui.app import CasekitApp


class OptionsLoaded(Message):
    """A form's choices (towns, agencies, attorneys …), read in a worker and posted by the
    screen to itself: it handles them in ``on_options_loaded``."""

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options


#: Actions the footer shows before every other key.
FOOTER_FIRST = frozenset({"help", "app.help", "quit", "app.quit"})


class _Shared:
    """Mixed into screens and modals."""

    app: Any
    post_message: Any

    @property
    def casekit(self) -> CasekitApp:
        return cast("CasekitApp", self.app)

    @property
    def svc(self) -> AppContext:
        """The services; in a worker thread, only once the database stack is imported."""
        if threading.current_thread() is not threading.main_thread():
            import_data_layer()
        return self.casekit.services

    def deliver(self, message: Message) -> None:
        """Post a worker's result, unless a newer worker of the same group replaced it."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    def reload(self) -> None:
        """Read the screen's data again (after an edit conflict, or on return)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.casekit.report_error(event.worker.error, self)


class CasekitScreen(_Shared, Screen[None]):
    """A full screen of the app.

    :meth:`reload` runs when the screen is first shown and again whenever it comes back after
    something was saved elsewhere (``CasekitApp.changes`` moved on), so lists never go stale and
    an unchanged list keeps its place.
    """

    #: Whether leaving the screen would lose typed input (the app asks first).
    dirty: bool = False
    _seen_changes: int = -1

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force, help and quit first: the footer lists them in this order, and a
        narrow terminal cuts the end of the footer, never ``?`` and ``q``."""
        bindings = super().active_bindings
        first = {k: b for k, b in bindings.items() if b.binding.action in FOOTER_FIRST}
        return first | {k: b for k, b in bindings.items() if k not in first}

    def on_screen_resume(self) -> None:
        if self._seen_changes != self.casekit.changes:
            self._seen_changes = self.casekit.changes
            self.reload()


#: What a dialog dismisses with (``Dialog[PartyInput]``).
ResultT = TypeVar("ResultT")


class Dialog(_Shared, ModalScreen[ResultT]):
    """A dialog over another screen, dismissed with a ``ResultT`` (or ``None``: cancelled); the
    dialogs' rules are in ``dialogs.tcss``."""

    CSS_PATH = str(Path(__file__).with_name("dialogs.tcss"))


class CasekitModal(Dialog[Any]):
    """A dialog whose result is not typed yet (a typed one subclasses ``Dialog[Result]``)."""
