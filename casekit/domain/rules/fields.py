"""Checking the fields of a rule table from ``rules.toml`` or ``rules.local.toml``.

Each error is one line naming the file, the rule and the key.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from casekit.domain.rules import model
from casekit.domain.text import one_line
from casekit.domain.vocabulary import CONFIDENCES
from casekit.errors import InvalidInput

_APPLIES_KEYS = ("always", "claims", "defendants", "incident_on_or_after", "per_defendant")
_READING_KEYS = ("id", "label", "source", "confidence", "trigger_event", "period", "unit")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


def check_fields(
    where: str,
    table: dict[str, Any],
    *,
    new: bool,
    resolve: model.Resolver,
    claims: tuple[str, ...],
) -> dict[str, Any]:
    """Validate rule fields; return them converted to Rule's types."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if key == "applies_when":
            out[key] = _applies_when(where, value, resolve, claims)
        elif key == "readings":
            out[key] = _readings(where, value)
        else:
            out[key] = _check_scalar(where, key, value)
    if new and out.get("unit") in model.TIMED_UNITS and out.get("trigger_event") != "release_time":
        raise InvalidInput(f"{where}: unit {out['unit']} needs trigger_event 'release_time'")
    return out


#: The rule fields whose value must be one of a fixed list.
_CHOICES: dict[str, tuple[str, ...]] = {
    "unit": model.UNITS,
    "roll": model.ROLLS,
    "confidence": CONFIDENCES,
    "accrual_confidence": CONFIDENCES,
    "counting_confidence": CONFIDENCES,
    "kind": model.KINDS,
    "trigger_event": model.TRIGGER_EVENTS,
}


def _check_scalar(where: str, key: str, value: Any) -> Any:
    """One plain rule field checked: a positive period, a listed word or non-empty text."""
    if key == "period":
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidInput(f"{where}: period must be a whole number, got {show(value)}")
        if value <= 0:
            raise InvalidInput(f"{where}: period must be positive, got {value}")
        return value
    choices = _CHOICES.get(key)
    if choices is not None:
        if value not in choices:
            raise InvalidInput(f"{where}: {key} {show(value)} is not one of {', '.join(choices)}")
        return value
    if key in ("title", "trigger", "citation", "notes", "caveat"):
        if not isinstance(value, str):
            raise InvalidInput(f"{where}: {key} must be text")
        if key in ("title", "trigger", "citation") and not value.strip():
            raise InvalidInput(f"{where}: {key} must not be empty")
        return value
    # pragma: no cover - callers filter keys first
    raise InvalidInput(f"{where}: unknown key '{key}'")


def _readings(where: str, value: Any) -> tuple[model.Reading, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InvalidInput(f"{where}: readings must be a list of tables")
    out: list[model.Reading] = []
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
            raise InvalidInput(f"{where}: reading confidence {show(item['confidence'])} is unknown")
        event = item.get("trigger_event", "")
        if event and event not in model.TRIGGER_EVENTS:
            raise InvalidInput(f"{where}: reading trigger_event {show(event)} is unknown")
        unit = item.get("unit", "")
        if unit and unit not in model.UNITS:
            raise InvalidInput(f"{where}: reading unit {show(unit)} is unknown")
        period = item.get("period")
        if period is not None and (isinstance(period, bool) or not isinstance(period, int)):
            raise InvalidInput(f"{where}: reading period must be a whole number")
        out.append(
            model.Reading(
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
    where: str, value: Any, resolve: model.Resolver, known_claims: tuple[str, ...]
) -> model.AppliesWhen:
    if not isinstance(value, dict):
        raise InvalidInput(f"{where}: applies_when must be a table")
    for key in value:
        if key not in _APPLIES_KEYS:
            raise InvalidInput(
                f"{where}: unknown key 'applies_when.{key}' (allowed: {', '.join(_APPLIES_KEYS)})"
            )
    claims = _str_tuple(where, "applies_when.claims", value.get("claims", []), known_claims)
    defendants = _str_tuple(
        where, "applies_when.defendants", value.get("defendants", []), model.DEFENDANT_KINDS
    )
    raw = value.get("incident_on_or_after")
    since: model.DateRef | None = None
    if isinstance(raw, str):
        try:
            since = model.DateRef("", date.fromisoformat(raw))
        except ValueError:
            try:
                since = resolve(raw)
            except InvalidInput:
                raise InvalidInput(
                    f"{where}: applies_when.incident_on_or_after must be a YYYY-MM-DD date or "
                    f"the id of a law-pack date, not {show(raw[:40])}"
                ) from None
    elif isinstance(raw, date) and not isinstance(raw, datetime):
        since = model.DateRef("", raw)
    elif raw is not None:
        raise InvalidInput(f"{where}: applies_when.incident_on_or_after must be a YYYY-MM-DD date")
    flags = {}
    for key in ("always", "per_defendant"):
        flag = value.get(key, False)
        if not isinstance(flag, bool):
            raise InvalidInput(f"{where}: applies_when.{key} must be true or false")
        flags[key] = flag
    return model.AppliesWhen(
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


def show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, model.AppliesWhen):
        return "(conditions)"
    if isinstance(value, tuple):
        return "(readings)"
    return str(value)


def clipped(text: str) -> str:
    """``text`` on one line, at most 200 characters: a note or an error quoted in a message."""
    return one_line(text)[:200]
