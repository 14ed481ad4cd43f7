"""``casekit key init|status|rotate|export-escrow|import-escrow`` and ``casekit audit
verify|list``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, command_group, emit_json, fail
from casekit.cli.output import done, print_fields, print_table
from casekit.errors import InvalidInput

key_app = command_group(
    "key", "The encryption key of the sensitive client fields: create, check, rotate, escrow."
)
audit_app = command_group("audit", "The audit log: check its chain, read it.")

PASSPHRASE_FILE = typer.Option(
    None,
    "--passphrase-file",
    help="Read the escrow passphrase from this file's first line (default: "
    "CASEKIT_ESCROW_PASSPHRASE, else a prompt).",
)


def _plain_services() -> object:
    """The app context without the key check (these commands exist to fix a missing key)."""
    from casekit.services.base import build_app_context

    return build_app_context()


def _passphrase(source: Path | None, *, confirm: bool) -> str:
    from casekit.services.office import passphrase_from_environment

    if source is not None:
        try:
            lines = source.expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise InvalidInput("the passphrase file cannot be read") from None
        return lines[0] if lines else ""
    from_env = passphrase_from_environment()
    if from_env is not None:
        return from_env
    return str(typer.prompt("Escrow passphrase", hide_input=True, confirmation_prompt=confirm))


def _escrow(
    run: Callable[[Any, Path, str], Any],
    path: Path,
    passphrase_file: Path | None,
    *,
    confirm: bool,
    as_json: bool,
) -> Any:
    """Export or import an escrow copy (``run``) with the passphrase asked for; its result, or
    None once it was printed as JSON."""
    result = run(_plain_services(), path, _passphrase(passphrase_file, confirm=confirm))
    if as_json:
        emit_json(result.to_dict())
        return None
    return result


@key_app.command("init")
def key_init(as_json: bool = JSON_OPTION) -> None:
    """Create your encryption key (never overwrites one; refused if the database has a key)."""
    from casekit.services.office import init_key

    result = init_key(_plain_services())  # type: ignore[arg-type]
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(f"key {result.key_id} created at {result.location}")
    if result.registered:
        typer.echo("the database now uses this key")
    typer.echo("back it up now: casekit key export-escrow FILE")


@key_app.command("status")
def key_status(as_json: bool = JSON_OPTION) -> None:
    """Where your key is and whether it is this database's key (never shows a key)."""
    from casekit.services.office import key_status as run_status

    status = run_status(_plain_services())  # type: ignore[arg-type]
    if as_json:
        emit_json(status.to_dict())
    else:
        print_fields(
            [
                ("key location", status.location),
                ("your keys", ", ".join(status.local_keys) or "none"),
                ("database keys", ", ".join(status.database_keys) or "none"),
                ("database current key", status.database_current),
                ("state", status.state),
            ]
        )
    if status.state in ("missing", "mismatch"):
        raise typer.Exit(1)


@key_app.command("rotate")
def key_rotate(as_json: bool = JSON_OPTION) -> None:
    """New key: re-encrypt every protected value in one transaction; the old key is retired
    (kept to read older backups and the audit history)."""
    from casekit.services.office import rotate_key
    from casekit.services.setup import open_services

    result = rotate_key(open_services())
    done(
        result.to_dict(),
        as_json,
        f"key rotated: {result.old_key_id} -> {result.new_key_id}, {result.values} values "
        f"re-encrypted; the key ring at {result.location} keeps the old key as retired",
        "make a new escrow copy: casekit key export-escrow FILE",
    )


@key_app.command("export-escrow")
def key_export_escrow(
    path: Path = typer.Argument(..., help="The escrow file to create (never overwritten)."),
    passphrase_file: Path | None = PASSPHRASE_FILE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Write every key you hold, sealed with a passphrase (scrypt), for safekeeping."""
    from casekit.services.office import export_escrow

    result = _escrow(export_escrow, path, passphrase_file, confirm=True, as_json=as_json)
    if result is None:
        return
    typer.echo(f"escrow copy of key(s) {', '.join(result.key_ids)} written to {result.path}")
    typer.echo("keep it apart from the backups, and the passphrase apart from both")


@key_app.command("import-escrow")
def key_import_escrow(
    path: Path = typer.Argument(..., help="An escrow file made by casekit key export-escrow."),
    passphrase_file: Path | None = PASSPHRASE_FILE,
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore keys from an escrow copy into your key location (existing keys are kept)."""
    from casekit.services.office import import_escrow

    result = _escrow(import_escrow, path, passphrase_file, confirm=False, as_json=as_json)
    if result is None:
        return
    added = ", ".join(result.added) or "none (you had them all)"
    typer.echo(f"keys restored to {result.location}: {added}")


# --- the audit log -------------------------------------------------------------------------------


@audit_app.command("verify")
def audit_verify(as_json: bool = JSON_OPTION) -> None:
    """Check the audit log's hash chain; exit status 1 names the first bad event's id."""
    from casekit.services.office import verify_log
    from casekit.services.setup import open_services

    report = verify_log(open_services())
    if as_json:
        emit_json(report.to_dict())
        if not report.ok:
            raise typer.Exit(1)
        return
    if not report.ok:
        fail(
            f"the audit log is broken at event {report.first_bad_id}: {report.problem} "
            f"({report.events} events before it are intact)",
            1,
        )
    typer.echo(
        f"audit log intact: {report.events} events, head {report.head_seq} {report.head_hash}"
    )


@audit_app.command("list")
def audit_list(
    matter: str | None = typer.Option(None, "--matter", help="Only this matter's events."),
    entity: str | None = typer.Option(None, "--entity", help="Only this table (client, note...)."),
    entity_id: int | None = typer.Option(
        None, "--id", min=1, help="Only this record (with --entity)."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=10_000, help="Show at most this many."),
    include_sensitive: bool = typer.Option(
        False,
        "--include-sensitive",
        help="Decrypt the names, contact details and texts the log keeps encrypted.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Who changed what and when, newest first (values of sensitive fields are never kept)."""
    from casekit.services.office import list_events
    from casekit.services.setup import open_services

    entries = list_events(
        open_services(),
        matter=matter,
        entity=entity,
        entity_id=entity_id,
        limit=limit,
        include_sensitive=include_sensitive,
    )
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return

    def summary(changes: dict[str, dict[str, object]]) -> str:
        if not include_sensitive:
            return ", ".join(sorted(changes))
        return "; ".join(
            f"{name}: {change.get('before')!r} -> {change.get('after')!r}"
            for name, change in sorted(changes.items())
        )

    print_table(
        ("id", "at (UTC)", "actor", "identity", "action", "record", "fields"),
        (
            (
                e.id,
                e.at,
                e.actor,
                e.identity,
                e.action,
                f"{e.entity} {e.entity_id or ''}".strip(),
                summary(e.changes),
            )
            for e in entries
        ),
        empty="no events",
    )
