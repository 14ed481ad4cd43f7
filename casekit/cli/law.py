"""``casekit law …``: the law pack in force, and what it would change in the office's matters."""

from __future__ import annotations

from typing import Any

import typer

from casekit.cli.base import JSON_OPTION, command_group, emit_json, services

law_app = command_group(
    "law",
    "The law pack: every rule casekit applies, with its version and the firm's overrides "
    "(CASEKIT_HOME/law.local.toml and rules.local.toml); 'law check' shows what it would change "
    "in open matters (nothing moves until --apply).",
)


@law_app.command("show")
def law_show(as_json: bool = JSON_OPTION) -> None:
    """The law pack in force: version, effective dates, open questions and firm overrides."""
    from casekit.services.law.pack_info import pack_summary

    summary = pack_summary(_plain())
    if as_json:
        emit_json(summary)
        return
    typer.echo(f"{summary['name']} {summary['law_version']}")
    for item in summary["dates"]:
        typer.echo(f"  {item['id']}: {item['date']}  {item['title']} ({item['confidence']})")
    for item in summary["settings"]:
        firm = "  [firm override]" if item["overridden"] else ""
        typer.echo(f"  setting {item['id']}: {item['value']} ({item['confidence']}){firm}")
    for notice in summary["notices"]:
        typer.echo(f"  notice: {notice['text']} ({notice['confidence']})")
    if summary["overrides"]:
        typer.echo("firm overrides:")
        for line in summary["overrides"]:
            typer.echo(f"  {line}")
    else:
        typer.echo("no firm overrides")


@law_app.command("check")
def law_check(
    matter: str | None = typer.Option(
        None, "--matter", help="Only this matter, e.g. TA-2026-0001 (default: every open matter)."
    ),
    apply: bool = typer.Option(
        False, "--apply", help="Accept the changes shown (stored screenings, deadlines)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Re-screen and recompute open matters against the law pack in force; shows, per matter,
    what would change. Nothing moves until --apply (the audit log records it)."""
    from casekit.services.law.check import law_check as check
    from casekit.services.law.check import law_check_apply

    svc = services()
    report = check(svc, matter)
    if apply:
        report = law_check_apply(svc, matter, expected=report)
    if as_json:
        emit_json({**report.to_dict(), "applied": apply})
        return
    typer.echo(
        f"law pack {report.law_version}; {report.checked} open matter(s) checked; "
        f"last accepted: {report.accepted_version or 'never'}"
    )
    for m in report.matters:
        _print_matter(m)
    unchanged = [n for n in report.outdated if n not in {m.matter for m in report.matters}]
    if unchanged:
        typer.echo(
            f"{len(unchanged)} more matter(s) carry an older law version with nothing to change: "
            + ", ".join(unchanged[:10])
            + (" ..." if len(unchanged) > 10 else "")
        )
    if not report.has_changes:
        typer.echo("nothing to change: every open matter's results come from this law pack")
    elif apply:
        typer.echo(f"accepted: results now come from law pack {report.law_version}")
    else:
        typer.echo(
            "to accept: casekit law check --apply" + (f" --matter {matter}" if matter else "")
        )


def _print_matter(m: Any) -> None:
    """One matter of the law check: its screening and deadline changes."""
    stored = ", ".join(v or "before law versions" for v in m.stored_versions) or "none"
    typer.echo(f"{m.matter} (results from {stored}):")
    for change in m.screening:
        if not change.changed:
            continue
        typer.echo(f"  screening: {change.old_decision or 'not stored'} -> {change.new_decision}")
        for code in change.reasons_added:
            typer.echo(f"    + {code}")
        for code in change.reasons_removed:
            typer.echo(f"    - {code}")
        for code, old, new in change.confidence_changed:
            typer.echo(f"    ~ {code}: {old} -> {new}")
        for claim, old, new in change.claims_changed:
            typer.echo(f"    claim {claim}: {old or '-'} -> {new}")
    for c in m.deadlines.changes:
        typer.echo(f"  deadline {c.kind}: {c.title} ({c.rule_id}): {c.reason}")


def _plain() -> Any:
    from casekit.services.base import build_app_context

    return build_app_context()
