"""Turn a matter's facts into the context a Word template renders.

The context is plain data (dicts, lists, strings, dates, numbers), never store rows or domain
objects, so a template can only reach what is listed in ``templates/README.md``. Every matter
template gets the same keys (:data:`MATTER_KEYS`); report templates get :data:`REPORT_KEYS`.

Text that depends on the law (violations, counts, relief, records) comes from :mod:`.law`, which
restates trust-act.md and carries each citation's confidence. Dates stay ``date`` objects and are
written out by the ``long_date`` filter, so one context serves English and Spanish templates.

Computed values the caller passes in ``extra`` (each optional; see :data:`EXTRA_KEYS`):

``filing_date``
    The date the complaint is signed and filed: the caption date, and the day for which the
    judicial district is looked up (``Town.judicial_district_on``). Default: ``today``.
``return_date``
    The complaint's return date, computed by the caller under § 52-48 (a Tuesday not later than
    two months after the date of process). Default: ``None`` (printed as a blank).
``serve_by`` / ``return_to_court_by``
    Last day to serve process (§ 52-46) and to return it to court (§ 52-46a), for the drafting note.
``notice_deadline``
    Last day to file the § 7-465(a) notice (six months after accrual). Default: the matter's open
    ``CT_7465_NOTICE`` deadline, if any.
``response_date``
    The date a demand or preservation letter asks the recipient to answer by. Default: 30 days
    after ``today`` (a firm's choice, not a rule of law).
``notice_7465_given_on``
    When the § 7-465 notice was filed with the clerk (pleaded in the false-imprisonment count).
``claims_commissioner_authorized_on``
    When the Claims Commissioner authorized suit against the State (§ 4-160).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from itertools import count
from typing import Any

from casekit.docgen.environment import BLANK, LANGUAGES, cite, clock_time, long_date, ordinal
from casekit.docgen.law import (
    ACTOR_WORDS,
    CONTACT_CHANNELS,
    DEADLINE_PASSED,
    DEADLINE_PLAIN,
    NEXT_STEPS,
    ClaimText,
    ViolationText,
    claim_text,
    custody_label,
    join_words,
    records,
    trust_act_notices,
    violation_text,
)
from casekit.docgen.letters import addressees, foi_records, split_address
from casekit.domain import codes
from casekit.domain.lawpack import PleadingWords, default_pack
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_TRUST_ACT,
    CONFIDENCES,
    CONFIRMED,
    Agency,
    Attorney,
    Client,
    CustodyEvent,
    DeadlineView,
    Firm,
    Incident,
    MatterFacts,
    Party,
    Town,
    needs_verify,
)
from casekit.domain.pleading import PleadingPlan, in_pleading_voice, plan_notes, plan_pleading
from casekit.errors import InvalidInput

__all__ = [
    "EXTRA_KEYS",
    "MATTER_KEYS",
    "REPORT_COMMON_KEYS",
    "REPORT_CONTEXT_KEYS",
    "REPORT_KEYS",
    "TEMPLATE_TITLES",
    "build_context",
    "build_report_context",
    "is_report",
]


class _Titles(Mapping[str, str]):
    """Titles of the shipped templates, from the law pack (pleading.toml ``[titles]``);
    ``templates/README.md`` lists the same. Read lazily: importing this module loads no pack."""

    def _titles(self) -> Mapping[str, str]:
        return default_pack().pleading.titles

    def __getitem__(self, key: str) -> str:
        return self._titles()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles())

    def __len__(self) -> int:
        return len(self._titles())


#: Titles of the shipped templates (``templates/README.md`` lists the same).
TEMPLATE_TITLES: Mapping[str, str] = _Titles()

#: What ``extra`` may carry, with meaning (module docstring has the details).
EXTRA_KEYS: dict[str, str] = {
    "filing_date": "date the complaint is filed: caption date and judicial-district day",
    "return_date": "complaint return date, computed by the caller",
    "serve_by": "last day to serve process",
    "return_to_court_by": "last day to return process to court",
    "notice_deadline": "last day for the municipal notice of intention to sue",
    "response_date": "date a letter asks for an answer by",
    "notice_7465_given_on": "date the municipal notice was filed with the clerk",
    "claims_commissioner_authorized_on": "date the Claims Commissioner authorized suit",
    "late_notice": "the attorney asked for a notice after its period ended (--late)",
    "preservation_days": "days a preservation letter gives the custodian to confirm",
    "preservation_date": "date a preservation letter asks for confirmation by",
}

#: Top-level keys of every matter template's context.
MATTER_KEYS: frozenset[str] = frozenset(
    {
        "lang", "today", "document", "firm", "attorney", "client", "matter", "incident",
        "incidents", "violations", "custody", "over_detention_hours", "defendants", "recipients",
        "municipality", "agency", "court", "caption", "complaint", "demands", "records",
        "deadlines", "upcoming_deadlines", "next_deadline", "next_steps", "drafting_notes",
        "notices", "plan", "notice", "addressees", "cc", "letter", "passed_deadlines",
    }
    | set(EXTRA_KEYS)
)  # fmt: skip

#: Top-level keys every report template's context has.
REPORT_COMMON_KEYS: frozenset[str] = frozenset({"lang", "today", "document", "firm", "title"})

#: Top-level keys of the ``report-deadlines`` context (:func:`build_report_context`).
REPORT_KEYS: frozenset[str] = REPORT_COMMON_KEYS | {"horizon_days", "sections", "no_deadline"}

#: Top-level keys per report template. ``report-agencies`` is built by
#: ``casekit.services.reports.agencies_template_context`` (de-identified: no names or dates).
REPORT_CONTEXT_KEYS: dict[str, frozenset[str]] = {
    "report-deadlines": REPORT_KEYS,
    "report-agencies": REPORT_COMMON_KEYS
    | {"note", "min_cell", "columns", "rows", "chart", "outcomes"},
    # casekit.docgen.fees.fees_template_context (one matter's fee-petition exhibit).
    "report-fees": REPORT_COMMON_KEYS
    | {
        "matter",
        "period",
        "petition",
        "draft",
        "timekeepers",
        "categories",
        "entries",
        "excluded",
        "costs",
        "cost_kinds",
        "rate_sources",
        "missing_rates",
        "totals",
        "declarant",
    },  # fmt: skip
}

_RESPONSE_DAYS = 30
_PRESERVATION_DAYS = 10
_LANG_CODE = re.compile(r"[a-z]{2}")
_STATE_KINDS = frozenset({"state"})
_LETTERS = frozenset({"demand-letter", "preservation-letter", "foi-request"})
_PERSON_KINDS = frozenset({"person"})


def is_report(template: str) -> bool:
    """Report templates (``report-*``) render office-wide data, not one matter."""
    return template.startswith("report-")


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
    if is_report(template):
        raise InvalidInput(f"{template} is a report; build its context with build_report_context")
    if lang not in LANGUAGES and not _LANG_CODE.fullmatch(lang):
        raise InvalidInput(f"casekit writes documents in {', '.join(LANGUAGES)}, not {lang!r}")
    # A firm's own translation (client-letter.pt.docx, casekit templates translate) gets the
    # context's sentences in English: its translator words them in the template.
    requested, lang = lang, lang if lang in LANGUAGES else "en"
    extras = _extras(extra, today)
    known_claims = tuple(default_pack().claims)
    unknown_claims = [c for c in matter.claims if c not in known_claims]
    if unknown_claims:
        raise InvalidInput(f"unknown claim {unknown_claims[0]!r}; known: {', '.join(known_claims)}")
    if not matter.incidents:
        raise InvalidInput(
            f"matter {matter.number} has no incident recorded; record one before generating"
        )

    if plan is None:
        plan = plan_pleading(
            matter,
            today,
            late=bool(extras["late_notice"]),
            notice_given_on=extras["notice_7465_given_on"],
            authorized_on=extras["claims_commissioner_authorized_on"],
        )
    incidents = sorted(matter.incidents, key=lambda i: i.occurred_on)
    first = incidents[0]
    agency_row = _find_agency(matter.agencies, first.agency)
    agency = _agency(first, agency_row)
    municipality = _municipality(matter, first, agency_row)
    corrections = first.agency_kind == "corrections"
    actor = ACTOR_WORDS[lang]["corrections" if corrections else "police"]
    violations = _violations(incidents, lang, corrections=corrections, alleged=plan.alleged)
    custody_events = sorted(matter.custody, key=lambda c: _sort_key(c.at))
    custody = [_custody(c, first.agency, matter.client.name, lang, actor) for c in custody_events]
    over_detention = _over_detention_hours(custody_events)
    defendants = [_party(p, agency) for p in matter.defendants]
    claims = [claim_text(c) for c in known_claims if c in matter.claims]
    deadlines = _deadlines(matter.deadlines, today, lang)
    # Every date, none cut; a date that has passed is told as passed, with what it means.
    upcoming = [d for d in deadlines if d["days_left"] >= 0]
    passed = [d for d in deadlines if d["days_left"] < 0]
    if extras["notice_deadline"] is None:
        extras["notice_deadline"] = next(
            (
                d.due
                for d in matter.deadlines
                if d.rule_id == "CT_7465_NOTICE" and d.status == "open"
            ),
            None,
        )
    court = _court(matter.incident_town, extras["filing_date"])
    client = _client(matter.client, lang)
    client_name = matter.client.name
    matter_ctx = {
        "number": matter.number,
        "status": matter.status,
        "claims": [_claim(c, lang) for c in claims],
        "damages_claims": [_claim(c, lang) for c in claims if c.damages],
        "seeks_damages": matter.seeks_damages,
        "trust_act": CLAIM_TRUST_ACT in matter.claims,
        "relief_sought": matter.relief_sought,
    }
    caption_first = defendants[0]["name"] if defendants else municipality["name"]
    et_al = len(defendants) > 1
    incident_ctxs = [_incident(i, lang, client_name) for i in incidents]
    letter_to = addressees(
        template, matter, {**agency, "town": agency_row.town if agency_row else None}, municipality
    )
    period_end = _custody_end(custody_events) or today
    words = _words()
    state = bool(agency["state"]) or any(p.kind in _STATE_KINDS for p in matter.defendants)
    pack = default_pack()
    letter = {
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
    agency_word = ACTOR_WORDS[lang]["agency_of_corrections" if corrections else "agency_of_police"]
    government = ACTOR_WORDS[lang]["government_state" if state else "government_municipal"]
    next_steps = [
        step.replace("{agency}", agency_word)
        .replace("{government}", government)
        .replace(" a el ", " al ")  # Spanish contraction: "al centro penitenciario", "al Estado"
        for step in NEXT_STEPS[lang].get(matter.status, ())
    ]

    return {
        "lang": requested,
        "today": today,
        "document": {"name": template, "title": TEMPLATE_TITLES.get(template, template)},
        "firm": _firm(firm),
        "attorney": _attorney(matter.attorney, firm),
        "client": client,
        "matter": matter_ctx,
        "incident": incident_ctxs[0],
        "incidents": incident_ctxs,
        "violations": violations,
        "custody": custody,
        "over_detention_hours": over_detention,
        "defendants": defendants,
        "recipients": _recipients(matter.defendants, municipality, agency),
        "addressees": letter_to.to,
        "cc": letter_to.cc,
        "letter": letter,
        "municipality": municipality,
        "agency": agency,
        "court": court,
        "caption": {
            "plaintiff": client_name,
            "first_defendant": caption_first,
            "et_al": et_al,
            "short_title": f"{client_name} v. {caption_first}{' et al.' if et_al else ''}",
        },
        "complaint": _complaint(
            matter, incidents, custody_events, defendants, court, over_detention, plan
        ),
        "demands": _demands(matter, claims, client_name, agency),
        "records": list(records()),
        "notices": list(trust_act_notices()) if CLAIM_TRUST_ACT in matter.claims else [],
        "deadlines": deadlines,
        "upcoming_deadlines": upcoming,
        "passed_deadlines": passed,
        "next_deadline": upcoming[0] if upcoming else None,
        "next_steps": next_steps,
        "drafting_notes": _drafting_notes(
            template, matter, incidents, custody_events, over_detention, claims, extras, today,
            plan, state_agency=agency["state"],
        ) + (letter_to.notes if template in _LETTERS else []),
        "plan": plan.to_dict(),
        "notice": _notice(template, plan, matter),
        **extras,
    }  # fmt: skip


def build_report_context(
    firm: Firm,
    today: date,
    deadlines: Iterable[tuple[str, str, DeadlineView]],
    no_deadline: Iterable[tuple[str, str]] = (),
    *,
    days: int = 30,
    lang: str = "en",
    title: str = "Deadline reminders",
) -> dict[str, Any]:
    """The context for ``report-deadlines``.

    Args:
        firm: the letterhead.
        today: the report date; rows are grouped relative to it.
        deadlines: ``(matter number, client name, deadline)`` for every deadline to consider;
            only open ones due within ``days`` (or overdue) are listed.
        no_deadline: ``(matter number, client name)`` of open matters with no open deadline.
        days: the horizon of the last section ("Next 30 days").
        lang: the report language (English only ships).
        title: the report title.

    Like the services report, sections are measured against the **safe target** (the last
    business day on or before the legal last day, trust-act.md § 3): Overdue (safe target
    passed), Today, This week (the next seven days), Next N days (the rest of the horizon). Each
    row is ``{matter, client, title, due, safe_target, days_left, citation, verify, tier}``:
    ``days_left`` counts to the safe target, ``verify`` is ``"verify"`` for a rule that is not
    confirmed, and ``tier`` is the current reminder tier (days-before, from
    :mod:`casekit.domain.reminders`, or ``""`` when none applies).
    """
    from casekit.domain.reminders import current_tier, tiers_for
    from casekit.domain.rules import default_rules

    rules = default_rules()
    if days < 1:
        raise InvalidInput("the report horizon must be at least one day")
    buckets: list[tuple[str, list[dict[str, Any]]]] = [
        ("Overdue", []),
        ("Today", []),
        ("This week", []),
        (f"Next {days} days", []),
    ]
    rows = sorted(
        ((m, c, d) for m, c, d in deadlines if d.status == "open"),
        key=lambda row: (row[2].safe_target, row[2].due, row[0]),
    )
    for matter_number, client_name, d in rows:
        left = (d.safe_target - today).days
        kind = rules[d.rule_id].kind if d.rule_id in rules else ""  # a firm's own rule: short
        tier = current_tier(d.safe_target, today, tiers_for(kind))
        if left > days:
            continue
        index = 0 if left < 0 else 1 if left == 0 else 2 if left <= 7 else 3
        buckets[index][1].append(
            {
                "matter": matter_number,
                "client": client_name,
                "title": d.title,
                "due": d.due,
                "safe_target": d.safe_target,
                "days_left": left,
                "citation": d.citation,
                "verify": "verify" if d.verify else "",
                "tier": "" if tier is None else tier,
            }
        )
    return {
        "lang": lang,
        "today": today,
        "document": {"name": "report-deadlines", "title": title},
        "firm": _firm(firm),
        "title": title,
        "horizon_days": days,
        "sections": [{"title": t, "rows": r} for t, r in buckets],
        "no_deadline": [
            {"matter": m, "client": c} for m, c in sorted(no_deadline, key=lambda row: row[0])
        ],
    }


# --- pieces -------------------------------------------------------------------------------------


def _extras(extra: Mapping[str, Any] | None, today: date) -> dict[str, Any]:
    given = dict(extra or {})
    unknown = sorted(set(given) - set(EXTRA_KEYS))
    if unknown:
        raise InvalidInput(
            f"unknown document value {unknown[0]!r}; known: {', '.join(sorted(EXTRA_KEYS))}"
        )
    values: dict[str, Any] = dict.fromkeys(EXTRA_KEYS)
    values.update(given)
    if values["filing_date"] is None:
        values["filing_date"] = today
    values["late_notice"] = bool(values["late_notice"])
    if values["response_date"] is None:
        values["response_date"] = today + timedelta(days=_RESPONSE_DAYS)
    if values["preservation_days"] is None:
        values["preservation_days"] = _PRESERVATION_DAYS
    if values["preservation_date"] is None:
        values["preservation_date"] = today + timedelta(days=int(values["preservation_days"]))
    return values


def _sort_key(moment: datetime) -> float:
    # Mixed naive/aware timestamps must still sort; naive ones are read as local wall time.
    return moment.timestamp()


def _firm(firm: Firm) -> dict[str, str]:
    return {
        "name": firm.name,
        "address": firm.address,
        "phone": firm.phone,
        "email": firm.email,
        "juris_number": firm.juris_number,
    }


def _attorney(attorney: Attorney | None, firm: Firm) -> dict[str, str]:
    if attorney is None:
        return {"name": BLANK, "juris_number": firm.juris_number, "email": firm.email,
                "phone": firm.phone}  # fmt: skip
    return {
        "name": attorney.name or BLANK,
        "juris_number": attorney.juris_number or firm.juris_number,
        "email": attorney.email or firm.email,
        "phone": attorney.phone or firm.phone,
    }


def _client(client: Client, lang: str) -> dict[str, Any]:
    # Safe-to-contact: a channel the client has not marked safe never reaches a document.
    words = CONTACT_CHANNELS[lang]
    channels = [
        words[name]
        for name, value, safe in (
            ("phone", client.phone, client.phone_safe),
            ("email", client.email, client.email_safe),
            ("address", client.address, client.address_safe),
        )
        if value and safe
    ]
    return {
        "name": client.name,
        "display_name": client.preferred_name or client.name,
        "language": client.preferred_language,
        "address": client.address if client.address_safe else "",
        "address_safe": bool(client.address and client.address_safe),
        "phone": client.phone if client.phone_safe else "",
        "phone_safe": bool(client.phone and client.phone_safe),
        "email": client.email if client.email_safe else "",
        "email_safe": bool(client.email and client.email_safe),
        "contact_channels": channels,
        "contact_by": join_words(channels, lang),
    }


def _claim(claim: ClaimText, lang: str) -> dict[str, Any]:
    return {
        "claim": claim.claim,
        "title": claim.title,
        "plain": claim.plain_es if lang == "es" else claim.plain_en,
        "citation": claim.citation,
        "confidence": claim.confidence,
        "verify": needs_verify(claim.confidence),
        "damages": claim.damages,
    }


def _violation(v: ViolationText, lang: str) -> dict[str, Any]:
    # A conduct the Trust Act may not itself forbid (V8, the 48-hour cap) is cited by the
    # federal rule that sets the limit, never as a Trust Act violation (trust-act.md § 1).
    federal = not v.trust_act_violation and bool(v.federal_citation)
    citation = v.federal_citation if federal else v.citation
    confidence = (v.federal_confidence or v.confidence) if federal else v.confidence
    return {
        "code": v.code,
        "allegation": v.allegation,
        "short": v.short,
        "plain": v.plain_es if lang == "es" else v.plain_en,
        "citation": citation,
        "confidence": confidence,
        "verify": needs_verify(confidence),
    }


def _violations(
    incidents: Sequence[Incident],
    lang: str,
    *,
    corrections: bool = False,
    alleged: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """The recorded violations, those the pleading plan refuses left out (``alleged``: a V8
    the 48-hour computation does not confirm is never told in a notice or a letter)."""
    seen: dict[str, dict[str, Any]] = {}
    for incident in incidents:
        for code in incident.violations:
            text = violation_text(code)  # "V1" and "V1_DETAIN_ON_DETAINER" are one code
            if alleged is not None and text.code not in alleged:
                continue
            if code not in seen:
                seen[code] = _violation(text, lang)
                if corrections:
                    seen[code]["plain"] = _for_corrections(seen[code]["plain"], lang)
    return list(seen.values())


def _for_corrections(text: str, lang: str) -> str:
    """A client sentence about "the police" told of the correctional facility (DOC matters)."""
    words = ACTOR_WORDS[lang]
    police, facility = words["police"], words["corrections"]
    if lang == "es":
        text = text.replace("de la policía", "del centro penitenciario")
    text = text.replace(police[0].upper() + police[1:], facility[0].upper() + facility[1:])
    return text.replace(police, facility)


def _custody_end(events: Sequence[CustodyEvent]) -> date | None:
    """The day local custody ended (a release, or a transfer to ICE), if recorded."""
    ends = [e.at.date() for e in events if e.kind in ("release", "release_to_ice")]
    return max(ends) if ends else None


def _es_at(moment: datetime, word: str = "a") -> str:
    """``a la 1:15 de la tarde`` / ``a las 2:15 de la tarde`` (``word``: a, de)."""
    article = "la" if moment.hour % 12 == 1 else "las"
    return f"{word} {article} {clock_time(moment, 'es')}"


def _when(moment: datetime, lang: str) -> str:
    if lang == "es":
        return f"{long_date(moment, lang)}, {_es_at(moment)}"
    return f"{long_date(moment, lang)}, at {clock_time(moment, lang)}"


def _incident(incident: Incident, lang: str, client_name: str) -> dict[str, Any]:
    time = clock_time(incident.occurred_at, lang) if incident.occurred_at else ""
    day = long_date(incident.occurred_on, lang)
    corrections = incident.agency_kind == "corrections"
    if lang == "es":
        at = f", alrededor {_es_at(incident.occurred_at, 'de')}," if incident.occurred_at else ","
        where = f"El {day}{at} en {incident.town}, Connecticut,"
        # DOC matters: "agentes del centro penitenciario (York Correctional Institution)".
        officers = (
            f"agentes del centro penitenciario ({incident.agency})"
            if corrections
            else f"agentes del {incident.agency}"
        )
        summary = f"{where} {client_name} tuvo contacto con {officers}."
        summary_you = f"{where} usted tuvo contacto con {officers}."
    else:
        at = f", at about {time}," if time else ","
        where = f"On {day}{at} in {incident.town}, Connecticut,"
        summary = f"{where} {client_name} had contact with officers of the {incident.agency}."
        summary_you = f"{where} you had contact with officers of the {incident.agency}."
    narrative = [p.strip() for p in incident.narrative.split("\n\n") if p.strip()]
    return {
        "date": incident.occurred_on,
        "time": time,
        "town": incident.town,
        "agency": incident.agency,
        "agency_kind": incident.agency_kind,
        "contact_type": incident.contact_type,
        "narrative": incident.narrative,
        "narrative_paragraphs": narrative,
        "officers": list(incident.officers),
        "violations": [_violation(violation_text(c), lang) for c in incident.violations],
        "judicial_warrant": incident.judicial_warrant,
        "tsdb_match": incident.tsdb_match,
        "has_convictions": bool(incident.convictions),
        "summary": summary,
        "summary_you": summary_you,
    }


def _custody(
    event: CustodyEvent, agency: str, person: str, lang: str, actor: str = ""
) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "label": custody_label(event.kind, "third", lang, person, agency, actor),
        "label_you": custody_label(event.kind, "you", lang, person, agency, actor),
        "at": event.at,
        "when": _when(event.at, lang),
        "note": event.note,
    }


def _over_detention_hours(events: Sequence[CustodyEvent]) -> float | int | None:
    """Hours between the scheduled release and the end of local custody (release to ICE or
    release), as the domain measures them (casekit.domain.custody, the one place that does);
    None when not recorded or not held past the scheduled time."""
    from casekit.domain.custody import over_detention
    from casekit.domain.deadlines import default_federal_calendar

    figures = over_detention(events, default_federal_calendar())
    if not figures.hours_past_release:
        return None
    hours = round(figures.hours_past_release, 1)
    return int(hours) if hours.is_integer() else hours


def _find_agency(agencies: Sequence[Agency], name: str) -> Agency | None:
    return next((a for a in agencies if a.name == name), None)


def _agency(incident: Incident, row: Agency | None) -> dict[str, Any]:
    return {
        "name": incident.agency,
        "kind": incident.agency_kind,
        "address": row.address if row else "",
        "employer": row.employer if row else "",
        "state": _is_state_kind(incident.agency_kind, row.employer if row else ""),
    }


def _is_state_kind(kind: str, employer: str = "") -> bool:
    """A State agency: by the domain's actor table (``defendant = "state"``), or its employer."""
    if employer.startswith("State of Connecticut"):
        return True
    try:
        return codes.actor(kind).defendant == codes.DEFENDANT_STATE
    except InvalidInput:
        return False


def _municipality(matter: MatterFacts, incident: Incident, row: Agency | None) -> dict[str, Any]:
    party = next((p for p in matter.defendants if p.kind == "municipality"), None)
    if party is not None:
        name, address, known = party.name, party.service_address, True
    elif row is not None and row.employer and not _is_state_kind(row.kind, row.employer):
        name, address, known = row.employer, "", True
    else:
        name, address, known = incident.town, "", False
    # The clerk's title as the registry gives it for this town (municipalities.csv), else the
    # title the stored service address gives, else "Clerk" (§ 7-465(a)).
    town = next((t for t in matter.towns if t.legal_name and t.legal_name == name), None)
    clerk = (town.clerk_title if town is not None else "") or _clerk_title(name, address)
    if not address and town is not None:
        address = town.clerk_address
    return {
        "name": name,
        "the_name": _the(name),
        "clerk": clerk,
        # The stored service address starts "Town Clerk, Town of Newtown, ...": the notice's
        # addressee block prints the title and the name itself, so only the street follows.
        "address": _street_after(address, (name, clerk)),
        "address_lines": split_address(_street_after(address, (name, clerk)))
        or [_words().say("addressee.address_missing", office=clerk, entity=name)],
        "known": known,
    }


def _clerk_title(name: str, service_address: str = "") -> str:
    """The clerk a notice goes to: the title the stored service address gives ("Town Clerk,
    City of Waterbury, ..."), else by the name's form ("Town of" → Town Clerk, "Borough of" →
    Borough Clerk), else "Clerk" (§ 7-465(a): "the clerk of such municipality")."""
    title, _, rest = service_address.partition(", ")
    if title.endswith("Clerk") and rest.startswith(name):
        return title
    if name.startswith("Town of "):
        return "Town Clerk"
    if name.startswith("Borough of "):
        return "Borough Clerk"
    return "Clerk"


def _party(party: Party, agency: Mapping[str, Any]) -> dict[str, Any]:
    capacity = {
        "official": "in an official capacity",
        "individual": "in an individual capacity",
        "both": "in individual and official capacities",
    }.get(party.capacity, "")
    if party.kind == "municipality":
        served_by = party.agency or agency["name"]
        description = (
            f"The defendant {party.name} is a municipality of the State of Connecticut. The "
            f"{served_by} is its police department, and the department's conduct alleged below "
            f"is the conduct of {_the(party.name)}."
        )
    elif party.kind == "state":
        description = (
            f"The defendant {party.name} is sued{' ' + capacity if capacity else ''} for the "
            f"conduct of the {party.agency or agency['name']} alleged below."
        )
    elif party.kind == "person":
        description = (
            f"The defendant {party.name} was at all relevant times an officer or employee of the "
            f"{party.agency or agency['name']}"
            f"{', and is sued ' + capacity if capacity else ''}."
        )
    else:
        description = (
            f"The defendant {party.name} is a law enforcement agency whose conduct is alleged "
            f"below{', and is sued ' + capacity if capacity else ''}."
        )
    return {
        "name": party.name,
        "kind": party.kind,
        "capacity": party.capacity,
        "service_address": party.service_address,
        "description": description,
    }


def _recipients(
    parties: Sequence[Party], municipality: Mapping[str, Any], agency: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Who a demand or preservation letter goes to: the entities, never individual officers."""
    out: list[dict[str, Any]] = []
    for p in parties:
        if p.kind in _PERSON_KINDS:
            continue
        if p.kind == "municipality":
            attention = ["Chief Executive Officer", _clerk_title(p.name, p.service_address)]
        elif p.kind in _STATE_KINDS:
            # Process against the State goes to the Attorney General (§ 52-64, confirmed).
            attention = ["Office of the Attorney General"]
        else:
            attention = ["Head of Agency"]
        # The stored service address starts with the title and name ("Town Clerk, Town of
        # Newtown, ..."): print only what follows, never the same line twice.
        address = _street_after(p.service_address, (p.name, *attention))
        out.append({"name": p.name, "attention": attention, "address": address})
    if not out:
        if municipality["known"]:
            out.append(
                {
                    "name": municipality["name"],
                    "attention": ["Chief Executive Officer", municipality["clerk"]],
                    "address": municipality["address"],
                }
            )
        else:
            out.append(
                {
                    "name": agency["name"],
                    "attention": ["Head of Agency"],
                    "address": agency["address"],
                }
            )
    return out


def _street_after(address: str, names: Sequence[str]) -> str:
    drop = {n.casefold() for n in names}
    parts = [p.strip() for p in address.split(",")]
    while parts and (parts[0].casefold() in drop or parts[0].endswith("Clerk")):
        parts.pop(0)
    return ", ".join(p for p in parts if p)


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


def _words() -> PleadingWords:
    return default_pack().pleading


def _trust_act_citation() -> str:
    """The Trust Act as a pleading cites it (pleading.toml ``cite.trust_act``)."""
    return _words().text("cite.trust_act").text


def _demands(
    matter: MatterFacts, claims: Sequence[ClaimText], client_name: str, agency: Mapping[str, Any]
) -> list[dict[str, str]]:
    """The demand letter's numbered demands (trust-act.md § 2: ask for what the counts allow).

    ``text`` has no final period (the template adds the citation, then the period); ``citation``
    is already formatted, each source with its own ``[verify]`` marker.
    """
    trust_act = cite(_trust_act_citation(), CONFIRMED)
    demands = [
        {
            "text": f"Stop the practices described above at the {agency['name']}, and stop "
            "detaining people on civil immigration detainers or otherwise cooperating with "
            "federal immigration authorities in the ways the Trust Act prohibits",
            "citation": trust_act,
        },
        {
            "text": f"Preserve every record, recording and communication concerning {client_name} "
            "and these events, including those listed in our preservation letter, and suspend "
            "any routine deletion or overwriting of them",
            "citation": "",
        },
        {
            "text": "Adopt, or revise, a written policy that follows the Trust Act, and train "
            "every officer and employee who deals with people in custody on it",
            "citation": trust_act,
        },
    ]
    fee_sources = []
    if CLAIM_TRUST_ACT in matter.claims:
        # A municipality found in violation pays costs and fees (secondary, trust-act.md § 2).
        fee_sources.append(cite(_trust_act_citation(), claim_text(CLAIM_TRUST_ACT).confidence))
    if CLAIM_1983 in matter.claims:
        fee_sources.append(cite(_words().text("demand.fees_1988").text, CONFIRMED))
    demands.append(
        {
            "text": f"Pay the costs and attorney's fees {client_name} has incurred",
            "citation": "; ".join(fee_sources),
        }
    )
    damages = [c for c in claims if c.damages]
    if damages:
        demands.append(
            {
                "text": f"Compensate {client_name} for the harm the detention caused",
                "citation": "; ".join(cite(c.citation, c.confidence) for c in damages),
            }
        )
    return demands


def _the(name: str) -> str:
    """``the City of Danbury`` where English wants the article; other names as they are."""
    if name.startswith(("City of ", "Town of ", "State of ", "Borough of ")):
        return f"the {name}"
    return name


def _names(names: Sequence[str]) -> str:
    shown = [_the(n) for n in names]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _facts(
    incidents: Sequence[Incident],
    custody: Sequence[CustodyEvent],
    over_detention: float | int | None,
    plan: PleadingPlan,
) -> tuple[list[str], list[str]]:
    """The FACTS section in pleading voice, and the notes for what had to be left out.

    A narrative (or a custody note) written about "the client" or in the first person is never
    pasted: a placeholder stands in and the note quotes it for rewriting. Custody events are
    allegations about "the plaintiff". A detainer hold is alleged only when the plan finds one
    (V1); V8 only when the 48-hour computation confirms it, as a federal fact.
    """
    words = _words()
    first = incidents[0]
    facts: list[str] = []
    notes: list[str] = []
    for incident in incidents:
        time = f", at about {clock_time(incident.occurred_at)}," if incident.occurred_at else ","
        contact = f" ({incident.contact_type})" if incident.contact_type else ""
        facts.append(
            f"On {long_date(incident.occurred_on)}{time} in {incident.town}, Connecticut, the "
            f"plaintiff had contact with officers of the {incident.agency}{contact}."
        )
        if incident.officers:
            facts.append(f"The officers involved include {_and(list(incident.officers))}.")
        paragraphs = [p.strip() for p in incident.narrative.split("\n\n") if p.strip()]
        if paragraphs and not all(in_pleading_voice(p) for p in paragraphs):
            facts.append(words.say("narrative.placeholder"))
            quoted = " / ".join(paragraphs)
            notes.append(
                f"The narrative of {long_date(incident.occurred_on)} speaks of the client or in "
                "the first person, so it was not pasted into the pleading: rewrite it as "
                f'allegations about the plaintiff. It reads: "{quoted}"'
            )
        else:
            facts += paragraphs
    for event in custody:
        label = custody_label(event.kind, "third", "en", "the plaintiff", first.agency)
        note = ""
        if event.note and in_pleading_voice(event.note):
            note = f" ({event.note})"
        elif event.note:
            notes.append(
                f"The note on the custody event of {long_date(event.at)} was left out (it is not "
                f'in pleading voice): "{event.note}"'
            )
        facts.append(f"On {_when(event.at, 'en')}, {label}{note}.")
    if over_detention is not None and plan.hold:
        # Held past the time of release: a detainer hold, alleged only with V1 (the plan's hold).
        facts.append(
            f"The plaintiff was held about {over_detention:g} hours past the time the plaintiff "
            "was due to be released."
        )
    for incident in incidents:
        for code in incident.violations:
            v = violation_text(code)
            if v.code not in plan.alleged:
                continue
            if not v.trust_act_violation:
                # V8: a Fourth Amendment / federal-regulation fact, never a Trust Act violation.
                facts.append(words.say("fact.v8", agency=incident.agency, allegation=v.allegation))
                if plan.v8_cap_end is not None and plan.v8_hours is not None:
                    facts.append(
                        words.say(
                            "fact.v8_hours",
                            cap_end=_when(plan.v8_cap_end, "en"),
                            hours=f"{plan.v8_hours:g}",
                        )
                    )
                continue
            facts.append(f"The {incident.agency} {v.allegation}.")
    return facts, notes


def _complaint(
    matter: MatterFacts,
    incidents: Sequence[Incident],
    custody: Sequence[CustodyEvent],
    defendants: Sequence[Mapping[str, Any]],
    court: Mapping[str, Any],
    over_detention: float | int | None,
    plan: PleadingPlan,
) -> dict[str, Any]:
    """Numbered paragraphs that run on across the counts (trust-act.md § 5), from the plan."""
    numbers = count(1)
    words = _words()

    def paragraphs(texts: Iterable[str]) -> list[dict[str, Any]]:
        return [{"number": next(numbers), "text": t} for t in texts]

    client = matter.client.name
    planned = {d.name: d for d in plan.defendants}
    parties = [f"The plaintiff, {client}, brings this action."]
    for d in defendants:
        parties.append(d["description"])
        found = planned.get(d["name"])
        if found is not None:
            parties += list(found.paragraphs)

    venue = (
        f"The events alleged below occurred in {court['incident_town']}, Connecticut, which lies "
        f"in the Judicial District of {court['district']}."
    )
    if plan.count(CLAIM_TRUST_ACT) is not None:
        venue += " " + words.say("venue.trust_act")
    jurisdiction = [venue]
    if plan.counts:
        claims = default_pack().claims
        under = [claims[c.claim].pleaded_under if c.claim in claims else "" for c in plan.counts]
        citations = "; ".join(
            dict.fromkeys(u or c.citation for u, c in zip(under, plan.counts, strict=True))
        )
        jurisdiction.append(words.say("jurisdiction.brings", citations=citations))

    facts, _ = _facts(incidents, custody, over_detention, plan)
    sections: list[dict[str, Any]] = [
        {"heading": "PARTIES", "paragraphs": paragraphs(parties)},
        {"heading": "JURISDICTION AND VENUE", "paragraphs": paragraphs(jurisdiction)},
    ]
    fact_paragraphs = paragraphs(facts)
    sections.append({"heading": "FACTS", "paragraphs": fact_paragraphs})
    last_common = fact_paragraphs[-1]["number"]
    incorporate = f"Paragraphs 1 through {last_common} are incorporated into this count."

    counts = []
    for index, planned_count in enumerate(plan.counts, start=1):
        counts.append(
            {
                "number": index,
                "heading": f"{ordinal(index, 'word').upper()} COUNT",
                "claim": planned_count.claim,
                "title": planned_count.title,
                "against": _names(planned_count.against),
                "against_names": list(planned_count.against),
                "citation": planned_count.citation,
                "confidence": planned_count.confidence,
                "verify": planned_count.verify,
                "paragraphs": paragraphs([incorporate, *planned_count.paragraphs]),
            }
        )
    return {
        "sections": sections,
        "last_common": last_common,
        "counts": counts,
        "last_number": next(numbers) - 1,
        "relief": _relief(matter, plan, counts),
    }


def _relief(
    matter: MatterFacts, plan: PleadingPlan, counts: Sequence[Mapping[str, Any]]
) -> list[str]:
    words = _words()
    relief = []
    trust_counts = [c for c in counts if c["claim"] == CLAIM_TRUST_ACT]
    if trust_counts:
        which = f"the {trust_counts[0]['heading'].title()}"
        enjoined = _names(trust_counts[0]["against_names"]) or "the defendants"
        relief.append(words.say("relief.declaratory", which=which))
        relief.append(words.say("relief.injunction", enjoined=enjoined, which=which))
        relief.append(words.say("relief.trust_fees"))
    damages = [
        c["heading"].title()
        for c in counts
        if c["claim"] in matter.claims and default_pack().claims[c["claim"]].damages
    ]
    if damages:
        relief.append("Money damages on the " + _and(damages) + ".")
    if plan.count(CLAIM_1983) is not None:
        relief.append(words.say("relief.fees_1988"))
    if not trust_counts:
        relief.append("Costs.")
    relief.append("Such other relief as the Court finds just.")
    return relief


def _and(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _notice(template: str, plan: PleadingPlan, matter: MatterFacts) -> dict[str, Any]:
    """The notice the template is (``notice-7-465``, ``notice-4-147``): to whom, its deadline,
    and the sentence about its period (late only with --late; never "timely" after the
    deadline)."""
    words = _words()
    planned = plan.notice(template) or plan.notice("notice-7-465")
    due = planned.due if planned is not None else None
    late = bool(planned is not None and due is not None and due < plan.today)
    first = min(matter.incidents, key=lambda i: i.occurred_on)
    if template == "notice-4-147":
        key = "notice.4147_late" if late else "notice.4147_timely"
        period = words.say(key, deadline=long_date(due), accrued=long_date(first.occurred_on))
    else:
        key = "notice.7465_late" if late else "notice.7465_timely"
        period = words.say(key, deadline=long_date(due))
    defendants = list(planned.defendants) if planned is not None else []
    return {
        "template": template,
        "status": planned.status if planned is not None else "",
        "late": late,
        "due": due,
        "addressee": planned.addressee if planned is not None else "",
        "defendants": _names(defendants),
        "period": period,
        "title": words.text(
            "notice.4147_title" if template == "notice-4-147" else "notice.7465_title"
        ).text,
        "intro": words.say(
            "notice.4147_intro" if template == "notice-4-147" else "notice.7465_intro",
            plaintiff=matter.client.name,
            defendants=_names(defendants) or "the municipality and its employees",
            agency=first.agency,
        ),
        "permission": words.say("notice.4147_permission"),
        "amount": words.say("notice.4147_amount"),
        "office_address": words.say("notice.4147_address"),
        "filing": [
            {
                "text": f.text,
                "citation": f.citation,
                "confidence": f.confidence,
                "verify": needs_verify(f.confidence),
            }
            for f in words.filing
        ],  # fmt: skip
    }


def _drafting_notes(
    template: str,
    matter: MatterFacts,
    incidents: Sequence[Incident],
    custody: Sequence[CustodyEvent],
    over_detention: float | int | None,
    claims: Sequence[Any],
    extras: Mapping[str, Any],
    today: date,
    plan: PleadingPlan,
    *,
    state_agency: bool,
) -> list[str]:
    """Notes for the attorney at the end of a draft (not in client letters)."""
    if template.startswith("client-letter"):
        return []
    words = _words()
    notes = [
        "Items marked [verify] rest on a source that is not confirmed (casekit shows each "
        "rule's confidence); check them before this document goes out.",
        "Text in [[double brackets]] is a placeholder: replace it before this document goes out.",
    ]
    trust_act = CLAIM_TRUST_ACT in matter.claims
    if trust_act:
        notes.extend(f"{notice} [verify: secondary]" for notice in trust_act_notices())
    state = state_agency or any(p.kind in _STATE_KINDS for p in matter.defendants)
    since = default_pack().date_of("ACT_2025")
    if trust_act and any(i.occurred_on < since for i in incidents):
        notes.append(words.say("note.prospective", since=long_date(since)))
    if trust_act and state:
        notes.append(
            "Whether the Trust Act action reaches a state agency is unknown [verify: unknown]."
        )
    if any(i.judicial_warrant for i in incidents):
        notes.append("A judicial warrant is recorded: the judicial-warrant exception may apply.")
    if any(i.convictions for i in incidents):
        notes.append("Convictions are recorded: check the conviction exception before sending.")
    if any(i.tsdb_match for i in incidents):
        notes.append("A database (TSDB) match is recorded: that exception may apply.")
    if template == "complaint":
        if extras["return_date"] is None:
            notes.append(words.say("note.return_date"))
        if extras["serve_by"] is not None:
            notes.append(words.say("note.serve_by", day=long_date(extras["serve_by"])))
        if extras["return_to_court_by"] is not None:
            notes.append(words.say("note.return_by", day=long_date(extras["return_to_court_by"])))
        if plan.count(CLAIM_TRUST_ACT) is not None:
            notes.append(words.say("note.trust_unknown"))
        if any(default_pack().claims[c.claim].damages for c in plan.counts):
            notes.append(words.say("note.amount"))
        if (
            plan.count(CLAIM_CLAIMS_COMMISSIONER) is not None
            and not extras["claims_commissioner_authorized_on"]
        ):
            notes.append(words.say("note.authorization"))
        notes += plan_notes(plan)
    if template in {"complaint", "notice-7-465", "notice-4-147"}:
        _, voice_notes = _facts(incidents, custody, over_detention, plan)
        notes += voice_notes
    if template == "notice-7-465":
        planned = plan.notice("notice-7-465")
        deadline = planned.due if planned is not None else extras["notice_deadline"]
        if deadline is None:
            notes.append(words.say("note.7465_none"))
        elif deadline < today:
            notes.append(words.say("note.7465_late", deadline=long_date(deadline)))
    if template == "notice-4-147":
        planned = plan.notice("notice-4-147")
        if planned is not None and planned.due is not None:
            key = "note.4147_expired" if planned.due < today else "note.4147_deadline"
            notes.append(words.say(key, deadline=long_date(planned.due)))
        notes += [f"{f.text} ({cite(f.citation, f.confidence)})" for f in words.filing]
    if not claims and template in {"complaint", "demand-letter"}:
        notes.append("No claims are selected for this matter.")
    return notes
