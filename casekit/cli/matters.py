"""``casekit matter add|list|show|update|process`` and the ``casekit custody`` group.

``matter update`` lives in :mod:`casekit.cli.matter_update`, the custody commands in
:mod:`casekit.cli.custody`; both are registered here, in the order ``--help`` lists them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from casekit.cli.base import JSON_OPTION, MATTER_ARG, app, command_group, emit_json, services
from casekit.cli.clients import (
    LIMIT_OPTION,
    OFFSET_OPTION,
    YES_OPTION,
    confirm_conflicts,
    interactive,
    print_conflicts,
)
from casekit.cli.custody import custody_app
from casekit.cli.deadlines import _print_diff
from casekit.cli.matter_update import commands as update_commands
from casekit.cli.output import listing, note, print_fields, print_table
from casekit.domain.vocabulary import MatterStatus
from casekit.errors import InvalidInput

if TYPE_CHECKING:
    from casekit.services.casefile.matter_file import MatterFile

matter_app = command_group(
    "matter", "Matters: open one for a client's incident, list them, show one in full."
)

VIOLATION_OPTION = typer.Option(
    [],
    "--violation",
    help="Prohibited act, V1..V8 or the full code (V1_DETAIN_ON_DETAINER). Repeat for several.",
)
CLAIM_OPTION = typer.Option(
    [],
    "--claim",
    help="Claim to plead: trust_act, section_1983, section_52_571k, "
    "false_imprisonment_7465, claims_commissioner. Default: chosen from the agency.",
)
CONVICTION_OPTION = typer.Option(
    [],
    "--conviction",
    help="Statute section of a conviction (not an arrest), e.g. 53a-101. Repeat for several.",
)
CLEAR_CONFLICTS_OPTION = typer.Option(
    "",
    "--clear-conflicts",
    help="Clear the conflict check's hits on a party, witness or agency, with this note "
    "(recorded in the matter's conflict log).",
)


@matter_app.command("add")
def matter_add(
    client: str = typer.Option(..., "--client", help="Client id, or the client's exact name."),
    incident_date: str = typer.Option(
        ..., "--incident-date", help="Date of the incident, YYYY-MM-DD."
    ),
    town: str = typer.Option(..., "--town", help="Town where it happened (see casekit towns)."),
    agency: str = typer.Option(
        ..., "--agency", help="Agency whose officers acted (see casekit agencies)."
    ),
    violation: list[str] = VIOLATION_OPTION,
    incident_time: str | None = typer.Option(
        None, "--incident-time", help="Time of the incident, HH:MM (24-hour, Connecticut time)."
    ),
    claim: list[str] = CLAIM_OPTION,
    attorney: str | None = typer.Option(
        None, "--attorney", help="Responsible attorney (see casekit attorney list)."
    ),
    narrative: str = typer.Option("", "--narrative", help="What happened, in a few sentences."),
    judicial_warrant: bool = typer.Option(
        False, "--judicial-warrant", help="A warrant signed by a judge accompanied the detainer."
    ),
    conviction: list[str] = CONVICTION_OPTION,
    conviction_class: list[str] = typer.Option(
        [], "--conviction-class", help="Felony class A-E you recorded for the Nth --conviction."
    ),
    tsdb_match: bool = typer.Option(
        False, "--tsdb-match", help="Possible Terrorist Screening Database match."
    ),
    yes: bool = YES_OPTION,
    clear_conflicts: str = CLEAR_CONFLICTS_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open a matter: the incident (with its exception facts), a suggested defendant and default
    claims.

    The conflict check runs first on the client (others by that name or a name that sounds
    alike, the same phone, the same date of birth): possible conflicts are shown and must be
    confirmed (or --yes given) before anything is saved; a hit on a party, witness or agency
    needs --clear-conflicts NOTE. The check and the decision go into the matter's conflict log
    (casekit conflicts --log MATTER).
    """
    from casekit.services.casefile.screening import pair_convictions
    from casekit.services.matters.inputs import ExistingClientIntake, MatterInput
    from casekit.services.matters.intake import check_matter_values, open_intake_for_client
    from casekit.services.setup import open_services

    svc = open_services()
    spec = MatterInput(
        incident_date=incident_date,
        town=town,
        agency=agency,
        violations=tuple(violation),
        incident_time=incident_time,
        claims=tuple(claim),
        attorney=attorney,
        narrative=narrative,
        judicial_warrant=judicial_warrant,
        convictions=pair_convictions(conviction, conviction_class),
        tsdb_match=tsdb_match,
    )
    check_matter_values(svc, spec)  # before the conflict check and any question
    note_text = _clearance_note(svc, client, clear_conflicts.strip(), yes=yes)
    matter = open_intake_for_client(
        svc,
        ExistingClientIntake(
            client=client, matter=spec, clearance_note=note_text, how_to_clear=HOW_TO_CLEAR
        ),
    )
    if note_text:
        note("conflict check cleared with your note (see casekit conflicts --log)")
    _print_opened(matter, as_json)


#: How ``matter add`` says to clear a conflict hit.
HOW_TO_CLEAR = "repeat with --clear-conflicts NOTE saying why they are not conflicts"


def _clearance_note(svc: Any, client: str, note_text: str, *, yes: bool) -> str:
    """The conflict check on the client, shown; the note clearing its hits on a defendant,
    witness or agency (asked for on a terminal), or "" when none need clearing."""
    from casekit.services.clients.conflict_log import clearance_message, needs_clearance
    from casekit.services.clients.conflicts import check_for_client

    hits = check_for_client(svc, client).hits
    to_clear = [h for h in hits if needs_clearance(h)]
    if to_clear and not note_text:
        if not interactive():
            raise InvalidInput(clearance_message(len(to_clear), HOW_TO_CLEAR))
        print_conflicts(hits, err=True)
        note_text = typer.prompt(
            "They need clearing: why are they not conflicts? (empty: save nothing)",
            default="",
            show_default=False,
            err=True,
        ).strip()
        if not note_text:
            raise typer.Abort()
    elif not note_text:
        confirm_conflicts(hits, yes=yes)
    elif hits:
        print_conflicts(hits, err=True)
    return note_text


def _print_opened(matter: Any, as_json: bool) -> None:
    """The matter opened: its notes, then JSON or the defendant, claims and exception facts."""
    for remark in matter.notes:
        note(remark)
    if as_json:
        emit_json(matter.to_dict())
        return
    typer.echo(f"matter {matter.number} opened")
    defendant = matter.parties[0]
    print_fields(
        [
            ("defendant", f"{defendant.name} ({defendant.kind}, {defendant.capacity} capacity)"),
            (
                "serve on",
                defendant.service_address
                + (f"  [{defendant.citation}]" if defendant.citation else ""),
            ),
            ("claims", matter.claims),
            ("violations", matter.violations),
            ("exceptions", _exceptions(matter)),
        ]
    )


def _exceptions(matter: Any) -> list[str]:
    """The exception facts recorded on the incident (E1-E3), in words."""
    found = ["judicial warrant"] if matter.judicial_warrant else []
    for c in matter.convictions:
        found.append(
            f"conviction {c['section']}"
            + (f" (class {c['felony_class']})" if c["felony_class"] else "")
        )
    if matter.tsdb_match:
        found.append("TSDB match")
    return found


@matter_app.command("list")
def matter_list(
    status: MatterStatus | None = typer.Option(
        None, "--status", case_sensitive=False, help="Only matters with this status."
    ),
    limit: int | None = LIMIT_OPTION,
    offset: int = OFFSET_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """List matters by number with client, status, incident date, town and agency."""
    from casekit.services.matters import list_matters
    from casekit.services.setup import open_services

    listing(
        list_matters(open_services(), status=status, limit=limit, offset=offset),
        as_json,
        ("number", "client", "status", "incident", "town", "agency", "attorney"),
        lambda r: (r.number, r.client, r.status, r.incident_date, r.town, r.agency, r.attorney),
        empty="no matters" + (f" with status {status}" if status else ""),
    )


@matter_app.command("show")
def matter_show(
    number: str = MATTER_ARG,
    include_sensitive: bool = typer.Option(
        False,
        "--include-sensitive",
        help="Also show the client's date of birth, A-number and immigration status.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show one matter in full: client, incidents, custody, parties, deadlines, notes."""
    from casekit.services.casefile import matter_file
    from casekit.services.setup import open_services

    view = matter_file(open_services(), number, include_sensitive=include_sensitive)
    if as_json:
        emit_json(view.to_dict())
        return
    _print_summary(view, include_sensitive)
    _print_records(view)


def _print_summary(view: MatterFile, include_sensitive: bool) -> None:
    """The matter's own fields (and the client's sensitive ones when asked for)."""
    client = view.client
    print_fields(
        [
            ("matter", view.number),
            ("status", view.status),
            ("opened", view.opened_on),
            ("closed", view.closed_on),
            ("client", f"{client.name} (client {client.id}, language {client.preferred_language})"),
            ("attorney", view.attorney or "none assigned"),
            ("claims", view.claims),
            ("relief sought", view.relief_sought),
            ("evidence items", view.evidence_count),
            ("over-detention", view.over_detention.summary() if view.over_detention else ""),
            ("version", view.version),
        ]
        + (
            [
                ("date of birth", client.date_of_birth),
                ("A-number", client.a_number),
                ("immigration status", client.immigration_status),
            ]
            if include_sensitive
            else []
        )
    )


def _print_records(view: MatterFile) -> None:
    """Incidents, custody, parties, deadlines (with an out-of-date marker) and notes."""
    _section("Incidents")
    print_table(
        ("date", "time", "town", "agency", "violations"),
        ((i["date"], i["time"], i["town"], i["agency"], i["violations"]) for i in view.incidents),
        empty="none",
    )
    _section("Custody timeline")
    print_table(
        ("at (Connecticut time)", "event", "note"),
        ((e["at"], e["kind"], e["note"]) for e in view.custody_events),
        empty="none recorded",
    )
    _section("Parties")
    print_table(
        ("role", "name", "kind", "capacity", "serve on"),
        (
            (p["role"], p["name"], p["kind"], p["capacity"], p["service_address"])
            for p in view.parties
        ),
        empty="none",
    )
    _section("Deadlines")
    if view.marker is not None:
        typer.echo(f"Deadlines {view.marker.text}")
        typer.echo(
            f"  to accept: casekit deadlines recompute {view.number} --apply; to keep them: "
            f"casekit deadlines keep {view.number} --reason R"
        )
    print_table(
        ("due", "safe target", "deadline", "status", "citation", "confidence"),
        (
            (
                d["due"],
                d["safe_target"],
                d["title"],
                d["status"],
                d["citation"],
                d["confidence"] + (" VERIFY" if d["verify"] else ""),
            )
            for d in view.deadlines
        ),
        empty="none computed yet",
    )
    _section("Notes")
    print_table(
        ("at", "author", "note"),
        ((n["at"], n["author"], n["body"]) for n in view.notes),
        empty="none",
    )


def _section(title: str) -> None:
    typer.echo(f"\n{title}")


# ``matter update`` (casekit.cli.matter_update), between show and process in --help.
matter_app.registered_commands.extend(update_commands.registered_commands)


@matter_app.command("process")
def matter_process(
    number: str = MATTER_ARG,
    process_date: str | None = typer.Option(
        None, "--process-date", help="Date of process (the summons signed), YYYY-MM-DD."
    ),
    return_date: str | None = typer.Option(
        None, "--return-date", help="The return date chosen (a Tuesday), YYYY-MM-DD."
    ),
    marshal_delivery: str | None = typer.Option(
        None, "--marshal-delivery", help="Delivered to a marshal on, YYYY-MM-DD."
    ),
    apply: bool = typer.Option(
        False, "--apply", help="Record the dates and plan their deadlines (else: preview only)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Service of process: check the return date against the process chain and plan the
    serve-by, return-to-court and marshal deadlines (nothing is written without --apply)."""
    from casekit.services.deadlines.process import KEEP, record_process

    out = record_process(
        services(),
        number,
        process_date=process_date if process_date is not None else KEEP,
        return_date=return_date if return_date is not None else KEEP,
        marshal_delivery=marshal_delivery if marshal_delivery is not None else KEEP,
        apply=apply,
    )
    if as_json:
        emit_json(out.to_dict())
        return
    print_fields(
        [
            ("date of process", out.process_date),
            ("return date", out.return_date),
            ("latest lawful return date", out.latest_return),
            ("serve by", out.serve_by),
            ("return to court by", out.return_to_court_by),
            ("marshal delivery", out.marshal_delivery),
            ("citations", "; ".join(out.citations) or None),
            ("confidence", out.confidence or None),
        ]
    )
    _print_diff(out.recompute)
    if not apply:
        typer.echo(f"nothing saved; to record: casekit matter process {out.matter} ... --apply")
    else:
        typer.echo("recorded; the deadlines above are planned and reminded")


app.add_typer(custody_app, name="custody")
