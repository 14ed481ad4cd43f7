"""Human output for the CLI: aligned plain-text tables and label/value blocks.

Plain text on purpose: it pastes into an e-mail or a case note unchanged, and screen readers
read it in order. ``--json`` (``casekit.cli.base.emit_json``) is the machine format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

import typer

from casekit.cli.base import emit_json


def cell(value: Any) -> str:
    """One value as table text: dates in ISO form, booleans as yes/no, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    return " ".join(str(value).split())


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, empty: str = "") -> None:
    """Print rows under headers, each column as wide as its widest cell."""
    body = [[cell(v) for v in row] for row in rows]
    if not body:
        if empty:
            typer.echo(empty)
        return
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(headers)]
    lines = [headers, ["-" * w for w in widths], *body]
    for line in lines:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())


def print_fields(pairs: Iterable[tuple[str, Any]]) -> None:
    """Print ``label: value`` lines with the values aligned; empty values are skipped."""
    shown = [(label, cell(value)) for label, value in pairs if cell(value)]
    if not shown:
        return
    width = max(len(label) for label, _ in shown)
    for label, value in shown:
        typer.echo(f"{label + ':':<{width + 1}} {value}")


def note(message: str) -> None:
    """A remark on stderr that is not an error (the command still succeeded)."""
    typer.echo(f"note: {message}", err=True)


def done(result: Any, as_json: bool, *lines: str) -> None:
    """Print ``result`` as JSON (``--json``), or the sentences saying what was done."""
    if as_json:
        emit_json(result)
        return
    for line in lines:
        typer.echo(line)


def listing(
    rows: Sequence[Any],
    as_json: bool,
    headers: Sequence[str],
    cells: Callable[[Any], Iterable[Any]],
    *,
    empty: str = "",
) -> None:
    """Print ``rows`` as JSON (``--json``, each row's ``to_dict()``), or as a table."""
    if as_json:
        emit_json([r.to_dict() for r in rows])
        return
    print_table(tuple(headers), (tuple(cells(r)) for r in rows), empty=empty)
