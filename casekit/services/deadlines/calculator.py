"""The deadline calculator: one rule for one trigger (``casekit deadlines calc RULE TRIGGER``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.domain.deadlines import compute, parse_trigger
from casekit.services.deadlines.court_calendar import court_calendar
from casekit.services.law.rules import rule_set

if TYPE_CHECKING:
    from casekit.domain.deadlines import DeadlineResult
    from casekit.services.base import AppContext


def calc(svc: AppContext, rule_id: str, trigger_text: str) -> DeadlineResult:
    """Compute one deadline: ``casekit deadlines calc RULE TRIGGER``.

    Args:
        svc: The services.
        rule_id: A rule id (any case).
        trigger_text: ``YYYY-MM-DD``; ``YYYY-MM-DDTHH:MM`` for FED_DETAINER_48H.

    Returns:
        The deadline with citation, confidence and trail.

    Raises:
        NotFound: Unknown rule (the message lists the known ones).
        InvalidInput: Impossible date, a bad rules.local.toml.
    """
    rule = rule_set(svc).get(rule_id)
    trigger = parse_trigger(rule, trigger_text)
    return compute(rule, trigger, court_calendar(svc))
