"""The agencies report, **de-identified**: matters with an alleged violation counted by agency,
violation code, year or town, never names, matter numbers or dates; a count is shown only when
at least ``min_cell`` clients are behind it, with complementary suppression so that no total
reveals a hidden count (:mod:`casekit.domain.disclosure`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain import codes
from casekit.domain.disclosure import VIEWS, Counts, protect
from casekit.errors import InvalidInput
from casekit.services.plain import PlainResult
from casekit.store.repos import reports as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext


# --- agencies (de-identified) ---------------------------------------------------------------

#: ``--by`` values and the columns each view shows before the count.
AGENCY_VIEWS: dict[str, tuple[str, ...]] = {
    "agency,code": ("Agency", "Violation"),
    "agency": ("Agency",),
    "agency,year": ("Agency", "Year"),
    "town": ("Town",),
    "code": ("Violation",),
}
DEFAULT_BY = "agency,code"
#: Show a count only when at least this many different clients are behind it.
DEFAULT_MIN_CELL = 3
#: Bars drawn in a chart (the largest counts); the table always has every shown row.
CHART_BARS = 25


@dataclass(frozen=True)
class PatternRow:
    """One shown count: the matters behind one agency (and code or year), town or code."""

    labels: tuple[str, ...]
    count: int

    def to_dict(self, columns: Sequence[str]) -> dict[str, Any]:
        return {
            **{c.lower(): v for c, v in zip(columns, self.labels, strict=True)},
            "count": self.count,
        }

    @property
    def label(self) -> str:
        return " · ".join(self.labels)


@dataclass(frozen=True)
class AgencyOutcome(PlainResult):
    """Closed matters of one agency with one outcome (suppressed below ``min_cell`` too)."""

    agency: str
    outcome: str
    count: int | str


@dataclass(frozen=True)
class AgenciesReport:
    """De-identified counts of matters: no names, no matter numbers, no exact dates.

    ``rows`` are the counts that may be shown, largest first; ``hidden`` how many were held
    back (fewer than ``min_cell`` clients, or hidden so that no total can reveal them:
    :mod:`casekit.domain.disclosure`); ``total`` the number of matters counted, or None when
    it is itself too small to show.
    """

    today: date
    min_cell: int
    by: str
    columns: tuple[str, ...]
    rows: tuple[PatternRow, ...]
    hidden: int
    primary: int
    total: int | None
    outcomes: tuple[AgencyOutcome, ...] = ()

    @property
    def suppressed(self) -> int:
        return self.hidden

    @property
    def what(self) -> str:
        """``by agency and violation`` ..."""
        return {
            "agency,code": "by agency and violation",
            "agency": "by agency",
            "agency,year": "by agency and year",
            "town": "by town",
            "code": "by violation",
        }[self.by]

    @property
    def title(self) -> str:
        return f"Alleged Trust Act violations {self.what}"

    def note(self) -> str:
        """The suppression rule in one sentence, for every format."""
        total = (
            f"{self.total} matters counted"
            if self.total is not None
            else f"fewer than {self.min_cell} clients' matters counted"
        )
        return (
            f"De-identified: matters with an alleged violation, {self.what}; {total}. "
            f"A count is shown only when at least {self.min_cell} different clients are behind "
            f"it, and no total can be subtracted to reveal a smaller one; {self.hidden} "
            "smaller or protecting groups are not shown."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "by": self.by,
            "min_cell": self.min_cell,
            "total_matters": self.total,
            "hidden_groups": self.hidden,
            "columns": [c.lower() for c in self.columns],
            "rows": [r.to_dict(self.columns) for r in self.rows],
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


def clean_by(value: str) -> str:
    """``--by`` as one of :data:`AGENCY_VIEWS` ("Agency, Code" works; InvalidInput otherwise)."""
    wanted = ",".join(p.strip().lower() for p in (value or "").split(",") if p.strip())
    wanted = wanted.replace("violation", "code")
    if wanted not in AGENCY_VIEWS:
        raise InvalidInput(f"unknown --by '{value[:30]}' (choose {' | '.join(AGENCY_VIEWS)})")
    return wanted


def pattern_counts(svc: AppContext) -> Any:
    """Every view's cells (matters and distinct clients), for :func:`protect`."""
    with svc.transaction() as session:
        rows = repo.pattern_rows(session=session)
    matters: dict[str, dict[tuple[str, ...], set[int]]] = {v: {} for v in VIEWS}
    clients: dict[str, dict[tuple[str, ...], set[int]]] = {v: {} for v in VIEWS}
    home_town: dict[str, str] = {}
    all_matters: set[int] = set()
    all_clients: set[int] = set()

    def add(view: str, key: tuple[str, ...], matter: int, client: int) -> None:
        matters[view].setdefault(key, set()).add(matter)
        clients[view].setdefault(key, set()).add(client)

    for matter, client, agency, kind, home_name, town, occurred_on, violations in rows:
        found = set()
        for raw in violations or ():
            try:
                found.add(codes.violation(raw).id)
            except InvalidInput:
                continue
        if not found:
            continue  # the report counts alleged violations
        all_matters.add(matter)
        all_clients.add(client)
        if kind == "municipal_police" and home_name:
            home_town[agency] = home_name
        add("agency", (agency,), matter, client)
        add("town", (town,), matter, client)
        add("agency,year", (agency, f"{occurred_on.year:04d}"), matter, client)
        for code in found:
            add("code", (code,), matter, client)
            add("agency,code", (agency, code), matter, client)
    return Counts(
        matters={v: {k: len(ids) for k, ids in cells.items()} for v, cells in matters.items()},
        clients={v: {k: len(ids) for k, ids in cells.items()} for v, cells in clients.items()},
        total=len(all_matters),
        total_clients=len(all_clients),
        home_town=home_town,
    )


def _agency_outcomes(svc: AppContext, min_cell: int) -> tuple[AgencyOutcome, ...]:
    """Closed matters with a recorded outcome, counted once per agency their incidents name."""
    with svc.transaction() as session:
        rows = repo.agency_outcomes(session=session)
    counts: Counter[tuple[str, str]] = Counter((agency, outcome) for agency, outcome, _ in rows)
    return tuple(
        AgencyOutcome(agency, outcome, n if n >= min_cell else f"<{min_cell}")
        for (agency, outcome), n in sorted(counts.items())
    )


def agencies_report(
    svc: AppContext,
    *,
    by: str = DEFAULT_BY,
    min_cell: int = DEFAULT_MIN_CELL,
    today: date | None = None,
) -> AgenciesReport:
    """Matters with an alleged violation, counted by ``by`` (:data:`AGENCY_VIEWS`).

    A matter counts once per group it falls in (once per agency, and once per code it
    records). Small counts are held back, with complementary suppression so that no total
    reveals them (:mod:`casekit.domain.disclosure`); every view is protected together.
    """
    view = clean_by(by)
    if min_cell < 1:
        raise InvalidInput("--min-cell must be at least 1")
    counts = pattern_counts(svc)
    protection = protect(counts, min_cell)
    shown = protection.shown(view, counts)
    order = _view_order(view, shown)
    rows = tuple(PatternRow(key, n) for key, n in sorted(shown.items(), key=order))
    return AgenciesReport(
        today=today or svc.today(),
        min_cell=min_cell,
        by=view,
        columns=AGENCY_VIEWS[view],
        rows=rows,
        hidden=len(protection.hidden[view]),
        primary=protection.primary[view],
        total=None if protection.total_hidden else counts.total,
        outcomes=_agency_outcomes(svc, min_cell),
    )


def _view_order(view: str, shown: dict[tuple[str, ...], int]) -> Any:
    """Largest first; a two-way view keeps each agency's rows together (agencies by their
    largest shown count), years in order."""
    if view == "agency,year":
        return lambda item: (item[0][0], item[0][1])
    if view == "agency,code":
        best: dict[str, int] = {}
        for (agency, _), n in shown.items():
            best[agency] = max(best.get(agency, 0), n)
        return lambda item: (-best[item[0][0]], item[0][0], -item[1], item[0][1])
    return lambda item: (-item[1], item[0])
