"""The deadline reminder report: open deadlines by section, and open matters with none.

Deadline sections are measured against the **safe target** (the last business day on or before
the legal last day; trust-act.md § 3): a deadline is *Overdue* once its safe target has passed,
even if the legal last day is a weekend still ahead. Rows carry the days left to the safe target,
a ``verify`` marker for rules that are not ``confirmed`` and the current reminder tier
(:mod:`casekit.domain.reminders`: 180/90/60/30/14/7/1 days for limitation and notice deadlines,
14/7/1 for the rest).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypedDict, Unpack

from casekit.domain.reminders import MAX_TIER_DAYS, ReminderTiers, current_tier, reminded_since
from casekit.errors import InvalidInput
from casekit.services.dashboard import OPEN_STATUSES as OPEN_MATTER_STATUSES
from casekit.services.office.settings import reminder_tiers
from casekit.services.reports.formats import initials
from casekit.services.reports.rows import (
    ALL_KINDS,
    DEFAULT_WITHIN,
    DeadlineReport,
    DeadlineRow,
    QuietMatter,
    Section,
)
from casekit.services.reports.word import firm_settings
from casekit.store import repo as store_repo
from casekit.store.repos import reports as repo
from casekit.store.repos.reports import DeadlineScope

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from casekit.services.base import AppContext


def resolve_attorney(svc: AppContext, name: str | None) -> tuple[int | None, str | None]:
    """The user id for an ``--attorney`` filter (InvalidInput when unknown)."""
    if name is None:
        return None, None
    with svc.transaction() as session:
        user = store_repo.find_user(session=session, name=name)
        return user.id, user.name


def _section_titles(within: int) -> tuple[tuple[str, str], ...]:
    return (
        ("overdue", "Overdue"),
        ("today", "Today"),
        ("week", "This week"),
        ("next", f"Next {within} days"),
    )


def _section_key(days_left: int) -> str:
    if days_left < 0:
        return "overdue"
    if days_left == 0:
        return "today"
    return "week" if days_left <= 7 else "next"


class RowFilters(TypedDict, total=False):
    """Which open deadlines :func:`open_deadline_rows` lists, and how.

    Attributes:
        until: Last safe target to include (overdue ones always are); None for every one.
        attorney_id: Only matters this user is responsible for.
        matter: Only this matter (NotFound when unknown).
        redact: Client initials instead of names.
        with_trail: Include each deadline's computation trail.
        unassigned: Only matters nobody answers for: no responsible attorney, or an inactive one.
        after: Only safe targets after this day (with ``until``: a window further out).
        tiers: The reminder ladders (default: the firm's, from the settings).
    """

    until: date | None
    attorney_id: int | None
    matter: str | None
    redact: bool
    with_trail: bool
    unassigned: bool
    after: date | None
    tiers: ReminderTiers | None


def open_deadline_rows(
    svc: AppContext, *, today: date, **filters: Unpack[RowFilters]
) -> list[DeadlineRow]:
    """Open deadlines (safe target up to ``until``, or all), soonest first.

    Args:
        svc: The services.
        today: The day days-left and tiers are counted from.
        filters: :class:`RowFilters`.
    """
    with_trail = filters.get("with_trail", False)
    with svc.transaction() as session:
        matter_id = store_repo.matter_id_of(session=session, number=filters.get("matter"))
        scope = DeadlineScope(
            until=filters.get("until"),
            after=filters.get("after"),
            attorney_id=filters.get("attorney_id"),
            matter_id=matter_id,
            unassigned=filters.get("unassigned", False),
        )
        rows = repo.open_deadlines(session=session, scope=scope, with_trail=with_trail)
    tiers = filters.get("tiers")
    if tiers is None:
        tiers = reminder_tiers(svc)
    redact = filters.get("redact", False)
    return [_row(r, today, tiers, redact=redact, with_trail=with_trail) for r in rows]


def _row(
    r: Sequence[Any], today: date, tiers: ReminderTiers, *, redact: bool, with_trail: bool
) -> DeadlineRow:
    kind = r[7] or ""
    safe = r[9]
    return DeadlineRow(
        deadline_id=r[0],
        version=r[1],
        matter=r[2],
        client=initials(r[3]) if redact else r[3],
        attorney=r[4] or "",
        title=r[5],
        rule_id=r[6],
        kind=kind,
        due=r[8],
        safe_target=safe,
        days_left=(safe - today).days,
        citation=r[10] or "",
        confidence=r[11] or "",
        tier=current_tier(safe, today, tiers.for_kind(kind)),
        trail=tuple(r[12] or ()) if with_trail else (),
    )


def quiet_matters(
    svc: AppContext,
    *,
    attorney_id: int | None = None,
    redact: bool = False,
    unassigned: bool = False,
) -> list[QuietMatter]:
    """Open matters (intake, screening, active) with no open deadline, by matter number.

    ``unassigned``: only matters with no responsible attorney (or an inactive one).
    """
    with svc.transaction() as session:
        rows = repo.quiet_matters(
            session=session,
            statuses=OPEN_MATTER_STATUSES,
            attorney_id=attorney_id,
            unassigned=unassigned,
        )
    return [
        QuietMatter(
            matter=r[0],
            client=initials(r[1]) if redact else r[1],
            attorney=r[2] or "",
            status=r[3],
        )
        for r in rows
    ]


def deadline_report(
    svc: AppContext,
    *,
    within: int = DEFAULT_WITHIN,
    attorney: str | None = None,
    today: date | None = None,
    redact: bool = False,
) -> DeadlineReport:
    """The deadline reminder report.

    Args:
        svc: The services.
        within: Horizon in days for the last section ("Next N days"); at least 1.
        attorney: Only this attorney's matters (InvalidInput when unknown).
        today: The report date (default: :meth:`AppContext.today`).
        redact: Client initials ("J. N.") instead of names.

    Returns:
        Sections Overdue, Today, This week (next 7 days), Next N days (only open deadlines), and
        the open matters with no open deadline.
    """
    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    attorney_id, attorney_name = resolve_attorney(svc, attorney)
    return scoped_report(
        svc,
        today=today or svc.today(),
        within=within,
        scope=Scope(attorney_id=attorney_id, attorney_name=attorney_name, redact=redact),
    )


@dataclass(frozen=True)
class Scope:
    """Whose deadlines a report covers (an attorney, the unassigned matters, everything), and
    what it adds.

    Attributes:
        attorney_id: Only this attorney's matters.
        attorney_name: Their name, as the report states it.
        redact: Client initials instead of names.
        unassigned: Only matters nobody answers for.
        tiers: The reminder ladders (default: the firm's).
        firm: The ``firm.*`` settings (default: read them).
        reminders_since: Also list the deadlines beyond the horizon whose reminder day (a tier
            of their kind) fell after that day and on or before ``today`` (the daily digest).
    """

    attorney_id: int | None = None
    attorney_name: str | None = None
    redact: bool = False
    unassigned: bool = False
    tiers: ReminderTiers | None = None
    firm: dict[str, str] | None = None
    reminders_since: date | None = None


def scoped_report(svc: AppContext, *, today: date, within: int, scope: Scope) -> DeadlineReport:
    """:func:`deadline_report` for one :class:`Scope`."""
    tiers = reminder_tiers(svc) if scope.tiers is None else scope.tiers
    horizon = today + timedelta(days=within)
    rows = open_deadline_rows(
        svc,
        today=today,
        until=horizon,
        attorney_id=scope.attorney_id,
        redact=scope.redact,
        unassigned=scope.unassigned,
        tiers=tiers,
    )
    grouped: dict[str, list[DeadlineRow]] = {}
    for row in rows:
        grouped.setdefault(_section_key(row.days_left), []).append(row)
    sections = tuple(
        Section(key, title, tuple(grouped.get(key, ()))) for key, title in _section_titles(within)
    )
    later = None
    if scope.reminders_since is not None:
        later = _reminders(svc, today, horizon, scope.reminders_since, scope, tiers)
    quiet = quiet_matters(
        svc, attorney_id=scope.attorney_id, redact=scope.redact, unassigned=scope.unassigned
    )
    return DeadlineReport(
        today=today,
        within=within,
        sections=sections,
        no_deadline=tuple(quiet),
        attorney=scope.attorney_name,
        redacted=scope.redact,
        firm=firm_settings(svc) if scope.firm is None else scope.firm,
        reminders=later,
    )


def _reminders(
    svc: AppContext, today: date, horizon: date, since: date, scope: Scope, tiers: ReminderTiers
) -> tuple[DeadlineRow, ...]:
    """Deadlines beyond the horizon whose reminder day fell after ``since``, up to today."""
    furthest = max((max(tiers.for_kind(k) or (0,)) for k in ALL_KINDS), default=0)
    candidates = open_deadline_rows(
        svc,
        today=today,
        after=horizon,
        until=today + timedelta(days=min(furthest, MAX_TIER_DAYS)),
        attorney_id=scope.attorney_id,
        redact=scope.redact,
        unassigned=scope.unassigned,
        tiers=tiers,
    )
    hits = [
        (r, reminded_since(r.safe_target, since, today, tiers.for_kind(r.kind))) for r in candidates
    ]
    return tuple(replace(r, tier=hit) for r, hit in hits if hit is not None)
