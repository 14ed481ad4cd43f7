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

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
from casekit.errors import NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.store import models

__all__ = ["find_matter", "matter_facts", "to_local"]


def find_matter(session: Session, number_or_id: str | int) -> models.Matter:
    """The matter with this number (``TA-2026-0001``, any case) or id (``12`` or ``"12"``).

    Raises:
        NotFound: no such matter.
    """
    from casekit.store import repo
    from casekit.store.models import Matter

    if isinstance(number_or_id, int) or str(number_or_id).strip().isdigit():
        matter_id = int(number_or_id)
        row = session.get(Matter, matter_id)
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
    from casekit.domain.calendar import LOCAL_TZ

    return at.astimezone(LOCAL_TZ)


def facts_for(
    session: Session, matter: models.Matter, *, include_sensitive: bool = False
) -> MatterFacts:
    """:func:`matter_facts` for a matter row already loaded."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import models as m

    assert matter.id is not None
    client_row = session.get(m.Client, matter.client_id)
    if client_row is None:  # pragma: no cover - a foreign key guarantees it
        raise NotFound(f"matter {matter.number} has no client")

    incident_rows = list(
        session.scalars(
            select(m.Incident)
            .where(col(m.Incident.matter_id) == matter.id)
            .order_by(col(m.Incident.occurred_on), col(m.Incident.id))
        )
    )
    party_rows = list(
        session.scalars(
            select(m.Party).where(col(m.Party.matter_id) == matter.id).order_by(col(m.Party.id))
        )
    )
    agency_ids = {i.agency_id for i in incident_rows} | {
        p.agency_id for p in party_rows if p.agency_id is not None
    }
    agencies = _by_id(session, m.Agency, agency_ids)
    town_ids = (
        {i.town_id for i in incident_rows}
        | {p.town_id for p in party_rows if p.town_id is not None}
        | {a.town_id for a in agencies.values() if a.town_id is not None}
    )
    towns = _by_id(session, m.Town, town_ids)

    def town_name(town_id: int | None) -> str | None:
        town = towns.get(town_id) if town_id is not None else None
        return town.name if town else None

    def agency_name(agency_id: int | None) -> str | None:
        agency = agencies.get(agency_id) if agency_id is not None else None
        return agency.name if agency else None

    incidents = tuple(
        Incident(
            occurred_on=row.occurred_on,
            town=town_name(row.town_id) or "",
            agency=agency_name(row.agency_id) or "",
            agency_kind=agencies[row.agency_id].kind if row.agency_id in agencies else "",
            occurred_at=to_local(row.occurred_at) if row.occurred_at is not None else None,
            contact_type=row.contact_type,
            violations=tuple(row.violations or ()),
            judicial_warrant=row.judicial_warrant,
            convictions=tuple(_conviction(c) for c in row.convictions or ()),
            tsdb_match=row.tsdb_match,
            narrative=row.narrative,
            officers=tuple(row.officers or ()),
        )
        for row in incident_rows
    )
    custody = tuple(
        CustodyEvent(kind=row.kind, at=to_local(row.at), note=row.note)
        for row in session.scalars(
            select(m.CustodyEvent)
            .where(col(m.CustodyEvent.matter_id) == matter.id)
            .where(col(m.CustodyEvent.removed_at).is_(None))
            .order_by(col(m.CustodyEvent.at), col(m.CustodyEvent.id))
        )
    )
    parties = tuple(
        Party(
            role=row.role,
            name=row.name,
            capacity=row.capacity,
            kind=row.kind,
            service_address=row.service_address,
            agency=agency_name(row.agency_id),
            town=town_name(row.town_id),
        )
        for row in party_rows
    )
    deadlines = tuple(
        DeadlineView(
            rule_id=row.rule_id,
            title=row.title,
            due=row.due,
            safe_target=row.safe_target,
            citation=row.citation,
            confidence=row.confidence,
            status=row.status,
            trigger_event=row.trigger_event,
            trigger_date=row.trigger_date,
            trail=tuple(row.trail or ()),
            overridden=row.overridden,
        )
        for row in session.scalars(
            select(m.Deadline)
            .where(col(m.Deadline.matter_id) == matter.id, col(m.Deadline.status) == "open")
            .order_by(col(m.Deadline.due), col(m.Deadline.id))
        )
    )
    evidence = tuple(
        EvidenceItem(
            kind=row.kind,
            description=row.description,
            sha256=row.sha256,
            obtained_on=row.obtained_on,
            source=row.source,
            proves=tuple(row.proves or ()),
        )
        for row in session.scalars(
            select(m.Evidence)
            .where(col(m.Evidence.matter_id) == matter.id)
            .order_by(col(m.Evidence.id))
        )
    )
    attorney = None
    if matter.attorney_id is not None:
        user = session.get(m.User, matter.attorney_id)
        if user is not None:
            attorney = Attorney(
                name=user.name, juris_number=user.juris_number, email=user.email, phone=user.phone
            )
    first_town = towns.get(incident_rows[0].town_id) if incident_rows else None
    ordered_agencies = sorted(agencies.values(), key=lambda a: a.name)
    return MatterFacts(
        number=matter.number,
        status=matter.status,
        client=_client(session, client_row, include_sensitive=include_sensitive),
        incidents=incidents,
        custody=custody,
        parties=parties,
        claims=tuple(matter.claims or ()),
        relief_sought=matter.relief_sought,
        attorney=attorney,
        deadlines=deadlines,
        evidence=evidence,
        incident_town=_town(first_town) if first_town is not None else None,
        agencies=tuple(
            Agency(
                name=a.name,
                kind=a.kind,
                town=town_name(a.town_id),
                employer=a.employer,
                address=a.address,
                address_status=a.address_status,
            )
            for a in ordered_agencies
        ),
        towns=tuple(_town(t) for t in sorted(towns.values(), key=lambda t: t.name)),
    )


def _by_id(session: Session, model: Any, ids: Iterable[int]) -> dict[int, Any]:
    from sqlalchemy import select
    from sqlmodel import col

    wanted = sorted(set(ids))
    if not wanted:
        return {}
    return {row.id: row for row in session.scalars(select(model).where(col(model.id).in_(wanted)))}


def _client(session: Session, row: models.Client, *, include_sensitive: bool) -> Client:
    """The client as documents see it. Contact fields the firm encrypted are opened (a letter
    needs the address; templates still use a channel only when it is safe to contact); the
    A-number, immigration status and date of birth only when ``include_sensitive``."""
    from casekit.store import crypto, sealed

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
    return Town(
        name=row.name,
        county=row.county,
        judicial_district=row.judicial_district,
        jd_court_location=row.jd_court_location,
        jd_courthouse_address=row.jd_courthouse_address,
        judicial_district_before_2025_10_01=row.judicial_district_before_2025_10_01,
        jd_confidence=row.jd_confidence,
        jd_court_town=row.jd_court_town,
        jd_court_note=row.jd_court_note,
        legal_name=row.legal_name,
        clerk_title=row.clerk_title,
        clerk_address=row.clerk_address,
    )
