"""The law pack as one immutable object, with the lookups screening and planning use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from casekit.domain.lawpack import parts
from casekit.domain.rules import DateRef, RuleSet
from casekit.errors import InvalidInput

_T = TypeVar("_T")


@dataclass(frozen=True)
class LawPack:
    """Everything casekit knows about the law, overrides applied. Immutable; build with
    :func:`load_pack` (or :func:`default_pack` for the shipped pack alone)."""

    name: str
    dates: Mapping[str, parts.EffectiveDate]
    act_2025: parts.Act2025
    violations: Mapping[str, parts.Violation]
    exceptions: Mapping[str, parts.ExceptionRule]
    reach: Mapping[tuple[str, str], parts.ReachCell]
    defendants: Mapping[str, parts.DefendantKind]
    actors: Mapping[str, parts.Actor]
    claims: Mapping[str, parts.Claim]
    settings: Mapping[str, parts.Setting]
    notices: tuple[parts.Notice, ...]
    counting: Mapping[str, parts.Convention]
    closures: Mapping[str, parts.Convention]
    felonies: Mapping[str, parts.FelonyRow]
    offenses_2025: Mapping[str, parts.Offense2025]
    offenses_2025_confidence: str
    elements: Mapping[str, parts.ElementHint]
    element_confidence: str
    records: tuple[str, ...]
    rules: RuleSet
    version: parts.PackVersion
    pleading: parts.PleadingWords
    overrides: tuple[str, ...] = ()
    #: The period an FOI request asks each of ``records`` for: ``events``, ``policy``, ``reports``.
    record_spans: tuple[str, ...] = ()
    #: The recording systems a preservation letter names (elements.toml ``[[recording_system]]``).
    recording_systems: tuple[str, ...] = ()

    # -- lookups ---------------------------------------------------------------------------------

    def date_of(self, date_id: str) -> date:
        """The date of an effective-date id (dates.toml)."""
        return self.resolve_date(date_id).day

    def resolve_date(self, ref: str) -> DateRef:
        """A date id (dates.toml) or a date setting id (settings.toml), with its confidence.

        Raises:
            InvalidInput: The id names neither.
        """
        found = self.dates.get(ref)
        if found is not None:
            return DateRef(found.id, found.date, found.confidence, found.title)
        setting = self.settings.get(ref)
        if setting is not None and setting.kind == "date":
            day = setting.value
            return DateRef(setting.id, day, setting.confidence, setting.title)
        known = ", ".join([*self.dates, *(s for s, v in self.settings.items() if v.kind == "date")])
        raise InvalidInput(f"unknown date id '{ref[:40]}' (known: {known})")

    def violation(self, code: str) -> parts.Violation:
        """A prohibited act by full id (``V1_DETAIN_ON_DETAINER``) or short id (``V1``).

        Raises:
            InvalidInput: Not one of V1-V8.
        """
        return by_code(self.violations, code, "violation code")

    def exception(self, code: str) -> parts.ExceptionRule:
        """An exception by full or short id (``E2``).

        Raises:
            InvalidInput: Not one of E1-E3.
        """
        return by_code(self.exceptions, code, "exception code")

    def actor(self, kind: str) -> parts.Actor:
        """An actor kind (``municipal_police`` ...).

        Raises:
            InvalidInput: Unknown kind; the message lists the known kinds.
        """
        wanted = kind.strip().lower()
        found = self.actors.get(wanted)
        if found is None:
            raise InvalidInput(
                f"unknown actor kind '{kind.strip()[:40]}' (known: {', '.join(self.actors)})"
            )
        return found

    def claim(self, claim_id: str) -> parts.Claim:
        """A claim by id.

        Raises:
            InvalidInput: Unknown claim; the message lists the known claims.
        """
        found = self.claims.get(claim_id.strip().lower().replace("-", "_"))
        if found is None:
            raise InvalidInput(
                f"unknown claim '{claim_id.strip()[:40]}' (known: {', '.join(self.claims)})"
            )
        return found

    def reach_of(self, act: str, exception: str) -> parts.ReachCell:
        """Whether ``exception`` excuses ``act`` (both full ids)."""
        return self.reach[(act, exception)]

    def defendant_of(self, actor: parts.Actor) -> parts.DefendantKind:
        """The defendant kind that answers for ``actor``."""
        return self.defendants[actor.defendant]

    def notices_for(self, applies_to: str) -> tuple[parts.Notice, ...]:
        """The enabled notices shown with results of one kind (``trust_act``)."""
        return tuple(n for n in self.notices if n.enabled and n.applies_to == applies_to)

    def convention(self, convention_id: str) -> parts.Convention:
        """A counting convention (counting.toml ``[counting.<id>]``)."""
        return self.counting[convention_id]


def by_code(table: Mapping[str, _T], code: str, what: str) -> _T:
    wanted = code.strip().upper()
    if wanted in table:
        return table[wanted]
    for key, item in table.items():
        if key.split("_", 1)[0] == wanted:
            return item
    raise InvalidInput(f"unknown {what} '{code.strip()[:40]}' (known: {', '.join(table)})")
