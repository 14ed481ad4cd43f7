"""One matter's stored rows as the domain's plain values (``MatterFacts``).

Documents, the TUI's document preview and anything else that reasons about a whole matter read
it through :func:`matter_facts`, so every screen and every document sees the same facts:

* the client (the A-number and immigration status only when ``include_sensitive``: no shipped
  template uses them, so a document never carries them by accident);
* incidents by date, with the town and agency names and the agency's kind; times in Connecticut
  wall time;
* the custody timeline, parties (with their agency and town names), claims, relief sought and the
  responsible attorney;
* the **open** deadlines as :class:`~casekit.domain.model.DeadlineView` by due date;
* evidence items; the first incident's :class:`~casekit.domain.model.Town` (both judicial
  districts, so a document can pick the one in force on its filing date) and every agency the
  matter mentions.

Nothing here writes; the caller owns the session (and the transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.model import (
    Agency,
    Attorney,
    Client,
    Conviction,
    CustodyEvent,
    DeadlineView,
    EvidenceItem,
    Incident,
    MatterFacts,
    Party,
    Town,
)
from casekit.domain.records import from_fields, from_row
from casekit.errors import NotFound
from casekit.store import crypto, repo, sealed
from casekit.store.repos import documents as documents_repo
from casekit.store.repos import evidence as evidence_repo
from casekit.store.repos import matters as matters_repo
from casekit.store.repos import parties as parties_repo

if TYPE_CHECKING:
    from casekit.store import models
    from casekit.store.repos.documents import Session

__all__ = ["find_matter", "matter_facts", "to_local"]


def find_matter(session: Session, number_or_id: str | int) -> models.Matter:
    """The matter with this number (``TA-2026-0001``, any case) or id (``12`` or ``"12"``).

    Raises:
        NotFound: no such matter.
    """
    if isinstance(number_or_id, int) or str(number_or_id).strip().isdigit():
        matter_id = int(number_or_id)
        row = documents_repo.matter_by_id(session=session, matter_id=matter_id)
        if row is None:
            raise NotFound(f"no matter has id {matter_id} (see casekit matter list)")
        return row
    return repo.get_matter(session=session, number=str(number_or_id))


def matter_facts(
    session: Session, number_or_id: str | int, *, include_sensitive: bool = False
) -> MatterFacts:
    """Everything a document or a screen needs about one matter, as frozen domain values.

    Args:
        session: an open session (read only).
        number_or_id: the matter number or its id.
        include_sensitive: also fill the client's A-number and immigration status.

    Raises:
        NotFound: no such matter.
    """
    return facts_for(
        session, find_matter(session, number_or_id), include_sensitive=include_sensitive
    )


def to_local(at: datetime) -> datetime:
    """Connecticut wall time of a stored (aware, UTC) timestamp."""
    return at.astimezone(LOCAL_TZ)


@dataclass(frozen=True)
class _Names:
    """The agencies and towns a matter mentions, by id."""

    agencies: dict[int, models.Agency]
    towns: dict[int, models.Town]

    def town(self, town_id: int | None) -> str | None:
        town = self.towns.get(town_id) if town_id is not None else None
        return town.name if town else None

    def agency(self, agency_id: int | None) -> str | None:
        agency = self.agencies.get(agency_id) if agency_id is not None else None
        return agency.name if agency else None


def _names(
    session: Session,
    incident_rows: Sequence[models.Incident],
    party_rows: Sequence[models.Party],
) -> _Names:
    agency_ids = {i.agency_id for i in incident_rows} | {
        p.agency_id for p in party_rows if p.agency_id is not None
    }
    agencies = documents_repo.agencies_by_id(session=session, ids=agency_ids)
    town_ids = (
        {i.town_id for i in incident_rows}
        | {p.town_id for p in party_rows if p.town_id is not None}
        | {a.town_id for a in agencies.values() if a.town_id is not None}
    )
    return _Names(agencies, documents_repo.towns_by_id(session=session, ids=town_ids))


def facts_for(
    session: Session, matter: models.Matter, *, include_sensitive: bool = False
) -> MatterFacts:
    """:func:`matter_facts` for a matter row already loaded."""
    if matter.id is None:  # pragma: no cover - a loaded row has its id
        raise NotFound(f"matter {matter.number} is not stored")
    client_row = documents_repo.client(session=session, client_id=matter.client_id)
    if client_row is None:  # pragma: no cover - a foreign key guarantees it
        raise NotFound(f"matter {matter.number} has no client")
    incident_rows = documents_repo.incidents(session=session, matter_id=matter.id)
    party_rows = parties_repo.parties_of(session=session, matter_id=matter.id)
    names = _names(session, incident_rows, party_rows)
    first_town = names.towns.get(incident_rows[0].town_id) if incident_rows else None
    return MatterFacts(
        number=matter.number,
        status=matter.status,
        client=_client(session, client_row, include_sensitive=include_sensitive),
        incidents=tuple(_incident(row, names) for row in incident_rows),
        custody=_custody(session, matter.id),
        parties=tuple(_party(row, names) for row in party_rows),
        claims=tuple(matter.claims or ()),
        relief_sought=matter.relief_sought,
        attorney=_attorney(session, matter.attorney_id),
        deadlines=_deadlines(session, matter.id),
        evidence=_evidence(session, matter.id),
        incident_town=_town(first_town) if first_town is not None else None,
        agencies=tuple(
            _agency(a, names) for a in sorted(names.agencies.values(), key=lambda a: a.name)
        ),
        towns=tuple(_town(t) for t in sorted(names.towns.values(), key=lambda t: t.name)),
    )


def _incident(row: models.Incident, names: _Names) -> Incident:
    return from_row(
        Incident,
        row,
        town=names.town(row.town_id) or "",
        agency=names.agency(row.agency_id) or "",
        agency_kind=names.agencies[row.agency_id].kind if row.agency_id in names.agencies else "",
        occurred_at=to_local(row.occurred_at) if row.occurred_at is not None else None,
        convictions=tuple(_conviction(c) for c in row.convictions or ()),
    )


def _party(row: models.Party, names: _Names) -> Party:
    return from_fields(Party, row, agency=names.agency(row.agency_id), town=names.town(row.town_id))


def _agency(row: models.Agency, names: _Names) -> Agency:
    return from_fields(Agency, row, town=names.town(row.town_id))


def _custody(session: Session, matter_id: int) -> tuple[CustodyEvent, ...]:
    return tuple(
        CustodyEvent(kind=row.kind, at=to_local(row.at), note=row.note)
        for row in matters_repo.custody_events(session=session, matter_id=matter_id)
    )


def _deadlines(session: Session, matter_id: int) -> tuple[DeadlineView, ...]:
    return tuple(
        from_fields(DeadlineView, row, trail=tuple(row.trail or ()))
        for row in documents_repo.open_deadlines(session=session, matter_id=matter_id)
    )


def _evidence(session: Session, matter_id: int) -> tuple[EvidenceItem, ...]:
    return tuple(
        from_fields(EvidenceItem, row, proves=tuple(row.proves or ()))
        for row in evidence_repo.matter_evidence(session=session, matter_id=matter_id)
    )


def _attorney(session: Session, attorney_id: int | None) -> Attorney | None:
    if attorney_id is None:
        return None
    user = documents_repo.user(session=session, user_id=attorney_id)
    if user is None:
        return None
    return from_fields(Attorney, user)


def _client(session: Session, row: models.Client, *, include_sensitive: bool) -> Client:
    """The client as documents see it. Contact fields the firm encrypted are opened (a letter
    needs the address; templates still use a channel only when it is safe to contact); the
    A-number, immigration status and date of birth only when ``include_sensitive``."""
    contact = {"phone": row.phone, "email": row.email, "address": row.address}
    secret: dict[str, Any] = {}
    if include_sensitive or any(crypto.is_token(v) for v in contact.values()):
        secret = sealed.open_client(
            sealed.session_cipher(session), row, marked=sealed.session_marked(session)
        )
        contact.update({k: secret[k] for k in contact if k in secret})
    if not include_sensitive:
        secret = {}
    return Client(
        name=row.name,
        preferred_name=row.preferred_name,
        date_of_birth=secret.get("date_of_birth"),
        preferred_language=row.preferred_language or "en",
        phone=contact["phone"],
        phone_safe=row.phone_safe,
        email=contact["email"],
        email_safe=row.email_safe,
        address=contact["address"],
        address_safe=row.address_safe,
        a_number=secret.get("a_number", ""),
        immigration_status=secret.get("immigration_status", ""),
    )


def _conviction(value: Any) -> Conviction:
    if isinstance(value, dict):
        felony_class = value.get("felony_class")
        return Conviction(
            section=str(value.get("section", "")),
            felony_class=str(felony_class) if felony_class else None,
        )
    return Conviction(section=str(value))


def _town(row: models.Town) -> Town:
    return from_fields(Town, row)
