"""The Overview tab of a matter: the summary (``casekit.tui.widgets.overview``) and the edits of
the matter's own record: the client, the attorney, the claims, the sensitive facts, the
incident's facts and the status (closing lists the deadlines that close with it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from casekit.services import casefile as timeline
from casekit.services import casefile as views
from casekit.services.casefile import update_claims
from casekit.services.casefile.sensitive import update_sensitive
from casekit.tui.screens.attorney_edit import AttorneyModal
from casekit.tui.screens.claims_edit import ClaimsModal
from casekit.tui.screens.client_sensitive import SensitiveModal, changed_fields
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.screens.matter_edit import StatusModal
from casekit.tui.widgets.format import label
from casekit.tui.widgets.overview import overview

if TYPE_CHECKING:
    from casekit.tui.screens.claims_edit import ClaimsInput
    from casekit.tui.screens.client_edit import ClientChanges
    from casekit.tui.screens.client_sensitive import SensitiveChanges
    from casekit.tui.screens.incident_facts import FactsChanges
    from casekit.tui.screens.matter_edit import StatusInput


class OverviewPane(MatterPane):
    """The matter at a glance, and the edits of its record (their dialogs in their modules)."""

    TAB = "overview"
    TITLE = "Overview"
    BINDINGS = [
        Binding(
            "t",
            "status",
            "Status",
            id="matter-status",
            tooltip="Move the matter: intake, screening, active, closed, declined.",
        ),
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
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(id="matter-overview")

    def show(self, detail: views.MatterDetail) -> None:
        self.query_one("#matter-overview", Static).update(overview(detail))

    # --- the client (casekit.tui.screens.client_edit) ----------------------------------------

    def action_client_edit(self) -> None:
        from casekit.tui.screens.client_edit import ClientEditModal

        if self.detail is not None:
            self.app.push_screen(ClientEditModal(self.detail.client_id), self._client_chosen)

    def _client_chosen(self, value: ClientChanges | None) -> None:
        from casekit.tui.screens.client_edit import flag_question

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
    def save_client(self, value: ClientChanges) -> None:
        from casekit.services.clients import update_client

        out = update_client(
            self.svc, str(value.client_id), changes=value.changes, version=value.version
        )
        flags = [
            f"{c.replace('email', 'e-mail').upper()} {'SAFE' if safe else 'NOT SAFE'} to contact"
            for c, safe in out.safe_changes
        ]
        text = "Client saved" + (": " + "; ".join(flags) if flags else "")
        self.deliver(Saved(text, warn=any(not safe for _, safe in out.safe_changes)))

    # --- attorney and claims -----------------------------------------------------------------

    def action_attorney(self) -> None:
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
        self.deliver(Saved(f"Attorney: {change.before or 'nobody'} → {change.after or 'nobody'}"))

    def action_claims(self) -> None:
        from casekit.domain.lawpack import default_pack

        if self.detail is None:
            return
        detail = self.detail
        options = tuple((c, views.claim_label(c)) for c in default_pack().claims)

        def chosen(value: ClaimsInput | None) -> None:
            if value is not None:
                self.save_claims(value, detail.version)

        self.app.push_screen(ClaimsModal(options, detail.claims, detail.relief_sought), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_claims(self, value: ClaimsInput, version: int) -> None:
        change = update_claims(
            self.svc, self.matter_id, claims=value.claims, relief=value.relief, version=version
        )
        self.deliver(Saved("Claims and relief saved" if change.changed else "Nothing changed"))

    # --- sensitive facts and the incident's facts --------------------------------------------

    def action_sensitive(self) -> None:
        def chosen(value: SensitiveChanges | None) -> None:
            if value is not None:
                self.save_sensitive(value)

        self.app.push_screen(SensitiveModal(self.matter_id, today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_sensitive(self, value: SensitiveChanges) -> None:
        out = update_sensitive(
            self.svc,
            self.matter_id,
            client_changes=value.client_changes,
            convictions=value.convictions,
            client_version=value.client_version,
            incident_version=value.incident_version,
        )
        text = f"Saved: {changed_fields(out.changed)}" if out.changed else "Nothing changed"
        self.deliver(Saved(text))

    def action_incident_facts(self) -> None:
        from casekit.tui.screens.incident_facts import IncidentFactsModal

        if self.detail is None or not self.detail.incidents:
            self.notify("This matter has no incident.", severity="warning")
            return
        incident = min(self.detail.incidents, key=lambda i: i.id)  # the one the service edits

        def chosen(value: FactsChanges | None) -> None:
            if value is not None:
                self.save_facts(value)

        self.app.push_screen(IncidentFactsModal(incident), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def save_facts(self, value: FactsChanges) -> None:
        diff = timeline.update_incident(
            self.svc, self.matter_id, version=value.version, **value.changes
        )
        moves = diff is not None and diff.has_changes
        text = "Incident facts saved" + ("" if moves else "; no deadline moves")
        self.deliver(Saved(text, diff=diff))

    # --- status (casekit.services.deadlines.lifecycle) -----------------------------------------

    def action_status(self) -> None:
        if self.detail is None:
            return
        detail = self.detail

        def chosen(value: StatusInput | None) -> None:
            if value is not None:
                self.confirm_status(value.status, detail.status, detail.version, value.reason)

        self.app.push_screen(StatusModal(detail.status), chosen)

    def confirm_status(self, status: str, previous: str, version: int, reason: str = "") -> None:
        """Closing lists the open deadlines that close with the matter and asks; reopening a
        closed matter offers to restore them (casekit.services.deadlines.lifecycle)."""
        from casekit.services.deadlines import lifecycle

        if status in lifecycle.CLOSED_STATUSES and status != previous:
            self._ask_closing(status, version, reason)
            return
        if previous in lifecycle.CLOSED_STATUSES and status not in lifecycle.CLOSED_STATUSES:
            if lifecycle.restorable(self.svc, self.matter_id):
                self._ask_restore(status, version, reason)
                return
        self.set_status(status, version, reason=reason)

    def _ask_closing(self, status: str, version: int, reason: str) -> None:
        from casekit.services.deadlines import lifecycle

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

    def _ask_restore(self, status: str, version: int, reason: str) -> None:
        from casekit.services.deadlines import lifecycle

        pending = lifecycle.restorable(self.svc, self.matter_id)

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

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def set_status(
        self,
        status: str,
        version: int,
        shown: list[int] | None = None,
        restore: bool = False,
        reason: str = "",
    ) -> None:
        from casekit.services.deadlines import lifecycle

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
        self.deliver(Saved(f"Status: {label(status)}{extra}"))
