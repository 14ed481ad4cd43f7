"""The "Your name" dialog: the name that signs notes and the matter's history.

Saved in ``config.toml`` (``[user] name``) and used at once. ``CASEKIT_USER``, when set, still wins
at the next start (an office may set it for everyone); the dialog says so.
"""

from __future__ import annotations

import os

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label

from casekit.tui.preferences import clean_name, set_user_name
from casekit.tui.screens.base import Dialog
from casekit.tui.screens.confirm import close_unless_kept


class UserNameModal(Dialog[str]):
    """Ask for the user's name; dismisses with the name saved, or ``None``."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="user-name-cancel"),
        Binding("ctrl+s", "save", "Save", id="user-name-save", priority=True),
    ]

    class Saved(Message):
        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Your name", classes="title")
            yield Label(
                "It signs your notes and the history of every record you change.",
                classes="hint",
            )
            yield Input(self.casekit.services.actor, id="user-name", placeholder="Full name")
            if os.environ.get("CASEKIT_USER"):
                yield Label(
                    "CASEKIT_USER is set: it names you again at the next start.", classes="hint"
                )
            yield Label("", id="user-name-error")
            yield Label("Enter or ctrl+s saves · Esc cancels", classes="hint")

    def on_mount(self) -> None:
        name = self.query_one("#user-name", Input)
        name.focus()
        name.select_all()  # typing replaces the name shown

    @property
    def dirty(self) -> bool:
        return self.query_one("#user-name", Input).value.strip() != self.casekit.services.actor

    @on(Input.Submitted, "#user-name")
    def action_save(self) -> None:
        try:
            name = clean_name(self.query_one("#user-name", Input).value)
        except ValueError as exc:
            self.query_one("#user-name-error", Label).update(f"Not saved: {exc}.")
            return
        self.save(name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="user-name")
    def save(self, name: str) -> None:
        try:
            set_user_name(self.casekit, name)
        except (OSError, ValueError) as exc:
            self.app.call_from_thread(
                self.query_one("#user-name-error", Label).update, f"Not saved: {exc}."
            )
            return
        self.deliver(self.Saved(name))

    def on_user_name_modal_saved(self, message: Saved) -> None:
        self.app.notify(f"Notes and the history are now signed {message.name}.")
        self.dismiss(message.name)

    def action_cancel(self) -> None:
        close_unless_kept(self, dirty=self.dirty, question="Discard the name you typed?")
