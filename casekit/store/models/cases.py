"""A case: the client, the matter and its team, incident, custody events, parties, evidence,
records requests, documents and notes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, Text, UniqueConstraint, event
from sqlmodel import Field

from casekit.domain.phonetic import phonetic_keys
from casekit.store.models.base import TableBase, UTCDateTime, json_list_field, timestamp_field


class Client(TableBase, table=True):
    name: str
    name_key: str = Field(index=True)  # accent/case/punctuation-folded, for conflicts and search
    # Phonetic keys of the name and preferred name (" mVhVmVd Vli "): kept by _phonetic below.
    name_phonetic: str = Field(default="", sa_type=Text)
    preferred_name: str = ""
    # Sealed (casekit.store.sealed): a token of the ISO date, or of "" when unknown.
    date_of_birth: str = Field(default="", sa_type=Text)
    preferred_language: str = "en"
    phone: str = ""
    phone_safe: bool = False
    email: str = ""
    email_safe: bool = False
    address: str = ""
    address_safe: bool = False
    # Sensitive (SENSITIVE_FIELDS): sealed tokens, never plaintext (casekit.store.sealed seals
    # whatever is assigned before each flush). Set them to plaintext; read them with
    # sealed.open_client.
    a_number: str = ""
    immigration_status: str = ""
    # Blind indexes (keyed HMACs of the normalised values) so a lookup or a conflict check
    # never needs the plaintext: sealed.a_number_index / sealed.date_of_birth_index.
    a_number_bidx: str | None = Field(default=None, index=True)
    date_of_birth_bidx: str | None = Field(default=None, index=True)


class Matter(TableBase, table=True):
    # (attorney_id, status), not attorney_id alone: "open matters nobody answers for" (the
    # dashboard's flag, the fallback digest) is then counted from the index (migration 0011).
    __table_args__ = (Index("ix_matter_attorney_status", "attorney_id", "status"),)

    number: str = Field(unique=True, index=True)  # TA-2026-0001
    client_id: int = Field(foreign_key="client.id", index=True)
    status: str = Field(default="intake", index=True)
    attorney_id: int | None = Field(default=None, foreign_key="user.id")
    claims: list[str] = json_list_field()
    relief_sought: str = Field(default="", sa_type=Text)
    opened_on: date
    closed_on: date | None = None
    # Deadline triggers recorded on the matter (casekit.services.deadlines): the Claims
    # Commissioner's permission to sue (§ 4-160(d): suit within 1 year) and the dismissal of an
    # earlier action (§ 52-592 savings statute: new action within 1 year).
    authorization_on: date | None = None
    dismissed_on: date | None = None
    # Denormalised, folded text for instant search (client name, number, town, agency).
    search_text: str = Field(default="", sa_type=Text)
    # An ethical wall: on PostgreSQL a restricted matter, and every row that belongs to it, is
    # visible only to the roles in its MatterTeam (row-level security, casekit.store.office).
    restricted: bool = False
    # How the matter ended (domain.fees.OUTCOMES), recorded when it closes (migration 0009).
    outcome: str = ""
    # Service of process (migration 0014): the date of process, the return date chosen and the
    # delivery to a marshal; they start the serve-by, return-to-court and marshal deadlines.
    process_on: date | None = None
    return_on: date | None = None
    marshal_delivery_on: date | None = None


class MatterTeam(TableBase, table=True):
    """A database role (a person's login or a group) on a restricted matter's team."""

    __table_args__ = (UniqueConstraint("matter_id", "role_name", name="uq_matterteam_member"),)

    matter_id: int = Field(foreign_key="matter.id", index=True)
    role_name: str


class Incident(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    occurred_on: date = Field(index=True)
    occurred_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    town_id: int = Field(foreign_key="town.id", index=True)
    agency_id: int = Field(foreign_key="agency.id", index=True)
    contact_type: str = ""
    violations: list[str] = json_list_field()
    administrative_warrant_only: bool = False
    judicial_warrant: bool = False
    # [{"section": "53a-101", "felony_class": "B" | null}]
    convictions: list[dict[str, Any]] = json_list_field()
    tsdb_match: bool = False
    narrative: str = Field(default="", sa_type=Text)
    officers: list[str] = json_list_field()


class CustodyEvent(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    kind: str  # domain.model.CUSTODY_KINDS
    at: datetime = Field(sa_type=UTCDateTime)
    source_evidence_id: int | None = Field(default=None, foreign_key="evidence.id")
    note: str = Field(default="", sa_type=Text)
    # Removed by mistake (migration 0019): the row stays, with when, who and why; readers
    # leave it out (``removed_at IS NULL``).
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    removed_by: str = Field(default="", sa_column_kwargs={"server_default": ""})
    removed_reason: str = Field(default="", sa_type=Text, sa_column_kwargs={"server_default": ""})


class Party(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    role: str  # defendant | plaintiff | witness | opposing_counsel
    kind: str = ""  # municipality | state | agency | person
    name: str
    name_key: str = Field(default="", index=True)
    name_phonetic: str = Field(default="", sa_type=Text)  # kept by _phonetic below
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    town_id: int | None = Field(default=None, foreign_key="town.id")
    capacity: str = ""  # official | individual
    service_address: str = ""


class Evidence(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    kind: str  # domain.model.EVIDENCE_KINDS
    description: str = ""
    original_name: str = ""
    obtained_on: date | None = None
    source: str = ""
    sha256: str = Field(index=True)
    stored_path: str = ""  # relative to CASEKIT_HOME/evidence
    size_bytes: int = 0
    proves: list[str] = json_list_field()  # V/E codes


class EvidenceCustody(TableBase, table=True):
    """Chain of custody: every receipt, view, export and copy of an evidence item."""

    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    at: datetime = timestamp_field()
    actor: str
    action: str  # received | viewed | exported | copied | verified
    detail: str = ""
    from_location: str = ""
    to_location: str = ""


class RecordsRequest(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    agency_id: int = Field(foreign_key="agency.id")
    description: str = Field(default="", sa_type=Text)
    document_id: int | None = Field(default=None, foreign_key="document.id")
    sent_on: date | None = None
    received_on: date | None = None  # received by the agency: starts § 1-206(a)
    response_on: date | None = None
    denial_on: date | None = None
    status: str = "draft"  # draft | sent | received | answered | denied | appealed | closed


class Document(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    template: str
    language: str = "en"
    output_path: str
    sha256: str
    generated_at: datetime = timestamp_field()
    generated_by: str = ""


class Note(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    author: str
    body: str = Field(sa_type=Text)


# --- derived columns ----------------------------------------------------------------------------


def _phonetic(_mapper: Any, _connection: Any, target: Any) -> None:
    """Keep ``name_phonetic`` in step with the name on every ORM insert and update, whoever
    writes the row (the conflict check finds "Mohammed" for "Muhammad" through it). Bulk Core
    inserts (the demo) set it themselves."""

    target.name_phonetic = phonetic_keys(target.name or "", getattr(target, "preferred_name", ""))


for _model in (Client, Party):
    event.listen(_model, "before_insert", _phonetic)
    event.listen(_model, "before_update", _phonetic)
