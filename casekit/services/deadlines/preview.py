"""The recompute preview: what a changed trigger, rule or court closure would do (nothing written).

:func:`recompute_preview` shows one matter's added, moved, removed and restated deadlines;
:func:`recompute_all_preview` every open matter's. Done, waived and manual deadlines never move,
and a deadline that no longer applies would become ``superseded`` (never deleted).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.model import DEADLINE_STATUSES
from casekit.domain.planning import (
    FROZEN_STATUSES,
    ExistingDeadline,
    PlannedDeadline,
    diff_deadlines,
    reading_lines,
)
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import (
    MatterData,
    StoredRow,
    live_rows,
    live_tuples,
    load_matters,
    open_computed,
    same_readings,
    stored_readings,
    stored_row,
)
from casekit.services.deadlines.plan import (
    Slot,
    adjusted_plan,
    plan_matter,
    planned_of,
    rekeyed,
    slots,
    trail_of,
)
from casekit.services.deadlines.results import Change, RecomputeDiff
from casekit.services.law.rules import rule_set
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.planning import MovedDeadline
    from casekit.domain.rules import RuleSet
    from casekit.services.base import AppContext
    from casekit.store.repos.deadlines import Session

#: A matter's plan by deadline key (what applying its preview needs).
Plan = dict[str, PlannedDeadline]
#: Above this many matters, the readers read every matter (one scan beats a long IN list).
BULK = 500
REMOVED_REASON = (
    "no longer applies (a claim, defendant or trigger date changed); it would be kept as "
    "superseded, not deleted"
)


def _existing(r: StoredRow) -> ExistingDeadline:
    return ExistingDeadline(
        key=r.key or f"row:{r.id}",
        rule_id=r.rule_id,
        due=r.due,
        safe_target=r.safe_target,
        status=r.status,
        manual=r.manual,
        confidence=r.confidence,
        citation=r.citation,
        title=r.title,
        readings=r.readings,
    )


def _change(
    kind: str, reason: str, old: StoredRow | None = None, new: PlannedDeadline | None = None
) -> Change:
    """One line of a preview: ``old`` the stored row (None when added), ``new`` the plan's
    deadline (None when removed). The rule, title, citation and confidence are the plan's, or
    the stored row's when nothing is planned any more."""
    shown = new if new is not None else old
    if shown is None:
        raise ValueError("a change has a stored row, a planned deadline or both")
    return Change(
        kind=kind,
        key=shown.key,
        rule_id=shown.rule_id,
        title=shown.title,
        deadline_id=None if old is None else old.id,
        old_due=None if old is None else old.due,
        old_safe_target=None if old is None else old.safe_target,
        new_due=None if new is None else new.due,
        new_safe_target=None if new is None else new.safe_target,
        citation=shown.citation,
        confidence=shown.confidence,
        reason=reason,
        trail=() if new is None else tuple(trail_of(new)),
    )


def _moves(
    found: Sequence[MovedDeadline], rows: dict[int, StoredRow], calendar: CourtCalendar | None
) -> tuple[Change, ...]:
    """Moved (with ``calendar``) or restated changes, each against its stored row."""
    out = []
    for m in found:
        row = rows[id(m.old)]
        if calendar is None:
            out.append(_change("restated", why_restated(row, m.new), row, m.new))
        else:
            out.append(_change("moved", why_moved(row, m.new, calendar), row, m.new))
    return tuple(out)


def diff_matter(
    data: MatterData,
    rows: list[StoredRow],
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
    cache: dict[Any, Any] | None = None,
    planned: list[Slot] | None = None,
) -> tuple[RecomputeDiff, Plan]:
    """The recompute preview of one matter, and the plan it came from (by key); ``planned``:
    the matter's slots when the caller has them already (bulk work)."""
    plan = (
        plan_matter(data, rules, calendar, today, cache) if planned is None else planned_of(planned)
    )
    if plan is None:
        # No incident recorded (or the matter is closed): nothing can be planned, and nothing
        # is removed for it.
        return RecomputeDiff(data.number, data.id, (), (), (), len(rows)), {}
    moved_keys = rekeyed(rows, plan)
    if moved_keys:
        rows = [replace(r, key=moved_keys[r.id]) if r.id in moved_keys else r for r in rows]
    plan = adjusted_plan(plan, rows, calendar)
    existing = [_existing(r) for r in rows]
    by_existing = {id(e): r for e, r in zip(existing, rows, strict=True)}
    domain = diff_deadlines(existing, plan)
    diff = RecomputeDiff(
        matter=data.number,
        matter_id=data.id,
        added=tuple(
            _change("added", p.trail[0] if p.trail else "newly applicable", new=p)
            for p in domain.added
        ),
        moved=_moves(domain.moved, by_existing, calendar),
        removed=tuple(
            _change("removed", REMOVED_REASON, old=by_existing[id(e)]) for e in domain.removed
        ),
        unchanged=len(domain.unchanged),
        restated=_moves(domain.restated, by_existing, None),
    )
    return diff, {p.key: p for p in plan}


def why_moved(row: StoredRow, new: PlannedDeadline, calendar: CourtCalendar) -> str:
    """Why a stored deadline moves, in one sentence."""
    parts = []
    old_trigger = row.trigger_date
    trigger_changed = old_trigger is not None and old_trigger != new.trigger
    if old_trigger is not None and trigger_changed:
        parts.append(
            f"trigger ({new.trigger_event}) changed {old_trigger.isoformat()} -> "
            f"{new.trigger.isoformat()}"
        )
    if row.due != new.due:
        parts.append(f"due {row.due.isoformat()} -> {new.due.isoformat()}")
        if not trigger_changed:
            parts.append(
                "the firm's rule override changed the computation"
                if new.overridden
                else "the rule or the court calendar changed"
            )
    if row.safe_target != new.safe_target:
        text = f"safe target {row.safe_target.isoformat()} -> {new.safe_target.isoformat()}"
        closed = calendar.closed_reason(row.safe_target)
        if closed:
            text += f" ({row.safe_target.isoformat()} is now closed: {closed})"
        parts.append(text)
    return "; ".join(parts)


def why_restated(row: StoredRow, new: PlannedDeadline) -> str:
    """Why a stored deadline is restated (same dates), in one sentence."""
    parts = []
    if row.confidence != new.confidence:
        parts.append(f"confidence {row.confidence} -> {new.confidence}")
    if row.citation != new.citation:
        parts.append(f"citation {row.citation!r} -> {new.citation!r}")
    if row.title != new.title:
        parts.append(f"title {row.title!r} -> {new.title!r}")
    if not parts:
        return (
            "same dates; the rule's readings changed (e.g. a release date is now recorded, so "
            "the release reading is computed too)"
        )
    return "same dates; the law pack changed what it rests on: " + "; ".join(parts)


def matter_id_in(session: Session, matter: str | int) -> int:
    """The id of a matter given by number or id (NotFound when there is none)."""
    return repo.matter_id(session=session, ref=matter)


def preview_in(session: Session, svc: AppContext, matter_id: int) -> tuple[RecomputeDiff, Plan]:
    """One matter's recompute preview and plan, inside the caller's transaction."""
    data = load_matters(session, [matter_id])[matter_id]
    rows = live_rows(session, [matter_id]).get(matter_id, [])
    return diff_matter(data, rows, rule_set(svc), court_calendar_in(session), svc.today())


def recompute_preview(svc: AppContext, matter: str | int) -> RecomputeDiff:
    """What recomputing a matter's deadlines would change; nothing is written.

    Args:
        svc: The services.
        matter: Matter number (``TA-2026-0001``) or id.

    Returns:
        Added, moved (old and new due date and safe target) and removed deadlines. Done,
        waived and manual deadlines never move.
    """
    with svc.transaction() as session:
        return preview_in(session, svc, matter_id_in(session, matter))[0]


def preview_all_in(session: Session, svc: AppContext) -> dict[str, RecomputeDiff]:
    """The recompute preview of every matter with open computed deadlines that would change."""
    return {number: diff for number, (diff, _) in preview_all_plans(session, svc).items()}


def _unchanged(rows: list[Any], planned: list[Slot], memo: dict[Any, Any]) -> bool:
    """Whether the stored ``rows`` (the repository's tuples) are exactly the plan: every planned
    key stored, every open computed row at its planned dates, confidence, citation, title and
    readings. False sends the matter through :func:`diff_matter` (which also handles the rare
    cases this does not: rekeyed rows, adjusted dates, removals). ``memo`` holds each planned
    deadline's dates as ISO text under ``id(p)`` (SQLite gives the stored ones as text) and
    what :func:`_same_readings` remembers."""
    expected = {slot[0]: slot for slot in planned}
    claimed = set()
    for r in rows:
        claimed.add(r[3])
        if r[12]:  # manual: never touched
            continue
        slot = expected.get(r[3])
        status = r[11]
        if slot is None or r[14] is not None or status not in DEADLINE_STATUSES:
            return False
        if status in FROZEN_STATUSES:
            continue
        p = slot[3]
        due = r[6]
        if isinstance(due, str):
            days = memo.get(id(p))
            if days is None:
                days = memo[id(p)] = (p.due.isoformat(), p.safe_target.isoformat())
            if due != days[0] or r[7] != days[1]:
                return False
        elif due != p.due or r[7] != p.safe_target:
            return False
        if r[10] and (
            r[10] != p.confidence
            or r[9] != p.citation
            or r[5] != slot[2]
            or not _same_readings(r[13], p, memo)
        ):
            return False
    return expected.keys() <= claimed


def _same_readings(raw: str | list[str] | None, p: PlannedDeadline, memo: dict[Any, Any]) -> bool:
    """Whether a stored trail states the planned deadline's readings. ``memo`` holds the answer
    per (trail text, deadline): an office's rows share a few thousand distinct trails, and
    looking one up costs a tenth of reading it again. Under ``("readings", id(p))`` it holds the
    planned reading lines' JSON encodings."""
    if not isinstance(raw, str):
        return stored_readings(raw) == reading_lines(p.trail)
    known = memo.get((raw, id(p)))
    if known is None:
        encoded = memo.get(("readings", id(p)))
        if encoded is None:
            encoded = memo[("readings", id(p))] = tuple(
                json.dumps(line) for line in reading_lines(p.trail)
            )
        known = same_readings(raw, encoded)
        if known is None:
            known = stored_readings(raw) == reading_lines(p.trail)
        memo[(raw, id(p))] = known
    return bool(known)


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    """Bulk work builds tens of thousands of small acyclic objects: the cycle collector would
    walk them again and again (a quarter of an office-wide recompute). It is paused for the
    duration, and runs as usual afterwards: free what is not returned before leaving the block,
    or the collector's next pass walks all of it once more."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def preview_all_plans(session: Session, svc: AppContext) -> dict[str, tuple[RecomputeDiff, Plan]]:
    """:func:`preview_all_in` with each matter's plan (what applying it needs)."""
    with no_gc_pauses():
        # One read of the stored deadlines tells which matters have open computed ones too.
        # Closed and declined matters plan nothing: their rows are not read.
        rows = live_tuples(session, None, open_matters=True)
        ids = open_computed(rows)
        if not ids:
            return {}
        rules = rule_set(svc)
        calendar = court_calendar_in(session)
        data = load_matters(session, None if len(ids) > BULK else ids)
        out = _bulk_preview(ids, data, rows, rules, calendar, svc.today())
        # Freed while the collector is still paused: it would walk them all once more first.
        del rows, data
        return out


def _bulk_preview(
    ids: list[int],
    data: dict[int, MatterData],
    rows: dict[int, list[Any]],
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
) -> dict[str, tuple[RecomputeDiff, Plan]]:
    out: dict[str, tuple[RecomputeDiff, Plan]] = {}
    cache: dict[Any, Any] = {}
    memo: dict[Any, Any] = {}
    seen: dict[str, tuple[str, ...]] = {}
    for matter_id in ids:
        item = data.get(matter_id)
        if item is None or item.facts is None:
            continue  # nothing planned (no incident, closed)
        found = rows[matter_id]
        planned = slots(item, rules, calendar, today, cache)
        if planned is None or _unchanged(found, planned, memo):
            continue  # every row as planned
        stored = [stored_row(r, seen) for r in found]
        diff, plan = diff_matter(item, stored, rules, calendar, today, cache, planned)
        if diff.has_changes:
            out[item.number] = (diff, plan)
    return dict(sorted(out.items()))


def recompute_all_preview(svc: AppContext) -> dict[str, RecomputeDiff]:
    """What recomputing every open matter would change (by matter number); nothing is written.

    Closed and declined matters plan nothing (their deadlines were closed with them).
    """
    with svc.transaction() as session:
        return preview_all_in(session, svc)
