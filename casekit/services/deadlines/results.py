"""The plain results the deadline use cases return: stored deadlines, recompute changes, diffs."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

#: Statuses :func:`set_status` accepts (``superseded`` is the recompute's alone).
SETTABLE_STATUSES = ("open", "done", "waived")
LIST_STATUSES = ("open", "done", "waived", "superseded", "all")
MANUAL_RULE = "MANUAL"
MAX_TITLE = 200
MAX_TEXT = 2000


class _Keep:
    """Marker: leave this field as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


# --- plain results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineOut:
    """One stored deadline, as lists, the agenda and the TUI show it."""

    id: int
    version: int
    matter: str
    client: str
    rule_id: str
    title: str
    kind: str
    due: date
    safe_target: date
    days_left: int  # to the safe target (negative: overdue)
    citation: str
    confidence: str
    verify: bool
    status: str
    status_reason: str
    trail: tuple[str, ...]
    overridden: bool
    manual: bool
    trigger_event: str
    trigger_date: date | None
    next_reminder: date | None
    tier: int | None
    party_id: int | None = None  # the defendant a per-defendant deadline belongs to
    adjusted: bool = False  # tolled or extended (casekit deadlines history ID)
    completed_on: date | None = None  # the day it was marked done

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trail"] = list(self.trail)
        return data


@dataclass(frozen=True)
class Change:
    """One line of a recompute preview.

    Attributes:
        kind: ``added``, ``moved``, ``removed`` or ``restated`` (same dates; the confidence,
            citation or title changed because the law pack did).
        key: The deadline's stable key (rule, trigger event, party).
        rule_id: The rule.
        title: What has to be done.
        deadline_id: The stored row (None for ``added``).
        old_due, old_safe_target: Stored dates (None for ``added``).
        new_due, new_safe_target: Recomputed dates (None for ``removed``).
        citation, confidence: The rule's, as recomputed (as stored for ``removed``).
        reason: Why it changes, in one sentence.
        trail: The new computation trail (empty for ``removed``).
    """

    kind: str
    key: str
    rule_id: str
    title: str
    deadline_id: int | None
    old_due: date | None
    old_safe_target: date | None
    new_due: date | None
    new_safe_target: date | None
    citation: str
    confidence: str
    reason: str
    trail: tuple[str, ...] = ()

    @property
    def verify(self) -> bool:
        return self.confidence != "confirmed"

    def signature(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.key,
            self.deadline_id,
            self.old_due,
            self.old_safe_target,
            self.new_due,
            self.new_safe_target,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trail"] = list(self.trail)
        data["verify"] = self.verify
        return data


@dataclass(frozen=True)
class RecomputeDiff:
    """What recomputing a matter's deadlines would change (for the attorney to accept)."""

    matter: str
    matter_id: int
    added: tuple[Change, ...]
    moved: tuple[Change, ...]
    removed: tuple[Change, ...]
    unchanged: int
    restated: tuple[Change, ...] = ()

    @property
    def changes(self) -> tuple[Change, ...]:
        """Every change: moved first (they matter most), then added, removed and restated."""
        return self.moved + self.added + self.removed + self.restated

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.moved or self.removed or self.restated)

    def signature(self) -> frozenset[tuple[Any, ...]]:
        """What must still hold for the preview to be applied as seen."""
        return frozenset(c.signature() for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "added": [c.to_dict() for c in self.added],
            "moved": [c.to_dict() for c in self.moved],
            "removed": [c.to_dict() for c in self.removed],
            "restated": [c.to_dict() for c in self.restated],
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class Selected:
    """One change the attorney accepted in the review screen (the rest stay as they are)."""

    matter: str
    change: Change
