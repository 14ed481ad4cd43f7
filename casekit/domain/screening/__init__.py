"""Trust Act screening (trust-act.md § 4): is there a 2025 private action, and what else is there?

:mod:`.screen` runs the steps; :mod:`.exceptions` applies the Reach table; :mod:`.convictions`
reads conviction classes; :mod:`.claims` gives every claim its status and deadline;
:mod:`.results` holds the facts and the result.
"""

from casekit.domain.screening.results import (
    ACTIONS,
    ELIGIBLE,
    INELIGIBLE,
    VERIFY,
    OtherClaim,
    ScreeningFacts,
    ScreeningResult,
)
from casekit.domain.screening.screen import screen

__all__ = [
    "ACTIONS",
    "ELIGIBLE",
    "INELIGIBLE",
    "VERIFY",
    "OtherClaim",
    "ScreeningFacts",
    "ScreeningResult",
    "screen",
]
