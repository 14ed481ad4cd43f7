"""``casekit timekeeper add|list`` and ``casekit rate add|list|remove``."""

from __future__ import annotations

import typer

from casekit.cli.base import JSON_OPTION, parse_date, services
from casekit.cli.fees.apps import rate_app, timekeeper_app
from casekit.cli.output import done, listing


@timekeeper_app.command("add")
def timekeeper_add(
    name: str = typer.Option(..., "--name", help="Full name, as it will appear in fee exhibits."),
    role: str = typer.Option("paralegal", "--role", help="attorney, paralegal or law_clerk."),
    juris: str = typer.Option("", "--juris", help="Juris number (required for an attorney)."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a paralegal, law clerk or attorney whose time is billed."""
    from casekit.services.fees import add_timekeeper

    added = add_timekeeper(services(), name=name, role=role, juris=juris, email=email)
    done(added.to_dict(), as_json, f"timekeeper {added.id} added: {added.name} ({added.role})")


@timekeeper_app.command("list")
def timekeeper_list(as_json: bool = JSON_OPTION) -> None:
    """Every attorney, paralegal and law clerk."""
    from casekit.services.fees import list_timekeepers

    listing(
        list_timekeepers(services()),
        as_json,
        ("id", "name", "role", "juris", "active"),
        lambda t: (t.id, t.name, t.role, t.juris_number, t.active),
        empty="no timekeepers yet (casekit attorney add ..., casekit timekeeper add ...)",
    )


@rate_app.command("add")
def rate_add(
    timekeeper: str = typer.Argument(..., help="Timekeeper name or id."),
    rate: str = typer.Option(..., "--rate", help="Hourly rate in dollars, e.g. 350 or 375.00."),
    effective: str = typer.Option(..., "--from", help="First day the rate applies (YYYY-MM-DD)."),
    source: str = typer.Option(
        ..., "--source", help="Where the rate comes from: affidavit, fee survey, prior award."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record an hourly rate; work on or after --from is valued at it until the next rate."""
    from casekit.domain.fees import parse_money
    from casekit.services.fees import add_rate

    cents = parse_money(rate, "rate")
    added = add_rate(
        services(),
        timekeeper,
        cents_per_hour=cents,
        effective_from=parse_date(effective, "--from"),
        source=source,
    )
    done(
        added.to_dict(),
        as_json,
        f"rate {added.id} added: {added.timekeeper} {added.rate}/hour from "
        f"{added.effective_from.isoformat()}",
    )


@rate_app.command("list")
def rate_list(
    timekeeper: str | None = typer.Argument(None, help="Only this timekeeper."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rates by timekeeper and date, with their sources."""
    from casekit.services.fees import list_rates

    listing(
        list_rates(services(), timekeeper),
        as_json,
        ("id", "timekeeper", "from", "rate", "source"),
        lambda r: (r.id, r.timekeeper, r.effective_from, r.rate, r.source),
        empty="no rates yet (casekit rate add TIMEKEEPER --rate R --from D --source S)",
    )


@rate_app.command("remove")
def rate_remove(rate_id: int = typer.Argument(..., help="Rate id (casekit rate list).")) -> None:
    """Remove a rate entered by mistake (issued petitions keep the rates they claimed)."""
    from casekit.services.fees import remove_rate

    removed = remove_rate(services(), rate_id)
    typer.echo(f"rate {removed.id} removed ({removed.timekeeper}, from {removed.effective_from})")
