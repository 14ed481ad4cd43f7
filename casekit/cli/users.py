"""``casekit users …``, ``casekit matter restrict|unrestrict`` and ``casekit files sweep``.

Users and walls are PostgreSQL features (:mod:`casekit.services.office`); on SQLite each command
says so in one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from casekit.cli.base import JSON_OPTION, command_group, emit_json
from casekit.cli.matters import matter_app
from casekit.cli.output import done, note, print_fields, print_table
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.services.base import AppContext

users_app = command_group(
    "users", "The office's people (PostgreSQL roles): admin, attorney, paralegal, readonly."
)
files_app = command_group("files", "The files folder (CASEKIT_FILES).")


ROLE_ARG = typer.Argument(..., help="A role (a person's login, or a group).")
GROUP_ARG = typer.Argument(None, help="admin, attorney, paralegal or readonly.")
RESTRICTED_MATTER_ARG = typer.Argument(..., help="The matter, e.g. TA-2026-0001.")


def _services() -> AppContext:
    from casekit.services.setup import open_services  # start-up: the CLI loads services lazily

    return open_services()


@users_app.command("setup")
def users_setup(
    prefix: str | None = typer.Option(
        None, "--prefix", help="Role-name prefix (default: ck_<database name>_)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create the group roles and grant their privileges (as the database owner)."""
    from casekit.services.office import setup_office

    result = setup_office(_services(), prefix=prefix)
    if as_json:
        emit_json(result.to_dict())
        return
    print_fields(
        [
            ("role prefix", result.prefix),
            ("groups", ", ".join(result.groups.values())),
            ("created", ", ".join(result.created) or "none (they existed)"),
            ("walled tables", result.walled_tables),
        ]
    )


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="The person's database login (e.g. maria_lopez)."),
    group: str = typer.Option(..., "--group", help="admin, attorney, paralegal or readonly."),
    password: bool = typer.Option(
        False,
        "--password",
        help="Ask for a password (sent as a SCRAM verifier, never in clear).",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Create a login role for a person in one group (as the database owner)."""
    from casekit.services.office import add_user

    secret = None
    if password:
        secret = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    added = add_user(_services(), name, group, password=secret)
    done(added.to_dict(), as_json, f"user {added.name} added to {', '.join(added.groups)}")


def _grant_or_revoke(name: str, group: str | None, matter: str | None, *, grant: bool) -> None:
    from casekit.services import office as users

    if (group is None) == (matter is None):
        raise InvalidInput("give either a GROUP or --matter NUMBER")
    svc = _services()
    if matter is not None:
        wall = users.set_team_member(svc, matter, name, member=grant)
        typer.echo(f"{wall.matter} team: {', '.join(wall.team)}")
        return
    if group is None:  # checked above: exactly one of GROUP and --matter
        raise InvalidInput("give either a GROUP or --matter NUMBER")
    out = users.set_group(svc, name, group, member=grant)
    typer.echo(f"{out.name}: {', '.join(out.groups) or 'in no casekit group'}")


@users_app.command("grant")
def users_grant(
    name: str = ROLE_ARG,
    group: str | None = GROUP_ARG,
    matter: str | None = typer.Option(
        None, "--matter", help="Add NAME to this restricted matter's team instead."
    ),
) -> None:
    """Put a role in a group, or on a restricted matter's team (--matter)."""
    _grant_or_revoke(name, group, matter, grant=True)


@users_app.command("revoke")
def users_revoke(
    name: str = ROLE_ARG,
    group: str | None = GROUP_ARG,
    matter: str | None = typer.Option(
        None, "--matter", help="Take NAME off this restricted matter's team instead."
    ),
) -> None:
    """Take a role out of a group, or off a restricted matter's team (--matter)."""
    _grant_or_revoke(name, group, matter, grant=False)


@users_app.command("list")
def users_list(as_json: bool = JSON_OPTION) -> None:
    """The roles in casekit's groups, and the restricted matters (walls) you can see."""
    from casekit.services.office import list_office

    office = list_office(_services())
    if as_json:
        emit_json(office.to_dict())
        return
    mine = ", ".join(office.my_groups) or "no casekit group"
    typer.echo(f"you are {office.me} ({'database owner' if office.owner else mine})")
    if not office.prefix:
        typer.echo("the office's roles are not set up yet (casekit users setup)")
        return
    print_table(
        ("user", "login", "groups"),
        ((u.name, u.login, ", ".join(u.groups)) for u in office.users),
        empty="no users yet (casekit users add NAME --group attorney)",
    )
    if office.walls:
        typer.echo("")
        print_table(
            ("restricted matter", "team"), ((w.matter, ", ".join(w.team)) for w in office.walls)
        )
    if office.hidden_matters:
        note(f"{office.hidden_matters} restricted matter(s) are walled off from you")


@matter_app.command("restrict")
def matter_restrict(
    number: str = RESTRICTED_MATTER_ARG,
    team: list[str] = typer.Option(
        ..., "--team", help="Roles that may see it: people's logins or groups (comma-separated)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Put a matter behind an ethical wall: only its team sees it and everything in it."""
    from casekit.services.office import restrict_matter

    wall = restrict_matter(_services(), number, team)
    done(wall.to_dict(), as_json, f"{wall.matter} is restricted to: {', '.join(wall.team)}")


@matter_app.command("unrestrict")
def matter_unrestrict(
    number: str = RESTRICTED_MATTER_ARG,
) -> None:
    """Lift a matter's ethical wall."""
    from casekit.services.office import unrestrict_matter

    wall = unrestrict_matter(_services(), number)
    typer.echo(f"{wall.matter} is no longer restricted")


@files_app.command("sweep")
def files_sweep(as_json: bool = JSON_OPTION) -> None:
    """Remove temporary files crashes left (and, as the owner, files no row refers to)."""
    from casekit.services.documents.files import full_sweep

    result = full_sweep(_services())
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(
        f"removed {result.temporary} temporary file(s), {result.orphan_documents} orphan "
        f"document(s), {result.orphan_evidence} orphan evidence cop(ies) (older than an hour)"
    )
    if result.note:
        note(result.note)
