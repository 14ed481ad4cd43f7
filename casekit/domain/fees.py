"""Attorney's fees and costs: hours in tenths, money in cents, the lodestar.

Courts award fees on contemporaneous time records valued at reasonable hourly rates (the
lodestar: hours × rate). Everything here is exact integer arithmetic: hours are stored as whole
tenths of an hour (``15`` is 1.5 hours) and money as whole cents, so a total never drifts by a
floating-point cent. An entry's value is ``tenths × rate / 10`` cents, rounded half away from zero
to the cent *per entry*; totals are sums of those rounded values, so the exhibit's columns add up
to its totals exactly.

An entry is valued at the rate in effect for its timekeeper on the day the work was done (the
latest rate whose ``effective_from`` is on or before it). Entries marked no-charge or unrelated to
a successful claim are excluded from the lodestar and listed as exclusions (billing judgment the
court can see); their value at the rate is still shown.

A correction of an entry that a fee petition already includes is a new entry: a *reversal* (the
same entry with negative hours) and, unless the work is dropped altogether, a *replacement* with
the corrected values. Both point at the original (``corrects_id``), and the originals stay
visible.

Nothing here reads the clock or the database: callers pass every fact in.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from casekit.errors import InvalidInput

# --- vocabulary ---------------------------------------------------------------------------------

TASK_CATEGORIES = (
    "investigation",
    "foi",
    "pleadings",
    "discovery",
    "motions",
    "trial",
    "fee_petition",
)
CATEGORY_LABELS = {
    "investigation": "Investigation",
    "foi": "FOI requests",
    "pleadings": "Pleadings",
    "discovery": "Discovery",
    "motions": "Motions",
    "trial": "Trial",
    "fee_petition": "Fee petition",
}
COST_KINDS = ("filing_fee", "marshal_fee", "transcript", "expert", "foi_copy_fee", "other")
COST_LABELS = {
    "filing_fee": "Filing fee",
    "marshal_fee": "Marshal's fee",
    "transcript": "Transcript",
    "expert": "Expert",
    "foi_copy_fee": "FOI copy fee",
    "other": "Other",
}
#: Roles of the people whose time is billed (``User.role``); ``admin`` keeps no time.
TIMEKEEPER_ROLES = ("attorney", "paralegal", "law_clerk")
ROLE_LABELS = {"attorney": "Attorney", "paralegal": "Paralegal", "law_clerk": "Law clerk"}

#: How a matter ended (``Matter.outcome``), counted by the caseload and agencies reports.
OUTCOMES = ("injunction", "settlement", "judgment", "dismissal", "declined")
#: Entries of the resolution log.
RESOLUTION_KINDS = ("demand", "offer", "settlement", "judgment")
#: The state of a demand or an offer; settlements and judgments have none ("").
OFFER_STATUSES = ("open", "accepted", "rejected", "withdrawn", "expired")
#: Who made a demand or offer; in whose favour a judgment entered.
SIDES = ("plaintiff", "defendant")
#: The court a judgment entered in: it decides the fee-motion rule (rules.toml).
COURTS = ("state", "federal")

#: Exclusion reasons, in the order they are tested.
NO_CHARGE = "no-charge"
UNRELATED = "unrelated"
EXCLUSION_LABELS = {
    NO_CHARGE: "no charge (billing judgment)",
    UNRELATED: "unrelated to a successful claim",
}

#: The most one entry may hold: a day.
MAX_TENTHS = 240
#: The most one amount may be: $100 million, in cents (a typo guard, not a legal limit).
MAX_CENTS = 10_000_000_000

_HOURS = re.compile(r"^(\d{0,3})(?:\.(\d))?$")
_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_MONEY = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{1,2}))?$")


def check_choice(value: str, choices: Sequence[str], what: str) -> str:
    """``value`` folded to a known key (``FOI`` → ``foi``, ``fee-petition`` → ``fee_petition``)."""
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in choices:
        raise InvalidInput(f"unknown {what} '{value.strip()[:40]}' (known: {', '.join(choices)})")
    return key


# --- hours --------------------------------------------------------------------------------------


def parse_hours(text: str, *, allow_zero: bool = False) -> int:
    """Hours as whole tenths: ``"1.5"`` → 15, ``"2"`` → 20, ``".3"`` → 3, ``"0:45"`` → 8.

    A clock form ``H:MM`` is rounded *up* to the next tenth (the six-minute increment time is
    billed in). A decimal must be in tenths: ``1.25`` is refused rather than silently rounded.

    Raises:
        InvalidInput: not a number of hours, finer than a tenth, zero (unless allowed) or more
            than 24 hours.
    """
    raw = text.strip()
    clock = _CLOCK.match(raw)
    if clock:
        minutes = int(clock.group(1)) * 60 + int(clock.group(2))
        tenths = math.ceil(minutes / 6)
    else:
        match = _HOURS.match(raw)
        if not match or not (match.group(1) or match.group(2)):
            raise InvalidInput(
                f"hours '{raw[:20]}' is not a number of hours in tenths (e.g. 1.5, 0.3 or 0:45)"
            )
        tenths = int(match.group(1) or 0) * 10 + int(match.group(2) or 0)
    if tenths == 0 and not allow_zero:
        raise InvalidInput("hours must be at least 0.1")
    if tenths > MAX_TENTHS:
        raise InvalidInput("one entry holds at most 24.0 hours; split longer work by day")
    return tenths


def tenths_text(tenths: int) -> str:
    """``15`` → ``"1.5"``, ``-3`` → ``"-0.3"``."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def elapsed_tenths(seconds: float) -> int:
    """A timer's run as billable tenths: rounded up to the next six minutes, at least 0.1."""
    if seconds < 0:
        raise InvalidInput("the timer stopped before it started (check the computer's clock)")
    return max(1, math.ceil(seconds / 360 - 1e-9))


# --- money --------------------------------------------------------------------------------------


def parse_money(text: str, what: str = "amount") -> int:
    """Dollars as whole cents: ``"405"`` → 40500, ``"$1,234.5"`` → 123450.

    Raises:
        InvalidInput: not an amount, negative, finer than a cent or absurdly large.
    """
    raw = text.strip().replace("$", "").replace(" ", "")
    if raw.startswith("-"):
        raise InvalidInput(f"the {what} cannot be negative")
    match = _MONEY.match(raw)
    if not raw or not match or not (match.group(1) or match.group(2)):
        shown = text.strip()[:20]
        raise InvalidInput(f"{what} '{shown}' is not an amount in dollars (e.g. 405.00)")
    dollars = int((match.group(1) or "0").replace(",", ""))
    cents = int((match.group(2) or "0").ljust(2, "0"))
    total = dollars * 100 + cents
    if total > MAX_CENTS:
        raise InvalidInput(f"the {what} is larger than casekit accepts ($100,000,000)")
    return total


def money_text(cents: int | None) -> str:
    """``123450`` → ``"$1,234.50"``; ``-300`` → ``"-$3.00"``; ``None`` → ``""``."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def cents_decimal(cents: int | None) -> str:
    """``123450`` → ``"1234.50"`` (a plain number for spreadsheets and JSON)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(cents), 100)
    return f"{sign}{dollars}.{rest:02d}"


def entry_value(tenths: int, cents_per_hour: int) -> int:
    """``tenths`` of an hour at ``cents_per_hour``, in cents, rounded half away from zero.

    Symmetric rounding makes a reversal (negative hours) cancel its original to the cent.
    """
    exact_twentieths = 2 * abs(tenths) * cents_per_hour  # 20 × value
    rounded = (exact_twentieths + 10) // 20
    return -rounded if tenths < 0 else rounded


# --- facts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateFact:
    """A timekeeper's hourly rate from a date on.

    Attributes:
        timekeeper_id: The ``User`` it belongs to.
        effective_from: First day it applies.
        cents_per_hour: The rate.
        source: Where it comes from (an affidavit, a fee survey, a prior award).
        id: The stored row (0 when not stored).
    """

    timekeeper_id: int
    effective_from: date
    cents_per_hour: int
    source: str = ""
    id: int = 0


def rate_on(rates: Iterable[RateFact], timekeeper_id: int, day: date) -> RateFact | None:
    """The rate in effect for ``timekeeper_id`` on ``day`` (latest start on or before it)."""
    best: RateFact | None = None
    for rate in rates:
        if rate.timekeeper_id != timekeeper_id or rate.effective_from > day:
            continue
        if best is None or rate.effective_from > best.effective_from:
            best = rate
    return best


@dataclass(frozen=True)
class TimeFact:
    """One time entry, as the report sees it.

    Attributes:
        id: Entry id.
        worked_on: The day the work was done (decides the rate).
        timekeeper_id: Who did it.
        timekeeper: Their name.
        role: ``attorney``, ``paralegal`` or ``law_clerk``.
        tenths: Hours in tenths (negative only for a reversal).
        category: One of ``TASK_CATEGORIES``.
        claim: The claim the work served (``model.CLAIMS``), or "" for all of them.
        description: What was done.
        billable: False for a no-charge entry.
        unrelated: Marked unrelated to a successful claim.
        corrects_id: The entry this one corrects (a reversal or a replacement).
        petitions: Numbers of the fee petitions that include it (it is locked when non-empty).
    """

    id: int
    worked_on: date
    timekeeper_id: int
    timekeeper: str
    role: str
    tenths: int
    category: str
    claim: str = ""
    description: str = ""
    billable: bool = True
    unrelated: bool = False
    corrects_id: int | None = None
    petitions: tuple[int, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.petitions)

    @property
    def reversal(self) -> bool:
        return self.tenths < 0

    @property
    def exclusion(self) -> str:
        """``no-charge``, ``unrelated`` or "" (included in the lodestar)."""
        if not self.billable:
            return NO_CHARGE
        if self.unrelated:
            return UNRELATED
        return ""


@dataclass(frozen=True)
class CostFact:
    """One cost (filing fee, marshal's fee, transcript, expert, FOI copy fee...).

    Attributes:
        id: Cost id.
        incurred_on: When it was paid.
        kind: One of ``COST_KINDS``.
        description: What it was for.
        cents: The amount (negative only for a reversal).
        billable: False when the firm does not claim it.
        receipt_sha256: The SHA-256 of the receipt in the evidence vault ("" when none).
        receipt_evidence_id: The evidence item holding the receipt.
        corrects_id: The cost this one corrects.
        petitions: Numbers of the fee petitions that include it.
    """

    id: int
    incurred_on: date
    kind: str
    description: str
    cents: int
    billable: bool = True
    receipt_sha256: str = ""
    receipt_evidence_id: int | None = None
    corrects_id: int | None = None
    petitions: tuple[int, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.petitions)


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

    chosen = sorted(
        (e for e in entries if in_range(e.worked_on)), key=lambda e: (e.worked_on, e.id)
    )
    lines: list[FeeLine] = []
    excluded: list[FeeLine] = []
    for entry in chosen:
        if fixed_rates is not None and entry.id in fixed_rates:
            cents = fixed_rates[entry.id]
            rate: RateFact | None = RateFact(entry.timekeeper_id, entry.worked_on, cents)
        else:
            rate = rate_on(rates, entry.timekeeper_id, entry.worked_on)
        value = entry_value(entry.tenths, rate.cents_per_hour) if rate is not None else None
        line = FeeLine(entry, rate, value)
        (excluded if entry.exclusion else lines).append(line)

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
    by_timekeeper = tuple(
        sorted(
            (
                TimekeeperTotal(
                    timekeeper_id=tk,
                    name=p.name,
                    role=p.role,
                    tenths=p.tenths,
                    value_cents=p.value_cents,
                    rates=tuple(p.rates),
                    excluded_tenths=p.excluded_tenths,
                )
                for tk, p in people.items()
            ),
            key=lambda t: (_role_order(t.role), t.name.lower(), t.timekeeper_id),
        )
    )
    categories: dict[str, list[int]] = {}
    for line in lines:
        totals = categories.setdefault(line.entry.category, [0, 0])
        totals[0] += line.entry.tenths
        totals[1] += line.value_cents or 0
    order = {c: i for i, c in enumerate(TASK_CATEGORIES)}
    by_category = tuple(
        CategoryTotal(c, t[0], t[1])
        for c, t in sorted(categories.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))
    )

    kept = sorted(
        (c for c in costs if in_range(c.incurred_on)), key=lambda c: (c.incurred_on, c.id)
    )
    claimed = tuple(c for c in kept if c.billable)
    dropped = tuple(c for c in kept if not c.billable)
    kinds: dict[str, int] = {}
    for cost in claimed:
        kinds[cost.kind] = kinds.get(cost.kind, 0) + cost.cents
    kind_order = {k: i for i, k in enumerate(COST_KINDS)}
    cost_totals = tuple(
        CostTotal(k, n) for k, n in sorted(kinds.items(), key=lambda kv: kind_order.get(kv[0], 99))
    )

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
        by_timekeeper=by_timekeeper,
        by_category=by_category,
        costs=claimed,
        costs_excluded=dropped,
        cost_totals=cost_totals,
        hours_tenths=sum(line.entry.tenths for line in lines),
        lodestar_cents=sum(line.value_cents or 0 for line in lines),
        excluded_tenths=sum(line.entry.tenths for line in excluded),
        excluded_value_cents=sum(line.value_cents or 0 for line in excluded),
        costs_cents=sum(c.cents for c in claimed),
        rate_sources=tuple(sources),
    )
