"""Felony classes and the 2025 offense list, for the E2 exception (trust-act.md § 1).

Both tables are part of the law pack (``data/felonies_ab.csv``, ``data/offenses_2025.csv``; a
firm adds or corrects rows in ``law.local.toml``):

* the class A/B felony table: common Connecticut felonies with section, class, notes, source and
  confidence. Some classes depend on facts or changed over time ("B or A", "C or B", "D / C / B
  (escalating)"); some offenses are unclassified.
* the sections *likely* added in 2025. The list itself is ``secondary``; each row is
  ``unverified``. A conviction found only there makes screening say "verify".

A class decides E2 when every reading of it falls on one side of the B/C line: "B or A" and a
class that rose from B to A qualify; "C or B" and "D / C / B" need the attorney.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casekit.domain.lawpack import (
    FelonyRow,
    LawPack,
    Offense2025,
    default_pack,
    normalize_section,
)

# How a table class reads for E2.
CLASS_A_OR_B = "a_or_b"  # every reading is A or B: qualifies
CLASS_CONDITIONAL = "conditional"  # readings on both sides of the B/C line: verify
CLASS_BELOW_B = "below_b"  # every reading is C, D or E: does not qualify
CLASS_UNCLASSIFIED = "unclassified"  # not a lettered class
CLASS_NOT_IN_TABLE = "not_in_table"

_SUBSECTION = re.compile(r"\([^()]*\)$")
_LETTER = re.compile(r"\b([A-E])\b")

__all__ = [
    "CLASS_A_OR_B",
    "CLASS_BELOW_B",
    "CLASS_CONDITIONAL",
    "CLASS_NOT_IN_TABLE",
    "CLASS_UNCLASSIFIED",
    "FelonyRow",
    "Offense2025",
    "OffenseStatus",
    "classify",
    "lookup",
    "normalize_section",
]


@dataclass(frozen=True)
class OffenseStatus:
    """What casekit knows about a conviction's section.

    Attributes:
        section: The section as normalised (``53a-101(a)(1)``).
        matched: The table key that matched (the section or a shorter parent), or None.
        felony: The felony-table row, if any.
        class_status: ``a_or_b``, ``conditional``, ``below_b``, ``unclassified`` or
            ``not_in_table``.
        offense_2025: The 2025-list row, if the section (or its parent) is on that list.
    """

    section: str
    matched: str | None
    felony: FelonyRow | None
    class_status: str
    offense_2025: Offense2025 | None

    @property
    def on_2025_list(self) -> bool:
        """The section is on the (secondary) 2025 list."""
        return self.offense_2025 is not None

    @property
    def felony_class(self) -> str | None:
        """The table's class text (``"B"``, ``"C or B"`` ...), or None."""
        return self.felony.felony_class if self.felony else None


def classify(felony_class: str) -> str:
    """Read a table class for E2.

    Args:
        felony_class: ``"A"``, ``"B"``, ``"B or A"``, ``"C or B"``, ``"D / C / B (escalating)"``,
            ``"unclassified"`` ...

    Returns:
        ``a_or_b`` when every class it names is A or B, ``below_b`` when every one is C-E,
        ``conditional`` when they fall on both sides, ``unclassified`` otherwise.
    """
    letters = set(_LETTER.findall(felony_class.strip().upper()))
    if not letters:
        return CLASS_UNCLASSIFIED
    if letters <= {"A", "B"}:
        return CLASS_A_OR_B
    if letters.isdisjoint({"A", "B"}):
        return CLASS_BELOW_B
    return CLASS_CONDITIONAL


def _key_chain(section: str) -> list[str]:
    """The section and its parents: ``53a-101(a)(1)``, ``53a-101(a)``, ``53a-101``."""
    chain = [section]
    while _SUBSECTION.search(chain[-1]):
        chain.append(_SUBSECTION.sub("", chain[-1]))
    return chain


def lookup(section: str, pack: LawPack | None = None) -> OffenseStatus:
    """Find a conviction's section in both tables.

    The section is tried as given, then without its last subsection, and so on
    (``53a-101(a)(1)`` matches ``53a-101``). A bare section never matches a table row for one of
    its subsections: ``53-21`` does not match ``53-21(a)(2)``, because the other subsections of
    § 53-21 are class C.

    Args:
        section: As typed.
        pack: The law pack (default: the shipped one).

    Returns:
        What the tables say.
    """
    law = pack or default_pack()
    norm = normalize_section(section)
    felony: FelonyRow | None = None
    matched: str | None = None
    offense: Offense2025 | None = None
    for key in _key_chain(norm):
        if felony is None and key in law.felonies:
            felony, matched = law.felonies[key], key
        if offense is None and key in law.offenses_2025:
            offense = law.offenses_2025[key]
    status = classify(felony.felony_class) if felony else CLASS_NOT_IN_TABLE
    return OffenseStatus(
        section=norm, matched=matched, felony=felony, class_status=status, offense_2025=offense
    )
