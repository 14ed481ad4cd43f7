"""Fees, costs and resolution: ``casekit timekeeper|rate|time|cost|fees|resolution ...`` and
``casekit report fees``.

Thin over :mod:`casekit.services.fees`, :mod:`.costs`, :mod:`.fee_petition` and
:mod:`.resolution`. Hours are typed in tenths (``1.5``, or ``0:45`` rounded up to the next tenth)
and money in dollars (``405.00``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, app, emit_json, parse_date, services
from casekit.cli.output import note, print_fields, print_table
from casekit.cli.reports import (
    OUTPUT_OPTION,
    _check_format,
    _emit,
    _need_output,
    _rich_table,
    _table_text,
    report_app,
)

timekeeper_app = typer.Typer(
    no_args_is_help=True,
    help="The people whose time is billed: attorneys, paralegals and law clerks.",
)
rate_app = typer.Typer(
    no_args_is_help=True,
    help="Hourly rates per timekeeper from a date on, each with its source (affidavit, survey).",
)
time_app = typer.Typer(
    no_args_is_help=True,
    help="Time entries on a matter, in tenths of an hour. Entries a fee petition includes are "
    "locked: correct them with 'casekit time correct'.",
)
timer_app = typer.Typer(
    no_args_is_help=True, help="A running timer on a matter (it survives restarts)."
)
cost_app = typer.Typer(
    no_args_is_help=True,
    help="Costs on a matter (filing and marshal's fees, transcripts, experts, FOI copy fees), "
    "with receipts kept in the evidence vault.",
)
fees_app = typer.Typer(
    no_args_is_help=True,
    help="Fee petitions: issue one (it locks the entries and costs it includes), list them.",
)
resolution_app = typer.Typer(
    no_args_is_help=True,
    help="The resolution log: demands, offers, settlement terms, judgments; close a matter with "
    "its outcome.",
)
app.add_typer(timekeeper_app, name="timekeeper")
app.add_typer(rate_app, name="rate")
app.add_typer(time_app, name="time")
time_app.add_typer(timer_app, name="timer")
app.add_typer(cost_app, name="cost")
app.add_typer(fees_app, name="fees")
app.add_typer(resolution_app, name="resolution")

MATTER_ARG = typer.Argument(..., help="Matter number, e.g. TA-2026-0001.")


def _date(value: str | None, what: str) -> date | None:
    return parse_date(value, what) if value is not None else None


def _opt_date(value: str | None, what: str) -> Any:
    """A date option for an edit: absent keeps the value."""
    from casekit.services.fees import KEEP

    return KEEP if value is None else parse_date(value, what)


def _keep(value: Any) -> Any:
    from casekit.services.fees import KEEP

    return KEEP if value is None else value


def _money(value: str | None, what: str) -> int | None:
    from casekit.domain.fees import parse_money

    return None if value is None else parse_money(value, what)


def _print_entries(entries: list[Any], empty: str = "no time entries") -> None:
    from casekit.domain.fees import money_text

    print_table(
        ("id", "date", "timekeeper", "hours", "task", "claim", "value", "status", "description"),
        (
            (
                e.id,
                e.worked_on,
                e.timekeeper,
                e.hours,
                e.category,
                e.claim or "all",
                money_text(e.value_cents) if e.value_cents is not None else "no rate",
                _status(e),
                e.description,
            )
            for e in entries
        ),
        empty=empty,
    )


def _status(entry: Any) -> str:
    words = []
    if entry.exclusion:
        words.append(entry.exclusion)
    if entry.corrects_id is not None:
        words.append(f"{'reverses' if entry.tenths < 0 else 'replaces'} #{entry.corrects_id}")
    if entry.petitions:
        words.append("locked (petition " + ", ".join(str(n) for n in entry.petitions) + ")")
    return "; ".join(words)


# --- timekeepers and rates ----------------------------------------------------------------------


@timekeeper_app.command("add")
def timekeeper_add(
    name: str = typer.Option(..., "--name", help="Full name, as it will appear in fee exhibits."),
    role: str = typer.Option("paralegal", "--role", help="attorney, paralegal or law_clerk."),
    juris: str = typer.Option("", "--juris", help="Juris number (required for an attorney)."),
    email: str = typer.Option("", "--email", help="E-mail address."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a paralegal, law clerk or attorney whose time is billed."""
    from casekit.services.fees import add_timekeeper

    added = add_timekeeper(services(), name=name, role=role, juris=juris, email=email)
    if as_json:
        emit_json(added.to_dict())
        return
    typer.echo(f"timekeeper {added.id} added: {added.name} ({added.role})")


@timekeeper_app.command("list")
def timekeeper_list(as_json: bool = JSON_OPTION) -> None:
    """Every attorney, paralegal and law clerk."""
    from casekit.services.fees import list_timekeepers

    rows = list_timekeepers(services())
    if as_json:
        emit_json([t.to_dict() for t in rows])
        return
    print_table(
        ("id", "name", "role", "juris", "active"),
        ((t.id, t.name, t.role, t.juris_number, t.active) for t in rows),
        empty="no timekeepers yet (casekit attorney add ..., casekit timekeeper add ...)",
    )


@rate_app.command("add")
def rate_add(
    timekeeper: str = typer.Argument(..., help="Timekeeper name or id."),
    rate: str = typer.Option(..., "--rate", help="Hourly rate in dollars, e.g. 350 or 375.00."),
    effective: str = typer.Option(..., "--from", help="First day the rate applies (YYYY-MM-DD)."),
    source: str = typer.Option(
        ..., "--source", help="Where the rate comes from: affidavit, fee survey, prior award."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record an hourly rate; work on or after --from is valued at it until the next rate."""
    from casekit.services.fees import add_rate

    cents = _money(rate, "rate")
    assert cents is not None
    added = add_rate(
        services(),
        timekeeper,
        cents_per_hour=cents,
        effective_from=parse_date(effective, "--from"),
        source=source,
    )
    if as_json:
        emit_json(added.to_dict())
        return
    typer.echo(
        f"rate {added.id} added: {added.timekeeper} {added.rate}/hour from "
        f"{added.effective_from.isoformat()}"
    )


@rate_app.command("list")
def rate_list(
    timekeeper: str | None = typer.Argument(None, help="Only this timekeeper."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Rates by timekeeper and date, with their sources."""
    from casekit.services.fees import list_rates

    rows = list_rates(services(), timekeeper)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
        ("id", "timekeeper", "from", "rate", "source"),
        ((r.id, r.timekeeper, r.effective_from, r.rate, r.source) for r in rows),
        empty="no rates yet (casekit rate add TIMEKEEPER --rate R --from D --source S)",
    )


@rate_app.command("remove")
def rate_remove(rate_id: int = typer.Argument(..., help="Rate id (casekit rate list).")) -> None:
    """Remove a rate entered by mistake (issued petitions keep the rates they claimed)."""
    from casekit.services.fees import remove_rate

    removed = remove_rate(services(), rate_id)
    typer.echo(f"rate {removed.id} removed ({removed.timekeeper}, from {removed.effective_from})")


# --- time entries -------------------------------------------------------------------------------

CATEGORY_HELP = "investigation, foi, pleadings, discovery, motions, trial or fee_petition."
CLAIM_HELP = "The claim it served (one of the matter's claims, e.g. trust_act), or all."


@time_app.command("add")
def time_add(
    matter: str = MATTER_ARG,
    timekeeper: str = typer.Option(..., "--timekeeper", "-t", help="Name or id."),
    hours: str = typer.Option(..., "--hours", help="Tenths of an hour: 1.5, 0.3, or 0:45."),
    category: str = typer.Option(..., "--category", help=CATEGORY_HELP),
    description: str = typer.Option(..., "--description", "-d", help="What was done."),
    on: str | None = typer.Option(None, "--date", help="Day of the work (default today)."),
    claim: str = typer.Option("all", "--claim", help=CLAIM_HELP),
    no_charge: bool = typer.Option(False, "--no-charge", help="Recorded but not billed."),
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
        worked_on=_date(on, "--date"),
        claim=claim,
        billable=not no_charge,
        unrelated=unrelated,
    )
    if as_json:
        emit_json(entry.to_dict())
        return
    typer.echo(
        f"time entry {entry.id} added: {entry.hours} h by {entry.timekeeper} on {entry.matter}"
    )
    if entry.value_cents is None:
        note(f"{entry.timekeeper} has no rate on {entry.worked_on}: add one with casekit rate add")


@time_app.command("list")
def time_list(
    matter: str = MATTER_ARG,
    through: str | None = typer.Option(None, "--through", help="Last day (YYYY-MM-DD)."),
    since: str | None = typer.Option(None, "--from", help="First day (YYYY-MM-DD)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's time entries with value at the rate in effect, exclusions and locks."""
    from casekit.services.fees import list_time_entries

    entries = list_time_entries(
        services(), matter, through=_date(through, "--through"), since=_date(since, "--from")
    )
    if as_json:
        emit_json([e.to_dict() for e in entries])
        return
    _print_entries(entries)


@time_app.command("edit")
def time_edit(
    entry_id: int = typer.Argument(..., help="Entry id (casekit time list MATTER)."),
    timekeeper: str | None = typer.Option(None, "--timekeeper", "-t", help="Name or id."),
    hours: str | None = typer.Option(None, "--hours", help="Tenths of an hour."),
    category: str | None = typer.Option(None, "--category", help=CATEGORY_HELP),
    description: str | None = typer.Option(None, "--description", "-d", help="What was done."),
    on: str | None = typer.Option(None, "--date", help="Day of the work."),
    claim: str | None = typer.Option(None, "--claim", help=CLAIM_HELP),
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

    entry = edit_time_entry(
        services(),
        entry_id,
        worked_on=_opt_date(on, "--date"),
        timekeeper=_keep(timekeeper),
        hours=_keep(hours),
        category=_keep(category),
        claim=_keep(claim),
        description=_keep(description),
        billable=_keep(billable),
        unrelated=_keep(unrelated),
    )
    if as_json:
        emit_json(entry.to_dict())
        return
    typer.echo(f"time entry {entry.id} saved")


@time_app.command("remove")
def time_remove(
    entry_id: int = typer.Argument(..., help="Entry id (casekit time list MATTER)."),
) -> None:
    """Delete an entry no fee petition includes (the audit log keeps what it said)."""
    from casekit.services.fees import remove_time_entry

    removed = remove_time_entry(services(), entry_id)
    typer.echo(f"time entry {removed.id} removed ({removed.hours} h, {removed.matter})")


@time_app.command("correct")
def time_correct(
    entry_id: int = typer.Argument(..., help="The locked entry to correct."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the new entries)."),
    drop: bool = typer.Option(False, "--drop", help="Reverse it with no replacement."),
    timekeeper: str | None = typer.Option(None, "--timekeeper", "-t", help="Name or id."),
    hours: str | None = typer.Option(None, "--hours", help="Tenths of an hour."),
    category: str | None = typer.Option(None, "--category", help=CATEGORY_HELP),
    description: str | None = typer.Option(None, "--description", "-d", help="What was done."),
    on: str | None = typer.Option(None, "--date", help="Day of the work."),
    claim: str | None = typer.Option(None, "--claim", help=CLAIM_HELP),
    billable: bool | None = typer.Option(None, "--billable/--no-charge", help="Billed or not."),
    unrelated: bool | None = typer.Option(None, "--unrelated/--related", help="Unrelated or not."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct an entry a fee petition includes: a reversal plus a replacement, both visible."""
    from casekit.services.fees import correct_time_entry

    made = correct_time_entry(
        services(),
        entry_id,
        reason=reason,
        drop=drop,
        worked_on=_opt_date(on, "--date"),
        timekeeper=_keep(timekeeper),
        hours=_keep(hours),
        category=_keep(category),
        claim=_keep(claim),
        description=_keep(description),
        billable=_keep(billable),
        unrelated=_keep(unrelated),
    )
    if as_json:
        emit_json([e.to_dict() for e in made])
        return
    for entry in made:
        kind = "reversal" if entry.tenths < 0 else "replacement"
        typer.echo(f"time entry {entry.id} added: {kind} of #{entry_id} ({entry.hours} h)")


# --- the timer ----------------------------------------------------------------------------------


@timer_app.command("start")
def timer_start(
    matter: str = MATTER_ARG,
    timekeeper: str = typer.Option(..., "--timekeeper", "-t", help="Name or id."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Start a timer (one per timekeeper; its start is saved, so it survives a restart)."""
    from casekit.services.fees import start_timer

    timer = start_timer(services(), matter, timekeeper=timekeeper)
    if as_json:
        emit_json(timer.to_dict())
        return
    typer.echo(f"timer {timer.id} started for {timer.timekeeper} on {timer.matter}")


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


def _local(moment: Any) -> str:
    from casekit.domain.calendar import LOCAL_TZ

    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"


@timer_app.command("stop")
def timer_stop(
    timer_id: int = typer.Argument(..., help="Timer id (casekit time timer status)."),
    category: str = typer.Option(..., "--category", help=CATEGORY_HELP),
    description: str = typer.Option(..., "--description", "-d", help="What was done."),
    hours: str | None = typer.Option(
        None, "--hours", help="Override the measured time (tenths of an hour)."
    ),
    claim: str = typer.Option("all", "--claim", help=CLAIM_HELP),
    no_charge: bool = typer.Option(False, "--no-charge", help="Recorded but not billed."),
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
    if as_json:
        emit_json(entry.to_dict())
        return
    typer.echo(
        f"time entry {entry.id} added: {entry.hours} h by {entry.timekeeper} on {entry.matter}"
    )


@timer_app.command("discard")
def timer_discard(timer_id: int = typer.Argument(..., help="Timer id.")) -> None:
    """Stop a timer without recording any time."""
    from casekit.services.fees import discard_timer

    timer = discard_timer(services(), timer_id)
    typer.echo(f"timer {timer.id} discarded ({timer.timekeeper}, {timer.matter})")


# --- costs --------------------------------------------------------------------------------------

KIND_HELP = "filing_fee, marshal_fee, transcript, expert, foi_copy_fee or other."


def _print_costs(costs: list[Any]) -> None:
    print_table(
        ("id", "date", "kind", "amount", "receipt", "status", "description"),
        (
            (
                c.id,
                c.incurred_on,
                c.kind,
                c.amount,
                c.receipt_sha256[:12] if c.receipt_sha256 else "none",
                "; ".join(
                    w
                    for w in (
                        "" if c.billable else "not claimed",
                        f"corrects #{c.corrects_id}" if c.corrects_id else "",
                        "locked (petition " + ", ".join(map(str, c.petitions)) + ")"
                        if c.petitions
                        else "",
                    )
                    if w
                ),
                c.description,
            )
            for c in costs
        ),
        empty="no costs",
    )


@cost_app.command("add")
def cost_add(
    matter: str = MATTER_ARG,
    kind: str = typer.Option(..., "--kind", help=KIND_HELP),
    amount: str = typer.Option(..., "--amount", help="Dollars, e.g. 360.00."),
    description: str = typer.Option(..., "--description", "-d", help="What it paid for."),
    on: str | None = typer.Option(None, "--date", help="When it was paid (default today)."),
    receipt: Path | None = typer.Option(
        None, "--receipt", help="The receipt file: stored in the evidence vault by its hash."
    ),
    not_claimed: bool = typer.Option(False, "--not-claimed", help="Recorded but not claimed."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a cost, with its receipt kept in the evidence vault."""
    from casekit.services.costs import add_cost

    cost = add_cost(
        services(),
        matter,
        kind=kind,
        amount=amount,
        description=description,
        incurred_on=_date(on, "--date"),
        billable=not not_claimed,
        receipt=receipt,
    )
    if as_json:
        emit_json(cost.to_dict())
        return
    typer.echo(f"cost {cost.id} added: {cost.amount} ({cost.kind}) on {cost.matter}")
    if cost.receipt_sha256:
        typer.echo(f"receipt stored as evidence #{cost.evidence_id}, sha256 {cost.receipt_sha256}")


@cost_app.command("list")
def cost_list(
    matter: str = MATTER_ARG,
    through: str | None = typer.Option(None, "--through", help="Last day (YYYY-MM-DD)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A matter's costs with their receipts' hashes."""
    from casekit.services.costs import list_costs

    costs = list_costs(services(), matter, through=_date(through, "--through"))
    if as_json:
        emit_json([c.to_dict() for c in costs])
        return
    _print_costs(costs)


@cost_app.command("edit")
def cost_edit(
    cost_id: int = typer.Argument(..., help="Cost id (casekit cost list MATTER)."),
    kind: str | None = typer.Option(None, "--kind", help=KIND_HELP),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    description: str | None = typer.Option(None, "--description", "-d", help="What it paid for."),
    on: str | None = typer.Option(None, "--date", help="When it was paid."),
    receipt: Path | None = typer.Option(None, "--receipt", help="Attach the receipt file."),
    claimed: bool | None = typer.Option(None, "--claimed/--not-claimed", help="Claim it or not."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Change a cost no fee petition includes, or attach its receipt."""
    from casekit.services.costs import edit_cost

    cost = edit_cost(
        services(),
        cost_id,
        kind=_keep(kind),
        amount=_keep(amount),
        description=_keep(description),
        incurred_on=_opt_date(on, "--date"),
        billable=_keep(claimed),
        receipt=_keep(receipt),
    )
    if as_json:
        emit_json(cost.to_dict())
        return
    typer.echo(f"cost {cost.id} saved")


@cost_app.command("remove")
def cost_remove(cost_id: int = typer.Argument(..., help="Cost id.")) -> None:
    """Delete a cost no fee petition includes (its receipt stays in the vault)."""
    from casekit.services.costs import remove_cost

    removed = remove_cost(services(), cost_id)
    typer.echo(f"cost {removed.id} removed ({removed.amount}, {removed.matter})")


@cost_app.command("correct")
def cost_correct(
    cost_id: int = typer.Argument(..., help="The locked cost to correct."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the new rows)."),
    drop: bool = typer.Option(False, "--drop", help="Reverse it with no replacement."),
    kind: str | None = typer.Option(None, "--kind", help=KIND_HELP),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    description: str | None = typer.Option(None, "--description", "-d", help="What it paid for."),
    on: str | None = typer.Option(None, "--date", help="When it was paid."),
    claimed: bool | None = typer.Option(None, "--claimed/--not-claimed", help="Claim it or not."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Correct a cost a fee petition includes: a reversal plus a replacement."""
    from casekit.services.costs import correct_cost

    made = correct_cost(
        services(),
        cost_id,
        reason=reason,
        drop=drop,
        kind=_keep(kind),
        amount=_keep(amount),
        description=_keep(description),
        incurred_on=_opt_date(on, "--date"),
        billable=_keep(claimed),
    )
    if as_json:
        emit_json([c.to_dict() for c in made])
        return
    for cost in made:
        kind_word = "reversal" if cost.cents < 0 else "replacement"
        typer.echo(f"cost {cost.id} added: {kind_word} of #{cost_id} ({cost.amount})")


# --- fee petitions and the report ---------------------------------------------------------------


@fees_app.command("petition")
def fees_petition(
    matter: str = MATTER_ARG,
    through: str = typer.Option(..., "--through", help="Last day of work and costs (YYYY-MM-DD)."),
    since: str | None = typer.Option(
        None, "--from", help="First day (a supplemental petition); default: from the beginning."
    ),
    declarant: str | None = typer.Option(
        None, "--declarant", help="The attorney who signs (default: the matter's attorney)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Issue a fee petition: record and lock its entries and costs, write the Word exhibit."""
    from casekit.domain.fees import money_text, tenths_text
    from casekit.services.fee_petition import issue_petition

    petition = issue_petition(
        services(),
        matter,
        through=parse_date(through, "--through"),
        since=_date(since, "--from"),
        declarant=declarant,
    )
    if as_json:
        emit_json(petition.to_dict())
        return
    typer.echo(
        f"fee petition {petition.number} issued for {petition.matter} through "
        f"{petition.through.isoformat()}: {tenths_text(petition.hours_tenths)} h, "
        f"{money_text(petition.lodestar_cents)} fees + {money_text(petition.costs_cents)} costs "
        f"= {money_text(petition.total_cents)}"
    )
    typer.echo(f"{petition.entries} time entries and {petition.costs} costs are now locked")
    typer.echo(f"exhibit: {petition.path} (sha256 {petition.sha256})")


@fees_app.command("list")
def fees_list(matter: str = MATTER_ARG, as_json: bool = JSON_OPTION) -> None:
    """A matter's issued fee petitions."""
    from casekit.domain.fees import money_text, tenths_text
    from casekit.services.fee_petition import list_petitions

    rows = list_petitions(services(), matter)
    if as_json:
        emit_json([p.to_dict() for p in rows])
        return
    print_table(
        ("number", "through", "issued", "by", "hours", "fees", "costs", "total", "exhibit"),
        (
            (
                p.number,
                p.through,
                p.issued_on,
                p.issued_by,
                tenths_text(p.hours_tenths),
                money_text(p.lodestar_cents),
                money_text(p.costs_cents),
                money_text(p.total_cents),
                p.path,
            )
            for p in rows
        ),  # fmt: skip
        empty="no fee petition issued yet (casekit fees petition MATTER --through DATE)",
    )


@report_app.command("fees")
def report_fees(
    matter: str = MATTER_ARG,
    through: str | None = typer.Option(
        None, "--through", help="Last day of work and costs (default today)."
    ),
    since: str | None = typer.Option(None, "--from", help="First day (default: the beginning)."),
    petition: int | None = typer.Option(
        None, "--petition", help="Reproduce issued fee petition N exactly."
    ),
    fmt: str = typer.Option("table", "--format", help="table, md, docx, csv or json."),
    output: Path | None = OUTPUT_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fees and costs of a matter: hours and lodestar by timekeeper and task, exclusions, costs,
    totals; docx is the exhibit for a fee motion, csv opens in Excel (UTF-8 with BOM)."""
    from casekit.services import fee_petition as fp

    fmt = "json" if as_json else fmt
    fmt = _check_format(fmt, ("table", "md", "docx", "csv", "json"))
    if petition is not None and (through is not None or since is not None):
        from casekit.errors import InvalidInput

        raise InvalidInput("--petition reproduces an issued petition: leave out --through/--from")
    svc = services()
    report = fp.fee_report(
        svc,
        matter,
        through=_date(through, "--through"),
        since=_date(since, "--from"),
        petition=petition,
    )
    if fmt == "md":
        _emit(fp.fees_markdown(report).encode("utf-8"), output)
    elif fmt == "csv":
        data = fp.fees_csv(report)
        if output is None:  # the byte-order mark is for Excel, not for a terminal
            data = data.removeprefix(fp.UTF8_BOM.encode("utf-8"))
        _emit(data, output)
    elif fmt == "json":
        _emit(fp.fees_json(report), output)
    elif fmt == "docx":
        path = fp.fees_docx(svc, report, _need_output(fmt, output))
        typer.echo(f"wrote {path}", err=True)
    else:
        _table_text(lambda console: _draw_fees(console, report), output)


def _draw_fees(console: Any, report: Any) -> None:
    from casekit.domain import fees

    s = report.summary
    period = f"{s.since} to {s.through}" if s.since else f"through {s.through}"
    state = (
        f"fee petition {report.petition.number} (issued {report.petition.issued_on})"
        if report.petition
        else "draft (not issued)"
    )
    console.print(f"Fees and costs {report.matter}, {period}: {state}")
    if s.missing_rates:
        console.print(
            f"WARNING: {len(s.missing_rates)} entries have no rate in effect on their date "
            "(valued at nothing): casekit rate add"
        )
    console.print(
        _rich_table(
            "By timekeeper",
            ("Timekeeper", "Role", "Hours", "Rate(s)", "Lodestar", "Excluded h"),
            [
                (t.name, t.role, fees.tenths_text(t.tenths),
                 "; ".join(fees.money_text(r) for r in t.rates),
                 fees.money_text(t.value_cents), fees.tenths_text(t.excluded_tenths))
                for t in s.by_timekeeper
            ],
        )
    )  # fmt: skip
    console.print(
        _rich_table(
            "By task",
            ("Task", "Hours", "Lodestar"),
            [
                (fees.CATEGORY_LABELS.get(c.category, c.category), fees.tenths_text(c.tenths),
                 fees.money_text(c.value_cents))
                for c in s.by_category
            ],
        )
    )  # fmt: skip
    if s.excluded:
        console.print(
            _rich_table(
                f"Exclusions ({len(s.excluded)})",
                ("#", "Date", "Timekeeper", "Hours", "Value", "Reason"),
                [
                    (x.entry.id, x.entry.worked_on, x.entry.timekeeper,
                     fees.tenths_text(x.entry.tenths), fees.money_text(x.value_cents), x.excluded)
                    for x in s.excluded
                ],
            )
        )  # fmt: skip
    if s.costs:
        console.print(
            _rich_table(
                f"Costs ({len(s.costs)})",
                ("#", "Date", "Kind", "Amount", "Receipt"),
                [
                    (c.id, c.incurred_on, fees.COST_LABELS.get(c.kind, c.kind),
                     fees.money_text(c.cents), c.receipt_sha256[:12] or "none")
                    for c in s.costs
                ],
            )
        )  # fmt: skip
    print_fields(
        [
            ("hours", fees.tenths_text(s.hours_tenths)),
            ("lodestar", fees.money_text(s.lodestar_cents)),
            ("excluded", f"{fees.tenths_text(s.excluded_tenths)} h "
                         f"({fees.money_text(s.excluded_value_cents)})"),
            ("costs", fees.money_text(s.costs_cents)),
            ("total", fees.money_text(s.total_cents)),
            ("entries", f"{len(s.lines)} (casekit time list {report.matter}; "
                        "--format md|csv|docx for all of them)"),
        ]
    )  # fmt: skip


# --- resolution ---------------------------------------------------------------------------------


def _print_recompute(diff: Any, matter: str) -> None:
    if diff is None:
        return
    from casekit.cli.deadlines import _print_diff

    _print_diff(diff)
    if diff.has_changes:
        typer.echo(f"to accept: casekit deadlines recompute {matter} --apply")


@resolution_app.command("add")
def resolution_add(
    matter: str = MATTER_ARG,
    kind: str = typer.Option(..., "--kind", help="demand, offer, settlement or judgment."),
    on: str | None = typer.Option(None, "--date", help="Made, agreed or entered (default today)."),
    side: str = typer.Option(
        "", "--side", help="plaintiff or defendant: who made it; for a judgment, in whose favour."
    ),
    party: str | None = typer.Option(None, "--party", help="Which party (name or id), optional."),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    terms: str = typer.Option("", "--terms", help="Terms in words."),
    injunctive: str = typer.Option("", "--injunctive", help="Injunctive terms (policy, training)."),
    expires: str | None = typer.Option(None, "--expires", help="When a demand or offer lapses."),
    court: str = typer.Option("", "--court", help="For a judgment: state or federal."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a demand, offer, settlement or judgment (a judgment starts the fee-motion clock)."""
    from casekit.services.deadlines.resolution import add_resolution

    recorded = add_resolution(
        services(),
        matter,
        kind=kind,
        dated=_date(on, "--date"),
        side=side,
        party=party,
        amount=amount,
        terms=terms,
        injunctive_terms=injunctive,
        expires_on=_date(expires, "--expires"),
        court=court,
    )
    e = recorded.event
    if as_json:
        out = e.to_dict()
        if recorded.recompute is not None:
            out["recompute"] = recorded.recompute.to_dict()
        emit_json(out)
        return
    typer.echo(f"{e.kind} {e.id} recorded on {e.matter}")
    _print_recompute(recorded.recompute, e.matter)


@resolution_app.command("list")
def resolution_list(matter: str = MATTER_ARG, as_json: bool = JSON_OPTION) -> None:
    """A matter's resolution log, oldest first."""
    from casekit.services.deadlines.resolution import list_resolution

    rows = list_resolution(services(), matter)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
        ("id", "date", "kind", "side", "amount", "expires", "status", "court", "terms"),
        (
            (
                r.id,
                r.dated,
                r.kind,
                r.side,
                r.amount,
                r.expires_on,
                r.status,
                r.court,
                " / ".join(t for t in (r.terms, r.injunctive_terms) if t),
            )
            for r in rows
        ),  # fmt: skip
        empty="nothing recorded yet (casekit resolution add MATTER --kind offer ...)",
    )


@resolution_app.command("update")
def resolution_update(
    event_id: int = typer.Argument(..., help="Entry id (casekit resolution list MATTER)."),
    status: str | None = typer.Option(
        None, "--status", help="open, accepted, rejected, withdrawn or expired."
    ),
    expires: str | None = typer.Option(None, "--expires", help="A new expiry (YYYY-MM-DD)."),
    terms: str | None = typer.Option(None, "--terms", help="Terms in words."),
    injunctive: str | None = typer.Option(None, "--injunctive", help="Injunctive terms."),
    amount: str | None = typer.Option(None, "--amount", help="Dollars."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Move a demand or offer (accepted, rejected, withdrawn, expired) or correct an entry."""
    from casekit.services.deadlines.resolution import update_resolution

    recorded = update_resolution(
        services(),
        event_id,
        status=_keep(status),
        expires_on=_opt_date(expires, "--expires"),
        terms=_keep(terms),
        injunctive_terms=_keep(injunctive),
        amount=_keep(amount),
    )
    if as_json:
        emit_json(recorded.event.to_dict())
        return
    typer.echo(f"{recorded.event.kind} {recorded.event.id} saved")


@resolution_app.command("remove")
def resolution_remove(event_id: int = typer.Argument(..., help="Entry id.")) -> None:
    """Remove an entry recorded by mistake (the audit log keeps it)."""
    from casekit.services.deadlines.resolution import remove_resolution

    recorded = remove_resolution(services(), event_id)
    typer.echo(f"{recorded.event.kind} {recorded.event.id} removed from {recorded.event.matter}")
    _print_recompute(recorded.recompute, recorded.event.matter)


@resolution_app.command("close")
def resolution_close(
    matter: str = MATTER_ARG,
    outcome: str = typer.Option(
        ..., "--outcome", help="injunction, settlement, judgment, dismissal or declined."
    ),
    on: str | None = typer.Option(None, "--date", help="Closing date (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Close a matter with its outcome (counted by the caseload and agencies reports)."""
    from casekit.services.deadlines.resolution import close_matter

    closed = close_matter(services(), matter, outcome=outcome, closed_on=_date(on, "--date"))
    if as_json:
        emit_json(closed.to_dict())
        return
    typer.echo(f"{closed.matter} {closed.status} on {closed.closed_on}: {closed.outcome}")
