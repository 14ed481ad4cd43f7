"""Costs paid on a matter (filing fees, marshal's fees, transcripts, experts, FOI copy fees),
each with its receipt kept in the evidence vault (:mod:`.receipts`).

The cost row and the receipt's evidence row are written in one transaction; if it fails, a file
this call stored is removed again. Like time entries, a cost a fee petition includes is locked by
the database; a correction is a reversal (the same cost, negative) plus, unless dropped, a
replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from casekit.domain import fees
from casekit.domain.records import from_fields
from casekit.errors import InvalidInput
from casekit.services.base import check_version
from casekit.services.fees.checks import (
    COST,
    KEEP,
    changed_columns,
    check_unlocked,
    clean_description,
    correction_reason,
    lock_correctable,
    not_future,
    write_correction,
)
from casekit.services.fees.receipts import Receipt
from casekit.store import repo
from casekit.store.models import Cost, Evidence
from casekit.store.repos import fees as fee_repo
from casekit.store.repos.rows import row_by_id

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.fees import Session

__all__ = [
    "CostChanges",
    "CostOut",
    "add_cost",
    "cost_out",
    "correct_cost",
    "edit_cost",
    "list_costs",
    "remove_cost",
]


@dataclass(frozen=True, kw_only=True)
class CostOut(fees.CostFact):
    """One cost as lists show it: the domain's :class:`~casekit.domain.fees.CostFact` with the
    row's version and the matter's number."""

    version: int
    matter: str

    @property
    def amount(self) -> str:
        return fees.money_text(self.cents)

    @property
    def locked(self) -> bool:
        """In a fee petition, or a reversal: neither is edited."""
        return super().locked or self.cents < 0

    def to_fact(self) -> fees.CostFact:
        return from_fields(fees.CostFact, self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "date": self.incurred_on.isoformat(),
            "kind": self.kind,
            "description": self.description,
            "amount": fees.cents_decimal(self.cents),
            "billable": self.billable,
            "receipt_evidence_id": self.receipt_evidence_id,
            "receipt_sha256": self.receipt_sha256,
            "corrects": self.corrects_id,
            "locked": self.locked,
            "petitions": list(self.petitions),
        }


class CostChanges(TypedDict, total=False):
    """What an edit or a correction changes; a field left out (or ``KEEP``) stays as it is."""

    kind: str
    amount: int | str
    description: str
    incurred_on: date
    billable: bool


# --- helpers ------------------------------------------------------------------------------------


def _cents(value: int | str, what: str = "amount") -> int:
    if isinstance(value, int):
        if not 1 <= value <= fees.MAX_CENTS:
            raise InvalidInput(f"the {what} must be more than $0.00")
        return value
    cents = fees.parse_money(value, what)
    if cents == 0:
        raise InvalidInput(f"the {what} must be more than $0.00")
    return cents


def cost_out(cost: Cost, number: str, petitions: tuple[int, ...], receipt_sha256: str) -> CostOut:
    """The cost as lists show it, its receipt's SHA-256 read by the caller."""
    return from_fields(
        CostOut,
        cost,
        id=cost.id or 0,
        matter=number,
        receipt_sha256=receipt_sha256,
        receipt_evidence_id=cost.evidence_id,
        petitions=petitions,
    )


def _out(session: Session, cost: Cost, number: str, petitions: tuple[int, ...]) -> CostOut:
    sha = ""
    if cost.evidence_id is not None:
        receipt = session.get(Evidence, cost.evidence_id)
        sha = receipt.sha256 if receipt is not None else ""
    return cost_out(cost, number, petitions, sha)


def _one(session: Session, cost: Cost) -> CostOut:
    cost_id = cost.id or 0
    matter = repo.find_matter(session=session, ref=cost.matter_id)
    petitions = fee_repo.petition_numbers(session=session, record="cost", ids=[cost_id])
    return _out(session, cost, matter.number, petitions.get(cost_id, ()))


def _cost(session: Session, cost_id: int) -> Cost:
    return row_by_id(session, Cost, cost_id, f"no cost #{cost_id} (see casekit cost list MATTER)")


def _kind(value: str) -> str:
    return fees.check_choice(value, fees.COST_KINDS, "cost kind")


def _not_future(day: date, today: date) -> date:
    return not_future(day, today, "cost date")


def _columns(svc: AppContext, changes: CostChanges) -> dict[str, Any]:
    """The changed columns of a cost, checked."""
    return changed_columns(
        changes,
        {
            "kind": ("kind", _kind),
            "amount": ("cents", _cents),
            "description": ("description", clean_description),
            "incurred_on": ("incurred_on", lambda day: _not_future(day, svc.today())),
            "billable": ("billable", bool),
        },
    )


# --- use cases ----------------------------------------------------------------------------------


def add_cost(
    svc: AppContext,
    matter: str | int,
    *,
    kind: str,
    amount: int | str,
    description: str,
    incurred_on: date | None = None,
    billable: bool = True,
    receipt: Path | str | None = None,
) -> CostOut:
    """Record a cost, with its receipt stored in the evidence vault.

    Args:
        svc: The services.
        matter: Number or id.
        kind: One of ``fees.COST_KINDS``.
        amount: Cents (an int) or dollars as text (``"405.00"``).
        description: What it paid for (required).
        incurred_on: When it was paid (default today; never in the future).
        billable: False records it without claiming it.
        receipt: The receipt file (PDF, photo ...), copied into the vault.
    """
    cost_kind = _kind(kind)
    cents = _cents(amount)
    text = clean_description(description)
    today = svc.today()
    day = _not_future(incurred_on or today, today)
    stored = Receipt(svc)
    try:
        with svc.transaction() as session:
            row = repo.find_matter(session=session, ref=matter)
            evidence_id = None
            if receipt is not None:
                evidence_id = stored.store(session, row, Path(receipt), cost_kind, day)
            cost = Cost(
                matter_id=row.id or 0,
                incurred_on=day,
                kind=cost_kind,
                description=text,
                cents=cents,
                billable=billable,
                evidence_id=evidence_id,
            )
            session.add(cost)
            session.flush()
            return _out(session, cost, row.number, ())
    except BaseException:
        stored.undo()
        raise


def list_costs(
    svc: AppContext, matter: str | int, *, through: date | None = None, since: date | None = None
) -> list[CostOut]:
    """A matter's costs by date, with their receipts' hashes and petitions."""
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        costs = fee_repo.costs_of(
            session=session, matter_id=row.id or 0, through=through, since=since
        )
        ids = [c.id for c in costs if c.id is not None]
        petitions = fee_repo.petition_numbers(session=session, record="cost", ids=ids)
        return [_out(session, c, row.number, petitions.get(c.id or 0, ())) for c in costs]


def edit_cost(
    svc: AppContext,
    cost_id: int,
    *,
    version: int | None = None,
    receipt: Path | str = KEEP,
    **changes: Unpack[CostChanges],
) -> CostOut:
    """Change a cost no fee petition includes yet (or attach its receipt)."""
    columns = _columns(svc, changes)
    stored = Receipt(svc)
    try:
        with svc.transaction() as session:
            cost = _cost(session, cost_id)
            check_version(cost, version, "cost")
            check_unlocked(session, COST, cost_id, negative=cost.cents < 0, verb="changed")
            if receipt is not KEEP:
                matter = repo.find_matter(session=session, ref=cost.matter_id)
                columns["evidence_id"] = stored.store(
                    session,
                    matter,
                    Path(receipt),
                    columns.get("kind", cost.kind),
                    columns.get("incurred_on", cost.incurred_on),
                )
            for key, value in columns.items():
                setattr(cost, key, value)
            session.flush()
            return _one(session, cost)
    except BaseException:
        stored.undo()
        raise


def remove_cost(svc: AppContext, cost_id: int, *, version: int | None = None) -> CostOut:
    """Delete a cost no fee petition includes (its receipt stays in the evidence vault)."""
    with svc.transaction() as session:
        cost = _cost(session, cost_id)
        check_version(cost, version, "cost")
        check_unlocked(session, COST, cost_id, negative=cost.cents < 0, verb="removed")
        out = _one(session, cost)
        session.delete(cost)
        return out


#: The columns a correction copies from the original unless a change is given.
_COPIED = ("matter_id", "incurred_on", "kind", "description", "cents", "billable", "evidence_id")


def correct_cost(
    svc: AppContext,
    cost_id: int,
    *,
    reason: str,
    drop: bool = False,
    **changes: Unpack[CostChanges],
) -> list[CostOut]:
    """Correct a cost a fee petition includes: a reversal and (unless ``drop``) a replacement."""
    why = correction_reason(reason, changes, drop=drop, options="--amount, --kind ...")
    with svc.transaction() as session:
        original, copied = lock_correctable(
            session, COST, cost_id, _cost, amount="cents", copied=_COPIED
        )
        reversal = copied | {
            "description": f"Reversal of cost #{cost_id}: {why}",
            "cents": -original.cents,
        }
        replacement = None
        if not drop:
            if changes.get("incurred_on", KEEP) is KEEP:
                _not_future(original.incurred_on, svc.today())
            replacement = copied | _columns(svc, changes)
        made = write_correction(session, Cost, cost_id, reversal, replacement)
        return [_one(session, c) for c in made]
