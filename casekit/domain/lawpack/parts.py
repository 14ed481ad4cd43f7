"""The parts of the law pack: dates, acts, exceptions, reach, actors, claims, rules' companions.

Frozen records, each with the citation and confidence the pack gives it, and ``overridden`` /
``override_note`` when a firm's ``law.local.toml`` changed it (:mod:`.overrides`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from string import Template
from typing import Any

from casekit.domain.rules import DateRef
from casekit.domain.vocabulary import CONFIRMED

#: The files of the shipped pack, in the order their bytes enter the version hash.
PACK_FILES = (
    "dates.toml",
    "codes.toml",
    "reach.csv",
    "actors.toml",
    "claims.toml",
    "rules.toml",
    "counting.toml",
    "settings.toml",
    "notices.toml",
    "elements.toml",
    "felonies_ab.csv",
    "offenses_2025.csv",
    "pleading.toml",
)
#: Reach effects (reach.csv ``effect``).
EXCUSES = "excuses"
REACH_UNKNOWN = "unknown"
REACH_NONE = "none"
REACH_EFFECTS = (EXCUSES, REACH_UNKNOWN, REACH_NONE)
#: Defendant kinds (actors.toml [[defendant]] and ``Actor.defendant``).
MUNICIPALITY = "municipality"
STATE = "state"
DEPENDS = "depends"
UNKNOWN_DEFENDANT = "unknown"
DEFENDANT_KINDS = (MUNICIPALITY, STATE, DEPENDS, UNKNOWN_DEFENDANT)
SUABLE = ("yes", "no", "unknown")
#: Kinds a claim's count may name (``Claim.against_kinds``).
COUNT_DEFENDANTS = ("municipality", "state", "officer", "agency")


@dataclass(frozen=True)
class Overridable:
    """Fields every part of the pack has: whether a firm changed it, and how."""

    overridden: bool = field(default=False, kw_only=True)
    override_note: str = field(default="", kw_only=True)


@dataclass(frozen=True)
class EffectiveDate(Overridable):
    """A date from which a law applies (dates.toml)."""

    id: str
    date: date
    title: str
    citation: str
    confidence: str
    source: str = ""


@dataclass(frozen=True)
class Act2025:
    """What is known about the 2025 amendment (HB 7259), each fact with its confidence."""

    bill: str
    title: str
    passed: date
    passed_confidence: str
    effective: date
    public_act: str
    public_act_confidence: str
    public_act_source: str = ""
    statute: str = ""


@dataclass(frozen=True)
class CodedPart(Overridable):
    """A prohibited act or an exception (codes.toml): its id, title, citation and confidence."""

    id: str
    title: str
    citation: str
    confidence: str

    @property
    def short(self) -> str:
        """The leading ``V1`` (or ``E1``) part of the id."""
        return self.id.split("_", 1)[0]


@dataclass(frozen=True)
class Violation(CodedPart):
    """A prohibited act (V1-V8).

    ``confidence`` is how sure casekit is that the act violates § 54-192h; for V8, whose federal
    limit is confirmed but whose place in the statute is not, ``trust_act_violation`` is False
    and ``federal_citation``/``federal_confidence`` name the federal rule.
    """

    seizure: bool
    allegation: str
    short_text: str
    plain_en: str
    plain_es: str
    note: str = ""
    trust_act_violation: bool = True
    federal_citation: str = ""
    federal_confidence: str = ""


@dataclass(frozen=True)
class ExceptionRule(CodedPart):
    """An exception (E1-E3) that can make cooperation lawful for the acts it reaches."""

    absence: str
    pleading_absent: str
    note: str = ""
    offense_list_confidence: str = ""


@dataclass(frozen=True)
class ReachCell(Overridable):
    """Whether an exception excuses an act (reach.csv): ``excuses``, ``unknown`` or ``none``."""

    act: str
    exception: str
    effect: str
    confidence: str
    citation: str
    note: str = ""


@dataclass(frozen=True)
class DefendantKind(Overridable):
    """Who is sued for an actor's conduct, how process is served, and whether the 2025 action
    reaches it (``suable``: yes, no or unknown, with its confidence)."""

    kind: str
    title: str
    service: str
    service_citation: str
    service_confidence: str
    suable: str
    suable_confidence: str
    suable_citation: str
    suable_note: str = ""
    name: str = ""
    service_address: str = ""
    service_address_confidence: str = ""


@dataclass(frozen=True)
class Actor(Overridable):
    """A kind of agency or officer the Trust Act may cover, and who answers for it."""

    kind: str
    title: str
    covered_from: date
    covered_from_id: str
    coverage_confidence: str
    citation: str
    defendant: str
    defendant_confidence: str
    police: bool = False
    police_confidence: str = CONFIRMED
    named_2025: bool = False
    note: str = ""

    @property
    def confidence(self) -> str:
        """How sure the coverage is (the name older callers use)."""
        return self.coverage_confidence


@dataclass(frozen=True)
class Claim(Overridable):
    """A claim a matter can plead (claims.toml; trust-act.md § 2)."""

    id: str
    label: str
    title: str
    citation: str
    confidence: str
    against: str
    against_kinds: tuple[str, ...]
    relief: str
    damages: bool
    plain_en: str
    plain_es: str
    limitation: str = ""
    notices: tuple[str, ...] = ()
    not_against: tuple[str, ...] = ()
    not_against_reason: str = ""
    fees: str = ""
    effective_from: DateRef | None = None
    requires_seizure: bool = False
    requires_police: bool = False
    requires_defendant: tuple[str, ...] = ()
    trust_act: bool = False
    optional: bool = False
    enabled: bool = True
    note: str = ""
    #: the authority the complaint's jurisdiction paragraph names ("" = the citation)
    pleaded_under: str = ""


@dataclass(frozen=True)
class Setting(Overridable):
    """An open question of law the firm settles (settings.toml)."""

    id: str
    title: str
    value: Any
    kind: str
    confidence: str
    citation: str
    note: str = ""


@dataclass(frozen=True)
class Notice(Overridable):
    """A notice shown with results (notices.toml), e.g. the 2026 federal suit."""

    id: str
    text: str
    as_of: date | None
    confidence: str
    citation: str
    applies_to: str
    enabled: bool = True


@dataclass(frozen=True)
class Convention:
    """A counting convention or court closure rule cited in trails (counting.toml)."""

    id: str
    text: str
    citation: str
    confidence: str
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FelonyRow(Overridable):
    """One row of ``felonies_ab.csv``."""

    section: str
    offense_name: str
    felony_class: str
    notes: str
    source: str
    confidence: str


@dataclass(frozen=True)
class Offense2025(Overridable):
    """One row of ``offenses_2025.csv`` (the list is ``secondary``; each row has its own)."""

    section: str
    offense_name: str
    category: str
    confidence: str


@dataclass(frozen=True)
class ElementHint:
    """Evidence kinds that typically show an element (elements.toml)."""

    code: str
    typical_kinds: tuple[str, ...]


@dataclass(frozen=True)
class PackVersion:
    """Which law a result came from: the pack's date and a hash of its files and overrides.

    Attributes:
        date: The shipped pack's date (dates.toml ``[pack]``).
        digest: SHA-256 (hex) over every shipped file and the firm's override texts.
        overridden: The firm's overrides are part of it.
    """

    date: date
    digest: str
    overridden: bool = False

    @property
    def label(self) -> str:
        """``2026-12-03.3fa2b1c9d0`` (``+firm`` when the firm's overrides take part)."""
        return f"{self.date.isoformat()}.{self.digest[:10]}" + ("+firm" if self.overridden else "")

    def __str__(self) -> str:
        return self.label


def normalize_section(text: str) -> str:
    """Normalise a statute section as users type it.

    ``"§ 53a-101 (a)(1)"``, ``"C.G.S. 53A-101(a)(1)"`` and ``"53a-101(a)(1)"`` all become
    ``"53a-101(a)(1)"``.
    """
    s = text.strip()
    for prefix in ("conn. gen. stat.", "c.g.s.", "cgs", "gen. stat.", "sec.", "§§", "§"):
        if s.lower().startswith(prefix):
            s = s[len(prefix) :].strip()
    return re.sub(r"\s+", "", s).lower()


@dataclass(frozen=True)
class Statement:
    """A sentence of the pleading pack (pleading.toml ``[[text]]``, ``[[rule]]``, ``[[filing]]``).

    ``text`` may hold ``$name`` fields the caller fills (:meth:`fill`); a statement that is not
    ``confirmed`` is printed with a ``[verify: …]`` marker (:meth:`say`).
    """

    id: str
    text: str
    citation: str = ""
    confidence: str = CONFIRMED

    def fill(self, **fields: object) -> str:
        """The text with its ``$name`` fields filled (no marker)."""

        return Template(self.text).substitute({k: str(v) for k, v in fields.items()})

    def say(self, **fields: object) -> str:
        """The text filled, with a ``[verify: …]`` marker unless it is confirmed."""
        text = self.fill(**fields)
        if self.confidence != CONFIRMED:
            return f"{text} [verify: {self.confidence}]"
        return text


@dataclass(frozen=True)
class PleadingWords:
    """pleading.toml: the plan's rules, the sentences of pleadings and notices, the § 4-147
    filing facts, the templates' titles and the acts that put a detainer hold in the facts."""

    rules: Mapping[str, Statement]
    texts: Mapping[str, Statement]
    filing: tuple[Statement, ...]
    titles: Mapping[str, str]
    hold_codes: tuple[str, ...]
    hold: Statement

    def text(self, text_id: str) -> Statement:
        """A sentence by id (a missing id is a packaging error: KeyError)."""
        return self.texts[text_id]

    def say(self, text_id: str, **fields: object) -> str:
        """A sentence filled, marked ``[verify: …]`` unless confirmed."""
        return self.texts[text_id].say(**fields)

    def rule(self, rule_id: str) -> Statement:
        """A rule of the plan by id."""
        return self.rules[rule_id]
