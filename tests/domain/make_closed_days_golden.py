"""Regenerate tests/data/ct_closed_days_2025_2030.json (run once, review the diff by hand).

    /work/venv/bin/python tests/domain/make_closed_days_golden.py

Every closed *weekday* 2025-2030 on the Connecticut court calendar (holidays with their observed
days, and Good Friday), with its reason. Weekends are left out: they are closed by definition.
Review each line against trust-act.md § 3 (§ 1-4 holidays; Good Friday; not the day after
Thanksgiving) before committing a regenerated file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from casekit.domain.calendar import CourtCalendar

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "ct_closed_days_2025_2030.json"


def closed_weekdays() -> dict[str, str]:
    calendar = CourtCalendar()
    return {
        d.isoformat(): reason
        for d, reason in calendar.closed_days(date(2025, 1, 1), date(2030, 12, 31))
        if d.weekday() < 5
    }


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(closed_weekdays(), indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {GOLDEN}")
