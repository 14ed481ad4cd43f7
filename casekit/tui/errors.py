"""How a failure reaches the user: one line, never a traceback; an edit conflict offers Reload.

The services' messages are written for the command line too, and some end by naming the command
that fixes the problem ("run casekit settings set firm.name VALUE"). In the TUI the line says what
to do here instead (:func:`for_tui`): open Settings, press a key on the matter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from textual.app import App

from casekit.errors import CasekitError, ConflictError

#: (what the CLI advice looks like, what to say in the TUI instead), tried in order.
TUI_ADVICE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r":? ?\(?run casekit settings set [^)]*\)?$"),
        ": open Settings (s) and fill it in",
    ),
    (
        re.compile(r"casekit matter update \S+ --status \w+"),
        "press t (Status) on the matter",
    ),
    (
        re.compile(r"\(?casekit (time|cost) (edit|correct) [^)]*\)?"),
        "(on the matter's Fees screen, f)",
    ),
    (re.compile(r"\(?casekit matter (un)?restrict [^)]*\)?"), "(ask an administrator)"),
    (re.compile(r" ?\((see )?casekit [a-z-]+ list[^)]*\)"), ""),
    (re.compile(r"; see casekit deadlines history"), "; see the matter's History tab"),
)


def for_tui(message: str) -> str:
    """``message`` with command-line advice replaced by what to do in the TUI."""
    for pattern, advice in TUI_ADVICE:
        message = pattern.sub(advice, message)
    return message


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
        app.notify(for_tui(str(error)), severity="error", timeout=8)
    else:
        app.log.error(repr(error))
        app.notify(
            f"unexpected internal error ({type(error).__name__}); nothing was saved",
            severity="error",
            timeout=8,
        )
