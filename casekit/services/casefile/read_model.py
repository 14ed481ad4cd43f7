"""The matter read model: what the matters list and one matter's workspace show, as plain frozen
dataclasses (no ORM object leaves the services).

:class:`MatterDetail` is the one shape of a matter for the TUI workspace and ``casekit matter
show`` (built by :func:`casekit.services.casefile.workspace.matter_detail`); :class:`MatterRow` and
:class:`MatterPage` are the matters list's (:mod:`casekit.services.casefile.matter_list`). This
module imports no database code, so that screens can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from casekit.domain.calendar import LOCAL_TZ
from casekit.domain.model import DeadlineView, EvidenceItem
from casekit.domain.vocabulary import CONFIRMED, MATTER_STATUSES, Verifiable, needs_verify

#: Audit events shown in a matter's History tab (newest first).
HISTORY_LIMIT = 200

# --- matters list -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    id: int
    number: str
    client: str
    status: str
    attorney: str
    town: str
    agency: str
    incident_on: date | None
    next_due: date | None


@dataclass(frozen=True)
class MatterPage:
    rows: tuple[MatterRow, ...]
    #: Matters that match; ``None`` when the page was read without counting them
    #: (``page_matters(count=False)``).
    total: int | None
    offset: int = 0
    #: The search matched more than ``SEARCH_CAP`` matters; ``total`` counts the first ones only.
    capped: bool = False
    #: Another page follows this one.
    more: bool = False


@dataclass(frozen=True)
class Choice:
    """A value for a Select: the row id and what the user reads."""

    id: int
    label: str


@dataclass(frozen=True)
class AgencyChoice:
    id: int
    name: str
    kind: str
    town: str
    employer: str


@dataclass(frozen=True)
class Options:
    """What the filters and the intake form offer (reference data and the office's people)."""

    attorneys: tuple[Choice, ...]
    towns: tuple[Choice, ...]
    agencies: tuple[AgencyChoice, ...]
    statuses: tuple[str, ...] = MATTER_STATUSES
    #: The firm's law pack and court calendar, read once (off the UI thread) for live screening.
    law_pack: Any = None
    calendar: Any = None


# --- one matter -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonView(Verifiable):
    text: str
    citation: str = ""
    confidence: str = CONFIRMED


@dataclass(frozen=True)
class ClaimView:
    """One claim of a screening (step 5) as of today: its status and limitation deadline."""

    claim: str
    label: str
    status: str  # available | verify | optional | expired | not_available
    confidence: str
    note: str = ""
    limitation_due: date | None = None
    limitation_safe: date | None = None

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence) or self.status == "verify"

    @property
    def offered(self) -> bool:
        return self.status in ("available", "verify")


@dataclass(frozen=True)
class ScreeningView:
    """A screening decision as the screens show it.

    ``law_version`` is the law pack it came from; ``current_version`` the pack in force now:
    a stored screening from an older pack is ``outdated`` until ``law check`` accepts the new
    one. ``stored`` is False for a screening decided on the spot (the intake form).
    """

    decision: str
    reasons: tuple[ReasonView, ...] = ()
    other_claims: tuple[ReasonView, ...] = ()
    claims: tuple[ClaimView, ...] = ()
    notices: tuple[str, ...] = ()
    law_version: str = ""
    current_version: str = ""
    stored: bool = False
    screened_on: date | None = None

    @property
    def verify(self) -> bool:
        return self.decision == "verify" or any(r.verify for r in self.reasons)

    @property
    def outdated(self) -> bool:
        return (
            self.stored
            and bool(self.current_version)
            and (self.law_version != self.current_version)
        )


@dataclass(frozen=True)
class IncidentView:
    id: int
    version: int
    occurred_on: date
    occurred_at: datetime | None
    town: str
    agency: str
    agency_kind: str
    contact_type: str
    violations: tuple[str, ...]
    judicial_warrant: bool
    convictions: tuple[str, ...]
    tsdb_match: bool
    narrative: str
    #: (section, class recorded by the attorney or None), for screening.
    conviction_records: tuple[tuple[str, str | None], ...] = ()
    administrative_warrant_only: bool = False
    officers: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str
    #: A custody event's id and version (None for the incident): what an edit or removal needs.
    event_id: int | None = None
    version: int = 0
    note: str = ""
    #: A custody event's moment as stored (aware, UTC); None for the incident.
    moment: datetime | None = None


@dataclass(frozen=True)
class PartyView:
    id: int
    version: int
    role: str
    kind: str
    name: str
    capacity: str
    service_address: str


@dataclass(frozen=True, kw_only=True)
class EvidenceView(EvidenceItem):
    """An evidence item with its row's id and the state of its stored file."""

    id: int
    integrity: str  # ok | modified | missing | no file


@dataclass(frozen=True, kw_only=True)
class DeadlineRow(DeadlineView):
    """A stored deadline as the workspace shows it: the domain's
    :class:`~casekit.domain.model.DeadlineView` with its row's id and version, why its status
    is what it is, whether the attorney entered it, and who changed it last."""

    id: int
    version: int
    status_reason: str
    manual: bool
    changed_by: str
    completed_on: date | None = None  # the day it was marked done
    #: "out of date: incident changed on …" while a recompute that would move it is pending.
    out_of_date: str = ""


@dataclass(frozen=True)
class DocumentView:
    id: int
    template: str
    language: str
    output_path: str
    generated_at: datetime
    generated_by: str


@dataclass(frozen=True)
class NoteView:
    id: int
    author: str
    body: str
    created_at: datetime
    #: ``created_at`` as stored (aware, UTC).
    moment: datetime | None = None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    fields: str
    #: The event in words ("Incident date changed from … to … by maria"); "" when not worth a
    #: line (casekit.services.casefile.history).
    text: str = ""


@dataclass(frozen=True)
class MatterDetail:
    """Everything the matter workspace shows, read in one unit of work."""

    id: int
    version: int
    number: str
    status: str
    client_id: int
    client: str
    client_language: str
    contact: tuple[str, ...]
    attorney: str
    claims: tuple[str, ...]
    relief_sought: str
    opened_on: date
    today: date
    incidents: tuple[IncidentView, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    parties: tuple[PartyView, ...] = ()
    evidence: tuple[EvidenceView, ...] = ()
    deadlines: tuple[DeadlineRow, ...] = ()
    documents: tuple[DocumentView, ...] = ()
    notes: tuple[NoteView, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    screening: tuple[ScreeningView, ...] = ()
    over_detention: str = ""
    #: The over-detention computed (``casekit.services.casefile.timeline.OverDetentionOut``),
    #: or None without custody events (or when it could not be computed).
    over_detention_result: Any = None
    closed_on: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The open out-of-date marker (casekit.services.deadlines.markers), or None.
    marker: Any = None


@dataclass(frozen=True)
class Closure:
    closed_on: date
    reason: str


def wall_time(value: datetime) -> datetime:
    """A stored UTC moment as Connecticut wall time, without a zone (what the screens show).

    SQLite hands stored UTC values back without a zone; PostgreSQL with one.
    """

    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL_TZ).replace(tzinfo=None)
