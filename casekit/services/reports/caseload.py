"""The caseload report: open matters by attorney and status, all matters by stage and outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.fees import OUTCOMES
from casekit.domain.vocabulary import MATTER_STATUSES
from casekit.services.dashboard import OPEN_STATUSES as OPEN_MATTER_STATUSES
from casekit.services.reports.formats import UNASSIGNED, csv_bytes, md_table
from casekit.store.repos import reports as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext


@dataclass(frozen=True)
class CaseloadRow:
    attorney: str
    counts: tuple[tuple[str, int], ...]  # (status, n) for the open statuses

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def to_dict(self) -> dict[str, Any]:
        return {"attorney": self.attorney, **dict(self.counts), "total": self.total}


@dataclass(frozen=True)
class CaseloadReport:
    """Open matters by attorney and status; every matter by stage (status); closed and declined
    matters by outcome (``NOT_RECORDED`` when a matter was closed without one)."""

    today: date
    by_attorney: tuple[CaseloadRow, ...]
    by_stage: tuple[tuple[str, int], ...]
    by_outcome: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "open_statuses": list(OPEN_MATTER_STATUSES),
            "by_attorney": [r.to_dict() for r in self.by_attorney],
            "by_stage": dict(self.by_stage),
            "by_outcome": dict(self.by_outcome),
        }


#: How a closed matter without a recorded outcome is counted.
NOT_RECORDED = "not recorded"


def caseload_report(svc: AppContext, *, today: date | None = None) -> CaseloadReport:
    """Open matters per attorney and status, and all matters per stage."""
    with svc.transaction() as session:
        per, stages, ended = repo.caseload_counts(
            session=session, open_statuses=OPEN_MATTER_STATUSES
        )
    table: dict[str, Counter[str]] = {}
    for name, status, n in per:
        table.setdefault(name or UNASSIGNED, Counter())[status] += int(n)
    by_attorney = tuple(
        CaseloadRow(name, tuple((s, table[name][s]) for s in OPEN_MATTER_STATUSES))
        for name in sorted(table, key=lambda n: (n == UNASSIGNED, n.lower()))
    )
    order = list(MATTER_STATUSES) + sorted(set(stages) - set(MATTER_STATUSES))
    by_stage = tuple((s, int(stages.get(s, 0))) for s in order)
    return CaseloadReport(
        today=today or svc.today(),
        by_attorney=by_attorney,
        by_stage=by_stage,
        by_outcome=_outcome_counts(ended),
    )


def _outcome_counts(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Every outcome (``domain.fees.OUTCOMES`` order, zeros too), then "not recorded"."""
    merged: Counter[str] = Counter()
    for outcome, n in counts.items():
        merged[outcome or NOT_RECORDED] += int(n)
    order = [*OUTCOMES, *sorted(set(merged) - set(OUTCOMES) - {NOT_RECORDED}), NOT_RECORDED]
    return tuple((o, merged.get(o, 0)) for o in order if o != NOT_RECORDED or merged.get(o))


def caseload_markdown(report: CaseloadReport) -> str:
    lines = [f"# Caseload: {report.today.isoformat()}", "", "## Open matters by attorney", ""]
    headers = ("Attorney", *OPEN_MATTER_STATUSES, "Total")
    if report.by_attorney:
        lines += md_table(
            headers, ((r.attorney, *(n for _, n in r.counts), r.total) for r in report.by_attorney)
        )
    else:
        lines.append("None.")
    lines += ["", "## Matters by stage", ""]
    lines += md_table(("Stage", "Matters"), report.by_stage)
    lines += ["", "## Closed matters by outcome", ""]
    lines += md_table(("Outcome", "Matters"), report.by_outcome)
    return "\n".join(lines) + "\n"


def caseload_csv(report: CaseloadReport) -> bytes:
    """Three blocks in one file: ``table`` says which (by_attorney, by_stage or by_outcome)."""
    headers = ["table", "attorney_or_stage", *OPEN_MATTER_STATUSES, "total"]
    rows: list[list[Any]] = [
        ["by_attorney", r.attorney, *(n for _, n in r.counts), r.total] for r in report.by_attorney
    ]
    rows += [["by_stage", s, *([""] * len(OPEN_MATTER_STATUSES)), n] for s, n in report.by_stage]
    rows += [
        ["by_outcome", o, *([""] * len(OPEN_MATTER_STATUSES)), n] for o, n in report.by_outcome
    ]
    return csv_bytes(headers, rows)
