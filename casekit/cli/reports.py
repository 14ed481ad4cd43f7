"""casekit report ..., casekit remind, casekit export ics.

The services build plain data and render Markdown, CSV, JSON, Word and iCalendar; the terminal
tables (``--format table``) are drawn here with rich. Files are written owner-only and atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, app, command_group, parse_date, services
from casekit.cli.report_output import (
    OUTPUT_OPTION,
    TODAY_OPTION,
    Renderings,
    ReportFormat,
    chosen_format,
    emit,
    format_option,
    rich_table,
    write_report,
)
from casekit.errors import InvalidInput

report_app = command_group(
    "report",
    "Office reports: deadline reminders, matters with no deadline, caseload, and the "
    "de-identified pattern of alleged violations by agency.",
)
export_app = command_group("export", "Export data for other programs.")

#: The formats of each report (their order is the one ``--help`` lists).
DEADLINE_FORMATS = ("table", "md", "docx", "csv", "ics", "json")
OFFICE_FORMATS = ("table", "md", "csv", "json")
AGENCY_FORMATS = ("table", "md", "csv", "docx", "json")

# --- report deadlines -----------------------------------------------------------------------


ATTORNEY_OPTION = typer.Option(None, "--attorney", help="Only this attorney's matters.")
REDACT_OPTION = typer.Option(False, "--redact", help="Client initials instead of names.")


@report_app.command("deadlines")
def report_deadlines(
    within: int = typer.Option(
        30, "--within", min=0, max=36_500, help="Horizon in days for the last section."
    ),
    attorney: str | None = ATTORNEY_OPTION,
    today: str | None = TODAY_OPTION,
    redact: bool = REDACT_OPTION,
    chosen: ReportFormat = format_option(*DEADLINE_FORMATS),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open deadlines: Overdue, Today, This week, Next N days; then matters with no deadline."""
    from casekit.services import reports

    fmt = chosen_format(chosen, as_json, DEADLINE_FORMATS)
    day = parse_date(today, "--today") if today else None
    svc = services()
    if fmt == "ics":
        from casekit.services.deadlines.calendar_export import build_calendar

        emit(build_calendar(svc, attorney=attorney, today=day).data, output)
        return
    report = reports.deadline_report(
        svc, within=within, attorney=attorney, today=day, redact=redact
    )
    write_report(
        fmt,
        output,
        Renderings(
            markdown=lambda: reports.deadlines_markdown(report),
            csv=lambda: reports.deadlines_csv(report),
            json=lambda: reports.to_json(report.to_dict()),
            table=lambda console: _draw_deadlines(console, report),
            docx=lambda path: reports.render_report_docx(
                svc, "report-deadlines", reports.deadlines_template_context(report), path
            ),
        ),
    )


def _draw_deadlines(console: Any, report: Any) -> None:
    # A narrow terminal (80 columns) drops Due and Citation; md, csv and json always have them.
    wide = console.width >= 110
    headers = ("Matter", "Client", "Deadline", *(("Due",) if wide else ()), "Act by", "Left",
               *(("Citation",) if wide else ()), "Verify", "Tier")  # fmt: skip
    scope = f", attorney {report.attorney}" if report.attorney else ""
    console.print(
        f'Deadline reminders {report.today.isoformat()}{scope}. "Act by" is the safe target '
        '(last business day on or before the due date); "Left" counts days to it.'
    )
    for section in report.sections:
        rows = [
            (
                r.matter,
                r.client,
                r.title,
                *((r.due.isoformat(),) if wide else ()),
                r.safe_target.isoformat(),
                r.days_left,
                *((r.citation,) if wide else ()),
                "verify" if r.verify else "",
                "" if r.tier is None else r.tier,
            )  # fmt: skip
            for r in section.rows
        ]
        title = f"{section.title} ({len(rows)})"
        if rows:
            console.print(rich_table(title, headers, rows))
        else:
            console.print(f"{title}: none")
    _draw_quiet(console, report.no_deadline)


def _draw_quiet(console: Any, items: Sequence[Any]) -> None:
    title = f"Matters with no open deadline ({len(items)})"
    if not items:
        console.print(f"{title}: none")
        return
    rows = [(q.matter, q.client, q.attorney or "(unassigned)", q.status) for q in items]
    console.print(rich_table(title, ("Matter", "Client", "Attorney", "Status"), rows))


# --- report no-deadline / caseload / agencies -----------------------------------------------


@report_app.command("no-deadline")
def report_no_deadline(
    attorney: str | None = ATTORNEY_OPTION,
    today: str | None = TODAY_OPTION,
    redact: bool = REDACT_OPTION,
    chosen: ReportFormat = format_option(*OFFICE_FORMATS),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open matters with no open deadline (nothing will remind anyone about them)."""
    from casekit.services import reports

    fmt = chosen_format(chosen, as_json, OFFICE_FORMATS)
    day = parse_date(today, "--today") if today else None
    svc = services()
    attorney_id, _ = reports.resolve_attorney(svc, attorney)
    items = reports.quiet_matters(svc, attorney_id=attorney_id, redact=redact)
    write_report(
        fmt,
        output,
        Renderings(
            markdown=lambda: reports.no_deadline_markdown(items, day or svc.today()),
            csv=lambda: reports.no_deadline_csv(items),
            json=lambda: reports.to_json([q.to_dict() for q in items]),
            table=lambda console: _draw_quiet(console, items),
        ),
    )


@report_app.command("caseload")
def report_caseload(
    chosen: ReportFormat = format_option(*OFFICE_FORMATS),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open matters by attorney and status, all matters by stage, closed ones by outcome."""
    from casekit.services import reports

    fmt = chosen_format(chosen, as_json, OFFICE_FORMATS)
    report = reports.caseload_report(services())

    def draw(console: Any) -> None:
        headers = ("Attorney", *reports.OPEN_MATTER_STATUSES, "Total")
        rows = [(r.attorney, *(n for _, n in r.counts), r.total) for r in report.by_attorney]
        console.print(rich_table("Open matters by attorney", headers, rows))
        console.print(rich_table("Matters by stage", ("Stage", "Matters"), report.by_stage))
        console.print(
            rich_table("Closed matters by outcome", ("Outcome", "Matters"), report.by_outcome)
        )

    write_report(
        fmt,
        output,
        Renderings(
            markdown=lambda: reports.caseload_markdown(report),
            csv=lambda: reports.caseload_csv(report),
            json=lambda: reports.to_json(report.to_dict()),
            table=draw,
        ),
    )


@report_app.command("agencies")
def report_agencies(
    by: str = typer.Option(
        "agency,code",
        "--by",
        help="agency,code (default), agency, agency,year, town or code.",
    ),
    min_cell: int = typer.Option(
        3,
        "--min-cell",
        help="Show a count only when at least N different clients are behind it.",
    ),
    chosen: ReportFormat = format_option(*AGENCY_FORMATS),
    table: str = typer.Option(
        "violations", "--table", help="Which table --format csv writes: violations or outcomes."
    ),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """De-identified pattern: matters with an alleged violation by agency and violation code
    (or --by agency, agency,year, town, code), with bars, and closed matters' outcomes by agency
    (--table outcomes for the CSV); small counts are not shown."""
    from casekit.services import reports

    fmt = chosen_format(chosen, as_json, AGENCY_FORMATS)
    which = table.strip().lower()
    if which not in ("violations", "outcomes"):
        raise InvalidInput(f"unknown table '{table[:20]}' (choose violations or outcomes)")
    svc = services()
    report = reports.agencies_report(svc, by=by, min_cell=min_cell)
    write_report(
        fmt,
        output,
        Renderings(
            markdown=lambda: reports.agencies_markdown(report),
            csv=lambda: reports.agencies_csv(report, which),
            json=lambda: reports.to_json(report.to_dict()),
            table=lambda console: _draw_agencies(console, report),
            docx=lambda path: reports.agencies_docx(svc, report, path),
        ),
    )


def _draw_agencies(console: Any, report: Any) -> None:
    from casekit.services import reports

    console.print(f"{report.title} ({report.today.isoformat()})")
    console.print(report.note(), style="dim", soft_wrap=False)
    if not report.rows:
        console.print("No count is large enough to show.")
    else:
        rows = [(*r.labels, r.count) for r in report.rows]
        console.print(rich_table("", (*report.columns, "Matters"), rows))
        width = max(10, min(40, console.width - 60))
        for line in reports.text_bars(report, width=width):
            console.print(line, highlight=False, markup=False)
    ended = [(o.agency, o.outcome, o.count) for o in report.outcomes]
    console.print(
        rich_table("Outcomes of closed matters by agency", ("Agency", "Outcome", "Matters"), ended)
    )


# --- remind ---------------------------------------------------------------------------------

#: Exit statuses of ``casekit remind`` (README "Daily reminders"). When several apply, the
#: first in this order wins: 2 (nothing was done: a bad option or setting), 4 (a digest was not
#: delivered: someone is not being reminded, which cron must not hide), 3 (something is
#: overdue; the digest printed says what), 0.
EXIT_OVERDUE = 3
EXIT_NOT_SENT = 4


@app.command("remind")
def remind(
    today: str | None = TODAY_OPTION,
    within: int = typer.Option(30, "--within", min=0, max=36_500, help="Horizon in days."),
    output: Path | None = OUTPUT_OPTION,
    email: bool = typer.Option(
        False,
        "--email",
        help="Also e-mail each attorney their own digest, covering attorneys their colleagues', "
        "and the fallback recipient the matters with no attorney (smtp.* and reminders.* "
        "settings).",
    ),
    resend: bool = typer.Option(
        False,
        "--resend",
        help="Only send again what waits in CASEKIT_HOME/outbox (no new digest is printed).",
    ),
) -> None:
    """The daily digest (Markdown) for cron.

    Exit status: 0 all well; 3 something is overdue; 4 a digest could not be sent (it waits in
    CASEKIT_HOME/outbox; casekit remind --resend sends it later); 2 a bad option or setting
    (nothing sent). When several apply: 2, then 4, then 3. Client names are reduced to initials.
    """
    from casekit.services import reports
    from casekit.services.reports.mail import resend_outbox, send_digests, smtp_config

    if resend:
        if email or output or today:
            raise InvalidInput("--resend sends the outbox as it is: give it no other option")
        svc = services()
        deliveries = resend_outbox(svc, smtp_config(svc))
        if not deliveries:
            typer.echo("the outbox is empty", err=True)
        if _report_deliveries(deliveries):
            raise typer.Exit(EXIT_NOT_SENT)
        return
    day = parse_date(today, "--today") if today else None
    svc = services()
    config = smtp_config(svc) if email else None  # a missing setting fails before any output
    digest = reports.daily_digest(svc, today=day, within=within)
    digests = reports.attorney_digests(svc, today=day, within=within) if config else []
    emit(digest.markdown.encode("utf-8"), output)
    failed = _report_deliveries(send_digests(svc, digests, config)) if config else 0
    if failed:
        raise typer.Exit(EXIT_NOT_SENT)
    if digest.overdue:
        raise typer.Exit(EXIT_OVERDUE)


def _report_deliveries(deliveries: Sequence[Any]) -> int:
    """One line per digest on stderr; returns how many were not sent."""
    failed = 0
    for delivery in deliveries:
        if delivery.sent:
            typer.echo(f"sent the digest to {delivery.attorney}", err=True)
        else:
            failed += 1
            typer.echo(
                f"error: the digest for {delivery.attorney} was not sent "
                f"({delivery.error}); it is kept in the outbox",
                err=True,
            )
    return failed


# --- export ics -----------------------------------------------------------------------------


@export_app.command("ics")
def export_ics(
    output: Path = typer.Option(..., "--output", "-o", help="The .ics file to write."),
    matter: str | None = typer.Option(None, "--matter", help="Only this matter."),
    attorney: str | None = ATTORNEY_OPTION,
    today: str | None = TODAY_OPTION,
) -> None:
    """Open deadlines as an iCalendar file: one all-day event per deadline on its safe target."""
    from casekit.services.deadlines.calendar_export import export_ics as write_ics

    day = parse_date(today, "--today") if today else None
    count = write_ics(services(), output, matter=matter, attorney=attorney, today=day)
    typer.echo(f"wrote {count} deadline(s) to {output}", err=True)
