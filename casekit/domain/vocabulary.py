"""The model's vocabularies as ``StrEnum`` s: confidence, matter and deadline status, party role,
defendant kind. Each member *is* its word (``MatterStatus.ACTIVE == "active"``), so stored rows,
law-pack data and JSON keep plain text, and typer validates an option typed with one.

Kept apart from :mod:`casekit.domain.model` (which re-exports them) because that module's
dataclasses take tens of milliseconds to create, and the dashboard is painted before anything
else (benchmarks/README.md, start-up).
"""

from __future__ import annotations

from enum import StrEnum


class Confidence(StrEnum):
    """How sure trust-act.md is of a rule (its "confidence" column), strongest first."""

    CONFIRMED = "confirmed"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"
    UNKNOWN = "unknown"


CONFIRMED = Confidence.CONFIRMED
SECONDARY = Confidence.SECONDARY
UNVERIFIED = Confidence.UNVERIFIED
UNKNOWN = Confidence.UNKNOWN
#: The words, as plain text for code that reads and compares stored rows.
CONFIDENCES: tuple[str, ...] = tuple(Confidence)


class MatterStatus(StrEnum):
    """Where a matter stands; ``closed`` and ``declined`` close its deadlines with it."""

    INTAKE = "intake"
    SCREENING = "screening"
    ACTIVE = "active"
    CLOSED = "closed"
    DECLINED = "declined"


#: The words, as plain text for code that reads and compares stored rows.
MATTER_STATUSES: tuple[str, ...] = tuple(MatterStatus)


class DeadlineStatus(StrEnum):
    """A stored deadline: ``open`` until done, waived, or superseded by a recompute or a close."""

    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"
    SUPERSEDED = "superseded"


#: The words, as plain text for code that reads and compares stored rows.
DEADLINE_STATUSES: tuple[str, ...] = tuple(DeadlineStatus)


class DeadlineFilter(StrEnum):
    """Which deadlines a list shows: one status, or ``all``."""

    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"
    SUPERSEDED = "superseded"
    ALL = "all"


class PartyRole(StrEnum):
    """What a party is to the matter."""

    DEFENDANT = "defendant"
    PLAINTIFF = "plaintiff"
    WITNESS = "witness"
    OPPOSING_COUNSEL = "opposing_counsel"


#: The words, as plain text for code that reads and compares stored rows.
PARTY_ROLES: tuple[str, ...] = tuple(PartyRole)


class DefendantKind(StrEnum):
    """What kind of body a party is, the one spelling of it (``Party.kind``).

    The law pack's rules say ``municipal`` and registry text says ``town`` or ``city``;
    :meth:`of` reads every such spelling.
    """

    MUNICIPALITY = "municipality"
    STATE = "state"
    AGENCY = "agency"
    PERSON = "person"

    @classmethod
    def of(cls, word: str) -> DefendantKind | None:
        """The kind a word names (any spelling casekit has used), or None."""
        key = word.strip().lower()
        return _DEFENDANT_ALIASES.get(key) or (cls(key) if key in _DEFENDANT_WORDS else None)


_DEFENDANT_WORDS = frozenset(k.value for k in DefendantKind)
_DEFENDANT_ALIASES = {
    "municipal": DefendantKind.MUNICIPALITY,
    "town": DefendantKind.MUNICIPALITY,
    "city": DefendantKind.MUNICIPALITY,
}


def needs_verify(confidence: str) -> bool:
    """A rule that is not ``confirmed`` carries a visible "verify" marker (trust-act.md, intro)."""
    return confidence != CONFIRMED


def cited(citation: str, confidence: str) -> dict[str, str | bool]:
    """What a plain form (``--json``, a template's context) says of a cited rule:
    ``{"citation", "confidence", "verify"}``."""
    return {"citation": citation, "confidence": confidence, "verify": needs_verify(confidence)}


class Verifiable:
    """A mix-in for a record with a ``confidence``: :attr:`verify` is whether screens and
    documents mark it "verify" (:func:`needs_verify`)."""

    __slots__ = ()
    confidence: str

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence)


def weakest(*confidences: str) -> str:
    """The weakest of ``confidences`` (trust-act.md § 4: a result is as sure as its weakest part).

    ``confirmed`` > ``secondary`` > ``unverified`` > ``unknown``; an unknown word counts as
    ``unknown``, and no argument at all as ``confirmed`` (nothing uncertain was relied on).
    """
    worst = 0
    for word in confidences:
        rank = CONFIDENCES.index(word) if word in CONFIDENCES else len(CONFIDENCES) - 1
        if rank > worst:
            worst = rank
    return CONFIDENCES[worst]
