"""Opening the TUI (bare ``casekit``)."""

from __future__ import annotations

import typer

from casekit.cli.base import app


@app.callback(invoke_without_command=True)
def root(ctx: typer.Context) -> None:
    """Open the terminal UI when no command is given."""
    if ctx.invoked_subcommand is None:
        from casekit.tui.launch import run_tui

        run_tui()
