"""The complaint's numbered paragraphs (parties, jurisdiction, facts, counts) and its relief."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import count
from typing import Any

from casekit.docgen.context.incidents import _when
from casekit.docgen.context.parties import _words
from casekit.docgen.environment import clock_time, long_date, ordinal
from casekit.docgen.law import (
    custody_label,
    violation_text,
)
from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_TRUST_ACT,
    CustodyEvent,
    Incident,
    MatterFacts,
)
from casekit.domain.pleading import PleadingPlan, in_pleading_voice, name_list
from casekit.domain.text import and_join
from casekit.domain.vocabulary import cited


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
            facts.append(f"The officers involved include {and_join(incident.officers)}.")
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
    facts += _violation_facts(incidents, plan)
    return facts, notes


def _violation_facts(incidents: Sequence[Incident], plan: PleadingPlan) -> list[str]:
    """The violations the plan alleges, as facts (V8 as a federal fact, never the Trust Act's)."""
    words = _words()
    facts: list[str] = []
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
    return facts


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
                "against": name_list(planned_count.against),
                "against_names": list(planned_count.against),
                **cited(planned_count.citation, planned_count.confidence),
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
        enjoined = name_list(trust_counts[0]["against_names"]) or "the defendants"
        relief.append(words.say("relief.declaratory", which=which))
        relief.append(words.say("relief.injunction", enjoined=enjoined, which=which))
        relief.append(words.say("relief.trust_fees"))
    damages = [
        c["heading"].title()
        for c in counts
        if c["claim"] in matter.claims and default_pack().claims[c["claim"]].damages
    ]
    if damages:
        relief.append("Money damages on the " + and_join(damages) + ".")
    if plan.count(CLAIM_1983) is not None:
        relief.append(words.say("relief.fees_1988"))
    if not trust_counts:
        relief.append("Costs.")
    relief.append("Such other relief as the Court finds just.")
    return relief
