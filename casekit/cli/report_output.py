"""How report commands write their output: formats, files, and rich tables on the terminal.

Shared by ``casekit report ...``, ``casekit remind`` (:mod:`casekit.cli.reports`) and the fee
reports (:mod:`casekit.cli.fees`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from casekit.errors import InvalidInput

OUTPUT_OPTION = typer.Option(
    None, "--output", "-o", help="Write to this file (owner-only) instead of the terminal."
)
TODAY_OPTION = typer.Option(None, "--today", help="Report as of this date (YYYY-MM-DD).")


class ReportFormat(StrEnum):
    """The output formats a report can be asked for (each report accepts some of them)."""

    TABLE = "table"
    MD = "md"
    MARKDOWN = "markdown"
    DOCX = "docx"
    CSV = "csv"
    ICS = "ics"
    JSON = "json"


def format_option(*allowed: str) -> Any:
    """The ``--format`` option of a report offering ``allowed`` (table, the default, first)."""
    return typer.Option(
        ReportFormat.TABLE,
        "--format",
        case_sensitive=False,
        help=f"{', '.join(allowed[:-1])} or {allowed[-1]}.",
    )


def chosen_format(chosen: str, as_json: bool, allowed: Sequence[str]) -> str:
    """The format asked for (``--json`` is ``--format json``), checked against ``allowed``."""
    return check_format("json" if as_json else chosen, allowed)


def check_format(fmt: str, allowed: Sequence[str]) -> str:
    value = fmt.strip().lower()
    if value == "markdown":
        value = "md"
    if value not in allowed:
        raise InvalidInput(f"unknown format '{fmt[:20]}' (choose {', '.join(allowed)})")
    return value


def emit(data: bytes, output: Path | None) -> None:
    """Bytes to the terminal, or to ``output`` owner-only and atomically."""
    from casekit.services.reports import write_output

    if output is None:
        typer.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(output, data)
        typer.echo(f"wrote {output}", err=True)


def need_output(fmt: str, output: Path | None) -> Path:
    if output is None:
        raise InvalidInput(f"--format {fmt} needs --output FILE")
    return output


def table_text(draw: Callable[[Any], None], output: Path | None) -> None:
    """Draw rich tables on the terminal, or as plain text into ``output``."""
    from rich.console import Console

    if output is None:
        draw(Console())
        return
    buffer = io.StringIO()
    draw(Console(file=buffer, width=160, no_color=True, highlight=False))
    emit(buffer.getvalue().encode("utf-8"), output)


@dataclass(frozen=True)
class Renderings:
    """One report in each of its formats, each made only when it is asked for."""

    markdown: Callable[[], str]
    csv: Callable[[], bytes]
    json: Callable[[], bytes]
    #: Draws the terminal tables on a rich console.
    table: Callable[[Any], None]
    #: Writes the Word file to the path given and returns it (None: no docx).
    docx: Callable[[Path], Path] | None = None


def write_report(fmt: str, output: Path | None, report: Renderings) -> None:
    """``report`` in ``fmt`` (a format :func:`check_format` allowed) to the terminal or
    ``output``; a Word file needs ``output``."""
    if fmt == "md":
        emit(report.markdown().encode("utf-8"), output)
    elif fmt == "csv":
        emit(report.csv(), output)
    elif fmt == "json":
        emit(report.json(), output)
    elif fmt == "docx" and report.docx is not None:
        path = report.docx(need_output(fmt, output))
        typer.echo(f"wrote {path}", err=True)
    else:
        table_text(report.table, output)


_NO_WRAP = frozenset(
    {"Matter", "Due", "Act by", "Month", "Year", "Count", "Matters", "Left", "Verify", "Tier"}
)


def rich_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=True,
    )
    for header in headers:
        table.add_column(header, overflow="fold", no_wrap=header in _NO_WRAP)
    for row in rows:
        table.add_row(*("" if c is None else str(c) for c in row))
    return table
