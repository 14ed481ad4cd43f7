"""Correct a party: name, role, capacity (a defendant's) and service address (issue 15).

The dialog dismisses with only what changed, and the version the party had when it was shown;
the workspace saves it through :func:`casekit.services.edits.update_party` (someone else's change
since is refused, nothing written) and offers the deadline recompute a defendant's change causes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from casekit.domain.model import PARTY_ROLES
from casekit.domain.text import one_line
from casekit.services.casefile import PartyView
from casekit.tui.screens.form import FormDialog
from casekit.tui.widgets.format import label

#: The capacities a defendant is sued in ("" = not stated).
CAPACITY_CHOICES = (
    ("Official capacity", "official"),
    ("Individual capacity", "individual"),
    ("Not stated", "none"),
)


@dataclass(frozen=True)
class PartyChanges:
    """The party's id and version as shown, and what changed (service argument names)."""

    party_id: int
    version: int
    changes: dict[str, Any]


class PartyEditModal(FormDialog[PartyChanges]):
    """Dismisses with :class:`PartyChanges`, or ``None`` (cancelled or nothing changed)."""

    def __init__(self, party: PartyView) -> None:
        super().__init__()
        self.party = party

    def compose(self) -> ComposeResult:
        p = self.party
        with Vertical():
            yield Label(f"Edit the {label(p.role)}: {p.name}", classes="title")
            with Horizontal(classes="field"):
                yield Label("Name")
                yield Input(p.name, placeholder="Name", id="party-edit-name", compact=True)
            with Horizontal(classes="field"):
                yield Label("Role")
                yield Select(
                    [(label(r).capitalize(), r) for r in PARTY_ROLES],
                    value=p.role if p.role in PARTY_ROLES else Select.BLANK,
                    allow_blank=p.role not in PARTY_ROLES,
                    id="party-edit-role",
                    compact=True,
                )
            with Horizontal(classes="field defendant-only", id="party-edit-capacity-row"):
                yield Label("Sued in")
                yield Select(
                    CAPACITY_CHOICES,
                    value=p.capacity or "none",
                    allow_blank=False,
                    id="party-edit-capacity",
                    compact=True,
                )
            with Horizontal(classes="field"):
                yield Label("Service address")
                yield Input(
                    p.service_address,
                    placeholder="Where process is served",
                    id="party-edit-address",
                    compact=True,
                )
            yield Label(
                "A defendant's change may move deadlines: they are shown before anything moves.",
                classes="hint",
            )
            yield Label("", id="party-edit-error", classes="error")
            with Horizontal():
                yield Button("Cancel", id="party-edit-cancel")
                yield Button("Save", id="party-edit-save", variant="primary")

    def on_mount(self) -> None:
        self._show_capacity()
        self.query_one("#party-edit-name", Input).focus()

    def _role(self) -> str:
        value = self.query_one("#party-edit-role", Select).value
        return value if isinstance(value, str) else self.party.role

    @on(Select.Changed, "#party-edit-role")
    def _show_capacity(self) -> None:
        hidden = self._role() != "defendant"
        self.query_one("#party-edit-capacity-row").set_class(hidden, "-hidden")

    @on(Input.Submitted)
    @on(Button.Pressed, "#party-edit-save")
    def action_save(self) -> None:
        p = self.party
        error = self.query_one("#party-edit-error", Label)
        name = one_line(self.query_one("#party-edit-name", Input).value)
        if not name:
            error.update("The party needs a name.")
            self.query_one("#party-edit-name", Input).focus()
            return
        role = self._role()
        capacity_value = self.query_one("#party-edit-capacity", Select).value
        capacity = capacity_value if isinstance(capacity_value, str) else "none"
        capacity = "" if role != "defendant" or capacity == "none" else capacity
        address = self.query_one("#party-edit-address", Input).value.strip()
        changes: dict[str, Any] = {}
        if name != p.name:
            changes["name"] = name
        if role != p.role:
            changes["role"] = role
        if capacity != (p.capacity if role == "defendant" else ""):
            changes["capacity"] = capacity
        if address != p.service_address:
            changes["service_address"] = address
        if not changes:
            self.dismiss(None)
            return
        self.dismiss(PartyChanges(p.id, p.version, changes))
