"""The ``casekit`` command: a thin skin over :mod:`casekit.services`.

Each command group lives in its own module and registers itself on the root ``app``; the TUI is
imported only when it is opened, so every other command starts fast.
"""

from __future__ import annotations

from casekit.cli import admin  # noqa: F401 - registers commands
from casekit.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
