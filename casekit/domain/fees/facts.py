"""The facts a fee summary is computed from: rates, time entries and costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casekit.domain.fees.vocabulary import NO_CHARGE, UNRELATED

# --- facts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateFact:
    """A timekeeper's hourly rate from a date on.

    Attributes:
        timekeeper_id: The ``User`` it belongs to.
        effective_from: First day it applies.
        cents_per_hour: The rate.
        source: Where it comes from (an affidavit, a fee survey, a prior award).
        id: The stored row (0 when not stored).
    """

    timekeeper_id: int
    effective_from: date
    cents_per_hour: int
    source: str = ""
    id: int = 0


def rate_on(rates: Iterable[RateFact], timekeeper_id: int, day: date) -> RateFact | None:
    """The rate in effect for ``timekeeper_id`` on ``day`` (latest start on or before it)."""
    best: RateFact | None = None
    for rate in rates:
        if rate.timekeeper_id != timekeeper_id or rate.effective_from > day:
            continue
        if best is None or rate.effective_from > best.effective_from:
            best = rate
    return best


@dataclass(frozen=True)
class TimeFact:
    """One time entry, as the report sees it.

    Attributes:
        id: Entry id.
        worked_on: The day the work was done (decides the rate).
        timekeeper_id: Who did it.
        timekeeper: Their name.
        role: ``attorney``, ``paralegal`` or ``law_clerk``.
        tenths: Hours in tenths (negative only for a reversal).
        category: One of ``TASK_CATEGORIES``.
        claim: The claim the work served (``model.CLAIMS``), or "" for all of them.
        description: What was done.
        billable: False for a no-charge entry.
        unrelated: Marked unrelated to a successful claim.
        corrects_id: The entry this one corrects (a reversal or a replacement).
        petitions: Numbers of the fee petitions that include it (it is locked when non-empty).
    """

    id: int
    worked_on: date
    timekeeper_id: int
    timekeeper: str
    role: str
    tenths: int
    category: str
    claim: str = ""
    description: str = ""
    billable: bool = True
    unrelated: bool = False
    corrects_id: int | None = None
    petitions: tuple[int, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.petitions)

    @property
    def reversal(self) -> bool:
        return self.tenths < 0

    @property
    def exclusion(self) -> str:
        """``no-charge``, ``unrelated`` or "" (included in the lodestar)."""
        if not self.billable:
            return NO_CHARGE
        if self.unrelated:
            return UNRELATED
        return ""


@dataclass(frozen=True)
class CostFact:
    """One cost (filing fee, marshal's fee, transcript, expert, FOI copy fee...).

    Attributes:
        id: Cost id.
        incurred_on: When it was paid.
        kind: One of ``COST_KINDS``.
        description: What it was for.
        cents: The amount (negative only for a reversal).
        billable: False when the firm does not claim it.
        receipt_sha256: The SHA-256 of the receipt in the evidence vault ("" when none).
        receipt_evidence_id: The evidence item holding the receipt.
        corrects_id: The cost this one corrects.
        petitions: Numbers of the fee petitions that include it.
    """

    id: int
    incurred_on: date
    kind: str
    description: str
    cents: int
    billable: bool = True
    receipt_sha256: str = ""
    receipt_evidence_id: int | None = None
    corrects_id: int | None = None
    petitions: tuple[int, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.petitions)


def correction_note(entry: TimeFact) -> str:
    """``reverses #N`` or ``replaces #N`` for the halves of a correction, else ""."""
    if entry.corrects_id is None:
        return ""
    verb = "reverses" if entry.tenths < 0 else "replaces"
    return f"{verb} #{entry.corrects_id}"
