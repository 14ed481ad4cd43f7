"""What deadline planning works from and gives back: a matter's facts, planned and stored
deadlines, and the difference a recompute would make."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import cast

from casekit.domain.lawpack import default_pack
from casekit.domain.model import DEADLINE_STATUSES, DeadlineView
from casekit.domain.records import from_fields
from casekit.domain.rules import DEFENDANT_KINDS
from casekit.domain.vocabulary import needs_verify
from casekit.errors import InvalidInput

#: Statuses that freeze a deadline: a recompute never moves or removes it.
FROZEN_STATUSES = frozenset({"done", "waived"})


@dataclass(frozen=True)
class Defendant:
    """A defendant, as far as deadlines care.

    Attributes:
        kind: ``municipal``, ``state`` or ``police_officer``.
        party_id: The stored party's id, so per-defendant deadlines (a § 7-465 notice per town)
            get their own key. Empty when unknown.
    """

    kind: str
    party_id: str = ""


@dataclass(frozen=True)
class RecordsRequestFacts:
    """One FOI records request (§ 1-206).

    Attributes:
        request_id: Stable id of the stored request (part of the deadline key).
        received: When the agency received it.
        denial: When it was denied, if it was.
        answered: When the agency answered, if it did (no deemed denial then).
    """

    request_id: str
    received: date | None = None
    denial: date | None = None
    answered: date | None = None


@dataclass(frozen=True)
class PlanningFacts:
    """What the planner needs to know about a matter.

    Attributes:
        incident_date: Date of the act or omission.
        release_date: When the person was released (accrual of detention claims), if known.
        claims: Selected claims (``model.CLAIMS`` keys).
        defendants: Defendants; plain kind strings are accepted too.
        records_requests: FOI requests.
        authorization_date: When the Claims Commissioner granted permission to sue.
        dismissal_date: When an action was dismissed (§ 52-592 savings statute).
        marshal_delivery_date: When process was delivered to a marshal (§ 52-593a).
        process_date: Date of process (the return date must follow within 2 months).
        return_date: The return date chosen.
        state_judgment_date: A judgment for the plaintiff in a Connecticut court (the
            resolution log): starts the fee-motion deadline (``CT_FEE_MOTION``).
        federal_judgment_date: The same in a federal court (``FED_FEE_MOTION``).
    """

    incident_date: date
    release_date: date | None = None
    claims: tuple[str, ...] = ()
    defendants: tuple[Defendant, ...] = field(default_factory=tuple)
    records_requests: tuple[RecordsRequestFacts, ...] = ()
    authorization_date: date | None = None
    dismissal_date: date | None = None
    marshal_delivery_date: date | None = None
    process_date: date | None = None
    return_date: date | None = None
    # Fee motions (issue 18): kept apart, fed from the resolution log's judgments.
    state_judgment_date: date | None = None
    federal_judgment_date: date | None = None

    def __post_init__(self) -> None:
        # Plain kind strings are accepted for convenience ("municipal"); store Defendant objects.
        defendants: list[Defendant] = []
        for item in cast("tuple[object, ...]", self.defendants):
            if isinstance(item, str):
                defendants.append(Defendant(item))
            elif isinstance(item, Defendant):
                defendants.append(item)
            else:
                raise InvalidInput("a defendant must be a Defendant or a defendant kind")
        object.__setattr__(self, "defendants", tuple(defendants))
        known = default_pack().claims
        for claim in self.claims:
            if claim not in known:
                raise InvalidInput(f"unknown claim '{claim[:40]}' (known: {', '.join(known)})")
        for d in defendants:
            if d.kind not in DEFENDANT_KINDS:
                raise InvalidInput(
                    f"unknown defendant kind '{d.kind[:40]}' (known: {', '.join(DEFENDANT_KINDS)})"
                )


@dataclass(frozen=True)
class PlannedDeadline:
    """A deadline the planner derived for a matter.

    Attributes:
        key: Stable match key: ``RULE_ID:trigger_event`` plus ``:party-or-request-id``.
        rule_id: The rule.
        title: What has to be done.
        kind: The rule's kind (limitation, notice, ...): picks the reminder tiers.
        trigger_event: What started the clock.
        trigger: The trigger date used.
        due: Legal last day.
        safe_target: Day to act by.
        citation: The rule's citation.
        confidence: The rule's confidence.
        overridden: A firm rule changed or added the rule.
        trail: Why the deadline applies, then how it was computed.
        marshal_option: The § 52-593a option for limitation rules.
        expired: ``due`` is before today.
        subject_id: The party or records request the deadline belongs to ("" for the matter).
    """

    key: str
    rule_id: str
    title: str
    kind: str
    trigger_event: str
    trigger: date
    due: date
    safe_target: date
    citation: str
    confidence: str
    overridden: bool
    trail: tuple[str, ...]
    marshal_option: str | None
    expired: bool
    subject_id: str = ""

    @property
    def verify(self) -> bool:
        """The rule is not ``confirmed``."""
        return needs_verify(self.confidence)

    def relabelled(self, key: str, subject_id: str, title: str) -> PlannedDeadline:
        """This deadline under another key, subject and title: what ``dataclasses.replace``
        gives (an equal object), without running ``__init__`` field by field again (bulk work
        relabels a shared plan's deadlines for thousands of matters)."""
        new = object.__new__(type(self))
        fields = new.__dict__
        fields.update(self.__dict__)
        fields["key"], fields["subject_id"], fields["title"] = key, subject_id, title
        return new

    def to_view(self, status: str = "open") -> DeadlineView:
        """The cross-layer value object for screens and documents."""
        return from_fields(DeadlineView, self, status=status, trigger_date=self.trigger)


@dataclass(frozen=True)
class ExistingDeadline:
    """A stored deadline, as the recompute sees it.

    Attributes:
        key: The key it was planned under (``PlannedDeadline.key``).
        rule_id: The rule.
        due: Stored legal last day.
        safe_target: Stored safe target.
        status: ``open``, ``done``, ``waived`` or ``superseded``.
        manual: Entered or edited by hand: never touched by a recompute.
        confidence: Stored confidence ("" when the caller does not compare it).
        citation: Stored citation ("" likewise).
        title: Stored title ("" likewise).
        readings: The stored trail's reading lines (:func:`reading_lines`).
    """

    key: str
    rule_id: str
    due: date
    safe_target: date
    status: str = "open"
    manual: bool = False
    confidence: str = ""
    citation: str = ""
    title: str = ""
    readings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in DEADLINE_STATUSES:
            raise InvalidInput(
                f"unknown deadline status '{self.status[:20]}' "
                f"(known: {', '.join(DEADLINE_STATUSES)})"
            )


@dataclass(frozen=True)
class MovedDeadline:
    """A stored deadline whose recomputed dates differ."""

    old: ExistingDeadline
    new: PlannedDeadline


@dataclass(frozen=True)
class RecomputeDiff:
    """What a recompute would change, for the attorney to accept (nothing moves silently).

    Attributes:
        added: Planned deadlines with no stored counterpart.
        moved: Open computed deadlines whose due date or safe target changed.
        removed: Open computed deadlines that no longer apply.
        unchanged: Everything else stored: same dates, or frozen (done, waived), or manual.
        restated: Open computed deadlines with the same dates whose confidence, citation or
            title changed (the law pack changed what they rest on).
    """

    added: tuple[PlannedDeadline, ...]
    moved: tuple[MovedDeadline, ...]
    removed: tuple[ExistingDeadline, ...]
    unchanged: tuple[ExistingDeadline, ...]
    restated: tuple[MovedDeadline, ...] = ()

    @property
    def has_changes(self) -> bool:
        """Anything to accept."""
        return bool(self.added or self.moved or self.removed or self.restated)
