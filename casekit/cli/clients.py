"""``casekit client add|list|show`` and ``casekit conflicts NAME``.

``client add`` and ``matter add`` run the conflict check before they save anything: the
possible conflicts are printed, and on a terminal the user confirms; ``--yes`` saves without
asking (the hits are still printed); without a terminal and without ``--yes`` a hit refuses the
command in one line, so a script never saves past a conflict unnoticed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, app, command_group, emit_json
from casekit.cli.output import done, listing, note, print_fields
from casekit.errors import InvalidInput

client_app = command_group(
    "client", "Clients: record a person at intake, list them, show one record."
)

YES_OPTION = typer.Option(
    False, "--yes", "-y", help="Save even if the conflict check finds possible conflicts."
)


LIMIT_OPTION = typer.Option(None, "--limit", min=1, help="Show at most this many.")
OFFSET_OPTION = typer.Option(0, "--offset", min=0, help="Skip this many first.")


def interactive() -> bool:
    """Whether a person can answer a question (standard input is a terminal)."""
    return sys.stdin.isatty()


def print_conflicts(hits: Sequence[Any], *, err: bool = False) -> None:
    """The conflict check's hits as a table (on stderr with ``err``)."""
    width = max(len(h.name) for h in hits)
    typer.echo(f"possible conflicts ({len(hits)}):", err=err)
    for h in hits:
        typer.echo(
            f"  {h.score:.2f}  {h.where:<22} {h.matter or '-':<13} {h.name:<{width}}  ({h.reason})",
            err=err,
        )


def confirm_conflicts(hits: Sequence[Any], *, yes: bool) -> None:
    """Stop before saving when the conflict check found something nobody has looked at.

    Raises:
        InvalidInput: Hits, no terminal to ask on, and no ``--yes`` (nothing is saved).
        typer.Abort: The user answered no (nothing is saved).
    """
    if not hits:
        return

    if not yes and not interactive():
        raise InvalidInput(
            f"the conflict check found {len(hits)} possible conflict(s); nothing was saved: "
            "check them with casekit conflicts, then repeat with --yes to save anyway"
        )
    print_conflicts(hits, err=True)
    if not yes and not typer.confirm("Save anyway?", default=False, err=True):
        raise typer.Abort()


SENSITIVE_OPTION = typer.Option(
    False,
    "--include-sensitive",
    help="Also show date of birth, A-number and immigration status (left out by default).",
)


@client_app.command("add")
def client_add(
    name: str = typer.Option(..., "--name", help="Full legal name, as the client spells it."),
    preferred_name: str = typer.Option("", "--preferred-name", help="Name the client goes by."),
    language: str = typer.Option(
        "en", "--language", help="Preferred language, ISO 639-1 code: en, es, pt, ht, fr ..."
    ),
    phone: str = typer.Option("", "--phone", help="Phone number."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    address: str = typer.Option("", "--address", help="Postal address."),
    dob: str = typer.Option("", "--dob", help="Date of birth, YYYY-MM-DD (sensitive)."),
    safe_phone: bool = typer.Option(False, "--safe-phone", help="The phone is safe to contact."),
    safe_email: bool = typer.Option(False, "--safe-email", help="The e-mail is safe to contact."),
    safe_address: bool = typer.Option(False, "--safe-address", help="Mail to the address is safe."),
    a_number: str = typer.Option("", "--a-number", help="Alien registration number (sensitive)."),
    immigration_status: str = typer.Option(
        "", "--immigration-status", help="Immigration status (sensitive)."
    ),
    yes: bool = YES_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a new client (contact channels are NOT safe unless marked with --safe-*).

    The conflict check (name, sounds-alike names, phone, date of birth) runs first: possible
    conflicts are shown and must be confirmed (or --yes given) before anything is saved.
    """
    from casekit.services.clients import (
        ClientInput,
        add_client,
        client_values,
        refuse_duplicate_a_number,
    )
    from casekit.services.clients.conflicts import check_conflicts
    from casekit.services.setup import open_services

    svc = open_services()
    given = ClientInput(
        name=name,
        preferred_name=preferred_name,
        language=language,
        phone=phone,
        phone_safe=safe_phone,
        email=email,
        email_safe=safe_email,
        address=address,
        address_safe=safe_address,
        date_of_birth=dob or None,
        a_number=a_number,
        immigration_status=immigration_status,
    )
    # Every value is checked before the conflict check and the question.
    checked = client_values(svc.today(), given)
    refuse_duplicate_a_number(svc, checked["a_number"])
    confirm_conflicts(
        check_conflicts(
            svc,
            checked["name"],
            phone=checked["phone"],
            date_of_birth=checked["date_of_birth"],
        ),
        yes=yes,
    )
    client = add_client(svc, given)
    done(client.to_dict(), as_json, f"client {client.id} added")


@client_app.command("update")
def client_update(
    ref: str = typer.Argument(..., help="Client id, A-number or name."),
    name: str | None = typer.Option(None, "--name", help="Corrected full name."),
    preferred_name: str | None = typer.Option(
        None, "--preferred-name", help="The name the client goes by."
    ),
    language: str | None = typer.Option(None, "--language", help="ISO 639-1 code (es, pt ...)."),
    phone: str | None = typer.Option(None, "--phone", help='New phone ("" clears it).'),
    email: str | None = typer.Option(None, "--email", help='New e-mail ("" clears it).'),
    address: str | None = typer.Option(None, "--address", help='New address ("" clears it).'),
    safe_phone: bool | None = typer.Option(
        None, "--safe-phone/--unsafe-phone", help="Whether the phone is safe to use."
    ),
    safe_email: bool | None = typer.Option(
        None, "--safe-email/--unsafe-email", help="Whether the e-mail is safe to use."
    ),
    safe_address: bool | None = typer.Option(
        None, "--safe-address/--unsafe-address", help="Whether mail to the address is safe."
    ),
    dob: str | None = typer.Option(None, "--dob", help="Date of birth, YYYY-MM-DD (sensitive)."),
    a_number: str | None = typer.Option(None, "--a-number", help="A-number (sensitive)."),
    immigration_status: str | None = typer.Option(
        None, "--immigration-status", help="Immigration status (sensitive)."
    ),
    version: int | None = typer.Option(
        None,
        "--version",
        min=1,
        help="The version you read (client show --json): refuse if changed since.",
    ),
    yes: bool = typer.Option(False, "--yes", help="Mark a channel safe without asking."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a client's record (one transaction, audited). Marking a contact channel safe to
    use is asked for on a terminal (--yes in scripts); clearing a channel clears its flag."""
    from casekit.services.clients import ClientPatch, update_client
    from casekit.services.setup import open_services

    changes = ClientPatch(
        name=name,
        preferred_name=preferred_name,
        language=language,
        phone=phone,
        email=email,
        address=address,
        phone_safe=safe_phone,
        email_safe=safe_email,
        address_safe=safe_address,
        date_of_birth=dob,
        a_number=a_number,
        immigration_status=immigration_status,
    ).changes()
    if not changes:
        raise InvalidInput("nothing to change: give at least one option (see --help)")
    marking = [k.removesuffix("_safe") for k, v in changes.items() if k.endswith("_safe") and v]
    if marking and not yes:
        if not interactive():
            raise InvalidInput(
                f"marking the {' and '.join(marking)} safe to use needs --yes; nothing was saved"
            )
        if not typer.confirm(
            f"Mark the client's {' and '.join(marking)} SAFE to use for contact?", err=True
        ):
            raise typer.Exit(1)
    result = update_client(open_services(), ref, changes=changes, version=version)
    if as_json:
        emit_json(result.to_dict())
        return
    if not result.changed:
        typer.echo(f"client {result.client.id}: nothing changed")
        return
    typer.echo(f"client {result.client.id} updated: {', '.join(result.changed)}")
    for channel, safe in result.safe_changes:
        typer.echo(
            f"  {channel.upper()} IS NOW {'SAFE' if safe else 'NOT SAFE'} TO USE FOR CONTACT",
            err=True,
        )


@client_app.command("list")
def client_list(
    limit: int | None = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List clients by name with their matters (no sensitive fields)."""
    from casekit.services.clients import list_clients
    from casekit.services.setup import open_services

    listing(
        list_clients(open_services(), limit=limit, offset=offset),
        as_json,
        ("id", "name", "language", "matters"),
        lambda c: (c.id, c.name, c.preferred_language, c.matters),
        empty="no clients yet (casekit client add --name ...)",
    )


@client_app.command("show")
def client_show(
    client: str = typer.Argument(..., help="Client id, or the exact name (any case or accents)."),
    include_sensitive: bool = SENSITIVE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one client's record and matters."""
    from casekit.services.clients import show_client
    from casekit.services.setup import open_services

    found = show_client(open_services(), client, include_sensitive=include_sensitive)
    if as_json:
        emit_json(found.to_dict())
        return

    def channel(value: str, safe: bool) -> str:
        return f"{value}  ({'safe' if safe else 'NOT safe'} to contact)" if value else ""

    print_fields(
        [
            ("id", found.id),
            ("name", found.name),
            ("preferred name", found.preferred_name),
            ("language", found.preferred_language),
            ("phone", channel(found.phone, found.phone_safe)),
            ("e-mail", channel(found.email, found.email_safe)),
            ("address", channel(found.address, found.address_safe)),
            ("matters", found.matters or "none"),
        ]
        + (
            [
                ("date of birth", found.date_of_birth),
                ("A-number", found.a_number),
                ("immigration status", found.immigration_status),
            ]
            if include_sensitive
            else []
        )
    )


@app.command("conflicts")
def conflicts(
    name: str = typer.Argument(
        "", help="The name to check (a person, an officer, an agency).", show_default=False
    ),
    phone: str = typer.Option("", "--phone", help="Also find clients with this phone number."),
    dob: str = typer.Option(
        "", "--dob", help="Also find clients born this day (YYYY-MM-DD) sharing part of the name."
    ),
    limit: int = typer.Option(100, "--limit", min=1, help="Show at most this many hits."),
    log: str = typer.Option(
        "",
        "--log",
        metavar="MATTER",
        help="Instead of a check: the conflict checks recorded when MATTER was opened "
        "(what was checked, the hits, the decision, who cleared them and why).",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Conflict check: clients, parties and agencies whose name may be NAME.

    Ignores case, accents, punctuation and word order, tolerates typing mistakes and finds names
    that sound alike ("Muhammad" and "Mohammed"); with --phone and --dob, also the clients with
    that phone number, or born that day with part of the name. With --log MATTER, the matter's
    conflict log instead.
    """
    from casekit.services.clients.conflicts import check_conflicts
    from casekit.services.setup import open_services

    if log.strip():
        if name.strip() or phone or dob:
            raise InvalidInput("give either a NAME to check or --log MATTER, not both")
        _conflict_log(log.strip(), as_json=as_json)
        return
    if not name.strip():
        raise InvalidInput("give a NAME to check (or --log MATTER for a matter's conflict log)")
    svc = open_services()
    hits = check_conflicts(svc, name, limit=limit, phone=phone, date_of_birth=dob)
    from casekit.services.office import hidden_matters

    hidden = hidden_matters(svc)
    if hidden:
        note(
            f"{hidden} restricted matter(s) are behind an ethical wall you are outside of and "
            "were not checked: ask someone on their team (or the database owner) to check too"
        )
    listing(
        hits,
        as_json,
        ("score", "where", "matter", "name", "matched", "why"),
        lambda h: (f"{h.score:.2f}", h.where, h.matter or "", h.name, h.matched, h.reason),
        empty="no possible conflicts found",
    )


def _conflict_log(matter: str, *, as_json: bool) -> None:
    """``casekit conflicts --log MATTER``: the matter's recorded conflict checks."""
    from casekit.services.clients.conflict_log import conflict_log
    from casekit.services.setup import open_services

    entries = conflict_log(open_services(), matter)
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return
    if not entries:
        typer.echo("no conflict check recorded for this matter")
        return
    for e in entries:
        compared = ", ".join(
            ["name"] + (["phone"] if e.by_phone else []) + (["date of birth"] if e.by_birth else [])
        )
        typer.echo(f"{e.at:%Y-%m-%d %H:%M}  checked by {e.checked_by}: {e.name} ({compared})")
        typer.echo(f"  decision: {e.decision_text}")
        if e.cleared_by:
            typer.echo(f"  cleared by {e.cleared_by}: {e.note}")
        elif e.note:
            typer.echo(f"  note: {e.note}")
        if e.hits:
            print_conflicts(e.hits)
        else:
            typer.echo("  no possible conflicts found")
