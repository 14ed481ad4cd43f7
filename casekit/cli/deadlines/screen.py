"""``casekit rules list``, ``casekit screen`` and ``casekit calendar …``."""

from __future__ import annotations

from datetime import date
from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, app, emit_json, parse_date
from casekit.cli.deadlines.common import (
    calendar_app,
    confidence_text,
    day_text,
    open_services,
    plain,
    print_diff,
    rules_app,
)
from casekit.cli.output import listing, print_fields, print_table

# --- rules ----------------------------------------------------------------------------------


DAY_ARG = typer.Argument(..., metavar="DATE", help="The day, YYYY-MM-DD.")


@rules_app.command("list")
def rules_list(as_json: bool = JSON_OPTION) -> None:
    """Every rule in force: id, title, period, citation, confidence (the weakest of period,
    accrual and counting), its readings, any firm override, and the law pack version."""
    from casekit.services.law.rules import law_pack, list_rules

    svc = plain()
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
                confidence_text(r.confidence),
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
    from casekit.domain.reasons import DEFEATS, NEEDS_VERIFY, SUPPORTS
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
    result = screen_incident(plain(), facts, today=day)
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
                f"      {d.rule_id}: due {day_text(d.due)}, act by {day_text(d.safe_target)} "
                f"({d.status}){mark}"
            )
            if d.marshal and not d.expired:
                typer.echo(f"      marshal option: {d.marshal}")
        typer.echo(f"      {c.note}")
    typer.echo(f"law pack {result.law_version}. Not legal advice: check every item marked VERIFY.")


# --- calendar -------------------------------------------------------------------------------


@calendar_app.command("show", hidden=True)
def calendar_show(
    day: str = DAY_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """Whether Connecticut courts are open on DATE, and the open days before and after it."""
    from casekit.services.deadlines.court_calendar import calendar_day

    info = calendar_day(plain(), parse_date(day))
    if as_json:
        emit_json(info)
        return
    when = date.fromisoformat(info["date"])
    state = "open" if info["open"] else f"closed: {info['reason']}"
    typer.echo(f"{day_text(when)}: {state}")
    print_fields(
        [
            ("previous open day", day_text(date.fromisoformat(info["previous_open"]))),
            ("next open day", day_text(date.fromisoformat(info["next_open"]))),
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
    from casekit.services.deadlines.closures import add_closure

    when = parse_date(day)
    svc = open_services()
    diffs = add_closure(svc, when, reason)
    if apply and diffs:
        from casekit.services.deadlines import Selected, apply_selected

        apply_selected(svc, [Selected(n, c) for n, d in diffs.items() for c in d.changes])
    _closure_report(when, "recorded", diffs, as_json, applied=apply)


@calendar_app.command("reopen")
def calendar_reopen(
    day: str = DAY_ARG,
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a closure recorded by mistake and show the deadlines it would move back."""
    from casekit.services.deadlines.closures import remove_closure

    when = parse_date(day)
    diffs = remove_closure(open_services(), when)
    _closure_report(when, "removed", diffs, as_json)


@calendar_app.command("closures")
def calendar_closures(as_json: bool = JSON_OPTION) -> None:
    """The court closures the firm recorded."""
    from casekit.services.deadlines.closures import list_closures

    listing(
        list_closures(open_services()),
        as_json,
        ("date", "reason"),
        lambda r: (day_text(r.date), r.reason),
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
    typer.echo(f"court closure on {day_text(when)} {verb}")
    if not diffs:
        typer.echo("no open deadline moves")
        return
    if applied:
        typer.echo(f"{len(diffs)} matter(s) had deadlines on that day; moved:")
        for diff in diffs.values():
            print_diff(diff, indent="  ")
        return
    typer.echo(f"{len(diffs)} matter(s) have deadlines that would move (nothing moved yet):")
    for number, diff in diffs.items():
        print_diff(diff, indent="  ")
        typer.echo(f"    to accept: casekit deadlines recompute {number} --apply")
    typer.echo(
        "to accept every matter's changes at once: casekit deadlines recompute --all --apply "
        "(or review them one by one in the TUI: U)"
    )
