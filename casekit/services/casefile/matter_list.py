"""The matters list the screens page through, and what its filters and the intake form offer.

Every function takes :class:`~casekit.services.base.AppContext`, reads on one connection of its own
(:func:`casekit.store.repos.matters.reading`) and returns values only. The screens call these
functions from worker threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from casekit.domain.records import from_row
from casekit.domain.text import fold
from casekit.services.casefile.read_model import (
    AgencyChoice,
    Choice,
    Closure,
    MatterPage,
    MatterRow,
    Options,
)
from casekit.services.law.rules import law_pack

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.matters import Connection

#: A search that matches more matters than this shows "2,000+" and asks for more letters.
SEARCH_CAP = 2000


class MatterFilters(TypedDict, total=False):
    """The matters list's filters (``None`` or left out: not filtered)."""

    status: str | None
    #: A user id, a town id, an agency id.
    attorney: int | None
    town: int | None
    agency: int | None


def page_matters(
    svc: AppContext,
    *,
    query: str = "",
    limit: int = 50,
    offset: int = 0,
    count: bool = True,
    **filters: Unpack[MatterFilters],
) -> MatterPage:
    """One page of matters, newest number first, with the total that matches.

    ``query`` is matched accent- and case-insensitively against client names, matter numbers,
    towns and agencies. Only ``limit`` rows are read, whatever the size of the office.

    With ``count=False`` a search without filters reads only this page's matches and leaves
    ``total`` as ``None`` (the command palette needs a few rows, not how many match): at
    100,000 matters a one- or two-letter search finds its first page in a millisecond but needs
    tens to count every match. Filtered lists are always counted (the filters need the matching
    ids anyway).
    """
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matter_list as lists
    from casekit.store.repos import matters as repo

    params = _matter_params(filters)
    text = fold(query)
    with repo.reading(svc.engine) as conn:
        if text and not params and not count:
            ids = lists.search_ids(session=conn, text=text, limit=limit + 1, offset=offset)
            rows = _matter_rows(conn, ids[:limit])
            return MatterPage(rows=rows, total=None, offset=offset, more=len(ids) > limit)
        counted = _count(conn, text, params)
        if text and not params:
            # A search alone: the ids (newest first) are the answer; the page needs only its
            # own ids (no 2,000-parameter IN lists).
            rows = _matter_rows(conn, counted.ids[offset : offset + limit])
        else:
            if text:
                params["ids"] = counted.ids
            rows = _matter_rows(conn, None, params, limit=limit, offset=offset)
    return MatterPage(
        rows=rows,
        total=counted.total,
        offset=offset,
        capped=counted.capped,
        more=offset + len(rows) < counted.total,
    )


def _matter_params(filters: MatterFilters) -> dict[str, Any]:
    given = {
        "status": filters.get("status") or None,
        "attorney": filters.get("attorney"),
        "town": filters.get("town"),
        "agency": filters.get("agency"),
    }
    return {name: value for name, value in given.items() if value is not None}


@dataclass(frozen=True)
class _Counted:
    total: int
    capped: bool
    #: The matching ids of a search (newest first, at most the cap); empty for no search.
    ids: list[int]


def _count(conn: Connection, text: str, params: dict[str, Any]) -> _Counted:
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matter_list as lists

    ids: list[int] = []
    over = False
    if text:
        ids = lists.search_ids(session=conn, text=text, limit=SEARCH_CAP + 1)
        over = len(ids) > SEARCH_CAP
        ids = ids[:SEARCH_CAP]
        if not params:
            return _Counted(len(ids), over, ids)
        params = {**params, "ids": ids}
    return _Counted(lists.count_matters(session=conn, params=params), over, ids)


def _matter_rows(
    conn: Connection,
    ids: list[int] | None,
    params: dict[str, Any] | None = None,
    *,
    limit: int = 0,
    offset: int = 0,
) -> tuple[MatterRow, ...]:
    """The rows of the matters ``ids`` (a page already chosen), or one page of those matching
    ``params``."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matter_list as lists

    if ids is not None:
        if not ids:
            return ()
        params, limit = {"ids": ids}, len(ids)
    rows = lists.matter_page(session=conn, params=params or {}, limit=limit, offset=offset)
    return tuple(from_row(MatterRow, r, incident_on=r.occurred_on) for r in rows)


def find_matters(svc: AppContext, query: str, *, limit: int = 8) -> tuple[MatterRow, ...]:
    """A few matters for the command palette ("Open matter TA-…")."""
    return page_matters(svc, query=query, limit=limit, count=False).rows


def options(svc: AppContext, *, for_screening: bool = False) -> Options:
    """Attorneys, towns and agencies for filters and the intake form; with ``for_screening``
    also the firm's law pack and court calendar (the intake form screens as facts are typed)."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.services.deadlines.court_calendar import court_calendar
    from casekit.store.repos import matter_list as lists
    from casekit.store.repos import matters as repo

    with repo.reading(svc.engine) as conn:
        attorneys, towns, agencies = lists.reference_lists(session=conn)
    return Options(
        law_pack=law_pack(svc) if for_screening else None,
        calendar=court_calendar(svc) if for_screening else None,
        attorneys=tuple(Choice(r.id, r.name) for r in attorneys),
        towns=tuple(Choice(r.id, r.name) for r in towns),
        agencies=tuple(from_row(AgencyChoice, r) for r in agencies),
    )


def closures(svc: AppContext) -> tuple[Closure, ...]:
    """The court closures the firm recorded (they move deadlines), by date."""
    # The store is imported here, not at the top: casefile stays light (see __init__).
    from casekit.store.repos import matter_list as lists
    from casekit.store.repos import matters as repo

    with repo.reading(svc.engine) as conn:
        rows = lists.closures(session=conn)
    return tuple(Closure(r.closed_on, r.reason) for r in rows)
