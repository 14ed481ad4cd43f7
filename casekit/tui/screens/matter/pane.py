"""What every tab of the matter workspace shares.

A tab is a :class:`MatterPane` (a :class:`~casekit.tui.screens.panes.WorkspacePane`): it shows
its part of the matter (:meth:`MatterPane.show`) and carries its own keys in ``BINDINGS``, which
Textual puts in force while the focus is on the tab or inside it (the screen gives a tab the focus
when it is shown). Its edits run in thread workers that post :class:`Saved` (the screen notifies,
reads the matter again and reviews a deadline recompute) and :class:`Loaded` (a fresh read of the
matter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.message import Message

from casekit.tui.bindings import SCREEN_NAMES
from casekit.tui.screens.panes import WorkspacePane

if TYPE_CHECKING:
    from casekit.services import casefile as views
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


class MatterPane(WorkspacePane):
    """One tab of the matter workspace; subclasses set ``TAB`` (its id) and ``TITLE``."""

    SCREEN = SCREEN_NAMES["MatterScreen"]

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
