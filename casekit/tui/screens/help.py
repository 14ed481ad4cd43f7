"""The help screen (``?``): the keys of the screen underneath, the keys that work everywhere, and
every other key with the screens where it works (from :func:`casekit.tui.bindings.key_rows`)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from casekit.tui.bindings import KeyRow, key_rows, screen_name
from casekit.tui.screens.base import Dialog


def _on(row: KeyRow, screen: str) -> list[str]:
    """Where ``row`` works on ``screen``: "" for the whole screen, or its tabs ("Deadlines tab")."""
    return [
        "" if w == screen else w.removeprefix(f"{screen}, ")
        for w in row.where
        if w == screen or w.startswith(f"{screen}, ")
    ]


def _table(title: str, rows: list[KeyRow], *, where: bool, screen: str = "") -> Table:
    table = Table(
        title=Text(title, style="bold"),
        title_justify="left",
        box=None,
        expand=True,
        show_header=False,
        pad_edge=False,
    )
    table.add_column("Key", style="bold", no_wrap=True, min_width=6)
    table.add_column("Action", no_wrap=True)
    table.add_column("What it does", ratio=1)
    for row in rows:
        text = Text(row.help)
        if where:
            text.append(f"  ({', '.join(row.where)})", style="dim")
        elif screen and (tabs := [t for t in _on(row, screen) if t]):
            text.append(f"  ({', '.join(tabs)})", style="dim")
        table.add_row(row.key, row.title, text)
    return table


class HelpScreen(Dialog[None]):
    """Keys: this screen's first, then everywhere, then the rest by screen."""

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help-close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        keymap = dict(getattr(self.app, "_keymap", {}) or {})
        rows = key_rows(keymap)
        here_name = screen_name(type(self.under))
        here = [r for r in rows if _on(r, here_name)]
        everywhere = [r for r in rows if "everywhere" in r.where]
        elsewhere = [r for r in rows if r not in here and r not in everywhere]
        with Vertical():
            yield Label(
                "Keys  (Esc closes; ctrl+p opens the command palette; the mouse works too)",
                id="help-title",
            )
            with VerticalScroll(id="help-keys"):
                if here:
                    yield Static(
                        _table(
                            f"On this screen ({here_name})", here, where=False, screen=here_name
                        ),
                        classes="help-section",
                        id="help-here",
                    )
                yield Static(
                    _table("Everywhere", everywhere, where=False),
                    classes="help-section",
                    id="help-everywhere",
                )
                yield Static(
                    _table("On other screens", elsewhere, where=True),
                    classes="help-section",
                    id="help-elsewhere",
                )

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()

    def action_close(self) -> None:
        self.dismiss(None)
