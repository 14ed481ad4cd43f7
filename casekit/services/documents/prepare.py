"""Preparing one document: the values shared by every document of a call (firm, rules,
calendar, settings), the matter's facts, its computed dates and pleading plan, and the template
in the right language, as a picklable :class:`Job` a render worker can take."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.documents.days import (
    DEFAULT_PRESERVATION_DAYS,
    preservation_days,
    response_days,
)
from casekit.services.documents.facts import facts_for
from casekit.services.documents.results import DEFAULT_LANG
from casekit.services.documents.templates import TemplateRequest, untranslated_note
from casekit.services.law.rules import law_pack, rule_set
from casekit.store import repo

if TYPE_CHECKING:
    from casekit.docgen.registry import TemplateInfo
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.lawpack import LawPack
    from casekit.domain.model import Firm, MatterFacts
    from casekit.domain.pleading import PleadingPlan
    from casekit.domain.rules import RuleSet
    from casekit.store.models import Matter
    from casekit.store.repos.documents import Session


@dataclass(frozen=True)
class Job:
    """Everything needed to render one document, in plain (picklable) values."""

    template: str
    template_path: Path
    facts: MatterFacts
    firm: Firm
    today: date
    lang: str
    extra: dict[str, Any] = field(default_factory=dict)
    out_path: Path | None = None
    plan: PleadingPlan | None = None
    note: str = ""


@dataclass
class Shared:
    """What every document of one call shares: read once, not once per matter."""

    firm: Firm
    today: date
    rules: RuleSet
    calendar: CourtCalendar
    response_days: int
    pack: LawPack | None = None
    preservation_days: int = DEFAULT_PRESERVATION_DAYS
    templates: dict[str, TemplateInfo] = field(default_factory=dict)  # by language


def shared_in(session: Session, svc: AppContext) -> Shared:
    """The firm (ConfigurationError naming a missing setting), rules, calendar, settings."""
    from casekit.services.deadlines.court_calendar import court_calendar_in
    from casekit.services.office.settings import get_firm_in

    firm = get_firm_in(session)
    stored = repo.settings_map(session=session)
    return Shared(
        firm=firm,
        today=svc.today(),
        rules=rule_set(svc),
        calendar=court_calendar_in(session),
        response_days=response_days(stored),
        pack=law_pack(svc),
        preservation_days=preservation_days(stored),
    )


def prepare_in(
    session: Session,
    svc: AppContext,
    matter: Matter,
    request: TemplateRequest,
    shared: Shared,
    *,
    late: bool = False,
    refuse: bool = True,
    town: tuple[int, str] | None = None,
) -> Job:
    from casekit.docgen.registry import find_template

    name, wanted, languages = request.name, request.wanted, request.languages
    facts = facts_for(session, matter)
    extra = dates(matter, facts, shared)
    extra["late_notice"] = late
    plan = plan_of(facts, shared, extra) if facts.incidents else None
    if plan is not None and town is not None:
        from casekit.domain.lawpack import default_pack
        from casekit.domain.pleading import notice_for_town

        plan = notice_for_town(plan, town[1], shared.pack or default_pack())
    if refuse and plan is not None:
        refusal = plan.refusal_for(name)
        if refusal is not None:
            raise InvalidInput(f"cannot generate {name} for {matter.number}: {refusal.message}")
    note = ""
    if wanted is None:
        preferred = facts.client.preferred_language
        if preferred in languages:
            wanted = preferred
        else:
            wanted = DEFAULT_LANG if DEFAULT_LANG in languages else languages[0]
            note = untranslated_note(name, preferred, wanted, languages)
    info = shared.templates.get(wanted)
    if info is None:
        info = shared.templates[wanted] = find_template(name, wanted, svc.settings.templates_dir)
    return Job(
        template=name,
        template_path=info.path,
        facts=facts,
        firm=shared.firm,
        today=shared.today,
        lang=wanted,
        extra=extra,
        plan=plan,
        note=note,
    )


def plan_of(facts: MatterFacts, shared: Shared, extra: Mapping[str, Any]) -> PleadingPlan:
    """The pleading plan of a matter, with the firm's law pack and court calendar."""
    from casekit.domain.pleading import plan_pleading

    return plan_pleading(
        facts,
        shared.today,
        shared.pack,
        late=bool(extra.get("late_notice")),
        notice_given_on=extra.get("notice_7465_given_on"),
        authorized_on=extra.get("claims_commissioner_authorized_on"),
        calendar=shared.calendar,
    )


def dates(matter: Matter, facts: MatterFacts, shared: Shared) -> dict[str, Any]:
    """The computed dates a document prints (``extra`` of ``build_context``)."""
    from casekit.domain.deadlines import compute
    from casekit.domain.process import process_chain

    rules, calendar, today = shared.rules, shared.calendar, shared.today
    # The recorded service of process (casekit matter process) when there is one; otherwise
    # process dated today (§ 52-48, then §§ 52-46 and 52-46a counted back from the return date).
    if matter.return_on is not None and matter.process_on is not None:
        chain = process_chain(matter.process_on, rules, calendar, matter.return_on)
    else:
        chain = process_chain(matter.process_on or today, rules, calendar)
    return_date = chain.return_date
    serve_by = chain.serve_by.safe_target
    back_by = chain.return_to_court_by.safe_target
    notice = next(
        (d.due for d in facts.deadlines if d.rule_id == "CT_7465_NOTICE" and d.status == "open"),
        None,
    )
    if notice is None and facts.incidents:
        first = min(i.occurred_on for i in facts.incidents)
        notice = compute(rules.get("CT_7465_NOTICE"), first, calendar).due
    response = calendar.first_open_on_or_after(today + timedelta(days=shared.response_days))
    preserve_by = calendar.first_open_on_or_after(today + timedelta(days=shared.preservation_days))
    return {
        "filing_date": today,
        "return_date": return_date,
        "serve_by": serve_by,
        "return_to_court_by": back_by,
        "notice_deadline": notice,
        "response_date": response,
        "preservation_days": shared.preservation_days,
        "preservation_date": preserve_by,
        "notice_7465_given_on": None,
        "claims_commissioner_authorized_on": matter.authorization_on,
    }
