"""The domain layer stays pure: no storage, UI, documents, CLI; no clock."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "casekit" / "domain"
FORBIDDEN = (
    "sqlmodel",
    "sqlalchemy",
    "textual",
    "docxtpl",
    "typer",
    "rich",
    "casekit.store",
    "casekit.docgen",
    "casekit.services",
    "casekit.tui",
    "casekit.cli",
)
MODULES = (
    "calendar",
    "codes",
    "custody",
    "deadlines",
    "model",
    "offenses",
    "planning",
    "reminders",
    "rules",
    "screening",
)


def test_importing_the_domain_pulls_in_nothing_forbidden():
    imports = "\n".join(f"import casekit.domain.{m}" for m in MODULES)
    code = (
        f"import sys\n{imports}\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r} or "
        f"any(m == f or m.startswith(f + '.') for f in {FORBIDDEN!r})]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_domain_never_reads_the_clock():
    pattern = re.compile(
        r"date\.today\(|datetime\.now\(|datetime\.today\(|datetime\.utcnow\(|time\.time\("
    )
    for path in DOMAIN.glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path.name
