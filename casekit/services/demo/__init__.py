"""``casekit demo``: a database full of realistic, entirely fictional matters.

:mod:`.run` (the command, resumable), :mod:`.fill` (the bulk inserts), :mod:`.rows` (one
matter's rows, drawn from the seed), :mod:`.names` (the fictional people and places) and
:mod:`.history` (a few changes made through the services, for the audit log to show).
"""

from casekit.services.demo.fill import DEMO_STAGE_KEY
from casekit.services.demo.names import FIRM
from casekit.services.demo.run import (
    DEFAULT_MATTERS,
    DEFAULT_SEED,
    MAX_MATTERS,
    DemoSummary,
    run_demo,
)

__all__ = [
    "DEFAULT_MATTERS",
    "DEFAULT_SEED",
    "DEMO_STAGE_KEY",
    "FIRM",
    "MAX_MATTERS",
    "DemoSummary",
    "run_demo",
]
