"""The agencies report as Markdown, text bars, CSV and Word (with a bar chart)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.docgen.chart import bar_chart_png
from casekit.services.reports.formats import csv_bytes, md_table
from casekit.services.reports.pattern import CHART_BARS, AgenciesReport
from casekit.services.reports.word import firm_settings, render_report_docx

if TYPE_CHECKING:
    from casekit.services.base import AppContext


def agencies_markdown(report: AgenciesReport) -> str:
    lines = [f"# {report.title}: {report.today.isoformat()}", "", f"_{report.note()}_", ""]
    if report.rows:
        lines += md_table((*report.columns, "Matters"), ((*r.labels, r.count) for r in report.rows))
        lines += ["", *_md_bars(report)]
    else:
        lines.append("No count is large enough to show.")
    lines += ["", "## Outcomes of closed matters by agency", ""]
    if report.outcomes:
        lines += md_table(
            _OUTCOME_HEADERS, ((o.agency, o.outcome, o.count) for o in report.outcomes)
        )
    else:
        lines.append("None recorded.")
    return "\n".join(lines) + "\n"


_OUTCOME_HEADERS = ("Agency", "Outcome", "Matters")


def _md_bars(report: AgenciesReport, width: int = 40) -> list[str]:
    """A text bar chart (a code block, so every reader lines it up)."""
    return ["```", *text_bars(report, width=width), "```"]


def text_bars(report: AgenciesReport, *, width: int = 40, limit: int = CHART_BARS) -> list[str]:
    """Horizontal bars of the largest shown counts, one line each: label, bar, count."""
    rows = sorted(report.rows, key=lambda r: -r.count)[:limit]
    if not rows:
        return []
    top = max(r.count for r in rows)
    label_width = min(48, max(len(r.label) for r in rows))
    out = []
    for r in rows:
        label = r.label if len(r.label) <= label_width else r.label[: label_width - 1] + "…"
        bar = "█" * max(1, round(r.count / top * width))
        out.append(f"{label:<{label_width}}  {bar} {r.count}")
    return out


def agencies_csv(report: AgenciesReport, table: str = "violations") -> bytes:
    """One table per file: the violation counts (default) or the outcome counts."""
    if table == "outcomes":
        return csv_bytes(
            [h.lower() for h in _OUTCOME_HEADERS],
            ((o.agency, o.outcome, o.count) for o in report.outcomes),
        )
    return csv_bytes(
        [*(c.lower() for c in report.columns), "matters"],
        ((*r.labels, r.count) for r in report.rows),
    )


def agencies_template_context(report: AgenciesReport, firm: dict[str, str]) -> dict[str, Any]:
    """The context ``templates/report-agencies.docx`` renders (``chart`` is added at render)."""
    columns = list(report.columns) + [""] * (2 - len(report.columns))
    return {
        "lang": "en",
        "today": report.today,
        "document": {"name": "report-agencies", "title": report.title},
        "firm": dict(firm),
        "title": report.title,
        "note": report.note(),
        "min_cell": report.min_cell,
        "columns": columns,
        "rows": [
            {
                "group": r.labels[0],
                "detail": r.labels[1] if len(r.labels) > 1 else "",
                "count": str(r.count),
            }
            for r in report.rows
        ],
        "chart": "",
        "outcomes": [{k: str(v) for k, v in o.to_dict().items()} for o in report.outcomes],
    }


def agencies_docx(svc: AppContext, report: AgenciesReport, out: Path) -> Path:
    """The Word report, with a bar chart of the largest counts (casekit.docgen.chart)."""

    context = agencies_template_context(report, firm_settings(svc))
    rows = sorted(report.rows, key=lambda r: -r.count)[:CHART_BARS]
    images = {}
    if rows:
        images["chart"] = bar_chart_png(
            [(r.label, r.count) for r in rows],
            title=f"Matters {report.what} (largest {len(rows)})",
        )
    return render_report_docx(svc, "report-agencies", context, out, images=images)
