"""The deliberate "Sensitive" dialog: the client's date of birth, A-number, immigration status,
the contact fields the firm marked sensitive, and the convictions recorded on the incident
(issue 15).

These values are decrypted only when this dialog opens (a worker calls
:func:`casekit.services.casefile.sensitive.read_sensitive`) and shown only inside it: the dialog
dismisses with what changed, the workspace saves it in one transaction, and the notification names
the fields that changed, never their values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label

from casekit.tui.screens.form import FormDialog

MARKED_TITLES = {"phone": "Phone", "email": "E-mail", "address": "Address"}
#: What the notification calls a changed field (names only, never values).
FIELD_TITLES = {
    "date_of_birth": "date of birth",
    "a_number": "A-number",
    "immigration_status": "immigration status",
    "phone": "phone",
    "email": "e-mail",
    "address": "address",
    "convictions": "convictions",
}


@dataclass(frozen=True)
class SensitiveChanges:
    client_changes: dict[str, Any]
    convictions: tuple[tuple[str, str | None], ...] | None
    client_version: int
    incident_version: int

    def __repr__(self) -> str:  # never the values, in a traceback or a log
        return f"SensitiveChanges(fields={sorted(self.client_changes)})"


def format_convictions(convictions: tuple[tuple[str, str | None], ...]) -> str:
    """``53a-101 B, 21a-277`` (section, then the felony class when recorded)."""
    return ", ".join(f"{s} {c}" if c else s for s, c in convictions)


def parse_convictions(text: str) -> tuple[tuple[str, str | None], ...] | str:
    """The convictions typed as ``SECTION [CLASS], …``, or the message to show."""
    out: list[tuple[str, str | None]] = []
    for item in text.split(","):
        words = item.split()
        if not words:
            continue
        section, rest = words[0], words[1:]
        if len(rest) > 1:
            return f"Convictions: '{item.strip()[:30]}' is not SECTION or SECTION CLASS."
        felony_class = rest[0].upper() if rest else None
        if felony_class is not None and felony_class not in {"A", "B", "C", "D", "E"}:
            return "Convictions: the felony class is A, B, C, D or E (or leave it out)."
        out.append((section, felony_class))
    return tuple(out)


def _row(title: str, field_id: str, placeholder: str) -> Horizontal:
    """A labelled field on one line (the label stays when the field holds a value)."""
    return Horizontal(
        Label(title),
        Input(placeholder=placeholder, id=field_id, compact=True),
        classes="field",
    )


def changed_fields(changed: tuple[str, ...]) -> str:
    """The names of the fields that changed, in the dialog's order (never their values)."""
    order = list(FIELD_TITLES)
    ranked = sorted(changed, key=lambda f: order.index(f) if f in order else len(order))
    return ", ".join(FIELD_TITLES.get(f, f.replace("_", " ")) for f in ranked)


class SensitiveModal(FormDialog[SensitiveChanges]):
    """Dismisses with :class:`SensitiveChanges`, or ``None`` (cancelled or nothing changed)."""

    class Loaded(Message):
        def __init__(self, view: Any) -> None:
            super().__init__()
            self.view = view

    def __init__(self, matter_id: int, *, today: date) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.today = today
        self.view: Any = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Sensitive: shown only here, never in notifications", classes="title")
            yield _row("Date of birth", "sensitive-dob", "YYYY-MM-DD")
            yield _row("A-number", "sensitive-a-number", "A + 8 or 9 digits")
            yield _row("Immigration status", "sensitive-status", "e.g. asylum pending")
            yield Vertical(id="sensitive-marked")
            yield _row("Convictions", "sensitive-convictions", "53a-101 B, 21a-277")
            yield Label(
                "Convictions: statute section and felony class (A-E) if known, comma-separated; "
                "the screening is redone on save.",
                classes="hint",
            )
            yield Label("", id="sensitive-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="sensitive-cancel")
                yield Button("Save", id="sensitive-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#sensitive-dob", Input).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sensitive-load")
    def load(self) -> None:
        from casekit.services.casefile.sensitive import read_sensitive

        self.deliver(self.Loaded(read_sensitive(self.svc, self.matter_id)))

    async def on_sensitive_modal_loaded(self, message: Loaded) -> None:
        v = self.view = message.view
        self.query_one("#sensitive-dob", Input).value = (
            v.date_of_birth.isoformat() if v.date_of_birth else ""
        )
        self.query_one("#sensitive-a-number", Input).value = v.a_number
        self.query_one("#sensitive-status", Input).value = v.immigration_status
        box = self.query_one("#sensitive-marked", Vertical)
        for field, value in v.marked.items():
            title = MARKED_TITLES.get(field, field)
            await box.mount(_row(title, f"sensitive-{field}", f"{title} (marked sensitive)"))
            self.query_one(f"#sensitive-{field}", Input).value = value
        self.query_one("#sensitive-convictions", Input).value = format_convictions(v.convictions)
        self.mark_clean()

    @on(Input.Submitted)
    @on(Button.Pressed, "#sensitive-save")
    def action_save(self) -> None:
        v = self.view
        if v is None:
            return
        error = self.query_one("#sensitive-error", Label)
        now: dict[str, Any] = {
            "a_number": self.query_one("#sensitive-a-number", Input).value.strip(),
            "immigration_status": self.query_one("#sensitive-status", Input).value.strip(),
        }
        dob_text = self.query_one("#sensitive-dob", Input).value.strip()
        if dob_text:
            try:
                dob = date.fromisoformat(dob_text)
            except ValueError:
                error.update("Date of birth: a real date, YYYY-MM-DD.")
                return
            if dob > self.today:
                error.update("Date of birth: after today.")
                return
        now["date_of_birth"] = dob_text
        for field in v.marked:
            now[field] = self.query_one(f"#sensitive-{field}", Input).value.strip()
        was = {
            "a_number": v.a_number,
            "immigration_status": v.immigration_status,
            "date_of_birth": v.date_of_birth.isoformat() if v.date_of_birth else "",
            **v.marked,
        }
        changes = {k: val for k, val in now.items() if was.get(k, "") != val}
        convictions = parse_convictions(self.query_one("#sensitive-convictions", Input).value)
        if isinstance(convictions, str):
            error.update(convictions)
            return
        if convictions == tuple(v.convictions):
            convictions_change = None
        else:
            if v.incident_id is None:
                error.update("This matter has no incident to record convictions on.")
                return
            convictions_change = convictions
        if not changes and convictions_change is None:
            self.dismiss(None)
            return
        self.dismiss(
            SensitiveChanges(changes, convictions_change, v.client_version, v.incident_version)
        )
