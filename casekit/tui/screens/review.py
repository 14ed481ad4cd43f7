"""Review every matter's recomputed deadlines at once (key ``U``), and accept them one by one.

After a court closure, a rule override or a law-pack change, every open matter's recompute is
listed, one row per change. Every change starts **rejected**: space accepts (or rejects again)
the highlighted change, ``a`` every change of its matter, ``A`` every change; ctrl+s applies the
accepted ones only (``casekit.services.deadlines.apply_selected``, which refuses everything if
an accepted change is no longer what is shown). Rejected changes stay as they are and come back
at the next review. ``casekit deadlines recompute --all --apply`` accepts them all at once.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Label, Static

from casekit.tui.screens.base import CasekitScreen
from casekit.tui.widgets.format import day

ACCEPTED = "✓ accept"
REJECTED = "✗ reject"


class RecomputeReviewScreen(CasekitScreen):
    """One row per recomputed change of every open matter; nothing moves until ctrl+s."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("space", "toggle_change", "Accept/reject", id="review-toggle"),
        Binding("a", "toggle_matter", "Matter", id="review-matter"),
        Binding("A", "accept_all", "Accept all", id="review-all"),
        Binding("ctrl+s", "apply", "Apply accepted", id="review-apply", priority=True),
    ]

    class Loaded(Message):
        def __init__(self, diffs: dict[str, Any], applied: int | None = None) -> None:
            super().__init__()
            self.diffs = diffs
            self.applied = applied

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, Any]] = []  # (matter, change) per row
        self.accepted: set[int] = set()  # row indexes

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="review"):
            yield Label("Recompute review: computing every open matter…", id="review-title")
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="review-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Decision", "Matter", "Change", "Deadline", "Was due", "Now due")

    def reload(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def load(self) -> None:
        from casekit.services.deadlines import recompute_all_preview

        self.deliver(self.Loaded(recompute_all_preview(self.svc)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="review")
    def apply(self, chosen: list[tuple[str, Any]]) -> None:
        from casekit.services.deadlines import Selected, apply_selected, recompute_all_preview

        applied = apply_selected(self.svc, [Selected(m, c) for m, c in chosen])
        self.deliver(self.Loaded(recompute_all_preview(self.svc), applied))

    def on_recompute_review_screen_loaded(self, message: Loaded) -> None:
        if message.applied is not None:
            self.casekit.note_change()
            self.notify(f"Applied {message.applied} accepted change(s).")
        self.items = [(n, c) for n, diff in message.diffs.items() for c in diff.changes]
        self.accepted = set()
        table = self.query_one(DataTable)
        table.clear()
        for i, (number, change) in enumerate(self.items):
            table.add_row(*self._cells(i, number, change), key=str(i))
        title = self.query_one("#review-title", Label)
        if not self.items:
            title.update("Recompute review: no open matter has a deadline to add, move or remove.")
        else:
            title.update(
                f"Recompute review: {len(self.items)} change(s) in {len(message.diffs)} "
                "matter(s). Every change starts rejected: space accepts one, a its matter, A "
                "all; ctrl+s applies the accepted ones."
            )
        table.focus()
        self._detail()

    def _cells(self, i: int, number: str, change: Any) -> tuple[str, ...]:
        return (
            ACCEPTED if i in self.accepted else REJECTED,
            number,
            change.kind,
            change.title + (" [verify]" if change.verify else ""),
            day(change.old_due) if change.old_due else "—",
            day(change.new_due) if change.new_due else "—",
        )

    def _row(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.items or table.row_count == 0:
            return None
        return table.cursor_row

    def _set(self, rows: list[int], accept: bool) -> None:
        table = self.query_one(DataTable)
        for i in rows:
            if accept:
                self.accepted.add(i)
            else:
                self.accepted.discard(i)
            table.update_cell(
                str(i), table.ordered_columns[0].key, self._cells(i, *self.items[i])[0]
            )
        self._detail()

    def _detail(self) -> None:
        row = self._row()
        detail = self.query_one("#review-detail", Static)
        if row is None:
            detail.update("")
            return
        _, change = self.items[row]
        detail.update(f"Why: {change.reason}\n{len(self.accepted)} change(s) accepted.")

    def on_data_table_row_highlighted(self) -> None:
        self._detail()

    def action_toggle_change(self) -> None:
        row = self._row()
        if row is not None:
            self._set([row], row not in self.accepted)

    def action_toggle_matter(self) -> None:
        row = self._row()
        if row is None:
            return
        number = self.items[row][0]
        rows = [i for i, (n, _) in enumerate(self.items) if n == number]
        self._set(rows, not all(i in self.accepted for i in rows))

    def action_accept_all(self) -> None:
        self._set(list(range(len(self.items))), True)

    def action_apply(self) -> None:
        if not self.accepted:
            self.notify("Nothing accepted: space accepts a change.", severity="warning")
            return
        self.apply([self.items[i] for i in sorted(self.accepted)])
