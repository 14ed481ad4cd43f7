"""Reading the pack's files section by section, each with the firm's overrides applied."""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from casekit.domain.lawpack.overrides import (
    actor_override,
    apply_reach,
    apply_rows,
    apply_table,
    canonical_keys,
    override_date,
    override_setting,
    override_simple,
)
from casekit.domain.lawpack.parts import (
    SUABLE,
    Act2025,
    Actor,
    Claim,
    Convention,
    DefendantKind,
    EffectiveDate,
    ExceptionRule,
    FelonyRow,
    Notice,
    Offense2025,
    ReachCell,
    Setting,
    Violation,
    normalize_section,
)
from casekit.domain.rules import DateRef, RuleSet, load_rules
from casekit.errors import InvalidInput

_T = TypeVar("_T")
_Section = TypeVar("_Section", FelonyRow, Offense2025)
_PLACEHOLDER = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")


class PackBuild:
    """One pack being read: the shipped texts, the firm's overrides still unread, and the notes
    that say what each override changed (trust-act.md: an override is shown, never silent)."""

    def __init__(self, texts: dict[str, str], overrides: dict[str, Any], source: str) -> None:
        self.texts = texts
        self.overrides = overrides
        self.source = source
        self.notes: list[str] = []
        self.dates: dict[str, EffectiveDate] = {}
        self.settings: dict[str, Setting] = {}

    def resolve(self, ref: str) -> DateRef:
        """A date id (``dates.toml``) or a date setting, as a reference with its confidence."""
        found = self.dates.get(ref)
        if found is not None:
            return DateRef(found.id, found.date, found.confidence, found.title)
        setting = self.settings.get(ref)
        if setting is not None and setting.kind == "date":
            return DateRef(setting.id, setting.value, setting.confidence, setting.title)
        raise InvalidInput(f"unknown date id '{ref[:40]}'")

    def fill(self, text: str) -> str:
        """``text`` with each ``{DATE_ID}`` placeholder replaced by the date."""
        return _PLACEHOLDER.sub(lambda m: self.resolve(m.group(1)).day.isoformat(), text)

    def refuse_unknown_tables(self) -> None:
        """Every table of the firm's file has been read; one left over is a mistake."""
        if self.overrides:
            unknown = sorted(self.overrides)[0]
            raise InvalidInput(
                f"{self.source}: unknown table '{unknown}' (known: dates, settings, violations, "
                "exceptions, reach, defendants, actors, claims, notices, felonies, offenses_2025, "
                "hold)"
            )

    def dates_and_settings(self, base: dict[str, Any]) -> None:
        """Dates (with their overrides), then the settings that may refer to them."""
        self.dates = {row["id"]: _effective_date(row) for row in base["date"]}
        apply_table(
            self.dates,
            self.overrides.pop("dates", {}),
            self.source,
            "dates",
            override_date,
            self.notes,
        )
        settings_doc = tomllib.loads(self.texts["settings.toml"])["settings"]
        for key, row in settings_doc.items():
            self.settings[key] = Setting(id=key, **row)
        apply_table(
            self.settings,
            self.overrides.pop("settings", {}),
            self.source,
            "settings",
            override_setting,
            self.notes,
        )
        self.settings = {
            key: _resolve_setting(s, self.dates, self.source) for key, s in self.settings.items()
        }

    def act_2025(self, act_row: dict[str, Any]) -> Act2025:
        """The 2025 act's bill, public act and effective date."""
        act = Act2025(
            bill=act_row["bill"],
            title=act_row["title"],
            passed=act_row["passed"],
            passed_confidence=act_row["passed_confidence"],
            effective=self.resolve(act_row["effective"]).day,
            public_act=act_row["public_act"],
            public_act_confidence=act_row["public_act_confidence"],
            public_act_source=act_row.get("public_act_source", ""),
            statute=act_row["statute"],
        )
        return act

    def codes(self) -> tuple[dict[str, Violation], dict[str, ExceptionRule], dict[Any, Any]]:
        """Violations, exceptions and the Reach table, each with its overrides."""
        codes = tomllib.loads(self.texts["codes.toml"])
        violations = {row["id"]: _violation(row, self.fill) for row in codes["violation"]}
        exceptions = {row["id"]: _exception(row, self.fill) for row in codes["exception"]}
        apply_table(
            violations,
            canonical_keys(
                self.overrides.pop("violations", {}), violations, self.source, "violations"
            ),
            self.source,
            "violations",
            override_simple(("confidence", "note", "trust_act_violation")),
            self.notes,
        )
        apply_table(
            exceptions,
            canonical_keys(
                self.overrides.pop("exceptions", {}), exceptions, self.source, "exceptions"
            ),
            self.source,
            "exceptions",
            override_simple(("confidence", "note")),
            self.notes,
        )
        reach = _reach(self.texts["reach.csv"])
        apply_reach(
            reach, self.overrides.pop("reach", {}), violations, exceptions, self.source, self.notes
        )
        return violations, exceptions, reach

    def actors(self) -> tuple[dict[str, DefendantKind], dict[str, Actor]]:
        """Who answers for each kind of actor, and the actors, with their overrides."""
        actors_doc = tomllib.loads(self.texts["actors.toml"])
        defendants = {row["kind"]: DefendantKind(**row) for row in actors_doc["defendant"]}
        apply_table(
            defendants,
            self.overrides.pop("defendants", {}),
            self.source,
            "defendants",
            override_simple(
                ("suable", "suable_confidence", "suable_note", "service_address", "name"),
                choices={"suable": SUABLE},
            ),
            self.notes,
        )
        actors = {row["kind"]: _actor(row, self.resolve) for row in actors_doc["actor"]}
        apply_table(
            actors,
            self.overrides.pop("actors", {}),
            self.source,
            "actors",
            actor_override(self.resolve, defendants),
            self.notes,
        )
        return defendants, actors

    def claims_and_rules(
        self, rules_toml: str | None, rules_source: str
    ) -> tuple[dict[str, Claim], RuleSet]:
        """The claims and the deadline rules (the firm's ``rules.local.toml`` applied)."""
        claims = {
            row["id"]: _claim(row, self.resolve, self.fill)
            for row in tomllib.loads(self.texts["claims.toml"])["claim"]
        }
        rules = load_rules(
            rules_toml,
            rules_source,
            shipped_toml=self.texts["rules.toml"],
            resolve=self.resolve,
            claims=tuple(claims),
        )
        rules = fill_rules(rules, self.fill)
        apply_table(
            claims,
            self.overrides.pop("claims", {}),
            self.source,
            "claims",
            override_simple(("confidence", "optional", "enabled", "limitation", "note")),
            self.notes,
        )
        return claims, rules

    def notices(self) -> dict[str, Notice]:
        """The notices shown with a screening, with the firm's additions."""
        notices_doc = tomllib.loads(self.texts["notices.toml"])
        notices = {row["id"]: Notice(**row) for row in notices_doc.get("notice", [])}
        apply_table(
            notices,
            self.overrides.pop("notices", {}),
            self.source,
            "notices",
            override_simple(
                ("text", "enabled", "confidence", "citation", "as_of", "applies_to"),
                new_requires=("text", "confidence", "citation", "applies_to"),
                factory=lambda key: Notice(
                    id=key, text="", as_of=None, confidence="unknown", citation="", applies_to=""
                ),
            ),
            self.notes,
        )
        return notices

    def counting_and_offenses(
        self,
    ) -> tuple[
        dict[str, Convention], dict[str, Convention], dict[str, FelonyRow], dict[str, Offense2025]
    ]:
        """Counting conventions, closure rules, the felony class table and the 2025 offense list."""
        counting_doc = tomllib.loads(self.texts["counting.toml"])
        counting = {k: _convention(k, v) for k, v in counting_doc["counting"].items()}
        closures = {k: _convention(k, v) for k, v in counting_doc["closures"].items()}
        felonies = self._section_table(
            "felonies_ab.csv",
            "felonies",
            FelonyRow,
            ("offense_name", "felony_class", "notes", "source", "confidence"),
        )
        offenses = self._section_table(
            "offenses_2025.csv",
            "offenses_2025",
            Offense2025,
            ("offense_name", "category", "confidence"),
        )
        return counting, closures, felonies, offenses

    def _section_table(
        self, file: str, group: str, kind: type[_Section], columns: tuple[str, ...]
    ) -> dict[str, _Section]:
        """A CSV of statute sections by normalised section, with the firm's ``[group]``
        overrides of ``columns`` applied."""
        rows = {normalize_section(row.section): row for row in _csv(self.texts[file], kind)}
        apply_rows(
            rows, self.overrides.pop(group, {}), self.source, group, kind, columns, self.notes
        )
        return rows


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


def fill_rules(rules: RuleSet, fill: Callable[[str], str]) -> RuleSet:
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
