"""The Parties tab of a matter: defendants (agencies, towns, officers), plaintiffs, witnesses;
add, correct and remove one (removing a defendant shows the deadlines it brought first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable

from casekit.services import casefile as parties
from casekit.services import casefile as views
from casekit.services.casefile import update_party
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.screens.party_edit import PartyEditModal
from casekit.tui.widgets.format import label, sentence
from casekit.tui.widgets.tables import fill

if TYPE_CHECKING:
    from casekit.tui.screens.party_add import PartyInput
    from casekit.tui.screens.party_edit import PartyChanges


class PartiesPane(MatterPane):
    """Role, name, kind, capacity, service address: one row per party."""

    TAB = "parties"
    TITLE = "Parties"
    BINDINGS = [
        Binding(
            "a",
            "party_add",
            "Add party",
            id="party-add",
            tooltip="Add a defendant from the agency or town registry, a plaintiff or a witness.",
        ),
        Binding(
            "delete",
            "party_remove",
            "Remove",
            id="party-remove",
            tooltip="Remove the selected party (a defendant's deadlines are shown first).",
        ),
        Binding(
            "e",
            "party_edit",
            "Edit party",
            id="party-edit",
            tooltip="Correct the selected party's name, role, capacity or service address.",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield DataTable(id="matter-parties", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Role", "Name", "Kind", "Capacity", "Service address")

    def show(self, detail: views.MatterDetail) -> None:
        rows = (
            (label(p.role), p.name, p.kind, p.capacity, p.service_address) for p in detail.parties
        )
        fill(self.query_one(DataTable), rows)

    def _selected_party(self) -> views.PartyView | None:
        parties = self.detail.parties if self.detail is not None else []
        row = self.query_one(DataTable).cursor_row
        party = parties[row] if 0 <= row < len(parties) else None
        if party is None:
            self.notify("Select a party first.", severity="warning")
        return party

    def action_party_add(self) -> None:
        from casekit.tui.screens.party_add import PartyModal

        def chosen(value: PartyInput | None) -> None:
            if value is not None:
                self.add_party(value)

        self.app.push_screen(PartyModal(), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_party(self, value: PartyInput) -> None:
        party = parties.add_party(
            self.svc,
            self.matter_id,
            role=value.role,
            name=value.name or None,
            agency=value.agency or None,
            town=value.town or None,
            capacity=value.capacity,
            service_address=value.service_address,
        )
        self.deliver(Saved(f"{sentence(party.role)} added", diff=party.recompute))

    def action_party_remove(self) -> None:
        party = self._selected_party()
        if party is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.remove_party(party)

        question = f"Remove this {label(party.role)} from the matter?"
        if party.role == "defendant":
            question += " The deadlines it brought are shown before anything moves."
        self.app.push_screen(ConfirmModal(question, yes="Remove", no="Keep"), answer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def remove_party(self, party: views.PartyView) -> None:
        out = parties.remove_party(self.svc, party.id, version=party.version)
        self.deliver(Saved(f"{sentence(out.role)} removed", diff=out.recompute))

    def action_party_edit(self) -> None:
        party = self._selected_party()
        if party is None:
            return

        def chosen(value: PartyChanges | None) -> None:
            if value is not None:
                self.edit_party(value)

        self.app.push_screen(PartyEditModal(party), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def edit_party(self, value: PartyChanges) -> None:
        out = update_party(self.svc, value.party_id, version=value.version, **value.changes)
        text = f"{label(out.role).capitalize()} saved"
        self.deliver(Saved(text, diff=getattr(out, "recompute", None)))
