"""Trust Act codes: prohibited acts (V1-V8), exceptions (E1-E3), covered actor kinds.

The codes live in the law pack (:mod:`casekit.domain.lawpack`, ``data/codes.toml`` and
``data/actors.toml``); these functions look them up in a pack, the shipped one unless a firm's
pack is passed. Screening, the intake form and the documents all take their titles, citations and
confidence words from there, so a code is described the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from casekit.domain.lawpack import (
    DEPENDS,
    MUNICIPALITY,
    STATE,
    UNKNOWN_DEFENDANT,
    Actor,
    ExceptionRule,
    LawPack,
    Violation,
    default_pack,
)

#: The value of ``Actor.defendant`` for each way an actor is answerable (actors.toml).
DEFENDANT_MUNICIPALITY = MUNICIPALITY
DEFENDANT_STATE = STATE
DEFENDANT_DEPENDS = DEPENDS
DEFENDANT_UNKNOWN = UNKNOWN_DEFENDANT

#: A prohibited act or an exception (both have ``id``, ``short``, ``title``, ``citation``,
#: ``confidence``).
Code = Violation | ExceptionRule

__all__ = [
    "DEFENDANT_DEPENDS",
    "DEFENDANT_MUNICIPALITY",
    "DEFENDANT_STATE",
    "DEFENDANT_UNKNOWN",
    "Actor",
    "Code",
    "ExceptionRule",
    "Violation",
    "actor",
    "actors",
    "exceptions",
    "violation",
    "violations",
]


def violations(pack: LawPack | None = None) -> Mapping[str, Violation]:
    """All prohibited acts, by id, in V1..V8 order."""
    return (pack or default_pack()).violations


def exceptions(pack: LawPack | None = None) -> Mapping[str, ExceptionRule]:
    """All exceptions, by id, in E1..E3 order."""
    return (pack or default_pack()).exceptions


def actors(pack: LawPack | None = None) -> Mapping[str, Actor]:
    """All actor kinds casekit knows, by kind."""
    return (pack or default_pack()).actors


def violation(code: str, pack: LawPack | None = None) -> Violation:
    """Look up a prohibited act by full id (``V1_DETAIN_ON_DETAINER``) or short id (``V1``).

    Raises:
        InvalidInput: The code is not one of V1-V8.
    """
    return (pack or default_pack()).violation(code)


def actor(kind: str, pack: LawPack | None = None) -> Actor:
    """Look up an actor kind such as ``municipal_police``.

    Raises:
        InvalidInput: The kind is unknown; the message lists the known kinds.
    """
    return (pack or default_pack()).actor(kind)
