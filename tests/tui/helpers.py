"""Helpers for driving the app in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot


class Table(Protocol):
    """What DataTable and casekit's RowTable share."""

    @property
    def row_count(self) -> int: ...

    def get_row_at(self, index: int) -> Any: ...


async def wait_for_workers(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let every worker finish and every message they posted be handled."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def until(pilot: Pilot[Any], ready: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run until ``ready()`` (a condition, not a guessed pause: load-proof)."""
    end = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > end:
            raise AssertionError("the app did not settle")
        await pilot.pause(0.02)


async def checked(pilot: Pilot[Any]) -> None:
    """Let the intake form's live checks run: their typing delay past, their workers done."""
    screen = pilot.app.screen
    await until(pilot, lambda: not getattr(screen, "checks_pending", False))
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def cells(table: Table) -> list[list[str]]:
    """The table's rows as plain strings."""
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def column(table: Table, index: int) -> list[str]:
    return [row[index] for row in cells(table)]


class Notices:
    """The messages the app handled, and among them the notifications it showed: pass it to
    ``app.run_test(message_hook=...)`` and read :attr:`shown` (each with ``message`` and
    ``severity``), :attr:`texts` or :meth:`seen`."""

    def __init__(self) -> None:
        self.shown: list[Notification] = []
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)
        if isinstance(message, Notify):
            self.shown.append(message.notification)

    def seen(self, kind: type[Message]) -> bool:
        """Whether a message of that kind was handled."""
        return any(isinstance(m, kind) for m in self.messages)

    @property
    def texts(self) -> list[str]:
        return [str(n.message) for n in self.shown]
