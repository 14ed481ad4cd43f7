"""The dashboard's lists count their rows only when a list is full."""

from __future__ import annotations

from typing import Any

from casekit.services import dashboard


def test_a_full_list_is_counted_a_short_one_is_not() -> None:
    asked: list[str] = []

    def run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        asked.append(sql)
        return [(12_345,)] if sql == "count" else [(n,) for n in range(params["limit"])]

    rows, total = dashboard._listed(run, ("list", "count"), {"limit": 3}, 3)
    assert (len(rows), total, asked) == (3, 12_345, ["list", "count"])
    asked.clear()
    rows, total = dashboard._listed(run, ("list", "count"), {"limit": 2}, 3)
    assert (len(rows), total, asked) == (2, 2, ["list"])
