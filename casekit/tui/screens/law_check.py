"""The law check: which open matters' results came from another law pack, and what the pack in
force would change (decision, reasons, claims, deadlines). Nothing moves until the attorney
accepts a matter, or all of them (``casekit law check`` on the command line)."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Header, Label, Static

from casekit.tui.screens.base import CasekitScreen


class LawCheckScreen(CasekitScreen):
    """Every open matter whose results the current law pack would change, one row each."""

    CSS_PATH = "law_check.tcss"
    BINDINGS = [
        Binding("a", "accept_matter", "Accept matter", id="law-check-accept-matter"),
        Binding("A", "accept_all", "Accept all", id="law-check-accept-all"),
        Binding("enter", "open_matter", "Open matter", id="law-check-open", show=False),
    ]

    class Checked(Message):
        def __init__(self, report: Any) -> None:
            super().__init__()
            self.report = report

    def __init__(self) -> None:
        super().__init__()
        self.report: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="law-check"):
            yield Label("Law check: checking the open matters…", id="law-check-title")
            yield DataTable(id="law-check-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="law-check-detail")
            with Horizontal(id="law-check-buttons"):
                yield Button("Accept this matter", id="law-check-one", variant="warning")
                yield Button("Accept all", id="law-check-all", variant="error")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Matter", "Results from", "Screening", "Deadlines")
        self.reload()

    def reload(self) -> None:
        self.check()

    @work(thread=True, exclusive=True, exit_on_error=False, group="law-check")
    def check(self) -> None:
        from casekit.services.law.check import law_check

        self.deliver(self.Checked(law_check(self.svc)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="law-check")
    def accept(self, matter: str | None) -> None:
        from casekit.services.law.check import law_check, law_check_apply

        expected = law_check(self.svc, matter) if matter else self.report
        law_check_apply(self.svc, matter, expected=expected)
        self.deliver(self.Checked(law_check(self.svc)))

    def on_law_check_screen_checked(self, message: Checked) -> None:
        self.casekit.note_change()
        report = self.report = message.report
        table = self.query_one(DataTable)
        table.clear()
        stale = [n for n in report.outdated if n not in {m.matter for m in report.matters}]
        for m in report.matters:
            changed = [c for c in m.screening if c.changed]
            screening = ", ".join(
                f"{c.old_decision or 'not stored'} → {c.new_decision}" for c in changed
            )
            table.add_row(
                m.matter,
                ", ".join(v or "before versions" for v in m.stored_versions) or "—",
                screening or "unchanged",
                f"{len(m.deadlines.changes)} change(s)" if m.deadlines.has_changes else "—",
                key=m.matter,
            )
        for number in stale:
            table.add_row(number, "an older pack", "unchanged", "—", key=number)
        title = self.query_one("#law-check-title", Label)
        if not report.has_changes:
            title.update(
                f"Law pack {report.law_version}: every open matter's results come from it."
            )
        else:
            title.update(
                f"Law pack {report.law_version}: {len(report.matters)} matter(s) would change, "
                f"{len(stale)} more carry an older version ({report.checked} checked). Nothing "
                "moves until you accept."
            )
        self._show_detail()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    def _current(self) -> Any:
        table = self.query_one(DataTable)
        if self.report is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((m for m in self.report.matters if m.matter == key), key)

    def _show_detail(self) -> None:
        detail = self.query_one("#law-check-detail", Static)
        current = self._current()
        if current is None or isinstance(current, str):
            detail.update("" if current is None else "Only the law version changes.")
            return
        lines = []
        for change in current.screening:
            if not change.changed:
                continue
            lines.append(
                f"Screening: {change.old_decision or 'not stored'} → {change.new_decision}"
            )
            lines += [f"  + {code}" for code in change.reasons_added]
            lines += [f"  − {code}" for code in change.reasons_removed]
            lines += [f"  ~ {code}: {old} → {new}" for code, old, new in change.confidence_changed]
            lines += [f"  claim {c}: {old or '—'} → {new}" for c, old, new in change.claims_changed]
        for c in current.deadlines.changes:
            lines.append(f"Deadline {c.kind}: {c.title}: {c.reason}")
        detail.update("\n".join(lines))

    def action_accept_matter(self) -> None:
        current = self._current()
        if current is not None:
            self.accept(current if isinstance(current, str) else current.matter)

    def action_accept_all(self) -> None:
        if self.report is not None and self.report.has_changes:
            self.accept(None)

    def action_open_matter(self) -> None:
        current = self._current()
        number = current if isinstance(current, str) else getattr(current, "matter", None)
        if number:
            self.open_by_number(number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="law-check-open")
    def open_by_number(self, number: str) -> None:
        from casekit.services import casefile as views

        rows = views.find_matters(self.svc, number)
        if rows:
            self.app.call_from_thread(self.casekit.open_matter, rows[0].id)

    @on(Button.Pressed, "#law-check-one")
    def _one(self) -> None:
        self.action_accept_matter()

    @on(Button.Pressed, "#law-check-all")
    def _all(self) -> None:
        self.action_accept_all()
