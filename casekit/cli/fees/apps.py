"""The command groups of fees, costs and resolution, and what their commands share.

AppContext are imported inside each command (not here) so ``casekit --help`` stays fast.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from casekit.cli.base import app, parse_date

# Registered before the groups below, as the root command's help has always listed them.
from casekit.cli.reports import report_app

timekeeper_app = typer.Typer(
    no_args_is_help=True,
    help="The people whose time is billed: attorneys, paralegals and law clerks.",
)
rate_app = typer.Typer(
    no_args_is_help=True,
    help="Hourly rates per timekeeper from a date on, each with its source (affidavit, survey).",
)
time_app = typer.Typer(
    no_args_is_help=True,
    help="Time entries on a matter, in tenths of an hour. Entries a fee petition includes are "
    "locked: correct them with 'casekit time correct'.",
)
timer_app = typer.Typer(
    no_args_is_help=True, help="A running timer on a matter (it survives restarts)."
)
cost_app = typer.Typer(
    no_args_is_help=True,
    help="Costs on a matter (filing and marshal's fees, transcripts, experts, FOI copy fees), "
    "with receipts kept in the evidence vault.",
)
fees_app = typer.Typer(
    no_args_is_help=True,
    help="Fee petitions: issue one (it locks the entries and costs it includes), list them.",
)
resolution_app = typer.Typer(
    no_args_is_help=True,
    help="The resolution log: demands, offers, settlement terms, judgments; close a matter with "
    "its outcome.",
)
app.add_typer(timekeeper_app, name="timekeeper")
app.add_typer(rate_app, name="rate")
app.add_typer(time_app, name="time")
time_app.add_typer(timer_app, name="timer")
app.add_typer(cost_app, name="cost")
app.add_typer(fees_app, name="fees")
app.add_typer(resolution_app, name="resolution")

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

MATTER_ARG = typer.Argument(..., help="Matter number, e.g. TA-2026-0001.")


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
