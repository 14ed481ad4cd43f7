"""The block-character bars of the pattern report (casekit.tui.widgets.bar_chart)."""

from __future__ import annotations

import pytest

from casekit.tui.widgets.bar_chart import bar


@pytest.mark.parametrize(
    ("value", "cells", "expected"),
    [
        (10, 10, "█" * 10),
        (2.5, 10, "██▌"),
        (0.01, 10, "▏"),  # a count is never drawn as nothing
        (12, 10, "█" * 10),  # never wider than the space
        (0, 0, ""),
    ],
)
def test_bar(value: float, cells: float, expected: str) -> None:
    assert bar(value, cells) == expected
