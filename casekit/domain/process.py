"""The service-of-process chain: return date (§ 52-48), service (§ 52-46), return (§ 52-46a).

From the date of process casekit works out the latest lawful return date (a Tuesday not later than
two months after process), then counts back from the return date to the last day to serve process
(at least 12 days before it) and to return it to the clerk (at least 6 days before it). Each step
is a rule of the law pack (``CT_RETURN_DATE_MAX``, ``CT_SERVICE_BEFORE_RETURN``,
``CT_RETURN_TO_COURT``), computed with its readings, citation and confidence, so the chain is as
sure as its weakest step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casekit.domain.calendar import CourtCalendar
from casekit.domain.deadlines import DeadlineResult, compute
from casekit.domain.rules import RuleSet
from casekit.domain.vocabulary import weakest

RETURN_RULE = "CT_RETURN_DATE_MAX"
SERVE_RULE = "CT_SERVICE_BEFORE_RETURN"
RETURN_TO_COURT_RULE = "CT_RETURN_TO_COURT"
_TUESDAY = 1


@dataclass(frozen=True)
class ProcessChain:
    """The dates that follow from a date of process.

    Attributes:
        process_date: The date of process.
        latest_return: The latest lawful return date (§ 52-48), with its trail.
        return_date: The return date used: the one the attorney chose, or the latest lawful one's
            safe target (an open Tuesday).
        serve_by: Last day to serve process (§ 52-46), counted from ``return_date``.
        return_to_court_by: Last day to return process to the clerk (§ 52-46a).
        chosen: The attorney chose the return date (else casekit proposed it).
        problems: What is wrong with a chosen return date (not a Tuesday, too late, ...).
    """

    process_date: date
    latest_return: DeadlineResult
    return_date: date
    serve_by: DeadlineResult
    return_to_court_by: DeadlineResult
    chosen: bool = False
    problems: tuple[str, ...] = ()

    @property
    def confidence(self) -> str:
        """The weakest step's confidence (a chosen date with a problem is unverified)."""
        parts = [
            self.latest_return.confidence,
            self.serve_by.confidence,
            self.return_to_court_by.confidence,
        ]
        return weakest(*parts, *("unverified" for _ in self.problems))

    @property
    def citations(self) -> tuple[str, ...]:
        return (
            self.latest_return.citation,
            self.serve_by.citation,
            self.return_to_court_by.citation,
        )


def process_chain(
    process_date: date,
    rules: RuleSet,
    calendar: CourtCalendar,
    return_date: date | None = None,
) -> ProcessChain:
    """Work out the return date and the service and return-to-court deadlines.

    Args:
        process_date: The date of process (the date the summons is signed).
        rules: The rules in force.
        calendar: Connecticut court days.
        return_date: The return date the attorney chose; None: the latest lawful one's safe
            target (an open Tuesday not later than two months after process).

    Returns:
        The chain; a chosen return date that is not a Tuesday, is not after the date of process
        or is later than § 52-48 allows is kept and its problems are listed (never silently
        replaced).

    Raises:
        InvalidInput: A date out of range.
    """
    latest = compute(rules.get(RETURN_RULE), process_date, calendar)
    problems: list[str] = []
    if return_date is None:
        used = latest.safe_target
    else:
        used = return_date
        if used.weekday() != _TUESDAY:
            problems.append(
                f"the return date {used.isoformat()} is not a Tuesday ({latest.citation})"
            )
        if used <= process_date:
            problems.append("the return date is not after the date of process")
        if used > latest.due:
            problems.append(
                f"the return date is later than {latest.citation} allows "
                f"({latest.due.isoformat()}, the latest lawful return date)"
            )
        if not calendar.is_open(used):
            problems.append(f"the return date {used.isoformat()} is a day courts are closed")
    return ProcessChain(
        process_date=process_date,
        latest_return=latest,
        return_date=used,
        serve_by=compute(rules.get(SERVE_RULE), used, calendar),
        return_to_court_by=compute(rules.get(RETURN_TO_COURT_RULE), used, calendar),
        chosen=return_date is not None,
        problems=tuple(problems),
    )
