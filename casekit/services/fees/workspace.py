"""Everything the fees-and-resolution screen shows about one matter, read in one call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from casekit.services.deadlines import resolution
from casekit.services.fees.costs import CostOut, list_costs
from casekit.services.fees.petition_results import FeeReport, PetitionOut
from casekit.services.fees.report import fee_report, list_petitions
from casekit.services.fees.results import TimeEntryOut, TimekeeperOut, TimerOut
from casekit.services.fees.time_entries import list_time_entries
from casekit.services.fees.timekeepers import list_timekeepers
from casekit.services.fees.timer import running_timers
from casekit.store import repo
from casekit.store.models import Client, User

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.deadlines.resolution import ResolutionOut

__all__ = ["FeesWorkspace", "fees_workspace"]


@dataclass(frozen=True)
class FeesWorkspace:
    """One matter's time, costs, resolution log, petitions, running timers and draft totals.

    ``version`` is the matter's, for closing it without overwriting someone else's change.
    """

    matter_id: int
    number: str
    client: str
    status: str
    outcome: str
    version: int
    claims: tuple[str, ...]
    attorney: str
    timekeepers: tuple[TimekeeperOut, ...]
    entries: tuple[TimeEntryOut, ...]
    costs: tuple[CostOut, ...]
    resolution: tuple[ResolutionOut, ...]
    petitions: tuple[PetitionOut, ...]
    report: FeeReport
    timers: tuple[TimerOut, ...]  # running on this matter, started by anyone


def fees_workspace(svc: AppContext, matter_id: int) -> FeesWorkspace:
    """Read the fees workspace of a matter (NotFound for an unknown id)."""
    with svc.transaction() as session:
        matter = repo.find_matter(session=session, ref=matter_id)
        client = session.get(Client, matter.client_id)
        attorney = session.get(User, matter.attorney_id) if matter.attorney_id else None
        number, status, outcome = matter.number, matter.status, matter.outcome
        version, claims = matter.version, tuple(matter.claims or ())
        client_name = client.name if client is not None else ""
        attorney_name = attorney.name if attorney is not None else ""
    return FeesWorkspace(
        matter_id=matter_id,
        number=number,
        client=client_name,
        status=status,
        outcome=outcome,
        version=version,
        claims=claims,
        attorney=attorney_name,
        timekeepers=tuple(t for t in list_timekeepers(svc) if t.active),
        entries=tuple(list_time_entries(svc, number)),
        costs=tuple(list_costs(svc, number)),
        resolution=tuple(resolution.list_resolution(svc, number)),
        petitions=tuple(list_petitions(svc, number)),
        report=fee_report(svc, number),
        timers=tuple(t for t in running_timers(svc, everyone=True) if t.matter == number),
    )
