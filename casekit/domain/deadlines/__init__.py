"""The Connecticut deadline engine: one rule, one trigger, one due date with its whole trail.

Counting (trust-act.md § 3, ``confirmed`` unless marked):

* The trigger day is excluded; "within" includes the last day (*Lamberti v. Stamford*, 131 Conn.
  396).
* Months and years land on the same calendar date, or the last day of a shorter month (Aug 31 +
  6 months = Feb 28/29; ``unverified``, standard practice, what ``dateutil.relativedelta`` does).
* Business days skip Saturdays, Sundays, Connecticut holidays and recorded court closures.
* Roll ``none``: the legal last day is the computed day even when courts are closed; the **safe
  target** is the last open day on or before it (Connecticut courts have refused to extend
  limitation periods that end on a closed day). Roll ``next_business_day``: the last day moves to
  the next open day (Practice Book § 7-17 / § 51-347c, ``secondary``).

Every result carries a human-readable trail: trigger, arithmetic, every day skipped and why, the
roll, the citation, and a "Verify" step for anything not ``confirmed``.
"""

from casekit.domain.deadlines.arithmetic import add_months, default_federal_calendar
from casekit.domain.deadlines.counting import memo_for
from casekit.domain.deadlines.engine import compute, compute_by_id, parse_trigger
from casekit.domain.deadlines.hours import compute_hours
from casekit.domain.deadlines.results import DeadlineResult, MarshalOption, ReadingResult, iso

__all__ = [
    "DeadlineResult",
    "MarshalOption",
    "ReadingResult",
    "add_months",
    "compute",
    "compute_by_id",
    "compute_hours",
    "default_federal_calendar",
    "iso",
    "memo_for",
    "parse_trigger",
]
