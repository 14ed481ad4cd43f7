"""Attorney's fees: time kept on matters, costs with receipts, and the fee petition.

* :mod:`.timekeepers`: attorneys, paralegals and law clerks, and their hourly rates;
* :mod:`.time_entries`, :mod:`.corrections`, :mod:`.timer`: time entries, corrections of locked
  ones (a reversal and a replacement), and the timer that survives a restart;
* :mod:`.costs` (with :mod:`.receipts` in the evidence vault);
* :mod:`.report` (the draft or an issued petition, reproduced), :mod:`.render` (Markdown, CSV,
  JSON, the Word exhibit) and :mod:`.petition` (issuing one, which locks its records);
* :mod:`.workspace` (what the fees screen reads in one call) and :mod:`.demo` (demo data);
* :mod:`.checks`: what they all check, and the petition lock.

Every write is one transaction; the SQL is :mod:`casekit.store.repos.fees`. Hours are whole
tenths and money whole cents (:mod:`casekit.domain.fees`).
"""

from __future__ import annotations

from casekit.services.fees.checks import (
    FORGOTTEN_AFTER_TENTHS,
    KEEP,
    MAX_DESCRIPTION,
    MAX_SOURCE,
    claim_label,
    clean_claim,
    clean_description,
)
from casekit.services.fees.corrections import correct_time_entry
from casekit.services.fees.costs import (
    CostOut,
    add_cost,
    correct_cost,
    edit_cost,
    list_costs,
    remove_cost,
)
from casekit.services.fees.petition import issue_petition
from casekit.services.fees.petition_results import FeeReport, PetitionOut
from casekit.services.fees.render import (
    UTF8_BOM,
    fees_context,
    fees_csv,
    fees_docx,
    fees_json,
    fees_markdown,
)
from casekit.services.fees.report import fee_report, list_petitions
from casekit.services.fees.results import RateOut, TimeEntryOut, TimekeeperOut, TimerOut
from casekit.services.fees.time_entries import (
    add_time_entry,
    edit_time_entry,
    list_time_entries,
    remove_time_entry,
)
from casekit.services.fees.timekeepers import (
    add_rate,
    add_timekeeper,
    find_timekeeper,
    list_rates,
    list_timekeepers,
    remove_rate,
)
from casekit.services.fees.timer import discard_timer, running_timers, start_timer, stop_timer

__all__ = [
    "FORGOTTEN_AFTER_TENTHS",
    "KEEP",
    "MAX_DESCRIPTION",
    "MAX_SOURCE",
    "UTF8_BOM",
    "CostOut",
    "FeeReport",
    "PetitionOut",
    "RateOut",
    "TimeEntryOut",
    "TimekeeperOut",
    "TimerOut",
    "add_cost",
    "add_rate",
    "add_time_entry",
    "add_timekeeper",
    "claim_label",
    "clean_claim",
    "clean_description",
    "correct_cost",
    "correct_time_entry",
    "discard_timer",
    "edit_cost",
    "edit_time_entry",
    "fee_report",
    "fees_context",
    "fees_csv",
    "fees_docx",
    "fees_json",
    "fees_markdown",
    "find_timekeeper",
    "issue_petition",
    "list_costs",
    "list_petitions",
    "list_rates",
    "list_time_entries",
    "list_timekeepers",
    "remove_cost",
    "remove_rate",
    "remove_time_entry",
    "running_timers",
    "start_timer",
    "stop_timer",
]
