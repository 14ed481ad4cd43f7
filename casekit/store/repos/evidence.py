"""The evidence vault's rows: the queries of ``casekit.services.evidence``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from casekit.store import audit
from casekit.store.models import Client, Evidence, EvidenceCustody, Incident, Matter
from casekit.store.repos.rows import row_by_id

__all__ = [
    "Session",
    "add_custody",
    "client_by_id",
    "custody_counts",
    "custody_entries",
    "evidence_or_none",
    "first_with_sha",
    "get_evidence",
    "incident_on_matter",
    "matter_evidence",
    "matter_incidents",
    "recorded_hashes",
    "sha_in_use",
    "vault_items",
]


def get_evidence(*, session: Session, evidence_id: int) -> Evidence:
    """The item (NotFound when there is none)."""
    return row_by_id(session, Evidence, evidence_id, f"no evidence item #{evidence_id}")


def evidence_or_none(*, session: Session, evidence_id: int | None) -> Evidence | None:
    """The item, or None (deleted meanwhile)."""
    return None if evidence_id is None else session.get(Evidence, evidence_id)


def add_custody(*, session: Session, entry: EvidenceCustody) -> None:
    session.add(entry)


def first_with_sha(*, session: Session, sha256: str) -> Evidence | None:
    """The oldest item with this content, if any."""
    return session.exec(
        select(Evidence).where(Evidence.sha256 == sha256).order_by(col(Evidence.id))
    ).first()


def sha_in_use(*, session: Session, sha256: str) -> bool:
    """Whether any item points at this content."""
    return session.exec(select(Evidence.id).where(Evidence.sha256 == sha256)).first() is not None


def matter_evidence(*, session: Session, matter_id: int | None) -> Sequence[Evidence]:
    """A matter's items, oldest first."""
    return session.exec(
        select(Evidence).where(Evidence.matter_id == matter_id).order_by(col(Evidence.id))
    ).all()


def incident_on_matter(*, session: Session, incident_id: int, matter_id: int | None) -> bool:
    incident = session.get(Incident, incident_id)
    return incident is not None and incident.matter_id == matter_id


def matter_incidents(*, session: Session, matter_id: int | None) -> Sequence[Incident]:
    return session.exec(select(Incident).where(Incident.matter_id == matter_id)).all()


def client_by_id(*, session: Session, client_id: int) -> Client | None:
    return session.get(Client, client_id)


def custody_counts(*, session: Session, ids: Sequence[int | None]) -> dict[int, int]:
    """Custody entries per item."""
    if not ids:
        return {}
    rows = session.exec(
        select(EvidenceCustody.evidence_id, func.count())
        .where(col(EvidenceCustody.evidence_id).in_(ids))
        .group_by(col(EvidenceCustody.evidence_id))
    ).all()
    return {int(k): int(n) for k, n in rows}


def custody_entries(
    *, session: Session, ids: Sequence[int | None]
) -> dict[int, list[EvidenceCustody]]:
    """The items' custody entries, oldest first, per item."""
    out: dict[int, list[EvidenceCustody]] = {}
    if not ids:
        return out
    for entry in session.exec(
        select(EvidenceCustody)
        .where(col(EvidenceCustody.evidence_id).in_(ids))
        .order_by(col(EvidenceCustody.at), col(EvidenceCustody.id))
    ).all():
        out.setdefault(entry.evidence_id, []).append(entry)
    return out


def vault_items(*, session: Session, matter_id: int | None = None) -> Sequence[Any]:
    """(id, sha256, stored path, matter number) of every item (of one matter), by id."""
    query = select(Evidence.id, Evidence.sha256, Evidence.stored_path, Matter.number).join(
        Matter, col(Matter.id) == col(Evidence.matter_id)
    )
    if matter_id is not None:
        query = query.where(Evidence.matter_id == matter_id)
    return session.exec(query.order_by(col(Evidence.id))).all()


def recorded_hashes(
    *, session: Session, ids: Iterable[int]
) -> dict[int, list[audit.RecordedValue]]:
    """The SHA-256 values the audit chain recorded for the items (``audit.recorded_values``)."""
    return audit.recorded_values(session.connection(), "evidence", ids, "sha256")
