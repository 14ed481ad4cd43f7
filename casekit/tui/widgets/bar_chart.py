"""Horizontal bars drawn with block characters: the pattern report at a glance.

A widget without I/O: the screen hands it ``(label, count)`` pairs with :meth:`BarChart.show`.
Bars use eighth-blocks, so a count of 3 next to 24 is still visible at 80 columns; every bar
carries its number, so nothing depends on colour or length alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, cells: float) -> str:
    """``value`` of ``cells`` character cells as full and partial blocks."""
    eighths = max(1, round(value * 8)) if cells else 0
    whole, part = divmod(min(eighths, int(cells * 8)), 8)
    return "█" * whole + (_EIGHTHS[part] if part else "")


class BarChart(Static):
    """One line per bar: the label (cut to fit), the bar, the count."""

    COMPONENT_CLASSES = {"bar-chart--bar"}
    DEFAULT_CSS = """
    BarChart { height: auto; padding: 0 1; }
    BarChart > .bar-chart--bar { color: $accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id)
        self._bars: tuple[tuple[str, int], ...] = ()
        self._empty = ""

    def show(self, bars: Sequence[tuple[str, int]], *, empty: str = "") -> None:
        self._bars = tuple(bars)
        self._empty = empty
        self.refresh(layout=True)

    def render(self) -> Text:
        if not self._bars:
            return Text(self._empty, style="dim")
        width = max(20, self.size.width - 2) if self.size.width else 78
        top = max(n for _, n in self._bars) or 1
        number = len(str(top))
        label_w = min(max(len(label) for label, _ in self._bars), max(12, width // 2 - 4))
        span = max(4, width - label_w - number - 3)
        style = self.get_component_rich_style("bar-chart--bar")
        out = Text(no_wrap=True, overflow="ellipsis")
        for i, (label, count) in enumerate(self._bars):
            shown = label if len(label) <= label_w else label[: label_w - 1] + "…"
            if i:
                out.append("\n")
            out.append(f"{shown:<{label_w}} ")
            out.append(bar(count / top * span, span), style=style)
            out.append(f" {count}")
        return out
