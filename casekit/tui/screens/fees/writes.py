"""What the fees screen's workers save: one service call each, and the sentence it shows.

Each function runs in a worker thread and returns the notification text (and, for the
resolution log, the deadline recompute to offer). The values come from the dialogs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casekit.services import fees as time
from casekit.services.deadlines import resolution

if TYPE_CHECKING:
    from casekit.services.base import AppContext

__all__ = [
    "add_cost",
    "add_entry",
    "add_event",
    "close_matter",
    "correct_entry",
    "edit_entry",
    "issue",
    "remove_row",
    "set_offer_status",
]

Saved = tuple[str, Any]  # the notification, and a recompute diff (or None)


def _entry_fields(value: Any) -> dict[str, Any]:
    """The time entry dialog's values as the services' keyword arguments."""
    return {
        "timekeeper": value.timekeeper,
        "worked_on": value.worked_on,
        "hours": value.hours,
        "category": value.category,
        "claim": value.claim,
        "description": value.description,
        "billable": value.billable,
        "unrelated": value.unrelated,
    }


def add_entry(svc: AppContext, matter_id: int, value: Any) -> Saved:
    entry = time.add_time_entry(svc, matter_id, **_entry_fields(value))
    return f"{entry.hours} h recorded for {entry.timekeeper}", None


def edit_entry(svc: AppContext, entry: Any, value: Any) -> Saved:
    time.edit_time_entry(svc, entry.id, version=entry.version, **_entry_fields(value))
    return "Time entry saved", None


def correct_entry(svc: AppContext, entry: Any, value: Any) -> Saved:
    time.correct_time_entry(svc, entry.id, reason=value.reason, **_entry_fields(value))
    return "Correction recorded: a reversal and a replacement", None


def remove_row(svc: AppContext, tab: str, row: Any) -> Saved:
    """Remove the selected cost, resolution entry or time entry (by the id of its tab)."""
    if tab == "fees-costs":
        time.remove_cost(svc, row.id, version=row.version)
        return "Cost removed", None
    if tab == "fees-resolution":
        out = resolution.remove_resolution(svc, row.id, version=row.version)
        return f"{row.kind.capitalize()} removed", out.recompute
    time.remove_time_entry(svc, row.id, version=row.version)
    return "Time entry removed", None


def add_cost(svc: AppContext, matter_id: int, value: Any) -> Saved:
    cost = time.add_cost(
        svc,
        matter_id,
        kind=value.kind,
        amount=value.amount,
        description=value.description,
        incurred_on=value.incurred_on,
        billable=value.claimed,
        receipt=value.receipt or None,
    )
    stored = " (receipt stored in the vault)" if cost.receipt_sha256 else ""
    return f"Cost of {cost.amount} recorded{stored}", None


def add_event(svc: AppContext, matter_id: int, value: Any) -> Saved:
    recorded = resolution.add_resolution(
        svc,
        matter_id,
        kind=value.kind,
        dated=value.dated,
        side=value.side,
        amount=value.amount or None,
        terms=value.terms,
        injunctive_terms=value.injunctive_terms,
        expires_on=value.expires_on,
        court=value.court,
    )
    return f"{value.kind.capitalize()} recorded", recorded.recompute


def set_offer_status(svc: AppContext, row: Any, status: str) -> Saved:
    resolution.update_resolution(svc, row.id, version=row.version, status=status)
    return f"{row.kind.capitalize()} marked {status}", None


def close_matter(svc: AppContext, matter_id: int, outcome: str, version: int) -> Saved:
    closed = resolution.close_matter(svc, matter_id, outcome=outcome, version=version)
    return f"{closed.matter} {closed.status}: {closed.outcome}", None


def issue(svc: AppContext, matter_id: int, value: Any) -> Saved:
    petition = time.issue_petition(svc, matter_id, through=value.through, since=value.since)
    return (
        f"Fee petition {petition.number} issued: {petition.entries} entries and "
        f"{petition.costs} costs locked; exhibit in the Docs tab"
    ), None
