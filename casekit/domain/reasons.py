"""A screening reason: one step of a decision, with the law it rests on.

Shared by the screening steps (the ``casekit.domain.screening`` package).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casekit.domain.vocabulary import Verifiable, cited

# How a reason bears on the decision (display only; not part of to_dict).
SUPPORTS = "supports"
DEFEATS = "defeats"
NEEDS_VERIFY = "verify"
INFO = "info"

# How strongly an exception applies to the facts, strongest first.
APPLIES = 2
MAYBE = 1
NONE = 0


@dataclass(frozen=True)
class Reason(Verifiable):
    """One step of the decision.

    Attributes:
        code: Stable code (``DATE_ACTION_IN_FORCE``, ``V1_DETAIN_ON_DETAINER``, ``E2_2025_LIST``).
        text: One or two sentences for the attorney.
        citation: The law it rests on.
        confidence: The weakest confidence of everything it relies on.
        effect: ``supports``, ``defeats``, ``verify`` or ``info`` (display; not in to_dict).
        overridden: A firm override in the law pack changed something it relies on.
    """

    code: str
    text: str
    citation: str
    confidence: str
    effect: str = INFO
    overridden: bool = False

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "text", "citation", "confidence", "verify", "overridden"}``."""
        return {
            "code": self.code,
            "text": self.text,
            **cited(self.citation, self.confidence),
            "overridden": self.overridden,
        }
