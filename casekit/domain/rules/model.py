"""What a deadline rule is: its period, unit, roll, readings and when it applies.

The vocabularies (units, rolls, kinds, trigger events) are the ones ``data/rules.toml`` uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.domain.vocabulary import CONFIRMED, weakest
from casekit.errors import NotFound

UNITS = (
    "days",
    "business_days",
    "months",
    "years",
    "hours_excluding_weekends_holidays",
    "latest_tuesday_months",
    "days_before",
)
ROLLS = ("none", "next_business_day", "n/a")
KINDS = ("limitation", "notice", "filing", "foi", "return", "measure")
TRIGGER_EVENTS = (
    "incident",
    "release",
    "foi_received",
    "foi_denial",
    "authorization",
    "dismissal",
    "marshal_delivery",
    "process",
    "return_date",
    "release_time",
    # A judgment for the plaintiff, by court (the resolution log; issue 18): fee motions.
    "state_judgment",
    "federal_judgment",
)
#: Defendant kinds the planner understands (``applies_when.defendants``).
DEFENDANT_KINDS = ("municipal", "state", "police_officer")

#: Units whose trigger is a date and time rather than a date.
TIMED_UNITS = frozenset({"hours_excluding_weekends_holidays"})


@dataclass(frozen=True)
class DateRef:
    """A date a rule refers to by id (dates.toml or settings.toml), resolved by the law pack.

    Attributes:
        id: The id (``SECTION_52571K``, ``trust_act_conduct_from``), or "" for a literal date.
        day: The date it stands for.
        confidence: How sure that date is.
        title: What it is, in words.
    """

    id: str
    day: date
    confidence: str = CONFIRMED
    title: str = ""


#: Resolves a date id to a :class:`DateRef` (raises InvalidInput for an unknown id).
Resolver = Callable[[str], DateRef]


@dataclass(frozen=True)
class Reading:
    """One reading of an ambiguous rule (trust-act.md § 4 "One rule, several readings").

    Attributes:
        id: Short key (``incident``, ``seven``).
        label: The reading in words.
        source: Where it comes from.
        confidence: How sure this reading is.
        trigger_event: A different trigger event (e.g. § 1983 accrual on release), or "".
        period: A different period, or None.
        unit: A different unit, or "".
    """

    id: str
    label: str
    source: str
    confidence: str
    trigger_event: str = ""
    period: int | None = None
    unit: str = ""


@dataclass(frozen=True)
class AppliesWhen:
    """When the planner adds a rule to a matter.

    An empty condition (the default) means "calculator only". Otherwise the rule applies when
    ``always`` is set, or any selected claim is in ``claims``, or any defendant kind is in
    ``defendants``; and, if ``incident_on_or_after`` is set, the incident is on or after it.

    Attributes:
        always: Every matter.
        claims: ``model.CLAIMS`` keys that bring the rule in.
        defendants: ``DEFENDANT_KINDS`` that bring the rule in.
        incident_on_or_after: The earliest incident date the rule reaches, with its id and
            confidence (a date of the law pack, a firm setting, or a literal date).
        per_defendant: One deadline per matching defendant (e.g. a § 7-465 notice per town).
    """

    always: bool = False
    claims: tuple[str, ...] = ()
    defendants: tuple[str, ...] = ()
    incident_on_or_after: DateRef | None = None
    per_defendant: bool = False

    @property
    def planned(self) -> bool:
        """Whether the planner ever adds the rule by itself."""
        return self.always or bool(self.claims) or bool(self.defendants)


@dataclass(frozen=True)
class Rule:
    """One deadline rule (a row of trust-act.md § 3).

    Attributes:
        id: Stable id, e.g. ``CT_7465_NOTICE``.
        title: What has to be done.
        trigger: What starts the clock, in words.
        trigger_event: Machine key of the trigger (``TRIGGER_EVENTS``).
        period: How many units.
        unit: One of ``UNITS``.
        roll: One of ``ROLLS``.
        citation: Where the rule comes from, as trust-act.md gives it.
        confidence: The period's confidence as the source states it (``model.CONFIDENCES``).
        kind: One of ``KINDS``.
        applies_when: When the planner adds it.
        notes: Longer remarks for the rule list.
        caveat: One line shown in every computation trail ("" when none).
        overridden: A firm's local rules file changed or added this rule.
        override_note: What the override changed and the firm's note.
        accrual_confidence: How sure what starts the clock is.
        counting_confidence: How sure the counting convention is.
        readings: The rule's readings, when it has several (empty: one reading).
    """

    id: str
    title: str
    trigger: str
    trigger_event: str
    period: int
    unit: str
    roll: str
    citation: str
    confidence: str
    kind: str
    applies_when: AppliesWhen = field(default_factory=AppliesWhen)
    notes: str = ""
    caveat: str = ""
    overridden: bool = False
    override_note: str = ""
    accrual_confidence: str = CONFIRMED
    counting_confidence: str = CONFIRMED
    readings: tuple[Reading, ...] = ()

    @property
    def overall_confidence(self) -> str:
        """The weakest of the period's, the accrual's and the counting's confidence."""
        return weakest(self.confidence, self.accrual_confidence, self.counting_confidence)

    @property
    def verify(self) -> bool:
        """A rule that is not ``confirmed`` in every part is shown with a "verify" marker."""
        return self.overall_confidence != CONFIRMED

    @property
    def timed(self) -> bool:
        """The trigger is a date and time (the 48-hour rule), not a date."""
        return self.unit in TIMED_UNITS

    def describe_period(self) -> str:
        """The period in words, e.g. ``6 months`` or ``4 business days``."""
        return describe_period(self.period, self.unit)


def describe_period(period: int, unit: str) -> str:
    """Say a period in words.

    Args:
        period: The number.
        unit: One of ``UNITS``.

    Returns:
        E.g. ``"1 year"``, ``"4 business days"``, ``"7 days before"``.
    """
    words = {
        "days": ("day", "days"),
        "business_days": ("business day", "business days"),
        "months": ("month", "months"),
        "years": ("year", "years"),
        "hours_excluding_weekends_holidays": (
            "hour (not counting Saturdays, Sundays and federal holidays)",
            "hours (not counting Saturdays, Sundays and federal holidays)",
        ),
        "latest_tuesday_months": (
            "month (latest Tuesday not later than)",
            "months (latest Tuesday not later than)",
        ),
        "days_before": ("day before", "days before"),
    }[unit]
    return f"{period} {words[0] if period == 1 else words[1]}"


class RuleSet(Mapping[str, Rule]):
    """The rules in force: shipped rules with the firm's overrides applied, by id."""

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self._rules = dict(rules)
        #: The rules the planner adds by itself (day-counted, with a condition), in order.
        self.planned: tuple[Rule, ...] = tuple(
            r for r in self._rules.values() if r.applies_when.planned and not r.timed
        )

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str, default: Any = None) -> Rule:
        """Find a rule by id (case-insensitive).

        Args:
            rule_id: E.g. ``CT_TORT_SOL`` or ``ct_tort_sol``.
            default: Ignored; present for Mapping compatibility. Unknown ids always raise.

        Returns:
            The rule.

        Raises:
            NotFound: No rule has that id; the message lists the known ids.
        """
        del default  # an unknown rule id is always an error: a silent None hides typos
        wanted = rule_id.strip().upper()
        try:
            return self._rules[wanted]
        except KeyError:
            known = ", ".join(self._rules)
            raise NotFound(f"unknown rule '{rule_id.strip()[:60]}' (known: {known})") from None

    @property
    def overridden(self) -> tuple[Rule, ...]:
        """The rules a firm changed or added."""
        return tuple(r for r in self._rules.values() if r.overridden)
