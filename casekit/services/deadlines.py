"""Deadlines: the calculator, each matter's planned deadlines, and recomputes the attorney accepts.

* :func:`calc` computes one rule for one trigger (rules in force, court calendar with closures).
* :func:`refresh_matter_deadlines` adds a new matter's planned deadlines inside the transaction
  that created it (``casekit.services.matters`` calls it); :func:`refresh_all` does every matter
  that has none with one bulk insert (``casekit demo``).
* :func:`recompute_preview` shows what a changed trigger, rule or court closure would do (added,
  moved, removed); :func:`recompute_apply` applies exactly that preview, or refuses when it is no
  longer what the attorney saw. Nothing moves silently: done, waived and manual deadlines never
  move, and a deadline that no longer applies becomes ``superseded`` (never deleted).

Planning follows the matter's claims and defendants (``casekit.domain.planning``): municipal
defendant: § 7-465 notice and suit; State: § 4-148 notice (and § 4-160 once permission to sue is
recorded); every matter: § 52-577 and § 1983; police officer or the § 52-571k claim: § 52-571k;
the Trust Act claim: ``TRUST_ACT_SOL`` (confidence ``unknown``, shown as "verify"). Records
request (FOI) deadlines belong to ``casekit.services.records`` and are left alone here.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from casekit.errors import ConflictError, InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.deadlines import DeadlineResult
    from casekit.domain.planning import PlannedDeadline, PlanningFacts
    from casekit.domain.reminders import ReminderTiers
    from casekit.domain.rules import RuleSet
    from casekit.services.base import Services

#: Statuses :func:`set_status` accepts (``superseded`` is the recompute's alone).
SETTABLE_STATUSES = ("open", "done", "waived")
LIST_STATUSES = ("open", "done", "waived", "superseded", "all")
MANUAL_RULE = "MANUAL"
MAX_TITLE = 200
MAX_TEXT = 2000


class _Keep:
    """Marker: leave this field as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


# --- plain results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineOut:
    """One stored deadline, as lists, the agenda and the TUI show it."""

    id: int
    version: int
    matter: str
    client: str
    rule_id: str
    title: str
    kind: str
    due: date
    safe_target: date
    days_left: int  # to the safe target (negative: overdue)
    citation: str
    confidence: str
    verify: bool
    status: str
    status_reason: str
    trail: tuple[str, ...]
    overridden: bool
    manual: bool
    trigger_event: str
    trigger_date: date | None
    next_reminder: date | None
    tier: int | None
    party_id: int | None = None  # the defendant a per-defendant deadline belongs to
    adjusted: bool = False  # tolled or extended (casekit deadlines history ID)
    completed_on: date | None = None  # the day it was marked done

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trail"] = list(self.trail)
        return data


@dataclass(frozen=True)
class Change:
    """One line of a recompute preview.

    Attributes:
        kind: ``added``, ``moved``, ``removed`` or ``restated`` (same dates; the confidence,
            citation or title changed because the law pack did).
        key: The deadline's stable key (rule, trigger event, party).
        rule_id: The rule.
        title: What has to be done.
        deadline_id: The stored row (None for ``added``).
        old_due, old_safe_target: Stored dates (None for ``added``).
        new_due, new_safe_target: Recomputed dates (None for ``removed``).
        citation, confidence: The rule's, as recomputed (as stored for ``removed``).
        reason: Why it changes, in one sentence.
        trail: The new computation trail (empty for ``removed``).
    """

    kind: str
    key: str
    rule_id: str
    title: str
    deadline_id: int | None
    old_due: date | None
    old_safe_target: date | None
    new_due: date | None
    new_safe_target: date | None
    citation: str
    confidence: str
    reason: str
    trail: tuple[str, ...] = ()

    @property
    def verify(self) -> bool:
        return self.confidence != "confirmed"

    def signature(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.key,
            self.deadline_id,
            self.old_due,
            self.old_safe_target,
            self.new_due,
            self.new_safe_target,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trail"] = list(self.trail)
        data["verify"] = self.verify
        return data


@dataclass(frozen=True)
class RecomputeDiff:
    """What recomputing a matter's deadlines would change (for the attorney to accept)."""

    matter: str
    matter_id: int
    added: tuple[Change, ...]
    moved: tuple[Change, ...]
    removed: tuple[Change, ...]
    unchanged: int
    restated: tuple[Change, ...] = ()

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change: moved first (they matter most), then added, removed and restated."""
        return self.moved + self.added + self.removed + self.restated

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.moved or self.removed or self.restated)

    def signature(self) -> frozenset[tuple[Any, ...]]:
        """What must still hold for the preview to be applied as seen."""
        return frozenset(c.signature() for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "added": [c.to_dict() for c in self.added],
            "moved": [c.to_dict() for c in self.moved],
            "removed": [c.to_dict() for c in self.removed],
            "restated": [c.to_dict() for c in self.restated],
            "unchanged": self.unchanged,
        }


# --- the calculator -----------------------------------------------------------------------------


def calc(svc: Services, rule_id: str, trigger_text: str) -> DeadlineResult:
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
    from casekit.domain.deadlines import compute, parse_trigger
    from casekit.services.calendar import court_calendar
    from casekit.services.rules import rule_set

    rule = rule_set(svc).get(rule_id)
    trigger = parse_trigger(rule, trigger_text)
    return compute(rule, trigger, court_calendar(svc))


# --- planning facts from the database -----------------------------------------------------------


@dataclass
class _MatterData:
    id: int
    number: str
    facts: PlanningFacts | None  # None: no incident recorded (or the matter is closed)
    names: dict[str, str] = field(default_factory=dict)  # party id -> name, for labels


@dataclass
class _Row:
    """A stored deadline as the recompute needs it."""

    id: int
    version: int
    key: str
    rule_id: str
    title: str
    due: date
    safe_target: date
    trigger_date: date | None
    citation: str
    confidence: str
    status: str
    manual: bool
    readings: tuple[str, ...] = ()  # the stored trail's reading lines (trust-act.md § 4)
    adjusted_due: date | None = None


def _release_day(at: datetime) -> date:
    from casekit.domain.calendar import LOCAL_TZ

    return at.astimezone(LOCAL_TZ).date()


def _load_matters(session: Session, matter_ids: Sequence[int] | None) -> dict[int, _MatterData]:
    """Planning facts for ``matter_ids`` (None: every matter), a handful of queries in all."""
    from sqlalchemy import func, select
    from sqlmodel import col

    from casekit.domain import codes
    from casekit.domain.custody import RELEASE_KINDS
    from casekit.domain.planning import Defendant, PlanningFacts
    from casekit.store.models import Agency, CustodyEvent, Incident, Matter, Party

    def only(column: Any) -> Any:
        return column.in_(list(matter_ids)) if matter_ids is not None else True

    if matter_ids is not None and not matter_ids:
        return {}
    matters = session.execute(
        select(
            col(Matter.id),
            col(Matter.number),
            col(Matter.claims),
            col(Matter.authorization_on),
            col(Matter.dismissed_on),
            col(Matter.status),
            col(Matter.process_on),
            col(Matter.return_on),
            col(Matter.marshal_delivery_on),
        ).where(only(col(Matter.id)))
    ).all()
    incidents = dict(
        session.execute(
            select(col(Incident.matter_id), func.min(col(Incident.occurred_on)))
            .where(only(col(Incident.matter_id)))
            .group_by(col(Incident.matter_id))
        ).all()
    )
    releases: dict[int, date] = {}
    for matter_id, at in session.execute(
        select(col(CustodyEvent.matter_id), col(CustodyEvent.at))
        .where(only(col(CustodyEvent.matter_id)))
        .where(col(CustodyEvent.kind).in_(RELEASE_KINDS))
        .where(col(CustodyEvent.removed_at).is_(None))
    ):
        day = _release_day(at)
        if matter_id not in releases or day < releases[matter_id]:
            releases[matter_id] = day
    police = {kind for kind, actor in codes.actors().items() if actor.police}
    defendants: dict[int, list[Defendant]] = defaultdict(list)
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for matter_id, party_id, kind, capacity, agency_kind, name in session.execute(
        select(
            col(Party.matter_id),
            col(Party.id),
            col(Party.kind),
            col(Party.capacity),
            col(Agency.kind),
            col(Party.name),
        )
        .outerjoin(Agency, col(Agency.id) == col(Party.agency_id))
        .where(only(col(Party.matter_id)))
        .where(col(Party.role) == "defendant")
        .order_by(col(Party.id))
    ):
        planned_kind = _defendant_kind(kind, capacity, agency_kind, police)
        if planned_kind:
            defendants[matter_id].append(Defendant(planned_kind, str(party_id)))
            names[matter_id][str(party_id)] = " ".join(str(name or "").split())
    # Judgments for the plaintiff (the resolution log) start the fee-motion deadlines.
    from casekit.services.resolution import judgment_dates

    judgments = judgment_dates(session, matter_ids)
    out: dict[int, _MatterData] = {}
    from casekit.services.lifecycle import CLOSED_STATUSES

    for (
        matter_id,
        number,
        claims,
        authorization_on,
        dismissed_on,
        status,
        process_on,
        return_on,
        marshal_on,
    ) in matters:
        incident = incidents.get(matter_id)
        facts = None
        # A closed or declined matter plans nothing (casekit.services.lifecycle).
        if incident is not None and status not in CLOSED_STATUSES:
            judged = judgments.get(matter_id, {})
            facts = PlanningFacts(
                incident_date=incident,
                release_date=releases.get(matter_id),
                claims=tuple(claims or ()),
                defendants=tuple(defendants.get(matter_id, ())),
                authorization_date=authorization_on,
                dismissal_date=dismissed_on,
                state_judgment_date=judged.get("state"),
                federal_judgment_date=judged.get("federal"),
                process_date=process_on,
                return_date=return_on,
                marshal_delivery_date=marshal_on,
            )
        out[int(matter_id)] = _MatterData(
            int(matter_id), number, facts, dict(names.get(matter_id, {}))
        )
    return out


def _defendant_kind(kind: str, capacity: str, agency_kind: str | None, police: set[str]) -> str:
    """The planner's defendant kind for a stored defendant party ("" when none applies)."""
    kind = (kind or "").strip().lower()
    if kind in ("municipality", "municipal", "town", "city"):
        return "municipal"
    if kind == "state":
        return "state"
    if kind in ("police_officer", "officer"):
        return "police_officer"
    if (kind == "person" or capacity == "individual") and agency_kind in police:
        return "police_officer"  # an officer of a police agency, sued individually
    return ""


def _live_rows(session: Session, matter_ids: Sequence[int] | None) -> dict[int, list[_Row]]:
    """Stored deadlines the recompute manages (not superseded, not records requests').

    A Core query on the session's connection, and the trail read as text: an office-wide
    recompute reads every deadline, and only the few trails that state readings need decoding.
    """
    from sqlalchemy import String, select, type_coerce

    from casekit.store.models import Deadline

    t = Deadline.__table__.c  # type: ignore[attr-defined]
    query = (
        select(
            t.matter_id,
            t.id,
            t.version,
            t.key,
            t.rule_id,
            t.title,
            t.due,
            t.safe_target,
            t.trigger_date,
            t.citation,
            t.confidence,
            t.status,
            t.manual,
            type_coerce(t.trail, String),
            t.adjusted_due,
        )
        .where(t.status != "superseded")
        .where(t.records_request_id.is_(None))
        .order_by(t.id)
    )
    if matter_ids is not None:
        query = query.where(t.matter_id.in_(list(matter_ids)))
    out: dict[int, list[_Row]] = defaultdict(list)
    for r in session.connection().execute(query):
        out[r[0]].append(
            _Row(
                id=r[1],
                version=r[2],
                key=r[3],
                rule_id=r[4],
                title=r[5],
                due=r[6],
                safe_target=r[7],
                trigger_date=r[8],
                citation=r[9],
                confidence=r[10],
                status=r[11],
                manual=bool(r[12]),
                readings=_stored_readings(r[13]),
                adjusted_due=r[14],
            )
        )
    return out


def _stored_readings(raw: str | list[str] | None) -> tuple[str, ...]:
    """The reading lines of a stored trail, given as JSON text (SQLite) or a list (psycopg
    decodes JSON columns itself)."""
    import json

    from casekit.domain.planning import READING_PREFIXES, reading_lines

    if not raw:
        return ()
    if isinstance(raw, str):
        if not any(prefix in raw for prefix in READING_PREFIXES):
            return ()
        raw = json.loads(raw)
    return reading_lines(raw or ())


# --- rows ---------------------------------------------------------------------------------------


def _trail(p: PlannedDeadline) -> list[str]:
    trail = list(p.trail)
    if p.marshal_option and p.marshal_option not in trail:
        trail.append(f"Marshal option: {p.marshal_option}")
    return trail


def _row_values(
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
        "trail": _trail(p),
        "party_id": int(p.subject_id) if p.subject_id.isdigit() else None,
        "records_request_id": None,
        "changed_by": actor,
        "law_version": law_version,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def _plan(
    data: _MatterData,
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
    cache: dict[Any, list[PlannedDeadline]] | None = None,
) -> list[PlannedDeadline] | None:
    """The matter's planned deadlines (None when no incident is recorded).

    With ``cache`` (bulk work), matters that differ only in their parties' ids share one plan:
    it is computed once with placeholder party ids, then each deadline gets the matter's own
    party id back in its key.
    """
    from dataclasses import replace

    from casekit.domain.planning import Defendant, plan_deadlines

    facts = data.facts
    if facts is None:
        return None
    if cache is None:
        return _labelled(plan_deadlines(facts, rules, calendar, today), data, rules)
    real = {f"#{i}": d.party_id for i, d in enumerate(facts.defendants)}
    shared = replace(
        facts,
        defendants=tuple(Defendant(d.kind, f"#{i}") for i, d in enumerate(facts.defendants)),
    )
    plan = cache.get(shared)
    if plan is None:
        plan = cache[shared] = plan_deadlines(shared, rules, calendar, today)
    out = []
    for p in plan:
        party = real.get(p.subject_id)
        if party is not None:
            base = p.key[: len(p.key) - len(p.subject_id)]
            p = replace(p, key=f"{base}{party}" if party else base.rstrip(":"), subject_id=party)
        out.append(p)
    return _labelled(out, data, rules)


#: Between a per-defendant deadline's title and the defendant's name.
LABEL_SEPARATOR = " — "


def _labelled(
    plan: list[PlannedDeadline], data: _MatterData, rules: RuleSet
) -> list[PlannedDeadline]:
    """Per-defendant deadlines named after their defendant ("... — Town of Avon")."""
    from dataclasses import replace

    out = []
    for p in plan:
        name = data.names.get(p.subject_id) if p.subject_id else None
        if name and p.rule_id in rules and rules[p.rule_id].applies_when.per_defendant:
            p = replace(p, title=f"{p.title}{LABEL_SEPARATOR}{name}"[:MAX_TITLE])
        out.append(p)
    return out


def _adjusted_plan(
    plan: Sequence[PlannedDeadline], rows: Sequence[Any], calendar: CourtCalendar
) -> list[PlannedDeadline]:
    """The plan with tolling and extensions respected: a stored deadline that was adjusted
    (``adjusted_due``) is never moved before its adjusted date; a later computed date wins."""
    from dataclasses import replace

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


def _rekeyed(rows: list[_Row], plan: Sequence[PlannedDeadline]) -> dict[int, str]:
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


def refresh_matter_deadlines(session: Session, matter_id: int, svc: Services) -> int:
    """Add a matter's planned deadlines that are not stored yet, inside the caller's transaction.

    Used right after a matter is created (``casekit.services.matters.add_matter``). Stored
    deadlines are never moved here (that is :func:`recompute_preview`'s job).

    Args:
        session: The caller's session (the matter, incident and parties already flushed).
        matter_id: The matter.
        svc: The services (rules, today, actor).

    Returns:
        How many deadlines were added.
    """
    from casekit.services.calendar import court_calendar_in
    from casekit.services.rules import law_pack
    from casekit.store.models import Deadline

    data = _load_matters(session, [matter_id]).get(matter_id)
    if data is None:
        raise NotFound(f"no matter with id {matter_id}")
    pack = law_pack(svc)
    plan = _plan(data, pack.rules, court_calendar_in(session), svc.today())
    if not plan:
        return 0
    have = {row.key for row in _live_rows(session, [matter_id]).get(matter_id, [])}
    now = datetime.now(UTC)
    added = 0
    for p in plan:
        if p.key in have:
            continue
        values = _row_values(matter_id, p, svc.actor, now, pack.version.label)
        values.pop("version")
        session.add(Deadline(**values))
        have.add(p.key)
        added += 1
    session.flush()
    return added


def refresh_all(svc: Services) -> int:
    """Compute and store the deadlines of every matter that has none (one bulk insert).

    A matter "has none" when it has no computed deadline of its own (manual deadlines and records
    request deadlines do not count). ``casekit demo`` calls this for its matters.

    Returns:
        How many deadlines were inserted.
    """
    from sqlalchemy import exists, insert, select
    from sqlmodel import col

    from casekit.services.calendar import court_calendar_in
    from casekit.services.rules import law_pack
    from casekit.store.models import Deadline, Matter

    pack = law_pack(svc)
    rules = pack.rules
    today = svc.today()
    with svc.transaction() as session:
        has_computed = (
            exists()
            .where(col(Deadline.matter_id) == col(Matter.id))
            .where(col(Deadline.manual).is_(False))
            .where(col(Deadline.records_request_id).is_(None))
        )
        ids: list[int] = [
            i
            for i in session.scalars(
                select(col(Matter.id)).where(~has_computed).order_by(col(Matter.id))
            )
            if i is not None
        ]
        if not ids:
            return 0
        calendar = court_calendar_in(session)
        data = _load_matters(session, None if len(ids) > 500 else ids)
        wanted = set(ids)
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = []
        cache: dict[Any, list[PlannedDeadline]] = {}
        for matter_id in ids:
            item = data.get(matter_id)
            if item is None or matter_id not in wanted:
                continue
            for p in _plan(item, rules, calendar, today, cache) or ():
                rows.append(_row_values(matter_id, p, svc.actor, now, pack.version.label))
        if rows:
            # A Core executemany: the ORM's bulk insert sends ~10 rows per statement here.
            session.connection().execute(insert(Deadline.__table__), rows)  # type: ignore[attr-defined]
        return len(rows)


# --- recompute ----------------------------------------------------------------------------------


def _diff(
    data: _MatterData,
    rows: list[_Row],
    rules: RuleSet,
    calendar: CourtCalendar,
    today: date,
    cache: dict[Any, list[PlannedDeadline]] | None = None,
) -> tuple[RecomputeDiff, dict[str, PlannedDeadline]]:
    """The recompute preview of one matter, and the plan it came from (by key)."""
    from dataclasses import replace

    from casekit.domain.planning import ExistingDeadline, diff_deadlines

    plan = _plan(data, rules, calendar, today, cache)
    if plan is None:
        # No incident recorded (or the matter is closed): nothing can be planned, and nothing
        # is removed for it.
        return RecomputeDiff(data.number, data.id, (), (), (), len(rows)), {}
    rekeyed = _rekeyed(rows, plan)
    if rekeyed:
        rows = [replace(r, key=rekeyed[r.id]) if r.id in rekeyed else r for r in rows]
    plan = _adjusted_plan(plan, rows, calendar)
    existing = [
        ExistingDeadline(
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
        for r in rows
    ]
    by_existing = {id(e): r for e, r in zip(existing, rows, strict=True)}
    domain = diff_deadlines(existing, plan)
    moved = []
    for m in domain.moved:
        row = by_existing[id(m.old)]
        moved.append(
            Change(
                kind="moved",
                key=m.new.key,
                rule_id=m.new.rule_id,
                title=m.new.title,
                deadline_id=row.id,
                old_due=row.due,
                old_safe_target=row.safe_target,
                new_due=m.new.due,
                new_safe_target=m.new.safe_target,
                citation=m.new.citation,
                confidence=m.new.confidence,
                reason=_why_moved(row, m.new, calendar),
                trail=tuple(_trail(m.new)),
            )
        )
    added = [
        Change(
            kind="added",
            key=p.key,
            rule_id=p.rule_id,
            title=p.title,
            deadline_id=None,
            old_due=None,
            old_safe_target=None,
            new_due=p.due,
            new_safe_target=p.safe_target,
            citation=p.citation,
            confidence=p.confidence,
            reason=p.trail[0] if p.trail else "newly applicable",
            trail=tuple(_trail(p)),
        )
        for p in domain.added
    ]
    removed = []
    for e in domain.removed:
        row = by_existing[id(e)]
        removed.append(
            Change(
                kind="removed",
                key=row.key,
                rule_id=row.rule_id,
                title=row.title,
                deadline_id=row.id,
                old_due=row.due,
                old_safe_target=row.safe_target,
                new_due=None,
                new_safe_target=None,
                citation=row.citation,
                confidence=row.confidence,
                reason="no longer applies (a claim, defendant or trigger date changed); it "
                "would be kept as superseded, not deleted",
            )
        )
    restated = []
    for m in domain.restated:
        row = by_existing[id(m.old)]
        restated.append(
            Change(
                kind="restated",
                key=m.new.key,
                rule_id=m.new.rule_id,
                title=m.new.title,
                deadline_id=row.id,
                old_due=row.due,
                old_safe_target=row.safe_target,
                new_due=m.new.due,
                new_safe_target=m.new.safe_target,
                citation=m.new.citation,
                confidence=m.new.confidence,
                reason=_why_restated(row, m.new),
                trail=tuple(_trail(m.new)),
            )
        )
    diff = RecomputeDiff(
        matter=data.number,
        matter_id=data.id,
        added=tuple(added),
        moved=tuple(moved),
        removed=tuple(removed),
        unchanged=len(domain.unchanged),
        restated=tuple(restated),
    )
    return diff, {p.key: p for p in plan}


def _why_moved(row: _Row, new: PlannedDeadline, calendar: CourtCalendar) -> str:
    parts = []
    trigger_changed = row.trigger_date is not None and row.trigger_date != new.trigger
    if trigger_changed:
        assert row.trigger_date is not None
        parts.append(
            f"trigger ({new.trigger_event}) changed {row.trigger_date.isoformat()} -> "
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


def _why_restated(row: _Row, new: PlannedDeadline) -> str:
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


def _matter_id(session: Session, matter: str | int) -> int:
    from casekit.store import repo
    from casekit.store.models import Matter

    if isinstance(matter, int):
        found = session.get(Matter, matter)
        if found is None or found.id is None:
            raise NotFound(f"no matter with id {matter}")
        return found.id
    found = repo.get_matter(session=session, number=matter)
    assert found.id is not None
    return found.id


def _preview_in(session: Session, svc: Services, matter_id: int) -> tuple[RecomputeDiff, Any]:
    from casekit.services.calendar import court_calendar_in
    from casekit.services.rules import rule_set

    data = _load_matters(session, [matter_id])[matter_id]
    rows = _live_rows(session, [matter_id]).get(matter_id, [])
    return _diff(data, rows, rule_set(svc), court_calendar_in(session), svc.today())


def recompute_preview(svc: Services, matter: str | int) -> RecomputeDiff:
    """What recomputing a matter's deadlines would change; nothing is written.

    Args:
        svc: The services.
        matter: Matter number (``TA-2026-0001``) or id.

    Returns:
        Added, moved (old and new due date and safe target) and removed deadlines. Done,
        waived and manual deadlines never move.
    """
    with svc.transaction() as session:
        return _preview_in(session, svc, _matter_id(session, matter))[0]


def preview_all_in(session: Session, svc: Services) -> dict[str, RecomputeDiff]:
    """The recompute preview of every matter with open computed deadlines that would change."""
    return {number: diff for number, (diff, _) in _preview_all_plans(session, svc).items()}


def _preview_all_plans(
    session: Session, svc: Services
) -> dict[str, tuple[RecomputeDiff, dict[str, PlannedDeadline]]]:
    """:func:`preview_all_in` with each matter's plan (what applying it needs)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.services.calendar import court_calendar_in
    from casekit.services.rules import rule_set
    from casekit.store.models import Deadline

    ids = sorted(
        set(
            session.scalars(
                select(col(Deadline.matter_id))
                .where(col(Deadline.status) == "open")
                .where(col(Deadline.manual).is_(False))
                .where(col(Deadline.records_request_id).is_(None))
                .distinct()
            )
        )
    )
    if not ids:
        return {}
    rules = rule_set(svc)
    calendar = court_calendar_in(session)
    today = svc.today()
    data = _load_matters(session, None if len(ids) > 500 else ids)
    rows = _live_rows(session, None if len(ids) > 500 else ids)
    out: dict[str, tuple[RecomputeDiff, dict[str, PlannedDeadline]]] = {}
    cache: dict[Any, list[PlannedDeadline]] = {}
    for matter_id in ids:
        item = data.get(matter_id)
        if item is None:
            continue
        diff, plan = _diff(item, rows.get(matter_id, []), rules, calendar, today, cache)
        if diff.has_changes:
            out[item.number] = (diff, plan)
    return dict(sorted(out.items()))


def recompute_all_preview(svc: Services) -> dict[str, RecomputeDiff]:
    """What recomputing every open matter would change (by matter number); nothing is written.

    Closed and declined matters plan nothing (their deadlines were closed with them).
    """
    with svc.transaction() as session:
        return preview_all_in(session, svc)


def recompute_all_apply(
    svc: Services, expected: dict[str, RecomputeDiff] | None = None
) -> dict[str, RecomputeDiff]:
    """Apply the recompute of every open matter in one transaction.

    Args:
        svc: The services.
        expected: The preview the attorney accepted (:func:`recompute_all_preview`). When
            given, the recompute must still be exactly that preview, matter by matter.

    Raises:
        ConflictError: Something changed since the preview (nothing was written).
    """
    from casekit.services.rules import law_pack

    version = law_pack(svc).version.label
    with svc.transaction() as session:
        found = _preview_all_plans(session, svc)
        diffs = {number: diff for number, (diff, _) in found.items()}
        if expected is not None and {k: d.signature() for k, d in diffs.items()} != {
            k: d.signature() for k, d in expected.items() if d.has_changes
        }:
            raise ConflictError(
                "the deadlines changed since the preview; preview the recompute again before "
                "accepting it (nothing was written)"
            )
        for diff, plan in found.values():
            apply_diff_in(session, svc, diff.matter_id, diff, plan, version=version)
    return diffs


@dataclass(frozen=True)
class Selected:
    """One change the attorney accepted in the review screen (the rest stay as they are)."""

    matter: str
    change: Change


def apply_selected(svc: Services, accepted: Sequence[Selected]) -> int:
    """Apply only the accepted changes, in one transaction; return how many were applied.

    Every accepted change must still be exactly what was shown (same kind, key, deadline and
    dates); if any differs, nothing is applied. Rejected changes are left alone, so they come
    back at the next review.

    Raises:
        ConflictError: An accepted change is no longer what the review showed.
    """
    from casekit.services.rules import law_pack

    if not accepted:
        return 0
    version = law_pack(svc).version.label
    by_matter: dict[str, list[Change]] = defaultdict(list)
    for item in accepted:
        by_matter[item.matter].append(item.change)
    applied = 0
    with svc.transaction() as session:
        work: list[tuple[int, RecomputeDiff, dict[str, PlannedDeadline]]] = []
        for number, changes in by_matter.items():
            matter_id = _matter_id(session, number)
            fresh, plan = _preview_in(session, svc, matter_id)
            now = {c.signature(): c for c in fresh.changes}
            chosen = []
            for change in changes:
                current = now.get(change.signature())
                if current is None:
                    raise ConflictError(
                        f"a change to {number}'s deadlines is no longer what the review showed; "
                        "review again (nothing was applied)"
                    )
                chosen.append(current)
            part = RecomputeDiff(
                matter=fresh.matter,
                matter_id=matter_id,
                added=tuple(c for c in chosen if c.kind == "added"),
                moved=tuple(c for c in chosen if c.kind == "moved"),
                removed=tuple(c for c in chosen if c.kind == "removed"),
                unchanged=fresh.unchanged,
                restated=tuple(c for c in chosen if c.kind == "restated"),
            )
            work.append((matter_id, part, plan))
        for matter_id, part, plan in work:
            apply_diff_in(session, svc, matter_id, part, plan, version=version)
            applied += len(part.changes)
    return applied


def recompute_apply(
    svc: Services, matter: str | int, expected: RecomputeDiff | None = None
) -> RecomputeDiff:
    """Apply a matter's recompute in one transaction.

    Moved deadlines get their new dates and trail (with a line saying who accepted the change);
    restated ones their new confidence and citation; removed ones become ``superseded``; added
    ones are inserted.

    Args:
        svc: The services.
        matter: Matter number or id.
        expected: The preview the attorney accepted. When given, the recompute must still be
            exactly that preview.

    Returns:
        The diff that was applied.

    Raises:
        ConflictError: The preview no longer matches (a trigger, rule, closure or deadline
            changed since): preview again.
    """
    from casekit.services.rules import law_pack

    version = law_pack(svc).version.label
    with svc.transaction() as session:
        matter_id = _matter_id(session, matter)
        diff, plan = _preview_in(session, svc, matter_id)
        if expected is not None and (
            expected.matter_id != matter_id or expected.signature() != diff.signature()
        ):
            raise ConflictError(
                f"the deadlines of {diff.matter} changed since the preview; preview the "
                "recompute again before accepting it"
            )
        apply_diff_in(session, svc, matter_id, diff, plan, version=version)
    return diff


def apply_diff_in(
    session: Session,
    svc: Services,
    matter_id: int,
    diff: RecomputeDiff,
    plan: dict[str, PlannedDeadline],
    *,
    version: str,
) -> None:
    """Apply a recompute preview inside the caller's transaction: moved and restated deadlines
    get their new dates, confidence and trail (with who accepted it), removed ones become
    ``superseded``, added ones are inserted; each carries the law pack ``version``."""
    from casekit.store.models import Deadline

    today = svc.today()
    stamp = f"Recomputed on {today.isoformat()}, accepted by {svc.actor}"
    for change in (*diff.moved, *diff.restated):
        row = session.get(Deadline, change.deadline_id)
        assert row is not None and change.new_due and change.new_safe_target
        p = plan[change.key]
        row.key = change.key  # a row upgraded to a per-defendant key keeps its id
        if p.subject_id.isdigit() and row.records_request_id is None:
            row.party_id = int(p.subject_id)
        row.due = change.new_due
        row.safe_target = change.new_safe_target
        row.trigger_date = p.trigger
        row.title = p.title
        row.citation = p.citation
        row.confidence = p.confidence
        row.overridden = p.overridden
        row.law_version = version
        row.trail = [
            *_trail(p),
            f"{stamp}: was due {_iso(change.old_due)} (safe target "
            f"{_iso(change.old_safe_target)}); {change.reason}.",
        ]
        row.changed_by = svc.actor
    for change in diff.removed:
        row = session.get(Deadline, change.deadline_id)
        assert row is not None
        row.status = "superseded"
        row.status_reason = f"{stamp}: {change.reason}"
        row.changed_by = svc.actor
    now = datetime.now(UTC)
    for change in diff.added:
        values = _row_values(matter_id, plan[change.key], svc.actor, now, version)
        values.pop("version")
        session.add(Deadline(**values))
    session.flush()
    from casekit.services.markers import settle_in

    settle_in(session, svc, matter_id)


def _refuse_closed(session: Session, matter_id: int) -> None:
    """InvalidInput when the matter is closed or declined (it takes no new deadline)."""
    from casekit.services.lifecycle import CLOSED_STATUSES
    from casekit.store.models import Matter

    row = session.get(Matter, matter_id)
    if row is not None and row.status in CLOSED_STATUSES:
        raise InvalidInput(
            f"{row.number} is {row.status}: it takes no new deadline (reopen it first: "
            f"casekit matter update {row.number} --status active)"
        )


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "-"


# --- trigger dates on the matter ----------------------------------------------------------------


def set_trigger_dates(
    svc: Services,
    matter: str | int,
    *,
    authorization_on: date | None = KEEP,
    dismissed_on: date | None = KEEP,
) -> RecomputeDiff:
    """Record (or clear, with None) the permission-to-sue and dismissal dates of a matter.

    Nothing moves silently: the change is saved and the recompute it causes is returned for the
    attorney to accept with :func:`recompute_apply`.

    Raises:
        InvalidInput: A date after today.
    """
    from casekit.store.models import Matter

    today = svc.today()
    for label, value in (("authorization", authorization_on), ("dismissal", dismissed_on)):
        if isinstance(value, date) and value > today:
            raise InvalidInput(f"the {label} date {value.isoformat()} is after today")
    with svc.transaction() as session:
        matter_id = _matter_id(session, matter)
        row = session.get(Matter, matter_id)
        assert row is not None
        if authorization_on is not KEEP:
            row.authorization_on = authorization_on
        if dismissed_on is not KEEP:
            row.dismissed_on = dismissed_on
        session.flush()
        return _preview_in(session, svc, matter_id)[0]


# --- listing and editing ------------------------------------------------------------------------


def list_deadlines(
    svc: Services,
    *,
    matter: str | int | None = None,
    within: int | None = None,
    status: str = "open",
) -> list[DeadlineOut]:
    """Deadlines by safe target (soonest first).

    Args:
        svc: The services.
        matter: Only this matter (number or id).
        within: Only those whose safe target is at most this many days away (overdue included).
        status: ``open`` (default), ``done``, ``waived``, ``superseded`` or ``all``.

    Returns:
        The deadlines, with days left to the safe target and the reminder tier.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Client, Deadline, Matter

    wanted = (status or "open").strip().lower()
    if wanted not in LIST_STATUSES:
        raise InvalidInput(f"unknown status '{status[:20]}' (known: {', '.join(LIST_STATUSES)})")
    if within is not None and within < 0:
        raise InvalidInput("--within must be 0 or more days")
    today = svc.today()
    from casekit.services.office import reminder_tiers

    ladders = reminder_tiers(svc)  # the firm's reminder tiers (settings), read once
    with svc.transaction() as session:
        query = (
            select(Deadline, col(Matter.number), col(Client.name))
            .join(Matter, col(Matter.id) == col(Deadline.matter_id))
            .join(Client, col(Client.id) == col(Matter.client_id))
            .order_by(col(Deadline.safe_target), col(Deadline.due), col(Matter.number))
        )
        if matter is not None:
            query = query.where(col(Deadline.matter_id) == _matter_id(session, matter))
        if wanted != "all":
            query = query.where(col(Deadline.status) == wanted)
        if within is not None:
            from datetime import timedelta

            query = query.where(col(Deadline.safe_target) <= today + timedelta(days=within))
        return [
            _out(d, number, client, today, ladders) for d, number, client in session.execute(query)
        ]


def _out(
    d: Any, number: str, client: str, today: date, ladders: ReminderTiers | None = None
) -> DeadlineOut:
    from casekit.domain.reminders import current_tier, next_reminder, tiers_for

    tiers = ladders.for_kind(d.kind) if ladders is not None else tiers_for(d.kind)
    live = d.status == "open"
    return DeadlineOut(
        id=d.id,
        version=d.version,
        matter=number,
        client=client,
        rule_id=d.rule_id,
        title=d.title,
        kind=d.kind,
        due=d.due,
        safe_target=d.safe_target,
        days_left=(d.safe_target - today).days,
        citation=d.citation,
        confidence=d.confidence,
        verify=d.confidence != "confirmed",
        status=d.status,
        status_reason=d.status_reason,
        trail=tuple(d.trail or ()),
        overridden=d.overridden,
        manual=d.manual,
        trigger_event=d.trigger_event,
        trigger_date=d.trigger_date,
        next_reminder=next_reminder(d.safe_target, today, tiers) if live else None,
        tier=current_tier(d.safe_target, today, tiers) if live else None,
        party_id=d.party_id,
        adjusted=d.adjusted_due is not None,
        completed_on=d.completed_on,
    )


def _one(session: Session, deadline_id: int, today: date) -> DeadlineOut:
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Client, Deadline, Matter

    found = session.execute(
        select(Deadline, col(Matter.number), col(Client.name))
        .join(Matter, col(Matter.id) == col(Deadline.matter_id))
        .join(Client, col(Client.id) == col(Matter.client_id))
        .where(col(Deadline.id) == deadline_id)
    ).first()
    if found is None:
        raise NotFound(f"no deadline {deadline_id} (see casekit deadlines list)")
    return _out(found[0], found[1], found[2], today)


def set_status(
    svc: Services, deadline_id: int, status: str, reason: str = "", *, version: int
) -> DeadlineOut:
    """Mark a deadline done or waived (or open again).

    Args:
        svc: The services.
        deadline_id: The deadline.
        status: ``done``, ``waived`` or ``open``.
        reason: Why; required for done and waived (it goes in the audit log).
        version: The row version the user saw (optimistic locking).

    Returns:
        The deadline as saved.

    Raises:
        InvalidInput: Unknown status, no reason, or a superseded deadline.
        NotFound: No such deadline.
        ConflictError: Someone changed the deadline since ``version``.
    """
    from casekit.store.models import Deadline

    wanted = (status or "").strip().lower()
    if wanted not in SETTABLE_STATUSES:
        raise InvalidInput(
            f"unknown status '{status[:20]}' (known: {', '.join(SETTABLE_STATUSES)})"
        )
    why = " ".join((reason or "").split())
    if wanted in ("done", "waived") and not why:
        raise InvalidInput(f"marking a deadline {wanted} needs a reason (--reason)")
    if len(why) > MAX_TEXT:
        raise InvalidInput(f"the reason is longer than {MAX_TEXT} characters")
    today = svc.today()
    with svc.transaction() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            raise NotFound(f"no deadline {deadline_id} (see casekit deadlines list)")
        if row.version != version:
            raise ConflictError(
                f"deadline {deadline_id} was changed by someone else since you opened it "
                f"(version {version}, now {row.version}); reload it and try again"
            )
        if row.status == "superseded":
            raise InvalidInput(
                f"deadline {deadline_id} is superseded (history only); recompute the matter"
            )
        if row.status == wanted:
            raise InvalidInput(f"deadline {deadline_id} is already {wanted}")
        row.status = wanted
        row.status_reason = why
        row.changed_by = svc.actor
        row.completed_on = today if wanted == "done" else None
        session.flush()
        return _one(session, deadline_id, today)


def set_status_current(svc: Services, deadline_id: int, status: str, reason: str) -> DeadlineOut:
    """:func:`set_status` with the version as stored now (the CLI: one command, no stale view)."""
    from casekit.store.models import Deadline

    with svc.transaction() as session:
        row = session.get(Deadline, deadline_id)
        if row is None:
            raise NotFound(f"no deadline {deadline_id} (see casekit deadlines list)")
        version = row.version
    return set_status(svc, deadline_id, status, reason, version=version)


def add_manual(
    svc: Services,
    matter: str | int,
    title: str,
    due: date | str,
    *,
    citation: str = "",
    note: str = "",
) -> DeadlineOut:
    """Add a deadline the rules do not compute (a court order, a scheduling stipulation...).

    A manual deadline is never moved by a recompute. Its safe target is the last open court day
    on or before it; it carries the "verify" marker (casekit did not compute it).

    Raises:
        InvalidInput: No title, a bad date.
        NotFound: No such matter.
    """
    from casekit.services.calendar import court_calendar_in
    from casekit.store.models import Deadline

    text = " ".join((title or "").split())
    if not text:
        raise InvalidInput("a deadline needs a title (--title)")
    if len(text) > MAX_TITLE:
        raise InvalidInput(f"the title is longer than {MAX_TITLE} characters")
    from casekit.domain.bounds import parse_day

    day = parse_day(due, svc.today(), "due date")
    cite = " ".join((citation or "").split())
    remark = " ".join((note or "").split())
    if len(cite) > MAX_TITLE or len(remark) > MAX_TEXT:
        raise InvalidInput("the citation or note is too long")
    today = svc.today()
    with svc.transaction() as session:
        matter_id = _matter_id(session, matter)
        _refuse_closed(session, matter_id)
        calendar = court_calendar_in(session)
        safe = calendar.last_open_on_or_before(day)
        trail = [
            f"Entered by hand by {svc.actor} on {today.isoformat()}; casekit did not "
            f"compute this date and a recompute never moves it."
        ]
        if safe != day:
            trail.append(
                f"{day.isoformat()} is closed ({calendar.closed_reason(day)}): safe target "
                f"{safe.isoformat()}, the last open day on or before it."
            )
        if remark:
            trail.append(f"Note: {remark}")
        trail.append("Verify: check the source of this date" + (f" ({cite})." if cite else "."))
        row = Deadline(
            matter_id=matter_id,
            key=f"manual:{uuid.uuid4().hex[:12]}",
            rule_id=MANUAL_RULE,
            title=text,
            kind="manual",
            trigger_event="manual",
            trigger_date=None,
            due=day,
            safe_target=safe,
            citation=cite or "entered by hand",
            confidence="unverified",
            manual=True,
            trail=trail,
            changed_by=svc.actor,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return _one(session, row.id, today)
