"""Costs paid on a matter (filing fees, marshal's fees, transcripts, experts, FOI copy fees),
each with its receipt kept in the evidence vault.

A receipt is stored by the vault's own code (:mod:`casekit.services.evidence`): hashed while it
is copied, content-addressed, read-only, with a chain-of-custody entry, as an evidence item of
kind ``receipt`` on the matter. So ``casekit evidence verify`` checks receipts too, backups carry
them, and identical files are stored once. The cost row and the receipt's evidence row are
written in one transaction; if it fails, a file this call stored is removed again.

Like time entries, a cost a fee petition includes is locked by the database; a correction is a
reversal (the same cost, negative) plus, unless dropped, a replacement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain import fees
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import check_version
from casekit.services.fees import KEEP, clean_description

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.base import Services
    from casekit.store.models import Cost, Matter


@dataclass(frozen=True)
class CostOut:
    """One cost as lists show it; ``petitions`` non-empty means it is locked."""

    id: int
    version: int
    matter: str
    incurred_on: date
    kind: str
    description: str
    cents: int
    billable: bool
    evidence_id: int | None
    receipt_sha256: str
    corrects_id: int | None
    petitions: tuple[int, ...] = ()

    @property
    def amount(self) -> str:
        return fees.money_text(self.cents)

    @property
    def locked(self) -> bool:
        return bool(self.petitions) or self.cents < 0

    def to_fact(self) -> fees.CostFact:
        return fees.CostFact(
            id=self.id,
            incurred_on=self.incurred_on,
            kind=self.kind,
            description=self.description,
            cents=self.cents,
            billable=self.billable,
            receipt_sha256=self.receipt_sha256,
            receipt_evidence_id=self.evidence_id,
            corrects_id=self.corrects_id,
            petitions=self.petitions,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "date": self.incurred_on.isoformat(),
            "kind": self.kind,
            "description": self.description,
            "amount": fees.cents_decimal(self.cents),
            "billable": self.billable,
            "receipt_evidence_id": self.evidence_id,
            "receipt_sha256": self.receipt_sha256,
            "corrects": self.corrects_id,
            "locked": self.locked,
            "petitions": list(self.petitions),
        }


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


def _petitions_by_cost(session: Session, cost_ids: list[int]) -> dict[int, tuple[int, ...]]:
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import FeePetition, FeePetitionItem

    if not cost_ids:
        return {}
    found: dict[int, set[int]] = {}
    for chunk in range(0, len(cost_ids), 500):
        rows = session.execute(
            select(col(FeePetitionItem.cost_id), col(FeePetition.number))
            .join(FeePetition, col(FeePetition.id) == col(FeePetitionItem.petition_id))
            .where(col(FeePetitionItem.cost_id).in_(cost_ids[chunk : chunk + 500]))
        ).all()
        for cost_id, number in rows:
            found.setdefault(int(cost_id), set()).add(int(number))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def _out(session: Session, cost: Cost, number: str, petitions: tuple[int, ...]) -> CostOut:
    from casekit.store.models import Evidence

    sha = ""
    if cost.evidence_id is not None:
        receipt = session.get(Evidence, cost.evidence_id)
        sha = receipt.sha256 if receipt is not None else ""
    assert cost.id is not None
    return CostOut(
        id=cost.id,
        version=cost.version,
        matter=number,
        incurred_on=cost.incurred_on,
        kind=cost.kind,
        description=cost.description,
        cents=cost.cents,
        billable=cost.billable,
        evidence_id=cost.evidence_id,
        receipt_sha256=sha,
        corrects_id=cost.corrects_id,
        petitions=petitions,
    )


def _one(session: Session, cost: Cost) -> CostOut:
    from casekit.store.models import Matter

    assert cost.id is not None
    matter = session.get(Matter, cost.matter_id)
    assert matter is not None
    petitions = _petitions_by_cost(session, [cost.id]).get(cost.id, ())
    return _out(session, cost, matter.number, petitions)


def _cost(session: Session, cost_id: int) -> Cost:
    from casekit.store.models import Cost

    row = session.get(Cost, cost_id)
    if row is None:
        raise NotFound(f"no cost #{cost_id} (see casekit cost list MATTER)")
    return row


def _check_unlocked(session: Session, cost: Cost, verb: str) -> None:
    assert cost.id is not None
    if cost.cents < 0:
        raise InvalidInput(
            f"cost #{cost.id} is the reversal half of a correction and cannot be {verb}"
        )
    petitions = _petitions_by_cost(session, [cost.id]).get(cost.id)
    if petitions:
        listed = ", ".join(str(n) for n in petitions)
        raise InvalidInput(
            f"cost #{cost.id} is in fee petition {listed} and is locked: record a correction "
            f"instead (casekit cost correct {cost.id} ... --reason R)"
        )


class _Receipt:
    """A receipt stored in the vault during one transaction (removed again if it fails)."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.created: Path | None = None
        self.sha = ""

    def store(self, session: Session, matter: Matter, path: Path, kind: str, day: date) -> int:
        """Copy ``path`` into the vault and record it as a ``receipt`` evidence item; its id."""
        from sqlalchemy import select
        from sqlmodel import col

        from casekit.services import evidence
        from casekit.store.models import Evidence

        vault = self.svc.settings.evidence_dir
        with evidence._open_source(path) as source:
            stored = evidence._store(source, vault, self.svc.settings)
        self.sha = stored.sha256
        if stored.created:
            self.created = vault / stored.rel
        first = session.scalars(
            select(Evidence).where(col(Evidence.sha256) == stored.sha256).order_by(col(Evidence.id))
        ).first()
        assert matter.id is not None
        row = Evidence(
            matter_id=matter.id,
            kind="receipt",
            description=f"Receipt: {fees.COST_LABELS.get(kind, kind)}",
            original_name=path.name,
            obtained_on=day,
            source="cost receipt",
            sha256=stored.sha256,
            stored_path=stored.rel,
            size_bytes=stored.size,
            proves=[],
        )
        session.add(row)
        session.flush()
        if first is not None:
            evidence._custody(session, row, self.svc.actor, evidence.COPIED,
                              detail=f"duplicate of #{first.id}", from_location=path.name,
                              to_location=evidence._vault(stored.rel))  # fmt: skip
        else:
            evidence._custody(session, row, self.svc.actor, evidence.RECEIVED,
                              detail=f"{stored.size} bytes, sha256 {stored.sha256}",
                              from_location=path.name,
                              to_location=evidence._vault(stored.rel))  # fmt: skip
        assert row.id is not None
        return row.id

    def undo(self) -> None:
        if self.created is not None:
            from casekit.services import evidence

            evidence._remove_if_unreferenced(self.svc, self.sha, self.created)


# --- use cases ----------------------------------------------------------------------------------


def add_cost(
    svc: Services,
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
    from casekit.store.models import Cost

    cost_kind = fees.check_choice(kind, fees.COST_KINDS, "cost kind")
    cents = _cents(amount)
    text = clean_description(description)
    today = svc.today()
    day = incurred_on or today
    if day > today:
        raise InvalidInput(f"the cost date {day.isoformat()} is after today")
    stored = _Receipt(svc)
    try:
        with svc.transaction() as session:
            from casekit.store import repo

            row = repo.find_matter(session=session, ref=matter)
            evidence_id = None
            if receipt is not None:
                evidence_id = stored.store(session, row, Path(receipt), cost_kind, day)
            assert row.id is not None
            cost = Cost(
                matter_id=row.id,
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
    svc: Services, matter: str | int, *, through: date | None = None, since: date | None = None
) -> list[CostOut]:
    """A matter's costs by date, with their receipts' hashes and petitions."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import Cost

    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        query = select(Cost).where(col(Cost.matter_id) == row.id)
        if through is not None:
            query = query.where(col(Cost.incurred_on) <= through)
        if since is not None:
            query = query.where(col(Cost.incurred_on) >= since)
        costs = session.scalars(query.order_by(col(Cost.incurred_on), col(Cost.id))).all()
        petitions = _petitions_by_cost(session, [c.id for c in costs if c.id is not None])
        return [_out(session, c, row.number, petitions.get(c.id or 0, ())) for c in costs]


def edit_cost(
    svc: Services,
    cost_id: int,
    *,
    version: int | None = None,
    kind: str = KEEP,
    amount: int | str = KEEP,
    description: str = KEEP,
    incurred_on: date = KEEP,
    billable: bool = KEEP,
    receipt: Path | str = KEEP,
) -> CostOut:
    """Change a cost no fee petition includes yet (or attach its receipt)."""
    from casekit.store.models import Matter

    changes: dict[str, Any] = {}
    if kind is not KEEP:
        changes["kind"] = fees.check_choice(kind, fees.COST_KINDS, "cost kind")
    if amount is not KEEP:
        changes["cents"] = _cents(amount)
    if description is not KEEP:
        changes["description"] = clean_description(description)
    if incurred_on is not KEEP:
        if incurred_on > svc.today():
            raise InvalidInput(f"the cost date {incurred_on.isoformat()} is after today")
        changes["incurred_on"] = incurred_on
    if billable is not KEEP:
        changes["billable"] = bool(billable)
    stored = _Receipt(svc)
    try:
        with svc.transaction() as session:
            cost = _cost(session, cost_id)
            check_version(cost, version, "cost")
            _check_unlocked(session, cost, "changed")
            if receipt is not KEEP:
                matter = session.get(Matter, cost.matter_id)
                assert matter is not None
                changes["evidence_id"] = stored.store(
                    session,
                    matter,
                    Path(receipt),
                    changes.get("kind", cost.kind),
                    changes.get("incurred_on", cost.incurred_on),
                )
            for key, value in changes.items():
                setattr(cost, key, value)
            session.flush()
            return _one(session, cost)
    except BaseException:
        stored.undo()
        raise


def remove_cost(svc: Services, cost_id: int, *, version: int | None = None) -> CostOut:
    """Delete a cost no fee petition includes (its receipt stays in the evidence vault)."""
    with svc.transaction() as session:
        cost = _cost(session, cost_id)
        check_version(cost, version, "cost")
        _check_unlocked(session, cost, "removed")
        out = _one(session, cost)
        session.delete(cost)
        return out


def correct_cost(
    svc: Services,
    cost_id: int,
    *,
    reason: str,
    drop: bool = False,
    kind: str = KEEP,
    amount: int | str = KEEP,
    description: str = KEEP,
    incurred_on: date = KEEP,
    billable: bool = KEEP,
) -> list[CostOut]:
    """Correct a cost a fee petition includes: a reversal and (unless ``drop``) a replacement."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Cost

    why = clean_description(reason, "reason")
    wanted = (kind, amount, description, incurred_on, billable)
    if not drop and all(v is KEEP for v in wanted):
        raise InvalidInput("give what changes (--amount, --kind ...), or --drop")
    with svc.transaction() as session:
        if session.get_bind().dialect.name != "sqlite":
            session.execute(select(col(Cost.id)).where(col(Cost.id) == cost_id).with_for_update())
        original = _cost(session, cost_id)
        if original.cents < 0:
            raise InvalidInput(f"cost #{cost_id} is itself a reversal; it cannot change")
        if not _petitions_by_cost(session, [cost_id]).get(cost_id):
            raise InvalidInput(
                f"cost #{cost_id} is in no fee petition: edit it instead (casekit cost edit ...)"
            )
        done = session.scalars(
            select(col(Cost.id)).where(col(Cost.corrects_id) == cost_id, col(Cost.cents) < 0)
        ).first()
        if done is not None:
            raise InvalidInput(
                f"cost #{cost_id} was corrected already (reversal #{done}); correct its "
                "replacement instead"
            )
        reversal = Cost(
            matter_id=original.matter_id,
            incurred_on=original.incurred_on,
            kind=original.kind,
            description=f"Reversal of cost #{cost_id}: {why}",
            cents=-original.cents,
            billable=original.billable,
            evidence_id=original.evidence_id,
            corrects_id=cost_id,
        )
        session.add(reversal)
        made = [reversal]
        if not drop:
            day = original.incurred_on if incurred_on is KEEP else incurred_on
            if day > svc.today():
                raise InvalidInput(f"the cost date {day.isoformat()} is after today")
            replacement = Cost(
                matter_id=original.matter_id,
                incurred_on=day,
                kind=original.kind
                if kind is KEEP
                else fees.check_choice(kind, fees.COST_KINDS, "cost kind"),
                description=original.description
                if description is KEEP
                else clean_description(description),
                cents=original.cents if amount is KEEP else _cents(amount),
                billable=original.billable if billable is KEEP else bool(billable),
                evidence_id=original.evidence_id,
                corrects_id=cost_id,
            )
            session.add(replacement)
            made.append(replacement)
        session.flush()
        return [_one(session, c) for c in made]
