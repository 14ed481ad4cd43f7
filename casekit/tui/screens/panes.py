"""What the tabbed screens (the matter workspace, the fees screen) share: each tab is a pane.

A tab is a :class:`WorkspacePane` (a focusable ``TabPane``) that carries its own keys in
``BINDINGS``; Textual puts them in force while the focus is on the pane or inside it, and a
:class:`TabbedScreen` gives the shown pane the focus. So a key of one tab works on that tab only,
without any gating, and the footer shows the keys of the tab on view.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import TabbedContent, TabPane, Tabs

from casekit.tui.screens.base import CasekitScreen, _Shared

__all__ = ["TabbedScreen", "WorkspacePane"]


class WorkspacePane(_Shared, TabPane, can_focus=True):
    """One tab of a tabbed screen; subclasses set ``TAB`` (its id), ``TITLE`` (its label) and,
    once per screen, ``SCREEN`` (what the help screen calls the screen).

    Left and right move between the tabs, as they do on the row of tab names.
    """

    #: Left and right, as on the row of tab names (the subclasses' BINDINGS add to these).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "previous_tab", show=False),
        Binding("right", "next_tab", show=False),
    ]

    TAB: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    SCREEN: ClassVar[str] = ""
    #: Where the help screen says the tab's keys work ("Matter, Docs tab"): the screen's name
    #: and the tab's label, as the user sees them.
    HELP_PLACE: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.TAB and cls.TITLE and cls.SCREEN:
            cls.HELP_PLACE = f"{cls.SCREEN}, {cls.TITLE} tab"

    def __init__(self) -> None:
        super().__init__(self.TITLE, id=self.TAB)

    def action_previous_tab(self) -> None:
        self.screen.query_one(Tabs).action_previous_tab()

    def action_next_tab(self) -> None:
        self.screen.query_one(Tabs).action_next_tab()


class TabbedScreen(CasekitScreen):
    """A screen of tabs (one ``TabbedContent`` of :class:`WorkspacePane`); the number keys run
    ``tab('<id>')`` and the shown tab takes the focus."""

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """The shown tab takes the focus (so its keys are in force), unless the focus is in it
        already (a table row, a text box)."""
        pane, focused = event.pane, self.focused
        if not isinstance(pane, WorkspacePane) or (
            focused is not None and (focused is pane or pane in focused.ancestors)
        ):
            return
        pane.focus()
