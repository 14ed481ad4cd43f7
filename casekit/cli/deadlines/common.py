"""The ``deadlines``, ``rules`` and ``calendar`` command groups, and the helpers their commands
share (day formatting, the recompute diff as text, services with or without a schema check)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import typer
from typer.core import TyperGroup

from casekit.cli.base import app, command_group

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

deadlines_app = command_group(
    "deadlines",
    "Deadlines: compute one from a rule, list a matter's, recompute them after a change "
    "(nothing moves until you accept), mark them done or waived, add one by hand.",
)

rules_app = command_group(
    "rules", "The deadline rules in force (shipped rules plus CASEKIT_HOME/rules.local.toml)."
)


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


def day_text(value: Any) -> str:
    """A date (or date and time) with its weekday, "-" for none."""
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M} ({_WEEKDAYS[value.weekday()]})"
    if isinstance(value, date):
        return f"{value.isoformat()} ({_WEEKDAYS[value.weekday()]})"
    return str(value)


def confidence_text(confidence: str) -> str:
    """The confidence, flagged VERIFY unless confirmed."""
    return confidence if confidence == "confirmed" else f"{confidence}  ** VERIFY **"


def plain() -> Any:
    """The app context without a schema check (commands that must work before ``casekit init``)."""
    from casekit.services.base import build_app_context

    return build_app_context()


def open_services() -> Any:
    """The app context on a current schema (SQLite is created and migrated on first use)."""
    from casekit.services.setup import open_services as opened

    return opened()


def print_diff(diff: Any, *, indent: str = "") -> None:
    """A recompute preview as text, one change per block."""
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
                f"{indent}           due {day_text(c.old_due)} -> {day_text(c.new_due)}; "
                f"safe target {day_text(c.old_safe_target)} -> {day_text(c.new_safe_target)}\n"
                f"{indent}           why: {c.reason}"
            )
        elif c.kind == "added":
            typer.echo(
                f"{indent}  added    {c.rule_id}: {c.title}{marker}\n"
                f"{indent}           due {day_text(c.new_due)}; safe target "
                f"{day_text(c.new_safe_target)}; {c.citation} ({c.confidence})"
            )
        elif c.kind == "restated":
            typer.echo(
                f"{indent}  restated {c.rule_id}: {c.title}{marker}\n"
                f"{indent}           due {day_text(c.new_due)}; safe target "
                f"{day_text(c.new_safe_target)}; {c.citation} ({c.confidence})\n"
                f"{indent}           why: {c.reason}"
            )
        else:
            typer.echo(
                f"{indent}  removed  {c.rule_id}: {c.title} (was due {day_text(c.old_due)})\n"
                f"{indent}           why: {c.reason}"
            )


# --- deadlines ------------------------------------------------------------------------------
