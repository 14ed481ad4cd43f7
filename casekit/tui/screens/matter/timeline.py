"""The Timeline tab of a matter: the incident and the custody events, in time order; record,
correct and remove a custody event, correct the incident's date. A change that moves deadlines
comes back with its recompute, shown for the attorney to accept."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from casekit.services import casefile as timeline
from casekit.services import casefile as views
from casekit.services.casefile import (
    CONFIRM_HINT,
    NeedsConfirmation,
    remove_custody_event,
    update_custody_event,
)
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.custody_edit import CustodyEditModal
from casekit.tui.screens.deadline_edit import ReasonModal
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.screens.matter_edit import CustodyModal, IncidentModal
from casekit.tui.widgets.format import label, moment, sentence
from casekit.tui.widgets.tables import fill

if TYPE_CHECKING:
    from casekit.tui.screens.matter_edit import CustodyInput, IncidentFix


class TimelinePane(MatterPane):
    """When, what, detail: one row per event."""

    TAB = "timeline"
    TITLE = "Timeline"
    BINDINGS = [
        Binding(
            "a",
            "custody_add",
            "Add event",
            id="custody-add",
            tooltip="Record an arrest, detainer, release... (a release can move deadlines).",
        ),
        Binding(
            "c",
            "incident_correct",
            "Correct incident",
            id="incident-correct",
            tooltip="Correct the incident's date and time (the deadlines follow, once accepted).",
        ),
        Binding(
            "delete",
            "custody_remove",
            "Remove",
            id="custody-remove",
            tooltip="Remove the selected custody event (with the reason; it is kept).",
        ),
        Binding(
            "e",
            "custody_edit",
            "Edit event",
            id="custody-edit",
            tooltip="Correct the selected custody event.",
        ),
    ]

    class Confirm(Message):
        """A save asks first (an unlikely custody time): ``retry`` saves it confirmed."""

        def __init__(self, text: str, retry: Callable[[], object]) -> None:
            super().__init__()
            self.text = text
            self.retry = retry

    def compose(self) -> ComposeResult:
        yield DataTable(id="matter-timeline", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("When", "Event", "Detail")

    def show(self, detail: views.MatterDetail) -> None:
        rows = ((moment(e.at), label(e.kind), e.text) for e in detail.timeline)
        fill(self.query_one(DataTable), rows)

    def _selected_event(self) -> views.TimelineEntry | None:
        if self.detail is None:
            return None
        row = self.query_one(DataTable).cursor_row
        entries = self.detail.timeline
        entry = entries[row] if 0 <= row < len(entries) else None
        if entry is None or entry.event_id is None:
            self.notify("Select a custody event (the incident: c).", severity="warning")
            return None
        return entry

    def action_custody_add(self) -> None:
        def chosen(value: CustodyInput | None) -> None:
            if value is not None:
                self.add_custody(value)

        self.app.push_screen(CustodyModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_custody(self, value: CustodyInput, confirmed: bool = False) -> None:
        try:
            diff = timeline.add_custody_event(
                self.svc,
                self.matter_id,
                kind=value.kind,
                at=value.at,
                note=value.note,
                confirmed=confirmed,
            )
        except NeedsConfirmation as exc:
            self.deliver(self.Confirm(str(exc), lambda: self.add_custody(value, True)))
            return
        self.deliver(Saved(f"{sentence(value.kind)} recorded", diff=diff))

    def action_custody_edit(self) -> None:
        entry = self._selected_event()
        if entry is None:
            return

        def chosen(value: CustodyInput | None) -> None:
            if value is not None:
                self.edit_custody(entry, value)

        self.app.push_screen(CustodyEditModal(entry, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def edit_custody(
        self, entry: views.TimelineEntry, value: CustodyInput, confirmed: bool = False
    ) -> None:
        if entry.event_id is None:  # _selected_event() offers custody events only
            raise ValueError("not a custody event")
        try:
            diff = update_custody_event(
                self.svc,
                entry.event_id,
                kind=value.kind,
                at=value.at,
                note=value.note,
                version=entry.version,
                confirmed=confirmed,
            )
        except NeedsConfirmation as exc:
            self.deliver(self.Confirm(str(exc), lambda: self.edit_custody(entry, value, True)))
            return
        self.deliver(Saved(f"{label(value.kind).capitalize()} corrected", diff=diff))

    def action_custody_remove(self) -> None:
        entry = self._selected_event()
        if entry is None:
            return

        def chosen(reason: str | None) -> None:
            if reason:
                self.remove_custody(entry, reason)

        title = f"Remove the {label(entry.kind)} of {moment(entry.at)}"
        self.app.push_screen(ReasonModal(title, required=True), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def remove_custody(self, entry: views.TimelineEntry, reason: str) -> None:
        if entry.event_id is None:  # _selected_event() offers custody events only
            raise ValueError("not a custody event")
        diff = remove_custody_event(self.svc, entry.event_id, reason=reason, version=entry.version)
        self.deliver(Saved(f"{label(entry.kind).capitalize()} removed", diff=diff))

    def on_timeline_pane_confirm(self, message: Confirm) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                message.retry()
            else:
                self.notify("Nothing saved.")

        body = message.text.removesuffix(CONFIRM_HINT)
        text = f"{body[:1].upper()}{body[1:]}. Save it anyway?"
        self.app.push_screen(ConfirmModal(text, yes="Save anyway", no="Cancel"), answer)

    def action_incident_correct(self) -> None:
        if self.detail is None or not self.detail.incidents:
            self.notify("This matter has no incident to correct.", severity="warning")
            return
        incident = min(self.detail.incidents, key=lambda i: i.id)  # the one the service edits

        def chosen(value: IncidentFix | None) -> None:
            if value is not None:
                self.correct_incident(value, incident.version)

        self.app.push_screen(IncidentModal(incident, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def correct_incident(self, value: IncidentFix, version: int) -> None:
        diff = timeline.update_incident(
            self.svc,
            self.matter_id,
            occurred_on=value.day,
            occurred_time=value.time or None,
            version=version,
        )
        self.deliver(Saved("Incident corrected", diff=diff))
