"""What a records request looks like to the CLI and the TUI: plain values, with its deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.model import DeadlineView
from casekit.domain.records import from_fields
from casekit.services.plain import PlainResult, plain
from casekit.store.repos import records as repo

if TYPE_CHECKING:
    from casekit.store.models import Deadline, RecordsRequest
    from casekit.store.repos.records import Session

STATUSES = ("draft", "sent", "received", "answered", "denied", "appealed", "closed")


@dataclass(frozen=True, kw_only=True)
class RequestDeadline(DeadlineView):
    """A deadline attached to a records request: the domain's
    :class:`~casekit.domain.model.DeadlineView` with its row's id and why its status is what it
    is."""

    id: int
    status_reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule_id,
            "title": self.title,
            "trigger_date": self.trigger_date.isoformat() if self.trigger_date else None,
            "due": self.due.isoformat(),
            "safe_target": self.safe_target.isoformat(),
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": self.verify,
            "status": self.status,
            "status_reason": self.status_reason,
            "trail": list(self.trail),
        }


@dataclass(frozen=True)
class PendingChange:
    """A move or removal of an existing FOI deadline, waiting for the attorney's confirmation."""

    rule_id: str
    kind: str  # moved | removed
    old_due: date
    old_safe_target: date
    new_due: date | None
    new_safe_target: date | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule_id} | plain(self, leave_out=("rule_id",))


@dataclass(frozen=True)
class RecordsRequestView(PlainResult):
    """A records request with its deadlines (plain values)."""

    id: int
    matter: str
    agency: str
    description: str
    document_id: int | None
    sent_on: date | None
    received_on: date | None
    response_on: date | None
    denial_on: date | None
    status: str
    deadlines: tuple[RequestDeadline, ...]
    #: Moves/removals of existing deadlines not applied yet (``apply=True`` accepts them).
    pending: tuple[PendingChange, ...] = ()

    def deadline(self, rule_id: str) -> RequestDeadline | None:
        """The current (not superseded) deadline for ``rule_id``."""
        for d in self.deadlines:
            if d.rule_id == rule_id and d.status != "superseded":
                return d
        return None


def _deadline(d: Deadline) -> RequestDeadline:
    return from_fields(RequestDeadline, d, id=d.id or 0, trail=tuple(d.trail))


def request_view(session: Session, req: RecordsRequest) -> RecordsRequestView:
    """The request as plain values, with every deadline it has had."""
    if req.id is None:
        raise ValueError("the records request is not flushed yet")
    matter = repo.matter_by_id(session=session, matter_id=req.matter_id)
    agency = repo.agency_by_id(session=session, agency_id=req.agency_id)
    rows = repo.request_deadlines(session=session, request_id=req.id)
    return from_fields(
        RecordsRequestView,
        req,
        matter=matter.number if matter else "",
        agency=agency.name if agency else "",
        deadlines=tuple(_deadline(d) for d in rows),
        pending=(),
    )
