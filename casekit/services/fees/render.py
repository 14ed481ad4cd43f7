"""The report rendered: Markdown, CSV, JSON and the Word exhibit.

CSV is UTF-8 with a byte-order mark, so Excel reads "§" and "Nguyễn" right; the Word exhibit is
``templates/report-fees.docx`` (a firm's own copy in ``CASEKIT_HOME/templates`` wins).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.docgen.fees import fees_template_context
from casekit.domain import fees
from casekit.domain.text import one_line
from casekit.services.fees.petition import petition_template

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.services.fees.petition_results import FeeReport

__all__ = [
    "CSV_HEADERS",
    "UTF8_BOM",
    "fees_context",
    "fees_csv",
    "fees_docx",
    "fees_json",
    "fees_markdown",
]

#: Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def _md(value: Any) -> str:
    text = "" if value is None else str(value)
    return one_line(text).replace("|", "\\|")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


_note = fees.correction_note


def _header(report: FeeReport) -> list[str]:
    s = report.summary
    period = (
        f"{s.since.isoformat()} to {s.through.isoformat()}"
        if s.since
        else (f"through {s.through.isoformat()}")
    )
    if report.petition is not None:
        state = (
            f"Fee petition {report.petition.number}, issued {report.petition.issued_on} by "
            f"{report.petition.issued_by}: its records are locked."
        )
    else:
        state = "Draft: not an issued fee petition; the records may still change."
    lines = [f"# Fees and costs: {report.matter}, {period}", "", f"_{state}_", ""]
    if s.missing_rates:
        lines += [
            f"**Warning: {len(s.missing_rates)} entries have no hourly rate in effect on their "
            "date (valued at nothing): add one with `casekit rate add`.**",
            "",
        ]
    return lines


def _summaries(s: fees.FeeSummary) -> list[str]:
    lines = ["## Summary by timekeeper", ""]
    lines += _table(
        ["Timekeeper", "Role", "Hours", "Rate(s)", "Lodestar", "Hours excluded"],
        [
            [t.name, fees.ROLE_LABELS.get(t.role, t.role), fees.tenths_text(t.tenths),
             "; ".join(fees.money_text(r) for r in t.rates), fees.money_text(t.value_cents),
             fees.tenths_text(t.excluded_tenths)]
            for t in s.by_timekeeper
        ]
        + [["**Total**", "", fees.tenths_text(s.hours_tenths), "",
            fees.money_text(s.lodestar_cents), fees.tenths_text(s.excluded_tenths)]],
    )  # fmt: skip
    lines += ["", "## Summary by task", ""]
    lines += _table(
        ["Task", "Hours", "Lodestar"],
        [
            [fees.CATEGORY_LABELS.get(c.category, c.category), fees.tenths_text(c.tenths),
             fees.money_text(c.value_cents)]
            for c in s.by_category
        ]
        + [["**Total**", fees.tenths_text(s.hours_tenths), fees.money_text(s.lodestar_cents)]],
    )  # fmt: skip
    return lines


def _entries(s: fees.FeeSummary) -> list[str]:
    lines = ["", "## Time entries", ""]
    lines += _table(
        ["#", "Date", "Timekeeper", "Task", "Claim", "Description", "Hours", "Rate", "Amount"],
        [
            [l.entry.id, l.entry.worked_on.isoformat(), l.entry.timekeeper,
             fees.CATEGORY_LABELS.get(l.entry.category, l.entry.category),
             fees.claim_label(l.entry.claim),
             l.entry.description + (f" ({_note(l.entry)})" if _note(l.entry) else ""),
             fees.tenths_text(l.entry.tenths),
             fees.money_text(l.rate.cents_per_hour) if l.rate else "no rate",
             fees.money_text(l.value_cents)]
            for l in s.lines  # noqa: E741
        ],
    )  # fmt: skip
    lines += ["", "## Exclusions (billing judgment)", ""]
    if s.excluded:
        lines += _table(
            ["#", "Date", "Timekeeper", "Description", "Reason", "Hours", "Value"],
            [
                [l.entry.id, l.entry.worked_on.isoformat(), l.entry.timekeeper,
                 l.entry.description, fees.EXCLUSION_LABELS[l.excluded],
                 fees.tenths_text(l.entry.tenths), fees.money_text(l.value_cents)]
                for l in s.excluded  # noqa: E741
            ],
        )  # fmt: skip
    else:
        lines.append("None.")
    return lines


def _costs(s: fees.FeeSummary) -> list[str]:
    lines = ["", "## Costs", ""]
    if s.costs:
        lines += _table(
            ["#", "Date", "Kind", "Description", "Receipt (SHA-256)", "Amount"],
            [
                [c.id, c.incurred_on.isoformat(), fees.COST_LABELS.get(c.kind, c.kind),
                 c.description, c.receipt_sha256[:12] or "none", fees.money_text(c.cents)]
                for c in s.costs
            ],
        )  # fmt: skip
    else:
        lines.append("None.")
    if s.costs_excluded:
        lines += ["", f"_{len(s.costs_excluded)} cost(s) recorded but not claimed._"]
    lines += ["", "## Totals", ""]
    lines += _table(
        ["", "Amount"],
        [
            ["Attorney's fees (lodestar)", fees.money_text(s.lodestar_cents)],
            ["Costs", fees.money_text(s.costs_cents)],
            ["**Total requested**", f"**{fees.money_text(s.total_cents)}**"],
        ],
    )
    if s.rate_sources:
        lines += ["", "## Hourly rates and their sources", ""]
        lines += [f"- {tk}: {src}" for tk, src in s.rate_sources]
    return lines


def fees_markdown(report: FeeReport) -> str:
    """The report as Markdown (also what ``--format md`` prints)."""
    s = report.summary
    lines = _header(report) + _summaries(s) + _entries(s) + _costs(s)
    return "\n".join(lines) + "\n"


CSV_HEADERS = [
    "record", "id", "date", "timekeeper", "role", "hours", "rate", "amount", "task_or_kind",
    "claim", "description", "status", "corrects", "receipt_sha256",
]  # fmt: skip


def _text_cell(value: str) -> str:
    # lazily: resolution imports this package on the recompute path
    from casekit.services.reports import csv_cell

    return str(csv_cell(value))


def fees_csv(report: FeeReport) -> bytes:
    """One row per time entry and cost, for the court's or the opponent's spreadsheet.

    UTF-8 with a byte-order mark (Excel's cue for UTF-8). Numbers are plain (``1234.50``, hours
    ``1.5``) so a spreadsheet can sum them; text that a spreadsheet would run as a formula is
    prefixed with ``'``. ``status`` is ``claimed``, ``no-charge``, ``unrelated`` or
    ``not claimed``.
    """
    s = report.summary
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for line in sorted((*s.lines, *s.excluded), key=lambda x: (x.entry.worked_on, x.entry.id)):
        e = line.entry
        writer.writerow(
            [
                "time", e.id, e.worked_on.isoformat(), _text_cell(e.timekeeper), e.role,
                fees.tenths_text(e.tenths),
                fees.cents_decimal(line.rate.cents_per_hour) if line.rate else "",
                fees.cents_decimal(line.value_cents), e.category, e.claim or "all",
                _text_cell(e.description), e.exclusion or "claimed", e.corrects_id or "", "",
            ]
        )  # fmt: skip
    for c in sorted((*s.costs, *s.costs_excluded), key=lambda x: (x.incurred_on, x.id)):
        writer.writerow(
            [
                "cost", c.id, c.incurred_on.isoformat(), "", "", "", "",
                fees.cents_decimal(c.cents), c.kind, "", _text_cell(c.description),
                "claimed" if c.billable else "not claimed", c.corrects_id or "",
                c.receipt_sha256,
            ]
        )  # fmt: skip
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")


def fees_json(report: FeeReport) -> bytes:
    return (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def fees_context(report: FeeReport, *, declarant: dict[str, str] | None = None) -> dict[str, Any]:
    """The ``report-fees`` template context for this report."""
    # lazily: resolution imports this package on the recompute path

    petition = None
    if report.petition is not None:
        petition = {"number": report.petition.number, "issued_on": report.petition.issued_on}
    return fees_template_context(
        report.summary,
        today=report.today,
        firm=report.firm,
        matter={
            "number": report.matter,
            "client": report.client,
            "defendants": list(report.defendants),
        },
        declarant=declarant or {"name": report.attorney, "juris_number": report.attorney_juris},
        petition=petition,
    )


def fees_docx(svc: AppContext, report: FeeReport, out: Path | str) -> Path:
    """Render the Word exhibit into ``out`` (owner-only, atomically; replaces an older file)."""
    # lazily: resolution imports this package on the recompute path
    from casekit.docgen.render import render_document
    from casekit.services.reports import output_target, write_output

    template = petition_template(svc)
    target = output_target(Path(out))
    with tempfile.TemporaryDirectory(prefix=".casekit-report-", dir=target.parent) as tmp:
        scratch = Path(tmp) / "report-fees.docx"
        render_document(template, fees_context(report), scratch)
        return write_output(target, scratch.read_bytes())
