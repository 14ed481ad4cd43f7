"""Storing the deadlines a matter's plan gives when it has none yet.

* :func:`refresh_matter_deadlines` adds a new matter's planned deadlines inside the transaction
  that created it (``casekit.services.matters`` calls it).
* :func:`refresh_all` does every matter that has none with one bulk insert (``casekit demo``).

Stored deadlines are never moved here (that is the recompute's job).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from casekit.errors import NotFound
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import live_rows, load_matters
from casekit.services.deadlines.plan import plan_matter, row_values, slots
from casekit.services.deadlines.preview import BULK, no_gc_pauses
from casekit.services.law.rules import law_pack
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from collections.abc import Sequence

    from casekit.domain.lawpack import LawPack
    from casekit.domain.planning import PlannedDeadline
    from casekit.services.base import AppContext
    from casekit.services.deadlines.facts import MatterData
    from casekit.store.repos.deadlines import Session


def refresh_matter_deadlines(session: Session, matter_id: int, svc: AppContext) -> int:
    """Add a matter's planned deadlines that are not stored yet, inside the caller's transaction.

    Used right after a matter is created (``casekit.services.matters.add_matter``). Stored
    deadlines are never moved here (that is the recompute preview's job).

    Args:
        session: The caller's session (the matter, incident and parties already flushed).
        matter_id: The matter.
        svc: The services (rules, today, actor).

    Returns:
        How many deadlines were added.
    """
    data = load_matters(session, [matter_id]).get(matter_id)
    if data is None:
        raise NotFound(f"no matter with id {matter_id}")
    pack = law_pack(svc)
    plan = plan_matter(data, pack.rules, court_calendar_in(session), svc.today())
    if not plan:
        return 0
    have = {row.key for row in live_rows(session, [matter_id]).get(matter_id, [])}
    now = datetime.now(UTC)
    added = 0
    for p in plan:
        if p.key in have:
            continue
        values = row_values(matter_id, p, svc.actor, now, pack.version.label)
        values.pop("version")
        repo.add_deadline(session=session, values=values)
        have.add(p.key)
        added += 1
    session.flush()
    return added


def refresh_all(svc: AppContext) -> int:
    """Compute and store the deadlines of every matter that has none (one bulk insert).

    A matter "has none" when it has no computed deadline of its own (manual deadlines and records
    request deadlines do not count). ``casekit demo`` calls this for its matters.

    Returns:
        How many deadlines were inserted.
    """
    pack = law_pack(svc)
    with svc.transaction() as session:
        ids = repo.matters_to_refresh(session=session)
        if not ids:
            return 0
        with no_gc_pauses():
            data = load_matters(session, None if len(ids) > BULK else ids)
            count = _insert_planned(session, ids, data, svc, pack)
            del data  # freed while the collector is paused (see no_gc_pauses)
            return count


#: The columns each inserted row sets itself; the rest comes from its plan's row template.
VARYING = ("matter_id", "key", "title", "party_id")


def _insert_planned(
    session: Session,
    ids: Sequence[int],
    data: dict[int, MatterData],
    svc: AppContext,
    pack: LawPack,
) -> int:
    """Plan and insert the deadlines of ``ids``: one row template per deadline of a shared
    plan, each row that template with its matter's id, key, title and party."""
    calendar = court_calendar_in(session)
    today = svc.today()
    now = datetime.now(UTC)
    cache: dict[Any, list[PlannedDeadline]] = {}
    index: dict[int, int] = {}
    templates: list[dict[str, Any]] = []
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for matter_id in ids:
        item = data.get(matter_id)
        if item is None:
            continue
        for key, subject, title, p in slots(item, pack.rules, calendar, today, cache) or ():
            at = index.get(id(p))
            if at is None:
                at = index[id(p)] = len(templates)
                templates.append(row_values(0, p, svc.actor, now, pack.version.label))
            party = int(subject) if subject.isdigit() else None
            rows.append((at, (matter_id, key, title, party)))
    return repo.insert_deadlines(session=session, templates=templates, varying=VARYING, rows=rows)
