"""The tables (DESIGN.md, "Data model").

Every row has ``id``, ``created_at``, ``updated_at`` and ``version``. ``version`` is SQLAlchemy's
``version_id_col``: an UPDATE that finds another session already moved the version raises
``StaleDataError``, which the repositories turn into a clear ``ConflictError`` (optimistic
locking: two people editing one matter never silently overwrite each other).

Sensitive client fields (A-number, immigration status, date of birth) are listed in
``SENSITIVE_FIELDS``: they are stored only as sealed tokens (``casekit.store.sealed``), the audit
log never records their values and exports leave them out unless asked.
List-valued fields (violation codes, claims, trail steps) are JSON columns.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Index,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no zone: it would store an aware local time's wall clock as if it were UTC, and
    hand every value back naive. Converting on the way in and tagging on the way out here keeps
    that out of every caller.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _ts(*, index: bool = False) -> Any:
    return Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        index=index,
    )


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class TableBase(SQLModel):
    """Columns every table has."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = _ts()
    updated_at: datetime = _ts()
    version: int = Field(default=1, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --- reference data (seeded by a migration from db/seed) -----------------------------------


class Town(TableBase, table=True):
    name: str = Field(unique=True, index=True)
    county: str
    judicial_district: str
    jd_court_location: str
    jd_courthouse_address: str
    judicial_district_before_2025_10_01: str
    # The town a caption names after "AT" (Rockville, Putnam) and a remark that is not part of
    # it ("also sits at Meriden ..."): split from jd_court_location (migration 0015).
    jd_court_town: str = ""
    jd_court_note: str = ""
    jd_history_note: str = ""
    jd_source: str = ""
    jd_confidence: str = ""
    police_service: str = ""
    clerk_address: str = ""  # the town clerk, for § 7-465 notices; filled by the firm
    # The municipality as it sues and is sued ("City of Hartford", "Borough of Naugatuck"), with
    # where that name comes from (db/seed/municipalities.csv, migration 0011).
    legal_name: str = ""
    municipal_form: str = ""  # town | consolidated town and city | consolidated town and borough
    clerk_title: str = ""  # "Town Clerk", "City Clerk"; "" when no source names it
    legal_name_source: str = Field(default="", sa_type=Text)
    legal_name_confidence: str = ""
    legal_name_note: str = Field(default="", sa_type=Text)


class Agency(TableBase, table=True):
    name: str = Field(unique=True, index=True)
    kind: str = Field(index=True)
    town_id: int | None = Field(default=None, foreign_key="town.id", index=True)
    employer: str = ""
    address: str = ""
    address_status: str = ""
    source: str = Field(default="", sa_type=Text)
    trust_act_coverage: str = ""
    notes: str = Field(default="", sa_type=Text)
    clerk_for_notices: str = ""


# --- people and firm ------------------------------------------------------------------------


class User(TableBase, table=True):
    """An attorney, paralegal or administrator of the office."""

    name: str = Field(unique=True)
    role: str = "attorney"  # attorney | paralegal | law_clerk (timekeepers) | admin
    juris_number: str = ""
    email: str = ""
    phone: str = ""
    active: bool = True


class Setting(TableBase, table=True):
    """Firm settings: ``firm.name``, ``firm.address``, ``smtp.host`` ... and ``casekit.demo``."""

    key: str = Field(unique=True, index=True)
    value: str = Field(default="", sa_type=Text)


class Coverage(TableBase, table=True):
    """Attorney ``attorney_id``'s deadlines go to ``covering_id`` from ``starts_on`` to
    ``ends_on`` (both days included): vacation, leave, a trial elsewhere."""

    attorney_id: int = Field(foreign_key="user.id", index=True)
    covering_id: int = Field(foreign_key="user.id")
    starts_on: date
    ends_on: date = Field(index=True)
    note: str = Field(default="", sa_type=Text)
    created_by: str = ""


class CourtClosure(TableBase, table=True):
    closed_on: date = Field(unique=True, index=True)
    reason: str


SENSITIVE_FIELDS: dict[str, frozenset[str]] = {
    "client": frozenset({"a_number", "immigration_status", "date_of_birth"}),
}

#: The columns only attorneys and admins may read on PostgreSQL (column privileges,
#: :mod:`casekit.store.office`), by table. A column counts when its name is one of these or
#: starts with one of them followed by ``_`` (an encrypted or keyed-hash form a later migration
#: adds, such as ``a_number_hash``), so the privileges follow the live catalog.
SENSITIVE_COLUMNS: dict[str, frozenset[str]] = SENSITIVE_FIELDS


class EncryptionKey(TableBase, table=True):
    """A key this database's sealed values use: its id and a key check (``casekit.store.keys``).

    The key itself is never stored here. ``current`` is True for the one key new values are
    sealed with and NULL for retired keys (unique: two keys can never both be current).
    """

    kid: str = Field(unique=True)
    check: str = Field(sa_type=Text)
    current: bool | None = Field(default=None, unique=True)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


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
    claims: list[str] = _json_list()
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
    violations: list[str] = _json_list()
    administrative_warrant_only: bool = False
    judicial_warrant: bool = False
    # [{"section": "53a-101", "felony_class": "B" | null}]
    convictions: list[dict[str, Any]] = _json_list()
    tsdb_match: bool = False
    narrative: str = Field(default="", sa_type=Text)
    officers: list[str] = _json_list()


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
    proves: list[str] = _json_list()  # V/E codes


class EvidenceCustody(TableBase, table=True):
    """Chain of custody: every receipt, view, export and copy of an evidence item."""

    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    at: datetime = _ts()
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


class Deadline(TableBase, table=True):
    # (matter_id, status), not matter_id alone: "has this matter an open deadline?" is then
    # answered from the index (migration 0005).
    __table_args__ = (Index("ix_deadline_matter_status", "matter_id", "status"),)

    matter_id: int = Field(foreign_key="matter.id")
    key: str = ""  # stable identity for recompute (rule + trigger + party/request)
    rule_id: str = Field(index=True)
    title: str
    kind: str = ""  # limitation | notice | filing | foi | return | measure | manual
    trigger_event: str = ""
    trigger_date: date | None = None
    due: date = Field(index=True)
    safe_target: date = Field(index=True)
    citation: str = ""
    confidence: str = ""
    status: str = Field(default="open", index=True)  # open | done | waived | superseded
    status_reason: str = Field(default="", sa_type=Text)
    manual: bool = False
    overridden: bool = False
    trail: list[str] = _json_list()
    party_id: int | None = Field(default=None, foreign_key="party.id")
    records_request_id: int | None = Field(default=None, foreign_key="recordsrequest.id")
    changed_by: str = ""
    # The law pack version the deadline was computed from ("" for manual ones; migration 0006).
    law_version: str = Field(default="", sa_column_kwargs={"server_default": ""})
    # Superseded because its matter closed (migration 0014): reopening the matter restores it.
    closed_with_matter: bool = False
    # The latest tolling or extension (DeadlineAdjustment): a recompute never moves the deadline
    # before it (a later computed date still wins).
    adjusted_due: date | None = None
    # The day it was marked done (migration 0018); None while open, waived or superseded.
    completed_on: date | None = None


class RecomputeMarker(TableBase, table=True):
    """A matter's deadlines are out of date: a trigger changed (the incident's date) and the
    recompute it causes has not been accepted (migration 0018).

    Open (``resolution == ""``) until the recompute is accepted (``accepted``) or the attorney
    keeps the deadlines as they are with a reason (``kept``). ``deadline_ids`` are the stored
    deadlines the recompute would move or remove; ``added`` how many it would add.
    """

    matter_id: int = Field(foreign_key="matter.id", index=True)
    cause: str  # what changed, in words: "incident date 2025-12-13 → 2025-12-12"
    changed_on: date  # the day it changed
    changed_by: str = ""
    deadline_ids: list[int] = _json_list()
    added: int = 0
    resolution: str = ""  # "" (open) | accepted | kept
    resolved_on: date | None = None
    resolved_by: str = ""
    reason: str = Field(default="", sa_type=Text)  # why the deadlines were kept


class DeadlineAdjustment(TableBase, table=True):
    """One tolling or extension of a deadline: its recorded history (migration 0014)."""

    deadline_id: int = Field(foreign_key="deadline.id", index=True)
    kind: str  # toll | extend
    old_due: date
    new_due: date
    effective_on: date
    cause: str = Field(sa_type=Text)
    citation: str = ""
    made_by: str = ""


class CalendarExport(TableBase, table=True):
    """A deadline that went out in an ICS export, and the SEQUENCE it carried (migration 0014):
    once it is no longer open the next export cancels it."""

    deadline_id: int = Field(foreign_key="deadline.id", unique=True)
    sequence: int = 0
    cancelled: bool = False
    exported_at: datetime = _ts()


class Screening(TableBase, table=True):
    """A Trust Act screening of one incident, as decided and stored (migration 0006).

    The newest row per incident is the screening in force; older rows are its history.
    ``reasons`` and ``claims`` are the domain result's ``to_dict`` parts; ``law_version`` is the
    law pack version it came from (``casekit law check`` compares it with the current one).
    """

    matter_id: int = Field(foreign_key="matter.id", index=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    decision: str
    reasons: list[dict[str, Any]] = _json_list()
    claims: list[dict[str, Any]] = _json_list()
    law_version: str = Field(index=True)
    screened_on: date
    screened_by: str = ""


class Document(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    template: str
    language: str = "en"
    output_path: str
    sha256: str
    generated_at: datetime = _ts()
    generated_by: str = ""


class Note(TableBase, table=True):
    matter_id: int = Field(foreign_key="matter.id", index=True)
    author: str
    body: str = Field(sa_type=Text)


class AuditEvent(SQLModel, table=True):
    """Who changed what, when: field names always, values never for sensitive fields.

    Append-only (database triggers refuse UPDATE and DELETE) and hash-chained: ``seq`` is the
    event's place in the chain, ``prev_hash`` the previous event's ``hash``, ``hash`` the
    SHA-256 of this event's canonical form (``casekit.store.audit``). ``actor`` is the display
    name; ``identity`` the authenticated one (the PostgreSQL session role, or the operating
    system account on SQLite).
    """

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _ts(index=True)
    actor: str
    identity: str = ""
    action: str  # create | update | delete
    entity: str = Field(index=True)
    entity_id: int | None = Field(default=None, index=True)
    matter_id: int | None = Field(default=None, index=True)
    # {"field": {"before": ..., "after": ...}}; sensitive values are "[redacted]", values of
    # client-identifying fields are sealed tokens (casekit.store.audit.identifying).
    changes: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    seq: int = Field(unique=True, index=True)
    prev_hash: str
    hash: str


# --- derived columns ----------------------------------------------------------------------------


def _phonetic(_mapper: Any, _connection: Any, target: Any) -> None:
    """Keep ``name_phonetic`` in step with the name on every ORM insert and update, whoever
    writes the row (the conflict check finds "Mohammed" for "Muhammad" through it). Bulk Core
    inserts (the demo) set it themselves."""
    from casekit.domain.phonetic import phonetic_keys

    target.name_phonetic = phonetic_keys(target.name or "", getattr(target, "preferred_name", ""))


for _model in (Client, Party):
    event.listen(_model, "before_insert", _phonetic)
    event.listen(_model, "before_update", _phonetic)


# --- fees, costs and resolution (issue 18; migration 0009) --------------------------------------
#
# Hours are whole tenths and money whole cents (casekit.domain.fees): never floats. A time entry
# or cost that a fee petition includes is locked by the database itself (triggers, migration
# 0009): an UPDATE or DELETE fails, through casekit or through plain SQL, and a correction is a
# new entry pointing at the original (``corrects_id``). Petitions and their items are
# append-only.


class Rate(TableBase, table=True):
    """A timekeeper's hourly rate from a date on, with where it comes from."""

    __table_args__ = (UniqueConstraint("user_id", "effective_from", name="uq_rate_user_from"),)

    user_id: int = Field(foreign_key="user.id", index=True)
    effective_from: date
    cents_per_hour: int
    source: str = Field(default="", sa_type=Text)  # affidavit, fee survey, prior award ...


class TimeEntry(TableBase, table=True):
    """Work done on a matter by a timekeeper, in tenths of an hour."""

    __table_args__ = (
        CheckConstraint(
            "tenths <> 0 AND (tenths > 0 OR corrects_id IS NOT NULL)",
            name="ck_timeentry_tenths",
        ),
        Index("ix_timeentry_matter_worked", "matter_id", "worked_on"),
    )

    matter_id: int = Field(foreign_key="matter.id")
    user_id: int = Field(foreign_key="user.id", index=True)  # the timekeeper
    worked_on: date
    tenths: int  # negative only for a reversal (a correction)
    category: str  # domain.fees.TASK_CATEGORIES
    claim: str = ""  # domain.model.CLAIMS key, or "" for all of the matter's claims
    description: str = Field(default="", sa_type=Text)
    billable: bool = True  # False: no charge (billing judgment)
    unrelated: bool = False  # unrelated to a successful claim: excluded from the lodestar
    corrects_id: int | None = Field(default=None, foreign_key="timeentry.id", index=True)
    source: str = "manual"  # manual | timer | correction


class Cost(TableBase, table=True):
    """A cost paid on a matter, with its receipt in the evidence vault."""

    __table_args__ = (
        CheckConstraint(
            "cents <> 0 AND (cents > 0 OR corrects_id IS NOT NULL)", name="ck_cost_cents"
        ),
    )

    matter_id: int = Field(foreign_key="matter.id", index=True)
    incurred_on: date
    kind: str  # domain.fees.COST_KINDS
    description: str = Field(default="", sa_type=Text)
    cents: int  # negative only for a reversal
    billable: bool = True  # False: not claimed
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id")  # the receipt
    corrects_id: int | None = Field(default=None, foreign_key="cost.id", index=True)


class FeePetition(TableBase, table=True):
    """An issued fee petition: what it claimed, and (in its items) exactly which records."""

    __table_args__ = (UniqueConstraint("matter_id", "number", name="uq_feepetition_number"),)

    matter_id: int = Field(foreign_key="matter.id", index=True)
    number: int  # 1, 2, ... per matter
    since: date | None = None
    through: date
    issued_on: date
    issued_by: str
    hours_tenths: int
    lodestar_cents: int
    excluded_tenths: int
    costs_cents: int
    document_id: int | None = Field(default=None, foreign_key="document.id")
    sha256: str = ""  # of the Word exhibit written when it was issued


class FeePetitionItem(SQLModel, table=True):
    """One time entry or cost a petition includes, with the rate and value it was claimed at.

    Append-only (no ``version``): its existence is what locks the entry or cost.
    """

    __table_args__ = (
        CheckConstraint(
            "(time_entry_id IS NULL) <> (cost_id IS NULL)", name="ck_feepetitionitem_one"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    petition_id: int = Field(foreign_key="feepetition.id", index=True)
    time_entry_id: int | None = Field(default=None, foreign_key="timeentry.id", index=True)
    cost_id: int | None = Field(default=None, foreign_key="cost.id", index=True)
    cents_per_hour: int | None = None
    value_cents: int


class Timer(TableBase, table=True):
    """A running timer: its start is kept here, so it survives a restart."""

    matter_id: int = Field(foreign_key="matter.id", index=True)
    user_id: int = Field(foreign_key="user.id", unique=True)  # one running timer a timekeeper
    started_at: datetime = Field(sa_type=UTCDateTime)
    started_by: str = Field(index=True)  # CASEKIT_USER who started it (whose screen shows it)


class ResolutionEvent(TableBase, table=True):
    """The resolution log: demands, offers, settlement terms, judgments."""

    __table_args__ = (Index("ix_resolutionevent_expires", "expires_on", "status"),)

    matter_id: int = Field(foreign_key="matter.id", index=True)
    kind: str  # domain.fees.RESOLUTION_KINDS
    dated: date  # made, agreed or entered on
    side: str = ""  # plaintiff | defendant: who made it, or in whose favour a judgment entered
    party_id: int | None = Field(default=None, foreign_key="party.id")  # which defendant
    cents: int | None = None  # the amount, when there is one
    terms: str = Field(default="", sa_type=Text)
    injunctive_terms: str = Field(default="", sa_type=Text)
    expires_on: date | None = None
    status: str = ""  # demand/offer: open | accepted | rejected | withdrawn | expired
    court: str = ""  # judgment: state | federal (decides the fee-motion rule)


class ConflictCheck(TableBase, table=True):
    """A conflict check run at intake, and what the person opening the matter decided
    (migration 0017). Append-only (database triggers refuse UPDATE and DELETE).

    ``query`` (the name checked, and whether a phone or date of birth was compared), ``hits``
    (JSON of the names found) and ``note`` (the clearance) name people, so they are sealed
    tokens bound to this row (``casekit.services.conflicts``), like the client's sensitive
    fields; the counts, the decision and who decided are in clear.
    """

    matter_id: int = Field(foreign_key="matter.id", index=True)
    checked_by: str
    query: str = Field(sa_type=Text)  # sealed
    hits: str = Field(sa_type=Text)  # sealed JSON list
    hit_count: int = 0
    #: Hits on a party (defendant, witness, opposing counsel ...) or an agency: need clearing.
    clearance_count: int = 0
    #: no_hits | existing_client | cleared | confirmed (client namesakes only, looked at)
    decision: str
    cleared_by: str = ""
    note: str = Field(default="", sa_type=Text)  # sealed
