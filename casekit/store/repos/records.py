"""Records (FOI) requests: the queries of ``casekit.services.records``."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_
from sqlmodel import Session, col, select

from casekit.store.models import Agency, Deadline, Document, Matter, RecordsRequest
from casekit.store.repos.rows import row_by_id

__all__ = [
    "Session",
    "agency_by_id",
    "current_deadline",
    "document_on_matter",
    "get_request",
    "matter_by_id",
    "request_deadlines",
    "requests",
]


def get_request(*, session: Session, request_id: int) -> RecordsRequest:
    """The request (NotFound when there is none)."""
    return row_by_id(session, RecordsRequest, request_id, f"no records request #{request_id}")


def requests(*, session: Session, matter_id: int | None = None) -> Sequence[RecordsRequest]:
    """Every request (of one matter when ``matter_id``), oldest first."""
    query = select(RecordsRequest)
    if matter_id is not None:
        query = query.where(RecordsRequest.matter_id == matter_id)
    return session.exec(query.order_by(col(RecordsRequest.id))).all()


def document_on_matter(*, session: Session, document_id: int, matter_id: int) -> Document | None:
    """The document if it belongs to the matter, else None."""
    doc = session.get(Document, document_id)
    return doc if doc is not None and doc.matter_id == matter_id else None


def matter_by_id(*, session: Session, matter_id: int) -> Matter | None:
    return session.get(Matter, matter_id)


def agency_by_id(*, session: Session, agency_id: int) -> Agency | None:
    return session.get(Agency, agency_id)


def current_deadline(*, session: Session, request_id: int, rule_id: str) -> Deadline | None:
    """The request's live deadline for a rule: not superseded, or closed with its matter (still
    the request's own: reopening restores it); the newest when there are several."""
    return session.exec(
        select(Deadline)
        .where(Deadline.records_request_id == request_id)
        .where(Deadline.rule_id == rule_id)
        .where(
            or_(col(Deadline.status) != "superseded", col(Deadline.closed_with_matter).is_(True))
        )
        .order_by(col(Deadline.id).desc())
    ).first()


def request_deadlines(*, session: Session, request_id: int) -> Sequence[Deadline]:
    """Every deadline of a request (superseded ones too), oldest first."""
    return session.exec(
        select(Deadline).where(Deadline.records_request_id == request_id).order_by(col(Deadline.id))
    ).all()
