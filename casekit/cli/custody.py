"""``casekit custody add|update|remove|list``: the custody timeline of a matter (the group is
registered on ``casekit`` by :mod:`casekit.cli.matters`, after ``matter``)."""

from __future__ import annotations

import typer

from casekit.cli.base import IF_VERSION_OPTION, JSON_OPTION, MATTER_ARG, emit_json, services
from casekit.cli.matter_update import report_recompute
from casekit.cli.output import print_table

custody_app = typer.Typer(
    no_args_is_help=True,
    help="The custody timeline: arrest, booking, detainer, scheduled release, release.",
)


EVENT_ID_ARG = typer.Argument(..., min=1, help="The event's id (casekit custody list).")


@custody_app.command("add")
def custody_add(
    matter: str = MATTER_ARG,
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
    from casekit.services.casefile import add_custody_event

    diff = add_custody_event(services(), matter, kind=kind, at=at, note=note_text, confirmed=yes)
    report_recompute(diff, as_json, f"{kind.strip().lower()} for {diff.matter}")


@custody_app.command("update")
def custody_update(
    event_id: int = EVENT_ID_ARG,
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
    report_recompute(diff, as_json, f"custody event {event_id} of {diff.matter}")


@custody_app.command("remove")
def custody_remove(
    event_id: int = EVENT_ID_ARG,
    reason: str = typer.Option(..., "--reason", help="Why it is removed (kept with the event)."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Remove a custody event entered by mistake: kept, marked removed with the reason and who
    removed it; it leaves the timeline and the computations. Shows the recompute it causes."""
    from casekit.services.casefile import remove_custody_event

    diff = remove_custody_event(services(), event_id, reason=reason, version=if_version)
    report_recompute(diff, as_json, f"custody event {event_id} removed from {diff.matter}")


@custody_app.command("list")
def custody_list(
    matter: str = MATTER_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """The matter's custody timeline, oldest first, and the hours held past the scheduled release
    and past the 48-hour cap (the firm's FED_DETAINER_48H override counts)."""
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
