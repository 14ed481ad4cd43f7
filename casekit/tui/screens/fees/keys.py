"""The keys of the fees screen (the keymap file overrides them by id)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from casekit.tui.bindings import tab_bindings

__all__ = ["FEES_BINDINGS", "TABS"]

TABS = (
    ("fees-time", "Time"),
    ("fees-costs", "Costs"),
    ("fees-resolution", "Resolution"),
    ("fees-totals", "Totals"),
)

FEES_BINDINGS: list[BindingType] = [
    Binding("a", "add", "Add", id="fees-add", tooltip="Add time, a cost or a resolution entry."),
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
    Binding("f5", "refresh", "Refresh", id="fees-refresh", show=False, tooltip="Read it again."),
    *tab_bindings(TABS, "fees-tab-{n}"),
]
