"""Filling a DataTable again without losing the reader's place."""

from __future__ import annotations

from typing import Any

from textual.widgets import DataTable


def fill(table: DataTable[Any], rows: Any) -> None:
    """Replace the rows of ``table``, keeping the cursor's place."""
    cursor = table.cursor_row
    table.clear()
    for row in rows:
        table.add_row(*row)
    if table.row_count:
        table.move_cursor(row=min(cursor, table.row_count - 1))
