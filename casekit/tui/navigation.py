"""Where the keys go: one stack of screens over the dashboard.

``d`` returns to the dashboard, ``m``/``r``/``s`` show the matters, reports and settings screens
above it (installed once, so a search survives), a matter workspace or the intake form opens on
top of whatever is showing, and ``escape`` goes back; leaving typed input asks first.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.screen import Screen

#: Screens installed once and shown above the dashboard by name.
TOP_SCREENS = ("matters", "reports", "settings")


class NavigatingApp(App[None]):
    """The app's moves between screens (``casekit.tui.app.CasekitApp`` is one)."""

    def open_fees(self, matter_id: int, tab: str = "fees-time") -> None:
        """The fees and resolution screen of a matter (an offer on the dashboard opens it on
        the resolution tab)."""
        from casekit.tui.screens.fees import FeesScreen

        self.push_screen(FeesScreen(matter_id, tab=tab))

    def open_matter(self, matter_id: int, deadline_id: int | None = None) -> None:
        """The matter's workspace; on ``deadline_id`` (Deadlines tab, its row highlighted)."""
        from casekit.tui.screens.matter import MatterScreen

        top = self.screen
        if isinstance(top, MatterScreen) and top.matter_id == matter_id:
            if deadline_id is not None:
                top.show_deadline(deadline_id)
            return
        self.push_screen(MatterScreen(matter_id, deadline_id=deadline_id))

    def _then_if_nothing_unsaved(self, then: Callable[[], object]) -> None:
        """Run ``then``, after asking whether typed input on an open screen may be discarded."""
        if not any(getattr(s, "dirty", False) for s in self.screen_stack):
            then()
            return
        from casekit.tui.screens.confirm import ConfirmModal

        def answer(discard: bool | None) -> None:
            if discard:
                for screen in self.screen_stack:
                    screen.dirty = False  # type: ignore[attr-defined]
                then()

        self.push_screen(ConfirmModal("Discard the unsaved changes?", yes="Discard"), answer)

    def _top_screen(self, name: str) -> Screen[None]:
        if not self.is_screen_installed(name):
            from casekit.tui.screens.matters import MattersScreen
            from casekit.tui.screens.reports import ReportsScreen
            from casekit.tui.screens.settings import SettingsScreen

            factories: dict[str, Callable[[], Screen[None]]] = {
                "matters": MattersScreen,
                "reports": ReportsScreen,
                "settings": SettingsScreen,
            }
            self.install_screen(factories[name](), name)
        return self.get_screen(name)

    def _show(self, name: str) -> Screen[None] | None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if name in TOP_SCREENS:
            screen = self._top_screen(name)
            self.push_screen(screen)
            return screen
        return None

    def action_go(self, name: str) -> None:
        self._then_if_nothing_unsaved(lambda: self._show(name))

    def action_search(self) -> None:
        def show_and_focus() -> None:
            screen = self._show("matters")
            if screen is not None:
                screen.call_after_refresh(screen.action_focus_search)  # type: ignore[attr-defined]

        self._then_if_nothing_unsaved(show_and_focus)

    def action_new_intake(self) -> None:
        from casekit.tui.screens.intake import IntakeScreen

        if not isinstance(self.screen, IntakeScreen):
            self.push_screen(IntakeScreen())

    def action_law_check(self) -> None:
        from casekit.tui.screens.law_check import LawCheckScreen

        if not isinstance(self.screen, LawCheckScreen):
            self.push_screen(LawCheckScreen())

    def action_recompute_review(self) -> None:
        from casekit.tui.screens.review import RecomputeReviewScreen

        if not isinstance(self.screen, RecomputeReviewScreen):
            self.push_screen(RecomputeReviewScreen())

    def action_help(self) -> None:
        from casekit.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_user_name(self) -> None:
        from casekit.tui.screens.user_name import UserNameModal

        self.push_screen(UserNameModal())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme != "textual-light" else "textual-dark"

    async def action_back(self) -> None:
        if len(self.screen_stack) <= 1:
            return
        top = self.screen
        if getattr(top, "dirty", False):
            self._then_if_nothing_unsaved(self.pop_screen)
        else:
            self.pop_screen()

    async def action_quit(self) -> None:
        self._then_if_nothing_unsaved(self.exit)
