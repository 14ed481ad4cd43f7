"""The pleading plan of a matter (``casekit generate complaint MATTER --plan``) and why it
refuses a document now. Nothing is written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.domain.model import Firm
from casekit.errors import InvalidInput
from casekit.services.documents.days import DEFAULT_RESPONSE_DAYS
from casekit.services.documents.facts import facts_for, find_matter
from casekit.services.documents.prepare import Shared, dates, plan_of
from casekit.services.law.rules import law_pack, rule_set

if TYPE_CHECKING:
    from casekit.domain.pleading import PleadingPlan
    from casekit.services.base import AppContext
    from casekit.store.repos.documents import Session


def plan(svc: AppContext, matter_number: str | int, *, late: bool = False) -> PleadingPlan:
    """The pleading plan of a matter (``casekit generate complaint MATTER --plan``): counts and
    their defendants, notices and letters with their deadlines, and every refusal with its rule.
    Nothing is written.

    Raises:
        NotFound: unknown matter.
        InvalidInput: the matter has no incident.
    """
    with svc.transaction() as session:
        matter = find_matter(session, matter_number)
        shared = _shared_for_plan_in(session, svc)
        facts = facts_for(session, matter)
        if not facts.incidents:
            raise InvalidInput(f"matter {matter.number} has no incident recorded; record one first")
        extra = dates(matter, facts, shared)
        extra["late_notice"] = late
        return plan_of(facts, shared, extra)


def _shared_for_plan_in(session: Session, svc: AppContext) -> Shared:
    """Like :func:`~casekit.services.documents.prepare.shared_in`, without the firm settings a
    plan does not need."""
    from casekit.services.deadlines.court_calendar import court_calendar_in

    return Shared(
        firm=Firm("", "", "", "", ""),
        today=svc.today(),
        rules=rule_set(svc),
        calendar=court_calendar_in(session),
        response_days=DEFAULT_RESPONSE_DAYS,
        pack=law_pack(svc),
    )


def refusal(svc: AppContext, template: str, matter_number: str | int) -> str | None:
    """Why the plan refuses ``template`` for this matter now (one line), or None (the TUI's
    generate dialog shows it)."""
    try:
        planned = plan(svc, matter_number)
    except InvalidInput as exc:
        return exc.message
    found = planned.refusal_for(template.strip())
    return found.message if found is not None else None
