"""The matters list: instant search, filters, and pages read from the database as you scroll.

Typing searches at once when the last search is older than ``SEARCH_INTERVAL``, otherwise once the
interval has passed (so fast typing runs one query per interval); every search runs in an
exclusive worker, so an older, slower answer is discarded, never shown over a newer one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Label, Select
from textual.worker import Worker, WorkerState

from casekit.domain.vocabulary import MATTER_STATUSES
from casekit.services import casefile as views
from casekit.tui.screens.base import CasekitScreen, OptionsLoaded
from casekit.tui.widgets.format import label
from casekit.tui.widgets.matter_table import MatterTable

PAGE_SIZE = 40
#: Seconds between two searches while typing (~150 ms, the debounce the issue asks for).
SEARCH_INTERVAL = 0.15


@dataclass(frozen=True)
class Query:
    text: str = ""
    status: str | None = None
    attorney: int | None = None
    town: int | None = None
    agency: int | None = None


def _value(select: Select[Any]) -> Any:
    return None if select.is_blank() else select.value


class MattersScreen(CasekitScreen):
    """Every matter, newest first, a page (``PAGE_SIZE`` rows) at a time."""

    CSS_PATH = "matters.tcss"
    # Keys stay shortcuts when the screen opens; "/" goes to the search box.
    AUTO_FOCUS = "#matters-table"
    BINDINGS = [
        Binding(
            "slash",
            "focus_search",
            "Search",
            id="matters-search",
            key_display="/",
            tooltip="Type part of a name, a TA- number, a town or an agency.",
        ),
        Binding(
            "f",
            "focus_filters",
            "Filters",
            id="matters-filters",
            tooltip="Filter by status, attorney, town and agency.",
        ),
        Binding(
            "x",
            "clear_filters",
            "Clear",
            id="matters-clear",
            tooltip="Clear the search and every filter.",
        ),
        Binding("down", "focus_table", show=False, id="matters-to-table"),
    ]

    class PageLoaded(Message):
        def __init__(self, query: Query, page: views.MatterPage) -> None:
            super().__init__()
            self.query = query
            self.page = page

    def __init__(self) -> None:
        super().__init__()
        self.current = Query()
        self._timer: Timer | None = None
        self._last_search = 0.0
        self._in_flight = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Search: client name, TA- number, town, agency  ( / )",
            id="matters-search-input",
            compact=True,
        )
        with Horizontal(id="matters-filters"):
            yield Select(
                [(label(s), s) for s in MATTER_STATUSES],
                prompt="Status",
                id="matters-status",
                compact=True,
            )
            yield Select([], prompt="Attorney", id="matters-attorney", compact=True)
            yield Select([], prompt="Town", id="matters-town", compact=True)
            yield Select([], prompt="Agency", id="matters-agency", compact=True)
        yield MatterTable(id="matters-table")
        yield Label("", id="matters-status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.load_options()

    @property
    def settled(self) -> bool:
        """No search waiting for its interval and none running: the list shows what was typed."""
        return self._timer is None and not self._in_flight

    def reload(self) -> None:
        self._start(0)

    # --- workers -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="matters-options")
    def load_options(self) -> None:
        self.deliver(OptionsLoaded(views.options(self.svc)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="matters-page")
    def search(self, query: Query, offset: int = 0) -> None:
        page = views.page_matters(
            self.svc,
            query=query.text,
            status=query.status,
            attorney=query.attorney,
            town=query.town,
            agency=query.agency,
            limit=PAGE_SIZE,
            offset=offset,
        )
        self.deliver(self.PageLoaded(query, page))

    # --- results -----------------------------------------------------------------------------

    def on_options_loaded(self, message: OptionsLoaded) -> None:
        o = message.options
        self.query_one("#matters-attorney", Select).set_options(
            (a.label, a.id) for a in o.attorneys
        )
        self.query_one("#matters-town", Select).set_options((t.label, t.id) for t in o.towns)
        self.query_one("#matters-agency", Select).set_options((a.name, a.id) for a in o.agencies)

    def on_matters_screen_page_loaded(self, message: PageLoaded) -> None:
        self._in_flight = False
        if message.query != self.current:
            return  # an answer to a search the user has since changed
        table = self.query_one(MatterTable)
        page = message.page
        table.show_page(page.rows, more=page.more, append=page.offset > 0)
        count = page.total or 0
        total = f"{count:,}+" if page.capped else f"{count:,}"
        noun = "matter" if count == 1 else "matters"
        text = f"{table.row_count:,} of {total} {noun}" if count else "No matter matches"
        if page.capped:
            text += " (type more to narrow the search)"
        # The line is one row, full width (matters.tcss): its size never changes, so no layout.
        self.query_one("#matters-status-line", Label).update(text, layout=False)

    # --- input -------------------------------------------------------------------------------

    @on(Input.Changed, "#matters-search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._change(replace(self.current, text=event.value), throttle=True)

    @on(Input.Submitted, "#matters-search-input")
    def _submitted(self) -> None:
        self.action_focus_table()

    @on(Select.Changed)
    def _filtered(self, event: Select.Changed) -> None:
        value = _value(event.select)
        field = {
            "matters-status": "status",
            "matters-attorney": "attorney",
            "matters-town": "town",
            "matters-agency": "agency",
        }.get(event.select.id or "")
        if field is not None:
            self._change(replace(self.current, **{field: value}), throttle=False)

    def _change(self, query: Query, *, throttle: bool) -> None:
        if query == self.current:
            return
        self.current = query
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        wait = SEARCH_INTERVAL - (time.monotonic() - self._last_search)
        if throttle and wait > 0:
            self._timer = self.set_timer(wait, self._search_now)
        else:
            self._search_now()

    def _search_now(self) -> None:
        self._timer = None
        self._last_search = time.monotonic()
        self._start(0)

    def _start(self, offset: int) -> None:
        self._in_flight = True
        self.search(self.current, offset)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.group == "matters-page":
            self._in_flight = False
        # No super() call: Textual runs the base class's handler (which reports the error) too.

    def on_matter_table_need_more(self, message: MatterTable.NeedMore) -> None:
        message.stop()
        table = self.query_one(MatterTable)
        if not self._in_flight and self._timer is None and table.wants_more:
            self._start(table.row_count)

    def on_matter_table_opened(self, message: MatterTable.Opened) -> None:
        self.casekit.open_matter(message.matter_id)

    # --- actions -----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one("#matters-search-input", Input).focus()

    def action_focus_filters(self) -> None:
        self.query_one("#matters-status", Select).focus()

    def action_focus_table(self) -> None:
        self.query_one(MatterTable).focus()

    def action_clear_filters(self) -> None:
        for select in self.query(Select):
            select.clear()
        self.query_one("#matters-search-input", Input).value = ""
        self._change(Query(), throttle=False)
