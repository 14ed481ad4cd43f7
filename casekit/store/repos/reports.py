"""Office reports, reminder digests and coverage: the queries of ``casekit.services.reports``.

The report reads are Core selects on the tables (no ORM objects): a digest reads hundreds of
thousands of deadlines (``benchmarks/README.md``, ``reminder_report_300k``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, exists, func, literal_column, or_, select
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from casekit.store.models import Agency, Client, Coverage, Deadline, Incident, Matter, Town, User

__all__ = [
    "DeadlineScope",
    "Session",
    "active_users",
    "add_coverage",
    "agency_outcomes",
    "all_users",
    "caseload_counts",
    "coverage_clash",
    "coverage_rows",
    "delete_coverage",
    "get_coverage",
    "open_deadlines",
    "pattern_rows",
    "quiet_matters",
    "responsible_users",
    "user_by_id",
]

_D = Deadline.__table__  # type: ignore[attr-defined]
_M = Matter.__table__  # type: ignore[attr-defined]
_C = Client.__table__  # type: ignore[attr-defined]
_U = User.__table__  # type: ignore[attr-defined]
_I = Incident.__table__  # type: ignore[attr-defined]
_A = Agency.__table__  # type: ignore[attr-defined]
_T = Town.__table__  # type: ignore[attr-defined]
_CV = Coverage.__table__  # type: ignore[attr-defined]
#: A closed or declined matter's deadlines are closed with it
#: (casekit.services.deadlines.lifecycle); any left open (entered around it) stay out of digests,
#: reports and calendars too.
_ENDED = ("closed", "declined")


@dataclass(frozen=True)
class DeadlineScope:
    """Which open deadlines a report reads.

    Attributes:
        until: Last safe target to include (overdue ones always are); None for every one.
        after: Only safe targets after this day.
        attorney_id: Only matters this user is responsible for.
        matter_id: Only this matter.
        unassigned: Only matters nobody answers for (no attorney, or an inactive one).
    """

    until: date | None = None
    after: date | None = None
    attorney_id: int | None = None
    matter_id: int | None = None
    unassigned: bool = False


def _nobody_answers() -> ColumnElement[bool]:
    """No responsible attorney, or one no longer active (the user table is outer-joined)."""
    return or_(_M.c.attorney_id.is_(None), _U.c.active.is_(False))


def open_deadlines(
    *, session: Session, scope: DeadlineScope, with_trail: bool = False
) -> Sequence[Any]:
    """Open deadlines of open matters, soonest safe target first: (id, version, matter number,
    client name, attorney name, title, rule id, kind, due, safe target, citation, confidence
    [, trail])."""
    d, m, c, u = _D, _M, _C, _U
    cols = [
        d.c.id,
        d.c.version,
        m.c.number,
        c.c.name,
        u.c.name,
        d.c.title,
        d.c.rule_id,
        d.c.kind,
        d.c.due,
        d.c.safe_target,
        d.c.citation,
        d.c.confidence,
    ]
    if with_trail:
        cols.append(d.c.trail)
    query = (
        select(*cols)
        .join(m, m.c.id == d.c.matter_id)
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(d.c.status == "open")
        .where(m.c.status.notin_(_ENDED))
    )
    if scope.until is not None:
        query = query.where(d.c.safe_target <= scope.until)
    if scope.after is not None:
        query = query.where(d.c.safe_target > scope.after)
    if scope.attorney_id is not None:
        query = query.where(m.c.attorney_id == scope.attorney_id)
    if scope.unassigned:
        query = query.where(_nobody_answers())
    if scope.matter_id is not None:
        query = query.where(m.c.id == scope.matter_id)
    query = query.order_by(d.c.safe_target, d.c.due, m.c.number, d.c.id)
    return session.connection().execute(query).all()


def quiet_matters(
    *,
    session: Session,
    statuses: Sequence[str],
    attorney_id: int | None = None,
    unassigned: bool = False,
) -> Sequence[Any]:
    """Matters in ``statuses`` with no open deadline, by number: (number, client name,
    attorney name, status)."""
    d, m, c, u = _D, _M, _C, _U
    query = (
        select(m.c.number, c.c.name, u.c.name, m.c.status)
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(m.c.status.in_(statuses))
        # `status + ""` keeps SQLite off the partial open-deadline index here: without ANALYZE
        # statistics it would scan every open deadline for each matter (benchmarks/README.md).
        # SELECT 1, not SELECT *: the (matter_id, status) index then answers alone.
        .where(
            ~select(literal_column("1"))
            .where(d.c.matter_id == m.c.id, (d.c.status + "") == "open")
            .exists()
        )
        .order_by(m.c.number)
    )
    if attorney_id is not None:
        query = query.where(m.c.attorney_id == attorney_id)
    if unassigned:
        query = query.where(_nobody_answers())
    return session.connection().execute(query).all()


def responsible_users(*, session: Session, statuses: Sequence[str]) -> Sequence[Any]:
    """Active users responsible for a matter in ``statuses`` or with an open deadline, by name:
    (id, name, email)."""
    m, d, u = _M, _D, _U
    return (
        session.connection()
        .execute(
            select(u.c.id, u.c.name, u.c.email)
            .where(u.c.active.is_(True))
            .where(
                exists().where(
                    m.c.attorney_id == u.c.id,
                    or_(
                        m.c.status.in_(statuses),
                        exists().where(d.c.matter_id == m.c.id, d.c.status == "open"),
                    ),
                )
            )
            .order_by(u.c.name)
        )
        .all()
    )


def active_users(*, session: Session) -> Sequence[Any]:
    """Every active user: (id, name, email)."""
    return (
        session.connection()
        .execute(select(_U.c.id, _U.c.name, _U.c.email).where(_U.c.active.is_(True)))
        .all()
    )


def all_users(*, session: Session) -> Sequence[Any]:
    """Every user: (id, name, email)."""
    return session.connection().execute(select(_U.c.id, _U.c.name, _U.c.email)).all()


def caseload_counts(
    *, session: Session, open_statuses: Sequence[str]
) -> tuple[Sequence[Any], dict[str, int], dict[str, int]]:
    """(attorney name, status, n) for open matters; n per status; n per outcome of ended ones."""
    m, u = _M, _U
    conn = session.connection()
    per = conn.execute(
        select(u.c.name, m.c.status, func.count())
        .select_from(m)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(m.c.status.in_(open_statuses))
        .group_by(u.c.name, m.c.status)
    ).all()
    stages: dict[str, int] = dict(
        conn.execute(select(m.c.status, func.count()).group_by(m.c.status)).all()
    )
    ended: dict[str, int] = dict(
        conn.execute(
            select(m.c.outcome, func.count()).where(m.c.status.in_(_ENDED)).group_by(m.c.outcome)
        ).all()
    )
    return per, stages, ended


def pattern_rows(*, session: Session) -> Sequence[Any]:
    """Every incident with its matter, agency and towns: (matter id, client id, agency name,
    agency kind, agency's home town, incident town, occurred on, violations)."""
    i, a, tw, m = _I, _A, _T, _M
    home = _T.alias("home")
    return (
        session.connection()
        .execute(
            select(
                m.c.id,
                m.c.client_id,
                a.c.name,
                a.c.kind,
                home.c.name,
                tw.c.name,
                i.c.occurred_on,
                i.c.violations,
            )  # fmt: skip
            .select_from(i)
            .join(m, m.c.id == i.c.matter_id)
            .join(a, a.c.id == i.c.agency_id)
            .join(tw, tw.c.id == i.c.town_id)
            .outerjoin(home, home.c.id == a.c.town_id)
        )
        .all()
    )


def agency_outcomes(*, session: Session) -> Sequence[Any]:
    """(agency name, outcome, matter id) of matters with a recorded outcome, once each."""
    i, a, m = _I, _A, _M
    return (
        session.connection()
        .execute(
            select(a.c.name, m.c.outcome, m.c.id)
            .select_from(i)
            .join(a, a.c.id == i.c.agency_id)
            .join(m, m.c.id == i.c.matter_id)
            .where(m.c.outcome != "")
            .distinct()
        )
        .all()
    )


# --- coverage -------------------------------------------------------------------------------


def coverage_clash(
    *, session: Session, attorney_id: int | None, start: date, end: date
) -> Coverage | None:
    """A coverage of the attorney overlapping ``start``..``end``, if any."""
    return session.exec(
        orm_select(Coverage)
        .where(col(Coverage.attorney_id) == attorney_id)
        .where(col(Coverage.starts_on) <= end)
        .where(col(Coverage.ends_on) >= start)
    ).first()


def add_coverage(*, session: Session, row: Coverage) -> Coverage:
    session.add(row)
    session.flush()
    return row


def coverage_rows(*, session: Session, ending_from: date | None = None) -> Sequence[Any]:
    """Coverages by start date (only those ending on or after ``ending_from``): (id, absent
    name, absent id, covering name, covering id, starts on, ends on, note, created by)."""
    c = _CV
    absent = _U.alias("absent")
    cover = _U.alias("cover")
    query = (
        select(
            c.c.id,
            absent.c.name,
            c.c.attorney_id,
            cover.c.name,
            c.c.covering_id,
            c.c.starts_on,
            c.c.ends_on,
            c.c.note,
            c.c.created_by,
        )  # fmt: skip
        .join(absent, absent.c.id == c.c.attorney_id)
        .join(cover, cover.c.id == c.c.covering_id)
        .order_by(c.c.starts_on, c.c.id)
    )
    if ending_from is not None:
        query = query.where(c.c.ends_on >= ending_from)
    return session.connection().execute(query).all()


def get_coverage(*, session: Session, coverage_id: int) -> Coverage | None:
    return session.get(Coverage, coverage_id)


def delete_coverage(*, session: Session, row: Coverage) -> None:
    session.delete(row)


def user_by_id(*, session: Session, user_id: int) -> User | None:
    return session.get(User, user_id)
