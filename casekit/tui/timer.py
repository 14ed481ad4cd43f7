"""Running timers in the title bar, on every screen, while any runs.

The timers come from the dashboard's first read (so a timer left running before a restart shows
at once) and from every start or stop; the elapsed time is refreshed every few seconds from
:meth:`AppContext.now` (a test injects the clock). Only the timers this user (``CASEKIT_USER``)
started are shown: an office shares one database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.tui.app import CasekitApp

#: Seconds between refreshes of the elapsed time.
REFRESH_SECONDS = 15


def describe(timers: Iterable[Any], now: datetime) -> str:
    """``Timer TA-2026-0007 1:23 (Ben Okafor)`` or ``2 timers: TA-…, TA-…`` ("" for none)."""
    items = list(timers)
    if not items:
        return ""
    if len(items) > 1:
        return f"{len(items)} timers: " + ", ".join(_number(t) for t in items)
    timer = items[0]
    minutes = max(0, int((now - timer.started_at).total_seconds() // 60))
    return f"Timer {_number(timer)} {minutes // 60}:{minutes % 60:02d} ({timer.timekeeper})"


def _number(timer: Any) -> str:
    return str(getattr(timer, "matter_number", None) or getattr(timer, "matter", ""))


class TimerTitle:
    """Keeps ``app.title`` saying which timers run and for how long."""

    def __init__(self, app: CasekitApp) -> None:
        self.app = app
        self.base = app.TITLE
        self.timers: tuple[Any, ...] = ()
        self._interval: Any = None

    def show_timers(self, timers: Iterable[Any]) -> None:
        """Replace the timers shown (dashboard rows or ``TimerOut``s) and redraw the title."""
        self.timers = tuple(timers)
        if self.timers and self._interval is None:
            self._interval = self.app.set_interval(REFRESH_SECONDS, self.refresh)
        elif not self.timers and self._interval is not None:
            self._interval.stop()
            self._interval = None
        self.refresh()

    def refresh(self) -> None:
        text = describe(self.timers, self.app.services.now())
        self.app.title = f"{self.base} · {text}" if text else self.base
