"""``casekit resolution add|list|update|remove|close``: the resolution log, a matter's outcome."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, emit_json, services
from casekit.cli.deadlines import _print_diff
from casekit.cli.fees.apps import MATTER_ARG, keep, keep_date, opt_date, resolution_app
from casekit.cli.output import done, listing


def _print_recompute(diff: Any, matter: str) -> None:
    if diff is None:
        return

    _print_diff(diff)
    if diff.has_changes:
        typer.echo(f"to accept: casekit deadlines recompute {matter} --apply")


@resolution_app.command("add")
def resolution_add(
    matter: str = MATTER_ARG,
    kind: str = typer.Option(..., "--kind", help="demand, offer, settlement or judgment."),
    on: str | None = typer.Option(None, "--date", help="Made, agreed or entered (default today)."),
    side: str = typer.Option(
        "", "--side", help="plaintiff or defendant: who made it; for a judgment, in whose favour."
    ),
    party: str | None = typer.Option(None, "--party", help="Which party (name or id), optional."),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    terms: str = typer.Option("", "--terms", help="Terms in words."),
    injunctive: str = typer.Option("", "--injunctive", help="Injunctive terms (policy, training)."),
    expires: str | None = typer.Option(None, "--expires", help="When a demand or offer lapses."),
    court: str = typer.Option("", "--court", help="For a judgment: state or federal."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a demand, offer, settlement or judgment (a judgment starts the fee-motion clock)."""
    from casekit.services.deadlines.resolution import add_resolution

    recorded = add_resolution(
        services(),
        matter,
        kind=kind,
        dated=opt_date(on, "--date"),
        side=side,
        party=party,
        amount=amount,
        terms=terms,
        injunctive_terms=injunctive,
        expires_on=opt_date(expires, "--expires"),
        court=court,
    )
    e = recorded.event
    if as_json:
        out = e.to_dict()
        if recorded.recompute is not None:
            out["recompute"] = recorded.recompute.to_dict()
        emit_json(out)
        return
    typer.echo(f"{e.kind} {e.id} recorded on {e.matter}")
    _print_recompute(recorded.recompute, e.matter)


@resolution_app.command("list")
def resolution_list(matter: str = MATTER_ARG, as_json: bool = JSON_OPTION) -> None:
    """A matter's resolution log, oldest first."""
    from casekit.services.deadlines.resolution import list_resolution

    listing(
        list_resolution(services(), matter),
        as_json,
        ("id", "date", "kind", "side", "amount", "expires", "status", "court", "terms"),
        lambda r: (
            r.id,
            r.dated,
            r.kind,
            r.side,
            r.amount,
            r.expires_on,
            r.status,
            r.court,
            " / ".join(t for t in (r.terms, r.injunctive_terms) if t),
        ),  # fmt: skip
        empty="nothing recorded yet (casekit resolution add MATTER --kind offer ...)",
    )


@resolution_app.command("update")
def resolution_update(
    event_id: int = typer.Argument(..., help="Entry id (casekit resolution list MATTER)."),
    status: str | None = typer.Option(
        None, "--status", help="open, accepted, rejected, withdrawn or expired."
    ),
    expires: str | None = typer.Option(None, "--expires", help="A new expiry (YYYY-MM-DD)."),
    terms: str | None = typer.Option(None, "--terms", help="Terms in words."),
    injunctive: str | None = typer.Option(None, "--injunctive", help="Injunctive terms."),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a demand or offer (accepted, rejected, withdrawn, expired) or correct an entry."""
    from casekit.services.deadlines.resolution import update_resolution

    recorded = update_resolution(
        services(),
        event_id,
        status=keep(status),
        expires_on=keep_date(expires, "--expires"),
        terms=keep(terms),
        injunctive_terms=keep(injunctive),
        amount=keep(amount),
    )
    done(recorded.event.to_dict(), as_json, f"{recorded.event.kind} {recorded.event.id} saved")


@resolution_app.command("remove")
def resolution_remove(event_id: int = typer.Argument(..., help="Entry id.")) -> None:
    """Remove an entry recorded by mistake (the audit log keeps it)."""
    from casekit.services.deadlines.resolution import remove_resolution

    recorded = remove_resolution(services(), event_id)
    typer.echo(f"{recorded.event.kind} {recorded.event.id} removed from {recorded.event.matter}")
    _print_recompute(recorded.recompute, recorded.event.matter)


@resolution_app.command("close")
def resolution_close(
    matter: str = MATTER_ARG,
    outcome: str = typer.Option(
        ..., "--outcome", help="injunction, settlement, judgment, dismissal or declined."
    ),
    on: str | None = typer.Option(None, "--date", help="Closing date (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Close a matter with its outcome (counted by the caseload and agencies reports)."""
    from casekit.services.deadlines.resolution import close_matter

    closed = close_matter(services(), matter, outcome=outcome, closed_on=opt_date(on, "--date"))
    done(
        closed.to_dict(),
        as_json,
        f"{closed.matter} {closed.status} on {closed.closed_on}: {closed.outcome}",
    )
