"""``casekit party add|list|remove``."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import (
    IF_VERSION_OPTION,
    JSON_OPTION,
    MATTER_ARG,
    command_group,
    emit_json,
    services,
)
from casekit.cli.deadlines import _print_diff
from casekit.cli.output import listing, print_fields

party_app = command_group(
    "party",
    "Parties: defendants from the agency and town registries, plaintiffs, witnesses, "
    "opposing counsel.",
)


def _recompute(diff: Any) -> None:
    """A defendant changed which deadlines apply: show the preview (nothing moved yet)."""

    if diff is None:
        return
    _print_diff(diff)
    if diff.has_changes:
        typer.echo(
            f"deadlines not moved yet; to accept: casekit deadlines recompute {diff.matter} --apply"
        )


@party_app.command("add")
def party_add(
    matter: str = MATTER_ARG,
    role: str = typer.Option(
        ..., "--role", help="defendant, plaintiff, witness or opposing_counsel."
    ),
    agency: str | None = typer.Option(
        None,
        "--agency",
        help="Defendant: the agency whose conduct is sued over; the entity that answers for it "
        "is suggested (town or city, State, employer). See casekit agencies.",
    ),
    town: str | None = typer.Option(
        None, "--town", help="Defendant: the town or city itself, served on its clerk."
    ),
    name: str | None = typer.Option(
        None,
        "--name",
        help="A person: plaintiff, witness, opposing counsel, or an officer (with --agency).",
    ),
    capacity: str = typer.Option(
        "",
        "--capacity",
        help="Defendant: official (the entity; default) or individual (an officer, needs --name).",
    ),
    service_address: str = typer.Option(
        "", "--service-address", help="Where to serve, replacing the suggested address."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a party; a defendant prints the deadline recompute it causes (nothing moves yet)."""
    from casekit.services.casefile import add_party

    party = add_party(
        services(),
        matter,
        role=role,
        name=name,
        agency=agency,
        town=town,
        capacity=capacity,
        service_address=service_address,
    )
    if as_json:
        emit_json(party.to_dict())
        return
    typer.echo(f"party {party.id} added to {party.matter}: {party.role.replace('_', ' ')}")
    print_fields(
        [
            ("name", party.name),
            ("kind", party.kind),
            ("capacity", party.capacity),
            ("agency", party.agency),
            (
                "serve on",
                party.service_address + (f"  [{party.citation}]" if party.citation else ""),
            ),
        ]
    )
    _recompute(party.recompute)


@party_app.command("list")
def party_list(
    matter: str = MATTER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's parties: defendants first, with capacity and where to serve them."""
    from casekit.services.casefile import list_parties

    listing(
        list_parties(services(), matter),
        as_json,
        ("id", "role", "name", "kind", "capacity", "serve on"),
        lambda p: (p.id, p.role, p.name, p.kind, p.capacity, p.service_address),
        empty="no parties",
    )


@party_app.command("remove")
def party_remove(
    party_id: int = typer.Argument(..., help="Party id (see casekit party list)."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove a party; a defendant prints the deadline recompute it causes (nothing moves yet)."""
    from casekit.services.casefile import remove_party

    party = remove_party(services(), party_id, version=if_version)
    if as_json:
        emit_json(party.to_dict())
        return
    typer.echo(f"party {party.id} removed from {party.matter}")
    _recompute(party.recompute)
