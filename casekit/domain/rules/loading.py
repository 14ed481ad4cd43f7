"""loading: TODO docstring."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from importlib.resources import files
from typing import Any

from casekit.domain.rules.fields import RULE_ID, check_fields, clipped, show
from casekit.domain.rules.model import (
    TIMED_UNITS,
    Resolver,
    Rule,
    RuleSet,
)
from casekit.errors import InvalidInput

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


def load_rules(
    local_toml: str | None,
    source: str = "rules.local.toml",
    *,
    base: Mapping[str, Rule] | None = None,
    shipped_toml: str | None = None,
    resolve: Resolver,
    claims: tuple[str, ...],
) -> RuleSet:
    """Read the shipped rules and apply a firm's overrides.

    Args:
        local_toml: Text of the firm's ``rules.local.toml``, or None for the shipped rules only.
        source: File name used in error messages and override notes.
        base: Rules already read (the shipped pack's) to apply the overrides to; None: read
            ``shipped_toml``.
        shipped_toml: The shipped rules' text (default: ``data/rules.toml``).
        resolve: Turns a date id in ``applies_when.incident_on_or_after`` into a date (the law
            pack's dates: :func:`casekit.domain.lawpack.local_rules` passes them).
        claims: The claim ids ``applies_when.claims`` may name.

    Returns:
        The rules in force.

    Raises:
        InvalidInput: The override file is not valid TOML, or names an unknown key, a bad unit,
            roll or confidence, a non-positive period, or a new rule without every field.
    """
    resolver, known = resolve, claims
    if base is not None:
        rules = dict(base)
    else:
        rules = _parse_shipped(shipped_toml or _shipped_text(), resolver, known)
    if local_toml is None or not local_toml.strip():
        return RuleSet(rules)
    try:
        doc = tomllib.loads(local_toml)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source}: not valid TOML: {clipped(str(exc))}") from None
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


def _parse_shipped(text: str, resolve: Resolver, claims: tuple[str, ...]) -> dict[str, Rule]:
    doc = tomllib.loads(text)
    out: dict[str, Rule] = {}
    for row in doc["rule"]:
        rule_id = row["id"]
        where = f"rules.toml: rule {rule_id}"
        values = check_fields(
            where,
            {k: v for k, v in row.items() if k != "id"},
            new=True,
            resolve=resolve,
            claims=claims,
        )
        out[rule_id] = Rule(id=rule_id, **values)
    return out


def _override(
    rule: Rule, table: dict[str, Any], source: str, resolve: Resolver, claims: tuple[str, ...]
) -> Rule:
    where = f"{source}: rule {rule.id}"
    for key in table:
        if key not in _OVERRIDABLE:
            if key in ("id", "trigger_event", "kind"):
                raise InvalidInput(f"{where}: key '{key}' cannot be overridden")
            raise InvalidInput(f"{where}: unknown key '{key}' (allowed: {', '.join(_OVERRIDABLE)})")
    note, values = _note_and_fields(where, table, new=False, resolve=resolve, claims=claims)
    if "unit" in values and (values["unit"] in TIMED_UNITS) != rule.timed:
        raise InvalidInput(
            f"{where}: unit {values['unit']!r} would change the trigger from "
            f"{'a date and time' if rule.timed else 'a date'}; add a new rule instead"
        )
    changes = [
        f"{key} {show(getattr(rule, key))} -> {show(value)}"
        for key, value in values.items()
        if getattr(rule, key) != value
    ]
    if not changes and not note:
        return rule
    summary = "; ".join(changes) if changes else "no field changed"
    override_note = f"overridden in {source}: {summary}" + (f" ({clipped(note)})" if note else "")
    return replace(rule, **values, overridden=True, override_note=override_note)


def _new_rule(
    rule_id: str, table: dict[str, Any], source: str, resolve: Resolver, claims: tuple[str, ...]
) -> Rule:
    where = f"{source}: new rule {rule_id}"
    if not RULE_ID.match(rule_id):
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
    note, values = _note_and_fields(where, table, new=True, resolve=resolve, claims=claims)
    override_note = f"added in {source}" + (f" ({clipped(note)})" if note else "")
    return Rule(id=rule_id, **values, overridden=True, override_note=override_note)


def _note_and_fields(
    where: str, table: dict[str, Any], *, new: bool, resolve: Resolver, claims: tuple[str, ...]
) -> tuple[str, dict[str, Any]]:
    """A local rule table's ``note`` (text) and its other keys, checked by :func:`check_fields`."""
    note = table.get("note", "")
    if not isinstance(note, str):
        raise InvalidInput(f"{where}: note must be text")
    rest = {k: v for k, v in table.items() if k != "note"}
    return note, check_fields(where, rest, new=new, resolve=resolve, claims=claims)
