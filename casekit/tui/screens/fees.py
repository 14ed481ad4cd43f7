"""Fees and resolution for one matter: time, costs, the resolution log and the petition totals.

Opened from the matter workspace (``f``) or from an offer on the dashboard. Reads come from
:func:`casekit.services.fee_workspace.fees_workspace` in a worker; every edit is one service call
in a worker. Entries a fee petition includes show as locked (``L``): ``e`` and ``delete`` refuse
them with the reason, ``c`` records a correction instead. ``T`` starts or stops the timer, which
the title bar shows on every screen while it runs.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static, TabbedContent, TabPane

from casekit.domain import fees
from casekit.services.casefile import claim_label
from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.format import day, label

TABS = (
    ("fees-time", "Time"),
    ("fees-costs", "Costs"),
    ("fees-resolution", "Resolution"),
    ("fees-totals", "Totals"),
)
TAB_ACTIONS = {
    "edit": "fees-time",
    "correct": "fees-time",
    "offer_status": "fees-resolution",
}
LOCKED = Text("L", style="bold")


def _hours_line(ws: Any) -> str:
    s = ws.report.summary
    parts = [
        f"{fees.tenths_text(s.hours_tenths)} h",
        f"lodestar {fees.money_text(s.lodestar_cents)}",
        f"costs {fees.money_text(s.costs_cents)}",
        f"total {fees.money_text(s.total_cents)}",
    ]
    if s.excluded_tenths:
        parts.insert(2, f"excluded {fees.tenths_text(s.excluded_tenths)} h")
    text = "Draft to date: " + " · ".join(parts)
    if ws.petitions:
        last = ws.petitions[-1]
        text += f" · petition {last.number} issued {day(last.issued_on)}"
    if s.missing_rates:
        text += f" · {len(s.missing_rates)} without a rate"
    return text


class FeesScreen(CasekitScreen):
    """Time, costs, resolution and totals of one matter (keys 1-4 switch tabs)."""

    CSS_PATH = "fees.tcss"
    BINDINGS = [
        Binding(
            "a", "add", "Add", id="fees-add", tooltip="Add time, a cost or a resolution entry."
        ),
        Binding("e", "edit", "Edit", id="fees-edit", tooltip="Edit the selected time entry."),
        Binding("delete", "remove", "Remove", id="fees-remove", tooltip="Remove the selected row."),
        Binding(
            "c",
            "correct",
            "Correct",
            id="fees-correct",
            tooltip="Correct a locked entry: a reversal and a replacement, both visible.",
        ),
        Binding("T", "timer", "Timer", id="fees-timer", tooltip="Start or stop the timer."),
        Binding(
            "p",
            "petition",
            "Petition",
            id="fees-petition",
            tooltip="Issue a fee petition: records it, writes the exhibit, locks its entries.",
        ),
        Binding(
            "u",
            "offer_status",
            "Status",
            id="fees-offer-status",
            tooltip="Mark the selected demand or offer accepted, rejected, withdrawn or expired.",
        ),
        Binding(
            "x",
            "close_matter",
            "Close",
            id="fees-close",
            tooltip="Close the matter with its outcome.",
        ),
        Binding(
            "f5", "refresh", "Refresh", id="fees-refresh", show=False, tooltip="Read it again."
        ),
        *(
            Binding(
                str(n),
                f"tab('{key}')",
                title,
                show=False,
                id=f"fees-tab-{n}",
                tooltip=f"Show the {title} tab.",
            )
            for n, (key, title) in enumerate(TABS, start=1)
        ),
    ]

    class Loaded(Message):
        def __init__(self, workspace: Any) -> None:
            super().__init__()
            self.workspace = workspace

    class Saved(Message):
        def __init__(self, text: str, diff: Any = None) -> None:
            super().__init__()
            self.text = text
            self.diff = diff

    def __init__(self, matter_id: int, *, tab: str = "fees-time") -> None:
        super().__init__()
        self.matter_id = matter_id
        self.initial_tab = tab
        self.workspace: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading…", id="fees-title")
        yield Static("", id="fees-summary")
        with TabbedContent(id="fees-tabs"):
            with TabPane("Time", id="fees-time"), Vertical():
                yield DataTable(id="fees-entries", cursor_type="row", zebra_stripes=True)
                yield Static(id="fees-entry-detail")
            with TabPane("Costs", id="fees-costs"):
                yield DataTable(id="fees-cost-table", cursor_type="row", zebra_stripes=True)
            with TabPane("Resolution", id="fees-resolution"):
                yield DataTable(id="fees-events", cursor_type="row", zebra_stripes=True)
            with TabPane("Totals", id="fees-totals"), VerticalScroll():
                yield Static(id="fees-totals-text")
        yield Footer()

    def on_mount(self) -> None:
        columns = {
            "#fees-entries": ("", "Date", "Timekeeper", "Hours", "Task", "Value", "Status",
                              "Description"),
            "#fees-cost-table": ("", "Date", "Kind", "Amount", "Receipt", "Status",
                                 "Description"),
            "#fees-events": ("Date", "Kind", "From/for", "Amount", "Expires", "Status",
                             "Terms"),
        }  # fmt: skip
        for selector, names in columns.items():
            self.query_one(selector, DataTable).add_columns(*names)
        self.query_one(TabbedContent).active = self.initial_tab

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    def action_refresh(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-load")
    def load(self) -> None:
        from casekit.services.fee_workspace import fees_workspace

        self.deliver(self.Loaded(fees_workspace(self.svc, self.matter_id)))

    def on_fees_screen_loaded(self, message: Loaded) -> None:
        ws = self.workspace = message.workspace
        self.sub_title = f"{ws.number} · fees and resolution"
        state = label(ws.status) + (f" ({ws.outcome})" if ws.outcome else "")
        self.query_one("#fees-title", Label).update(
            f"{ws.number} · {ws.client} · {state} · fees and resolution"
        )
        summary = Text(_hours_line(ws))
        for timer in ws.timers:
            summary.append(f"\nTimer running: {timer.timekeeper} ({timer.started_by})",
                           style="bold yellow")  # fmt: skip
        self.query_one("#fees-summary", Static).update(summary)
        self._fill(
            "#fees-entries",
            (
                (
                    LOCKED if e.locked else "",
                    day(e.worked_on),
                    e.timekeeper,
                    e.hours,
                    fees.CATEGORY_LABELS.get(e.category, e.category),
                    fees.money_text(e.value_cents) if e.value_cents is not None else "no rate",
                    _entry_status(e),
                    e.description,
                )
                for e in ws.entries
            ),
        )
        self._fill(
            "#fees-cost-table",
            (
                (
                    LOCKED if c.locked else "",
                    day(c.incurred_on),
                    fees.COST_LABELS.get(c.kind, c.kind),
                    c.amount,
                    c.receipt_sha256[:12] if c.receipt_sha256 else "none",
                    "" if c.billable else "not claimed",
                    c.description,
                )
                for c in ws.costs
            ),
        )
        self._fill(
            "#fees-events",
            (
                (
                    day(r.dated),
                    r.kind + (f" ({r.court})" if r.court else ""),
                    r.side,
                    r.amount,
                    day(r.expires_on) if r.expires_on else "",
                    r.status,
                    " / ".join(t for t in (r.terms, r.injunctive_terms) if t),
                )
                for r in ws.resolution
            ),
        )
        self.query_one("#fees-totals-text", Static).update(_totals(ws))
        self._show_entry()

    @on(DataTable.RowHighlighted, "#fees-entries")
    def _show_entry(self) -> None:
        """The highlighted entry in full under the table (the description is cut at 80 columns)."""
        entry = self._selected("#fees-entries", self.workspace.entries if self.workspace else ())
        text = Text()
        if entry is None:
            text.append("No time recorded yet. Press a to add time, T to start the timer.")
        else:
            rate = fees.money_text(entry.rate_cents) if entry.rate_cents else "no rate"
            text.append(f"#{entry.id} · {day(entry.worked_on)} · {entry.timekeeper} · ")
            text.append(f"{entry.hours} h at {rate} = {fees.money_text(entry.value_cents)}")
            claim = claim_label(entry.claim) if entry.claim else "All claims"
            text.append(f" · {claim}\n")
            text.append(entry.description)
            status = _entry_status(entry)
            if status:
                text.append(f"  [{status}]", style="bold")
        self.query_one("#fees-entry-detail", Static).update(text)

    def _fill(self, selector: str, rows: Any) -> None:
        table = self.query_one(selector, DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(*row)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _selected(self, selector: str, items: tuple[Any, ...]) -> Any:
        if not items:
            return None
        row = self.query_one(selector, DataTable).cursor_row
        return items[row] if 0 <= row < len(items) else None

    def _tab(self) -> str:
        return str(self.query_one(TabbedContent).active)

    # --- time entries ------------------------------------------------------------------------

    def _entry_modal(self, title: str, initial: Any = None, *, correction: bool = False,
                     note: str = "") -> Any:  # fmt: skip
        from casekit.tui.screens.fees_edit import TimeEntryModal

        ws = self.workspace
        return TimeEntryModal(
            title=title,
            timekeepers=[t.name for t in ws.timekeepers],
            claims=ws.claims,
            today=self.svc.today(),
            initial=initial,
            correction=correction,
            note=note,
        )

    def action_add(self) -> None:
        if self.workspace is None:
            return
        tab = self._tab()
        if tab == "fees-costs":
            from casekit.tui.screens.fees_edit import CostModal

            self.app.push_screen(CostModal(today=self.svc.today()), self._cost_chosen)
        elif tab == "fees-resolution":
            from casekit.tui.screens.fees_edit import ResolutionModal

            self.app.push_screen(ResolutionModal(today=self.svc.today()), self._event_chosen)
        else:
            from casekit.tui.screens.fees_edit import TimeEntryInput

            default = None
            if self.workspace.attorney:
                default = TimeEntryInput(self.workspace.attorney, self.svc.today(), "", "", "", "")
            self.app.push_screen(
                self._entry_modal(f"Add time on {self.workspace.number}", default),
                self._entry_chosen,
            )

    def _entry_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_entry(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_entry(self, value: Any) -> None:
        from casekit.services import fees as time

        entry = time.add_time_entry(
            self.svc,
            self.matter_id,
            timekeeper=value.timekeeper,
            hours=value.hours,
            category=value.category,
            description=value.description,
            worked_on=value.worked_on,
            claim=value.claim,
            billable=value.billable,
            unrelated=value.unrelated,
        )
        self.deliver(self.Saved(f"{entry.hours} h recorded for {entry.timekeeper}"))

    def _initial(self, entry: Any) -> Any:
        from casekit.tui.screens.fees_edit import TimeEntryInput

        return TimeEntryInput(
            timekeeper=entry.timekeeper,
            worked_on=entry.worked_on,
            hours=entry.hours,
            category=entry.category,
            claim=entry.claim or "all",
            description=entry.description,
            billable=entry.billable,
            unrelated=entry.unrelated,
        )

    def action_edit(self) -> None:
        entry = self._selected("#fees-entries", self.workspace.entries if self.workspace else ())
        if entry is None:
            self.notify("Select a time entry first.", severity="warning")
            return
        if entry.locked:
            self.notify(
                "That entry is locked by a fee petition: press c to record a correction.",
                severity="warning",
            )
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.edit_entry(entry, value)

        self.app.push_screen(self._entry_modal("Edit the time entry", self._initial(entry)), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def edit_entry(self, entry: Any, value: Any) -> None:
        from casekit.services import fees as time

        time.edit_time_entry(
            self.svc,
            entry.id,
            version=entry.version,
            timekeeper=value.timekeeper,
            worked_on=value.worked_on,
            hours=value.hours,
            category=value.category,
            claim=value.claim,
            description=value.description,
            billable=value.billable,
            unrelated=value.unrelated,
        )
        self.deliver(self.Saved("Time entry saved"))

    def action_correct(self) -> None:
        entry = self._selected("#fees-entries", self.workspace.entries if self.workspace else ())
        if entry is None:
            self.notify("Select a time entry first.", severity="warning")
            return
        if not entry.locked or entry.tenths < 0:
            self.notify(
                "Only an entry a fee petition includes is corrected; edit this one (e).",
                severity="warning",
            )
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.correct_entry(entry, value)

        note = (
            "The original stays as it was. A reversal cancels it and a replacement carries "
            "the values below; both are new, visible entries."
        )
        self.app.push_screen(
            self._entry_modal("Correct a locked entry", self._initial(entry), correction=True,
                              note=note),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def correct_entry(self, entry: Any, value: Any) -> None:
        from casekit.services import fees as time

        time.correct_time_entry(
            self.svc,
            entry.id,
            reason=value.reason,
            timekeeper=value.timekeeper,
            worked_on=value.worked_on,
            hours=value.hours,
            category=value.category,
            claim=value.claim,
            description=value.description,
            billable=value.billable,
            unrelated=value.unrelated,
        )
        self.deliver(self.Saved("Correction recorded: a reversal and a replacement"))

    def action_remove(self) -> None:
        from casekit.tui.screens.confirm import ConfirmModal

        if self.workspace is None:
            return
        tab = self._tab()
        if tab == "fees-costs":
            row = self._selected("#fees-cost-table", self.workspace.costs)
            what = "cost"
        elif tab == "fees-resolution":
            row = self._selected("#fees-events", self.workspace.resolution)
            what = row.kind if row is not None else "entry"
        else:
            row = self._selected("#fees-entries", self.workspace.entries)
            what = "time entry"
        if row is None:
            self.notify("Select a row first.", severity="warning")
            return
        if getattr(row, "locked", False):
            self.notify(f"That {what} is locked by a fee petition.", severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.remove_row(tab, row)

        self.app.push_screen(
            ConfirmModal(f"Remove this {what}? The audit log keeps it.", yes="Remove", no="Keep"),
            answer,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def remove_row(self, tab: str, row: Any) -> None:
        if tab == "fees-costs":
            from casekit.services.costs import remove_cost

            remove_cost(self.svc, row.id, version=row.version)
            self.deliver(self.Saved("Cost removed"))
        elif tab == "fees-resolution":
            from casekit.services.resolution import remove_resolution

            out = remove_resolution(self.svc, row.id, version=row.version)
            self.deliver(self.Saved(f"{row.kind.capitalize()} removed", out.recompute))
        else:
            from casekit.services import fees as time

            time.remove_time_entry(self.svc, row.id, version=row.version)
            self.deliver(self.Saved("Time entry removed"))

    # --- costs and resolution ----------------------------------------------------------------

    def _cost_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_cost(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_cost(self, value: Any) -> None:
        from casekit.services.costs import add_cost

        cost = add_cost(
            self.svc,
            self.matter_id,
            kind=value.kind,
            amount=value.amount,
            description=value.description,
            incurred_on=value.incurred_on,
            billable=value.claimed,
            receipt=value.receipt or None,
        )
        stored = " (receipt stored in the vault)" if cost.receipt_sha256 else ""
        self.deliver(self.Saved(f"Cost of {cost.amount} recorded{stored}"))

    def _event_chosen(self, value: Any) -> None:
        if value is not None:
            self.add_event(value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def add_event(self, value: Any) -> None:
        from casekit.services.resolution import add_resolution

        recorded = add_resolution(
            self.svc,
            self.matter_id,
            kind=value.kind,
            dated=value.dated,
            side=value.side,
            amount=value.amount or None,
            terms=value.terms,
            injunctive_terms=value.injunctive_terms,
            expires_on=value.expires_on,
            court=value.court,
        )
        self.deliver(self.Saved(f"{value.kind.capitalize()} recorded", recorded.recompute))

    def action_offer_status(self) -> None:
        from casekit.tui.screens.fees_edit import ChoiceModal

        row = self._selected("#fees-events", self.workspace.resolution if self.workspace else ())
        if row is None or row.kind not in ("demand", "offer"):
            self.notify("Select a demand or an offer.", severity="warning")
            return

        def chosen(status: str | None) -> None:
            if status is not None:
                self.set_offer_status(row, status)

        self.app.push_screen(
            ChoiceModal(f"The {row.kind} of {day(row.dated)} is now…",
                        [(s.capitalize(), s) for s in fees.OFFER_STATUSES]),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def set_offer_status(self, row: Any, status: str) -> None:
        from casekit.services.resolution import update_resolution

        update_resolution(self.svc, row.id, version=row.version, status=status)
        self.deliver(self.Saved(f"{row.kind.capitalize()} marked {status}"))

    def action_close_matter(self) -> None:
        from casekit.tui.screens.fees_edit import ChoiceModal

        if self.workspace is None:
            return
        version = self.workspace.version

        def chosen(outcome: str | None) -> None:
            if outcome is not None:
                self.close_matter(outcome, version)

        self.app.push_screen(
            ChoiceModal(f"Close {self.workspace.number} with its outcome",
                        [(o.capitalize(), o) for o in fees.OUTCOMES], save="Close"),
            chosen,
        )  # fmt: skip

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def close_matter(self, outcome: str, version: int) -> None:
        from casekit.services.resolution import close_matter

        closed = close_matter(self.svc, self.matter_id, outcome=outcome, version=version)
        self.deliver(self.Saved(f"{closed.matter} {closed.status}: {closed.outcome}"))

    # --- timer and petition ------------------------------------------------------------------

    def action_timer(self) -> None:
        open_timer(self, self.matter_id)

    def action_petition(self) -> None:
        from casekit.tui.screens.fees_edit import PetitionModal

        if self.workspace is None:
            return

        def chosen(value: Any) -> None:
            if value is not None:
                self.issue(value)

        self.app.push_screen(
            PetitionModal(today=self.svc.today(), summary=_hours_line(self.workspace)), chosen
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def issue(self, value: Any) -> None:
        from casekit.services.fee_petition import issue_petition

        petition = issue_petition(
            self.svc, self.matter_id, through=value.through, since=value.since
        )
        self.deliver(
            self.Saved(
                f"Fee petition {petition.number} issued: {petition.entries} entries and "
                f"{petition.costs} costs locked; exhibit in the Docs tab"
            )
        )

    # --- after a save ------------------------------------------------------------------------

    def on_fees_screen_saved(self, message: Saved) -> None:
        self.casekit.note_change()
        self.notify(message.text)
        self.load()
        diff = message.diff
        if diff is not None and diff.has_changes:
            from casekit.tui.screens.recompute import RecomputeModal

            def answer(accept: bool | None) -> None:
                if accept:
                    self.apply_diff(diff)
                else:
                    self.notify("Recompute rejected: nothing changed.")

            self.app.push_screen(RecomputeModal(diff), answer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def apply_diff(self, diff: Any) -> None:
        from casekit.services import deadlines

        deadlines.recompute_apply(self.svc, self.matter_id, diff)
        self.deliver(self.Saved("The recomputed deadlines were accepted"))

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
            return self._tab() == tab
        except Exception:  # noqa: BLE001 - before compose finishes
            return True


def _entry_status(entry: Any) -> str:
    words = []
    if entry.exclusion:
        words.append(entry.exclusion)
    if entry.corrects_id is not None:
        words.append(f"{'reverses' if entry.tenths < 0 else 'replaces'} #{entry.corrects_id}")
    if entry.petitions:
        words.append("petition " + ", ".join(str(n) for n in entry.petitions))
    return "; ".join(words)


def _totals(ws: Any) -> Text:
    s = ws.report.summary
    text = Text()
    text.append("By timekeeper\n", style="bold")
    for t in s.by_timekeeper:
        rates = "; ".join(fees.money_text(r) for r in t.rates)
        text.append(
            f"  {t.name} ({fees.ROLE_LABELS.get(t.role, t.role)}): "
            f"{fees.tenths_text(t.tenths)} h at {rates or 'no rate'} = "
            f"{fees.money_text(t.value_cents)}"
        )
        if t.excluded_tenths:
            text.append(f"; {fees.tenths_text(t.excluded_tenths)} h excluded", style="dim")
        text.append("\n")
    text.append("By task\n", style="bold")
    for c in s.by_category:
        text.append(
            f"  {fees.CATEGORY_LABELS.get(c.category, c.category)}: "
            f"{fees.tenths_text(c.tenths)} h = {fees.money_text(c.value_cents)}\n"
        )
    text.append("Totals\n", style="bold")
    text.append(
        f"  Lodestar {fees.money_text(s.lodestar_cents)} + costs "
        f"{fees.money_text(s.costs_cents)} = {fees.money_text(s.total_cents)}\n"
        f"  Excluded (billing judgment): {fees.tenths_text(s.excluded_tenths)} h, "
        f"{fees.money_text(s.excluded_value_cents)} at the rates\n"
    )
    if s.missing_rates:
        text.append(
            f"  {len(s.missing_rates)} entries have no rate in effect on their date: add one "
            "(casekit rate add) before issuing a petition\n",
            style="bold yellow",
        )
    text.append("Fee petitions\n", style="bold")
    if not ws.petitions:
        text.append("  None issued yet. Press p to issue one (it locks its entries).\n")
    for p in ws.petitions:
        text.append(
            f"  {p.number}: through {day(p.through)}, issued {day(p.issued_on)} by "
            f"{p.issued_by}: {fees.money_text(p.total_cents)} ({p.entries} entries, "
            f"{p.costs} costs locked)\n"
        )
    return text


def open_timer(screen: Any, matter_id: int) -> None:
    """Open the timer dialog for ``matter_id`` from ``screen`` (the matter or fees screen)."""
    from casekit.tui.screens.fees_edit import TimerModal

    def done(text: str | None) -> None:
        if text:
            screen.notify(text)
            if hasattr(screen, "load"):
                screen.load()

    screen.app.push_screen(TimerModal(matter_id), done)
