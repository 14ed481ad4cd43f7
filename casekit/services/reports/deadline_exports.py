"""The deadline report as Markdown (also the digest's body), CSV and the Word template's context."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from casekit.services.reports.formats import UNASSIGNED, csv_bytes, md_table, md_text
from casekit.services.reports.rows import DeadlineReport, DeadlineRow, QuietMatter

_DEADLINE_HEADERS = (
    "Matter",
    "Client",
    "Deadline",
    "Due",
    "Safe target",
    "Days left",
    "Citation",
    "Verify",
    "Tier",
)


def _deadline_cells(r: DeadlineRow) -> list[Any]:
    return [
        r.matter,
        r.client,
        r.title,
        r.due.isoformat(),
        r.safe_target.isoformat(),
        r.days_left,
        r.citation,
        "verify" if r.verify else "",
        "" if r.tier is None else r.tier,
    ]


def deadlines_markdown(
    report: DeadlineReport,
    *,
    heading: str = "Deadline reminders",
    level: int = 1,
    dated: bool = True,
) -> str:
    """The report as Markdown (also the body of the daily digest).

    ``level`` is the heading level of its title (a covered attorney's part of a digest is one
    level down). Data is escaped (:func:`md_text`): a name never becomes markup.
    """
    h = "#" * level
    when = f": {report.today.isoformat()}" if dated else ""
    lines = [f"{h} {md_text(heading)}{when}", ""]
    scope = [f"open deadlines overdue or due within {report.within} days"]
    if report.attorney:
        scope.append(f"attorney {md_text(report.attorney)}")
    lines.append(
        f"_{'; '.join(scope)}. Days left count to the safe target (the last business day on or "
        'before the due date). "verify": the rule is not confirmed; check the citation._'
    )
    for section in report.sections:
        lines += ["", f"{h}# {section.title} ({len(section.rows)})", ""]
        if section.rows:
            lines += md_table(_DEADLINE_HEADERS, (_deadline_cells(r) for r in section.rows))
        else:
            lines.append("None.")
    if report.reminders is not None:
        lines += [
            "",
            f"{h}# Reminders for later deadlines ({len(report.reminders)})",
            "",
            "_Deadlines further out whose reminder day (the tier, in days before the safe "
            "target) has come._",
            "",
        ]
        if report.reminders:
            lines += md_table(_DEADLINE_HEADERS, (_deadline_cells(r) for r in report.reminders))
        else:
            lines.append("None.")
    lines += ["", f"{h}# Matters with no open deadline ({len(report.no_deadline)})", ""]
    if report.no_deadline:
        lines += md_table(
            ("Matter", "Client", "Attorney", "Status"),
            ((q.matter, q.client, q.attorney or UNASSIGNED, q.status) for q in report.no_deadline),
        )
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def deadlines_csv(report: DeadlineReport) -> bytes:
    """One row per deadline (``section`` column), then one per matter with no open deadline."""
    headers = ["section", *(h.lower().replace(" ", "_") for h in _DEADLINE_HEADERS)]
    rows: list[list[Any]] = [
        [s.title, *_deadline_cells(r)] for s in report.sections for r in s.rows
    ]
    rows += [
        ["No open deadline", q.matter, q.client, "", "", "", "", "", "", ""]
        for q in report.no_deadline
    ]
    return csv_bytes(headers, rows)


def deadlines_template_context(report: DeadlineReport) -> dict[str, Any]:
    """The context ``templates/report-deadlines.docx`` renders (templates/README.md)."""
    return {
        "lang": "en",
        "today": report.today,
        "document": {"name": "report-deadlines", "title": "Deadline reminders"},
        "firm": dict(report.firm),
        "title": "Deadline reminders",
        "horizon_days": report.within,
        "sections": [
            {"title": s.title, "rows": [r.template_row() for r in s.rows]} for s in report.sections
        ],
        "no_deadline": [{"matter": q.matter, "client": q.client} for q in report.no_deadline],
    }


# --- no-deadline and caseload ---------------------------------------------------------------


def no_deadline_markdown(items: Sequence[QuietMatter], today: date) -> str:
    lines = [f"# Matters with no open deadline: {today.isoformat()}", ""]
    if items:
        lines += md_table(
            ("Matter", "Client", "Attorney", "Status"),
            ((q.matter, q.client, q.attorney or UNASSIGNED, q.status) for q in items),
        )
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def no_deadline_csv(items: Sequence[QuietMatter]) -> bytes:
    return csv_bytes(
        ("matter", "client", "attorney", "status"),
        ((q.matter, q.client, q.attorney, q.status) for q in items),
    )
