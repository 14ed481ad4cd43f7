"""The help screen (``?``): every key of the app and of the screen underneath."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label

from casekit.tui.bindings import APP_ACTIONS
from casekit.tui.screens.base import CasekitModal


def _key(app_key: str, display: str | None) -> str:
    return display or {"question_mark": "?", "slash": "/"}.get(app_key, app_key)


class HelpScreen(CasekitModal):
    """A table of keys: the screen's own first, then the app's."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 90; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; padding: 0 1; }
    HelpScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                "Keys  (ctrl+p opens the command palette; the mouse works too)", id="help-title"
            )
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "What it does", "Binding id")
        seen: set[str] = set()
        for binding in getattr(self.under, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.description:
                table.add_row(
                    _key(binding.key, binding.key_display),
                    binding.description,
                    binding.tooltip,
                    binding.id or "",
                )
                seen.add(binding.key)
        for action in APP_ACTIONS:
            if action.key not in seen:
                table.add_row(
                    _key(action.key, action.key_display), action.title, action.help, action.id
                )
        table.add_row("ctrl+p", "Palette", "Search commands and open matters.", "command-palette")
        table.add_row("ctrl+q", "Quit now", "Leave casekit at once.", "quit-now")
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
