"""``casekit coverage add|list|remove``: an attorney's deadlines go to a colleague while away."""

from __future__ import annotations

import typer

from casekit.cli.base import JSON_OPTION, command_group, services
from casekit.cli.output import done, listing

coverage_app = command_group(
    "coverage",
    "Coverage: while an attorney is away, a covering attorney also receives their "
    "deadlines in the daily digest (casekit remind --email).",
)


@coverage_app.command("add")
def coverage_add(
    attorney: str = typer.Option(..., "--attorney", help="The attorney who is away."),
    covering: str = typer.Option(..., "--covering", help="The attorney who covers."),
    start: str = typer.Option(..., "--from", help="First day covered, YYYY-MM-DD."),
    end: str = typer.Option(..., "--to", help="Last day covered, YYYY-MM-DD (included)."),
    note: str = typer.Option("", "--note", help="Why (vacation, trial, leave)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a coverage; overlapping days for the same attorney are refused."""
    from casekit.services.reports.coverage import add_coverage

    row = add_coverage(
        services(), attorney=attorney, covering=covering, starts_on=start, ends_on=end, note=note
    )
    done(
        row.to_dict(),
        as_json,
        f"coverage {row.id}: {row.covering} receives {row.attorney}'s deadlines from "
        f"{row.starts_on.isoformat()} to {row.ends_on.isoformat()}",
    )


@coverage_app.command("list")
def coverage_list(
    include_past: bool = typer.Option(False, "--all", help="Also coverages already ended."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Coverages now or ahead (with --all, past ones too), by first day."""
    from casekit.services.reports.coverage import list_coverage

    svc = services()
    today = svc.today()
    listing(
        list_coverage(svc, include_past=include_past),
        as_json,
        ("id", "attorney", "covered by", "from", "to", "now", "note"),
        lambda r: (
            r.id,
            r.attorney,
            r.covering,
            r.starts_on,
            r.ends_on,
            r.active_on(today),
            r.note,
        ),
        empty="no coverage recorded" + ("" if include_past else " now or ahead (--all: past)"),
    )


@coverage_app.command("remove")
def coverage_remove(
    coverage_id: int = typer.Argument(
        ..., metavar="ID", help="Coverage id (casekit coverage list)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove a coverage (the audit log keeps it)."""
    from casekit.services.reports.coverage import remove_coverage

    row = remove_coverage(services(), coverage_id)
    done(row.to_dict(), as_json, f"coverage {row.id} removed ({row.covering} for {row.attorney})")
