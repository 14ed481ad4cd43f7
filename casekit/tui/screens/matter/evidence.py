"""The Evidence tab of a matter: the items with their integrity, the element checklist, an item's
chain of custody; add (a path with completion), view (opened with the system's application,
logged), verify (every item re-hashed, logged).

The services run in thread workers (``casekit.services.evidence``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static

from casekit.services import casefile as views
from casekit.tui import opener
from casekit.tui.screens.evidence_add import EvidenceModal
from casekit.tui.screens.matter.pane import MatterPane, Saved
from casekit.tui.widgets.format import day, label, moment

if TYPE_CHECKING:
    from casekit.services.evidence import CustodyEntry, ElementMap
    from casekit.tui.screens.evidence_add import EvidenceInput

COLUMNS = ("Kind", "Description", "Obtained", "Integrity", "Proves")
INTEGRITY_STYLE = {
    "ok": "green",
    "modified": "bold red",
    "missing": "bold red",
    "tampered": "bold red",
}
KEYS: list[BindingType] = [
    Binding(
        "a",
        "evidence_add",
        "Add evidence",
        id="evidence-add",
        tooltip="Hash a file and keep a read-only copy in the evidence vault.",
    ),
    Binding(
        "v",
        "evidence_view",
        "View",
        id="evidence-view",
        tooltip="Open the selected item with the system's application (logged).",
    ),
    Binding(
        "l",
        "evidence_log",
        "Custody log",
        id="evidence-log",
        tooltip="The selected item's chain of custody.",
    ),
    Binding(
        "y",
        "evidence_verify",
        "Verify",
        id="evidence-verify",
        tooltip="Re-hash every item of the matter against its recorded SHA-256 (logged).",
    ),
]


def elements_text(elements: ElementMap | None) -> Text:
    """The element checklist: each element the case must show, with the items that support it."""
    text = Text()
    if elements is None:
        return text
    text.append("Elements (what the evidence must show):\n", style="bold")
    if not elements.elements:
        text.append(" No violation recorded on the incident yet.\n", style="dim")
    for element in elements.elements:
        if element.supported:
            text.append(" [x] ", style="green")
            text.append(element.title)
            items = ", ".join(f"#{i}" for i in element.evidence_ids)
            text.append(f"  ({items})\n", style="dim")
        else:
            text.append(" [ ] ", style="bold yellow")
            text.append(element.title)
            hint = ", ".join(label(k).replace("-", " ") for k in element.typical_kinds[:3])
            text.append(f"  missing; typically: {hint}\n" if hint else "  missing\n", style="dim")
        if element.note:
            text.append(f"     {element.note}\n", style="yellow")
    if elements.unrecorded:
        text.append(
            f" Items prove {', '.join(elements.unrecorded)}, which the incident does not record.\n",
            style="yellow",
        )
    return text


def custody_text(item: views.EvidenceView, entries: list[CustodyEntry]) -> Text:
    text = Text(f"Chain of custody of #{item.id} ({label(item.kind)}):\n", style="bold")
    for entry in entries:
        text.append(f" {moment(views.wall_time(entry.at))}  {entry.actor:<12} {entry.action}")
        if entry.detail:
            text.append(f"  {entry.detail}", style="dim")
        text.append("\n")
    text.append(f" SHA-256 {item.sha256}\n", style="dim")
    return text


class EvidencePane(MatterPane):
    """The items table and, below it, the element checklist or an item's custody log."""

    TAB = "evidence"
    TITLE = "Evidence"
    BINDINGS = KEYS

    class ElementsLoaded(Message):
        def __init__(self, elements: ElementMap) -> None:
            super().__init__()
            self.elements = elements

    class CustodyLoaded(Message):
        def __init__(self, item: views.EvidenceView, entries: list[CustodyEntry]) -> None:
            super().__init__()
            self.item = item
            self.entries = entries

    def __init__(self) -> None:
        super().__init__()
        self.elements: ElementMap | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-pane"):
            yield DataTable(id="matter-evidence", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="evidence-info-scroll"):
                yield Static(id="evidence-info")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(*COLUMNS)

    def show(self, detail: views.MatterDetail) -> None:
        self.load_elements(detail.number)
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        for e in detail.evidence:
            table.add_row(
                label(e.kind),
                e.description,
                day(e.obtained_on),
                Text(e.integrity, style=INTEGRITY_STYLE.get(e.integrity, "")),
                ", ".join(e.proves),
                key=str(e.id),
            )
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def show_elements(self, elements: ElementMap) -> None:
        self.elements = elements
        self.query_one("#evidence-info", Static).update(elements_text(elements))

    def show_custody(self, item: views.EvidenceView, entries: list[CustodyEntry]) -> None:
        text = custody_text(item, entries)
        text.append("\n")
        text.append_text(elements_text(self.elements))
        self.query_one("#evidence-info", Static).update(text)

    def selected(self) -> views.EvidenceView | None:
        if self.detail is None or not self.detail.evidence:
            return None
        row = self.query_one(DataTable).cursor_row
        return self.detail.evidence[row] if 0 <= row < len(self.detail.evidence) else None

    # --- the actions (casekit.services.evidence) ---------------------------------------------

    def _number(self) -> str | None:
        return self.detail.number if self.detail is not None else None

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-elements")
    def load_elements(self, number: str) -> None:
        from casekit.services.evidence import element_map

        self.deliver(self.ElementsLoaded(element_map(self.svc, number)))

    def on_evidence_pane_elements_loaded(self, message: ElementsLoaded) -> None:
        self.show_elements(message.elements)

    def on_evidence_pane_custody_loaded(self, message: CustodyLoaded) -> None:
        self.show_custody(message.item, message.entries)

    def action_evidence_add(self) -> None:
        number = self._number()
        if number is None:
            return

        def chosen(value: EvidenceInput | None) -> None:
            if value is not None:
                self.add_evidence(number, value)

        self.app.push_screen(EvidenceModal(today=self.svc.today()), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def add_evidence(self, number: str, value: EvidenceInput) -> None:
        from casekit.services.evidence import add_evidence

        stored = add_evidence(
            self.svc,
            number,
            value.path,
            kind=value.kind,
            proves=value.proves,
            source=value.source,
            obtained_on=value.obtained_on,
            description=value.description,
        )
        same = f" (same content as #{stored.duplicate_of})" if stored.duplicate_of else ""
        self.deliver(Saved(f"Evidence #{stored.id} added, SHA-256 {stored.sha256[:12]}…{same}"))

    def action_evidence_view(self) -> None:
        item = self.selected()
        if item is None:
            self.notify("Select an item first.", severity="warning")
            return
        self.view_evidence(item)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-open")
    def view_evidence(self, item: views.EvidenceView) -> None:
        from casekit.services.evidence import view_evidence

        path = view_evidence(self.svc, item.id, purpose="opened from the matter workspace")
        opener.open_file(path)
        self.app.call_from_thread(self.notify, f"Evidence #{item.id} opened (logged)")

    def action_evidence_log(self) -> None:
        item = self.selected()
        if item is None:
            self.notify("Select an item first.", severity="warning")
            return
        self.load_custody(item)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-custody")
    def load_custody(self, item: views.EvidenceView) -> None:
        from casekit.services.evidence import custody_log

        self.deliver(self.CustodyLoaded(item, custody_log(self.svc, item.id)))

    def action_evidence_verify(self) -> None:
        number = self._number()
        if number is not None:
            self.verify_evidence(number)

    @work(thread=True, exclusive=True, exit_on_error=False, group="matter-write")
    def verify_evidence(self, number: str) -> None:
        from casekit.services.evidence import verify_evidence

        results = verify_evidence(self.svc, number)
        bad = [r for r in results if not r.ok]
        if not results:
            text = "No evidence to verify."
        elif not bad:
            text = f"Verified {len(results)} item(s): all intact"
        else:
            text = f"Verified {len(results)} item(s): " + ", ".join(
                f"#{r.id} {r.status}" for r in bad
            )
        self.deliver(Saved(text))
