"""The keys of the fees screen (the keymap file overrides them by id): the screen's own, and the
keys of one tab only, which that tab's pane carries (:mod:`.time_tab`, :mod:`.resolution_tab`)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from casekit.tui.bindings import tab_bindings

__all__ = ["FEES_BINDINGS", "FOOTER_ORDER", "RESOLUTION_KEYS", "TABS", "TIME_KEYS"]

TABS = (
    ("fees-time", "Time"),
    ("fees-costs", "Costs"),
    ("fees-resolution", "Resolution"),
    ("fees-totals", "Totals"),
)

#: Every tab: ``a`` and ``delete`` act on the tab on view.
FEES_BINDINGS: list[BindingType] = [
    Binding("a", "add", "Add", id="fees-add", tooltip="Add time, a cost or a resolution entry."),
    Binding("delete", "remove", "Remove", id="fees-remove", tooltip="Remove the selected row."),
    Binding("T", "timer", "Timer", id="fees-timer", tooltip="Start or stop the timer."),
    Binding(
        "p",
        "petition",
        "Petition",
        id="fees-petition",
        tooltip="Issue a fee petition: records it, writes the exhibit, locks its entries.",
    ),
    Binding(
        "x",
        "close_matter",
        "Close",
        id="fees-close",
        tooltip="Close the matter with its outcome.",
    ),
    Binding("f5", "refresh", "Refresh", id="fees-refresh", show=False, tooltip="Read it again."),
    *tab_bindings(TABS, "fees-tab-{n}"),
]

#: The Time tab.
TIME_KEYS: list[BindingType] = [
    Binding("e", "edit", "Edit", id="fees-edit", tooltip="Edit the selected time entry."),
    Binding(
        "c",
        "correct",
        "Correct",
        id="fees-correct",
        tooltip="Correct a locked entry: a reversal and a replacement, both visible.",
    ),
]

#: The Resolution tab.
RESOLUTION_KEYS: list[BindingType] = [
    Binding(
        "u",
        "offer_status",
        "Status",
        id="fees-offer-status",
        tooltip="Mark the selected demand or offer accepted, rejected, withdrawn or expired.",
    ),
]

#: The order of the footer (the screen's keys and its tabs' together).
FOOTER_ORDER = (
    "fees-add",
    "fees-edit",
    "fees-remove",
    "fees-correct",
    "fees-timer",
    "fees-petition",
    "fees-offer-status",
    "fees-close",
)
