"""A records request's two § 1-206 clocks, kept in line with its dates and status.

The dates come from the domain (:func:`casekit.domain.planning.foi_deadlines`, the computation the
planner makes too); this module stores them: it adds, moves, finishes or supersedes the request's
``CT_FOI_RESPONSE`` and ``CT_FOI_APPEAL`` deadlines, or, without ``apply``, lists the moves and
removals an attorney has to confirm first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.domain.planning import foi_deadlines
from casekit.domain.planning_types import FROZEN_STATUSES, RecordsRequestFacts
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.lifecycle import CLOSED_STATUSES, closed_reason
from casekit.services.law.rules import law_pack, rule_set
from casekit.services.records.views import PendingChange
from casekit.store.models import Deadline
from casekit.store.repos import records as repo

if TYPE_CHECKING:
    from casekit.domain.deadlines import DeadlineResult
    from casekit.services.base import AppContext
    from casekit.store.models import RecordsRequest
    from casekit.store.repos.records import Session

RESPONSE_RULE = "CT_FOI_RESPONSE"
APPEAL_RULE = "CT_FOI_APPEAL"


@dataclass(frozen=True)
class _Clock:
    """What one rule's deadline of a request should be now."""

    rule_id: str
    result: DeadlineResult | None
    trigger_event: str
    extra_trail: tuple[str, ...]
    #: Why the deadline is done (the agency responded, an appeal was filed...); None: running.
    finished: str | None
    #: Why it is superseded when its trigger disappeared.
    gone_reason: str


def _response_finished(req: RecordsRequest) -> str | None:
    if req.response_on is not None or req.denial_on is not None:
        return "agency responded"
    if req.status == "closed":
        return "records request closed"
    return "appeal filed" if req.status == "appealed" else None


def _appeal_finished(req: RecordsRequest) -> str | None:
    if req.status == "appealed":
        return "appeal filed"
    return "records request closed" if req.status == "closed" else None


def _clocks(svc: AppContext, session: Session, req: RecordsRequest) -> tuple[_Clock, _Clock]:
    facts = RecordsRequestFacts(
        request_id=str(req.id),
        received=req.received_on,
        denial=req.denial_on,
        answered=req.response_on,
    )
    planned = foi_deadlines(facts, rule_set(svc), court_calendar_in(session))
    response, _ = planned.get(RESPONSE_RULE, (None, ()))
    appeal, notes = planned.get(APPEAL_RULE, (None, ()))
    return (
        _Clock(
            RESPONSE_RULE,
            response,
            "foi_received",
            (),
            _response_finished(req),
            "the received date was removed",
        ),
        _Clock(
            APPEAL_RULE,
            appeal,
            "foi_denial",
            notes,
            _appeal_finished(req),
            "the agency responded and no denial is recorded"
            if req.response_on is not None
            else "no denial or receipt date recorded",
        ),
    )


def sync_deadlines(
    svc: AppContext, session: Session, req: RecordsRequest, *, apply: bool = True
) -> list[PendingChange]:
    """Bring the request's two deadlines in line with its dates and status.

    Without ``apply``, moves and removals of existing open deadlines are returned, not made.
    """
    pending: list[PendingChange] = []
    for clock in _clocks(svc, session, req):
        change = _sync_one(svc, session, req, clock, apply=apply)
        if change is not None:
            pending.append(change)
    return pending


def _sync_one(
    svc: AppContext, session: Session, req: RecordsRequest, clock: _Clock, *, apply: bool
) -> PendingChange | None:
    if req.id is None:
        raise ValueError("the records request is not flushed yet")
    row = repo.current_deadline(session=session, request_id=req.id, rule_id=clock.rule_id)
    if row is not None and (row.status in FROZEN_STATUSES or row.overridden):
        return None  # done, waived or set by hand: never moved by a recompute
    if not apply and row is not None and row.status == "open" and clock.finished is None:
        result = clock.result
        if result is None or (row.due, row.safe_target) != (result.due, result.safe_target):
            return _pending(row, clock)  # waits for the attorney's confirmation
    if clock.result is None:
        if row is not None and (row.status == "open" or row.closed_with_matter):
            row.status = "superseded"
            row.status_reason = clock.gone_reason
            row.closed_with_matter = False  # gone for its own reason: nothing to restore
            row.changed_by = svc.actor
        return None
    row = _write(svc, session, req, row, clock, clock.result)
    if clock.finished is not None:
        row.status = "done"
        row.status_reason = clock.finished
        row.closed_with_matter = False
        row.changed_by = svc.actor
    session.flush()
    return None


def _pending(row: Deadline, clock: _Clock) -> PendingChange:
    result = clock.result
    return PendingChange(
        rule_id=clock.rule_id,
        kind="removed" if result is None else "moved",
        old_due=row.due,
        old_safe_target=row.safe_target,
        new_due=None if result is None else result.due,
        new_safe_target=None if result is None else result.safe_target,
        reason=clock.gone_reason if result is None else "a request date changed",
    )


def _write(
    svc: AppContext,
    session: Session,
    req: RecordsRequest,
    row: Deadline | None,
    clock: _Clock,
    result: DeadlineResult,
) -> Deadline:
    """Add the deadline, or bring the stored one up to date."""
    fresh: dict[str, Any] = {
        "title": result.title,
        "trigger_date": result.trigger,
        "due": result.due,
        "safe_target": result.safe_target,
        "citation": result.citation,
        "confidence": result.confidence,
        "trail": [*clock.extra_trail, *result.trail],
    }
    if row is None:
        row = Deadline(
            matter_id=req.matter_id,
            key=f"foi:{req.id}:{clock.rule_id}",
            rule_id=clock.rule_id,
            kind="foi",
            trigger_event=clock.trigger_event,
            records_request_id=req.id,
            law_version=law_pack(svc).version.label,
            changed_by=svc.actor,
            **fresh,
        )
        _close_with_closed_matter(session, row)
        session.add(row)
        return row
    changed = {k: v for k, v in fresh.items() if getattr(row, k) != v}
    if changed:
        for key, value in changed.items():
            setattr(row, key, value)
        row.law_version = law_pack(svc).version.label
        row.changed_by = svc.actor
    return row


def _close_with_closed_matter(session: Session, row: Deadline) -> None:
    """A closed or declined matter takes no open deadline: a request's new deadline is stored
    closed with it (as closing the matter would have), and reopening the matter restores it."""
    matter = repo.matter_by_id(session=session, matter_id=row.matter_id)
    if matter is not None and matter.status in CLOSED_STATUSES:
        row.status = "superseded"
        row.status_reason = closed_reason(matter.status)
        row.closed_with_matter = True
