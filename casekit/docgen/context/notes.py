"""The notice a notice template is, and the drafting notes at the end of a draft."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casekit.docgen.context.complaint import _facts
from casekit.docgen.context.parties import _words
from casekit.docgen.context.scene import Scene
from casekit.docgen.environment import cite, long_date
from casekit.docgen.law import (
    trust_act_notices,
)
from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_TRUST_ACT,
    Incident,
    MatterFacts,
)
from casekit.domain.pleading import PleadingPlan, name_list, plan_notes
from casekit.domain.vocabulary import cited


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
        "defendants": name_list(defendants),
        "period": period,
        "title": words.text(
            "notice.4147_title" if template == "notice-4-147" else "notice.7465_title"
        ).text,
        "intro": words.say(
            "notice.4147_intro" if template == "notice-4-147" else "notice.7465_intro",
            plaintiff=matter.client.name,
            defendants=name_list(defendants) or "the municipality and its employees",
            agency=first.agency,
        ),
        "permission": words.say("notice.4147_permission"),
        "amount": words.say("notice.4147_amount"),
        "office_address": words.say("notice.4147_address"),
        "filing": [{"text": f.text, **cited(f.citation, f.confidence)} for f in words.filing],
    }


def _drafting_notes(template: str, seen: Scene) -> list[str]:
    """Notes for the attorney at the end of a draft (not in client letters)."""
    if template.startswith("client-letter"):
        return []
    notes = [
        "Items marked [verify] rest on a source that is not confirmed (casekit shows each "
        "rule's confidence); check them before this document goes out.",
        "Text in [[double brackets]] is a placeholder: replace it before this document goes out.",
        *_trust_act_notes(seen),
        *_exception_notes(seen.incidents),
    ]
    if template == "complaint":
        notes += _complaint_notes(seen)
    if template in {"complaint", "notice-7-465", "notice-4-147"}:
        _, voice_notes = _facts(seen.incidents, seen.custody, seen.over_detention, seen.plan)
        notes += voice_notes
    if template == "notice-7-465":
        notes += _notice_7465_notes(seen)
    if template == "notice-4-147":
        notes += _notice_4147_notes(seen)
    if not seen.claims and template in {"complaint", "demand-letter"}:
        notes.append("No claims are selected for this matter.")
    return notes


def _trust_act_notes(seen: Scene) -> list[str]:
    if CLAIM_TRUST_ACT not in seen.matter.claims:
        return []
    notes = [f"{notice} [verify: secondary]" for notice in trust_act_notices()]
    since = default_pack().date_of("ACT_2025")
    if any(i.occurred_on < since for i in seen.incidents):
        notes.append(_words().say("note.prospective", since=long_date(since)))
    if seen.state:
        notes.append(
            "Whether the Trust Act action reaches a state agency is unknown [verify: unknown]."
        )
    return notes


def _exception_notes(incidents: Sequence[Incident]) -> list[str]:
    notes = []
    if any(i.judicial_warrant for i in incidents):
        notes.append("A judicial warrant is recorded: the judicial-warrant exception may apply.")
    if any(i.convictions for i in incidents):
        notes.append("Convictions are recorded: check the conviction exception before sending.")
    if any(i.tsdb_match for i in incidents):
        notes.append("A database (TSDB) match is recorded: that exception may apply.")
    return notes


def _complaint_notes(seen: Scene) -> list[str]:
    words, extras, plan = _words(), seen.extras, seen.plan
    notes = []
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
    return notes + plan_notes(plan)


def _notice_7465_notes(seen: Scene) -> list[str]:
    words = _words()
    planned = seen.plan.notice("notice-7-465")
    deadline = planned.due if planned is not None else seen.extras["notice_deadline"]
    if deadline is None:
        return [words.say("note.7465_none")]
    if deadline < seen.today:
        return [words.say("note.7465_late", deadline=long_date(deadline))]
    return []


def _notice_4147_notes(seen: Scene) -> list[str]:
    words = _words()
    notes = []
    planned = seen.plan.notice("notice-4-147")
    if planned is not None and planned.due is not None:
        key = "note.4147_expired" if planned.due < seen.today else "note.4147_deadline"
        notes.append(words.say(key, deadline=long_date(planned.due)))
    return notes + [f"{f.text} ({cite(f.citation, f.confidence)})" for f in words.filing]
