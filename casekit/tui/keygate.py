"""Keys in the order they were typed, and to the dialog that is opening (issue 15, item 3).

Textual hands a key to the focused widget and runs the screen's bindings only when the key
bubbles back up to the app; a key typed right behind the one that opens a dialog is therefore
already on its way to the widget *underneath* before the dialog exists (an ``enter`` would open
a row, a ``d`` leave the screen). And while a dialog is being built nothing has the focus, so
what is typed then is lost.

The gate lets one key (or paste) through at a time: the next waits until the previous one has
been handled by every node it bubbles through (a callback queued behind it on each), and until
the screen on top is ready for keys (a :class:`~casekit.tui.screens.form.FormModal` says when its
field has the focus). Held keys are then delivered in order, to whatever has the focus by then.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from textual import events

#: Seconds after which a key that never reported back no longer holds the ones behind it (a
#: widget removed before it handled the key).
STUCK_AFTER = 0.5

Deliver = Callable[[events.Event], Awaitable[None]]


class KeyGate:
    """Serialises key and paste events for ``app`` (see the module docstring)."""

    def __init__(self, app: Any, deliver: Deliver) -> None:
        self.app = app
        self.deliver = deliver
        self.held: deque[events.Event] = deque()
        self.inflight_since: float | None = None

    @staticmethod
    def gated(event: events.Event) -> bool:
        return isinstance(event, events.Key | events.Paste) and not event.is_forwarded

    def _screen_ready(self) -> bool:
        try:
            return bool(getattr(self.app.screen, "ready_for_keys", True))
        except Exception:  # noqa: BLE001 - no screen yet
            return True

    def _busy(self) -> bool:
        if self.inflight_since is None:
            return False
        if time.monotonic() - self.inflight_since > STUCK_AFTER:
            self.inflight_since = None
            return False
        return True

    async def handle(self, event: events.Event) -> None:
        """A key or paste arrived at the app: deliver it now, or hold it."""
        if self.held or self._busy() or not self._screen_ready():
            self.held.append(event)
            self.app.set_timer(STUCK_AFTER + 0.05, self.release)
            return
        await self._send(event)

    async def _send(self, event: events.Event) -> None:
        target = self.app.focused or self.app.screen
        self.inflight_since = time.monotonic()
        await self.deliver(event)
        self._follow(list(target.ancestors_with_self))

    def _follow(self, nodes: list[Any]) -> None:
        """Queue a callback behind the event on each node it can bubble to, in turn."""
        if not nodes:
            self.inflight_since = None
            self.app.call_later(self.release)
            return
        node, rest = nodes[0], nodes[1:]
        if not node.call_later(self._follow, rest):
            self._follow(rest)  # that node is closing: the event will not bubble from it

    async def release(self) -> None:
        """Deliver the next held event, if nothing is in flight and the screen is ready."""
        if self.held and not self._busy() and self._screen_ready():
            await self._send(self.held.popleft())
