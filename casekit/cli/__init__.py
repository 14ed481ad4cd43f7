"""The ``casekit`` command: a thin skin over :mod:`casekit.services`.

Each command group lives in its own module and registers itself on the root ``app``; the TUI is
imported only when it is opened, so every other command starts fast.
"""

from __future__ import annotations

# Each import registers that module's commands on ``app``.
from casekit.cli import (  # noqa: F401
    admin,
    clients,
    coverage,
    deadlines,
    documents,
    evidence,
    fees,
    keys,
    law,
    matters,
    notes,
    parties,
    reference,
    reports,
    users,
)
from casekit.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app()
