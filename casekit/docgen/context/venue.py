"""The court (the judicial district of the incident town on the filing date) and the deadlines a
document lists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from casekit.docgen.environment import BLANK
from casekit.docgen.law import (
    DEADLINE_PASSED,
    DEADLINE_PLAIN,
)
from casekit.domain.model import (
    DeadlineView,
    Town,
)
from casekit.domain.vocabulary import CONFIDENCES


def _court(town: Town | None, filing_date: date) -> dict[str, Any]:
    """The judicial district of the incident town on the filing date (venue, trust-act.md § 5)."""
    if town is None:
        return {"district": BLANK, "court_town": BLANK, "address": "", "incident_town": BLANK}
    district = town.judicial_district_on(filing_date)
    if district == town.judicial_district:
        # The caption's "AT ..." is its own column (towns.csv jd_court_town), never cut out of
        # the descriptive jd_court_location ("Bridgeport (formerly 'Fairfield at Bridgeport')").
        court_town = town.jd_court_town or district
        address = town.jd_courthouse_address
    else:
        # Before P.A. 25-91 moved six towns to Litchfield, they sat in the Hartford J.D., whose
        # court is in Hartford; towns.csv keeps only today's courthouse, so use the district name.
        court_town, address = district, ""
    return {
        "district": district,
        "court_town": court_town,
        "address": address,
        "incident_town": town.name,
    }


def _deadlines(deadlines: Iterable[DeadlineView], today: date, lang: str) -> list[dict[str, Any]]:
    plain = DEADLINE_PLAIN[lang]
    out = []
    for d in sorted(deadlines, key=lambda d: (d.due, d.rule_id)):
        if d.status != "open":
            continue
        out.append(
            {
                "rule_id": d.rule_id,
                "title": d.title,
                "plain": plain.get(d.rule_id, d.title),
                "due": d.due,
                "safe_target": d.safe_target,
                "citation": d.citation,
                "confidence": d.confidence if d.confidence in CONFIDENCES else "unknown",
                "verify": d.verify,
                "days_left": (d.due - today).days,
                "passed": d.due < today,
                "meaning": DEADLINE_PASSED[lang] if d.due < today else "",
            }
        )
    return out
