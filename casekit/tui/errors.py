"""How a failure reaches the user: one line, never a traceback; an edit conflict offers Reload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from casekit.errors import CasekitError, ConflictError


def report_error(app: App[Any], error: BaseException, screen: object | None = None) -> None:
    """Show ``error`` from a service or worker.

    A :class:`ConflictError` (someone else saved first) opens the reload prompt, which calls
    ``screen.reload()`` when chosen; another :class:`CasekitError` becomes an error notification
    with its message; anything else a generic line (the details go to the Textual log).
    """
    if isinstance(error, ConflictError):
        from casekit.tui.screens.conflict import ConflictModal

        reload: Callable[[], None] | None = getattr(screen, "reload", None)

        def done(choice: bool | None) -> None:
            if choice and reload is not None:
                reload()

        app.push_screen(ConflictModal(str(error)), done)
    elif isinstance(error, CasekitError):
        app.notify(str(error), severity="error", timeout=8)
    else:
        app.log.error(repr(error))
        app.notify(
            f"unexpected internal error ({type(error).__name__}); nothing was saved",
            severity="error",
            timeout=8,
        )
