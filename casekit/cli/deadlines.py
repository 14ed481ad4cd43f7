"""casekit deadlines commands (being written)."""

from __future__ import annotations

from casekit.cli.base import app  # noqa: F401
