"""Deadlines, their recompute markers, adjustments and calendar exports, and screenings."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field

from casekit.store.models.base import TableBase, json_list_field, timestamp_field


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
    trail: list[str] = json_list_field()
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
    deadline_ids: list[int] = json_list_field()
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
    exported_at: datetime = timestamp_field()


class Screening(TableBase, table=True):
    """A Trust Act screening of one incident, as decided and stored (migration 0006).

    The newest row per incident is the screening in force; older rows are its history.
    ``reasons`` and ``claims`` are the domain result's ``to_dict`` parts; ``law_version`` is the
    law pack version it came from (``casekit law check`` compares it with the current one).
    """

    matter_id: int = Field(foreign_key="matter.id", index=True)
    incident_id: int | None = Field(default=None, foreign_key="incident.id")
    decision: str
    reasons: list[dict[str, Any]] = json_list_field()
    claims: list[dict[str, Any]] = json_list_field()
    law_version: str = Field(index=True)
    screened_on: date
    screened_by: str = ""
