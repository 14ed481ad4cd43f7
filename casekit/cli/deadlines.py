"""``casekit deadlines …``, ``casekit screen``, ``casekit calendar …`` and ``casekit rules list``.

``deadlines calc``, ``screen`` and ``calendar DATE`` need no database: they work on a fresh
machine (the firm's recorded court closures are used when the database exists).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import typer
from typer.core import TyperGroup

from casekit.cli.base import IF_VERSION_OPTION, JSON_OPTION, app, emit_json, parse_date
from casekit.cli.output import print_fields, print_table

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

deadlines_app = typer.Typer(
    no_args_is_help=True,
    help="Deadlines: compute one from a rule, list a matter's, recompute them after a change "
    "(nothing moves until you accept), mark them done or waived, add one by hand.",
)
app.add_typer(deadlines_app, name="deadlines")

rules_app = typer.Typer(
    no_args_is_help=True,
    help="The deadline rules in force (shipped rules plus CASEKIT_HOME/rules.local.toml).",
)
app.add_typer(rules_app, name="rules")


class DateOrCommandGroup(TyperGroup):
    """``casekit calendar DATE`` or ``casekit calendar COMMAND``: a first word that is not a
    sub-command is the date, handled by the hidden ``show`` command."""

    default_command = "show"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-")), None)
        if first is not None and first not in self.commands:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


calendar_app = typer.Typer(
    cls=DateOrCommandGroup,
    no_args_is_help=True,
    subcommand_metavar="DATE | COMMAND [ARGS]...",
    help="Connecticut court days. 'casekit calendar DATE' says whether courts are open that "
    "day (weekends, § 1-4 holidays, Good Friday, recorded closures) and the open days around "
    "it; 'casekit calendar close DATE --reason R' records a closure.",
)
app.add_typer(calendar_app, name="calendar")


# --- helpers --------------------------------------------------------------------------------


def _day(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M} ({_WEEKDAYS[value.weekday()]})"
    if isinstance(value, date):
        return f"{value.isoformat()} ({_WEEKDAYS[value.weekday()]})"
    return str(value)


def _confidence(confidence: str) -> str:
    return confidence if confidence == "confirmed" else f"{confidence}  ** VERIFY **"


def _plain() -> Any:
    """Services without a schema check: for commands that must work before ``casekit init``."""
    from casekit.services.base import build_services

    return build_services()


def _open() -> Any:
    """Services on a current schema (SQLite is created and migrated on first use)."""
    from casekit.services.setup import open_services

    return open_services()


def _print_diff(diff: Any, *, indent: str = "") -> None:
    if not diff.has_changes:
        typer.echo(f"{indent}{diff.matter}: no changes ({diff.unchanged} deadlines unchanged)")
        return
    restated = f", {len(diff.restated)} restated" if diff.restated else ""
    typer.echo(
        f"{indent}{diff.matter}: {len(diff.moved)} moved, {len(diff.added)} added, "
        f"{len(diff.removed)} removed{restated}, {diff.unchanged} unchanged"
    )
    for c in diff.changes:
        marker = "  [VERIFY]" if c.verify else ""
        if c.kind == "moved":
            typer.echo(
                f"{indent}  moved    {c.rule_id}: {c.title}{marker}\n"
                f"{indent}           due {_day(c.old_due)} -> {_day(c.new_due)}; "
                f"safe target {_day(c.old_safe_target)} -> {_day(c.new_safe_target)}\n"
                f"{indent}           why: {c.reason}"
            )
        elif c.kind == "added":
            typer.echo(
                f"{indent}  added    {c.rule_id}: {c.title}{marker}\n"
                f"{indent}           due {_day(c.new_due)}; safe target "
                f"{_day(c.new_safe_target)}; {c.citation} ({c.confidence})"
            )
        elif c.kind == "restated":
            typer.echo(
                f"{indent}  restated {c.rule_id}: {c.title}{marker}\n"
                f"{indent}           due {_day(c.new_due)}; safe target "
                f"{_day(c.new_safe_target)}; {c.citation} ({c.confidence})\n"
                f"{indent}           why: {c.reason}"
            )
        else:
            typer.echo(
                f"{indent}  removed  {c.rule_id}: {c.title} (was due {_day(c.old_due)})\n"
                f"{indent}           why: {c.reason}"
            )


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

    result = calc(_plain(), rule, trigger)
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
            ("trigger", _day(result.trigger)),
            ("due", f"{_day(result.due)}  (legal last day)"),
            ("safe target", f"{_day(result.safe_target)}  (act by)"),
            ("roll", result.roll),
            ("citation", result.citation),
            ("confidence", _confidence(result.confidence)),
            ("firm override", "yes (see the trail)" if result.overridden else ""),
            ("marshal option", result.marshal_option or ""),
        ]
    )
    for reading in result.readings:
        chosen = "  <- used" if reading.chosen else ""
        when = (
            f"due {_day(reading.due)}, act by {_day(reading.safe_target)}"
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
    status: str = typer.Option(
        "open", "--status", help="open (default), done, waived, superseded or all."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """List deadlines by safe target, soonest first (open ones unless --status says otherwise)."""
    from casekit.services.deadlines import list_deadlines

    rows = list_deadlines(_open(), matter=matter, within=within, status=status)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
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
        (
            (
                r.id,
                r.matter,
                r.client,
                r.safe_target,
                r.due,
                r.days_left,
                r.rule_id,
                r.title,
                _confidence(r.confidence),
                f"done {r.completed_on}" if r.status == "done" and r.completed_on else r.status,
            )
            for r in rows
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
    from casekit.errors import InvalidInput
    from casekit.services.deadlines import recompute_apply, recompute_preview

    if every == (matter is not None):
        raise InvalidInput("give a matter number or --all (not both)")
    svc = _open()
    if every:
        _recompute_all(svc, apply, as_json)
        return
    assert matter is not None
    diff = recompute_apply(svc, matter) if apply else recompute_preview(svc, matter)
    if as_json:
        emit_json({**diff.to_dict(), "applied": bool(apply and diff.has_changes)})
        return
    _print_diff(diff)
    if diff.has_changes:
        if apply:
            typer.echo("accepted: the changes above were saved")
        else:
            typer.echo(
                f"nothing saved; to accept: casekit deadlines recompute {diff.matter} --apply"
            )
            from casekit.services.markers import open_marker

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
        _print_diff(diff, indent="  ")
    total = sum(len(d.changes) for d in diffs.values())
    if apply:
        typer.echo(f"accepted: {total} change(s) in {len(diffs)} matter(s) were saved")
    else:
        typer.echo("nothing saved; to accept them all: casekit deadlines recompute --all --apply")


@deadlines_app.command("restore")
def deadlines_restore(
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    apply: bool = typer.Option(
        False, "--apply", help="Restore them (otherwise nothing is written)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore the deadlines closed with a matter that was reopened (computed ones recomputed)."""
    from casekit.services import lifecycle

    svc = _open()
    rows = lifecycle.restore(svc, matter) if apply else lifecycle.restorable(svc, matter)
    if as_json:
        emit_json({"matter": matter, "applied": apply, "deadlines": [d.to_dict() for d in rows]})
        return
    print_table(
        ("id", "safe target", "due", "title"),
        ((str(d.id), _day(d.safe_target), _day(d.due), d.title) for d in rows),
        empty="no deadline was closed with this matter"
        if not apply
        else "nothing to restore (none was closed with the matter, or none applies any more)",
    )
    if rows and not apply:
        typer.echo(f"nothing restored yet; to restore: casekit deadlines restore {matter} --apply")
    elif rows:
        typer.echo(f"restored {len(rows)} deadline(s)")


def _adjust_command(kind: str) -> Any:
    def command(
        deadline_id: int = typer.Argument(..., help="Deadline id (see casekit deadlines list)."),
        to: str = typer.Option(..., "--to", help="The new due date, YYYY-MM-DD."),
        cause: str = typer.Option(..., "--cause", help="Why (an order, a stipulation, a stay)."),
        effective: str | None = typer.Option(
            None, "--effective", help="When it took effect, YYYY-MM-DD (default: today)."
        ),
        citation: str = typer.Option("", "--citation", help="The authority relied on."),
        as_json: bool = JSON_OPTION,
    ) -> None:
        from casekit.services.adjustments import adjust

        row = adjust(_open(), deadline_id, kind, to, cause, effective=effective, citation=citation)
        if as_json:
            emit_json(row.to_dict())
            return
        verb = "tolled" if kind == "toll" else "extended"
        typer.echo(
            f"deadline {row.id} {verb}: due {_day(row.due)}, safe target {_day(row.safe_target)} "
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
    deadline_id: int = typer.Argument(..., help="Deadline id (see casekit deadlines list)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A deadline's tolling and extensions, oldest first."""
    from casekit.services.adjustments import history

    rows = history(_open(), deadline_id)
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
        ("when", "kind", "from", "to", "effective", "cause", "citation", "by"),
        (
            (
                r.made_at,
                r.kind,
                _day(r.old_due),
                _day(r.new_due),
                _day(r.effective_on),
                r.cause,
                r.citation,
                r.made_by,
            )
            for r in rows
        ),
        empty="no tolling or extension recorded",
    )


def _status_command(
    deadline_id: int, status: str, reason: str, as_json: bool, if_version: int | None = None
) -> None:
    from casekit.services.deadlines import set_status, set_status_current

    if if_version is not None:  # the version the user read: a change since is a conflict
        row = set_status(_open(), deadline_id, status, reason, version=if_version)
    else:
        row = set_status_current(_open(), deadline_id, status, reason)
    if as_json:
        emit_json(row.to_dict())
        return
    typer.echo(f"deadline {row.id} ({row.matter}, {row.title}) marked {row.status}: {reason}")


@deadlines_app.command("done")
def deadlines_done(
    deadline_id: int = typer.Argument(..., help="Deadline id (see casekit deadlines list)."),
    reason: str = typer.Option(..., "--reason", help="What was done (e.g. 'notice served 5/1')."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Mark a deadline done; a recompute never moves it again."""
    _status_command(deadline_id, "done", reason, as_json, if_version)


@deadlines_app.command("waive")
def deadlines_waive(
    deadline_id: int = typer.Argument(..., help="Deadline id (see casekit deadlines list)."),
    reason: str = typer.Option(..., "--reason", help="Why it does not apply to this matter."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Waive a deadline (it does not apply); a recompute never moves it again."""
    _status_command(deadline_id, "waived", reason, as_json, if_version)


@deadlines_app.command("reopen")
def deadlines_reopen(
    deadline_id: int = typer.Argument(..., help="Deadline id (see casekit deadlines list)."),
    reason: str = typer.Option("", "--reason", help="Why it is open again."),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Open a done or waived deadline again."""
    _status_command(deadline_id, "open", reason, as_json, if_version)


@deadlines_app.command("keep")
def deadlines_keep(
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    reason: str = typer.Option(
        ..., "--reason", help="Why the deadlines stay as they are (kept with the matter)."
    ),
    if_version: int | None = IF_VERSION_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Keep a matter's deadlines as they are after its incident changed (clears "out of
    date" without accepting the recompute); the reason is stored and audited."""
    from casekit.services.markers import keep

    kept = keep(_open(), matter, reason, version=if_version)
    if as_json:
        emit_json({"matter": matter, "kept": kept, "reason": reason})
        return
    typer.echo(f"{matter}: deadlines kept as they are ({reason}); no longer marked out of date")


@deadlines_app.command("add")
def deadlines_add(
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
    title: str = typer.Option(..., "--title", help="What has to be done."),
    due: str = typer.Option(..., "--due", help="Due date, YYYY-MM-DD."),
    citation: str = typer.Option("", "--citation", help="Where the date comes from."),
    note: str = typer.Option("", "--note", help="A remark kept in the trail."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a deadline by hand (a court order, a stipulation); recomputes never move it."""
    from casekit.services.deadlines import add_manual

    row = add_manual(
        _open(), matter, title, parse_date(due, "due date"), citation=citation, note=note
    )
    if as_json:
        emit_json(row.to_dict())
        return
    typer.echo(f"deadline {row.id} added to {row.matter}: {row.title}")
    print_fields(
        [
            ("due", _day(row.due)),
            ("safe target", _day(row.safe_target)),
            ("citation", row.citation),
            ("confidence", _confidence(row.confidence)),
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
    matter: str = typer.Argument(..., help="Matter number, e.g. TA-2026-0001."),
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
        _open(),
        matter,
        authorization_on=_optional_date(authorization, "authorization date"),
        dismissed_on=_optional_date(dismissal, "dismissal date"),
    )
    if as_json:
        emit_json(diff.to_dict())
        return
    typer.echo(f"{diff.matter}: trigger dates saved")
    _print_diff(diff)
    if diff.has_changes:
        typer.echo(f"to accept: casekit deadlines recompute {diff.matter} --apply")


# --- rules ----------------------------------------------------------------------------------


@rules_app.command("list")
def rules_list(as_json: bool = JSON_OPTION) -> None:
    """Every rule in force: id, title, period, citation, confidence (the weakest of period,
    accrual and counting), its readings, any firm override, and the law pack version."""
    from casekit.services.rules import law_pack, list_rules

    svc = _plain()
    rules = list_rules(svc)
    version = law_pack(svc).version.label
    if as_json:
        emit_json({"law_version": version, "rules": [r.to_dict() for r in rules]})
        return
    typer.echo(f"law pack {version}")
    print_table(
        ("id", "title", "period", "citation", "confidence", "overridden"),
        (
            (
                r.id,
                r.title,
                r.period,
                r.citation,
                _confidence(r.confidence),
                "yes" if r.overridden else "",
            )
            for r in rules
        ),
    )
    for r in rules:
        if r.readings:
            typer.echo(
                f"{r.id}: readings (the earliest safe date is used): {'; '.join(r.readings)}"
            )
        if r.overridden:
            typer.echo(f"{r.id}: {r.override_note}")


# --- screening ------------------------------------------------------------------------------


@app.command("screen")
def screen(
    incident_date: str = typer.Option(
        ..., "--incident-date", help="Date police acted, YYYY-MM-DD."
    ),
    actor: str = typer.Option(
        ...,
        "--actor",
        help="Who acted: municipal_police, state_police, corrections, "
        "criminal_justice, parole_board, ... (an unknown value lists them all).",
    ),
    violation: list[str] = typer.Option(
        [], "--violation", help="Prohibited act, V1..V8 or the full code. Repeat for several."
    ),
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
    today: str | None = typer.Option(
        None,
        "--today",
        help="Decide as of this day, YYYY-MM-DD (claims open or expired on it); default: today.",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Quick Trust Act screen of an incident (nothing is saved): decision, reasons with citation
    and confidence, and every claim with its limitation deadline, open or expired."""
    from casekit.domain.screening import DEFEATS, NEEDS_VERIFY, SUPPORTS
    from casekit.services.casefile.screening import build_facts, screen_incident

    facts = build_facts(
        incident_date=incident_date,
        actor=actor,
        violations=violation,
        judicial_warrant=judicial_warrant,
        convictions=conviction,
        conviction_classes=conviction_class,
        tsdb_match=tsdb_match,
    )
    day = parse_date(today, "--today") if today else None
    result = screen_incident(_plain(), facts, today=day)
    if as_json:
        emit_json(result.to_dict())
        return
    trust_act = next((c for c in result.claims if c.claim == "trust_act"), None)
    label = trust_act.label if trust_act else "Trust Act"
    typer.echo(f"{label} action: {result.trust_act_action.upper()}")
    for notice in result.notices:
        typer.echo(f"NOTICE: {notice.text} ({notice.confidence})")
    marks = {SUPPORTS: "+", DEFEATS: "-", NEEDS_VERIFY: "?"}
    typer.echo("reasons (+ supports, - defeats, ? verify):")
    for r in result.reasons:
        flag = "" if r.confidence == "confirmed" else "  [VERIFY]"
        firm = "  [firm override]" if r.overridden else ""
        typer.echo(f"  {marks.get(r.effect, ' ')} {r.code}: {r.text}")
        typer.echo(f"      {r.citation} ({r.confidence}){flag}{firm}")
    typer.echo("claims (limitation deadline, open or expired):")
    for c in result.claims:
        flag = "" if c.confidence == "confirmed" and c.status != "verify" else "  [VERIFY]"
        typer.echo(f"  {c.status.upper():<13} {c.label}{flag}")
        for d in c.deadlines:
            mark = "" if d.confidence == "confirmed" else f"  [verify: {d.confidence}]"
            typer.echo(
                f"      {d.rule_id}: due {_day(d.due)}, act by {_day(d.safe_target)} "
                f"({d.status}){mark}"
            )
            if d.marshal and not d.expired:
                typer.echo(f"      marshal option: {d.marshal}")
        typer.echo(f"      {c.note}")
    typer.echo(f"law pack {result.law_version}. Not legal advice: check every item marked VERIFY.")


# --- calendar -------------------------------------------------------------------------------


@calendar_app.command("show", hidden=True)
def calendar_show(
    day: str = typer.Argument(..., metavar="DATE", help="The day, YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Whether Connecticut courts are open on DATE, and the open days before and after it."""
    from casekit.services.calendar import calendar_day

    info = calendar_day(_plain(), parse_date(day))
    if as_json:
        emit_json(info)
        return
    when = date.fromisoformat(info["date"])
    state = "open" if info["open"] else f"closed: {info['reason']}"
    typer.echo(f"{_day(when)}: {state}")
    print_fields(
        [
            ("previous open day", _day(date.fromisoformat(info["previous_open"]))),
            ("next open day", _day(date.fromisoformat(info["next_open"]))),
        ]
    )


@calendar_app.command("close")
def calendar_close(
    day: str = typer.Argument(..., metavar="DATE", help="The closed day, YYYY-MM-DD."),
    reason: str = typer.Option(..., "--reason", help="Why courts are closed (storm, order...)."),
    apply: bool = typer.Option(
        False,
        "--apply",
        help="Also accept the moves shown, in every matter (exactly those; one transaction).",
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a court closure and show, per matter, the deadlines it would move (--apply: and
    move them; or later: casekit deadlines recompute --all --apply)."""
    from casekit.services.calendar import add_closure

    when = parse_date(day)
    svc = _open()
    diffs = add_closure(svc, when, reason)
    if apply and diffs:
        from casekit.services.deadlines import Selected, apply_selected

        apply_selected(svc, [Selected(n, c) for n, d in diffs.items() for c in d.changes])
    _closure_report(when, "recorded", diffs, as_json, applied=apply)


@calendar_app.command("reopen")
def calendar_reopen(
    day: str = typer.Argument(..., metavar="DATE", help="The day, YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a closure recorded by mistake and show the deadlines it would move back."""
    from casekit.services.calendar import remove_closure

    when = parse_date(day)
    diffs = remove_closure(_open(), when)
    _closure_report(when, "removed", diffs, as_json)


@calendar_app.command("closures")
def calendar_closures(as_json: bool = JSON_OPTION) -> None:
    """The court closures the firm recorded."""
    from casekit.services.calendar import list_closures

    rows = list_closures(_open())
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(
        ("date", "reason"),
        ((_day(r.date), r.reason) for r in rows),
        empty="no court closures recorded",
    )


def _closure_report(
    when: date, verb: str, diffs: dict[str, Any], as_json: bool, *, applied: bool = False
) -> None:
    if as_json:
        emit_json(
            {
                "date": when.isoformat(),
                "closure": verb,
                "recompute": {number: d.to_dict() for number, d in diffs.items()},
                "applied": bool(applied and diffs),
            }
        )
        return
    typer.echo(f"court closure on {_day(when)} {verb}")
    if not diffs:
        typer.echo("no open deadline moves")
        return
    if applied:
        typer.echo(f"{len(diffs)} matter(s) had deadlines on that day; moved:")
        for diff in diffs.values():
            _print_diff(diff, indent="  ")
        return
    typer.echo(f"{len(diffs)} matter(s) have deadlines that would move (nothing moved yet):")
    for number, diff in diffs.items():
        _print_diff(diff, indent="  ")
        typer.echo(f"    to accept: casekit deadlines recompute {number} --apply")
    typer.echo(
        "to accept every matter's changes at once: casekit deadlines recompute --all --apply "
        "(or review them one by one in the TUI: U)"
    )
