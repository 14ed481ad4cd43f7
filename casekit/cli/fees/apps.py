"""The command groups of fees, costs and resolution, and what their commands share.

AppContext are imported inside each command (not here) so ``casekit --help`` stays fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from casekit.cli.base import MATTER_ARG, command_group, parse_date

# Registered before the groups below, as the root command's help has always listed them.
from casekit.cli.reports import report_app

timekeeper_app = command_group(
    "timekeeper", "The people whose time is billed: attorneys, paralegals and law clerks."
)
rate_app = command_group(
    "rate", "Hourly rates per timekeeper from a date on, each with its source (affidavit, survey)."
)
time_app = command_group(
    "time",
    "Time entries on a matter, in tenths of an hour. Entries a fee petition includes are "
    "locked: correct them with 'casekit time correct'.",
)
timer_app = command_group(
    "timer", "A running timer on a matter (it survives restarts).", parent=time_app
)
cost_app = command_group(
    "cost",
    "Costs on a matter (filing and marshal's fees, transcripts, experts, FOI copy fees), "
    "with receipts kept in the evidence vault.",
)
fees_app = command_group(
    "fees", "Fee petitions: issue one (it locks the entries and costs it includes), list them."
)
resolution_app = command_group(
    "resolution",
    "The resolution log: demands, offers, settlement terms, judgments; close a matter with "
    "its outcome.",
)

__all__ = [
    "MATTER_ARG",
    "cost_app",
    "fees_app",
    "keep",
    "keep_date",
    "opt_date",
    "rate_app",
    "report_app",
    "resolution_app",
    "time_app",
    "timekeeper_app",
    "timer_app",
]

THROUGH_OPTION = typer.Option(None, "--through", help="Last day (YYYY-MM-DD).")
DROP_OPTION = typer.Option(False, "--drop", help="Reverse it with no replacement.")


def opt_date(value: str | None, what: str) -> date | None:
    """An optional date option (absent: None)."""
    return parse_date(value, what) if value is not None else None


def keep_date(value: str | None, what: str) -> Any:
    """A date option for an edit: absent keeps the value."""
    from casekit.services.fees import KEEP

    return KEEP if value is None else parse_date(value, what)


def keep(value: Any) -> Any:
    """An option for an edit: absent (None) keeps the value."""
    from casekit.services.fees import KEEP

    return KEEP if value is None else value
