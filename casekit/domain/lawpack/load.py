"""Reading the shipped pack (``casekit/domain/data``) and applying a firm's overrides."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from casekit.domain.lawpack.check import check_pack, pack_version
from casekit.domain.lawpack.overrides import (
    parse_overrides,
)
from casekit.domain.lawpack.pack import LawPack, by_code
from casekit.domain.lawpack.parts import (
    PACK_FILES,
    ElementHint,
    PleadingWords,
    Statement,
    Violation,
)
from casekit.domain.lawpack.sections import PackBuild
from casekit.domain.rules import RuleSet, load_rules
from casekit.errors import InvalidInput


def shipped_text(name: str) -> str:
    """The text of one shipped pack file (``PACK_FILES``)."""
    return files("casekit.domain").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _shipped() -> dict[str, str]:
    return {name: shipped_text(name) for name in PACK_FILES}


@lru_cache(maxsize=1)
def default_pack() -> LawPack:
    """The shipped pack with no firm overrides (cached: the pack is immutable)."""
    return load_pack()


def default_rules() -> RuleSet:
    """The shipped rules with no overrides (the shipped pack's; rules are immutable)."""
    return default_pack().rules


def local_rules(local_toml: str | None = None, source: str = "rules.local.toml") -> RuleSet:
    """The shipped pack's rules with a firm's ``rules.local.toml`` applied (law pack untouched)."""
    pack = default_pack()
    return load_rules(
        local_toml,
        source,
        base=pack.rules,
        resolve=pack.resolve_date,
        claims=tuple(pack.claims),
    )


def load_pack(
    law_toml: str | None = None,
    rules_toml: str | None = None,
    *,
    law_source: str = "law.local.toml",
    rules_source: str = "rules.local.toml",
) -> LawPack:
    """Read the shipped pack and apply a firm's overrides.

    Args:
        law_toml: Text of the firm's ``law.local.toml`` (None or blank: none).
        rules_toml: Text of the firm's ``rules.local.toml`` (None or blank: none).
        law_source: File name used in error messages and override notes.
        rules_source: Likewise for the rules file.

    Returns:
        The pack.

    Raises:
        InvalidInput: An override file is not valid TOML or names an unknown table, id or key, or
            a bad value (one line naming the file, the table and the key); or the shipped pack
            refers to something it does not define (a packaging error).
    """
    b = PackBuild(_shipped(), parse_overrides(law_toml, law_source), law_source)
    base = tomllib.loads(b.texts["dates.toml"])
    b.dates_and_settings(base)
    act = b.act_2025(base["act_2025"])
    violations, exceptions, reach = b.codes()
    defendants, actors = b.actors()
    claims, rules = b.claims_and_rules(rules_toml, rules_source)
    notices = b.notices()
    counting, closures, felonies, offenses = b.counting_and_offenses()
    elements_doc = tomllib.loads(b.texts["elements.toml"])
    elements = {
        row["code"]: ElementHint(row["code"], tuple(row["typical_kinds"]))
        for row in elements_doc["element"]
    }
    fill = b.fill
    records = tuple(fill(row["text"]) for row in elements_doc["record"])
    record_spans = tuple(row.get("span", "events") for row in elements_doc["record"])
    recording_systems = tuple(fill(row["text"]) for row in elements_doc.get("recording_system", ()))
    pleading = _pleading(tomllib.loads(b.texts["pleading.toml"]), fill)
    hold = b.overrides.pop("hold", None)
    if hold is not None:
        pleading = _override_hold(pleading, hold, violations, law_source, b.notes)
    b.refuse_unknown_tables()
    b.notes.extend(f"rule {r.id}: {r.override_note}" for r in rules.values() if r.overridden)
    pack = LawPack(
        name=base["pack"]["name"],
        dates=MappingProxyType(b.dates),
        act_2025=act,
        violations=MappingProxyType(violations),
        exceptions=MappingProxyType(exceptions),
        reach=MappingProxyType(reach),
        defendants=MappingProxyType(defendants),
        actors=MappingProxyType(actors),
        claims=MappingProxyType(claims),
        settings=MappingProxyType(b.settings),
        notices=tuple(notices.values()),
        counting=MappingProxyType(counting),
        closures=MappingProxyType(closures),
        felonies=MappingProxyType(felonies),
        offenses_2025=MappingProxyType(offenses),
        offenses_2025_confidence=exceptions["E2_QUALIFYING_CONVICTION"].offense_list_confidence,
        elements=MappingProxyType(elements),
        element_confidence=elements_doc["list_confidence"],
        records=records,
        rules=rules,
        version=pack_version(base["pack"]["date"], b.texts, law_toml, rules_toml),
        pleading=pleading,
        overrides=tuple(b.notes),
        record_spans=record_spans,
        recording_systems=recording_systems,
    )
    check_pack(pack)
    return pack


def _pleading(doc: dict[str, Any], fill: Callable[[str], str]) -> PleadingWords:
    def statement(row: dict[str, Any], key: str = "") -> Statement:
        return Statement(
            id=row.get("id", key),
            text=fill(row["text"]),
            citation=fill(row.get("citation", "")),
            confidence=row.get("confidence", "confirmed"),
        )

    hold = doc["hold"]
    return PleadingWords(
        rules=MappingProxyType({r["id"]: statement(r) for r in doc["rule"]}),
        texts=MappingProxyType({r["id"]: statement(r) for r in doc["text"]}),
        filing=tuple(statement(r, f"filing.{i}") for i, r in enumerate(doc["filing"], 1)),
        titles=MappingProxyType(dict(doc["titles"])),
        hold_codes=tuple(hold["codes"]),
        hold=Statement("hold", "", hold["citation"], hold["confidence"]),
    )


def _override_hold(
    pleading: PleadingWords,
    tables: Any,
    violations: Mapping[str, Violation],
    source: str,
    notes: list[str],
) -> PleadingWords:
    """``[hold.V3] hold = true``: whether an act puts a detainer hold in the facts (a firm adds
    V3 once it has read the enacted text; ``note`` says why)."""

    codes = list(pleading.hold_codes)
    for key, table in tables.items():
        try:
            code = by_code(violations, key, "violation code").id
        except InvalidInput:
            raise InvalidInput(f"{source}: hold.{str(key)[:40]}: unknown act") from None
        unknown = set(table) - {"hold", "note"}
        if unknown or not isinstance(table.get("hold"), bool):
            raise InvalidInput(f"{source}: hold.{key}: set hold = true or false (and a note)")
        if table["hold"] and code not in codes:
            codes.append(code)
        elif not table["hold"] and code in codes:
            codes.remove(code)
        notes.append(f"hold {code}: {table['hold']} ({table.get('note', 'firm override')})")
    if not codes:
        raise InvalidInput(
            f"{source}: hold: at least one act must put a detainer hold in the facts"
        )
    return replace(pleading, hold_codes=tuple(codes))
