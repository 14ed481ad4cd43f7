"""The context of one matter document (:func:`build_context`), assembled from the pieces of the
sibling modules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from casekit.docgen.context.complaint import _complaint
from casekit.docgen.context.demands import _demands
from casekit.docgen.context.incidents import (
    _custody,
    _custody_end,
    _incident,
)
from casekit.docgen.context.keys import TEMPLATE_TITLES, _extras, is_report
from casekit.docgen.context.notes import _drafting_notes, _notice
from casekit.docgen.context.parties import (
    _recipients,
    _words,
)
from casekit.docgen.context.people import _attorney, _claim, _client, _firm, _violations
from casekit.docgen.context.scene import Request, Scene, scene
from casekit.docgen.context.venue import _court, _deadlines
from casekit.docgen.environment import LANGUAGES, long_date
from casekit.docgen.law import (
    ACTOR_WORDS,
    NEXT_STEPS,
    records,
    trust_act_notices,
)
from casekit.docgen.letters import addressees, foi_records
from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CLAIM_TRUST_ACT,
    Firm,
    MatterFacts,
)
from casekit.domain.pleading import PleadingPlan, plan_pleading
from casekit.errors import InvalidInput

_LANG_CODE = re.compile(r"[a-z]{2}")
_LETTERS = frozenset({"demand-letter", "preservation-letter", "foi-request"})


def build_context(
    template: str,
    matter: MatterFacts,
    firm: Firm,
    today: date,
    lang: str = "en",
    extra: Mapping[str, Any] | None = None,
    plan: PleadingPlan | None = None,
) -> dict[str, Any]:
    """The context for one matter document.

    Args:
        template: the template name (``complaint``, ``client-letter``, a firm's own name...). It
            picks the document title and the drafting notes; the keys are the same for all.
        matter: the matter's facts, as services assemble them.
        firm: letterhead and signature details from the firm settings.
        today: the letter date (rules never read the clock).
        lang: ``en`` or ``es``: the language of client-facing sentences in the context.
        extra: computed values (see :data:`EXTRA_KEYS`); unknown keys are refused.
        plan: the pleading plan (:mod:`casekit.domain.pleading`) services made with the firm's
            law pack; None: planned here with the shipped pack.

    Raises:
        InvalidInput: a report template, an unknown language or extra key, an unknown claim, or a
            matter with no incident.
    """
    requested, lang = _checked_language(template, lang)
    extras = _extras(extra, today)
    _check_matter(matter)
    if plan is None:
        plan = plan_pleading(
            matter,
            today,
            late=bool(extras["late_notice"]),
            notice_given_on=extras["notice_7465_given_on"],
            authorized_on=extras["claims_commissioner_authorized_on"],
        )
    seen = scene(Request(template, matter, today, lang), plan, extras)
    if extras["notice_deadline"] is None:
        extras["notice_deadline"] = next(
            (
                d.due
                for d in matter.deadlines
                if d.rule_id == "CT_7465_NOTICE" and d.status == "open"
            ),
            None,
        )
    return {
        "lang": requested,
        "today": today,
        "document": {"name": template, "title": TEMPLATE_TITLES.get(template, template)},
        "firm": _firm(firm),
        "attorney": _attorney(matter.attorney, firm),
        **_people(seen),
        **_letters(seen),
        **_pleading(seen),
        **_dates(seen),
        "plan": plan.to_dict(),
        "notice": _notice(template, plan, matter),
        **extras,
    }


def _checked_language(template: str, lang: str) -> tuple[str, str]:
    """The language asked for, and the one the context's sentences are written in."""
    if is_report(template):
        raise InvalidInput(f"{template} is a report; build its context with build_report_context")
    if lang not in LANGUAGES and not _LANG_CODE.fullmatch(lang):
        raise InvalidInput(f"casekit writes documents in {', '.join(LANGUAGES)}, not {lang!r}")
    # A firm's own translation (client-letter.pt.docx, casekit templates translate) gets the
    # context's sentences in English: its translator words them in the template.
    return lang, lang if lang in LANGUAGES else "en"


def _check_matter(matter: MatterFacts) -> None:
    known_claims = tuple(default_pack().claims)
    unknown_claims = [c for c in matter.claims if c not in known_claims]
    if unknown_claims:
        raise InvalidInput(f"unknown claim {unknown_claims[0]!r}; known: {', '.join(known_claims)}")
    if not matter.incidents:
        raise InvalidInput(
            f"matter {matter.number} has no incident recorded; record one before generating"
        )


def _people(seen: Scene) -> dict[str, Any]:
    """The client, the matter, what happened and who is sued."""
    matter, lang = seen.matter, seen.lang
    client_name = matter.client.name
    actor = ACTOR_WORDS[lang]["corrections" if seen.corrections else "police"]
    incident_ctxs = [_incident(i, lang, client_name) for i in seen.incidents]
    first_agency = seen.first.agency
    return {
        "client": _client(matter.client, lang),
        "matter": {
            "number": matter.number,
            "status": matter.status,
            "claims": [_claim(c, lang) for c in seen.claims],
            "damages_claims": [_claim(c, lang) for c in seen.claims if c.damages],
            "seeks_damages": matter.seeks_damages,
            "trust_act": CLAIM_TRUST_ACT in matter.claims,
            "relief_sought": matter.relief_sought,
        },
        "incident": incident_ctxs[0],
        "incidents": incident_ctxs,
        "violations": _violations(
            seen.incidents, lang, corrections=seen.corrections, alleged=seen.plan.alleged
        ),
        "custody": [_custody(c, first_agency, client_name, lang, actor) for c in seen.custody],
        "over_detention_hours": seen.over_detention,
        "defendants": list(seen.defendants),
        "municipality": seen.municipality,
        "agency": seen.agency,
    }


def _letters(seen: Scene) -> dict[str, Any]:
    """Who a letter goes to, and the values of the letter itself."""
    matter, template = seen.matter, seen.template
    row = seen.agency_row
    letter_to = addressees(
        template, matter, {**seen.agency, "town": row.town if row else None}, seen.municipality
    )
    notes = _drafting_notes(template, seen)
    return {
        "recipients": _recipients(matter.defendants, seen.municipality, seen.agency),
        "addressees": letter_to.to,
        "cc": letter_to.cc,
        "letter": _letter(seen),
        "demands": _demands(matter, seen.claims, matter.client.name, seen.agency),
        "records": list(records()),
        "notices": list(trust_act_notices()) if CLAIM_TRUST_ACT in matter.claims else [],
        "next_steps": _next_steps(seen),
        "drafting_notes": notes + (letter_to.notes if template in _LETTERS else []),
    }


def _letter(seen: Scene) -> dict[str, Any]:
    """A preservation letter's and an FOI request's own values."""
    matter, extras, first = seen.matter, seen.extras, seen.first
    client_name = matter.client.name
    period_end = _custody_end(seen.custody) or seen.today
    words = _words()
    pack = default_pack()
    return {
        "file": matter.number,
        "period_start": first.occurred_on,
        "period_end": period_end,
        "systems_intro": words.say(
            "preservation.systems",
            start=long_date(first.occurred_on),
            end=long_date(period_end),
        ),
        "systems": list(pack.recording_systems),
        "confirm": words.say(
            "preservation.confirm",
            days=extras["preservation_days"],
            date=long_date(extras["preservation_date"]),
        ),
        "records": foi_records(pack.records, pack.record_spans, first.occurred_on, period_end),
        "copies": words.say("foi.copies"),
        "fee_waiver": words.say("foi.fee_waiver", client=client_name),
        "reference": words.say("foi.reference", file=matter.number),
    }


def _next_steps(seen: Scene) -> list[str]:
    """What happens next in the client's matter, told of the right agency and government."""
    words = ACTOR_WORDS[seen.lang]
    agency_word = words["agency_of_corrections" if seen.corrections else "agency_of_police"]
    government = words["government_state" if seen.state else "government_municipal"]
    return [
        step.replace("{agency}", agency_word)
        .replace("{government}", government)
        .replace(" a el ", " al ")  # Spanish contraction: "al centro penitenciario", "al Estado"
        for step in NEXT_STEPS[seen.lang].get(seen.matter.status, ())
    ]


def _pleading(seen: Scene) -> dict[str, Any]:
    """The court, the caption and the complaint."""
    matter = seen.matter
    client_name = matter.client.name
    court = _court(matter.incident_town, seen.extras["filing_date"])
    defendants = seen.defendants
    caption_first = defendants[0]["name"] if defendants else seen.municipality["name"]
    et_al = len(defendants) > 1
    return {
        "court": court,
        "caption": {
            "plaintiff": client_name,
            "first_defendant": caption_first,
            "et_al": et_al,
            "short_title": f"{client_name} v. {caption_first}{' et al.' if et_al else ''}",
        },
        "complaint": _complaint(
            matter, seen.incidents, seen.custody, defendants, court, seen.over_detention, seen.plan
        ),
    }


def _dates(seen: Scene) -> dict[str, Any]:
    """Every date, none cut; a date that has passed is told as passed, with what it means."""
    deadlines = _deadlines(seen.matter.deadlines, seen.today, seen.lang)
    upcoming = [d for d in deadlines if d["days_left"] >= 0]
    return {
        "deadlines": deadlines,
        "upcoming_deadlines": upcoming,
        "passed_deadlines": [d for d in deadlines if d["days_left"] < 0],
        "next_deadline": upcoming[0] if upcoming else None,
    }
