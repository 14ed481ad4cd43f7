"""The columns of a :class:`~casekit.tui.widgets.row_table.RowTable`: how wide each is, which
fit, and a row prepared as padded pieces of text.

Columns fit the width the table has (:func:`fit_columns`): on a narrow terminal the columns with
the highest ``drop`` are left out, and on a wide one the columns that ``grow`` take the spare
width, so names are cut short only when there is no room for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text

Cell = str | Text
#: Blank cells either side of every value (as DataTable draws them).
PAD = 1
_NO_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


@dataclass(frozen=True)
class Column:
    """A column of a :class:`RowTable`.

    Attributes:
        label: The header.
        width: The width (cells) it always has when shown.
        grow: Its share of the spare width on a wide terminal (0: stays at ``width``).
        max_width: The most it grows to (``None``: no limit).
        drop: 0 if always shown; otherwise left out when the table is too narrow, the highest
            number first.
    """

    label: str
    width: int
    grow: int = 0
    max_width: int | None = None
    drop: int = 0


#: The columns shown: (index into the declared columns, width).
Layout = tuple[tuple[int, int], ...]


def fit_columns(columns: Sequence[Column], available: int) -> Layout:
    """Which columns to show in ``available`` cells, and how wide.

    Columns with a ``drop`` rank are left out, highest rank first, until the rest fit; spare
    cells then go to the growing columns in proportion to ``grow`` (up to their ``max_width``).
    ``available`` of 0 or less (not laid out yet) gives every column at its width.
    """
    shown = list(range(len(columns)))
    if available <= 0:
        return tuple((i, columns[i].width) for i in shown)

    def total(indexes: Iterable[int]) -> int:
        return sum(columns[i].width + 2 * PAD for i in indexes)

    for i in sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop):
        if total(shown) <= available:
            break
        shown.remove(i)
    widths = {i: columns[i].width for i in shown}
    spare = available - total(shown)
    growing = [i for i in shown if columns[i].grow]
    while spare > 0 and growing:
        for i in list(growing):
            cap = columns[i].max_width
            step = min(columns[i].grow, spare, (cap - widths[i]) if cap is not None else spare)
            widths[i] += step
            spare -= step
            if cap is not None and widths[i] >= cap:
                growing.remove(i)
            if spare <= 0:
                break
    return tuple((i, widths[i]) for i in shown)


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` terminal cells: padded, or cut short with an ellipsis."""
    text = text.translate(_NO_BREAKS)
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…" if width > 0 else ""


#: A prepared row: runs of text, each with its own style or ``None`` for the row's style.
Pieces = tuple[tuple[str, Style | None], ...]


def prepare(cells: Sequence[Cell], layout: Layout) -> Pieces:
    pieces: list[tuple[str, Style | None]] = []
    plain: list[str] = []
    pad = " " * PAD
    for index, width in layout:
        value = cells[index]
        if isinstance(value, Text) and value.style:
            if plain:
                pieces.append(("".join(plain), None))
                plain = []
            style = value.style if isinstance(value.style, Style) else Style.parse(value.style)
            pieces.append((pad + fit(value.plain, width) + pad, style))
        else:
            plain.append(pad + fit(str(value), width) + pad)
    if plain:
        pieces.append(("".join(plain), None))
    return tuple(pieces)
