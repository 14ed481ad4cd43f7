"""Opening the TUI (bare ``casekit``) and the office's housekeeping commands.

``init``, ``db upgrade``, ``demo``, ``backup``, ``restore``, ``settings`` and ``attorney``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from casekit.cli.base import JSON_OPTION, app, command_group, emit_json
from casekit.cli.output import done, listing, print_fields, print_table
from casekit.errors import InvalidInput


@app.callback(invoke_without_command=True)
def root(ctx: typer.Context) -> None:
    """Open the terminal UI when no command is given."""
    if ctx.invoked_subcommand is None:
        from casekit.services.setup import open_services
        from casekit.tui.launch import run_tui

        run_tui(services=open_services())  # a first run on SQLite creates the database


# --- setting up -------------------------------------------------------------------------------

db_app = command_group("db", "The database: apply schema migrations.")


@app.command("init")
def init(as_json: bool = JSON_OPTION) -> None:
    """Create CASEKIT_HOME (owner-only, with documents/ and evidence/) and the database."""
    from casekit.services.base import build_app_context
    from casekit.services.setup import init_home

    status = init_home(build_app_context())
    if as_json:
        emit_json(status.to_dict())
        return
    print_fields(
        [
            ("casekit home", status.home),
            ("database", f"{status.database} {status.location}"),
            ("schema revision", status.revision),
            ("encryption key", status.encryption_key),
        ]
    )


@db_app.command("upgrade")
def db_upgrade(as_json: bool = JSON_OPTION) -> None:
    """Apply every pending migration (safe to repeat); prints the schema revision."""
    from casekit.services.base import build_app_context
    from casekit.services.setup import upgrade_database

    status = upgrade_database(build_app_context())
    if as_json:
        emit_json(status.to_dict())
        return
    state = "upgraded to" if status.upgraded else "already at"
    typer.echo(f"database {state} revision {status.revision}")
    if status.walled_tables:
        typer.echo(f"ethical wall (row-level security) on {status.walled_tables} tables")
    if status.outside_files_root:
        typer.echo(
            f"{status.outside_files_root} document path(s) are outside the files folder "
            "(CASEKIT_FILES) and stay absolute; casekit documents list shows whether each "
            "file is found"
        )


# --- demo ---------------------------------------------------------------------------------------


@app.command("demo")
def demo(
    matters: int = typer.Option(200, "--matters", help="How many fictional matters to create."),
    seed: int = typer.Option(7, "--seed", help="Random seed: the same seed gives the same data."),
    no_tui: bool = typer.Option(False, "--no-tui", help="Print a summary instead of the UI."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Fill CASEKIT_HOME with fictional demo matters and open the terminal UI on them.

    Refuses a database that holds real clients or matters. Try it in its own folder:
    CASEKIT_HOME=./try-casekit casekit demo
    """
    from casekit.services.demo import run_demo
    from casekit.services.setup import open_services

    svc = open_services()
    summary = run_demo(svc, matters=matters, seed=seed)
    if not no_tui and not as_json:
        from casekit.tui.launch import run_tui

        run_tui(demo=True, services=svc)
        return
    if as_json:
        emit_json(summary.to_dict())
        return
    if summary.resumed:
        typer.echo("the last demo run was interrupted; it has been finished now")
    elif not summary.created:
        typer.echo("the demo database was already filled; nothing was added")
    print_fields(
        [
            ("matters", summary.matters),
            ("clients", summary.clients),
            ("deadlines", summary.deadlines),
            ("CASEKIT_HOME", summary.home),
            ("seconds", summary.seconds if summary.created else None),
        ]
    )


# --- backup and restore -------------------------------------------------------------------------


@app.command("backup")
def backup(
    output: Path | None = typer.Option(
        None,
        "--output",
        help="Archive to write (default: CASEKIT_HOME/backups/casekit-backup-<UTC time>.tar.gz).",
    ),
    keep: int | None = typer.Option(
        None,
        "--keep",
        help="Then keep only the N newest casekit-backup-*.tar.gz in that folder.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write one verifiable archive: database, documents, evidence, templates, rules, config."""
    from casekit.services.office import backup as run_backup
    from casekit.services.setup import open_services

    result = run_backup(open_services(), output=output, keep=keep)
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(f"backup written: {result.path} ({result.files} files, {result.bytes} bytes)")
    if result.pruned:
        typer.echo(f"removed {len(result.pruned)} older backup(s) (--keep {keep})")


@app.command("restore")
def restore(
    archive: Path | None = typer.Argument(None, help="A .tar.gz made by casekit backup."),
    force: bool = typer.Option(
        False, "--force", help="Replace the existing data (kept under backups/replaced-*/)."
    ),
    resume: bool = typer.Option(False, "--resume", help="Finish an interrupted restore."),
    rollback: bool = typer.Option(
        False, "--rollback", help="Undo an interrupted restore: the previous data comes back."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore a backup into CASEKIT_HOME, the files folder and the database.

    Every file's SHA-256 is checked before anything is touched; a PostgreSQL database must be
    empty (or --force). An interrupted restore blocks every command until --resume or
    --rollback.
    """
    from casekit.services import office as service
    from casekit.services.base import build_app_context

    if resume and rollback:
        raise InvalidInput("give either --resume or --rollback, not both")
    # No schema check first: that would create an empty database where the backup goes.
    svc = build_app_context()
    if resume or rollback:
        if archive is not None:
            raise InvalidInput("--resume and --rollback take no archive (the marker names it)")
        result = service.resume_restore(svc) if resume else service.rollback_restore(svc)
    else:
        if archive is None:
            raise InvalidInput("name the backup file to restore (or --resume / --rollback)")
        result = service.restore(svc, archive, force=force)
    if as_json:
        emit_json(result.to_dict())
        return
    if rollback:
        typer.echo("the interrupted restore was rolled back; the previous data is in place")
    else:
        typer.echo(
            f"restored {result.files} files into {result.home} (backup of {result.created_at})"
        )
    if result.replaced:
        typer.echo(f"the data it replaced is in {result.replaced}")
    for note in result.notes:
        if not rollback:
            typer.echo(note)


# --- settings and attorneys ---------------------------------------------------------------------

settings_app = command_group(
    "settings", "Firm settings: name, address, juris number, e-mail server."
)
attorney_app = command_group("attorney", "The office's attorneys.")


@settings_app.command("set")
def settings_set(
    key: str = typer.Argument(
        ..., help="firm.name, firm.address, firm.juris_number, smtp.host ..."
    ),
    value: str = typer.Argument(..., help="The new value."),
) -> None:
    """Set one firm setting (unknown keys are refused with the list of known ones)."""
    from casekit.services.office import set_setting
    from casekit.services.setup import open_services

    stored = set_setting(open_services(), key, value)
    typer.echo(f"{stored['key']} = {stored['value']}")


@settings_app.command("show")
def settings_show(as_json: bool = JSON_OPTION) -> None:
    """Show every firm setting (empty ones too)."""
    from casekit.services.office import show_settings
    from casekit.services.setup import open_services

    values = show_settings(open_services())
    if as_json:
        emit_json(values)
        return
    print_table(("setting", "value"), values.items())


@attorney_app.command("add")
def attorney_add(
    name: str = typer.Option(..., "--name", help="Full name as it appears on court papers."),
    juris: str = typer.Option(..., "--juris", help="Connecticut juris number."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    phone: str = typer.Option("", "--phone", help="Direct phone number."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add an attorney (to assign matters and sign documents)."""
    from casekit.services.office import add_attorney
    from casekit.services.setup import open_services

    added = add_attorney(open_services(), name=name, juris=juris, email=email, phone=phone)
    done(added.to_dict(), as_json, f"attorney {added.id} added: {added.name}")


@attorney_app.command("list")
def attorney_list(as_json: bool = JSON_OPTION) -> None:
    """List the office's attorneys."""
    from casekit.services.office import list_attorneys
    from casekit.services.setup import open_services

    listing(
        list_attorneys(open_services()),
        as_json,
        ("id", "name", "juris", "e-mail", "phone", "active"),
        lambda a: (a.id, a.name, a.juris_number, a.email, a.phone, a.active),
        empty="no attorneys yet (casekit attorney add --name ... --juris ...)",
    )
