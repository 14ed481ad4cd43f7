"""``casekit fees petition|list`` and ``casekit report fees``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, parse_date, services
from casekit.cli.fees.apps import MATTER_ARG, fees_app, opt_date, report_app
from casekit.cli.output import done, listing, print_fields
from casekit.cli.report_output import (
    OUTPUT_OPTION,
    Renderings,
    ReportFormat,
    chosen_format,
    format_option,
    rich_table,
    write_report,
)
from casekit.errors import InvalidInput

FEE_REPORT_FORMATS = ("table", "md", "docx", "csv", "json")


@fees_app.command("petition")
def fees_petition(
    matter: str = MATTER_ARG,
    through: str = typer.Option(..., "--through", help="Last day of work and costs (YYYY-MM-DD)."),
    since: str | None = typer.Option(
        None, "--from", help="First day (a supplemental petition); default: from the beginning."
    ),
    declarant: str | None = typer.Option(
        None, "--declarant", help="The attorney who signs (default: the matter's attorney)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Issue a fee petition: record and lock its entries and costs, write the Word exhibit."""
    from casekit.domain.fees import money_text, tenths_text
    from casekit.services.fees import issue_petition

    petition = issue_petition(
        services(),
        matter,
        through=parse_date(through, "--through"),
        since=opt_date(since, "--from"),
        declarant=declarant,
    )
    done(
        petition.to_dict(),
        as_json,
        f"fee petition {petition.number} issued for {petition.matter} through "
        f"{petition.through.isoformat()}: {tenths_text(petition.hours_tenths)} h, "
        f"{money_text(petition.lodestar_cents)} fees + {money_text(petition.costs_cents)} costs "
        f"= {money_text(petition.total_cents)}",
        f"{petition.entries} time entries and {petition.costs} costs are now locked",
        f"exhibit: {petition.path} (sha256 {petition.sha256})",
    )


def _petition_cells(p: Any) -> tuple[Any, ...]:
    from casekit.domain.fees import money_text, tenths_text

    return (
        p.number,
        p.through,
        p.issued_on,
        p.issued_by,
        tenths_text(p.hours_tenths),
        money_text(p.lodestar_cents),
        money_text(p.costs_cents),
        money_text(p.total_cents),
        p.path,
    )


@fees_app.command("list")
def fees_list(matter: str = MATTER_ARG, as_json: bool = JSON_OPTION) -> None:
    """A matter's issued fee petitions."""
    from casekit.services.fees import list_petitions

    listing(
        list_petitions(services(), matter),
        as_json,
        ("number", "through", "issued", "by", "hours", "fees", "costs", "total", "exhibit"),
        _petition_cells,
        empty="no fee petition issued yet (casekit fees petition MATTER --through DATE)",
    )


@report_app.command("fees")
def report_fees(
    matter: str = MATTER_ARG,
    through: str | None = typer.Option(
        None, "--through", help="Last day of work and costs (default today)."
    ),
    since: str | None = typer.Option(None, "--from", help="First day (default: the beginning)."),
    petition: int | None = typer.Option(
        None, "--petition", help="Reproduce issued fee petition N exactly."
    ),
    chosen: ReportFormat = format_option(*FEE_REPORT_FORMATS),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fees and costs of a matter: hours and lodestar by timekeeper and task, exclusions, costs,
    totals; docx is the exhibit for a fee motion, csv opens in Excel (UTF-8 with BOM)."""
    from casekit.services import fees as fp

    fmt = chosen_format(chosen, as_json, FEE_REPORT_FORMATS)
    if petition is not None and (through is not None or since is not None):
        raise InvalidInput("--petition reproduces an issued petition: leave out --through/--from")
    svc = services()
    report = fp.fee_report(
        svc,
        matter,
        through=opt_date(through, "--through"),
        since=opt_date(since, "--from"),
        petition=petition,
    )

    def csv() -> bytes:
        data = fp.fees_csv(report)
        if output is None:  # the byte-order mark is for Excel, not for a terminal
            data = data.removeprefix(fp.UTF8_BOM.encode("utf-8"))
        return data

    write_report(
        fmt,
        output,
        Renderings(
            markdown=lambda: fp.fees_markdown(report),
            csv=csv,
            json=lambda: fp.fees_json(report),
            table=lambda console: _draw_fees(console, report),
            docx=lambda path: fp.fees_docx(svc, report, path),
        ),
    )


def _draw_fees(console: Any, report: Any) -> None:
    s = report.summary
    period = f"{s.since} to {s.through}" if s.since else f"through {s.through}"
    state = (
        f"fee petition {report.petition.number} (issued {report.petition.issued_on})"
        if report.petition
        else "draft (not issued)"
    )
    console.print(f"Fees and costs {report.matter}, {period}: {state}")
    if s.missing_rates:
        console.print(
            f"WARNING: {len(s.missing_rates)} entries have no rate in effect on their date "
            "(valued at nothing): casekit rate add"
        )
    for table in _tables(s):
        console.print(table)
    _print_totals(s, report.matter)


def _tables(s: Any) -> list[Any]:
    """The rich tables of the report: by timekeeper, by task, exclusions and costs."""
    from casekit.domain import fees

    tables = [
        rich_table(
            "By timekeeper",
            ("Timekeeper", "Role", "Hours", "Rate(s)", "Lodestar", "Excluded h"),
            [
                (t.name, t.role, fees.tenths_text(t.tenths),
                 "; ".join(fees.money_text(r) for r in t.rates),
                 fees.money_text(t.value_cents), fees.tenths_text(t.excluded_tenths))
                for t in s.by_timekeeper
            ],
        ),
        rich_table(
            "By task",
            ("Task", "Hours", "Lodestar"),
            [
                (fees.CATEGORY_LABELS.get(c.category, c.category), fees.tenths_text(c.tenths),
                 fees.money_text(c.value_cents))
                for c in s.by_category
            ],
        ),
    ]  # fmt: skip
    if s.excluded:
        tables.append(
            rich_table(
                f"Exclusions ({len(s.excluded)})",
                ("#", "Date", "Timekeeper", "Hours", "Value", "Reason"),
                [
                    (x.entry.id, x.entry.worked_on, x.entry.timekeeper,
                     fees.tenths_text(x.entry.tenths), fees.money_text(x.value_cents), x.excluded)
                    for x in s.excluded
                ],
            )
        )  # fmt: skip
    if s.costs:
        tables.append(
            rich_table(
                f"Costs ({len(s.costs)})",
                ("#", "Date", "Kind", "Amount", "Receipt"),
                [
                    (c.id, c.incurred_on, fees.COST_LABELS.get(c.kind, c.kind),
                     fees.money_text(c.cents), c.receipt_sha256[:12] or "none")
                    for c in s.costs
                ],
            )
        )  # fmt: skip
    return tables


def _print_totals(s: Any, matter: str) -> None:
    from casekit.domain import fees

    print_fields(
        [
            ("hours", fees.tenths_text(s.hours_tenths)),
            ("lodestar", fees.money_text(s.lodestar_cents)),
            ("excluded", f"{fees.tenths_text(s.excluded_tenths)} h "
                         f"({fees.money_text(s.excluded_value_cents)})"),
            ("costs", fees.money_text(s.costs_cents)),
            ("total", fees.money_text(s.total_cents)),
            ("entries", f"{len(s.lines)} (casekit time list {matter}; "
                        "--format md|csv|docx for all of them)"),
        ]
    )  # fmt: skip
