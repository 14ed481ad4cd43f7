"""Helpers for driving the app in tests."""

from __future__ import annotations

from typing import Any, Protocol

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


def cells(table: Table) -> list[list[str]]:
    """The table's rows as plain strings."""
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def column(table: Table, index: int) -> list[str]:
    return [row[index] for row in cells(table)]
