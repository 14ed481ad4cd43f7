"""A matter's case file: the one read model of a matter (the matters list and the workspace the
TUI and ``casekit matter show`` read) and the edits of its records after intake.

Modules, by use case:

* ``read_model``: the frozen dataclasses the screens show (``MatterDetail``, ``MatterRow``…);
* ``matter_list``: the matters list, its filters' options, the court closures;
* ``workspace``: :func:`matter_detail`, the one loader of a matter (the TUI's workspace, and
  ``matter_file``: ``casekit matter show``);
* ``screening_view``, ``screening``, ``stored_screenings``: screening decisions as shown, decided on
  the spot (``casekit screen``) and as stored;
* ``timeline``, ``incident_edits``, ``custody_edits``, ``claims_edits``, ``parties``,
  ``party_edits``, ``notes``, ``sensitive``: reading and changing the matter's records;
* ``history``: the audit log in sentences; ``preview``: the recompute an edit causes.

Their SQL is in :mod:`casekit.store.repos.matters`, :mod:`casekit.store.repos.matter_list` and
:mod:`casekit.store.repos.parties`. Importing this package stays light (no SQLAlchemy, no
SQLModel): the screens import it on the UI thread, while the data layer is imported once, in a
worker (:func:`casekit.services.base.import_data_layer`; two threads importing SQLAlchemy at once
can fail). So the modules here import the store inside their functions.
"""

from __future__ import annotations

from casekit.domain.vocabulary import MATTER_STATUSES  # the matters list's status filter
from casekit.services.casefile.claims_edits import (
    MAX_RELIEF,
    MAX_RELIEF_ITEMS,
    RELIEF_SEPARATOR,
    ClaimsChange,
    ClaimsEdit,
    clean_relief,
    split_relief,
    update_claims,
)
from casekit.services.casefile.custody_edits import (
    CONFIRM_HINT,
    MAX_REASON,
    PLANNED_KINDS,
    NeedsConfirmation,
    add_custody_event,
    clean_kind,
    custody_time_warnings,
    effective_now,
    remove_custody_event,
    update_custody_event,
)
from casekit.services.casefile.history import (
    describe,
)
from casekit.services.casefile.incident_edits import (
    IncidentChanges,
    set_matter_status,
    update_incident,
)
from casekit.services.casefile.matter_file import MatterFile, from_detail, matter_file
from casekit.services.casefile.matter_list import (
    SEARCH_CAP,
    closures,
    find_matters,
    options,
    page_matters,
)
from casekit.services.casefile.notes import (
    MAX_NOTE,
    NoteOut,
    add_note,
    clean_body,
    list_notes,
)
from casekit.services.casefile.parties import (
    CAPACITIES,
    MAX_ADDRESS,
    PartyOut,
    add_party,
    clean_capacity,
    clean_role,
    list_parties,
)
from casekit.services.casefile.party_edits import (
    remove_party,
    update_party,
)
from casekit.services.casefile.read_model import (
    HISTORY_LIMIT,
    AgencyChoice,
    Choice,
    ClaimView,
    Closure,
    DeadlineRow,
    DocumentView,
    EvidenceView,
    HistoryEntry,
    IncidentView,
    MatterDetail,
    MatterPage,
    MatterRow,
    NoteView,
    Options,
    PartyView,
    ReasonView,
    ScreeningView,
    TimelineEntry,
    wall_time,
)
from casekit.services.casefile.screening import (
    FELONY_CLASSES,
    build_facts,
    clean_felony_class,
    known_actors,
    known_violations,
    pair_convictions,
)
from casekit.services.casefile.screening_view import (
    claim_label,
    municipal_service_citation,
    screen_facts,
    screen_incident,
    stored_screenings,
)
from casekit.services.casefile.sensitive import (
    HIDDEN,
    MARKABLE,
    SensitiveChange,
    SensitiveView,
    read_sensitive,
    update_sensitive,
)
from casekit.services.casefile.stored_screenings import (
    StoredScreening,
    current_in,
    current_screenings,
    facts_of,
    offered_claims,
    record_screening_in,
    row_values,
    screen_matter_in,
    store_in,
)
from casekit.services.casefile.timeline import (
    CustodyOut,
    OverDetentionOut,
    list_custody_events,
    over_detention_for,
    parse_local_datetime,
)
from casekit.services.casefile.workspace import (
    incident_views,
    matter_detail,
)

__all__ = [
    "AgencyChoice",
    "CAPACITIES",
    "CONFIRM_HINT",
    "Choice",
    "ClaimView",
    "ClaimsChange",
    "ClaimsEdit",
    "Closure",
    "CustodyOut",
    "DeadlineRow",
    "DocumentView",
    "EvidenceView",
    "FELONY_CLASSES",
    "HIDDEN",
    "HISTORY_LIMIT",
    "HistoryEntry",
    "IncidentChanges",
    "IncidentView",
    "MARKABLE",
    "MATTER_STATUSES",
    "MAX_ADDRESS",
    "MAX_NOTE",
    "MAX_REASON",
    "MAX_RELIEF",
    "MAX_RELIEF_ITEMS",
    "MatterDetail",
    "MatterFile",
    "MatterPage",
    "MatterRow",
    "NeedsConfirmation",
    "NoteOut",
    "NoteView",
    "Options",
    "OverDetentionOut",
    "PLANNED_KINDS",
    "PartyOut",
    "PartyView",
    "RELIEF_SEPARATOR",
    "ReasonView",
    "SEARCH_CAP",
    "ScreeningView",
    "SensitiveChange",
    "SensitiveView",
    "StoredScreening",
    "TimelineEntry",
    "add_custody_event",
    "add_note",
    "add_party",
    "build_facts",
    "claim_label",
    "clean_body",
    "clean_capacity",
    "clean_felony_class",
    "clean_kind",
    "clean_relief",
    "clean_role",
    "closures",
    "current_in",
    "current_screenings",
    "custody_time_warnings",
    "describe",
    "effective_now",
    "facts_of",
    "find_matters",
    "from_detail",
    "incident_views",
    "known_actors",
    "known_violations",
    "list_custody_events",
    "list_notes",
    "list_parties",
    "matter_detail",
    "matter_file",
    "municipal_service_citation",
    "offered_claims",
    "options",
    "over_detention_for",
    "page_matters",
    "pair_convictions",
    "parse_local_datetime",
    "read_sensitive",
    "record_screening_in",
    "remove_custody_event",
    "remove_party",
    "row_values",
    "screen_facts",
    "screen_incident",
    "screen_matter_in",
    "set_matter_status",
    "split_relief",
    "store_in",
    "stored_screenings",
    "update_claims",
    "update_custody_event",
    "update_incident",
    "update_party",
    "update_sensitive",
    "wall_time",
]
