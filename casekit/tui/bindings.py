"""Every app-wide action, once: its key, its stable binding id and what it does.

The same registry builds the App's ``BINDINGS`` (so the footer shows them and a keymap can
rebind them by id), the help screen and the command palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Action:
    """An app-wide action.

    Attributes:
        id: Stable binding id (kebab-case) used by keymaps.
        key: The default key.
        action: The Textual action string the key runs.
        title: Short name shown in the footer and the command palette.
        help: One sentence for the help screen and the palette.
        show: Whether the footer shows it (the help screen always does).
    """

    id: str
    key: str
    action: str
    title: str
    help: str
    show: bool = True
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.title,
            show=self.show,
            id=self.id,
            key_display=self.key_display,
            tooltip=self.help,
        )


APP_ACTIONS: tuple[Action, ...] = (
    Action("go-dashboard", "d", "go('dashboard')", "Dashboard", "Today's agenda and counts."),
    Action("go-matters", "m", "go('matters')", "Matters", "Every matter, paged, with filters."),
    Action("new-intake", "n", "new_intake", "New intake", "Record a new client and incident."),
    Action(
        "search-matters",
        "slash",
        "search",
        "Search",
        "Search matters by name, number, town, agency.",
        key_display="/",
    ),
    Action(
        "go-reports",
        "r",
        "go('reports')",
        "Reports",
        "Reminders, caseload, agencies; export.",
        show=False,
    ),
    Action(
        "go-settings",
        "s",
        "go('settings')",
        "Settings",
        "Firm details, attorneys, closures.",
        show=False,
    ),
    Action(
        "law-check",
        "L",
        "law_check",
        "Law check",
        "Open matters whose results came from another law pack, and what would change.",
        show=False,
    ),
    Action(
        "recompute-review",
        "U",
        "recompute_review",
        "Recompute review",
        "Every open matter's recomputed deadlines; accept or reject each change.",
        show=False,
    ),
    Action(
        "toggle-theme",
        "ctrl+t",
        "toggle_theme",
        "Light/dark",
        "Switch light and dark themes.",
        show=False,
    ),
    Action("help", "question_mark", "help", "Help", "Every key on this screen.", key_display="?"),
    Action(
        "back",
        "escape",
        "back",
        "Back",
        "Go back (asks first if something is unsaved).",
        show=False,
    ),
    Action("quit", "q", "quit", "Quit", "Leave casekit (asks first if something is unsaved)."),
)


def app_bindings() -> list[BindingType]:
    """The App's BINDINGS (``ctrl+q`` and ``ctrl+p`` come from Textual itself)."""
    return [
        *(a.binding() for a in APP_ACTIONS),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-now"),
    ]
