"""The matter workspace: one matter in tabs (overview, timeline, parties, evidence, deadlines,
documents, notes, history).

Reads come from :func:`casekit.services.views.matter_detail` in a worker; every edit is one
service call in a worker, carrying the ``version`` the row had when it was shown, so a change
someone else saved first comes back as a ``ConflictError`` and the reload prompt.

An edit that changes a deadline trigger (a custody event, the incident's date, a defendant) comes
back with its recompute preview, shown in the same dialog as "recompute": nothing moves until the
attorney accepts it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from casekit.services import casefile as views
from casekit.tui.panes import deadlines as deadline_pane
from casekit.tui.panes import documents as documents_pane
from casekit.tui.panes import evidence as evidence_pane
from casekit.tui.panes import records as records_pane
from casekit.tui.panes.deadlines import DeadlineActions, DeadlinesPane
from casekit.tui.panes.documents import DocumentActions, DocumentsPane
from casekit.tui.panes.evidence import EvidenceActions, EvidencePane
from casekit.tui.panes.records import RecordsActions, RecordsPane
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.format import label, moment, sentence
from casekit.tui.widgets.overview import overview

TABS = (
    ("overview", "Overview"),
    ("timeline", "Timeline"),
    ("parties", "Parties"),
    ("evidence", "Evidence"),
    ("deadlines", "Deadlines"),
    ("documents", "Docs"),
    ("notes", "Notes"),
    ("history", "History"),
    ("records", "Records"),  # 9: FOI requests (casekit.tui.panes.records)
)
#: Actions that only make sense on one tab (hidden from the footer elsewhere).
TAB_ACTIONS = {
    **dict.fromkeys(deadline_pane.ACTIONS, "deadlines"),
    **dict.fromkeys(evidence_pane.ACTIONS, "evidence"),
    **dict.fromkeys(records_pane.ACTIONS, "records"),
    **dict.fromkeys(documents_pane.ACTIONS, "documents"),
    "custody_add": "timeline",
    "custody_edit": "timeline",
    "custody_remove": "timeline",
    "client_edit": "overview",
    "attorney": "overview",
    "claims": "overview",
    "incident_correct": "timeline",
    "party_add": "parties",
    "party_remove": "parties",
    "party_edit": "parties",
    "sensitive": "overview",
    "incident_facts": "overview",
    "status": "overview",
}


class MatterScreen(
    DeadlineActions, EvidenceActions, RecordsActions, DocumentActions, CasekitScreen
):
    """One matter, every aspect a tab away (keys 1-8)."""

    CSS_PATH = "matter.tcss"
    BINDINGS = [
        Binding(
            "g",
            "generate",
            "Generate",
            id="generate-document",
            tooltip="Generate a document for this matter, with a preview of its values.",
        ),
        *deadline_pane.BINDINGS,
        *evidence_pane.BINDINGS,
        *records_pane.BINDINGS,
        *documents_pane.BINDINGS,
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
            "t",
            "status",
            "Status",
            id="matter-status",
            tooltip="Move the matter: intake, screening, active, closed, declined.",
        ),
        Binding("i", "add_note", "New note", id="note-add", tooltip="Write a note."),
        # Editing records (issue 15): casekit.tui.screens.client_edit, attorney_edit,
        # claims_edit, custody_edit.
        Binding(
            "e",
            "client_edit",
            "Client",
            id="client-edit",
            tooltip="Edit the client's name, language, contacts and safe-to-contact flags.",
        ),
        Binding(
            "A",
            "attorney",
            "Attorney",
            id="matter-attorney",
            show=False,
            tooltip="Choose the responsible attorney.",
        ),
        Binding(
            "l",
            "claims",
            "Claims",
            id="matter-claims",
            show=False,
            tooltip="The claims pleaded and the relief sought.",
        ),
        Binding(
            "e",
            "custody_edit",
            "Edit event",
            id="custody-edit",
            tooltip="Correct the selected custody event.",
        ),
        Binding(
            "delete",
            "custody_remove",
            "Remove",
            id="custody-remove",
            tooltip="Remove the selected custody event (with the reason; it is kept).",
        ),
        # casekit.tui.screens.party_edit, client_sensitive, incident_facts.
        Binding(
            "e",
            "party_edit",
            "Edit party",
            id="party-edit",
            tooltip="Correct the selected party's name, role, capacity or service address.",
        ),
        Binding(
            "S",
            "sensitive",
            "Sensitive",
            id="client-sensitive",
            show=False,
            tooltip="Date of birth, A-number, immigration status, convictions: shown only there.",
        ),
        Binding(
            "F",
            "incident_facts",
            "Facts",
            id="incident-facts",
            show=False,
            tooltip="The incident's narrative, town, agency and violations.",
        ),
        # Fees and resolution (issue 18): casekit.tui.screens.fees. Kept out of the footer so it
        # still shows search and help at 80 columns; listed in help (?) and the palette.
        Binding(
            "f",
            "fees",
            "Fees",
            id="matter-fees",
            tooltip="Time, costs, offers and judgments; the fee petition.",
            show=False,
        ),
        Binding(
            "T",
            "timer",
            "Timer",
            id="matter-timer",
            tooltip="Start or stop the timer.",
            show=False,
        ),
        Binding(
            "p",
            "process",
            "Process",
            id="matter-process",
            show=False,
            tooltip="Service of process: date of process, return date, marshal delivery.",
        ),
        Binding(
            "f5",
            "refresh",
            "Refresh",
            id="matter-refresh",
            show=False,
            tooltip="Read the matter again.",
        ),
        *(
            Binding(
                str(n),
                f"tab('{key}')",
                title,
                show=False,
                id=f"matter-tab-{key}",
                tooltip=f"Show the {title} tab.",
            )
            for n, (key, title) in enumerate(TABS, start=1)
        ),
    ]

    class Loaded(Message):
        def __init__(self, detail: views.MatterDetail) -> None:
            super().__init__()
            self.detail = detail

    class Saved(Message):
        """An edit went through; ``text`` says what happened, ``diff`` is the deadline
        recompute it causes (for the attorney to accept), ``note`` that a note was written."""

        def __init__(
            self, text: str, *, diff: Any = None, note: bool = False, warn: bool = False
        ) -> None:
            super().__init__()
            self.text = text
            self.diff = diff
            self.note = note
            self.warn = warn

    class Confirm(Message):
        """A save asks first (an unlikely custody time): ``retry`` saves it confirmed."""

        def __init__(self, text: str, retry: Any) -> None:
            super().__init__()
            self.text = text
            self.retry = retry

    class DiffReady(Message):
        """A recompute preview asked for with "recompute"."""

        def __init__(self, diff: Any) -> None:
            super().__init__()
            self.diff = diff

    def __init__(self, matter_id: int, *, deadline_id: int | None = None) -> None:
        super().__init__()
        self.matter_id = matter_id
        self.detail: views.MatterDetail | None = None
        #: Open on this deadline (Deadlines tab, its row highlighted) once loaded.
        self.focus_deadline = deadline_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading the matter…", id="matter-title")
        with TabbedContent(id="matter-tabs"):
            with TabPane("Overview", id="overview"), VerticalScroll():
                yield Static(id="matter-overview")
            with TabPane("Timeline", id="timeline"):
                yield DataTable(id="matter-timeline", cursor_type="row", zebra_stripes=True)
            with TabPane("Parties", id="parties"):
                yield DataTable(id="matter-parties", cursor_type="row", zebra_stripes=True)
            with TabPane("Evidence", id="evidence"):
                yield EvidencePane()
            with TabPane("Deadlines", id="deadlines"):
                yield DeadlinesPane()
            with TabPane("Docs", id="documents"):
                yield DocumentsPane()
            with TabPane("Notes", id="notes"), Vertical():
                yield Input(
                    placeholder="New note: type and press Enter to save", id="matter-note-input"
                )
                with VerticalScroll():
                    yield Static(id="matter-notes")
            with TabPane("History", id="history"):
                yield DataTable(id="matter-history", cursor_type="row", zebra_stripes=True)
            with TabPane("Records", id="records"):
                yield RecordsPane()
        yield Footer()

    def on_mount(self) -> None:
        columns = {
            "#matter-timeline": ("When", "Event", "Detail"),
            "#matter-parties": ("Role", "Name", "Kind", "Capacity", "Service address"),
            "#matter-history": ("When", "What happened"),
        }
        for selector, names in columns.items():
            self.query_one(selector, DataTable).add_columns(*names)

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-load")
    def load(self) -> None:
        self.deliver(self.Loaded(views.matter_detail(self.svc, self.matter_id)))

    def on_matter_screen_loaded(self, message: Loaded) -> None:
        d = self.detail = message.detail
        self.sub_title = f"{d.number} · {d.client}"
        title = Text(f"{d.number} · {d.client} · {label(d.status)} · {d.attorney or 'no attorney'}")
        if d.marker is not None:
            title.append("  DEADLINES OUT OF DATE", style=deadline_pane.STALE)
        self.query_one("#matter-title", Label).update(title)
        self.query_one("#matter-overview", Static).update(overview(d))
        self._fill("#matter-timeline", ((moment(e.at), label(e.kind), e.text) for e in d.timeline))
        self._fill(
            "#matter-parties",
            ((label(p.role), p.name, p.kind, p.capacity, p.service_address) for p in d.parties),
        )
        self.query_one(EvidencePane).show(d)
        self.load_elements(d.number)
        self.load_records(d.number)
        self.load_documents(d.number)
        self.query_one(DeadlinesPane).show(d)
        if self.focus_deadline is not None:
            self.show_deadline(self.focus_deadline)
        notes = Text()
        for note in d.notes:
            notes.append(f"{moment(note.created_at)} · {note.author}\n", style="bold")
            notes.append(note.body + "\n\n")
        self.query_one("#matter-notes", Static).update(notes or Text("No notes yet."))
        self._fill(
            "#matter-history",
            ((moment(h.at), h.text) for h in d.history if h.text),
        )

    def _fill(self, selector: str, rows: Any, keys: list[str] | None = None) -> None:
        table = self.query_one(selector, DataTable)
        cursor = table.cursor_row
        table.clear()
        for n, row in enumerate(rows):
            table.add_row(*row, key=keys[n] if keys else None)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    # --- deadlines (casekit.tui.panes.deadlines) ---------------------------------------------

    def show_deadline(self, deadline_id: int) -> None:
        """The Deadlines tab with that deadline highlighted (a dashboard row opened it)."""
        self.query_one(TabbedContent).active = "deadlines"
        if self.query_one(DeadlinesPane).highlight(deadline_id):
            self.focus_deadline = None

    # --- notes and documents -----------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """A half-typed note is unsaved input (Escape asks before discarding it)."""
        try:
            return bool(self.query_one("#matter-note-input", Input).value.strip())
        except Exception:  # noqa: BLE001 - before compose
            return False

    @dirty.setter
    def dirty(self, value: bool) -> None:
        if not value and self.is_mounted:
            self.query_one("#matter-note-input", Input).value = ""

    def action_add_note(self) -> None:
        self.query_one(TabbedContent).active = "notes"
        self.query_one("#matter-note-input", Input).focus()

    @on(Input.Submitted, "#matter-note-input")
    def _note_submitted(self, event: Input.Submitted) -> None:
        body = event.value.strip()
        if not body:
            self.notify("Write the note first.", severity="warning")
            return
        self.save_note(body)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_note(self, body: str) -> None:
        from casekit.services.casefile import notes

        notes.add_note(self.svc, self.matter_id, body)
        self.deliver(self.Saved("Note saved", note=True))

    def action_generate(self) -> None:
        from casekit.tui.screens.generate import GenerateModal

        if self.detail is None:
            return

        def done(path: str | None) -> None:
            if path:
                self.casekit.note_change()
                self.load()

        self.app.push_screen(GenerateModal(self.matter_id, self.detail.number), done)

    # --- timeline and status -----------------------------------------------------------------

    def action_custody_add(self) -> None:
        from casekit.tui.screens.matter_edit import CustodyInput, CustodyModal

        def chosen(value: CustodyInput | None) -> None:
            if value is not None:
                self.add_custody(value)

        self.app.push_screen(CustodyModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_custody(self, value: Any, confirmed: bool = False) -> None:
        from casekit.services import casefile as timeline
        from casekit.services.casefile import NeedsConfirmation

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
        self.deliver(self.Saved(f"{sentence(value.kind)} recorded", diff=diff))

    # --- editing records (issue 15; the dialogs are in their own modules) --------------------

    def action_client_edit(self) -> None:
        from casekit.tui.screens.client_edit import ClientEditModal

        if self.detail is not None:
            self.app.push_screen(ClientEditModal(self.detail.client_id), self._client_chosen)

    def _client_chosen(self, value: Any) -> None:
        from casekit.tui.screens.client_edit import flag_question
        from casekit.tui.screens.confirm import ConfirmModal

        if value is None:
            return
        if not value.flags:
            self.save_client(value)
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.save_client(value)
            else:
                self.notify("Nothing saved: the safe-to-contact flags stay as they were.")

        self.app.push_screen(
            ConfirmModal(flag_question(value.flags), yes="Change them", no="Cancel"), answer
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_client(self, value: Any) -> None:
        from casekit.services.clients import update_client

        out = update_client(
            self.svc, str(value.client_id), changes=value.changes, version=value.version
        )
        flags = [
            f"{c.replace('email', 'e-mail').upper()} {'SAFE' if safe else 'NOT SAFE'} to contact"
            for c, safe in out.safe_changes
        ]
        text = "Client saved" + (": " + "; ".join(flags) if flags else "")
        self.deliver(self.Saved(text, warn=any(not safe for _, safe in out.safe_changes)))

    def action_attorney(self) -> None:
        from casekit.tui.screens.attorney_edit import AttorneyModal

        if self.detail is None:
            return
        version, number = self.detail.version, self.detail.number

        def chosen(name: str | None) -> None:
            if name is not None:
                self.save_attorney(number, name, version)

        self.app.push_screen(AttorneyModal(self.detail.attorney), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_attorney(self, number: str, name: str, version: int) -> None:
        from casekit.services.matters import assign_attorney

        change = assign_attorney(self.svc, number, name, version=version)
        self.deliver(
            self.Saved(f"Attorney: {change.before or 'nobody'} → {change.after or 'nobody'}")
        )

    def action_claims(self) -> None:
        from casekit.domain.lawpack import default_pack
        from casekit.tui.screens.claims_edit import ClaimsModal

        if self.detail is None:
            return
        detail = self.detail
        options = tuple((c, views.claim_label(c)) for c in default_pack().claims)

        def chosen(value: Any) -> None:
            if value is not None:
                self.save_claims(value, detail.version)

        self.app.push_screen(ClaimsModal(options, detail.claims, detail.relief_sought), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_claims(self, value: Any, version: int) -> None:
        from casekit.services.casefile import update_claims

        change = update_claims(
            self.svc, self.matter_id, claims=value.claims, relief=value.relief, version=version
        )
        self.deliver(self.Saved("Claims and relief saved" if change.changed else "Nothing changed"))

    def _selected_event(self) -> views.TimelineEntry | None:
        if self.detail is None:
            return None
        row = self.query_one("#matter-timeline", DataTable).cursor_row
        entries = self.detail.timeline
        entry = entries[row] if 0 <= row < len(entries) else None
        if entry is None or entry.event_id is None:
            self.notify("Select a custody event (the incident: c).", severity="warning")
            return None
        return entry

    def action_custody_edit(self) -> None:
        from casekit.tui.screens.custody_edit import CustodyEditModal

        entry = self._selected_event()
        if entry is None:
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.edit_custody(entry, value)

        self.app.push_screen(CustodyEditModal(entry, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def edit_custody(self, entry: Any, value: Any, confirmed: bool = False) -> None:
        from casekit.services.casefile import NeedsConfirmation, update_custody_event

        assert entry.event_id is not None
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
        self.deliver(self.Saved(f"{label(value.kind).capitalize()} corrected", diff=diff))

    def action_custody_remove(self) -> None:
        from casekit.tui.screens.deadline_edit import ReasonModal

        entry = self._selected_event()
        if entry is None:
            return

        def chosen(reason: str | None) -> None:
            if reason:
                self.remove_custody(entry, reason)

        title = f"Remove the {label(entry.kind)} of {moment(entry.at)}"
        self.app.push_screen(ReasonModal(title, required=True), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def remove_custody(self, entry: Any, reason: str) -> None:
        from casekit.services.casefile import remove_custody_event

        assert entry.event_id is not None
        diff = remove_custody_event(self.svc, entry.event_id, reason=reason, version=entry.version)
        self.deliver(self.Saved(f"{label(entry.kind).capitalize()} removed", diff=diff))

    def on_matter_screen_confirm(self, message: Confirm) -> None:
        from casekit.tui.screens.confirm import ConfirmModal

        def answer(yes: bool | None) -> None:
            if yes:
                message.retry()
            else:
                self.notify("Nothing saved.")

        from casekit.services.casefile import CONFIRM_HINT

        body = message.text.removesuffix(CONFIRM_HINT)
        text = f"{body[:1].upper()}{body[1:]}. Save it anyway?"
        self.app.push_screen(ConfirmModal(text, yes="Save anyway", no="Cancel"), answer)

    def action_incident_correct(self) -> None:
        from casekit.tui.screens.matter_edit import IncidentFix, IncidentModal

        if self.detail is None or not self.detail.incidents:
            self.notify("This matter has no incident to correct.", severity="warning")
            return
        incident = min(self.detail.incidents, key=lambda i: i.id)  # the one the service edits

        def chosen(value: IncidentFix | None) -> None:
            if value is not None:
                self.correct_incident(value, incident.version)

        self.app.push_screen(IncidentModal(incident, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def correct_incident(self, value: Any, version: int) -> None:
        from casekit.services import casefile as timeline

        diff = timeline.update_incident(
            self.svc,
            self.matter_id,
            occurred_on=value.day,
            occurred_time=value.time or None,
            version=version,
        )
        self.deliver(self.Saved("Incident corrected", diff=diff))

    def action_status(self) -> None:
        from casekit.tui.screens.matter_edit import StatusModal

        if self.detail is None:
            return
        detail = self.detail

        def chosen(value: Any) -> None:
            if value is not None:
                self.confirm_status(value.status, detail.status, detail.version, value.reason)

        self.app.push_screen(StatusModal(detail.status), chosen)

    def confirm_status(self, status: str, previous: str, version: int, reason: str = "") -> None:
        """Closing lists the open deadlines that close with the matter and asks; reopening a
        closed matter offers to restore them (casekit.services.lifecycle)."""
        from casekit.services import lifecycle
        from casekit.tui.screens.confirm import ConfirmModal

        if status in lifecycle.CLOSED_STATUSES and status != previous:
            shown = lifecycle.closing_preview(self.svc, self.matter_id)
            if not shown:
                self.set_status(status, version, reason=reason)
                return
            lines = "\n".join(f"  {d.safe_target.isoformat()}  {d.title}" for d in shown[:8])
            more = f"\n  ... and {len(shown) - 8} more" if len(shown) > 8 else ""
            ids = [d.id for d in shown]

            def answer(yes: bool | None) -> None:
                if yes:
                    self.set_status(status, version, shown=ids, reason=reason)

            self.app.push_screen(
                ConfirmModal(
                    f"{len(shown)} open deadline(s) close with the matter "
                    f'(superseded, "{lifecycle.closed_reason(status)}"):\n{lines}{more}',
                    yes="Close them",
                    no="Cancel",
                ),
                answer,
            )
            return
        if previous in lifecycle.CLOSED_STATUSES and status not in lifecycle.CLOSED_STATUSES:
            pending = lifecycle.restorable(self.svc, self.matter_id)
            if pending:

                def restore(yes: bool | None) -> None:
                    self.set_status(status, version, restore=bool(yes), reason=reason)

                self.app.push_screen(
                    ConfirmModal(
                        f"Restore the {len(pending)} deadline(s) closed with the matter? "
                        "(computed ones are recomputed)",
                        yes="Restore",
                        no="Not now",
                    ),
                    restore,
                )
                return
        self.set_status(status, version, reason=reason)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def set_status(
        self,
        status: str,
        version: int,
        shown: list[int] | None = None,
        restore: bool = False,
        reason: str = "",
    ) -> None:
        from casekit.services import lifecycle

        change = lifecycle.change_status(
            self.svc,
            self.matter_id,
            status,
            version=version,
            shown=shown,
            restore=restore,
            reason=reason,
        )
        extra = ""
        if change.closed:
            extra = f"; {len(change.closed)} deadline(s) closed"
        elif change.restored:
            extra = f"; {len(change.restored)} deadline(s) restored"
        self.deliver(self.Saved(f"Status: {label(status)}{extra}"))

    # --- service of process ------------------------------------------------------------------

    def action_process(self) -> None:
        from casekit.services.process import recorded
        from casekit.tui.screens.matter_edit import ProcessInput, ProcessModal

        def chosen(value: ProcessInput | None) -> None:
            if value is not None:
                self.record_process(value)

        self.app.push_screen(ProcessModal(recorded(self.svc, self.matter_id)), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def record_process(self, value: Any) -> None:
        from casekit.services.process import record_process

        out = record_process(
            self.svc,
            self.matter_id,
            process_date=value.process_date,
            return_date=value.return_date,
            marshal_delivery=value.marshal_delivery,
            apply=True,
        )
        planned = len(out.recompute.changes)
        self.deliver(self.Saved(f"Service of process recorded; {planned} deadline change(s)"))

    # --- parties -----------------------------------------------------------------------------

    def _selected_party(self) -> views.PartyView | None:
        if self.detail is None or not self.detail.parties:
            return None
        row = self.query_one("#matter-parties", DataTable).cursor_row
        return self.detail.parties[row] if 0 <= row < len(self.detail.parties) else None

    def action_party_add(self) -> None:
        from casekit.tui.screens.matter_edit import PartyInput, PartyModal

        def chosen(value: PartyInput | None) -> None:
            if value is not None:
                self.add_party(value)

        self.app.push_screen(PartyModal(), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_party(self, value: Any) -> None:
        from casekit.services import casefile as parties

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
        self.deliver(self.Saved(f"{sentence(party.role)} added", diff=party.recompute))

    def action_party_remove(self) -> None:
        from casekit.tui.screens.confirm import ConfirmModal

        party = self._selected_party()
        if party is None:
            self.notify("Select a party first.", severity="warning")
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
        from casekit.services import casefile as parties

        out = parties.remove_party(self.svc, party.id, version=party.version)
        self.deliver(self.Saved(f"{sentence(out.role)} removed", diff=out.recompute))

    def action_party_edit(self) -> None:
        from casekit.tui.screens.party_edit import PartyEditModal

        party = self._selected_party()
        if party is None:
            self.notify("Select a party first.", severity="warning")
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.edit_party(value)

        self.app.push_screen(PartyEditModal(party), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def edit_party(self, value: Any) -> None:
        from casekit.services.casefile import update_party

        out = update_party(self.svc, value.party_id, version=value.version, **value.changes)
        text = f"{label(out.role).capitalize()} saved"
        self.deliver(self.Saved(text, diff=getattr(out, "recompute", None)))

    # --- sensitive facts and the incident's facts (their dialogs in their own modules) ------

    def action_sensitive(self) -> None:
        from casekit.tui.screens.client_sensitive import SensitiveModal

        def chosen(value: Any) -> None:
            if value is not None:
                self.save_sensitive(value)

        self.app.push_screen(SensitiveModal(self.matter_id, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_sensitive(self, value: Any) -> None:
        from casekit.services.casefile.sensitive import update_sensitive
        from casekit.tui.screens.client_sensitive import changed_fields

        out = update_sensitive(
            self.svc,
            self.matter_id,
            client_changes=value.client_changes,
            convictions=value.convictions,
            client_version=value.client_version,
            incident_version=value.incident_version,
        )
        text = f"Saved: {changed_fields(out.changed)}" if out.changed else "Nothing changed"
        self.deliver(self.Saved(text))

    def action_incident_facts(self) -> None:
        from casekit.tui.screens.incident_facts import IncidentFactsModal

        if self.detail is None or not self.detail.incidents:
            self.notify("This matter has no incident.", severity="warning")
            return
        incident = min(self.detail.incidents, key=lambda i: i.id)  # the one the service edits

        def chosen(value: Any) -> None:
            if value is not None:
                self.save_facts(value)

        self.app.push_screen(IncidentFactsModal(incident), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_facts(self, value: Any) -> None:
        from casekit.services import casefile as timeline

        diff = timeline.update_incident(
            self.svc, self.matter_id, version=value.version, **value.changes
        )
        moves = diff is not None and diff.has_changes
        text = "Incident facts saved" + ("" if moves else "; no deadline moves")
        self.deliver(self.Saved(text, diff=diff))

    # --- fees and resolution (casekit.tui.screens.fees) --------------------------------------

    def action_fees(self) -> None:
        self.casekit.open_fees(self.matter_id)

    def action_timer(self) -> None:
        from casekit.tui.screens.fees import open_timer

        open_timer(self, self.matter_id)

    # --- after a save ------------------------------------------------------------------------

    def on_matter_screen_saved(self, message: Saved) -> None:
        if message.note:
            self.query_one("#matter-note-input", Input).value = ""
        self.casekit.note_change()
        if message.warn:  # a channel no longer safe: shown prominently
            self.notify(message.text, severity="warning", timeout=12)
        else:
            self.notify(message.text)
        self.load()
        if message.diff is not None and message.diff.has_changes:
            self._review_diff(message.diff)

    # --- tabs and bindings -------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(TabbedContent.TabActivated)
    def _tab_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        tab = TAB_ACTIONS.get(action)
        if tab is None or not self.is_mounted:
            return True
        try:
            return self.query_one(TabbedContent).active == tab
        except Exception:  # noqa: BLE001 - before compose finishes
            return True
