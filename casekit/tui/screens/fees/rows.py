"""What the fees screen shows, as text and table rows (no widgets, no database)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.text import Text

from casekit.domain import fees
from casekit.services.casefile import claim_label
from casekit.tui.widgets.format import day

__all__ = [
    "LOCKED",
    "cost_rows",
    "entry_detail",
    "entry_rows",
    "event_rows",
    "hours_line",
    "totals",
]

LOCKED = Text("L", style="bold")
#: The columns of the three tables.
COLUMNS = {
    "#fees-entries": ("", "Date", "Timekeeper", "Hours", "Task", "Value", "Status", "Description"),
    "#fees-cost-table": ("", "Date", "Kind", "Amount", "Receipt", "Status", "Description"),
    "#fees-events": ("Date", "Kind", "From/for", "Amount", "Expires", "Status", "Terms"),
}


def hours_line(ws: Any) -> str:
    s = ws.report.summary
    parts = [
        f"{fees.tenths_text(s.hours_tenths)} h",
        f"lodestar {fees.money_text(s.lodestar_cents)}",
        f"costs {fees.money_text(s.costs_cents)}",
        f"total {fees.money_text(s.total_cents)}",
    ]
    if s.excluded_tenths:
        parts.insert(2, f"excluded {fees.tenths_text(s.excluded_tenths)} h")
    text = "Draft to date: " + " · ".join(parts)
    if ws.petitions:
        last = ws.petitions[-1]
        text += f" · petition {last.number} issued {day(last.issued_on)}"
    if s.missing_rates:
        text += f" · {len(s.missing_rates)} without a rate"
    return text


def totals(ws: Any) -> Text:
    s = ws.report.summary
    text = Text()
    text.append("By timekeeper\n", style="bold")
    for t in s.by_timekeeper:
        rates = "; ".join(fees.money_text(r) for r in t.rates)
        text.append(
            f"  {t.name} ({fees.ROLE_LABELS.get(t.role, t.role)}): "
            f"{fees.tenths_text(t.tenths)} h at {rates or 'no rate'} = "
            f"{fees.money_text(t.value_cents)}"
        )
        if t.excluded_tenths:
            text.append(f"; {fees.tenths_text(t.excluded_tenths)} h excluded", style="dim")
        text.append("\n")
    text.append("By task\n", style="bold")
    for c in s.by_category:
        text.append(
            f"  {fees.CATEGORY_LABELS.get(c.category, c.category)}: "
            f"{fees.tenths_text(c.tenths)} h = {fees.money_text(c.value_cents)}\n"
        )
    text.append("Totals\n", style="bold")
    text.append(
        f"  Lodestar {fees.money_text(s.lodestar_cents)} + costs "
        f"{fees.money_text(s.costs_cents)} = {fees.money_text(s.total_cents)}\n"
        f"  Excluded (billing judgment): {fees.tenths_text(s.excluded_tenths)} h, "
        f"{fees.money_text(s.excluded_value_cents)} at the rates\n"
    )
    if s.missing_rates:
        text.append(
            f"  {len(s.missing_rates)} entries have no rate in effect on their date: add one "
            "(casekit rate add) before issuing a petition\n",
            style="bold yellow",
        )
    text.append("Fee petitions\n", style="bold")
    if not ws.petitions:
        text.append("  None issued yet. Press p to issue one (it locks its entries).\n")
    for p in ws.petitions:
        text.append(
            f"  {p.number}: through {day(p.through)}, issued {day(p.issued_on)} by "
            f"{p.issued_by}: {fees.money_text(p.total_cents)} ({p.entries} entries, "
            f"{p.costs} costs locked)\n"
        )
    return text


def entry_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    for e in ws.entries:
        yield (
            LOCKED if e.locked else "",
            day(e.worked_on),
            e.timekeeper,
            e.hours,
            fees.CATEGORY_LABELS.get(e.category, e.category),
            fees.money_text(e.value_cents) if e.value_cents is not None else "no rate",
            e.status(),
            e.description,
        )


def cost_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    for c in ws.costs:
        yield (
            LOCKED if c.locked else "",
            day(c.incurred_on),
            fees.COST_LABELS.get(c.kind, c.kind),
            c.amount,
            c.receipt_sha256[:12] if c.receipt_sha256 else "none",
            "" if c.billable else "not claimed",
            c.description,
        )


def event_rows(ws: Any) -> Iterator[tuple[Any, ...]]:
    for r in ws.resolution:
        yield (
            day(r.dated),
            r.kind + (f" ({r.court})" if r.court else ""),
            r.side,
            r.amount,
            day(r.expires_on) if r.expires_on else "",
            r.status,
            " / ".join(t for t in (r.terms, r.injunctive_terms) if t),
        )


def entry_detail(entry: Any) -> Text:
    """The highlighted entry in full (the table cuts the description at 80 columns)."""
    text = Text()
    if entry is None:
        text.append("No time recorded yet. Press a to add time, T to start the timer.")
        return text
    rate = fees.money_text(entry.rate_cents) if entry.rate_cents else "no rate"
    text.append(f"#{entry.id} · {day(entry.worked_on)} · {entry.timekeeper} · ")
    text.append(f"{entry.hours} h at {rate} = {fees.money_text(entry.value_cents)}")
    claim = claim_label(entry.claim) if entry.claim else "All claims"
    text.append(f" · {claim}\n")
    text.append(entry.description)
    status = entry.status()
    if status:
        text.append(f"  [{status}]", style="bold")
    return text
