"""Reference data (towns, agencies) and the office itself: people, settings, court closures,
coverage, the encryption key's check, and which client fields are sensitive."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Text
from sqlmodel import Field

from casekit.store.models.base import TableBase, UTCDateTime

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
