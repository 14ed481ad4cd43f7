"""A horizontal bar chart as a PNG, for the Word pattern report.

Drawn with Pillow (a 7 MB wheel with no further dependencies, imported only here, only when a
chart is drawn). matplotlib would draw the same bars with some 60 MB of dependencies (numpy
among them) and half a second of import; a hand-written PNG writer would need its own font.
Pillow's bundled scalable font (Pillow >= 10.1) needs no system fonts, so the chart looks the
same on every machine; where Pillow has no FreeType, its small bitmap font is used.

The picture carries no data the table beside it does not: labels are agencies, towns, codes
and years; counts are the ones the report shows. Deterministic: the same rows give the same
bytes (a test compares them).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

#: Drawn at 2x the size it is placed at in the document (crisp when printed).
_SCALE = 2
_WIDTH_MM = 165.0
_BAR = (31, 78, 121)  # dark blue: prints well in grey too
_TEXT = (33, 33, 33)
_GRID = (210, 210, 210)


@dataclass(frozen=True)
class Picture:
    """A PNG and the width it takes on the page."""

    png: bytes
    width_mm: float = _WIDTH_MM


def _font(size: int) -> object:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError, ImportError):  # an old Pillow, or no FreeType
        return ImageFont.load_default()


def bar_chart_png(bars: Sequence[tuple[str, int]], *, title: str) -> Picture:
    """Horizontal bars, largest first as given: a label on the left, the count at the bar's end.

    Args:
        bars: ``(label, count)`` pairs; labels longer than 46 characters are shortened.
        title: One line above the bars.

    Returns:
        The PNG, to be placed 165 mm wide.
    """
    from PIL import Image, ImageDraw

    s = _SCALE
    font, small, bold = _font(13 * s), _font(11 * s), _font(15 * s)
    labels = [(lbl if len(lbl) <= 46 else lbl[:45] + "…", int(n)) for lbl, n in bars]
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))

    def width(text: str, face: object) -> int:
        left, _, right, _ = probe.textbbox((0, 0), text, font=face)  # type: ignore[arg-type]
        return int(right - left)

    canvas_w = 1100 * s
    pad = 16 * s
    row_h = 24 * s
    label_w = min(int(canvas_w * 0.45), max((width(lbl, font) for lbl, _ in labels), default=0))
    top = pad + 30 * s
    canvas_h = top + row_h * max(1, len(labels)) + pad + 18 * s
    image = Image.new("RGB", (canvas_w, canvas_h), "white")
    draw = ImageDraw.Draw(image)
    draw.text((pad, pad), title, fill=_TEXT, font=bold)  # type: ignore[arg-type]
    x0 = pad + label_w + 12 * s
    count_w = width(str(max((n for _, n in labels), default=0)), small) + 12 * s
    span = canvas_w - x0 - pad - count_w
    most = max((n for _, n in labels), default=1) or 1
    for tick in _ticks(most):
        x = x0 + int(span * tick / most)
        draw.line((x, top - 4 * s, x, top + row_h * len(labels)), fill=_GRID, width=s)
        draw.text((x - width(str(tick), small) // 2, top + row_h * len(labels) + 4 * s),
                  str(tick), fill=_TEXT, font=small)  # type: ignore[arg-type]  # fmt: skip
    for n, (label, count) in enumerate(labels):
        y = top + n * row_h
        draw.text((pad + label_w - width(label, font), y + 4 * s), label, fill=_TEXT,
                  font=font)  # type: ignore[arg-type]  # fmt: skip
        bar_end = x0 + max(2 * s, int(span * count / most))
        draw.rectangle((x0, y + 4 * s, bar_end, y + row_h - 4 * s), fill=_BAR)
        draw.text((bar_end + 6 * s, y + 5 * s), str(count), fill=_TEXT,
                  font=small)  # type: ignore[arg-type]  # fmt: skip
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Picture(out.getvalue())


def _ticks(most: int) -> list[int]:
    """Up to five round grid values from 0 to ``most``."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if most / candidate <= 5:
            break
    return list(range(0, most + 1, step))
