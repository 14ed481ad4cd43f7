"""First run on an empty database: three steps to a working office (name, firm, first intake)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from casekit.tui.screens.base import Dialog

STEPS = (
    "1. Your name: it signs your notes and the history.",
    "2. The firm: name, address and juris number for letterheads and court papers (Settings).",
    "3. The first intake: the client, the incident, a conflict check, then the matter.",
)


class WelcomeModal(Dialog[str]):
    """Shown once per start while the database holds no matter and no firm name.

    Dismisses with ``"name"``, ``"settings"``, ``"intake"`` or ``None`` (later).
    """

    BINDINGS = [
        Binding("escape", "choose(None)", "Later", id="welcome-later"),
        Binding("y", "choose('name')", "Your name", id="welcome-name"),
        Binding("s", "choose('settings')", "Firm settings", id="welcome-settings"),
        Binding("n", "choose('intake')", "First intake", id="welcome-intake"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Welcome to casekit: this database is empty.", classes="title")
            for step in STEPS:
                yield Label(step, classes="step")
            with Horizontal():
                yield Button("Your name (y)", id="welcome-name", variant="primary")
                yield Button("Firm (s)", id="welcome-settings")
                yield Button("Intake (n)", id="welcome-intake")
                yield Button("Later (Esc)", id="welcome-later")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = (event.button.id or "").removeprefix("welcome-")
        self.dismiss(None if choice == "later" else choice)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
