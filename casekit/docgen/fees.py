"""The context of ``templates/report-fees.docx``: the fee-petition exhibit.

Built from a :class:`casekit.domain.fees.FeeSummary` plus who and what it is about; every value
is text ready to print (hours ``"1.5"``, money ``"$1,234.50"``), so a firm editing the template in
Word needs no filters beyond ``long_date``. ``templates/README.md`` lists every key.

The exhibit is an attorney's court filing: the entries table (a header row repeated on every
page), totals by timekeeper and by task category, the exclusions made in billing judgment, the
costs, the grand total and a declaration for the attorney to review and sign. It states facts
from the records; it cites no law.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from casekit.domain import fees

__all__ = ["FEES_TEMPLATE", "FEES_TITLE", "fees_template_context"]

FEES_TEMPLATE = "report-fees"
FEES_TITLE = "Fee petition: time and expense records"


def _line(line: fees.FeeLine) -> dict[str, str]:
    e = line.entry
    return {
        "id": str(e.id),
        "date": e.worked_on.isoformat(),
        "timekeeper": e.timekeeper,
        "role": fees.ROLE_LABELS.get(e.role, e.role),
        "hours": fees.tenths_text(e.tenths),
        "rate": fees.money_text(line.rate.cents_per_hour) if line.rate else "no rate",
        "amount": fees.money_text(line.value_cents) if line.value_cents is not None else "",
        "category": fees.CATEGORY_LABELS.get(e.category, e.category),
        "claim": fees.claim_label(e.claim),
        "description": e.description,
        "note": fees.correction_note(e),
        "reason": fees.EXCLUSION_LABELS.get(e.exclusion, ""),
    }


def fees_template_context(
    summary: fees.FeeSummary,
    *,
    today: date,
    firm: Mapping[str, str],
    matter: Mapping[str, Any],
    declarant: Mapping[str, str],
    petition: Mapping[str, Any] | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """The context ``report-fees`` renders.

    Args:
        summary: The computed fees and costs.
        today: The date printed on the exhibit.
        firm: ``name``, ``address``, ``phone``, ``email``, ``juris_number`` ("" when unset).
        matter: ``number``, ``client`` (the plaintiff's name as pleaded) and ``defendants`` (a
            list of names).
        declarant: The attorney who signs: ``name``, ``juris_number`` ("" prints a blank).
        petition: ``number`` and ``issued_on`` of an issued petition; None for a draft.
        lang: Only English ships.
    """
    defendants: Sequence[str] = tuple(matter.get("defendants") or ())
    caption = str(matter.get("client") or "")
    if defendants:
        caption += " v. " + "; ".join(defendants)
    return {
        "lang": lang,
        "today": today,
        "document": {"name": FEES_TEMPLATE, "title": FEES_TITLE},
        "firm": {
            k: str(firm.get(k, "")) for k in ("name", "address", "phone", "email", "juris_number")
        },
        "title": FEES_TITLE,
        "matter": {
            "number": str(matter.get("number") or ""),
            "client": str(matter.get("client") or ""),
            "defendants": list(defendants),
            "caption": caption,
        },
        "period": {"since": summary.since, "through": summary.through},
        "petition": dict(petition) if petition else None,
        "draft": petition is None,
        **_tables(summary),
        "rate_sources": [{"timekeeper": tk, "source": src} for tk, src in summary.rate_sources],
        "missing_rates": len(summary.missing_rates),
        "totals": _totals(summary),
        "declarant": {
            "name": str(declarant.get("name") or ""),
            "juris_number": str(declarant.get("juris_number") or ""),
        },
    }


def _tables(summary: fees.FeeSummary) -> dict[str, list[dict[str, str]]]:
    """The exhibit's tables: timekeepers, task categories, entries, exclusions, costs."""
    by_role = {t.timekeeper_id: t for t in summary.by_timekeeper}
    return {
        "timekeepers": [
            {
                "name": t.name,
                "role": fees.ROLE_LABELS.get(t.role, t.role),
                "hours": fees.tenths_text(t.tenths),
                "rates": "; ".join(fees.money_text(r) for r in t.rates)
                or ("no rate" if t.tenths else ""),
                "amount": fees.money_text(t.value_cents),
                "excluded_hours": fees.tenths_text(t.excluded_tenths),
            }
            for t in by_role.values()
        ],
        "categories": [
            {
                "name": fees.CATEGORY_LABELS.get(c.category, c.category),
                "hours": fees.tenths_text(c.tenths),
                "amount": fees.money_text(c.value_cents),
            }
            for c in summary.by_category
        ],
        "entries": [_line(line) for line in summary.lines],
        "excluded": [_line(line) for line in summary.excluded],
        "costs": [
            {
                "id": str(c.id),
                "date": c.incurred_on.isoformat(),
                "kind": fees.COST_LABELS.get(c.kind, c.kind),
                "description": c.description,
                "amount": fees.money_text(c.cents),
                "receipt": c.receipt_sha256[:12] if c.receipt_sha256 else "none",
            }
            for c in summary.costs
        ],
        "cost_kinds": [
            {"kind": fees.COST_LABELS.get(t.kind, t.kind), "amount": fees.money_text(t.cents)}
            for t in summary.cost_totals
        ],
    }


def _totals(summary: fees.FeeSummary) -> dict[str, str]:
    return {
        "hours": fees.tenths_text(summary.hours_tenths),
        "lodestar": fees.money_text(summary.lodestar_cents),
        "excluded_hours": fees.tenths_text(summary.excluded_tenths),
        "excluded_value": fees.money_text(summary.excluded_value_cents),
        "costs": fees.money_text(summary.costs_cents),
        "grand": fees.money_text(summary.total_cents),
    }
