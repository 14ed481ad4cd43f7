"""Fees, costs and resolution: ``casekit timekeeper|rate|time|cost|fees|resolution ...`` and
``casekit report fees``.

Thin over :mod:`casekit.services.fees` and :mod:`casekit.services.deadlines.resolution`. Hours
are typed in tenths (``1.5``, or ``0:45`` rounded up to the next tenth) and money in dollars
(``405.00``). Each module registers its commands on the groups of :mod:`.apps` when imported.
"""

from __future__ import annotations

from casekit.cli.fees import (  # noqa: F401
    apps,
    costs,
    petitions,
    resolution,
    time_entries,
    timekeepers,
)

__all__ = ["apps"]
