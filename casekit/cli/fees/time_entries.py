"""``casekit time add|list|edit|remove|correct`` and ``casekit time timer start|status|stop|...``.

Hours are typed in tenths (``1.5``, or ``0:45`` rounded up to the next tenth).
"""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, emit_json, services
from casekit.cli.fees.apps import (
    DROP_OPTION,
    MATTER_ARG,
    THROUGH_OPTION,
    keep,
    keep_date,
    opt_date,
    time_app,
    timer_app,
)
from casekit.cli.output import done, listing, note, print_table

CATEGORY_HELP = "investigation, foi, pleadings, discovery, motions, trial or fee_petition."
CLAIM_HELP = "The claim it served (one of the matter's claims, e.g. trust_act), or all."

# The options recording time takes (an entry added, or a timer stopped).
CATEGORY_OPTION = typer.Option(..., "--category", help=CATEGORY_HELP)
DESCRIPTION_OPTION = typer.Option(..., "--description", "-d", help="What was done.")
CLAIM_OPTION = typer.Option("all", "--claim", help=CLAIM_HELP)
NO_CHARGE_OPTION = typer.Option(False, "--no-charge", help="Recorded but not billed.")

# The options an edit and a correction share (absent: the value stays).
TIMEKEEPER_CHANGE = typer.Option(None, "--timekeeper", "-t", help="Name or id.")
HOURS_CHANGE = typer.Option(None, "--hours", help="Tenths of an hour.")
CATEGORY_CHANGE = typer.Option(None, "--category", help=CATEGORY_HELP)
DESCRIPTION_CHANGE = typer.Option(None, "--description", "-d", help="What was done.")
DATE_CHANGE = typer.Option(None, "--date", help="Day of the work.")
CLAIM_CHANGE = typer.Option(None, "--claim", help=CLAIM_HELP)

# Who did the work (an entry added, a timer started), and the entry an edit or removal acts on.
TIMEKEEPER_OPTION = typer.Option(..., "--timekeeper", "-t", help="Name or id.")
ENTRY_ID_ARG = typer.Argument(..., help="Entry id (casekit time list MATTER).")


def _entry_cells(e: Any) -> tuple[Any, ...]:
    from casekit.domain.fees import money_text

    return (
        e.id,
        e.worked_on,
        e.timekeeper,
        e.hours,
        e.category,
        e.claim or "all",
        money_text(e.value_cents) if e.value_cents is not None else "no rate",
        e.status(locked="locked (petition {})"),
        e.description,
    )


def _added(entry: Any, as_json: bool) -> None:
    done(
        entry.to_dict(),
        as_json,
        f"time entry {entry.id} added: {entry.hours} h by {entry.timekeeper} on {entry.matter}",
    )


def _changes(
    on: str | None,
    timekeeper: str | None,
    hours: str | None,
    category: str | None,
    claim: str | None,
    description: str | None,
    billable: bool | None,
    unrelated: bool | None,
) -> dict[str, Any]:
    """The service's keyword arguments for an edit or a correction (absent options: KEEP)."""
    return {
        "worked_on": keep_date(on, "--date"),
        "timekeeper": keep(timekeeper),
        "hours": keep(hours),
        "category": keep(category),
        "claim": keep(claim),
        "description": keep(description),
        "billable": keep(billable),
        "unrelated": keep(unrelated),
    }


# --- time entries -------------------------------------------------------------------------------


@time_app.command("add")
def time_add(
    matter: str = MATTER_ARG,
    timekeeper: str = TIMEKEEPER_OPTION,
    hours: str = typer.Option(..., "--hours", help="Tenths of an hour: 1.5, 0.3, or 0:45."),
    category: str = CATEGORY_OPTION,
    description: str = DESCRIPTION_OPTION,
    on: str | None = typer.Option(None, "--date", help="Day of the work (default today)."),
    claim: str = CLAIM_OPTION,
    no_charge: bool = NO_CHARGE_OPTION,
    unrelated: bool = typer.Option(
        False, "--unrelated", help="Unrelated to a successful claim (excluded from the lodestar)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record time worked on a matter."""
    from casekit.services.fees import add_time_entry

    entry = add_time_entry(
        services(),
        matter,
        timekeeper=timekeeper,
        hours=hours,
        category=category,
        description=description,
        worked_on=opt_date(on, "--date"),
        claim=claim,
        billable=not no_charge,
        unrelated=unrelated,
    )
    _added(entry, as_json)
    if not as_json and entry.value_cents is None:
        note(f"{entry.timekeeper} has no rate on {entry.worked_on}: add one with casekit rate add")


@time_app.command("list")
def time_list(
    matter: str = MATTER_ARG,
    through: str | None = THROUGH_OPTION,
    since: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's time entries with value at the rate in effect, exclusions and locks."""
    from casekit.services.fees import list_time_entries

    entries = list_time_entries(
        services(), matter, through=opt_date(through, "--through"), since=opt_date(since, "--from")
    )
    listing(
        entries,
        as_json,
        ("id", "date", "timekeeper", "hours", "task", "claim", "value", "status", "description"),
        _entry_cells,
        empty="no time entries",
    )


@time_app.command("edit")
def time_edit(
    entry_id: int = ENTRY_ID_ARG,
    timekeeper: str | None = TIMEKEEPER_CHANGE,
    hours: str | None = HOURS_CHANGE,
    category: str | None = CATEGORY_CHANGE,
    description: str | None = DESCRIPTION_CHANGE,
    on: str | None = DATE_CHANGE,
    claim: str | None = CLAIM_CHANGE,
    billable: bool | None = typer.Option(
        None, "--billable/--no-charge", help="Billed, or recorded as no charge."
    ),
    unrelated: bool | None = typer.Option(
        None, "--unrelated/--related", help="Mark unrelated (or related) to a successful claim."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Change an entry no fee petition includes (a locked one needs 'casekit time correct')."""
    from casekit.services.fees import edit_time_entry

    changes = _changes(on, timekeeper, hours, category, claim, description, billable, unrelated)
    entry = edit_time_entry(services(), entry_id, **changes)
    done(entry.to_dict(), as_json, f"time entry {entry.id} saved")


@time_app.command("remove")
def time_remove(
    entry_id: int = ENTRY_ID_ARG,
) -> None:
    """Delete an entry no fee petition includes (the audit log keeps what it said)."""
    from casekit.services.fees import remove_time_entry

    removed = remove_time_entry(services(), entry_id)
    typer.echo(f"time entry {removed.id} removed ({removed.hours} h, {removed.matter})")


@time_app.command("correct")
def time_correct(
    entry_id: int = typer.Argument(..., help="The locked entry to correct."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the new entries)."),
    drop: bool = DROP_OPTION,
    timekeeper: str | None = TIMEKEEPER_CHANGE,
    hours: str | None = HOURS_CHANGE,
    category: str | None = CATEGORY_CHANGE,
    description: str | None = DESCRIPTION_CHANGE,
    on: str | None = DATE_CHANGE,
    claim: str | None = CLAIM_CHANGE,
    billable: bool | None = typer.Option(None, "--billable/--no-charge", help="Billed or not."),
    unrelated: bool | None = typer.Option(None, "--unrelated/--related", help="Unrelated or not."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct an entry a fee petition includes: a reversal plus a replacement, both visible."""
    from casekit.services.fees import correct_time_entry

    changes = _changes(on, timekeeper, hours, category, claim, description, billable, unrelated)
    made = correct_time_entry(services(), entry_id, reason=reason, drop=drop, **changes)
    done(
        [e.to_dict() for e in made],
        as_json,
        *(
            f"time entry {e.id} added: {'reversal' if e.tenths < 0 else 'replacement'} of "
            f"#{entry_id} ({e.hours} h)"
            for e in made
        ),
    )


# --- the timer ----------------------------------------------------------------------------------


@timer_app.command("start")
def timer_start(
    matter: str = MATTER_ARG,
    timekeeper: str = TIMEKEEPER_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Start a timer (one per timekeeper; its start is saved, so it survives a restart)."""
    from casekit.services.fees import start_timer

    timer = start_timer(services(), matter, timekeeper=timekeeper)
    done(
        timer.to_dict(),
        as_json,
        f"timer {timer.id} started for {timer.timekeeper} on {timer.matter}",
    )


def _local(moment: Any) -> str:
    from casekit.domain.calendar import LOCAL_TZ

    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"


@timer_app.command("status")
def timer_status(
    everyone: bool = typer.Option(False, "--all", help="Every running timer in the office."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Your running timers (or everyone's) with the time so far."""
    from casekit.domain.fees import tenths_text
    from casekit.services.fees import running_timers

    svc = services()
    now = svc.now()
    timers = running_timers(svc, everyone=everyone)
    if as_json:
        emit_json([t.to_dict(now) for t in timers])
        return
    print_table(
        ("id", "matter", "timekeeper", "started", "minutes", "hours"),
        (
            (
                t.id,
                t.matter,
                t.timekeeper,
                _local(t.started_at),
                int(t.elapsed_seconds(now) // 60),
                tenths_text(t.tenths(now)),
            )
            for t in timers
        ),  # fmt: skip
        empty="no timer is running",
    )


@timer_app.command("stop")
def timer_stop(
    timer_id: int = typer.Argument(..., help="Timer id (casekit time timer status)."),
    category: str = CATEGORY_OPTION,
    description: str = DESCRIPTION_OPTION,
    hours: str | None = typer.Option(
        None, "--hours", help="Override the measured time (tenths of an hour)."
    ),
    claim: str = CLAIM_OPTION,
    no_charge: bool = NO_CHARGE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Stop a timer and record its time (rounded up to the next tenth of an hour)."""
    from casekit.services.fees import stop_timer

    entry = stop_timer(
        services(),
        timer_id,
        category=category,
        description=description,
        hours=hours,
        claim=claim,
        billable=not no_charge,
    )
    _added(entry, as_json)


@timer_app.command("discard")
def timer_discard(timer_id: int = typer.Argument(..., help="Timer id.")) -> None:
    """Stop a timer without recording any time."""
    from casekit.services.fees import discard_timer

    timer = discard_timer(services(), timer_id)
    typer.echo(f"timer {timer.id} discarded ({timer.timekeeper}, {timer.matter})")
