"""Reading the shipped pack (``casekit/domain/data``) and applying a firm's overrides."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any, TypeVar

from casekit.domain.lawpack.check import check_pack, pack_version
from casekit.domain.lawpack.overrides import (
    actor_override,
    apply_reach,
    apply_rows,
    apply_table,
    canonical_keys,
    override_date,
    override_setting,
    override_simple,
    parse_overrides,
)
from casekit.domain.lawpack.pack import LawPack
from casekit.domain.lawpack.parts import (
    PACK_FILES,
    SUABLE,
    Act2025,
    Actor,
    Claim,
    Convention,
    DefendantKind,
    EffectiveDate,
    ElementHint,
    ExceptionRule,
    FelonyRow,
    Notice,
    Offense2025,
    PleadingWords,
    ReachCell,
    Setting,
    Statement,
    Violation,
    normalize_section,
)
from casekit.domain.rules import DateRef, RuleSet, load_rules
from casekit.errors import InvalidInput

_T = TypeVar("_T")
_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")


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
    texts = _shipped()
    overrides = parse_overrides(law_toml, law_source)
    notes: list[str] = []
    base = tomllib.loads(texts["dates.toml"])
    pack_info = base["pack"]
    dates = {row["id"]: _effective_date(row) for row in base["date"]}
    apply_table(dates, overrides.pop("dates", {}), law_source, "dates", override_date, notes)
    settings_doc = tomllib.loads(texts["settings.toml"])["settings"]
    settings: dict[str, Setting] = {}
    for key, row in settings_doc.items():
        settings[key] = Setting(id=key, **row)
    apply_table(
        settings, overrides.pop("settings", {}), law_source, "settings", override_setting, notes
    )
    settings = {key: _resolve_setting(s, dates, law_source) for key, s in settings.items()}

    def resolve(ref: str) -> DateRef:
        found = dates.get(ref)
        if found is not None:
            return DateRef(found.id, found.date, found.confidence, found.title)
        setting = settings.get(ref)
        if setting is not None and setting.kind == "date":
            return DateRef(setting.id, setting.value, setting.confidence, setting.title)
        raise InvalidInput(f"unknown date id '{ref[:40]}'")

    def fill(text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: resolve(m.group(1)).day.isoformat(), text)

    act_row = base["act_2025"]
    act = Act2025(
        bill=act_row["bill"],
        title=act_row["title"],
        passed=act_row["passed"],
        passed_confidence=act_row["passed_confidence"],
        effective=resolve(act_row["effective"]).day,
        public_act=act_row["public_act"],
        public_act_confidence=act_row["public_act_confidence"],
        public_act_source=act_row.get("public_act_source", ""),
        statute=act_row["statute"],
    )
    codes = tomllib.loads(texts["codes.toml"])
    violations = {row["id"]: _violation(row, fill) for row in codes["violation"]}
    exceptions = {row["id"]: _exception(row, fill) for row in codes["exception"]}
    apply_table(
        violations,
        canonical_keys(overrides.pop("violations", {}), violations, law_source, "violations"),
        law_source,
        "violations",
        override_simple(("confidence", "note", "trust_act_violation")),
        notes,
    )
    apply_table(
        exceptions,
        canonical_keys(overrides.pop("exceptions", {}), exceptions, law_source, "exceptions"),
        law_source,
        "exceptions",
        override_simple(("confidence", "note")),
        notes,
    )
    reach = _reach(texts["reach.csv"])
    apply_reach(reach, overrides.pop("reach", {}), violations, exceptions, law_source, notes)
    actors_doc = tomllib.loads(texts["actors.toml"])
    defendants = {row["kind"]: DefendantKind(**row) for row in actors_doc["defendant"]}
    apply_table(
        defendants,
        overrides.pop("defendants", {}),
        law_source,
        "defendants",
        override_simple(
            ("suable", "suable_confidence", "suable_note", "service_address", "name"),
            choices={"suable": SUABLE},
        ),
        notes,
    )
    actors = {row["kind"]: _actor(row, resolve) for row in actors_doc["actor"]}
    apply_table(
        actors,
        overrides.pop("actors", {}),
        law_source,
        "actors",
        actor_override(resolve, defendants),
        notes,
    )
    claims = {
        row["id"]: _claim(row, resolve, fill)
        for row in tomllib.loads(texts["claims.toml"])["claim"]
    }
    rules = load_rules(
        rules_toml,
        rules_source,
        shipped_toml=texts["rules.toml"],
        resolve=resolve,
        claims=tuple(claims),
    )
    rules = _fill_rules(rules, fill)
    apply_table(
        claims,
        overrides.pop("claims", {}),
        law_source,
        "claims",
        override_simple(("confidence", "optional", "enabled", "limitation", "note")),
        notes,
    )
    notices_doc = tomllib.loads(texts["notices.toml"])
    notices = {row["id"]: Notice(**row) for row in notices_doc.get("notice", [])}
    apply_table(
        notices,
        overrides.pop("notices", {}),
        law_source,
        "notices",
        override_simple(
            ("text", "enabled", "confidence", "citation", "as_of", "applies_to"),
            new_requires=("text", "confidence", "citation", "applies_to"),
            factory=lambda key: Notice(
                id=key, text="", as_of=None, confidence="unknown", citation="", applies_to=""
            ),
        ),
        notes,
    )
    counting_doc = tomllib.loads(texts["counting.toml"])
    counting = {k: _convention(k, v) for k, v in counting_doc["counting"].items()}
    closures = {k: _convention(k, v) for k, v in counting_doc["closures"].items()}
    felonies = {
        normalize_section(row.section): row for row in _csv(texts["felonies_ab.csv"], FelonyRow)
    }
    apply_rows(
        felonies,
        overrides.pop("felonies", {}),
        law_source,
        "felonies",
        FelonyRow,
        ("offense_name", "felony_class", "notes", "source", "confidence"),
        notes,
    )
    offenses = {
        normalize_section(row.section): row for row in _csv(texts["offenses_2025.csv"], Offense2025)
    }
    apply_rows(
        offenses,
        overrides.pop("offenses_2025", {}),
        law_source,
        "offenses_2025",
        Offense2025,
        ("offense_name", "category", "confidence"),
        notes,
    )
    elements_doc = tomllib.loads(texts["elements.toml"])
    elements = {
        row["code"]: ElementHint(row["code"], tuple(row["typical_kinds"]))
        for row in elements_doc["element"]
    }
    records = tuple(fill(row["text"]) for row in elements_doc["record"])
    record_spans = tuple(row.get("span", "events") for row in elements_doc["record"])
    recording_systems = tuple(fill(row["text"]) for row in elements_doc.get("recording_system", ()))
    pleading = _pleading(tomllib.loads(texts["pleading.toml"]), fill)
    hold = overrides.pop("hold", None)
    if hold is not None:
        pleading = _override_hold(pleading, hold, violations, law_source, notes)
    if overrides:
        unknown = sorted(overrides)[0]
        raise InvalidInput(
            f"{law_source}: unknown table '{unknown}' (known: dates, settings, violations, "
            "exceptions, reach, defendants, actors, claims, notices, felonies, offenses_2025, hold)"
        )
    notes.extend(f"rule {r.id}: {r.override_note}" for r in rules.values() if r.overridden)
    pack = LawPack(
        name=pack_info["name"],
        dates=MappingProxyType(dates),
        act_2025=act,
        violations=MappingProxyType(violations),
        exceptions=MappingProxyType(exceptions),
        reach=MappingProxyType(reach),
        defendants=MappingProxyType(defendants),
        actors=MappingProxyType(actors),
        claims=MappingProxyType(claims),
        settings=MappingProxyType(settings),
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
        version=pack_version(pack_info["date"], texts, law_toml, rules_toml),
        pleading=pleading,
        overrides=tuple(notes),
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
    from casekit.domain.lawpack.pack import by_code

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


def _effective_date(row: dict[str, Any]) -> EffectiveDate:
    return EffectiveDate(**row)


def _violation(row: dict[str, Any], fill: Callable[[str], str]) -> Violation:
    values: dict[str, Any] = {k: fill(v) if isinstance(v, str) else v for k, v in row.items()}
    values["short_text"] = values.pop("short")
    return Violation(**values)


def _exception(row: dict[str, Any], fill: Callable[[str], str]) -> ExceptionRule:
    values: dict[str, Any] = {k: fill(v) if isinstance(v, str) else v for k, v in row.items()}
    return ExceptionRule(**values)


def _actor(row: dict[str, Any], resolve: Callable[[str], DateRef]) -> Actor:
    values = dict(row)
    ref = resolve(values.pop("covered_from"))
    return Actor(covered_from=ref.day, covered_from_id=ref.id, **values)


def _claim(
    row: dict[str, Any], resolve: Callable[[str], DateRef], fill: Callable[[str], str]
) -> Claim:
    values: dict[str, Any] = {k: fill(v) if isinstance(v, str) else v for k, v in row.items()}
    for key in ("against_kinds", "notices", "not_against", "requires_defendant"):
        if key in values:
            values[key] = tuple(values[key])
    since = values.pop("effective_from", None)
    return Claim(effective_from=resolve(since) if since else None, **values)


def _convention(key: str, row: dict[str, Any]) -> Convention:
    extra = {k: v for k, v in row.items() if k not in ("text", "citation", "confidence")}
    return Convention(key, row["text"], row["citation"], row["confidence"], extra)


def _csv(text: str, kind: Callable[..., _T]) -> list[_T]:
    return [kind(**row) for row in csv.DictReader(io.StringIO(text))]


def _reach(text: str) -> dict[tuple[str, str], ReachCell]:
    out: dict[tuple[str, str], ReachCell] = {}
    for row in csv.DictReader(io.StringIO(text)):
        out[(row["act"], row["exception"])] = ReachCell(
            act=row["act"],
            exception=row["exception"],
            effect=row["effect"],
            confidence=row["confidence"],
            citation=row["citation"],
            note=row["note"],
        )
    return out


def _fill_rules(rules: RuleSet, fill: Callable[[str], str]) -> RuleSet:
    changed = {}
    for rule_id, rule in rules.items():
        texts: dict[str, Any] = {
            name: fill(getattr(rule, name))
            for name in ("title", "trigger", "citation", "notes", "caveat")
        }
        changed[rule_id] = replace(rule, **texts)
    return RuleSet(changed)


def _resolve_setting(setting: Setting, dates: Mapping[str, EffectiveDate], source: str) -> Setting:
    if setting.kind != "date" or isinstance(setting.value, date):
        return setting
    raw = str(setting.value)
    if raw in dates:
        return replace(setting, value=dates[raw].date)
    try:
        return replace(setting, value=date.fromisoformat(raw))
    except ValueError:
        raise InvalidInput(
            f"{source}: settings.{setting.id}: value must be a YYYY-MM-DD date or a date id"
        ) from None
