"""A new matter's values checked and normalised (:class:`MatterSpec`), or field → message for
those that are wrong (:func:`matter_problems`): part of the one validation path
(:func:`casekit.services.matters.validation.validate_intake`). Pure: "today" is passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from casekit.errors import InvalidInput
from casekit.services.matters.fields import (
    clean_claims,
    clean_convictions,
    clean_narrative,
    clean_violations,
    parse_incident_date,
    parse_incident_time,
)
from casekit.services.matters.inputs import MatterInput

__all__ = ["MatterSpec", "check", "check_matter", "matter_problems"]


@dataclass(frozen=True)
class MatterSpec:
    """Opening-a-matter inputs, checked and normalised (no database needed)."""

    day: date
    at: time | None
    town: str
    agency: str
    violations: tuple[str, ...]
    claims: tuple[str, ...]
    attorney: str | None
    narrative: str
    contact_type: str
    judicial_warrant: bool
    convictions: tuple[tuple[str, str | None], ...]
    tsdb_match: bool


def check(problems: dict[str, str], field: str, clean: Callable[[], Any]) -> Any:
    """``clean()``, or None with its message recorded under ``field``."""
    try:
        return clean()
    except InvalidInput as exc:
        problems[field] = exc.message
        return None


def matter_problems(
    matter: MatterInput, today: date, *, echo: bool = True
) -> tuple[MatterSpec | None, dict[str, str]]:
    """The matter checked (None when a value is wrong) and field → message, in the order the
    values are checked."""
    problems: dict[str, str] = {}
    day = check(
        problems,
        "incident_date",
        lambda: parse_incident_date(matter.incident_date, today, echo=echo),
    )
    at = check(
        problems, "incident_time", lambda: parse_incident_time(matter.incident_time, echo=echo)
    )
    violations = check(problems, "violations", lambda: clean_violations(matter.violations))
    claims = check(problems, "claims", lambda: clean_claims(matter.claims))
    story = check(problems, "narrative", lambda: clean_narrative(matter.narrative))
    convictions = check(problems, "convictions", lambda: clean_convictions(matter.convictions))
    if problems:
        return None, problems
    return MatterSpec(
        day=day,
        at=at,
        town=matter.town,
        agency=matter.agency,
        violations=violations,
        claims=claims,
        attorney=matter.attorney or None,
        narrative=story,
        contact_type=(matter.contact_type or "").strip(),
        judicial_warrant=bool(matter.judicial_warrant),
        convictions=convictions,
        tsdb_match=bool(matter.tsdb_match),
    ), problems


def check_matter(matter: MatterInput, today: date) -> MatterSpec:
    """The matter checked, or the first problem as InvalidInput (nothing is read or written)."""
    spec, problems = matter_problems(matter, today)
    if spec is None:
        raise InvalidInput(next(iter(problems.values())))
    return spec
