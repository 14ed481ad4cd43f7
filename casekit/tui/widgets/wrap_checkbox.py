"""A checkbox whose label wraps onto more lines instead of being cut at the edge.

Textual's ``Checkbox`` is always one line high (its label is cut with "…"); a law pack title
("Arrest or detain a person on a civil immigration detainer, …") needs two or three lines at 80
columns. Give it ``width: 100%; height: auto; text-wrap: wrap`` in CSS.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Checkbox


class WrapCheckbox(Checkbox):
    """A checkbox as tall as its wrapped label."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Widget's own measure (the wrapped content), not ToggleButton's fixed one line.
        return max(1, Widget.get_content_height(self, container, viewport, width))
