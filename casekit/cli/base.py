"""What every command shares: the root app, one-line errors, JSON output, argument parsing.

Errors: a :class:`~casekit.errors.CasekitError` prints ``error: <message>`` on stderr and exits
with its code (2 for bad input); a usage error prints one line and exits 2; anything unexpected
prints one line without client data and exits 1. ``CASEKIT_DEBUG=1`` shows the traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import IO, Any

import typer
from typer.core import TyperGroup

from casekit import config
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
    from casekit.services.base import build_app_context
    from casekit.services.law.rules import rule_set

    rule_set(build_app_context())


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
        argv = list(sys.argv[1:] if args is None else args)
        bound_numbers(self)
        # The terminal UI (no command) owns the screen; every command's output is filtered.
        streams = (sys.stdout, sys.stderr)
        if any(not a.startswith("-") for a in argv):
            sys.stdout, sys.stderr = SafeText(sys.stdout), SafeText(sys.stderr)
        try:
            self._run(argv, prog_name, complete_var, **extra)
        finally:
            sys.stdout, sys.stderr = streams

    def _run(
        self, argv: list[str], prog_name: str | None, complete_var: str | None, **extra: Any
    ) -> None:
        try:
            check_arguments(argv)
            check_rules_for(argv)
            rv = super().main(
                args=argv,
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
            # typer reports a value outside an option's StrEnum through a validator whose
            # message starts "Value error, "; the user needs only the sentence after it.
            message = " ".join(exc.format_message().split()).replace("Value error, ", "")
            fail(message, 2)
        except CasekitError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted; nothing was saved", 130)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback
            if os.environ.get("CASEKIT_DEBUG"):
                raise
            known = _known_error(exc)
            if known is not None:
                fail(str(known), known.exit_code)
            if isinstance(exc, OSError) and exc.strerror:
                # A path that is a folder, missing, not writable, a full disk: the user's to fix.
                fail(f"could not read or write a file or folder ({exc.strerror}); check the "
                     "paths given", 2)  # fmt: skip
            fail(
                f"unexpected internal error ({type(exc).__name__}); nothing was saved. "
                "Set CASEKIT_DEBUG=1 to see details",
                1,
            )
        sys.exit(rv if isinstance(rv, int) else 0)


def fail(message: str, code: int) -> None:
    """``error: <message>`` on one line of stderr (control characters shown as ``?``), exit."""
    typer.echo(f"error: {' '.join(safe_text(message).split())}", err=True)
    sys.exit(code)


def _known_error(exc: BaseException) -> CasekitError | None:
    """A user-facing error for a failure raised outside a transaction (a lock while connecting)."""
    if "casekit.store.engine" not in sys.modules:
        return None
    from casekit.services.base import user_error

    return user_error(exc)


# --- input: arguments and numbers -------------------------------------------------------------

#: The largest number any option or argument takes (PostgreSQL ``integer``); ids start at 1.
MAX_NUMBER = 2**31 - 1


def check_arguments(argv: Sequence[str]) -> None:
    """Refuse arguments casekit could never store or print: not UTF-8, or holding a NUL."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidInput(
                "an argument is not valid UTF-8 text (check the terminal's encoding)"
            ) from None
        if "\x00" in arg:
            raise InvalidInput("an argument contains a NUL character")


def bound_numbers(group: Any) -> None:
    """Give every whole-number option and argument a range: ids from 1, counts from 0, and
    nothing above :data:`MAX_NUMBER` (a huge id or limit is a one-line error, never an overflow
    deep in the database driver). Ranges a command sets itself are kept; idempotent."""
    if getattr(group, "_casekit_bounded", False):
        return
    stack: list[Any] = [group]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        for param in command.params:
            described = getattr(param, "type_descriptor", None)
            if described is None or described.annotation is not int:
                continue
            info = described.parameter_info
            low = 1 if (param.name or "").endswith("_id") else 0
            low = low if info.min is None else info.min
            high = MAX_NUMBER if info.max is None else min(info.max, MAX_NUMBER)
            info.min = param.min = low
            info.max = param.max = high
            param._runtime_param = None  # rebuilt with the range on first use
    group._casekit_bounded = True


# --- output: nothing from the data reaches the terminal as a control sequence ------------------

#: C0 controls but tab, newline and CR LF (ESC starts every terminal escape sequence; a lone CR
#: can overwrite a line), DEL, C1 controls (CSI is 0x9b) and the bidirectional overrides that
#: reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)")


def safe_text(text: str) -> str:
    """``text`` with every control character that could drive a terminal shown as ``?``."""
    return _UNSAFE.sub("?", text)


class SafeText:
    """A text stream that writes everything through :func:`safe_text` (wraps stdout/stderr)."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError("SafeText takes text")
        return self._stream.write(safe_text(text))

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


app = typer.Typer(
    cls=CasekitGroup,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="casekit: Connecticut Trust Act (C.G.S. § 54-192h) case management. "
    "Run without a command to open the terminal UI. Not legal advice: every rule shows its "
    "citation and confidence.",
)


def command_group(name: str, summary: str, *, parent: typer.Typer = app) -> typer.Typer:
    """A group of subcommands, ``casekit NAME ...`` (under ``parent``), registered in the order
    ``--help`` lists them; called with no subcommand it shows its help (``summary`` first)."""
    group = typer.Typer(no_args_is_help=True, help=summary)
    parent.add_typer(group, name=name)
    return group


JSON_OPTION = typer.Option(False, "--json", help="Print machine-readable JSON.")
MATTER_ARG = typer.Argument(..., help="Matter number, e.g. TA-2026-0001.")
IF_VERSION_OPTION = typer.Option(
    None,
    "--version",
    min=1,
    help="The record's version as you read it (show --json prints it): if someone else "
    "changed it since, nothing is saved and the command says so (exit 2).",
)


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
    """An ISO date in the plausible range (casekit.domain.bounds), or a one-line error."""
    from casekit.domain.bounds import parse_day

    return parse_day(text, config.today(), what)
