"""Add a party to a matter: a defendant from the agency or town registry (its employer and
service address suggested as the attorney types), a plaintiff or a witness. Dismisses with a
:class:`PartyInput` (or ``None``); the workspace saves it in a worker."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from casekit.domain.model import PARTY_ROLES
from casekit.services import casefile as views
from casekit.services.matters.defendant import suggest_defendant
from casekit.tui.screens.base import OptionsLoaded
from casekit.tui.screens.form import FormDialog, buttons
from casekit.tui.widgets.format import label, sentence

# --- party ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInput:
    role: str
    name: str = ""
    agency: str = ""
    town: str = ""
    capacity: str = ""
    service_address: str = ""


class PartyModal(FormDialog[PartyInput]):
    """A defendant from the agency or town registry (its employer suggested), or a person."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="party-cancel"),
        Binding("ctrl+s", "save", "Save", id="party-save", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agencies: dict[str, views.AgencyChoice] = {}
        self.towns: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Add a party", classes="title")
            yield Select(
                [(sentence(r), r) for r in PARTY_ROLES],
                value="defendant",
                allow_blank=False,
                id="party-role",
                compact=True,
            )
            yield Input(
                placeholder="Agency whose officers acted (type for suggestions)",
                id="party-agency",
                compact=True,
                classes="defendant-only",
            )
            yield Input(
                placeholder="…or the town or city itself",
                id="party-town",
                compact=True,
                classes="defendant-only",
            )
            yield Input(
                placeholder="Name (a person; for a defendant, an officer sued individually)",
                id="party-name",
                compact=True,
            )
            yield Input(
                placeholder="Service address (optional: replaces the suggested one)",
                id="party-address",
                compact=True,
                classes="defendant-only",
            )
            yield Static("", id="party-suggestion")
            yield Label("", id="party-error", classes="error")
            yield buttons("party", "Add")

    def on_mount(self) -> None:
        self.query_one("#party-agency", Input).focus()
        self.load_options()

    @work(thread=True, exclusive=True, exit_on_error=False, group="party-options")
    def load_options(self) -> None:
        self.deliver(OptionsLoaded(views.options(self.svc)))

    def on_options_loaded(self, message: OptionsLoaded) -> None:
        self.agencies = {a.name: a for a in message.options.agencies}
        self.towns = {t.label for t in message.options.towns}
        self.query_one("#party-agency", Input).suggester = SuggestFromList(
            list(self.agencies), case_sensitive=False
        )
        self.query_one("#party-town", Input).suggester = SuggestFromList(
            sorted(self.towns), case_sensitive=False
        )
        self._suggest()

    def _value(self, name: str) -> str:
        return self.query_one(f"#party-{name}", Input).value.strip()

    def _role(self) -> str:
        value = self.query_one("#party-role", Select).value
        return value if isinstance(value, str) else "defendant"

    @on(Select.Changed, "#party-role")
    def _role_changed(self) -> None:
        defendant = self._role() == "defendant"
        for widget in self.query(".defendant-only"):
            widget.set_class(not defendant, "-hidden")
        if not defendant and self.is_mounted:
            self.query_one("#party-name", Input).focus()
        self._suggest()

    @on(Input.Changed)
    def _suggest(self) -> None:
        """Who the defendant would be, as the attorney types (no database: the registry row)."""
        panel = self.query_one("#party-suggestion", Static)
        if self._role() != "defendant":
            panel.update("")
            return
        agency = self.agencies.get(self._value("agency"))
        name = self._value("name")
        text = Text()
        if agency is not None and name:
            text.append(f"{name}, officer of {agency.name}, ", style="bold")
            text.append("sued in their individual capacity")
        elif agency is not None:
            party = suggest_defendant(
                agency_kind=agency.kind, employer=agency.employer, agency_name=agency.name
            )
            text.append("Defendant: ", style="dim")
            text.append(party.name, style="bold")
            text.append(f" · {party.kind} · {party.capacity} capacity")
            if party.service_address:
                text.append(f"\nServe on: {party.service_address}")
            if party.citation:
                text.append(f" ({party.citation})", style="dim")
        elif self._value("town") in self.towns:
            text.append("Defendant: ", style="dim")
            text.append(f"the town or city of {self._value('town')}", style="bold")
            text.append(f", served on its clerk ({views.municipal_service_citation()})")
        panel.update(text)

    @on(Input.Submitted)
    @on(Button.Pressed, "#party-save")
    def action_save(self) -> None:
        error = self.query_one("#party-error", Label)
        role = self._role()
        name, agency, town = self._value("name"), self._value("agency"), self._value("town")
        if role != "defendant":
            if not name:
                error.update(f"A {label(role)} needs a name.")
                return
            self.dismiss(PartyInput(role, name=name))
            return
        if agency and agency not in self.agencies:
            error.update("Pick the agency from the registry (type to see suggestions).")
            return
        if town and town not in self.towns:
            error.update("Pick a Connecticut town from the list (type to see suggestions).")
            return
        if bool(agency) == bool(town):
            error.update("Give the agency, or the town or city: one of them.")
            return
        if name and not agency:
            error.update("An officer sued individually needs the agency that employs them.")
            return
        self.dismiss(
            PartyInput(
                role,
                name=name,
                agency=agency,
                town=town,
                capacity="individual" if name else "",
                service_address=self._value("address"),
            )
        )
