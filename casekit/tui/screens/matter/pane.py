"""What every tab of the matter workspace shares.

A tab is a :class:`MatterPane` (a ``TabPane``): it shows its part of the matter
(:meth:`MatterPane.show`) and carries its own keys in ``BINDINGS``, which Textual puts in force
while the focus is inside the tab (the screen moves the focus into a tab when it is shown). Its
edits run in thread workers that post :class:`Saved` (the screen notifies, reads the matter
again and reviews a deadline recompute) and :class:`Loaded` (a fresh read of the matter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, TabPane

from casekit.tui.screens.base import _Shared

if TYPE_CHECKING:
    from casekit.services import views
    from casekit.services.deadlines import RecomputeDiff
    from casekit.tui.screens.matter.screen import MatterScreen


class Loaded(Message):
    """The matter was read (by the screen, or again after a rejected recompute)."""

    def __init__(self, detail: views.MatterDetail) -> None:
        super().__init__()
        self.detail = detail


class Saved(Message):
    """An edit went through; ``text`` says what happened, ``diff`` is the deadline recompute it
    causes (for the attorney to accept), ``note`` that a note was written, ``warn`` that the
    notice must stand out."""

    def __init__(
        self,
        text: str,
        *,
        diff: RecomputeDiff | None = None,
        note: bool = False,
        warn: bool = False,
    ) -> None:
        super().__init__()
        self.text = text
        self.diff = diff
        self.note = note
        self.warn = warn


class MatterPane(_Shared, TabPane):
    """One tab of the matter workspace; subclasses set ``TAB`` (its id) and ``TITLE``."""

    TAB: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    #: Where the help screen says the tab's keys work ("Matter, Deadlines tab").
    HELP_PLACE: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.TAB:
            cls.HELP_PLACE = f"Matter, {cls.TAB.capitalize()} tab"

    def __init__(self) -> None:
        super().__init__(self.TITLE, id=self.TAB)

    @property
    def workspace(self) -> MatterScreen:
        return cast("MatterScreen", self.screen)

    @property
    def matter_id(self) -> int:
        return self.workspace.matter_id

    @property
    def detail(self) -> views.MatterDetail | None:
        return self.workspace.detail

    def reload(self) -> None:
        """After an edit conflict: the whole matter is read again."""
        self.workspace.reload()

    def show(self, detail: views.MatterDetail) -> None:
        """Show the matter just read (the screen calls every tab's)."""

    def focus_target(self) -> Widget | None:
        """The widget that takes the focus when the tab is shown (its table by default)."""
        tables = self.query(DataTable)
        return tables.first() if tables else None


def fill(table: DataTable[Any], rows: Any) -> None:
    """Replace the rows of ``table``, keeping the cursor's place."""
    cursor = table.cursor_row
    table.clear()
    for row in rows:
        table.add_row(*row)
    if table.row_count:
        table.move_cursor(row=min(cursor, table.row_count - 1))
