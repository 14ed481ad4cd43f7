"""Plain words of the model that the first screen needs: confidence levels, matter statuses.

Kept apart from :mod:`casekit.domain.model` (which re-exports them) because that module's
dataclasses take tens of milliseconds to create, and the dashboard is painted before anything
else (benchmarks/README.md, start-up).
"""

from __future__ import annotations

# How sure trust-act.md is of a rule (its "confidence" column).
CONFIRMED = "confirmed"
SECONDARY = "secondary"
UNVERIFIED = "unverified"
UNKNOWN = "unknown"
CONFIDENCES = (CONFIRMED, SECONDARY, UNVERIFIED, UNKNOWN)

MATTER_STATUSES = ("intake", "screening", "active", "closed", "declined")


def needs_verify(confidence: str) -> bool:
    """A rule that is not ``confirmed`` carries a visible "verify" marker (trust-act.md, intro)."""
    return confidence != CONFIRMED


def weakest(*confidences: str) -> str:
    """The weakest of ``confidences`` (trust-act.md § 4: a result is as sure as its weakest part).

    ``confirmed`` > ``secondary`` > ``unverified`` > ``unknown``; an unknown word counts as
    ``unknown``, and no argument at all as ``confirmed`` (nothing uncertain was relied on).
    """
    worst = 0
    for word in confidences:
        rank = CONFIDENCES.index(word) if word in CONFIDENCES else len(CONFIDENCES) - 1
        if rank > worst:
            worst = rank
    return CONFIDENCES[worst]
