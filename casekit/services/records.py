"""Records (FOI) requests to agencies and the § 1-206 clocks they start.

A request moves draft → sent → received → answered | denied → appealed → closed. Every change
recomputes that request's two deadlines with the domain engine (rules in force, Connecticut court
calendar with the firm's recorded closures):

* ``CT_FOI_RESPONSE``: the agency's answer is due 4 business days after it **received** the
  request (§ 1-206(a), ``confirmed``); with no answer by then the request is deemed denied.
* ``CT_FOI_APPEAL``: appeal to the Freedom of Information Commission within 30 days of the
  denial, or of the deemed denial (the 4th business day after receipt) when no response is
  recorded (§ 1-206(b)(1); calendar days ``secondary``).

A done or waived deadline never moves. A deadline whose trigger disappears (the received date is
cleared, or the agency answered without a denial) is marked ``superseded``, never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.domain.deadlines import DeadlineResult
    from casekit.services.base import Services
    from casekit.store.models import Deadline, RecordsRequest

STATUSES = ("draft", "sent", "received", "answered", "denied", "appealed", "closed")
RESPONSE_RULE = "CT_FOI_RESPONSE"
APPEAL_RULE = "CT_FOI_APPEAL"
_STAGE = {s: i for i, s in enumerate(STATUSES)}
_STAGE["denied"] = _STAGE["answered"]  # answered and denied are alternatives, not steps
_FROZEN = ("done", "waived")


class _Keep:
    """Marker: leave this field as it is."""


KEEP: Any = _Keep()


@dataclass(frozen=True)
class RequestDeadline:
    """A deadline attached to a records request."""

    id: int
    rule_id: str
    title: str
    trigger_date: date | None
    due: date
    safe_target: date
    citation: str
    confidence: str
    status: str
    status_reason: str
    trail: tuple[str, ...]

    @property
    def verify(self) -> bool:
        return self.confidence != "confirmed"

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
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "rule": self.rule_id,
            "kind": self.kind,
            "old_due": iso(self.old_due),
            "old_safe_target": iso(self.old_safe_target),
            "new_due": iso(self.new_due),
            "new_safe_target": iso(self.new_safe_target),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class RecordsRequestView:
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

    def to_dict(self) -> dict[str, Any]:
        def iso(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "id": self.id,
            "matter": self.matter,
            "agency": self.agency,
            "description": self.description,
            "document_id": self.document_id,
            "sent_on": iso(self.sent_on),
            "received_on": iso(self.received_on),
            "response_on": iso(self.response_on),
            "denial_on": iso(self.denial_on),
            "status": self.status,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "pending": [c.to_dict() for c in self.pending],
        }


# --- use cases ------------------------------------------------------------------------------


def create_records_request(
    svc: Services,
    matter_number: str,
    agency_name: str,
    document_id: int | None = None,
    sent_on: date | None = None,
    *,
    description: str = "",
    received_on: date | None = None,
) -> RecordsRequestView:
    """Record a records request from a matter to an agency.

    Args:
        svc: The services.
        matter_number: E.g. ``TA-2026-0001``.
        agency_name: The agency's name as in the reference table (any case).
        document_id: The generated FOI request document, if any.
        sent_on: When it was sent (status ``sent``); None leaves it a draft.
        description: What records were asked for.
        received_on: When the agency received it (starts the response clock; status
            ``received``).

    Raises:
        NotFound: Unknown matter, agency or document.
    """
    from casekit.store.models import Document, RecordsRequest

    _check_order(
        {"sent_on": sent_on, "received_on": received_on, "response_on": None, "denial_on": None}
    )
    with svc.transaction() as session:
        matter = _matter(session, matter_number)
        agency = _agency(session, agency_name)
        if document_id is not None:
            doc = session.get(Document, document_id)
            if doc is None or doc.matter_id != matter.id:
                raise NotFound(f"document #{document_id} is not on matter {matter.number}")
        assert matter.id is not None and agency.id is not None
        req = RecordsRequest(
            matter_id=matter.id,
            agency_id=agency.id,
            description=description.strip(),
            document_id=document_id,
            sent_on=sent_on,
            received_on=received_on,
            status="received" if received_on else "sent" if sent_on else "draft",
        )
        session.add(req)
        session.flush()
        _sync_deadlines(svc, session, req)
        return _view(session, req)


def update_records_request(
    svc: Services,
    request_id: int,
    *,
    sent_on: date | None = KEEP,
    received_on: date | None = KEEP,
    response_on: date | None = KEEP,
    denial_on: date | None = KEEP,
    status: str | None = None,
    apply: bool = False,
) -> RecordsRequestView:
    """Change a request's dates and/or status and recompute its deadlines.

    The dates are saved at once, and a deadline a date starts for the first time is added. An
    existing open deadline that the change would move or remove is NOT changed unless ``apply``:
    the view's ``pending`` lists those changes for the attorney to confirm (nothing moves
    silently; call again with ``apply=True`` to accept them).

    A date left out is kept; ``None`` clears it. Without ``status`` the status advances to what
    the dates show (sent, received, answered, denied), never back.

    Raises:
        NotFound: No such request.
        InvalidInput: An unknown status, or dates out of order (received before sent...).
    """
    from casekit.store.models import RecordsRequest

    if status is not None:
        status = status.strip().lower()
        if status not in STATUSES:
            raise InvalidInput(f"unknown status '{status[:20]}' (known: {', '.join(STATUSES)})")
    with svc.transaction() as session:
        req = session.get(RecordsRequest, request_id)
        if req is None:
            raise NotFound(f"no records request #{request_id}")
        values = {
            "sent_on": req.sent_on if sent_on is KEEP else sent_on,
            "received_on": req.received_on if received_on is KEEP else received_on,
            "response_on": req.response_on if response_on is KEEP else response_on,
            "denial_on": req.denial_on if denial_on is KEEP else denial_on,
        }
        _check_order(values)
        for key, value in values.items():
            if getattr(req, key) != value:
                setattr(req, key, value)
        new_status = status or _implied_status(req.status, values)
        if new_status != req.status:
            req.status = new_status
        session.flush()
        pending = _sync_deadlines(svc, session, req, apply=apply)
        return replace(_view(session, req), pending=tuple(pending))


def list_records_requests(
    svc: Services, matter_number: str | None = None
) -> list[RecordsRequestView]:
    """Records requests (of one matter, or all), with their deadlines.

    Raises:
        NotFound: Unknown matter.
    """
    from sqlmodel import select

    from casekit.store.models import RecordsRequest

    with svc.transaction() as session:
        query = select(RecordsRequest)
        if matter_number is not None:
            matter = _matter(session, matter_number)
            query = query.where(RecordsRequest.matter_id == matter.id)
        rows = session.exec(query.order_by(RecordsRequest.id)).all()  # type: ignore[arg-type]
        return [_view(session, r) for r in rows]


# --- internals ------------------------------------------------------------------------------


def _matter(session: Session, number: str) -> Any:
    from casekit.store import repo

    return repo.get_matter(session=session, number=number)


def _agency(session: Session, name: str) -> Any:
    from casekit.store import repo

    if not name.strip():
        raise InvalidInput("give the agency's name")
    return repo.find_agency(session=session, name=name)


def _check_order(values: dict[str, date | None]) -> None:
    sent, received = values["sent_on"], values["received_on"]
    if sent and received and received < sent:
        raise InvalidInput("the received date is before the sent date")
    start = received or sent
    for key, word in (("response_on", "response"), ("denial_on", "denial")):
        value = values[key]
        if value and start and value < start:
            raise InvalidInput(f"the {word} date is before the request was sent or received")


def _implied_status(current: str, values: dict[str, date | None]) -> str:
    implied = current
    # In this order, so a denial outranks an answer recorded on the same request.
    for key, status in (
        ("sent_on", "sent"),
        ("received_on", "received"),
        ("response_on", "answered"),
        ("denial_on", "denied"),
    ):
        if values[key] and _STAGE[status] >= _STAGE[implied]:
            implied = status
    return implied


def _key(req: RecordsRequest, rule_id: str) -> str:
    return f"foi:{req.id}:{rule_id}"


def _current(session: Session, req: RecordsRequest, rule_id: str) -> Deadline | None:
    from sqlalchemy import or_
    from sqlmodel import select

    from casekit.store.models import Deadline

    return session.exec(
        select(Deadline)
        .where(Deadline.records_request_id == req.id)
        .where(Deadline.rule_id == rule_id)
        # A deadline closed with its matter is still the request's own: reopening restores it.
        .where(or_(Deadline.status != "superseded", Deadline.closed_with_matter.is_(True)))  # type: ignore[attr-defined,arg-type]
        .order_by(Deadline.id.desc())  # type: ignore[union-attr]
    ).first()


def _close_with_closed_matter(session: Session, row: Deadline) -> None:
    """A closed or declined matter takes no open deadline: a request's new deadline is stored
    closed with it (as closing the matter would have), and reopening the matter restores it."""
    from casekit.services.deadlines.lifecycle import CLOSED_STATUSES, closed_reason
    from casekit.store.models import Matter

    matter = session.get(Matter, row.matter_id)
    if matter is not None and matter.status in CLOSED_STATUSES:
        row.status = "superseded"
        row.status_reason = closed_reason(matter.status)
        row.closed_with_matter = True


def _law_version(svc: Services) -> str:
    from casekit.services.law.rules import law_pack

    return law_pack(svc).version.label


def _sync_deadlines(
    svc: Services, session: Session, req: RecordsRequest, *, apply: bool = True
) -> list[PendingChange]:
    """Bring the request's two deadlines in line with its dates and status.

    Without ``apply``, moves and removals of existing open deadlines are returned, not made.
    """
    pending: list[PendingChange] = []
    from casekit.domain.deadlines import compute
    from casekit.services.deadlines.court_calendar import court_calendar_in
    from casekit.services.law.rules import rule_set

    rules = rule_set(svc)
    calendar = court_calendar_in(session)

    response = None
    if req.received_on is not None:
        response = compute(rules.get(RESPONSE_RULE), req.received_on, calendar)
    answered = req.response_on is not None or req.denial_on is not None
    _apply(
        svc,
        session,
        req,
        RESPONSE_RULE,
        response,
        "foi_received",
        extra_trail=(),
        finished=(
            "agency responded"
            if answered
            else "records request closed"
            if req.status == "closed"
            else "appeal filed"
            if req.status == "appealed"
            else None
        ),
        gone_reason="the received date was removed",
        apply=apply,
        pending=pending,
    )

    appeal = None
    extra: tuple[str, ...] = ()
    if req.denial_on is not None:
        appeal = compute(rules.get(APPEAL_RULE), req.denial_on, calendar)
    elif response is not None and req.response_on is None:
        appeal = compute(rules.get(APPEAL_RULE), response.due, calendar)
        extra = (
            f"Deemed denial: no response recorded, so the request is treated as denied on "
            f"{response.due.isoformat()}, the 4th business day after receipt "
            f"({RESPONSE_RULE}, {rules.get(RESPONSE_RULE).citation}); record a response or "
            "denial date to change this.",
        )
    _apply(
        svc,
        session,
        req,
        APPEAL_RULE,
        appeal,
        "foi_denial",
        extra_trail=extra,
        finished=(
            "appeal filed"
            if req.status == "appealed"
            else "records request closed"
            if req.status == "closed"
            else None
        ),
        gone_reason="the agency responded and no denial is recorded"
        if req.response_on is not None
        else "no denial or receipt date recorded",
        apply=apply,
        pending=pending,
    )
    return pending


def _apply(
    svc: Services,
    session: Session,
    req: RecordsRequest,
    rule_id: str,
    result: DeadlineResult | None,
    trigger_event: str,
    *,
    extra_trail: tuple[str, ...],
    finished: str | None,
    gone_reason: str,
    apply: bool = True,
    pending: list[PendingChange] | None = None,
) -> None:
    from casekit.store.models import Deadline

    row = _current(session, req, rule_id)
    if row is not None and (row.status in _FROZEN or row.overridden):
        return  # done, waived or set by hand: never moved by a recompute
    if not apply and row is not None and row.status == "open" and finished is None:
        if result is None or (row.due, row.safe_target) != (result.due, result.safe_target):
            if pending is not None:
                pending.append(
                    PendingChange(
                        rule_id=rule_id,
                        kind="removed" if result is None else "moved",
                        old_due=row.due,
                        old_safe_target=row.safe_target,
                        new_due=None if result is None else result.due,
                        new_safe_target=None if result is None else result.safe_target,
                        reason=gone_reason if result is None else "a request date changed",
                    )
                )
            return  # waits for the attorney's confirmation
    if result is None:
        if row is not None and (row.status == "open" or row.closed_with_matter):
            row.status = "superseded"
            row.status_reason = gone_reason
            row.closed_with_matter = False  # gone for its own reason: nothing to restore
            row.changed_by = svc.actor
        return
    trail = [*extra_trail, *result.trail]
    if row is None:
        row = Deadline(
            matter_id=req.matter_id,
            key=_key(req, rule_id),
            rule_id=rule_id,
            title=result.title,
            kind="foi",
            trigger_event=trigger_event,
            trigger_date=result.trigger,
            due=result.due,
            safe_target=result.safe_target,
            citation=result.citation,
            confidence=result.confidence,
            trail=trail,
            records_request_id=req.id,
            law_version=_law_version(svc),
            changed_by=svc.actor,
        )
        _close_with_closed_matter(session, row)
        session.add(row)
    else:
        fresh = {
            "title": result.title,
            "trigger_date": result.trigger,
            "due": result.due,
            "safe_target": result.safe_target,
            "citation": result.citation,
            "confidence": result.confidence,
            "trail": trail,
        }
        changed = {k: v for k, v in fresh.items() if getattr(row, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(row, key, value)
            row.law_version = _law_version(svc)
            row.changed_by = svc.actor
    if finished is not None:
        row.status = "done"
        row.status_reason = finished
        row.closed_with_matter = False
        row.changed_by = svc.actor
    session.flush()


def _view(session: Session, req: RecordsRequest) -> RecordsRequestView:
    from sqlmodel import select

    from casekit.store.models import Agency, Deadline, Matter

    matter = session.get(Matter, req.matter_id)
    agency = session.get(Agency, req.agency_id)
    rows = session.exec(
        select(Deadline).where(Deadline.records_request_id == req.id).order_by(Deadline.id)  # type: ignore[arg-type]
    ).all()
    assert req.id is not None
    return RecordsRequestView(
        id=req.id,
        matter=matter.number if matter else "",
        agency=agency.name if agency else "",
        description=req.description,
        document_id=req.document_id,
        sent_on=req.sent_on,
        received_on=req.received_on,
        response_on=req.response_on,
        denial_on=req.denial_on,
        status=req.status,
        deadlines=tuple(
            RequestDeadline(
                id=d.id or 0,
                rule_id=d.rule_id,
                title=d.title,
                trigger_date=d.trigger_date,
                due=d.due,
                safe_target=d.safe_target,
                citation=d.citation,
                confidence=d.confidence,
                status=d.status,
                status_reason=d.status_reason,
                trail=tuple(d.trail),
            )
            for d in rows
        ),
    )
