"""``casekit deadlines calc | list | recompute | restore``: computing, listing and recomputing."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, MATTER_ARG, emit_json
from casekit.cli.deadlines.common import (
    confidence_text,
    day_text,
    deadlines_app,
    open_services,
    plain,
    print_diff,
)
from casekit.cli.output import listing, print_fields, print_table
from casekit.domain.vocabulary import DeadlineFilter
from casekit.errors import InvalidInput

# --- deadlines ------------------------------------------------------------------------------


@deadlines_app.command("calc")
def deadlines_calc(
    rule: str = typer.Argument(..., help="Rule id, e.g. CT_7465_NOTICE (see casekit rules list)."),
    trigger: str = typer.Argument(
        ..., help="Trigger date YYYY-MM-DD (FED_DETAINER_48H: date and time YYYY-MM-DDTHH:MM)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Compute one deadline: due date, safe target, citation, confidence and the whole trail."""
    from casekit.services.deadlines import calc

    result = calc(plain(), rule, trigger)
    if as_json:
        emit_json(result.to_dict())
        return
    typer.echo(f"{result.rule_id}: {result.title}")
    if result.verify:
        typer.echo(
            f"** VERIFY ** confidence '{result.confidence}': check {result.citation} before "
            "relying on this date"
        )
    print_fields(
        [
            ("trigger", day_text(result.trigger)),
            ("due", f"{day_text(result.due)}  (legal last day)"),
            ("safe target", f"{day_text(result.safe_target)}  (act by)"),
            ("roll", result.roll),
            ("citation", result.citation),
            ("confidence", confidence_text(result.confidence)),
            ("firm override", "yes (see the trail)" if result.overridden else ""),
            ("marshal option", result.marshal_option or ""),
        ]
    )
    for reading in result.readings:
        chosen = "  <- used" if reading.chosen else ""
        when = (
            f"due {day_text(reading.due)}, act by {day_text(reading.safe_target)}"
            if reading.due
            else "not computed"
        )
        typer.echo(f"reading: {reading.label}: {when} ({reading.confidence}){chosen}")
    typer.echo("trail:")
    for number, step in enumerate(result.trail, 1):
        typer.echo(f"  {number}. {step}")


@deadlines_app.command("list")
def deadlines_list(
    matter: str | None = typer.Option(
        None, "--matter", help="Only this matter, e.g. TA-2026-0001."
    ),
    within: int | None = typer.Option(
        None,
        "--within",
        min=0,
        max=36_500,
        help="Only deadlines whose safe target is at most DAYS away (overdue ones included).",
        metavar="DAYS",
    ),
    status: DeadlineFilter = typer.Option(
        DeadlineFilter.OPEN, "--status", case_sensitive=False, help="Which deadlines to list."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """List deadlines by safe target, soonest first (open ones unless --status says otherwise)."""
    from casekit.services.deadlines import list_deadlines

    listing(
        list_deadlines(open_services(), matter=matter, within=within, status=status),
        as_json,
        (
            "id",
            "matter",
            "client",
            "safe target",
            "due",
            "days",
            "rule",
            "title",
            "confidence",
            "status",
        ),
        lambda r: (
            r.id,
            r.matter,
            r.client,
            r.safe_target,
            r.due,
            r.days_left,
            r.rule_id,
            r.title,
            confidence_text(r.confidence),
            f"done {r.completed_on}" if r.status == "done" and r.completed_on else r.status,
        ),
        empty="no deadlines",
    )


@deadlines_app.command("recompute")
def deadlines_recompute(
    matter: str | None = typer.Argument(
        None, help="Matter number, e.g. TA-2026-0001 (or --all for every open matter)."
    ),
    every: bool = typer.Option(
        False, "--all", help="Every open matter (after a court closure, an override, a new pack)."
    ),
    apply: bool = typer.Option(
        False, "--apply", help="Accept the changes shown (otherwise nothing is written)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Recompute a matter's deadlines (or --all): show what would be added, moved or removed;
    --apply it (with --all: every matter in one transaction, exactly as previewed)."""
    from casekit.services.deadlines import recompute_apply, recompute_preview

    if every == (matter is not None):
        raise InvalidInput("give a matter number or --all (not both)")
    svc = open_services()
    if matter is None:
        _recompute_all(svc, apply, as_json)
        return
    diff = recompute_apply(svc, matter) if apply else recompute_preview(svc, matter)
    if as_json:
        emit_json({**diff.to_dict(), "applied": bool(apply and diff.has_changes)})
        return
    print_diff(diff)
    if diff.has_changes:
        if apply:
            typer.echo("accepted: the changes above were saved")
        else:
            typer.echo(
                f"nothing saved; to accept: casekit deadlines recompute {diff.matter} --apply"
            )
            from casekit.services.deadlines.markers import open_marker

            marker = open_marker(svc, matter)
            if marker is not None:
                typer.echo(
                    f"the deadlines are {marker.text}; to keep them as they are: "
                    f"casekit deadlines keep {diff.matter} --reason R"
                )


def _recompute_all(svc: Any, apply: bool, as_json: bool) -> None:
    from casekit.services.deadlines import recompute_all_apply, recompute_all_preview

    diffs = recompute_all_preview(svc)
    if apply and diffs:
        recompute_all_apply(svc, diffs)  # refuses (nothing written) if it changed meanwhile
    if as_json:
        emit_json(
            {
                "applied": bool(apply and diffs),
                "matters": {number: d.to_dict() for number, d in diffs.items()},
            }
        )
        return
    if not diffs:
        typer.echo("no open matter has a deadline to add, move or remove")
        return
    typer.echo(f"{len(diffs)} matter(s) have deadline changes:")
    for diff in diffs.values():
        print_diff(diff, indent="  ")
    total = sum(len(d.changes) for d in diffs.values())
    if apply:
        typer.echo(f"accepted: {total} change(s) in {len(diffs)} matter(s) were saved")
    else:
        typer.echo("nothing saved; to accept them all: casekit deadlines recompute --all --apply")


@deadlines_app.command("restore")
def deadlines_restore(
    matter: str = MATTER_ARG,
    apply: bool = typer.Option(
        False, "--apply", help="Restore them (otherwise nothing is written)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore the deadlines closed with a matter that was reopened (computed ones recomputed)."""
    from casekit.services.deadlines import lifecycle

    svc = open_services()
    rows = lifecycle.restore(svc, matter) if apply else lifecycle.restorable(svc, matter)
    if as_json:
        emit_json({"matter": matter, "applied": apply, "deadlines": [d.to_dict() for d in rows]})
        return
    print_table(
        ("id", "safe target", "due", "title"),
        ((str(d.id), day_text(d.safe_target), day_text(d.due), d.title) for d in rows),
        empty="no deadline was closed with this matter"
        if not apply
        else "nothing to restore (none was closed with the matter, or none applies any more)",
    )
    if rows and not apply:
        typer.echo(f"nothing restored yet; to restore: casekit deadlines restore {matter} --apply")
    elif rows:
        typer.echo(f"restored {len(rows)} deadline(s)")
