"""Edit a client's name, language and contacts, and the safe-to-contact flags (issue 15).

The dialog reads the client (never the sensitive fields: those have their own deliberate dialog,
:mod:`casekit.tui.screens.client_sensitive`) and dismisses with only what changed; the workspace
confirms a change of a safe-to-contact flag before it saves, and shows it prominently after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select

from casekit.services.clients import show_client
from casekit.services.clients.fields import patch_problems
from casekit.services.clients.inputs import ClientPatch
from casekit.tui.screens.form import MODAL_CSS, FormModal
from casekit.tui.widgets.format import language_choices

#: The languages offered (ISO 639-1 codes; the service accepts any such code).
LANGUAGES = language_choices()
CHANNELS = (("phone", "Phone"), ("email", "E-mail"), ("address", "Address"))


@dataclass(frozen=True)
class ClientChanges:
    """What the user changed (the fields of :class:`~casekit.services.clients.inputs.ClientPatch`),
    the version shown, and the flags moved."""

    client_id: int
    version: int
    changes: dict[str, Any]
    flags: tuple[tuple[str, bool], ...] = field(default=())


class ClientEditModal(FormModal):
    """Name, preferred name, language, phone, e-mail, address and their safe flags."""

    DEFAULT_CSS = (
        MODAL_CSS.format(name="ClientEditModal")
        + """
    ClientEditModal Horizontal.row { height: auto; margin-top: 0; align-horizontal: left; }
    ClientEditModal .row Input { width: 1fr; }
    ClientEditModal .row Checkbox { width: 20; }
    """
    )

    class Loaded(Message):
        def __init__(self, client: Any) -> None:
            super().__init__()
            self.client = client

    def __init__(self, client_id: int) -> None:
        super().__init__()
        self.client_id = client_id
        self.client: Any = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Edit the client (sensitive fields: S)", classes="title")
            yield Input(placeholder="Name", id="client-name", compact=True)
            yield Input(placeholder="Preferred name", id="client-preferred", compact=True)
            yield Select(LANGUAGES, prompt="Language", id="client-language", compact=True)
            for key, title in CHANNELS:
                with Horizontal(classes="row"):
                    yield Input(placeholder=title, id=f"client-{key}", compact=True)
                    yield Checkbox("safe to contact", id=f"client-{key}-safe", compact=True)
            yield Label("", id="client-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="client-cancel")
                yield Button("Save", id="client-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#client-name", Input).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="client-edit-load")
    def load(self) -> None:
        self.deliver(self.Loaded(show_client(self.svc, str(self.client_id))))

    def on_client_edit_modal_loaded(self, message: Loaded) -> None:
        c = self.client = message.client
        self.query_one("#client-name", Input).value = c.name
        self.query_one("#client-preferred", Input).value = c.preferred_name
        codes = {code for _, code in LANGUAGES}
        language = self.query_one("#client-language", Select)
        if c.preferred_language not in codes:
            language.set_options([*LANGUAGES, (c.preferred_language, c.preferred_language)])
        language.value = c.preferred_language
        from casekit.services.casefile.sensitive import HIDDEN

        for key, title in CHANNELS:
            field = self.query_one(f"#client-{key}", Input)
            if getattr(c, key) == HIDDEN:  # marked sensitive: edited in the Sensitive dialog
                field.placeholder = f"{title}: marked sensitive (edit with S on the overview)"
                field.disabled = True
            else:
                field.value = getattr(c, key)
            self.query_one(f"#client-{key}-safe", Checkbox).value = getattr(c, f"{key}_safe")
        self.mark_clean()

    @on(Input.Submitted)
    @on(Button.Pressed, "#client-save")
    def action_save(self) -> None:
        c = self.client
        if c is None:
            return
        error = self.query_one("#client-error", Label)
        now: dict[str, Any] = {
            "name": self.query_one("#client-name", Input).value.strip(),
            "preferred_name": self.query_one("#client-preferred", Input).value.strip(),
        }
        language = self.query_one("#client-language", Select).value
        if isinstance(language, str):
            now["language"] = language
        for key, title in CHANNELS:
            field = self.query_one(f"#client-{key}", Input)
            safe = self.query_one(f"#client-{key}-safe", Checkbox).value
            if field.disabled:  # sealed: its value is not here, only its flag
                now[f"{key}_safe"] = safe
                continue
            text = field.value.strip()
            if safe and not text:
                error.update(f"{title}: marked safe to contact, but empty.")
                return
            now[key], now[f"{key}_safe"] = text, safe and bool(text)
        problems = patch_problems(ClientPatch(**now), self.svc.today())
        if problems:  # the services' own checks, said in a sentence
            message = next(iter(problems.values()))
            error.update(f"{message[:1].upper()}{message[1:]}.")
            return
        was = {
            "name": c.name,
            "preferred_name": c.preferred_name,
            "language": c.preferred_language,
            **{k: getattr(c, k) for k, _ in CHANNELS},
            **{f"{k}_safe": getattr(c, f"{k}_safe") for k, _ in CHANNELS},
        }
        changes = {k: v for k, v in now.items() if was.get(k) != v}
        if not changes:
            self.dismiss(None)
            return
        flags = tuple(
            (key, bool(changes[f"{key}_safe"])) for key, _ in CHANNELS if f"{key}_safe" in changes
        )
        self.dismiss(ClientChanges(self.client_id, c.version, changes, flags))


def flag_question(flags: tuple[tuple[str, bool], ...]) -> str:
    """The confirmation a safe-to-contact change needs."""
    lines = [
        f"  {channel.replace('email', 'e-mail')}: "
        + ("SAFE to contact" if safe else "NOT safe to contact")
        for channel, safe in flags
    ]
    return "Change who may be contacted how?\n" + "\n".join(lines)
