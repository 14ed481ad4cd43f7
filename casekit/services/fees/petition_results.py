"""What the fee report and the fee petitions return: an issued petition, and the report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casekit.domain import fees

__all__ = ["FeeReport", "PetitionOut"]


@dataclass(frozen=True)
class PetitionOut:
    """An issued fee petition."""

    id: int
    matter: str
    number: int
    since: date | None
    through: date
    issued_on: date
    issued_by: str
    hours_tenths: int
    lodestar_cents: int
    excluded_tenths: int
    costs_cents: int
    entries: int
    costs: int
    sha256: str = ""
    path: str = ""
    document_id: int | None = None

    @property
    def total_cents(self) -> int:
        return self.lodestar_cents + self.costs_cents

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "number": self.number,
            "since": self.since.isoformat() if self.since else None,
            "through": self.through.isoformat(),
            "issued_on": self.issued_on.isoformat(),
            "issued_by": self.issued_by,
            "hours": fees.tenths_text(self.hours_tenths),
            "lodestar": fees.cents_decimal(self.lodestar_cents),
            "excluded_hours": fees.tenths_text(self.excluded_tenths),
            "costs": fees.cents_decimal(self.costs_cents),
            "total": fees.cents_decimal(self.total_cents),
            "entries": self.entries,
            "cost_items": self.costs,
            "sha256": self.sha256,
            "path": self.path,
            "document_id": self.document_id,
        }


@dataclass(frozen=True)
class FeeReport:
    """What ``casekit report fees`` shows (a draft, or an issued petition reproduced)."""

    matter: str
    client: str
    defendants: tuple[str, ...]
    attorney: str
    attorney_juris: str
    firm: dict[str, str]
    today: date
    summary: fees.FeeSummary
    petition: PetitionOut | None = None

    def to_dict(self) -> dict[str, Any]:
        s = self.summary
        return {
            "matter": self.matter,
            "today": self.today.isoformat(),
            "since": s.since.isoformat() if s.since else None,
            "through": s.through.isoformat(),
            "petition": self.petition.to_dict() if self.petition else None,
            "by_timekeeper": [
                {
                    "timekeeper": t.name,
                    "role": t.role,
                    "hours": fees.tenths_text(t.tenths),
                    "rates": [fees.cents_decimal(r) for r in t.rates],
                    "lodestar": fees.cents_decimal(t.value_cents),
                    "excluded_hours": fees.tenths_text(t.excluded_tenths),
                }
                for t in s.by_timekeeper
            ],
            "by_category": [
                {
                    "category": c.category,
                    "hours": fees.tenths_text(c.tenths),
                    "lodestar": fees.cents_decimal(c.value_cents),
                }
                for c in s.by_category
            ],
            "entries": [_line_dict(line) for line in s.lines],
            "excluded": [_line_dict(line) for line in s.excluded],
            "costs": [_cost_dict(c) for c in s.costs],
            "costs_not_claimed": [_cost_dict(c) for c in s.costs_excluded],
            "cost_totals": [
                {"kind": t.kind, "amount": fees.cents_decimal(t.cents)} for t in s.cost_totals
            ],
            "missing_rates": [line.entry.id for line in s.missing_rates],
            "totals": {
                "hours": fees.tenths_text(s.hours_tenths),
                "lodestar": fees.cents_decimal(s.lodestar_cents),
                "excluded_hours": fees.tenths_text(s.excluded_tenths),
                "excluded_value": fees.cents_decimal(s.excluded_value_cents),
                "costs": fees.cents_decimal(s.costs_cents),
                "total": fees.cents_decimal(s.total_cents),
            },
        }


def _line_dict(line: fees.FeeLine) -> dict[str, Any]:
    e = line.entry
    return {
        "id": e.id,
        "date": e.worked_on.isoformat(),
        "timekeeper": e.timekeeper,
        "role": e.role,
        "hours": fees.tenths_text(e.tenths),
        "rate": fees.cents_decimal(line.rate.cents_per_hour) if line.rate else None,
        "amount": fees.cents_decimal(line.value_cents) if line.value_cents is not None else None,
        "category": e.category,
        "claim": e.claim,
        "description": e.description,
        "excluded": e.exclusion or None,
        "corrects": e.corrects_id,
        "petitions": list(e.petitions),
    }


def _cost_dict(c: fees.CostFact) -> dict[str, Any]:
    return {
        "id": c.id,
        "date": c.incurred_on.isoformat(),
        "kind": c.kind,
        "description": c.description,
        "amount": fees.cents_decimal(c.cents),
        "receipt_sha256": c.receipt_sha256,
        "corrects": c.corrects_id,
    }
