"""``casekit deadlines toll | extend | history | done | waive | reopen | keep | add | triggers``."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import IF_VERSION_OPTION, JSON_OPTION, MATTER_ARG, emit_json, parse_date
from casekit.cli.deadlines.common import (
    confidence_text,
    day_text,
    deadlines_app,
    open_services,
    print_diff,
)
from casekit.cli.output import done, listing, print_fields

DEADLINE_ID_ARG = typer.Argument(..., help="Deadline id (see casekit deadlines list).")


def _adjust_command(kind: str) -> Any:
    def command(
        deadline_id: int = DEADLINE_ID_ARG,
        to: str = typer.Option(..., "--to", help="The new due date, YYYY-MM-DD."),
        cause: str = typer.Option(..., "--cause", help="Why (an order, a stipulation, a stay)."),
        effective: str | None = typer.Option(
            None, "--effective", help="When it took effect, YYYY-MM-DD (default: today)."
        ),
        citation: str = typer.Option("", "--citation", help="The authority relied on."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        from casekit.services.deadlines.adjustments import adjust

        row = adjust(
            open_services(), deadline_id, kind, to, cause, effective=effective, citation=citation
        )
        if as_json:
            emit_json(row.to_dict())
            return
        verb = "tolled" if kind == "toll" else "extended"
        typer.echo(
            f"deadline {row.id} {verb}: due {day_text(row.due)}, "
            f"safe target {day_text(row.safe_target)} "
            "(VERIFY: casekit did not compute this date; history: casekit deadlines history "
            f"{row.id})"
        )

    command.__doc__ = (
        f"{'Toll' if kind == 'toll' else 'Extend'} a deadline to a later date, with its cause "
        "(recorded history; no recompute moves it earlier)."
    )
    return command


deadlines_app.command("toll")(_adjust_command("toll"))
deadlines_app.command("extend")(_adjust_command("extend"))


@deadlines_app.command("history")
def deadlines_history(
    deadline_id: int = DEADLINE_ID_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """A deadline's tolling and extensions, oldest first."""
    from casekit.services.deadlines.adjustments import history

    listing(
        history(open_services(), deadline_id),
        as_json,
        ("when", "kind", "from", "to", "effective", "cause", "citation", "by"),
        lambda r: (
            r.made_at,
            r.kind,
            day_text(r.old_due),
            day_text(r.new_due),
            day_text(r.effective_on),
            r.cause,
            r.citation,
            r.made_by,
        ),
        empty="no tolling or extension recorded",
    )


def _status_command(
    deadline_id: int, status: str, reason: str, as_json: bool, if_version: int | None = None
) -> None:
    from casekit.services.deadlines import set_status, set_status_current

    if if_version is not None:  # the version the user read: a change since is a conflict
        row = set_status(open_services(), deadline_id, status, reason, version=if_version)
    else:
        row = set_status_current(open_services(), deadline_id, status, reason)
    done(
        row.to_dict(),
        as_json,
        f"deadline {row.id} ({row.matter}, {row.title}) marked {row.status}: {reason}",
    )


@deadlines_app.command("done")
def deadlines_done(
    deadline_id: int = DEADLINE_ID_ARG,
    reason: str = typer.Option(..., "--reason", help="What was done (e.g. 'notice served 5/1')."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark a deadline done; a recompute never moves it again."""
    _status_command(deadline_id, "done", reason, as_json, if_version)


@deadlines_app.command("waive")
def deadlines_waive(
    deadline_id: int = DEADLINE_ID_ARG,
    reason: str = typer.Option(..., "--reason", help="Why it does not apply to this matter."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Waive a deadline (it does not apply); a recompute never moves it again."""
    _status_command(deadline_id, "waived", reason, as_json, if_version)


@deadlines_app.command("reopen")
def deadlines_reopen(
    deadline_id: int = DEADLINE_ID_ARG,
    reason: str = typer.Option("", "--reason", help="Why it is open again."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open a done or waived deadline again."""
    _status_command(deadline_id, "open", reason, as_json, if_version)


@deadlines_app.command("keep")
def deadlines_keep(
    matter: str = MATTER_ARG,
    reason: str = typer.Option(
        ..., "--reason", help="Why the deadlines stay as they are (kept with the matter)."
    ),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Keep a matter's deadlines as they are after its incident changed (clears "out of
    date" without accepting the recompute); the reason is stored and audited."""
    from casekit.services.deadlines.markers import keep

    kept = keep(open_services(), matter, reason, version=if_version)
    done(
        {"matter": matter, "kept": kept, "reason": reason},
        as_json,
        f"{matter}: deadlines kept as they are ({reason}); no longer marked out of date",
    )


@deadlines_app.command("add")
def deadlines_add(
    matter: str = MATTER_ARG,
    title: str = typer.Option(..., "--title", help="What has to be done."),
    due: str = typer.Option(..., "--due", help="Due date, YYYY-MM-DD."),
    citation: str = typer.Option("", "--citation", help="Where the date comes from."),
    note: str = typer.Option("", "--note", help="A remark kept in the trail."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a deadline by hand (a court order, a stipulation); recomputes never move it."""
    from casekit.services.deadlines import add_manual

    row = add_manual(
        open_services(), matter, title, parse_date(due, "due date"), citation=citation, note=note
    )
    if as_json:
        emit_json(row.to_dict())
        return
    typer.echo(f"deadline {row.id} added to {row.matter}: {row.title}")
    print_fields(
        [
            ("due", day_text(row.due)),
            ("safe target", day_text(row.safe_target)),
            ("citation", row.citation),
            ("confidence", confidence_text(row.confidence)),
        ]
    )


def _optional_date(value: str | None, what: str) -> Any:
    from casekit.services.deadlines import KEEP

    if value is None:
        return KEEP
    if value.strip().lower() in ("none", "clear", ""):
        return None
    return parse_date(value, what)


@deadlines_app.command("triggers")
def deadlines_triggers(
    matter: str = MATTER_ARG,
    authorization: str | None = typer.Option(
        None,
        "--authorization",
        help="Date the Claims Commissioner granted permission to sue "
        "(§ 4-160), YYYY-MM-DD; 'none' clears it.",
    ),
    dismissal: str | None = typer.Option(
        None,
        "--dismissal",
        help="Date an earlier action was dismissed (§ 52-592), YYYY-MM-DD; 'none' clears it.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record trigger dates kept on the matter, and show the recompute they cause."""
    from casekit.services.deadlines import set_trigger_dates

    diff = set_trigger_dates(
        open_services(),
        matter,
        authorization_on=_optional_date(authorization, "authorization date"),
        dismissed_on=_optional_date(dismissal, "dismissal date"),
    )
    if as_json:
        emit_json(diff.to_dict())
        return
    typer.echo(f"{diff.matter}: trigger dates saved")
    print_diff(diff)
    if diff.has_changes:
        typer.echo(f"to accept: casekit deadlines recompute {diff.matter} --apply")
