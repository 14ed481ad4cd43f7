"""Felony classes and the 2025 offense list, for the E2 exception (trust-act.md § 1).

Two tables ship in ``data/``:

* ``felonies_ab.csv``: common Connecticut class A and B felonies with section, class, notes, source
  and confidence (a copy of the project's refdata; its FELONIES_SOURCES.md lists what is missing).
  Some classes depend on facts ("B or A", "C or B") or escalate ("D / C / B"); some offenses are
  unclassified. Only a plain ``A`` or ``B`` decides anything.
* ``offenses_2025.csv``: the sections *likely* added in 2025. The list itself is ``secondary``
  ("thirteen" or "more than a dozen" crimes); each section, its name and its category are
  ``unverified``. A conviction found only here makes screening say "verify".
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TypeVar

from casekit.domain.model import SECONDARY

#: Confidence of the 2025 list as a whole (trust-act.md § 1).
LIST_2025_CONFIDENCE = SECONDARY

# How a table class reads for E2.
CLASS_A_OR_B = "a_or_b"  # plainly A or B
CLASS_CONDITIONAL = "conditional"  # "B or A", "C or B", escalating: depends on facts
CLASS_UNCLASSIFIED = "unclassified"  # not a lettered class
CLASS_NOT_IN_TABLE = "not_in_table"

_T = TypeVar("_T")
_SPACES = re.compile(r"\s+")
_SUBSECTION = re.compile(r"\([^()]*\)$")


@dataclass(frozen=True)
class FelonyRow:
    """One row of ``felonies_ab.csv``."""

    section: str
    offense_name: str
    felony_class: str
    notes: str
    source: str
    confidence: str


@dataclass(frozen=True)
class Offense2025:
    """One row of ``offenses_2025.csv``."""

    section: str
    offense_name: str
    category: str
    confidence: str


@dataclass(frozen=True)
class OffenseStatus:
    """What casekit knows about a conviction's section.

    Attributes:
        section: The section as normalised (``53a-101(a)(1)``).
        matched: The table key that matched (the section or a shorter parent), or None.
        felony: The felony-table row, if any.
        class_status: ``a_or_b``, ``conditional``, ``unclassified`` or ``not_in_table``.
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


def normalize_section(text: str) -> str:
    """Normalise a statute section as users type it.

    ``"§ 53a-101 (a)(1)"``, ``"C.G.S. 53A-101(a)(1)"`` and ``"53a-101(a)(1)"`` all become
    ``"53a-101(a)(1)"``.

    Args:
        text: The section.

    Returns:
        The normalised section ("" for blank input).
    """
    s = text.strip()
    for prefix in ("conn. gen. stat.", "c.g.s.", "cgs", "gen. stat.", "sec.", "§§", "§"):
        if s.lower().startswith(prefix):
            s = s[len(prefix) :].strip()
    s = _SPACES.sub("", s).lower()
    return s


def _key_chain(section: str) -> list[str]:
    """The section and its parents: ``53a-101(a)(1)``, ``53a-101(a)``, ``53a-101``."""
    chain = [section]
    while _SUBSECTION.search(chain[-1]):
        chain.append(_SUBSECTION.sub("", chain[-1]))
    return chain


@lru_cache(maxsize=1)
def felony_table() -> dict[str, FelonyRow]:
    """The class A/B felony table, keyed by normalised section."""
    return {normalize_section(row.section): row for row in _read("felonies_ab.csv", FelonyRow)}


@lru_cache(maxsize=1)
def offenses_2025() -> dict[str, Offense2025]:
    """The likely 2025 sections, keyed by normalised section."""
    return {normalize_section(row.section): row for row in _read("offenses_2025.csv", Offense2025)}


def classify(felony_class: str) -> str:
    """Read a table class for E2.

    Args:
        felony_class: ``"A"``, ``"B"``, ``"B or A"``, ``"D / C / B (escalating)"``, ...

    Returns:
        ``a_or_b``, ``conditional`` or ``unclassified``.
    """
    text = felony_class.strip().upper()
    if text in ("A", "B"):
        return CLASS_A_OR_B
    if text == "UNCLASSIFIED":
        return CLASS_UNCLASSIFIED
    return CLASS_CONDITIONAL


def lookup(section: str) -> OffenseStatus:
    """Find a conviction's section in both tables.

    The section is tried as given, then without its last subsection, and so on
    (``53a-101(a)(1)`` matches ``53a-101``). A bare section never matches a table row for one of
    its subsections: ``53-21`` does not match ``53-21(a)(2)``, because the other subsections of
    § 53-21 are class C.

    Args:
        section: As typed.

    Returns:
        What the tables say.
    """
    norm = normalize_section(section)
    felonies = felony_table()
    listed = offenses_2025()
    felony: FelonyRow | None = None
    matched: str | None = None
    offense: Offense2025 | None = None
    for key in _key_chain(norm):
        if felony is None and key in felonies:
            felony, matched = felonies[key], key
        if offense is None and key in listed:
            offense = listed[key]
    status = classify(felony.felony_class) if felony else CLASS_NOT_IN_TABLE
    return OffenseStatus(
        section=norm, matched=matched, felony=felony, class_status=status, offense_2025=offense
    )


def _read(name: str, kind: Callable[..., _T]) -> list[_T]:
    text = files("casekit.domain").joinpath("data", name).read_text(encoding="utf-8")
    return [kind(**row) for row in csv.DictReader(io.StringIO(text))]
