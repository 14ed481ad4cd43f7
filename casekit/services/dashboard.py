"""The dashboard's read model: the agenda, counts and quiet matters, in plain SQL.

The first thing casekit paints, so this module is small and imports nothing heavy: the queries
run on SQLite through the standard library (no SQLAlchemy before the first paint:
DEPENDENCIES.md) and on PostgreSQL through the store (:func:`casekit.store.repos.matter_list.
run_text`). It never imports SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from casekit.domain.records import from_values
from casekit.domain.vocabulary import CONFIRMED, MATTER_STATUSES, Verifiable
from casekit.errors import ConfigurationError
from casekit.store.repos.dashboard import (
    AGENDA_SQL,
    BY_STATUS_SQL,
    DEADLINE_COUNT_SQL,
    MARKERS_SQL,
    OFFERS_SQL,
    QUIET_COUNT_SQL,
    QUIET_SQL,
    SECTIONS,
    SETTINGS_SQL,
    TIMERS_SQL,
    UNASSIGNED_COUNT_SQL,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from casekit.services.base import AppContext

_Record = TypeVar("_Record", bound="DataclassInstance")

#: Statuses of a matter still being worked on (a closed or declined matter needs no deadline).
OPEN_STATUSES = ("intake", "screening", "active")
#: Rows shown per agenda section; the section header gives the full count.
AGENDA_LIMIT = 100
#: Rows in the "no open deadline" list on the dashboard.
NO_DEADLINE_LIMIT = 50
#: Counts stop here (the dashboard shows "10,000+"): counting further costs time, says nothing.
COUNT_CAP = 10_000
#: Open demands and offers expiring within this many days are listed (and those that lapsed in
#: the last ``OFFER_LOOKBACK`` days but are still marked open, so someone updates them).
OFFER_HORIZON = 14
OFFER_LOOKBACK = 7
OFFER_LIMIT = 20


@dataclass(frozen=True)
class AgendaRow(Verifiable):
    """One open deadline on the dashboard agenda."""

    deadline_id: int
    matter_id: int
    matter_number: str
    client: str
    title: str
    due: date
    safe_target: date
    days_left: int
    confidence: str
    #: Nobody answers for the matter: no responsible attorney, or an inactive one (its
    #: reminders go to the fallback recipient; the dashboard flags it).
    unassigned: bool = False
    #: A recompute that would move it is pending (casekit.services.deadlines.markers).
    out_of_date: bool = False


@dataclass(frozen=True)
class AgendaSection:
    """Overdue, Today, This week or Next 30 days: the first rows and how many there are."""

    key: str
    title: str
    rows: tuple[AgendaRow, ...]
    total: int


@dataclass(frozen=True)
class QuietMatter:
    """An open matter with no open deadline (nothing will remind anyone about it)."""

    matter_id: int
    number: str
    client: str
    status: str
    attorney: str
    opened_on: date


@dataclass(frozen=True)
class Counts:
    """Counts at a glance. Counts that could run into the tens of thousands stop at
    ``COUNT_CAP`` (shown as "10,000+"): a number that large only says "too many"."""

    by_status: tuple[tuple[str, int], ...]
    overdue: int
    due_this_week: int
    unverified: int  # open deadlines due within 30 days that are not ``confirmed``
    no_deadline: int
    unassigned: int = 0  # open matters with no responsible (active) attorney
    out_of_date: int = 0  # matters whose deadlines wait for a recompute (markers)

    @property
    def open_matters(self) -> int:
        return sum(n for status, n in self.by_status if status in OPEN_STATUSES)


@dataclass(frozen=True)
class ExpiringOffer:
    """An open demand or offer (the resolution log) whose expiry is near or just passed."""

    event_id: int
    matter_id: int
    matter_number: str
    client: str
    kind: str  # demand | offer
    side: str  # plaintiff | defendant
    cents: int | None
    expires_on: date
    days_left: int


@dataclass(frozen=True)
class RunningTimer:
    """A timer this user started and has not stopped (it survives restarts)."""

    timer_id: int
    matter_id: int
    matter_number: str
    timekeeper: str
    started_at: datetime  # aware, UTC


@dataclass(frozen=True)
class Dashboard:
    today: date
    sections: tuple[AgendaSection, ...]
    quiet: tuple[QuietMatter, ...]
    counts: Counts
    demo: bool = False
    firm_name: str = ""
    offers: tuple[ExpiringOffer, ...] = ()
    timers: tuple[RunningTimer, ...] = ()


def _days(a: date, b: date) -> int:
    return (b - a).days


class NotReady(ConfigurationError):
    """The database is missing or has no casekit tables yet (run the schema check, then retry)."""


Runner = Callable[[str, dict[str, Any]], list[tuple[Any, ...]]]


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def capped(n: int) -> str:
    """A count for display: "10,000+" at the cap."""
    return f"{COUNT_CAP:,}+" if n > COUNT_CAP else f"{n:,}"


def dashboard(svc: AppContext) -> Dashboard:
    """The agenda (overdue, today, this week, next 30 days), quiet matters and counts.

    Raises:
        NotReady: The database does not exist yet or has no casekit tables.
    """
    path = svc.settings.sqlite_path
    if path is not None:
        import sqlite3

        if not path.exists():
            raise NotReady("the database does not exist yet")
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=15)
        try:

            def run(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
                return conn.execute(sql, params).fetchall()

            return _dashboard(run, svc.today(), svc.actor)
        except sqlite3.OperationalError as exc:
            raise NotReady(f"the database is not set up ({exc})") from exc
        finally:
            conn.close()
    # PostgreSQL: through the store (SQLAlchemy), imported only on this path.
    from casekit.store.repos.matter_list import NotSetUp, run_text
    from casekit.store.repos.matters import reading

    with reading(svc.engine) as sa_conn:

        def run_sa(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
            return run_text(session=sa_conn, sql=sql, params=params)

        try:
            return _dashboard(run_sa, svc.today(), svc.actor)
        except NotSetUp as exc:
            raise NotReady("the database is not set up") from exc


def _as_moment(value: Any) -> datetime:
    """A stored UTC timestamp (SQLite hands back text without a zone) as an aware datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


#: How a column is read into a field of this declared type where the database gives it in another
#: form (SQLite hands dates and moments back as text); the rest as ``from_values`` reads it.
_READ: dict[str, Callable[[Any], Any]] = {
    "date": _as_date,
    "datetime": _as_moment,
    "int | None": _optional_int,
}


def _record(kind: type[_Record], row: Sequence[Any], **named: Any) -> _Record:
    """A ``kind`` from a row of its statement (:mod:`casekit.store.repos.dashboard`): its columns
    are the fields ``named`` does not give, in the order declared."""
    return from_values(kind, row, _READ, **named)


def _dashboard(run: Runner, today: date, actor: str = "") -> Dashboard:
    params: dict[str, Any] = {
        "today": today.isoformat(),
        "week_end": (today + timedelta(days=7)).isoformat(),
        "month_end": (today + timedelta(days=30)).isoformat(),
        "limit": AGENDA_LIMIT,
        "cap": COUNT_CAP + 1,
    }
    stale = _stale_deadlines(run(MARKERS_SQL, {}))
    sections = _agenda(run, today, params, stale[1])
    quiet, quiet_total = _listed(
        run, (QUIET_SQL, QUIET_COUNT_SQL), {**params, "limit": NO_DEADLINE_LIMIT}, NO_DEADLINE_LIMIT
    )
    settings = {str(k): str(v) for k, v in run(SETTINGS_SQL, {})}
    return Dashboard(
        today=today,
        sections=sections,
        quiet=tuple(_record(QuietMatter, r) for r in quiet),
        counts=_counts(run, params, sections, no_deadline=quiet_total, out_of_date=len(stale[0])),
        demo=_truthy(settings.get("casekit.demo", "")),
        firm_name=settings.get("firm.name", ""),
        offers=_offers(run, today),
        timers=tuple(_record(RunningTimer, r) for r in run(TIMERS_SQL, {"actor": actor})),
    )


def _agenda(
    run: Runner, today: date, params: dict[str, Any], stale: set[int]
) -> tuple[AgendaSection, ...]:
    """The agenda's sections; first, when a recompute is pending, the deadlines it would move."""
    chosen = list(SECTIONS)
    if stale:
        # First: open deadlines a pending recompute would move, whenever they fall due (ids
        # bound as parameters).
        ids = sorted(stale)[:AGENDA_LIMIT]
        params = {**params, **{f"stale{n}": i for n, i in enumerate(ids)}}
        names = ", ".join(f":stale{n}" for n in range(len(ids)))
        chosen.insert(0, ("stale", "Out of date", f"d.id IN ({names})"))
    sections: list[AgendaSection] = []
    for key, title, cond in chosen:
        statements = (AGENDA_SQL.format(cond=cond), DEADLINE_COUNT_SQL.format(cond=cond))
        rows, total = _listed(run, statements, params, AGENDA_LIMIT)
        section_rows = tuple(
            _record(AgendaRow, r, days_left=_days(today, _as_date(r[6])), out_of_date=r[0] in stale)
            for r in rows
        )
        sections.append(AgendaSection(key=key, title=title, rows=section_rows, total=total))
    return tuple(sections)


def _counts(
    run: Runner,
    params: dict[str, Any],
    sections: tuple[AgendaSection, ...],
    *,
    no_deadline: int,
    out_of_date: int,
) -> Counts:
    this_week = _count(
        run,
        DEADLINE_COUNT_SQL.format(cond="d.safe_target >= :today AND d.safe_target <= :week_end"),
        params,
    )
    unverified = _count(
        run,
        DEADLINE_COUNT_SQL.format(
            cond="d.safe_target >= :today AND d.safe_target <= :month_end "
            "AND d.confidence <> :confirmed"
        ),
        {**params, "confirmed": CONFIRMED},
    )
    order = {s: i for i, s in enumerate(MATTER_STATUSES)}
    by_status = run(BY_STATUS_SQL, {})
    return Counts(
        by_status=tuple(
            sorted(((s, int(n)) for s, n in by_status), key=lambda p: order.get(p[0], 99))
        ),
        overdue=next(s.total for s in sections if s.key == "overdue"),
        due_this_week=this_week,
        unverified=unverified,
        no_deadline=no_deadline,
        unassigned=_count(run, UNASSIGNED_COUNT_SQL, params),
        out_of_date=out_of_date,
    )


def _count(run: Runner, sql: str, params: dict[str, Any]) -> int:
    """The number a ``SELECT count(*)`` statement answers."""
    return int(run(sql, params)[0][0])


def _listed(
    run: Runner, statements: tuple[str, str], params: dict[str, Any], limit: int
) -> tuple[list[tuple[Any, ...]], int]:
    """The rows of a list shown up to ``limit`` (``statements``: the list's query, then its
    count's) and how many there are: counted only when the list is full."""
    rows = run(statements[0], params)
    if len(rows) < limit:
        return rows, len(rows)
    return rows, _count(run, statements[1], params)


def _offers(run: Runner, today: date) -> tuple[ExpiringOffer, ...]:
    rows = run(
        OFFERS_SQL,
        {
            "offer_from": (today - timedelta(days=OFFER_LOOKBACK)).isoformat(),
            "offer_end": (today + timedelta(days=OFFER_HORIZON)).isoformat(),
            "offer_limit": OFFER_LIMIT,
        },
    )
    return tuple(_record(ExpiringOffer, r, days_left=_days(today, _as_date(r[7]))) for r in rows)


def _stale_deadlines(rows: list[tuple[Any, ...]]) -> tuple[set[int], set[int]]:
    """The matters with an open out-of-date marker, and the deadlines it names (a JSON list:
    text on SQLite, a list on PostgreSQL)."""
    import json

    matters: set[int] = set()
    deadlines: set[int] = set()
    for matter_id, ids in rows:
        matters.add(int(matter_id))
        values = json.loads(ids) if isinstance(ids, str) else (ids or [])
        deadlines.update(int(i) for i in values)
    return matters, deadlines


def _truthy(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}
