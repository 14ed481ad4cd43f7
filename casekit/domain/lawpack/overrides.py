"""Applying a firm's ``law.local.toml`` to the pack's parts, each change validated and marked.

Every error is one line naming the file, the table and the key; every change records what it
changed (``overridden``, ``override_note``) so screens, reasons and trails can say so.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from casekit.domain.lawpack.pack import by_code
from casekit.domain.lawpack.parts import (
    REACH_EFFECTS,
    DefendantKind,
    ExceptionRule,
    ReachCell,
    Violation,
    normalize_section,
)
from casekit.domain.rules import DateRef
from casekit.domain.rules.fields import clipped
from casekit.domain.vocabulary import CONFIDENCES
from casekit.errors import InvalidInput


def parse_overrides(text: str | None, source: str) -> dict[str, Any]:
    if text is None or not text.strip():
        return {}
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{source}: not valid TOML: {clipped(str(exc))}") from None
    for key, value in doc.items():
        if not isinstance(value, dict):
            raise InvalidInput(f"{source}: '{key}' must be a table of [{key}.<id>] tables")
        for item, table in value.items():
            if not isinstance(table, dict):
                raise InvalidInput(f"{source}: {key}.{item} must be a table")
    return dict(doc)


Overrider = Callable[[Any, dict[str, Any], str], Any]


def apply_table(
    items: dict[str, Any],
    tables: dict[str, Any],
    source: str,
    group: str,
    override: Callable[..., Any],
    notes: list[str],
) -> None:
    for key, table in tables.items():
        where = f"{source}: {group}.{key}"
        current = items.get(key)
        updated = override(current, dict(table), where, key)
        items[key] = updated
        if updated is not current and getattr(updated, "overridden", False):
            notes.append(f"{group}.{key}: {updated.override_note}")


def canonical_keys(
    tables: dict[str, Any], known: Mapping[str, Any], source: str, group: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, table in tables.items():
        try:
            full: Any = by_code(known, key, group[:-1])
        except InvalidInput:
            raise InvalidInput(
                f"{source}: {group}.{key}: unknown id (known: {', '.join(known)})"
            ) from None
        out[full.id] = table
    return out


def _changes(current: Any, values: Mapping[str, Any]) -> list[str]:
    return [
        f"{key} {_show(getattr(current, key))} -> {_show(value)}"
        for key, value in values.items()
        if getattr(current, key) != value
    ]


def _mark(current: Any, values: dict[str, Any], note: str, source: str) -> Any:
    changes = _changes(current, values)
    if not changes and not note:
        return current
    summary = "; ".join(changes) if changes else "no field changed"
    override_note = f"overridden in {source}: {summary}" + (f" ({clipped(note)})" if note else "")
    return replace(current, **values, overridden=True, override_note=override_note)


def _take_note(table: dict[str, Any], where: str) -> str:
    note = table.pop("note", "")
    if not isinstance(note, str):
        raise InvalidInput(f"{where}: note must be text")
    return note


def _check_value(where: str, key: str, value: Any, current: Any) -> Any:
    if key.endswith("confidence"):
        if value not in CONFIDENCES:
            raise InvalidInput(
                f"{where}: {key} {_show(value)} is not one of {', '.join(CONFIDENCES)}"
            )
        return value
    expected: type = type(current) if current is not None else str
    if expected is bool:
        if not isinstance(value, bool):
            raise InvalidInput(f"{where}: {key} must be true or false")
        return value
    if expected is date or key == "as_of":
        if isinstance(value, datetime) or not isinstance(value, date):
            raise InvalidInput(f"{where}: {key} must be a YYYY-MM-DD date")
        return value
    if not isinstance(value, str):
        raise InvalidInput(f"{where}: {key} must be text")
    return value


def override_simple(
    allowed: tuple[str, ...],
    *,
    choices: Mapping[str, tuple[str, ...]] | None = None,
    new_requires: tuple[str, ...] = (),
    factory: Callable[[str], Any] | None = None,
) -> Callable[..., Any]:
    def apply(current: Any, table: dict[str, Any], where: str, key: str) -> Any:
        note = _take_note(table, where)
        if current is None:
            if factory is None:
                raise InvalidInput(f"{where}: unknown id")
            missing = [k for k in new_requires if k not in table]
            if missing:
                raise InvalidInput(f"{where}: a new entry needs {', '.join(missing)}")
            current = factory(key)
        values: dict[str, Any] = {}
        for name, value in table.items():
            if name not in allowed:
                raise InvalidInput(
                    f"{where}: unknown key '{name}' (allowed: {', '.join((*allowed, 'note'))})"
                )
            checked = _check_value(where, name, value, getattr(current, name))
            if choices and name in choices and checked not in choices[name]:
                raise InvalidInput(
                    f"{where}: {name} {_show(checked)} is not one of {', '.join(choices[name])}"
                )
            values[name] = checked
        return _mark(current, values, note, where.split(":", 1)[0])

    return apply


def override_date(current: Any, table: dict[str, Any], where: str, key: str) -> Any:
    del key
    if current is None:
        raise InvalidInput(f"{where}: unknown date id")
    return override_simple(("date", "confidence"))(current, table, where, current.id)


def override_setting(current: Any, table: dict[str, Any], where: str, key: str) -> Any:
    del key
    if current is None:
        raise InvalidInput(f"{where}: unknown setting")
    note = _take_note(table, where)
    values: dict[str, Any] = {}
    for name, value in table.items():
        if name not in ("value", "confidence"):
            raise InvalidInput(f"{where}: unknown key '{name}' (allowed: value, confidence, note)")
        if name == "confidence":
            values[name] = _check_value(where, name, value, None)
        elif current.kind == "date":
            if isinstance(value, date) and not isinstance(value, datetime):
                values[name] = value
            elif isinstance(value, str):
                values[name] = value  # a date id or an ISO date: resolved after all overrides
            else:
                raise InvalidInput(f"{where}: value must be a YYYY-MM-DD date or a date id")
        else:
            values[name] = _check_value(where, name, value, current.value)
    return _mark(current, values, note, where.split(":", 1)[0])


def actor_override(
    resolve: Callable[[str], DateRef], defendants: Mapping[str, DefendantKind]
) -> Callable[..., Any]:
    allowed = (
        "covered_from",
        "coverage_confidence",
        "defendant",
        "defendant_confidence",
        "police",
        "police_confidence",
        "note",
    )

    def apply(current: Any, table: dict[str, Any], where: str, key: str) -> Any:
        del key
        if current is None:
            raise InvalidInput(f"{where}: unknown actor kind")
        note = table.pop("note", "")
        if not isinstance(note, str):
            raise InvalidInput(f"{where}: note must be text")
        values: dict[str, Any] = {}
        for name, value in table.items():
            if name not in allowed:
                raise InvalidInput(f"{where}: unknown key '{name}' (allowed: {', '.join(allowed)})")
            if name == "covered_from":
                if isinstance(value, date) and not isinstance(value, datetime):
                    values["covered_from"], values["covered_from_id"] = value, ""
                elif isinstance(value, str):
                    try:
                        ref = resolve(value)
                    except InvalidInput:
                        raise InvalidInput(
                            f"{where}: covered_from must be a YYYY-MM-DD date or a date id"
                        ) from None
                    values["covered_from"], values["covered_from_id"] = ref.day, ref.id
                else:
                    raise InvalidInput(f"{where}: covered_from must be a YYYY-MM-DD date")
            elif name == "defendant":
                if value not in defendants:
                    raise InvalidInput(
                        f"{where}: defendant {_show(value)} is not one of {', '.join(defendants)}"
                    )
                values[name] = value
            else:
                values[name] = _check_value(where, name, value, getattr(current, name))
        return _mark(current, values, note, where.split(":", 1)[0])

    return apply


def apply_reach(
    reach: dict[tuple[str, str], ReachCell],
    tables: dict[str, Any],
    violations: Mapping[str, Violation],
    exceptions: Mapping[str, ExceptionRule],
    source: str,
    notes: list[str],
) -> None:
    for act_key, row in tables.items():
        try:
            act = by_code(violations, act_key, "violation code").id
        except InvalidInput:
            raise InvalidInput(f"{source}: reach.{act_key}: unknown act") from None
        for exc_key, table in row.items():
            where = f"{source}: reach.{act_key}.{exc_key}"
            if not isinstance(table, dict):
                raise InvalidInput(f"{where} must be a table")
            try:
                exc = by_code(exceptions, exc_key, "exception code").id
            except InvalidInput:
                raise InvalidInput(f"{where}: unknown exception") from None
            cell = reach[(act, exc)]
            updated = override_simple(("effect", "confidence"), choices={"effect": REACH_EFFECTS})(
                cell, dict(table), where, ""
            )
            reach[(act, exc)] = updated
            if updated.overridden:
                notes.append(f"reach.{act}.{exc}: {updated.override_note}")


def apply_rows(
    rows: dict[str, Any],
    tables: dict[str, Any],
    source: str,
    group: str,
    kind: type,
    columns: tuple[str, ...],
    notes: list[str],
) -> None:
    for raw_section, table in tables.items():
        section = normalize_section(str(raw_section))
        where = f"{source}: {group}.{raw_section}"
        table = dict(table)
        note = _take_note(table, where)
        if table.pop("remove", False) is True:
            if section not in rows:
                raise InvalidInput(f"{where}: no such row to remove")
            del rows[section]
            notes.append(f"{group}.{section}: removed in {source}" + (f" ({note})" if note else ""))
            continue
        for name, value in table.items():
            if name not in columns:
                allowed = ", ".join((*columns, "remove", "note"))
                raise InvalidInput(f"{where}: unknown key '{name}' (allowed: {allowed})")
            _check_value(where, name, value, "")
        current = rows.get(section)
        if current is None:
            missing = [c for c in columns if c not in table and c not in ("notes", "source")]
            if missing:
                raise InvalidInput(f"{where}: a new row needs {', '.join(missing)}")
            values = {c: table.get(c, "") for c in columns}
            rows[section] = kind(
                section=section,
                **values,
                overridden=True,
                override_note=f"added in {source}" + (f" ({clipped(note)})" if note else ""),
            )
            notes.append(f"{group}.{section}: {rows[section].override_note}")
            continue
        updated = _mark(current, table, note, source)
        rows[section] = updated
        if updated is not current:
            notes.append(f"{group}.{section}: {updated.override_note}")


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    return str(value)
