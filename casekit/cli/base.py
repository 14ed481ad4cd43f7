"""What every command shares: the root app, one-line errors, JSON output, argument parsing.

Errors: a :class:`~casekit.errors.CasekitError` prints ``error: <message>`` on stderr and exits
with its code (2 for bad input); a usage error prints one line and exits 2; anything unexpected
prints one line without client data and exits 1. ``CASEKIT_DEBUG=1`` shows the traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any

import typer
from typer.core import TyperGroup

from casekit.errors import CasekitError, InvalidInput

#: Commands that compute, show or move deadlines, or rest on a deadline rule (the 48-hour
#: over-detention count): a mistake in ``rules.local.toml`` stops each of them before it starts
#: (README "Firm rule overrides"), never only the ones that happen to re-read the rules.
#: A first word alone stands for all its sub-commands.
RULE_COMMANDS: frozenset[tuple[str, ...]] = frozenset(
    {
        ("deadlines",),
        ("rules",),
        ("remind",),
        ("demo",),
        ("generate",),
        ("custody",),
        ("records",),
        ("report", "deadlines"),
        ("report", "no-deadline"),
        ("export", "ics"),
        ("calendar", "close"),
        ("calendar", "reopen"),
        ("matter", "add"),
        ("matter", "update"),
        ("matter", "show"),
        ("party", "add"),
        ("party", "remove"),
    }
)


def _command_path(args: Sequence[str]) -> tuple[str, ...]:
    """The first two words of a command line (``("report", "deadlines")``)."""
    return tuple(a for a in args if not a.startswith("-"))[:2]


def check_rules_for(args: Sequence[str]) -> None:
    """Refuse a deadline command while ``rules.local.toml`` is broken (one line, exit 2).

    ``--help`` still works: it computes nothing.
    """
    path = _command_path(args)
    if "--help" in args or not (path[:1] in RULE_COMMANDS or path in RULE_COMMANDS):
        return
    from casekit.services.base import build_services
    from casekit.services.rules import rule_set

    rule_set(build_services())


class CasekitGroup(TyperGroup):
    """The root command group: turns every failure into one line and an exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,  # noqa: ARG002 - always handled here
        **extra: Any,
    ) -> Any:
        try:
            check_rules_for(list(sys.argv[1:] if args is None else args))
            rv = super().main(
                args=args,
                prog_name=prog_name or "casekit",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except typer.Abort:
            fail("aborted; nothing was saved", 1)
        except typer.TyperException as exc:  # click's usage errors (typer vendors click)
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.format_message(), err=True)
                sys.exit(2)
            fail(" ".join(exc.format_message().split()), 2)
        except CasekitError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted; nothing was saved", 130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            if os.environ.get("CASEKIT_DEBUG"):
                raise
            fail(
                f"unexpected internal error ({type(exc).__name__}); nothing was saved. "
                "Set CASEKIT_DEBUG=1 to see details",
                1,
            )
        sys.exit(rv if isinstance(rv, int) else 0)


def fail(message: str, code: int) -> None:
    typer.echo(f"error: {message}", err=True)
    sys.exit(code)


app = typer.Typer(
    cls=CasekitGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="casekit: Connecticut Trust Act (C.G.S. § 54-192h) case management. "
    "Run without a command to open the terminal UI. Not legal advice: every rule shows its "
    "citation and confidence.",
)

JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON.")


def services() -> Any:
    """The services for this process, with the schema checked (on SQLite, created or migrated on
    first use). Imported lazily so `--help` stays fast."""
    from casekit.services.setup import open_services

    return open_services()


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(type(value).__name__)


def parse_date(text: str, what: str = "date") -> date:
    """An ISO date, or a one-line error naming what was wrong."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"{what} '{text}' is not a real date (expected YYYY-MM-DD)") from None
