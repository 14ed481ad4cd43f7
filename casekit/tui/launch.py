"""Starting the TUI: the factory shared by the CLI and the tests, and ``run_tui``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.services.base import build_app_context

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.tui.app import CasekitApp


def make_app(services: AppContext, *, demo: bool = False) -> CasekitApp:
    """Build the app on ``services`` (tests pass services with a pinned ``today``)."""
    from casekit.tui.app import CasekitApp

    return CasekitApp(services, demo=demo)


def run_tui(demo: bool = False, services: AppContext | None = None) -> None:
    """Open the app on the configured database (``casekit``) or the demo one (``casekit demo``).

    The database must already exist and be migrated; ``casekit demo`` fills it first.
    """
    if services is None:
        services = build_app_context()
    app = make_app(services, demo=demo)
    try:
        app.run()
    finally:
        services.dispose()
