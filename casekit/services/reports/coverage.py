"""Coverage: while an attorney is away, another attorney receives their deadlines.

A coverage is "attorney A's deadlines go to attorney B from D1 to D2" (both days included),
recorded in the ``coverage`` table so every office computer and the cron digest see the same
thing. The absent attorney keeps receiving their own digest (it says who covers them): a
deadline reminder is never sent to fewer people because of a coverage.

One coverage at a time per absent attorney: two covering attorneys for the same days would
leave each thinking the other handles it, so an overlapping coverage is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from casekit import config
from casekit.domain.bounds import parse_day
from casekit.domain.text import at_most, one_line
from casekit.errors import InvalidInput, NotFound
from casekit.services.plain import PlainResult
from casekit.store import repo as store_repo
from casekit.store.models import Coverage
from casekit.store.repos import reports as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext

#: The longest coverage casekit records in one go (a year): a typo in a year is caught.
MAX_DAYS = 366
MAX_NOTE = 500


@dataclass(frozen=True)
class CoverageOut(PlainResult):
    """One recorded coverage."""

    id: int
    attorney: str
    attorney_id: int
    covering: str
    covering_id: int
    starts_on: date
    ends_on: date
    note: str = ""
    created_by: str = ""

    def active_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _day(value: date | str, what: str) -> date:
    return parse_day(value, config.today(), what)


def add_coverage(
    svc: AppContext,
    *,
    attorney: str,
    covering: str,
    starts_on: date | str,
    ends_on: date | str,
    note: str = "",
) -> CoverageOut:
    """Record that ``covering`` receives ``attorney``'s deadlines from ``starts_on`` to
    ``ends_on`` (both included).

    Raises:
        InvalidInput: An unknown or inactive attorney, the same attorney twice, dates in the
            wrong order or more than a year apart, an end already past, or days that overlap
            another coverage of the same attorney.
    """
    start = _day(starts_on, "--from")
    end = _day(ends_on, "--to")
    if end < start:
        raise InvalidInput("--to is before --from")
    if (end - start).days >= MAX_DAYS:
        raise InvalidInput(f"a coverage lasts at most {MAX_DAYS} days; record the next one later")
    if end < svc.today():
        raise InvalidInput("--to is already past: a coverage for past days would send nothing")
    text = at_most(one_line(note), MAX_NOTE, "--note")
    with svc.transaction() as session:
        absent = store_repo.find_user(session=session, name=attorney)
        cover = store_repo.find_user(session=session, name=covering)
        if absent.id == cover.id:
            raise InvalidInput("an attorney cannot cover for themselves")
        if not cover.active:
            raise InvalidInput(f"{cover.name} is not an active attorney")
        clash = repo.coverage_clash(session=session, attorney_id=absent.id, start=start, end=end)
        if clash is not None:
            raise InvalidInput(
                f"{absent.name} is already covered from {clash.starts_on.isoformat()} to "
                f"{clash.ends_on.isoformat()} (coverage {clash.id}); remove it first"
            )
        if absent.id is None or cover.id is None:
            raise NotFound("the attorney is not stored")
        row = repo.add_coverage(
            session=session,
            row=Coverage(
                attorney_id=absent.id,
                covering_id=cover.id,
                starts_on=start,
                ends_on=end,
                note=text,
                created_by=svc.actor,
            ),
        )
        if row.id is None:
            raise NotFound("the coverage was not stored")
        return CoverageOut(
            row.id, absent.name, absent.id, cover.name, cover.id, start, end, text, svc.actor
        )


def list_coverage(svc: AppContext, *, include_past: bool = False) -> list[CoverageOut]:
    """Coverages by start date; those already ended only with ``include_past``."""
    with svc.transaction() as session:
        rows = repo.coverage_rows(
            session=session, ending_from=None if include_past else svc.today()
        )
    return [CoverageOut(*row) for row in rows]


def remove_coverage(svc: AppContext, coverage_id: int) -> CoverageOut:
    """Delete a coverage (kept in the audit log); returns what it was.

    Raises:
        NotFound: No coverage has that id.
    """
    with svc.transaction() as session:
        row = repo.get_coverage(session=session, coverage_id=coverage_id)
        if row is None:
            raise NotFound(f"no coverage has id {coverage_id} (see casekit coverage list)")
        absent = repo.user_by_id(session=session, user_id=row.attorney_id)
        cover = repo.user_by_id(session=session, user_id=row.covering_id)
        out = CoverageOut(
            coverage_id,
            absent.name if absent else "",
            row.attorney_id,
            cover.name if cover else "",
            row.covering_id,
            row.starts_on,
            row.ends_on,
            row.note,
            row.created_by,
        )
        repo.delete_coverage(session=session, row=row)
        return out


def active_coverage(svc: AppContext, day: date) -> dict[int, CoverageOut]:
    """Absent attorney id → the coverage in force on ``day``."""
    return {c.attorney_id: c for c in list_coverage(svc, include_past=True) if c.active_on(day)}
