"""``casekit matter add|list|show``."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import IF_VERSION_OPTION, JSON_OPTION, app, emit_json
from casekit.cli.output import note, print_fields, print_table

matter_app = typer.Typer(
    no_args_is_help=True,
    help="Matters: open one for a client's incident, list them, show one in full.",
)
app.add_typer(matter_app, name="matter")


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
    violation: list[str] = typer.Option(
        [],
        "--violation",
        help="Prohibited act, V1..V8 or the full code (V1_DETAIN_ON_DETAINER). Repeat for several.",
    ),
    incident_time: str | None = typer.Option(
        None, "--incident-time", help="Time of the incident, HH:MM (24-hour, Connecticut time)."
    ),
    claim: list[str] = typer.Option(
        [],
        "--claim",
        help="Claim to plead: trust_act, section_1983, section_52_571k, "
        "false_imprisonment_7465, claims_commissioner. Default: chosen from the agency.",
    ),
    attorney: str | None = typer.Option(
        None, "--attorney", help="Responsible attorney (see casekit attorney list)."
    ),
    narrative: str = typer.Option("", "--narrative", help="What happened, in a few sentences."),
    judicial_warrant: bool = typer.Option(
        False, "--judicial-warrant", help="A warrant signed by a judge accompanied the detainer."
    ),
    conviction: list[str] = typer.Option(
        [],
        "--conviction",
        help="Statute section of a conviction (not an arrest), e.g. 53a-101. Repeat for several.",
    ),
    conviction_class: list[str] = typer.Option(
        [], "--conviction-class", help="Felony class A-E you recorded for the Nth --conviction."
    ),
    tsdb_match: bool = typer.Option(
        False, "--tsdb-match", help="Possible Terrorist Screening Database match."
    ),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Save even if the conflict check finds possible conflicts."
    ),
    clear_conflicts: str = typer.Option(
        "",
        "--clear-conflicts",
        help="Clear the conflict check's hits on a party, witness or agency, with this note "
        "(recorded in the matter's conflict log).",
    ),
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
    from casekit.cli.clients import confirm_conflicts, interactive, print_conflicts
    from casekit.errors import InvalidInput
    from casekit.services.casefile.screening import pair_convictions
    from casekit.services.conflicts import check_for_client, clearance_message, needs_clearance
    from casekit.services.intake import check_matter_values, open_intake_for_client
    from casekit.services.setup import open_services

    convictions = pair_convictions(conviction, conviction_class)
    svc = open_services()
    spec: dict[str, Any] = {
        "incident_date": incident_date,
        "town": town,
        "agency": agency,
        "violations": violation,
        "incident_time": incident_time,
        "claims": claim,
        "attorney": attorney,
        "narrative": narrative,
        "contact_type": "",
        "judicial_warrant": judicial_warrant,
        "convictions": convictions,
        "tsdb_match": tsdb_match,
    }
    check_matter_values(svc, **spec)  # before the conflict check and any question
    note_text = clear_conflicts.strip()
    hits = check_for_client(svc, client).hits
    to_clear = [h for h in hits if needs_clearance(h)]
    how = "repeat with --clear-conflicts NOTE saying why they are not conflicts"
    if to_clear and not note_text:
        if not interactive():
            raise InvalidInput(clearance_message(len(to_clear), how))
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
    matter = open_intake_for_client(
        svc,
        client=client,
        clearance_note=note_text,
        how_to_clear=how,
        **spec,
    )
    if note_text:
        note("conflict check cleared with your note (see casekit conflicts --log)")
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
    status: str | None = typer.Option(
        None, "--status", help="Only this status: intake, screening, active, closed, declined."
    ),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Show at most this many."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many first."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List matters by number with client, status, incident date, town and agency."""
    from casekit.services.matters import list_matters
    from casekit.services.setup import open_services

    rows = list_matters(open_services(), status=status, limit=limit, offset=offset)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
        ("number", "client", "status", "incident", "town", "agency", "attorney"),
        (
            (r.number, r.client, r.status, r.incident_date, r.town, r.agency, r.attorney)
            for r in rows
        ),
        empty="no matters" + (f" with status {status}" if status else ""),
    )


@matter_app.command("show")
def matter_show(
    number: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
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


def _report_recompute(diff: Any, as_json: bool, what: str) -> None:
    """A trigger changed: say so, and show the recompute it causes (nothing moved yet)."""
    from casekit.cli.deadlines import _print_diff

    if as_json:
        emit_json({"saved": what, "recompute": diff.to_dict()})
        return
    typer.echo(f"saved: {what}")
    _print_diff(diff)
    if diff.has_changes:
        typer.echo(
            f"deadlines not moved yet; to accept: casekit deadlines recompute {diff.matter} --apply"
        )


@matter_app.command("update")
def matter_update(
    number: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    incident_date: str | None = typer.Option(
        None, "--incident-date", help="Corrected incident date, YYYY-MM-DD."
    ),
    incident_time: str | None = typer.Option(None, "--incident-time", help="HH:MM, local time."),
    violation: list[str] = typer.Option(
        [], "--violation", help="Replace the prohibited acts (repeat for several)."
    ),
    judicial_warrant: bool | None = typer.Option(
        None,
        "--judicial-warrant/--no-judicial-warrant",
        help="Whether a judicial warrant accompanied the detainer.",
    ),
    town: str | None = typer.Option(
        None, "--town", help="Corrected town (see casekit towns; a misspelling gets suggestions)."
    ),
    agency: str | None = typer.Option(
        None, "--agency", help="Corrected agency whose officers acted (see casekit agencies)."
    ),
    narrative: str | None = typer.Option(
        None,
        "--narrative",
        help="Replace the narrative. The complaint pastes it only if it speaks of 'the "
        "plaintiff'; otherwise a placeholder and a drafting note stand in.",
    ),
    status: str | None = typer.Option(
        None, "--status", help="intake, screening, active, closed or declined."
    ),
    yes: bool = typer.Option(
        False,
        "--yes",
        "-y",
        help="Closing: close the open deadlines shown without asking. Reopening: restore the "
        "deadlines closed with the matter.",
    ),
    attorney: str | None = typer.Option(
        None,
        "--attorney",
        help="Make this attorney responsible (see casekit attorney list; 'none' for nobody). "
        "Given on its own.",
    ),
    claim: list[str] = typer.Option(
        [],
        "--claim",
        help="Add a claim to plead (the law pack's ids: trust_act, section_1983, "
        "section_52_571k, false_imprisonment_7465, claims_commissioner). Repeat for several.",
    ),
    drop_claim: list[str] = typer.Option(
        [], "--drop-claim", help="Stop pleading this claim. Repeat for several."
    ),
    relief: list[str] = typer.Option(
        [], "--relief", help="Add an item of relief sought (e.g. 'injunction'). Repeat."
    ),
    drop_relief: list[str] = typer.Option(
        [], "--drop-relief", help="Remove an item of relief sought. Repeat."
    ),
    reason: str = typer.Option(
        "", "--reason", help="With --status: why (kept as a note on the matter)."
    ),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct the incident or move the matter's status; shows the deadline recompute it causes.

    --claim/--drop-claim and --relief/--drop-relief change what is pleaded and sought (on their
    own, like --attorney: one command, one write).

    Closing or declining a matter lists its open deadlines and asks before closing them with it
    (--yes: without asking; "no" writes nothing and exits 1). Reopening offers to restore them.
    Everything is checked before anything is written, and saved in one transaction.
    """
    from casekit.cli.base import services
    from casekit.errors import InvalidInput
    from casekit.services.casefile import update_incident
    from casekit.services.matters import clean_status

    svc = services()
    facts = (town, agency, narrative)
    if claim or drop_claim or relief or drop_relief:
        others = (incident_date, incident_time, status, judicial_warrant, attorney, *facts)
        if violation or any(v is not None for v in others):
            raise InvalidInput(
                "claims and relief are changed on their own: repeat the other changes without them"
            )
        _claims(svc, number, claim, drop_claim, relief, drop_relief, if_version, as_json)
        return
    if reason and status is None:
        raise InvalidInput("--reason goes with --status (why the matter moves)")
    if attorney is not None:
        if violation or any(v is not None for v in (incident_date, incident_time, status,
                                                      judicial_warrant, *facts)):  # fmt: skip
            # Its own transaction: one command, one write.
            raise InvalidInput(
                "--attorney is changed on its own: repeat the other changes without it"
            )
        _assign(svc, number, attorney, if_version, as_json)
        return
    if (
        status is not None
        and not (incident_date or incident_time or violation)
        and (judicial_warrant is None)
        and all(v is None for v in facts)
    ):
        change = _change_status(
            svc, number, status, yes=yes, quiet=as_json, version=if_version, reason=reason
        )
        if as_json:
            emit_json(change.to_dict())
        else:
            typer.echo(f"{change.matter}: status {change.status}")
        return
    shown = None
    if status is not None:  # asked first; written below, with the incident, in one transaction
        value = clean_status(status)
        _check_incident(svc, incident_date, incident_time, violation)  # bad input: no question
        shown = _closing_shown(svc, number, value, yes=yes, quiet=as_json)
    diff = update_incident(
        svc,
        number,
        occurred_on=incident_date,
        occurred_time=incident_time,
        violations=violation or None,
        judicial_warrant=judicial_warrant,
        town=town,
        agency=agency,
        narrative=narrative,
        status=status,
        matter_version=if_version,
        status_shown=shown,
        restore=yes,
    )
    if status is not None and not as_json:
        typer.echo(f"{diff.matter}: status {clean_status(status)}")
    _report_recompute(diff, as_json, f"incident of {diff.matter}")


def _claims(
    svc: Any,
    number: str,
    claim: list[str],
    drop_claim: list[str],
    relief: list[str],
    drop_relief: list[str],
    if_version: int | None,
    as_json: bool,
) -> None:
    """``--claim``/``--drop-claim``/``--relief``/``--drop-relief``: one audited transaction."""
    from casekit.services.casefile import update_claims

    change = update_claims(
        svc,
        number,
        add_claims=claim,
        drop_claims=drop_claim,
        add_relief=relief,
        drop_relief=drop_relief,
        version=if_version,
    )
    if as_json:
        emit_json(change.to_dict())
        return
    if not change.changed:
        typer.echo(f"{change.matter}: claims and relief unchanged")
    print_fields(
        [
            ("claims", list(change.claims) or "none"),
            ("relief sought", "; ".join(change.relief) or "none"),
            ("version", change.version),
        ]
    )


def _assign(svc: Any, number: str, attorney: str, if_version: int | None, as_json: bool) -> None:
    """``--attorney``: make another attorney responsible (or nobody) and say who it was."""
    from casekit.services.matters import assign_attorney

    change = assign_attorney(svc, number, attorney, version=if_version)
    if as_json:
        emit_json(change.to_dict())
        return
    if change.before == change.after:
        typer.echo(f"{change.matter}: attorney unchanged ({change.after or 'none'})")
        return
    typer.echo(f"{change.matter}: attorney {change.before or 'none'} -> {change.after or 'none'}")


def _check_incident(
    svc: Any, incident_date: str | None, incident_time: str | None, violation: list[str]
) -> None:
    """Refuse a bad incident value before any question is asked (update_incident checks again)."""
    from casekit.services.matters import (
        clean_violations,
        parse_incident_date,
        parse_incident_time,
    )

    if incident_date is not None:
        parse_incident_date(incident_date, svc.today())
    if incident_time is not None:
        parse_incident_time(incident_time)
    if violation:
        clean_violations(violation)


def _closing_shown(
    svc: Any, number: str, value: str, *, yes: bool, quiet: bool
) -> list[int] | None:
    """Closing: show the open deadlines that close with the matter and ask (``--yes``: don't).

    Returns their ids (the write refuses if they changed meanwhile), or None when not closing.
    """
    from casekit.services import lifecycle

    if value not in lifecycle.CLOSED_STATUSES:
        return None
    err = quiet  # with --json, questions and lists go to stderr
    shown = lifecycle.closing_preview(svc, number)
    if shown:
        typer.echo(
            f"{len(shown)} open deadline(s) will be closed with the matter "
            f'(superseded, reason "{lifecycle.closed_reason(value)}"):',
            err=err,
        )
        for d in shown:
            typer.echo(f"  {d.id:>5}  {d.safe_target.isoformat()}  {d.title}", err=err)
        if not yes and not typer.confirm("Close them?", default=False, err=True):
            raise typer.Abort()
    return [d.id for d in shown]


def _change_status(
    svc: Any,
    number: str,
    status: str,
    *,
    yes: bool,
    quiet: bool,
    version: int | None = None,
    reason: str = "",
) -> Any:
    """Move the status, asking first when deadlines close with the matter (or could be restored)."""
    from casekit.services import lifecycle
    from casekit.services.matters import clean_status

    value = clean_status(status)
    err = quiet  # with --json, questions and lists go to stderr
    if value in lifecycle.CLOSED_STATUSES:
        shown = _closing_shown(svc, number, value, yes=yes, quiet=quiet)
        change = lifecycle.change_status(
            svc, number, value, shown=shown, version=version, reason=reason
        )
        if change.closed and not quiet:
            typer.echo(f"closed {len(change.closed)} deadline(s) with the matter")
        return change
    change = lifecycle.change_status(
        svc, number, value, restore=yes, version=version, reason=reason
    )
    if change.restored and not quiet:
        typer.echo(f"restored {len(change.restored)} deadline(s) closed with the matter")
    if change.still_closed:
        pending = len(change.still_closed)
        if not yes and interactive_terminal():
            if typer.confirm(
                f"Restore the {pending} deadline(s) closed with the matter?", default=True, err=True
            ):
                restored = lifecycle.restore(svc, change.matter)
                typer.echo(f"restored {len(restored)} deadline(s) closed with the matter")
                return change
        typer.echo(
            f"{pending} deadline(s) were closed with the matter; to restore them: "
            f"casekit deadlines restore {change.matter} --apply",
            err=err,
        )
    return change


def interactive_terminal() -> bool:
    from casekit.cli.clients import interactive

    return interactive()


@matter_app.command("process")
def matter_process(
    number: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
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
    from casekit.cli.base import services
    from casekit.cli.deadlines import _print_diff
    from casekit.services.process import KEEP, record_process

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


custody_app = typer.Typer(
    no_args_is_help=True,
    help="The custody timeline: arrest, booking, detainer, scheduled release, release.",
)
app.add_typer(custody_app, name="custody")


@custody_app.command("add")
def custody_add(
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    kind: str = typer.Option(
        ...,
        "--kind",
        help="arrest, booking, detainer_received, scheduled_release, release_to_ice or release.",
    ),
    at: str = typer.Option(..., "--at", help="When, YYYY-MM-DDTHH:MM in Connecticut time."),
    note_text: str = typer.Option("", "--note", help="Where this comes from (a record, a call)."),
    yes: bool = typer.Option(
        False,
        "--yes",
        "-y",
        help="Save a time that looks wrong (a past event after now, an event before the "
        "incident). A scheduled release may be in the future without it.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a custody event; a release can move the § 1983 deadline (shown, not applied)."""
    from casekit.cli.base import services
    from casekit.services.casefile import add_custody_event

    diff = add_custody_event(services(), matter, kind=kind, at=at, note=note_text, confirmed=yes)
    _report_recompute(diff, as_json, f"{kind.strip().lower()} for {diff.matter}")


@custody_app.command("update")
def custody_update(
    event_id: int = typer.Argument(..., min=1, help="The event's id (casekit custody list)."),
    kind: str | None = typer.Option(
        None,
        "--kind",
        help="arrest, booking, detainer_received, scheduled_release, release_to_ice or release.",
    ),
    at: str | None = typer.Option(None, "--at", help="YYYY-MM-DDTHH:MM in Connecticut time."),
    note_text: str | None = typer.Option(None, "--note", help="Where this comes from."),
    yes: bool = typer.Option(
        False, "--yes", "-y", help="Save a time that looks wrong (see custody add)."
    ),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a custody event (kind, time, note); shows the deadline recompute it causes."""
    from casekit.cli.base import services
    from casekit.services.casefile import update_custody_event

    diff = update_custody_event(
        services(),
        event_id,
        kind=kind,
        at=at,
        note=note_text,
        version=if_version,
        confirmed=yes,
    )
    _report_recompute(diff, as_json, f"custody event {event_id} of {diff.matter}")


@custody_app.command("remove")
def custody_remove(
    event_id: int = typer.Argument(..., min=1, help="The event's id (casekit custody list)."),
    reason: str = typer.Option(..., "--reason", help="Why it is removed (kept with the event)."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove a custody event entered by mistake: kept, marked removed with the reason and who
    removed it; it leaves the timeline and the computations. Shows the recompute it causes."""
    from casekit.cli.base import services
    from casekit.services.casefile import remove_custody_event

    diff = remove_custody_event(services(), event_id, reason=reason, version=if_version)
    _report_recompute(diff, as_json, f"custody event {event_id} removed from {diff.matter}")


@custody_app.command("list")
def custody_list(
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    as_json: bool = JSON_OPTION,
) -> None:
    """The matter's custody timeline, oldest first, and the hours held past the scheduled release
    and past the 48-hour cap (the firm's FED_DETAINER_48H override counts)."""
    from casekit.cli.base import services
    from casekit.services.casefile import list_custody_events, over_detention_for

    svc = services()
    events = list_custody_events(svc, matter)
    if as_json:
        emit_json([e.to_dict() for e in events])
        return
    print_table(
        ["id", "when (Connecticut time)", "event", "note"],
        [[str(e.id), e.at.strftime("%Y-%m-%d %H:%M"), e.kind, e.note] for e in events],
        empty="no custody events recorded",
    )
    over = over_detention_for(svc, [(e.kind, e.at) for e in events])
    if over is not None:
        typer.echo(f"\nover-detention: {over.summary()}")
