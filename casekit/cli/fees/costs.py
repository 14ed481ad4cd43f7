"""``casekit cost add|list|edit|remove|correct``: money is typed in dollars (``405.00``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, services
from casekit.cli.fees.apps import (
    DROP_OPTION,
    MATTER_ARG,
    THROUGH_OPTION,
    cost_app,
    keep,
    keep_date,
    opt_date,
)
from casekit.cli.output import done, listing

KIND_HELP = "filing_fee, marshal_fee, transcript, expert, foi_copy_fee or other."
# The options an edit and a correction share (absent: the value stays).
KIND_CHANGE = typer.Option(None, "--kind", help=KIND_HELP)
AMOUNT_CHANGE = typer.Option(None, "--amount", help="Dollars.")
DESCRIPTION_CHANGE = typer.Option(None, "--description", "-d", help="What it paid for.")
DATE_CHANGE = typer.Option(None, "--date", help="When it was paid.")
CLAIMED_CHANGE = typer.Option(None, "--claimed/--not-claimed", help="Claim it or not.")


def _changes(
    kind: str | None,
    amount: str | None,
    description: str | None,
    on: str | None,
    claimed: bool | None,
) -> dict[str, Any]:
    """The service's keyword arguments for an edit or a correction (absent options: KEEP)."""
    return {
        "kind": keep(kind),
        "amount": keep(amount),
        "description": keep(description),
        "incurred_on": keep_date(on, "--date"),
        "billable": keep(claimed),
    }


def _cost_cells(c: Any) -> tuple[Any, ...]:
    status = (
        "" if c.billable else "not claimed",
        f"corrects #{c.corrects_id}" if c.corrects_id else "",
        "locked (petition " + ", ".join(map(str, c.petitions)) + ")" if c.petitions else "",
    )
    return (
        c.id,
        c.incurred_on,
        c.kind,
        c.amount,
        c.receipt_sha256[:12] if c.receipt_sha256 else "none",
        "; ".join(w for w in status if w),
        c.description,
    )


@cost_app.command("add")
def cost_add(
    matter: str = MATTER_ARG,
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    amount: str = typer.Option(..., "--amount", help="Dollars, e.g. 360.00."),
    description: str = typer.Option(..., "--description", "-d", help="What it paid for."),
    on: str | None = typer.Option(None, "--date", help="When it was paid (default today)."),
    receipt: Path | None = typer.Option(
        None, "--receipt", help="The receipt file: stored in the evidence vault by its hash."
    ),
    not_claimed: bool = typer.Option(False, "--not-claimed", help="Recorded but not claimed."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a cost, with its receipt kept in the evidence vault."""
    from casekit.services.fees import add_cost

    cost = add_cost(
        services(),
        matter,
        kind=kind,
        amount=amount,
        description=description,
        incurred_on=opt_date(on, "--date"),
        billable=not not_claimed,
        receipt=receipt,
    )
    lines = [f"cost {cost.id} added: {cost.amount} ({cost.kind}) on {cost.matter}"]
    if cost.receipt_sha256:
        lines.append(
            f"receipt stored as evidence #{cost.receipt_evidence_id}, sha256 {cost.receipt_sha256}"
        )
    done(cost.to_dict(), as_json, *lines)


@cost_app.command("list")
def cost_list(
    matter: str = MATTER_ARG,
    through: str | None = THROUGH_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's costs with their receipts' hashes."""
    from casekit.services.fees import list_costs

    listing(
        list_costs(services(), matter, through=opt_date(through, "--through")),
        as_json,
        ("id", "date", "kind", "amount", "receipt", "status", "description"),
        _cost_cells,
        empty="no costs",
    )


@cost_app.command("edit")
def cost_edit(
    cost_id: int = typer.Argument(..., help="Cost id (casekit cost list MATTER)."),
    kind: str | None = KIND_CHANGE,
    amount: str | None = AMOUNT_CHANGE,
    description: str | None = DESCRIPTION_CHANGE,
    on: str | None = DATE_CHANGE,
    receipt: Path | None = typer.Option(None, "--receipt", help="Attach the receipt file."),
    claimed: bool | None = CLAIMED_CHANGE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a cost no fee petition includes, or attach its receipt."""
    from casekit.services.fees import edit_cost

    changes = _changes(kind, amount, description, on, claimed)
    cost = edit_cost(services(), cost_id, receipt=keep(receipt), **changes)
    done(cost.to_dict(), as_json, f"cost {cost.id} saved")


@cost_app.command("remove")
def cost_remove(cost_id: int = typer.Argument(..., help="Cost id.")) -> None:
    """Delete a cost no fee petition includes (its receipt stays in the vault)."""
    from casekit.services.fees import remove_cost

    removed = remove_cost(services(), cost_id)
    typer.echo(f"cost {removed.id} removed ({removed.amount}, {removed.matter})")


@cost_app.command("correct")
def cost_correct(
    cost_id: int = typer.Argument(..., help="The locked cost to correct."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the new rows)."),
    drop: bool = DROP_OPTION,
    kind: str | None = KIND_CHANGE,
    amount: str | None = AMOUNT_CHANGE,
    description: str | None = DESCRIPTION_CHANGE,
    on: str | None = DATE_CHANGE,
    claimed: bool | None = CLAIMED_CHANGE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a cost a fee petition includes: a reversal plus a replacement."""
    from casekit.services.fees import correct_cost

    made = correct_cost(
        services(),
        cost_id,
        reason=reason,
        drop=drop,
        **_changes(kind, amount, description, on, claimed),
    )
    done(
        [c.to_dict() for c in made],
        as_json,
        *(
            f"cost {c.id} added: {'reversal' if c.cents < 0 else 'replacement'} of #{cost_id} "
            f"({c.amount})"
            for c in made
        ),
    )
