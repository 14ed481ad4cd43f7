"""Deadline rules as data, and a firm's local overrides.

The shipped rules are ``data/rules.toml`` (trust-act.md § 3). A firm changes a rule or adds one in
``rules.local.toml``::

    [rules.CT_7465_NOTICE]
    period = 6
    unit = "months"
    roll = "none"
    confidence = "confirmed"
    note = "Checked against the 2026 supplement by A. Lawyer"

    [rules.FIRM_PRESERVATION_LETTER]     # a new rule: every field is required
    title = "Send the preservation letter"
    trigger = "incident date"
    trigger_event = "incident"
    period = 10
    unit = "days"
    roll = "none"
    citation = "firm practice"
    confidence = "unverified"
    kind = "notice"

Overrides are validated (every error is one line naming the file, the rule and the key) and the
changed rule says so (``overridden``, ``override_note``): trust-act.md requires an override to be
shown, never applied silently.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any

from casekit.domain.vocabulary import CONFIDENCES, CONFIRMED, weakest
from casekit.errors import InvalidInput, NotFound

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

_REQUIRED = (
    "title",
    "trigger",
    "trigger_event",
    "period",
    "unit",
    "roll",
    "citation",
    "confidence",
    "kind",
)
_OPTIONAL = (
    "applies_when",
    "notes",
    "caveat",
    "accrual_confidence",
    "counting_confidence",
    "readings",
)
# An override may not change what a rule *is* (its trigger event or kind): stored deadlines are
# keyed by rule id + trigger event, and changing those would orphan them.
_OVERRIDABLE = (
    "title",
    "trigger",
    "period",
    "unit",
    "roll",
    "citation",
    "confidence",
    "accrual_confidence",
    "counting_confidence",
    "applies_when",
    "notes",
    "caveat",
    "note",
)
_APPLIES_KEYS = ("always", "claims", "defendants", "incident_on_or_after", "per_defendant")
_READING_KEYS = ("id", "label", "source", "confidence", "trigger_event", "period", "unit")
_RULE_ID = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


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


def load_rules(
    local_toml: str | None = None,
    source: str = "rules.local.toml",
    *,
    shipped_toml: str | None = None,
    resolve: Resolver | None = None,
    claims: tuple[str, ...] | None = None,
) -> RuleSet:
    """Read the shipped rules and apply a firm's overrides.

    Args:
        local_toml: Text of the firm's ``rules.local.toml``, or None for the shipped rules only.
        source: File name used in error messages and override notes.
        shipped_toml: The shipped rules' text (default: ``data/rules.toml``).
        resolve: Turns a date id in ``applies_when.incident_on_or_after`` into a date (the law
            pack passes its own; default: the shipped pack's dates).
        claims: The claim ids ``applies_when.claims`` may name (default: the shipped pack's).

    Returns:
        The rules in force.

    Raises:
        InvalidInput: The override file is not valid TOML, or names an unknown key, a bad unit,
            roll or confidence, a non-positive period, or a new rule without every field.
    """
    resolver = resolve or _default_resolve
    known = claims if claims is not None else _default_claims()
    if shipped_toml is None and resolve is None:
        rules = dict(_shipped_rules())
    else:
        rules = _parse_shipped(shipped_toml or _shipped_text(), resolver, known)
    if local_toml is None or not local_toml.strip():
        return RuleSet(rules)
    try:
        doc = tomllib.loads(local_toml)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source}: not valid TOML: {_one_line(str(exc))}") from None
    for key in doc:
        if key != "rules":
            raise InvalidInput(
                f"{source}: unknown table '{key}' (expected [rules.<RULE_ID>] tables)"
            )
    tables = doc.get("rules", {})
    if not isinstance(tables, dict):
        raise InvalidInput(f"{source}: 'rules' must be a table of [rules.<RULE_ID>] tables")
    for raw_id, table in tables.items():
        if not isinstance(table, dict):
            raise InvalidInput(f"{source}: rules.{raw_id} must be a table")
        rule_id = str(raw_id).upper()
        if rule_id in rules:
            rules[rule_id] = _override(rules[rule_id], table, source, resolver, known)
        else:
            rules[rule_id] = _new_rule(rule_id, table, source, resolver, known)
    return RuleSet(rules)


def _shipped_text() -> str:
    return files("casekit.domain").joinpath("data", "rules.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _shipped_rules() -> dict[str, Rule]:
    # Without the law pack's resolver, date ids cannot be read: the law pack (lawpack.py) is the
    # normal way in; this path serves the calculator-style callers of default_rules().
    from casekit.domain.lawpack import default_pack

    return dict(default_pack().rules)


def _parse_shipped(text: str, resolve: Resolver, claims: tuple[str, ...]) -> dict[str, Rule]:
    doc = tomllib.loads(text)
    out: dict[str, Rule] = {}
    for row in doc["rule"]:
        rule_id = row["id"]
        where = f"rules.toml: rule {rule_id}"
        values = _check_fields(
            where,
            {k: v for k, v in row.items() if k != "id"},
            new=True,
            resolve=resolve,
            claims=claims,
        )
        out[rule_id] = Rule(id=rule_id, **values)
    return out


def _default_resolve(ref: str) -> DateRef:
    from casekit.domain.lawpack import default_pack

    return default_pack().resolve_date(ref)


def _default_claims() -> tuple[str, ...]:
    from casekit.domain.lawpack import default_pack

    return tuple(default_pack().claims)


def default_rules() -> RuleSet:
    """The shipped rules with no overrides (cached; rules are immutable)."""
    return RuleSet(_shipped_rules())


def _override(
    rule: Rule, table: dict[str, Any], source: str, resolve: Resolver, claims: tuple[str, ...]
) -> Rule:
    where = f"{source}: rule {rule.id}"
    for key in table:
        if key not in _OVERRIDABLE:
            if key in ("id", "trigger_event", "kind"):
                raise InvalidInput(f"{where}: key '{key}' cannot be overridden")
            raise InvalidInput(f"{where}: unknown key '{key}' (allowed: {', '.join(_OVERRIDABLE)})")
    note = table.get("note", "")
    if not isinstance(note, str):
        raise InvalidInput(f"{where}: note must be text")
    values = _check_fields(
        where,
        {k: v for k, v in table.items() if k != "note"},
        new=False,
        resolve=resolve,
        claims=claims,
    )
    if "unit" in values and (values["unit"] in TIMED_UNITS) != rule.timed:
        raise InvalidInput(
            f"{where}: unit {values['unit']!r} would change the trigger from "
            f"{'a date and time' if rule.timed else 'a date'}; add a new rule instead"
        )
    changes = [
        f"{key} {_show(getattr(rule, key))} -> {_show(value)}"
        for key, value in values.items()
        if getattr(rule, key) != value
    ]
    if not changes and not note:
        return rule
    summary = "; ".join(changes) if changes else "no field changed"
    override_note = f"overridden in {source}: {summary}" + (f" ({_one_line(note)})" if note else "")
    return replace(rule, **values, overridden=True, override_note=override_note)


def _new_rule(
    rule_id: str, table: dict[str, Any], source: str, resolve: Resolver, claims: tuple[str, ...]
) -> Rule:
    where = f"{source}: new rule {rule_id}"
    if not _RULE_ID.match(rule_id):
        raise InvalidInput(
            f"{source}: rule id '{rule_id[:60]}' must be capital letters, digits and '_'"
        )
    allowed = (*_REQUIRED, *_OPTIONAL, "note")
    for key in table:
        if key not in allowed:
            raise InvalidInput(f"{where}: unknown key '{key}' (allowed: {', '.join(allowed)})")
    missing = [key for key in _REQUIRED if key not in table]
    if missing:
        raise InvalidInput(f"{where} is missing {', '.join(missing)}")
    note = table.get("note", "")
    if not isinstance(note, str):
        raise InvalidInput(f"{where}: note must be text")
    values = _check_fields(
        where,
        {k: v for k, v in table.items() if k != "note"},
        new=True,
        resolve=resolve,
        claims=claims,
    )
    override_note = f"added in {source}" + (f" ({_one_line(note)})" if note else "")
    return Rule(id=rule_id, **values, overridden=True, override_note=override_note)


def _check_fields(
    where: str, table: dict[str, Any], *, new: bool, resolve: Resolver, claims: tuple[str, ...]
) -> dict[str, Any]:
    """Validate rule fields; return them converted to Rule's types."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "period":
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(f"{where}: period must be a whole number, got {_show(value)}")
            if value <= 0:
                raise InvalidInput(f"{where}: period must be positive, got {value}")
            out[key] = value
        elif key == "applies_when":
            out[key] = _applies_when(where, value, resolve, claims)
        elif key == "readings":
            out[key] = _readings(where, value)
        elif key in (
            "unit",
            "roll",
            "confidence",
            "accrual_confidence",
            "counting_confidence",
            "kind",
            "trigger_event",
        ):
            choices = {
                "unit": UNITS,
                "roll": ROLLS,
                "confidence": CONFIDENCES,
                "accrual_confidence": CONFIDENCES,
                "counting_confidence": CONFIDENCES,
                "kind": KINDS,
                "trigger_event": TRIGGER_EVENTS,
            }[key]
            if value not in choices:
                raise InvalidInput(
                    f"{where}: {key} {_show(value)} is not one of {', '.join(choices)}"
                )
            out[key] = value
        elif key in ("title", "trigger", "citation", "notes", "caveat"):
            if not isinstance(value, str):
                raise InvalidInput(f"{where}: {key} must be text")
            if key in ("title", "trigger", "citation") and not value.strip():
                raise InvalidInput(f"{where}: {key} must not be empty")
            out[key] = value
        else:  # pragma: no cover - callers filter keys first
            raise InvalidInput(f"{where}: unknown key '{key}'")
    if new and out.get("unit") in TIMED_UNITS and out.get("trigger_event") != "release_time":
        raise InvalidInput(f"{where}: unit {out['unit']} needs trigger_event 'release_time'")
    return out


def _readings(where: str, value: Any) -> tuple[Reading, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InvalidInput(f"{where}: readings must be a list of tables")
    out: list[Reading] = []
    for item in value:
        for key in item:
            if key not in _READING_KEYS:
                raise InvalidInput(
                    f"{where}: unknown key 'readings.{key}' (allowed: {', '.join(_READING_KEYS)})"
                )
        for key in ("id", "label", "source", "confidence"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise InvalidInput(f"{where}: every reading needs a text '{key}'")
        if item["confidence"] not in CONFIDENCES:
            raise InvalidInput(
                f"{where}: reading confidence {_show(item['confidence'])} is unknown"
            )
        event = item.get("trigger_event", "")
        if event and event not in TRIGGER_EVENTS:
            raise InvalidInput(f"{where}: reading trigger_event {_show(event)} is unknown")
        unit = item.get("unit", "")
        if unit and unit not in UNITS:
            raise InvalidInput(f"{where}: reading unit {_show(unit)} is unknown")
        period = item.get("period")
        if period is not None and (isinstance(period, bool) or not isinstance(period, int)):
            raise InvalidInput(f"{where}: reading period must be a whole number")
        out.append(
            Reading(
                id=item["id"],
                label=item["label"],
                source=item["source"],
                confidence=item["confidence"],
                trigger_event=event,
                period=period,
                unit=unit,
            )
        )
    return tuple(out)


def _applies_when(
    where: str, value: Any, resolve: Resolver, known_claims: tuple[str, ...]
) -> AppliesWhen:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where}: applies_when must be a table")
    for key in value:
        if key not in _APPLIES_KEYS:
            raise InvalidInput(
                f"{where}: unknown key 'applies_when.{key}' (allowed: {', '.join(_APPLIES_KEYS)})"
            )
    claims = _str_tuple(where, "applies_when.claims", value.get("claims", []), known_claims)
    defendants = _str_tuple(
        where, "applies_when.defendants", value.get("defendants", []), DEFENDANT_KINDS
    )
    raw = value.get("incident_on_or_after")
    since: DateRef | None = None
    if isinstance(raw, str):
        try:
            since = DateRef("", date.fromisoformat(raw))
        except ValueError:
            try:
                since = resolve(raw)
            except InvalidInput:
                raise InvalidInput(
                    f"{where}: applies_when.incident_on_or_after must be a YYYY-MM-DD date or "
                    f"the id of a law-pack date, not {_show(raw[:40])}"
                ) from None
    elif isinstance(raw, date) and not isinstance(raw, datetime):
        since = DateRef("", raw)
    elif raw is not None:
        raise InvalidInput(f"{where}: applies_when.incident_on_or_after must be a YYYY-MM-DD date")
    flags = {}
    for key in ("always", "per_defendant"):
        flag = value.get(key, False)
        if not isinstance(flag, bool):
            raise InvalidInput(f"{where}: applies_when.{key} must be true or false")
        flags[key] = flag
    return AppliesWhen(
        always=flags["always"],
        claims=claims,
        defendants=defendants,
        incident_on_or_after=since,
        per_defendant=flags["per_defendant"],
    )


def _str_tuple(where: str, key: str, value: Any, choices: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{where}: {key} must be a list of text")
    for item in value:
        if item not in choices:
            raise InvalidInput(f"{where}: {key} '{item}' is not one of {', '.join(choices)}")
    return tuple(value)


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, AppliesWhen):
        return "(conditions)"
    if isinstance(value, tuple):
        return "(readings)"
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
