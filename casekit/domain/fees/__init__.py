"""Attorney's fees and costs: hours in tenths, money in cents, the lodestar.

Courts award fees on contemporaneous time records valued at reasonable hourly rates (the
lodestar: hours × rate). Everything here is exact integer arithmetic: hours are stored as whole
tenths of an hour (``15`` is 1.5 hours) and money as whole cents, so a total never drifts by a
floating-point cent. An entry's value is ``tenths × rate / 10`` cents, rounded half away from zero
to the cent *per entry*; totals are sums of those rounded values, so the exhibit's columns add up
to its totals exactly.

An entry is valued at the rate in effect for its timekeeper on the day the work was done (the
latest rate whose ``effective_from`` is on or before it). Entries marked no-charge or unrelated to
a successful claim are excluded from the lodestar and listed as exclusions (billing judgment the
court can see); their value at the rate is still shown.

A correction of an entry that a fee petition already includes is a new entry: a *reversal* (the
same entry with negative hours) and, unless the work is dropped altogether, a *replacement* with
the corrected values. Both point at the original (``corrects_id``), and the originals stay
visible.

Nothing here reads the clock or the database: callers pass every fact in.
"""

from __future__ import annotations

from casekit.domain.fees.facts import (
    CostFact,
    RateFact,
    TimeFact,
    correction_note,
    rate_on,
)
from casekit.domain.fees.summary import (
    CategoryTotal,
    CostTotal,
    FeeLine,
    FeeSummary,
    TimekeeperTotal,
    summarize,
)
from casekit.domain.fees.units import (
    MAX_CENTS,
    MAX_TENTHS,
    cents_decimal,
    elapsed_tenths,
    entry_value,
    money_text,
    parse_hours,
    parse_money,
    tenths_text,
)
from casekit.domain.fees.vocabulary import (
    CATEGORY_LABELS,
    COST_KINDS,
    COST_LABELS,
    COURTS,
    EXCLUSION_LABELS,
    NO_CHARGE,
    OFFER_STATUSES,
    OUTCOMES,
    RESOLUTION_KINDS,
    ROLE_LABELS,
    SIDES,
    TASK_CATEGORIES,
    TIMEKEEPER_ROLES,
    UNRELATED,
    check_choice,
    claim_label,
)

__all__ = [
    "CATEGORY_LABELS",
    "COST_KINDS",
    "COST_LABELS",
    "COURTS",
    "CategoryTotal",
    "CostFact",
    "CostTotal",
    "EXCLUSION_LABELS",
    "FeeLine",
    "FeeSummary",
    "MAX_CENTS",
    "MAX_TENTHS",
    "NO_CHARGE",
    "OFFER_STATUSES",
    "OUTCOMES",
    "RESOLUTION_KINDS",
    "ROLE_LABELS",
    "RateFact",
    "SIDES",
    "TASK_CATEGORIES",
    "TIMEKEEPER_ROLES",
    "TimeFact",
    "TimekeeperTotal",
    "UNRELATED",
    "cents_decimal",
    "check_choice",
    "claim_label",
    "correction_note",
    "elapsed_tenths",
    "entry_value",
    "money_text",
    "parse_hours",
    "parse_money",
    "rate_on",
    "summarize",
    "tenths_text",
]
