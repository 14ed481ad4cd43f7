"""What the fee report and a fee petition read: a matter's facts, its parties, a petition."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.domain import fees
from casekit.domain.records import from_fields
from casekit.services.fees.costs import cost_out
from casekit.services.fees.petition_results import PetitionOut
from casekit.services.fees.time_entries import entry_out
from casekit.services.fees.timekeepers import rate_facts
from casekit.store.models import Client, Document, User
from casekit.store.repos import fees as fee_repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import FeePetition, Matter
    from casekit.store.repos.fees import Session

__all__ = ["Facts", "firm", "matter_facts", "parties", "petition_out"]

Facts = tuple[list[fees.TimeFact], list[fees.CostFact], list[fees.RateFact]]


def matter_facts(session: Session, matter_id: int, *, lock: bool = False) -> Facts:
    """Every time entry and cost of a matter, and the rates of its timekeepers.

    ``lock`` (PostgreSQL): take row locks on the entries and costs, so nobody can change one
    between this read and the petition that locks them for good.
    """
    entries = fee_repo.matter_entries(session=session, matter_id=matter_id, lock=lock)
    costs = fee_repo.matter_costs(session=session, matter_id=matter_id, lock=lock)
    users = {u.id: u for u in fee_repo.users(session=session)}
    petitions = fee_repo.petition_numbers(
        session=session, record="time_entry", ids=[e.id for e in entries if e.id is not None]
    )
    cost_petitions = fee_repo.petition_numbers(
        session=session, record="cost", ids=[c.id for c in costs if c.id is not None]
    )
    receipts = fee_repo.evidence_sha256(
        session=session, ids=[c.evidence_id for c in costs if c.evidence_id is not None]
    )
    time_facts = [
        entry_out(e, "", users[e.user_id], petitions.get(e.id or 0, ()), []).to_fact()
        for e in entries
    ]
    cost_facts = [
        cost_out(
            c,
            "",
            cost_petitions.get(c.id or 0, ()),
            receipts.get(c.evidence_id, "") if c.evidence_id else "",
        ).to_fact()
        for c in costs
    ]
    return time_facts, cost_facts, rate_facts(session, {e.user_id for e in entries})


def parties(session: Session, matter: Matter) -> tuple[str, tuple[str, ...], str, str]:
    """The client's name, the defendants' names, and the responsible attorney (name, juris)."""
    client = session.get(Client, matter.client_id)
    defendants = fee_repo.defendant_names(session=session, matter_id=matter.id or 0)
    attorney = session.get(User, matter.attorney_id) if matter.attorney_id else None
    return (
        client.name if client is not None else "",
        defendants,
        attorney.name if attorney is not None else "",
        attorney.juris_number if attorney is not None else "",
    )


def petition_out(session: Session, row: FeePetition, number: str) -> PetitionOut:
    """An issued petition as lists show it."""
    entries, costs = fee_repo.petition_item_counts(session=session, petition_id=row.id or 0)
    path = ""
    if row.document_id is not None:
        document = session.get(Document, row.document_id)
        path = document.output_path if document is not None else ""
    return from_fields(
        PetitionOut, row, id=row.id or 0, matter=number, entries=entries, costs=costs, path=path
    )


def firm(svc: AppContext) -> dict[str, str]:
    """The firm's letterhead settings."""
    # lazily: resolution imports this package on the recompute path
    from casekit.services.reports import firm_settings

    return firm_settings(svc)
