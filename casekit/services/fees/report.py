"""The report of fees and costs (``casekit report fees``): a draft, or an issued petition.

``fee_report`` computes what a petition would claim: hours and lodestar by timekeeper and by
task, the entries valued at the rate in effect on their dates, exclusions (no-charge, unrelated
to a successful claim), costs and totals. ``fee_report(..., petition=N)`` reproduces issued
petition N exactly, whatever rates or entries change later. The arithmetic is
:mod:`casekit.domain.fees` (exact tenths and cents); the renderings are :mod:`.render`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from casekit.domain import fees
from casekit.errors import InvalidInput, NotFound
from casekit.services.fees.loading import Facts, firm, matter_facts, parties, petition_out
from casekit.services.fees.petition_results import FeeReport, PetitionOut
from casekit.store import repo
from casekit.store.repos import fees as fee_repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import FeePetition
    from casekit.store.repos.fees import Session

__all__ = ["fee_report", "list_petitions"]


def _petition_facts(
    session: Session, found: FeePetition, facts: Facts
) -> tuple[Facts, dict[int, int]]:
    """The records petition ``found`` includes, and the rates it claimed them at."""
    entries, costs, rates = facts
    items = fee_repo.petition_items(session=session, petition_id=found.id)
    entry_ids = {i.time_entry_id for i in items if i.time_entry_id is not None}
    cost_ids = {i.cost_id for i in items if i.cost_id is not None}
    fixed = {
        i.time_entry_id: i.cents_per_hour
        for i in items
        if i.time_entry_id is not None and i.cents_per_hour is not None
    }
    kept = (
        [e for e in entries if e.id in entry_ids],
        [c for c in costs if c.id in cost_ids],
        rates,
    )
    return kept, fixed


def fee_report(
    svc: AppContext,
    matter: str | int,
    *,
    through: date | None = None,
    since: date | None = None,
    petition: int | None = None,
) -> FeeReport:
    """Fees and costs of a matter: a draft through ``through`` (default today), or petition N.

    Args:
        svc: The services.
        matter: Number or id.
        through: Last day of work and costs included.
        since: First day included (None: from the beginning).
        petition: Reproduce issued petition N exactly (its records, rates and period).

    Raises:
        NotFound: unknown matter or petition.
        InvalidInput: a date after today, or ``since`` after ``through``.
    """
    today = svc.today()
    if through is not None and through > today:
        raise InvalidInput(f"--through {through.isoformat()} is after today")
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        matter_id = row.id or 0
        client, defendants, attorney, juris = parties(session, row)
        facts = matter_facts(session, matter_id)
        issued: PetitionOut | None = None
        fixed: dict[int, int] | None = None
        if petition is not None:
            found = fee_repo.find_petition(session=session, matter_id=matter_id, number=petition)
            if found is None:
                raise NotFound(f"{row.number} has no fee petition {petition}")
            facts, fixed = _petition_facts(session, found, facts)
            through, since = found.through, found.since
            issued = petition_out(session, found, row.number)
        entries, costs, rates = facts
        summary = fees.summarize(
            entries, rates, costs, through=through or today, since=since, fixed_rates=fixed
        )
        number = row.number
    return FeeReport(
        matter=number,
        client=client,
        defendants=defendants,
        attorney=attorney,
        attorney_juris=juris,
        firm=firm(svc),
        today=today,
        summary=summary,
        petition=issued,
    )


def list_petitions(svc: AppContext, matter: str | int) -> list[PetitionOut]:
    """A matter's issued fee petitions, oldest first."""
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        found = fee_repo.petitions_of(session=session, matter_id=row.id)
        return [petition_out(session, p, row.number) for p in found]
