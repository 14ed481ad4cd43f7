"""Record, update and list records requests; every change recomputes the request's clocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput, NotFound
from casekit.services.base import in_own_transaction
from casekit.services.records.clocks import sync_deadlines
from casekit.services.records.views import STATUSES, RecordsRequestView, request_view
from casekit.store import repo as store_repo
from casekit.store.models import RecordsRequest
from casekit.store.repos import records as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.models import Agency
    from casekit.store.repos.records import Session

_STAGE = {s: i for i, s in enumerate(STATUSES)}
_STAGE["denied"] = _STAGE["answered"]  # answered and denied are alternatives, not steps


class _Keep:
    """Marker: leave this field as it is."""


KEEP: Any = _Keep()


def create_records_request_in(
    session: Session,
    svc: AppContext,
    matter_number: str,
    agency_name: str,
    document_id: int | None = None,
    sent_on: date | None = None,
    *,
    description: str = "",
    received_on: date | None = None,
) -> RecordsRequestView:
    """Record a records request from a matter to an agency, inside the caller's transaction (a
    generated FOI request records its request with the document, in one transaction).

    Args:
        session: The caller's transaction.
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
    _check_order(
        {"sent_on": sent_on, "received_on": received_on, "response_on": None, "denial_on": None}
    )
    matter = store_repo.get_matter(session=session, number=matter_number)
    agency = _agency(session, agency_name)
    if matter.id is None or agency.id is None:
        raise NotFound("the matter or the agency is not stored")
    if document_id is not None and not repo.document_on_matter(
        session=session, document_id=document_id, matter_id=matter.id
    ):
        raise NotFound(f"document #{document_id} is not on matter {matter.number}")
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
    sync_deadlines(svc, session, req)
    return request_view(session, req)


#: :func:`create_records_request_in` in a transaction of its own (``svc`` first).
create_records_request = in_own_transaction(create_records_request_in)


def update_records_request(
    svc: AppContext,
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
    if status is not None:
        status = status.strip().lower()
        if status not in STATUSES:
            raise InvalidInput(f"unknown status '{status[:20]}' (known: {', '.join(STATUSES)})")
    given = {
        "sent_on": sent_on,
        "received_on": received_on,
        "response_on": response_on,
        "denial_on": denial_on,
    }
    with svc.transaction() as session:
        req = repo.get_request(session=session, request_id=request_id)
        values = {k: getattr(req, k) if v is KEEP else v for k, v in given.items()}
        _check_order(values)
        for key, value in values.items():
            if getattr(req, key) != value:
                setattr(req, key, value)
        new_status = status or _implied_status(req.status, values)
        if new_status != req.status:
            req.status = new_status
        session.flush()
        pending = sync_deadlines(svc, session, req, apply=apply)
        return replace(request_view(session, req), pending=tuple(pending))


def list_records_requests(
    svc: AppContext, matter_number: str | None = None
) -> list[RecordsRequestView]:
    """Records requests (of one matter, or all), with their deadlines.

    Raises:
        NotFound: Unknown matter.
    """
    with svc.transaction() as session:
        matter_id = store_repo.matter_id_of(session=session, number=matter_number)
        rows = repo.requests(session=session, matter_id=matter_id)
        return [request_view(session, r) for r in rows]


def _agency(session: Session, name: str) -> Agency:
    if not name.strip():
        raise InvalidInput("give the agency's name")
    return store_repo.find_agency(session=session, name=name)


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
