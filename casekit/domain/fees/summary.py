"""The lodestar: entries valued at the rate in effect, totalled as a fee petition shows them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from casekit.domain.fees.facts import CostFact, RateFact, TimeFact, rate_on
from casekit.domain.fees.units import entry_value
from casekit.domain.fees.vocabulary import COST_KINDS, TASK_CATEGORIES, TIMEKEEPER_ROLES
from casekit.domain.records import from_fields
from casekit.errors import InvalidInput

# --- the summary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeeLine:
    """A time entry valued: its rate (None when no rate is in effect) and its value in cents."""

    entry: TimeFact
    rate: RateFact | None
    value_cents: int | None

    @property
    def excluded(self) -> str:
        return self.entry.exclusion


@dataclass(frozen=True)
class TimekeeperTotal:
    """Hours and lodestar of one timekeeper (included entries), and the hours excluded."""

    timekeeper_id: int
    name: str
    role: str
    tenths: int
    value_cents: int
    rates: tuple[int, ...]  # distinct rates applied, in cents per hour, in date order
    excluded_tenths: int = 0


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    tenths: int
    value_cents: int


@dataclass(frozen=True)
class CostTotal:
    kind: str
    cents: int


@dataclass(frozen=True)
class FeeSummary:
    """Everything a fee petition states, computed from the facts.

    Attributes:
        since: First day included (None: from the beginning).
        through: Last day included.
        lines: Included time entries, valued, by date.
        excluded: No-charge and unrelated entries, valued at the rate for information.
        missing_rates: Included lines with no rate in effect (the petition cannot issue).
        by_timekeeper: Totals per timekeeper (attorneys first, then by name).
        by_category: Totals per task category (in ``TASK_CATEGORIES`` order).
        costs: Claimed costs by date; ``costs_excluded`` the ones marked not claimed.
        cost_totals: Claimed costs per kind.
    """

    since: date | None
    through: date
    lines: tuple[FeeLine, ...]
    excluded: tuple[FeeLine, ...]
    missing_rates: tuple[FeeLine, ...]
    by_timekeeper: tuple[TimekeeperTotal, ...]
    by_category: tuple[CategoryTotal, ...]
    costs: tuple[CostFact, ...]
    costs_excluded: tuple[CostFact, ...]
    cost_totals: tuple[CostTotal, ...]
    hours_tenths: int
    lodestar_cents: int
    excluded_tenths: int
    excluded_value_cents: int
    costs_cents: int
    rate_sources: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @property
    def total_cents(self) -> int:
        """Lodestar plus claimed costs."""
        return self.lodestar_cents + self.costs_cents

    @property
    def empty(self) -> bool:
        return not (self.lines or self.excluded or self.costs or self.costs_excluded)


@dataclass
class _Person:
    """A timekeeper's running totals while summarizing."""

    name: str
    role: str
    tenths: int = 0
    value_cents: int = 0
    excluded_tenths: int = 0
    rates: list[int] = field(default_factory=list)


def _role_order(role: str) -> int:
    return TIMEKEEPER_ROLES.index(role) if role in TIMEKEEPER_ROLES else len(TIMEKEEPER_ROLES)


def summarize(
    entries: Iterable[TimeFact],
    rates: Sequence[RateFact],
    costs: Iterable[CostFact] = (),
    *,
    through: date,
    since: date | None = None,
    fixed_rates: Mapping[int, int] | None = None,
) -> FeeSummary:
    """Value the entries and total them the way a fee petition presents them.

    Args:
        entries: Time entries of the matter (any dates; filtered here).
        rates: Every rate of the timekeepers concerned.
        costs: Costs of the matter.
        through: Last day of work (and of costs) to include.
        since: First day to include (None: all earlier work).
        fixed_rates: Entry id → cents per hour, for an issued petition: the rates it was issued
            with, whatever the rate table says today.

    Returns:
        The summary. Entries without a rate are valued at nothing and listed in
        ``missing_rates``; a petition refuses to issue until a rate is added.
    """
    if since is not None and since > through:
        raise InvalidInput("the first day is after the last day")

    def in_range(day: date) -> bool:
        return day <= through and (since is None or day >= since)

    lines, excluded = _value_lines(
        [e for e in entries if in_range(e.worked_on)], rates, fixed_rates
    )
    kept = sorted(
        (c for c in costs if in_range(c.incurred_on)), key=lambda c: (c.incurred_on, c.id)
    )
    claimed = tuple(c for c in kept if c.billable)
    dropped = tuple(c for c in kept if not c.billable)
    sources: dict[tuple[str, str], None] = {}
    for line in lines:
        if line.rate is not None and line.rate.source:
            sources[(line.entry.timekeeper, line.rate.source)] = None

    return FeeSummary(
        since=since,
        through=through,
        lines=tuple(lines),
        excluded=tuple(excluded),
        missing_rates=tuple(line for line in lines if line.rate is None),
        by_timekeeper=_by_timekeeper(lines, excluded),
        by_category=_by_category(lines),
        costs=claimed,
        costs_excluded=dropped,
        cost_totals=_cost_totals(claimed),
        hours_tenths=sum(line.entry.tenths for line in lines),
        lodestar_cents=sum(line.value_cents or 0 for line in lines),
        excluded_tenths=sum(line.entry.tenths for line in excluded),
        excluded_value_cents=sum(line.value_cents or 0 for line in excluded),
        costs_cents=sum(c.cents for c in claimed),
        rate_sources=tuple(sources),
    )


def _value_lines(
    chosen: list[TimeFact], rates: Sequence[RateFact], fixed_rates: Mapping[int, int] | None
) -> tuple[list[FeeLine], list[FeeLine]]:
    """The entries valued by date: (included lines, excluded lines)."""
    lines: list[FeeLine] = []
    excluded: list[FeeLine] = []
    for entry in sorted(chosen, key=lambda e: (e.worked_on, e.id)):
        if fixed_rates is not None and entry.id in fixed_rates:
            cents = fixed_rates[entry.id]
            rate: RateFact | None = RateFact(entry.timekeeper_id, entry.worked_on, cents)
        else:
            rate = rate_on(rates, entry.timekeeper_id, entry.worked_on)
        value = entry_value(entry.tenths, rate.cents_per_hour) if rate is not None else None
        line = FeeLine(entry, rate, value)
        (excluded if entry.exclusion else lines).append(line)
    return lines, excluded


def _by_timekeeper(lines: list[FeeLine], excluded: list[FeeLine]) -> tuple[TimekeeperTotal, ...]:
    people: dict[int, _Person] = {}
    for line in (*lines, *excluded):
        e = line.entry
        person = people.setdefault(e.timekeeper_id, _Person(e.timekeeper, e.role))
        if line.excluded:
            person.excluded_tenths += e.tenths
            continue
        person.tenths += e.tenths
        person.value_cents += line.value_cents or 0
        if line.rate is not None and line.rate.cents_per_hour not in person.rates:
            person.rates.append(line.rate.cents_per_hour)
    return tuple(
        sorted(
            (
                from_fields(TimekeeperTotal, p, timekeeper_id=tk, rates=tuple(p.rates))
                for tk, p in people.items()
            ),
            key=lambda t: (_role_order(t.role), t.name.lower(), t.timekeeper_id),
        )
    )


def _by_category(lines: list[FeeLine]) -> tuple[CategoryTotal, ...]:
    categories: dict[str, list[int]] = {}
    for line in lines:
        totals = categories.setdefault(line.entry.category, [0, 0])
        totals[0] += line.entry.tenths
        totals[1] += line.value_cents or 0
    order = {c: i for i, c in enumerate(TASK_CATEGORIES)}
    return tuple(
        CategoryTotal(c, t[0], t[1])
        for c, t in sorted(categories.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    )


def _cost_totals(claimed: tuple[CostFact, ...]) -> tuple[CostTotal, ...]:
    kinds: dict[str, int] = {}
    for cost in claimed:
        kinds[cost.kind] = kinds.get(cost.kind, 0) + cost.cents
    kind_order = {k: i for i, k in enumerate(COST_KINDS)}
    return tuple(
        CostTotal(k, n) for k, n in sorted(kinds.items(), key=lambda kv: kind_order.get(kv[0], 99))
    )
