"""The tables (DESIGN.md, "Data model"), one module per concept, all exported here.

Every row has ``id``, ``created_at``, ``updated_at`` and ``version``. ``version`` is SQLAlchemy's
``version_id_col``: an UPDATE that finds another session already moved the version raises
``StaleDataError``, which the repositories turn into a clear ``ConflictError`` (optimistic
locking: two people editing one matter never silently overwrite each other).

Sensitive client fields (A-number, immigration status, date of birth) are listed in
``SENSITIVE_FIELDS``: they are stored only as sealed tokens (``casekit.store.sealed``), the audit
log never records their values and exports leave them out unless asked.
List-valued fields (violation codes, claims, trail steps) are JSON columns.
"""

from casekit.store.models.audit import (
    AuditEvent,
)
from casekit.store.models.base import (
    TableBase,
    UTCDateTime,
    utcnow,
)
from casekit.store.models.cases import (
    Client,
    CustodyEvent,
    Document,
    Evidence,
    EvidenceCustody,
    Incident,
    Matter,
    MatterTeam,
    Note,
    Party,
    RecordsRequest,
)
from casekit.store.models.deadlines import (
    CalendarExport,
    Deadline,
    DeadlineAdjustment,
    RecomputeMarker,
    Screening,
)
from casekit.store.models.fees import (
    ConflictCheck,
    Cost,
    FeePetition,
    FeePetitionItem,
    Rate,
    ResolutionEvent,
    TimeEntry,
    Timer,
)
from casekit.store.models.reference import (
    SENSITIVE_COLUMNS,
    SENSITIVE_FIELDS,
    Agency,
    CourtClosure,
    Coverage,
    EncryptionKey,
    Setting,
    Town,
    User,
)

__all__ = [
    "Agency",
    "AuditEvent",
    "CalendarExport",
    "Client",
    "ConflictCheck",
    "Cost",
    "CourtClosure",
    "Coverage",
    "CustodyEvent",
    "Deadline",
    "DeadlineAdjustment",
    "Document",
    "EncryptionKey",
    "Evidence",
    "EvidenceCustody",
    "FeePetition",
    "FeePetitionItem",
    "Incident",
    "Matter",
    "MatterTeam",
    "Note",
    "Party",
    "Rate",
    "RecomputeMarker",
    "RecordsRequest",
    "ResolutionEvent",
    "SENSITIVE_COLUMNS",
    "SENSITIVE_FIELDS",
    "Screening",
    "Setting",
    "TableBase",
    "TimeEntry",
    "Timer",
    "Town",
    "UTCDateTime",
    "User",
    "utcnow",
]
