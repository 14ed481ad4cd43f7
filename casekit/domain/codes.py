"""Trust Act codes as data: prohibited acts (V1-V8), exceptions (E1-E3), covered actor kinds.

The codes live in ``data/codes.toml`` (trust-act.md § 1); this module reads them once and hands out
frozen records. Screening, the intake form and the documents all take their titles, citations and
confidence words from here, so a code is described the same way everywhere.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Any

from casekit.errors import InvalidInput

#: The value of ``Actor.defendant`` for each way an actor is answerable (see codes.toml).
DEFENDANT_MUNICIPALITY = "municipality"
DEFENDANT_STATE = "state"
DEFENDANT_DEPENDS = "depends"
DEFENDANT_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Code:
    """A prohibited act (``V…``) or an exception (``E…``).

    Attributes:
        id: Stable id such as ``V1_DETAIN_ON_DETAINER``.
        title: What the act or exception is, in one sentence.
        citation: Where the rule comes from.
        confidence: One of ``model.CONFIDENCES``.
        note: Extra context shown beside the code ("" when none).
        seizure: For violations, whether the act is a seizure of the person (§ 1983, false
            imprisonment). Always False for exceptions.
    """

    id: str
    title: str
    citation: str
    confidence: str
    note: str = ""
    seizure: bool = False

    @property
    def short(self) -> str:
        """The leading ``V1`` / ``E2`` part of the id."""
        return self.id.split("_", 1)[0]


@dataclass(frozen=True)
class Actor:
    """A kind of agency or officer the Trust Act may cover.

    Attributes:
        kind: Machine key (the ``kind`` column of agencies.csv, plus a few officer kinds).
        title: Human name.
        covered_from: First incident date on which the kind is a covered actor.
        confidence: How sure the coverage is.
        citation: Where the coverage comes from.
        defendant: ``municipality``, ``state``, ``depends`` or ``unknown``.
        named_2025: The 2025 act itself adds this kind.
        police: Police officers (relevant to § 52-571k).
        note: Extra context.
    """

    kind: str
    title: str
    covered_from: date
    confidence: str
    citation: str
    defendant: str
    named_2025: bool = False
    police: bool = False
    note: str = ""


@dataclass(frozen=True)
class Act2025:
    """What is known about the 2025 amendment (HB 7259)."""

    bill: str
    title: str
    passed: date
    effective: date
    effective_confidence: str
    public_act: str
    public_act_confidence: str


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    text = files("casekit.domain").joinpath("data", "codes.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@lru_cache(maxsize=1)
def violations() -> dict[str, Code]:
    """All prohibited acts, by id, in V1..V8 order.

    Returns:
        A dict from id to :class:`Code`.
    """
    return {row["id"]: Code(**row) for row in _data()["violation"]}


@lru_cache(maxsize=1)
def exceptions() -> dict[str, Code]:
    """All exceptions, by id, in E1..E3 order.

    Returns:
        A dict from id to :class:`Code`.
    """
    return {row["id"]: Code(**row) for row in _data()["exception"]}


@lru_cache(maxsize=1)
def actors() -> dict[str, Actor]:
    """All actor kinds casekit knows, by kind.

    Returns:
        A dict from kind to :class:`Actor`.
    """
    return {row["kind"]: Actor(**row) for row in _data()["actor"]}


@lru_cache(maxsize=1)
def act_2025() -> Act2025:
    """Facts about the 2025 amendment, each with its confidence."""
    return Act2025(**_data()["act_2025"])


def violation(code: str) -> Code:
    """Look up a prohibited act by full id (``V1_DETAIN_ON_DETAINER``) or short id (``V1``).

    Args:
        code: The id, any case.

    Returns:
        The :class:`Code`.

    Raises:
        InvalidInput: The code is not one of V1-V8.
    """
    table = violations()
    wanted = code.strip().upper()
    if wanted in table:
        return table[wanted]
    for item in table.values():
        if item.short == wanted:
            return item
    raise InvalidInput(f"unknown violation code '{code.strip()[:40]}' (known: {', '.join(table)})")


def actor(kind: str) -> Actor:
    """Look up an actor kind.

    Args:
        kind: The kind key, e.g. ``municipal_police``.

    Returns:
        The :class:`Actor`.

    Raises:
        InvalidInput: The kind is unknown; the message lists the known kinds.
    """
    table = actors()
    wanted = kind.strip().lower()
    if wanted not in table:
        raise InvalidInput(f"unknown actor kind '{kind.strip()[:40]}' (known: {', '.join(table)})")
    return table[wanted]
