"""casekit evidence ... and casekit records ...: the evidence vault and records requests.

Thin commands over :mod:`casekit.services.evidence` and :mod:`casekit.services.records`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, MATTER_ARG, command_group, emit_json, parse_date, services

evidence_app = command_group(
    "evidence",
    "The evidence vault: add files with SHA-256 hashes, verify them, keep the chain of custody.",
)
records_app = command_group(
    "records",
    "Records (FOI) requests to agencies, with their § 1-206 response and appeal deadlines.",
)


MATTER_NUMBER_ARG = typer.Argument(..., help="Matter number.")
EVIDENCE_ID_ARG = typer.Argument(..., metavar="ID", help="Evidence item id.")


def _opt_date(text: str | None, what: str) -> Any:
    return None if text is None else parse_date(text, what)


# --- evidence -------------------------------------------------------------------------------


@evidence_app.command("add")
def evidence_add(
    matter: str = MATTER_ARG,
    file: Path = typer.Argument(..., help="The file to add (copied into the vault, read-only)."),
    kind: str = typer.Option(
        ...,
        "--kind",
        help="detainer, administrative-warrant, "
        "judicial-warrant, booking-record, release-log, communication, "
        "video, foi-response, witness-statement, conviction-record, receipt, other.",
    ),
    incident: int | None = typer.Option(None, "--incident", help="Incident id on the matter."),
    proves: list[str] = typer.Option(
        [],
        "--proves",
        help="Element the item helps prove: V1..V8 or no-E1, no-E2, no-E3 "
        "(absence of an exception). Repeat for several.",
    ),
    source: str = typer.Option("", "--source", help="Where the item came from."),
    obtained: str | None = typer.Option(None, "--obtained", help="Date obtained (YYYY-MM-DD)."),
    description: str = typer.Option("", "--description", help="What the item is."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a file to the vault: hash it, store a read-only copy and start its custody log."""
    from casekit.services.evidence import add_evidence

    obtained_on = _opt_date(obtained, "obtained date")
    result = add_evidence(
        services(),
        matter,
        file,
        kind=kind,
        incident_id=incident,
        proves=proves,
        source=source,
        obtained_on=obtained_on,
        description=description,
    )
    if as_json:
        emit_json(result.to_dict())
        return
    note = (
        f" (same content as #{result.duplicate_of}: linked, not stored twice)"
        if (result.duplicate_of is not None)
        else ""
    )
    typer.echo(f"evidence #{result.id} sha256 {result.sha256}{note}")


@evidence_app.command("list")
def evidence_list(
    matter: str = MATTER_NUMBER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """List a matter's evidence items."""
    from casekit.services.evidence import list_evidence

    items = list_evidence(services(), matter)
    if as_json:
        emit_json([i.to_dict() for i in items])
        return
    if not items:
        typer.echo("no evidence recorded")
    for i in items:
        obtained = i.obtained_on.isoformat() if i.obtained_on else "-"
        proves = " ".join(i.proves) or "-"
        typer.echo(f"#{i.id}  {i.kind:<22} {obtained}  {i.sha256[:12]}  proves: {proves}")


@evidence_app.command("log")
def evidence_log(
    evidence_id: int = EVIDENCE_ID_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show an item's chain of custody (times in Connecticut time)."""
    from casekit.services.evidence import custody_log

    entries = custody_log(services(), evidence_id)
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return
    for e in entries:
        where = " -> ".join(x for x in (e.from_location, e.to_location) if x)
        typer.echo(f"{e.at:%Y-%m-%d %H:%M:%S %Z}  {e.actor:<12} {e.action:<9} {e.detail}  {where}")


@evidence_app.command("view")
def evidence_view(
    evidence_id: int = EVIDENCE_ID_ARG,
    purpose: str = typer.Option("", "--purpose", help="Why it is opened (kept in the log)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print the path of an item's read-only stored copy, and log the view."""
    from casekit.services.evidence import view_evidence

    path = view_evidence(services(), evidence_id, purpose=purpose)
    if as_json:
        emit_json({"id": evidence_id, "path": str(path)})
    else:
        typer.echo(str(path))


@evidence_app.command("verify")
def evidence_verify(
    matter: str | None = typer.Argument(None, help="Matter number (default: every item)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Re-hash stored copies and compare with the audit chain: ok, modified, missing or
    tampered (the file and its recorded hash changed together). Exit status 1 if any is not ok."""
    from casekit.services.evidence import verify_evidence

    results = verify_evidence(services(), matter)
    if as_json:
        emit_json([r.to_dict() for r in results])
    else:
        if not results:
            typer.echo("no evidence to verify")
        for r in results:
            typer.echo(f"#{r.id}  {r.matter}  {r.status}")
    bad = sum(1 for r in results if not r.ok)
    if bad:
        typer.echo(f"error: {bad} evidence item(s) failed verification", err=True)
        raise typer.Exit(1)


@evidence_app.command("elements")
def evidence_elements(
    matter: str = MATTER_NUMBER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """Which elements (violations, absent exceptions) the evidence supports, and which not yet."""
    from casekit.services.evidence import element_map

    result = element_map(services(), matter)
    if as_json:
        emit_json(result.to_dict())
        return
    for e in result.elements:
        if e.supported:
            ids = ", ".join(f"#{i}" for i in e.evidence_ids)
            typer.echo(f"[x] {e.short:<7} {e.title}  (evidence {ids})")
        else:
            hint = ", ".join(e.typical_kinds)
            typer.echo(f"[ ] {e.short:<7} {e.title}  (no evidence yet; typically: {hint})")
        if e.note:
            typer.echo(f"          note: {e.note}")
    if result.unrecorded:
        extra = ", ".join(result.unrecorded)
        typer.echo(f"evidence proves violations no incident records: {extra}")


@evidence_app.command("export")
def evidence_export(
    matter: str = MATTER_NUMBER_ARG,
    directory: Path = typer.Argument(..., metavar="DIR", help="A new or empty folder."),
    include_sensitive: bool = typer.Option(
        False,
        "--include-sensitive",
        help="Include the client's date of birth, A-number and immigration status in the manifest.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Copy a matter's items (owner-only) to DIR with a manifest.csv."""
    from casekit.services.evidence import export_evidence

    result = export_evidence(services(), matter, directory, include_sensitive=include_sensitive)
    if as_json:
        emit_json(result.to_dict())
    else:
        typer.echo(f"exported {result.items} item(s) with manifest.csv")


# --- records requests -----------------------------------------------------------------------


def _print_requests(items: list[Any]) -> None:
    if not items:
        typer.echo("no records requests")
    for r in items:
        dates = "  ".join(
            f"{label} {value.isoformat()}"
            for label, value in (
                ("sent", r.sent_on),
                ("received", r.received_on),
                ("response", r.response_on),
                ("denial", r.denial_on),
            )
            if value is not None
        )
        typer.echo(f"#{r.id}  {r.matter}  {r.agency}  {r.status}  {dates}".rstrip())
        for d in r.deadlines:
            mark = " [verify]" if d.verify else ""
            typer.echo(
                f"      {d.rule_id}: due {d.due.isoformat()} (safe target "
                f"{d.safe_target.isoformat()}) {d.status}{mark}  {d.citation}"
            )


@records_app.command("list")
def records_list(
    matter: str | None = typer.Argument(None, help="Matter number (default: every matter)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List records requests with their deadlines."""
    from casekit.services.records import list_records_requests

    items = list_records_requests(services(), matter)
    if as_json:
        emit_json([r.to_dict() for r in items])
    else:
        _print_requests(items)


@records_app.command("add")
def records_add(
    matter: str = MATTER_NUMBER_ARG,
    agency: str = typer.Option(
        ..., "--agency", help="Agency name, e.g. 'Hartford Police Department'."
    ),
    sent: str | None = typer.Option(None, "--sent", help="Date sent (YYYY-MM-DD)."),
    description: str = typer.Option("", "--description", help="What records were asked for."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a records (FOI) request to an agency."""
    from casekit.services.records import create_records_request

    result = create_records_request(
        services(), matter, agency, sent_on=_opt_date(sent, "sent date"), description=description
    )
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_requests([result])


@records_app.command("update")
def records_update(
    request_id: int = typer.Argument(..., metavar="ID", help="Records request id."),
    sent: str | None = typer.Option(None, "--sent", help="Date sent."),
    received: str | None = typer.Option(
        None, "--received", help="Date the agency received it (starts § 1-206(a))."
    ),
    response: str | None = typer.Option(None, "--response", help="Date the agency responded."),
    denial: str | None = typer.Option(None, "--denial", help="Date of the denial."),
    status: str | None = typer.Option(
        None, "--status", help="draft, sent, received, answered, denied, appealed or closed."
    ),
    apply: bool = typer.Option(
        False, "--apply", help="Accept the deadline moves the change causes (else only shown)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a request's dates or status; shows the deadline moves it causes (--apply accepts)."""
    from casekit.services.records import update_records_request

    changes: dict[str, Any] = {}
    for key, text, what in (
        ("sent_on", sent, "sent date"),
        ("received_on", received, "received date"),
        ("response_on", response, "response date"),
        ("denial_on", denial, "denial date"),
    ):
        if text is not None:
            changes[key] = parse_date(text, what)
    result = update_records_request(services(), request_id, status=status, apply=apply, **changes)
    if as_json:
        emit_json(result.to_dict())
        return
    _print_requests([result])
    for change in result.pending:
        new = change.new_due.isoformat() if change.new_due else "removed"
        typer.echo(
            f"not applied: {change.rule_id} {change.kind} "
            f"(due {change.old_due.isoformat()} -> {new}; {change.reason})"
        )
    if result.pending:
        typer.echo(f"to accept: casekit records update {request_id} --apply")
