"""What every tab of the fees screen shares.

A tab is a :class:`FeesPane` (a :class:`~casekit.tui.screens.panes.WorkspacePane`): it shows its
part of the fees workspace (:meth:`FeesPane.show`) and carries the keys of that tab only in
``BINDINGS``; ``a`` and ``delete`` stay on the screen, which passes them to the tab on view
(:meth:`FeesPane.add_row`, :meth:`FeesPane.remove_selected`). Its edits run in thread workers
that post :class:`Saved` (the screen notifies, reads the fees again and reviews a deadline
recompute).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import work
from textual.message import Message
from textual.widgets import DataTable

from casekit.tui.bindings import SCREEN_NAMES
from casekit.tui.screens.confirm import ConfirmModal
from casekit.tui.screens.fees import writes
from casekit.tui.screens.panes import WorkspacePane

if TYPE_CHECKING:
    from casekit.tui.screens.fees.screen import FeesScreen


class Loaded(Message):
    """The fees workspace of the matter was read."""

    def __init__(self, workspace: Any) -> None:
        super().__init__()
        self.workspace = workspace


class Saved(Message):
    """An edit went through; ``text`` says what happened, ``diff`` is the deadline recompute it
    causes (for the attorney to accept)."""

    def __init__(self, text: str, diff: Any = None) -> None:
        super().__init__()
        self.text = text
        self.diff = diff


class FeesPane(WorkspacePane):
    """One tab of the fees screen; subclasses set ``TAB`` (its id) and ``TITLE``."""

    SCREEN = SCREEN_NAMES["FeesScreen"]

    @property
    def fees(self) -> FeesScreen:
        return cast("FeesScreen", self.screen)

    @property
    def workspace(self) -> Any:
        """The fees workspace last read (``None`` until the first read)."""
        return self.fees.workspace

    @property
    def matter_id(self) -> int:
        return self.fees.matter_id

    def reload(self) -> None:
        """After an edit conflict: the fees are read again."""
        self.fees.reload()

    def show(self, workspace: Any) -> None:
        """Show the fees workspace just read (the screen calls every tab's)."""

    def selected(self, selector: str, items: tuple[Any, ...]) -> Any:
        """The item of the highlighted row of the table ``selector`` (``None``: no rows)."""
        if not items:
            return None
        row = self.query_one(selector, DataTable).cursor_row
        return items[row] if 0 <= row < len(items) else None

    def add_row(self) -> None:
        """``a`` on this tab: add time (a tab without rows of its own adds time)."""
        self.fees.time_pane.add_row()

    def remove_selected(self) -> None:
        """``delete`` on this tab: the Time tab's selected entry (a tab without rows of its own)."""
        self.fees.time_pane.remove_selected()

    def confirm_remove(self, row: Any, what: str) -> None:
        """Ask, then remove ``row`` (a ``what``) in a worker; a locked row is refused."""
        if row is None:
            self.notify("Select a row first.", severity="warning")
            return
        if getattr(row, "locked", False):
            self.notify(f"That {what} is locked by a fee petition.", severity="warning")
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.remove_row(row)

        self.app.push_screen(
            ConfirmModal(f"Remove this {what}? The audit log keeps it.", yes="Remove", no="Keep"),
            answer,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="fees-write")
    def remove_row(self, row: Any) -> None:
        self.saved(writes.remove_row(self.svc, self.TAB, row))

    def saved(self, result: writes.Saved) -> None:
        """Post a worker's result (the notification and any recompute)."""
        self.deliver(Saved(*result))
