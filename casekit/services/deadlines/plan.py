"""A matter's plan as the services store it: planned deadlines labelled, adjusted and rekeyed.

* :func:`slots` and :func:`plan_matter` ask the planner (``casekit.domain.planning``) for a
  matter's deadlines; in bulk work, matters that differ only in their parties' ids share one plan.
* :func:`adjusted_plan` respects tolling and extensions; :func:`rekeyed` upgrades rows stored
  under a matter-wide key to the per-defendant key the plan now uses.
* :func:`row_values` is a planned deadline as a row to insert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from casekit.domain.planning import Defendant, PlannedDeadline, PlanningFacts, plan_deadlines
from casekit.services.deadlines.results import MAX_TITLE

if TYPE_CHECKING:
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.rules import RuleSet
    from casekit.services.deadlines.facts import MatterData, StoredRow


def trail_of(p: PlannedDeadline) -> list[str]:
    """The trail a planned deadline is stored with (its marshal option last)."""
    trail = list(p.trail)
    if p.marshal_option and p.marshal_option not in trail:
        trail.append(f"Marshal option: {p.marshal_option}")
    return trail


def row_values(
    matter_id: int, p: PlannedDeadline, actor: str, now: datetime, law_version: str
) -> dict[str, Any]:
    return {
        "matter_id": matter_id,
        "key": p.key,
        "rule_id": p.rule_id,
        "title": p.title,
        "kind": p.kind,
        "trigger_event": p.trigger_event,
        "trigger_date": p.trigger,
        "due": p.due,
        "safe_target": p.safe_target,
        "citation": p.citation,
        "confidence": p.confidence,
        "status": "open",
        "status_reason": "",
        "manual": False,
        "overridden": p.overridden,
        "trail": trail_of(p),
        "party_id": int(p.subject_id) if p.subject_id.isdigit() else None,
        "records_request_id": None,
        "changed_by": actor,
        "law_version": law_version,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


#: Every fact a plan depends on but the defendants (their kinds are part of a shared plan's key).
_facts_but_parties = attrgetter(*(f.name for f in fields(PlanningFacts) if f.name != "defendants"))

#: Between a per-defendant deadline's title and the defendant's name.
LABEL_SEPARATOR = " — "

#: A planned deadline as one matter has it: (key, subject id, title, the shared plan's deadline).
Slot = tuple[str, str, str, PlannedDeadline]


def slots(
    data: MatterData,
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
    cache: dict[Any, Any] | None = None,
) -> list[Slot] | None:
    """The matter's planned deadlines as slots (None when no incident is recorded).

    With ``cache`` (bulk work), matters that differ only in their parties' ids share one plan:
    it is computed once with placeholder party ids, and each slot carries the matter's own
    party id back in its key, and its defendant's name in its title. Nothing is copied: bulk
    work reads the shared deadline and the slot's key, subject and title.
    """
    facts = data.facts
    if facts is None:
        return None
    if cache is None:
        shared = _shape(plan_deadlines(facts, rules, calendar, today), rules)
        real: dict[str, str] = {}
    else:
        defendants = facts.defendants
        real = {f"#{i}": d.party_id for i, d in enumerate(defendants)} if defendants else {}
        # The facts but the parties' ids, read without building a new PlanningFacts.
        key = (tuple(d.kind for d in defendants), _facts_but_parties(facts))
        hit: list[_Shaped] | None = cache.get(key)
        if hit is None:
            placeholders = tuple(Defendant(d.kind, f"#{i}") for i, d in enumerate(defendants))
            found = plan_deadlines(replace(facts, defendants=placeholders), rules, calendar, today)
            hit = cache[key] = _shape(found, rules)
        shared = hit
    names = data.names
    out: list[Slot] = []
    for p, base, per_defendant in shared:
        key_text, subject, title = p.key, p.subject_id, p.title
        if subject:
            party = real.get(subject)
            if party is not None:
                key_text, subject = (f"{base}{party}" if party else base.rstrip(":")), party
            if per_defendant:
                name = names.get(subject) if subject else None
                if name:
                    title = f"{title}{LABEL_SEPARATOR}{name}"[:MAX_TITLE]
        out.append((key_text, subject, title, p))
    return out


#: A shared plan's deadline with what labelling it for a matter needs: its key without the
#: subject, and whether its rule is per defendant (named after the defendant).
_Shaped = tuple[PlannedDeadline, str, bool]


def _shape(plan: list[PlannedDeadline], rules: RuleSet) -> list[_Shaped]:
    return [
        (p, p.key[: len(p.key) - len(p.subject_id)], _per_defendant(rules, p.rule_id)) for p in plan
    ]


def _per_defendant(rules: RuleSet, rule_id: str) -> bool:
    return rule_id in rules and rules[rule_id].applies_when.per_defendant


def plan_matter(
    data: MatterData,
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
    cache: dict[Any, Any] | None = None,
) -> list[PlannedDeadline] | None:
    """The matter's planned deadlines (None when no incident is recorded); see :func:`slots`.

    Per-defendant deadlines carry the matter's party id in their key and are named after their
    defendant ("... — Town of Avon").
    """
    found = slots(data, rules, calendar, today, cache)
    return None if found is None else planned_of(found)


def planned_of(found: Sequence[Slot]) -> list[PlannedDeadline]:
    """The planned deadlines of a matter's slots (each shared deadline relabelled as needed)."""
    return [
        p
        if key == p.key and subject == p.subject_id and title == p.title
        else p.relabelled(key, subject, title)
        for key, subject, title, p in found
    ]


def adjusted_plan(
    plan: Sequence[PlannedDeadline], rows: Sequence[Any], calendar: CourtCalendar
) -> list[PlannedDeadline]:
    """The plan with tolling and extensions respected: a stored deadline that was adjusted
    (``adjusted_due``) is never moved before its adjusted date; a later computed date wins."""
    adjusted = {r.key: r.adjusted_due for r in rows if getattr(r, "adjusted_due", None)}
    if not adjusted:
        return list(plan)
    out = []
    for p in plan:
        day = adjusted.get(p.key)
        if day is not None and day > p.due:
            p = replace(
                p,
                due=day,
                safe_target=calendar.last_open_on_or_before(day),
                confidence="unverified" if p.confidence == "confirmed" else p.confidence,
                trail=(
                    *p.trail,
                    f"Adjusted: tolled or extended to {day.isoformat()} (later than the computed "
                    f"{p.due.isoformat()}; see casekit deadlines history); verify.",
                ),
            )
        out.append(p)
    return out


def rekeyed(rows: list[StoredRow], plan: Sequence[PlannedDeadline]) -> dict[int, str]:
    """Rows stored under a rule's matter-wide key that the plan now keys per defendant: each
    gets the first per-defendant key of its rule no other row holds (row id -> new key), so an
    upgraded row keeps its id and its done status instead of a second row appearing."""
    planned = {p.key for p in plan}
    held = {r.key for r in rows}
    out: dict[int, str] = {}
    for r in rows:
        if not r.key or r.key in planned or r.manual:
            continue
        prefix = f"{r.key}:"
        for p in sorted(plan, key=lambda q: q.key):
            if p.key.startswith(prefix) and p.key not in held:
                out[r.id] = p.key
                held.add(p.key)
                break
    return out


# --- creating a matter's deadlines --------------------------------------------------------------
