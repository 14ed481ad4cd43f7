"""A render's budget: a firm template renders within :data:`RENDER_SECONDS` and
:data:`RENDER_MAX_CHARS`, or not at all; a watchdog interrupts a loop that writes nothing."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput

if TYPE_CHECKING:
    pass


#: A firm template renders within these bounds, or not at all (a loop bomb in a template a firm
#: edited must never hang casekit or fill the disk): seconds per document, characters of output.
RENDER_SECONDS = 20.0
RENDER_MAX_CHARS = 50_000_000


class RenderLimitExceeded(InvalidInput):
    """A template ran longer, or wrote more, than a document may (:data:`RENDER_SECONDS`)."""


_BUDGET = threading.local()


class render_budget:  # noqa: N801 - used as a context manager, like a function
    """One document's time and size budget, shared by all the parts docxtpl renders.

    Outside any ``with render_budget()``, each template render gets a budget of its own.
    """

    def __init__(self, seconds: float | None = None, max_chars: int | None = None) -> None:
        self.seconds = RENDER_SECONDS if seconds is None else seconds
        self.max_chars = RENDER_MAX_CHARS if max_chars is None else max_chars
        self.deadline = 0.0
        self.written = 0
        self._outer: render_budget | None = None
        self._watchdog: _Watchdog | None = None

    def start(self) -> render_budget:
        import time

        self.deadline = time.monotonic() + self.seconds
        return self

    def __enter__(self) -> render_budget:
        self.start()
        self._outer = getattr(_BUDGET, "current", None)
        _BUDGET.current = self
        if self._outer is None:
            self._watchdog = _Watchdog(self.seconds)
        return self

    def __exit__(self, *_exc: object) -> None:
        _BUDGET.current = self._outer
        watchdog = getattr(self, "_watchdog", None)
        if watchdog is not None:
            self._watchdog = None
            if watchdog.stop():
                raise self._timed_out()

    def _timed_out(self) -> RenderLimitExceeded:
        return RenderLimitExceeded(
            f"the template took longer than {self.seconds:g} seconds to render (a loop "
            "that never ends?); nothing was written"
        )

    def check(self, more: int = 0) -> None:
        import time

        self.written += more
        if self.written > self.max_chars:
            raise RenderLimitExceeded(
                f"the template writes more than {self.max_chars:,} characters (a loop that "
                "never ends?); nothing was written"
            )
        if time.monotonic() > self.deadline:
            raise self._timed_out()

    def check_size(self, value: Any) -> None:
        """Refuse a number that would make a string or list too big (``"x" * 10**9``)."""
        if isinstance(value, int) and not isinstance(value, bool) and value > self.max_chars:
            raise RenderLimitExceeded(
                f"the template asks for a value larger than {self.max_chars:,} (a string or list "
                "that big would never fit a document); nothing was written"
            )


class _RenderTimeout(BaseException):
    """Raised inside the rendering thread by :class:`_Watchdog` (jinja cannot catch it)."""


class _Watchdog:
    """Interrupts the thread that made it once ``seconds`` pass, wherever it is.

    A loop over a long list that writes nothing runs no code casekit can check; the watchdog
    raises :class:`_RenderTimeout` asynchronously in the rendering thread (CPython's
    ``PyThreadState_SetAsyncExc``). :meth:`stop` cancels it and clears an interruption that
    fired but did not land, so nothing outside the render is ever interrupted.
    """

    def __init__(self, seconds: float) -> None:
        self._thread_id = threading.get_ident()
        self._lock = threading.Lock()
        self._active = True
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _set_async(self, exc: Any) -> None:
        import ctypes

        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(self._thread_id), ctypes.py_object(exc) if exc else None
        )

    def _fire(self) -> None:
        with self._lock:
            if self._active:
                self.fired = True
                self._set_async(_RenderTimeout)

    def stop(self) -> bool:
        """Cancel; True if the time ran out."""
        self._timer.cancel()
        with self._lock:
            self._active = False
            if self.fired:
                self._set_async(None)  # an interruption not yet delivered never lands
        return self.fired


def _current_budget() -> render_budget:
    budget = getattr(_BUDGET, "current", None)
    # Outside a render (jinja folds constants at compile time): a budget for this one check.
    return budget if budget is not None else render_budget().start()


def _guarded_filter(function: Any) -> Any:
    import functools

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _current_budget()
        # The value being filtered may be any size (an amount); a width or count may not.
        first = 1 + sum(1 for mark in ("jinja_pass_arg",) if hasattr(function, mark))
        for value in (*args[first:], *kwargs.values()):
            budget.check_size(value)
        budget.check()
        return function(*args, **kwargs)

    # jinja passes the context / environment to filters marked for it: keep the marks.
    for mark in ("jinja_pass_arg",):
        if hasattr(function, mark):
            setattr(guarded, mark, getattr(function, mark))
    return guarded
