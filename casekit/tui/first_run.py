"""First run: on an empty database (no matter, no firm name) the app guides to the three first
steps (:class:`~casekit.tui.screens.welcome.WelcomeModal`): the user's name, the firm settings,
the first intake. Shown once per start, never over the demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from casekit.tui.app import CasekitApp


def is_empty_office(app: CasekitApp) -> bool:
    """No matter at all (closed ones count) and no firm name: a new office (call in a thread)."""
    from casekit.services import casefile as views
    from casekit.services.office import show_settings

    svc = app.services
    if views.page_matters(svc, limit=1).total:
        return False
    return not show_settings(svc).get("firm.name")


def check(app: CasekitApp) -> None:
    """Show the welcome if this is a new office (worker body: runs in a thread)."""
    if is_empty_office(app):
        app.call_from_thread(welcome, app)


def welcome(app: CasekitApp) -> None:
    from casekit.tui.screens.user_name import UserNameModal
    from casekit.tui.screens.welcome import WelcomeModal

    def chosen(choice: str | None) -> None:
        if choice == "name":
            app.push_screen(UserNameModal(), lambda _name: welcome(app))
        elif choice == "settings":
            app.action_go("settings")
        elif choice == "intake":
            app.action_new_intake()

    app.push_screen(WelcomeModal(), chosen)
