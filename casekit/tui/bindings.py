"""Every app-wide action, once: its key, its stable binding id and what it does.

The same registry builds the App's ``BINDINGS`` (so the footer shows them and a keymap can
rebind them by id), the help screen and the command palette.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

import casekit.tui as tui


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


def tab_bindings(tabs: Iterable[tuple[str, str]], id_format: str) -> list[Binding]:
    """Keys 1, 2, … showing each tab of ``tabs`` (its id and title), kept out of the footer;
    a key's binding id is ``id_format`` filled with its number ``n`` and the tab's ``key``."""
    return [
        Binding(
            str(n),
            f"tab('{key}')",
            title,
            show=False,
            id=id_format.format(n=n, key=key),
            tooltip=f"Show the {title} tab.",
        )
        for n, (key, title) in enumerate(tabs, start=1)
    ]


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
        "user-name",
        "ctrl+n",
        "user_name",
        "Your name",
        "The name that signs your notes and the history.",
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
    Action(
        "help", "question_mark", "help", "Help", "Every key, and where it works.", key_display="?"
    ),
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


# --- the key table: every binding of every screen, for the help screen and the keymap --------

#: How the help screen names a screen or dialog (others: the class name in words).
SCREEN_NAMES: dict[str, str] = {
    "DashboardScreen": "Dashboard",
    "MattersScreen": "Matters",
    "MatterScreen": "Matter",
    "IntakeScreen": "Intake",
    "SettingsScreen": "Settings",
    "ReportsScreen": "Reports",
    "LawCheckScreen": "Law check",
    "RecomputeReviewScreen": "Recompute review",
    "FeesScreen": "Fees",
    "HelpScreen": "Help",
    "RowTable": "Lists",
    "ConfirmModal": "Questions",
    "ConflictModal": "Edit conflict",
}
#: Key names as they are shown ("question_mark" is "?").
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Del",
    "space": "Space",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


@dataclass(frozen=True)
class KeyRow:
    """One line of the key table: a key, what it does and where it works."""

    key: str
    title: str
    help: str
    where: tuple[str, ...]
    ids: tuple[str, ...]


def key_display(keys: str) -> str:
    """``"question_mark,f1"`` as people read it: ``"?, f1"``."""
    return ", ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def screen_name(cls: type) -> str:
    """What the help screen calls a screen or dialog class."""
    name = cls.__name__
    if name in SCREEN_NAMES:
        return SCREEN_NAMES[name]
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", re.sub(r"(Screen|Modal|Dialog)$", "", name)).lower()
    dialog = " dialog" if name.endswith(("Modal", "Dialog")) else ""
    return (words[:1].upper() + words[1:] + dialog).strip()


def ui_classes() -> list[type]:
    """Every screen, dialog and widget class of the TUI that declares bindings (all imported)."""
    import importlib
    import pkgutil

    for info in pkgutil.walk_packages(tui.__path__, "casekit.tui."):
        importlib.import_module(info.name)
    found: list[type] = []
    todo: list[type] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("casekit.tui.") and "BINDINGS" in vars(cls):
            found.append(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


def _place(cls: type) -> str:
    """Where a key works: its screen, or the tab for a key of one tab only ("Matter, Deadlines
    tab"), which a tab's pane says in ``HELP_PLACE`` (:mod:`casekit.tui.screens.panes`)."""
    place = getattr(cls, "HELP_PLACE", "")
    return place if isinstance(place, str) and place else screen_name(cls)


def _bindings(cls: type) -> list[Binding]:
    return [b for b in vars(cls)["BINDINGS"] if isinstance(b, Binding)]


def binding_ids() -> set[str]:
    """Every binding id a keymap may name."""
    ids = {b.id for cls in ui_classes() for b in _bindings(cls) if b.id}
    return ids | {a.id for a in APP_ACTIONS} | {"quit-now"}


def key_rows(keymap: dict[str, str] | None = None) -> list[KeyRow]:
    """The key table: every described binding of every screen, one row per key and action,
    with the screens where it works; the app's own keys ("everywhere") first.

    ``keymap`` (binding id → keys) shows a rebound key as it is now.
    """
    keymap = keymap or {}

    def keys_of(binding_id: str | None, default: str) -> str:
        return key_display(keymap.get(binding_id or "", default))

    rows = [
        KeyRow(keys_of(a.id, a.key), a.title, a.help, ("everywhere",), (a.id,)) for a in APP_ACTIONS
    ]
    rows.append(
        KeyRow("ctrl+p", "Palette", "Search commands and open matters.", ("everywhere",), ())
    )
    rows.append(
        KeyRow(keys_of("quit-now", "ctrl+q"), "Quit now", "Leave at once.", ("everywhere",), ())
    )
    merged: dict[tuple[str, str, str], tuple[list[str], list[str]]] = {}
    for cls in ui_classes():
        if cls.__name__ == "CasekitApp":
            continue
        for b in _bindings(cls):
            if not b.description:
                continue
            where, ids = merged.setdefault(
                (keys_of(b.id, b.key), b.description, b.tooltip or ""), ([], [])
            )
            place = _place(cls)
            if place not in where:
                where.append(place)
            if b.id:
                ids.append(b.id)
    for (shown, title, help_text), (where, ids) in sorted(
        merged.items(), key=lambda item: (item[1][0][0], item[0][0].lower())
    ):
        dialogs = [w for w in where if w.endswith(" dialog")]
        if len(dialogs) > 3:  # "Esc: Cancel" works in every dialog; say so, not which
            where = [w for w in where if w not in dialogs] + ["every dialog"]
        rows.append(KeyRow(shown, title, help_text, tuple(where), tuple(ids)))
    return rows
