"""Fees, costs, fee petitions, timers, resolution events and the conflict-check log."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from casekit.store.models.base import TableBase, UTCDateTime

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
    tokens bound to this row (``casekit.services.clients.conflicts``), like the client's sensitive
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
