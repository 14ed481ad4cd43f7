"""Read models for the screens: plain frozen dataclasses built with Core queries.

Every function here takes :class:`~casekit.services.base.Services`, opens one connection for
its own unit of work and returns values only; no ORM object leaves it. The screens call these
functions from worker threads.

Why Core over lightweight ``table()`` declarations instead of the SQLModel classes: the dashboard
is the first thing painted, and importing SQLAlchemy alone costs about half of what importing
SQLModel and pydantic costs (DEPENDENCIES.md). The column names below are checked against
:mod:`casekit.store.models` by ``tests/tui/test_views.py``. SQLAlchemy itself is imported inside
the functions so that importing this module (for its dataclasses) stays cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from casekit.domain import labels
from casekit.domain.text import fold
from casekit.domain.vocabulary import CONFIRMED, MATTER_STATUSES, needs_verify

# The dashboard's read model lives in its own module, so the first screen imports only what it
# shows; its names stay available here.
from casekit.services.dashboard import (  # noqa: F401 - re-exported
    AGENDA_LIMIT,
    COUNT_CAP,
    NO_DEADLINE_LIMIT,
    OPEN_STATUSES,
    AgendaRow,
    AgendaSection,
    Counts,
    Dashboard,
    NotReady,
    QuietMatter,
    capped,
    dashboard,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from casekit.services.base import Services

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
class ReasonView:
    text: str
    citation: str = ""
    confidence: str = CONFIRMED

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence)


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


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str
    #: A custody event's id and version (None for the incident): what an edit or removal needs.
    event_id: int | None = None
    version: int = 0
    note: str = ""


@dataclass(frozen=True)
class PartyView:
    id: int
    version: int
    role: str
    kind: str
    name: str
    capacity: str
    service_address: str


@dataclass(frozen=True)
class EvidenceView:
    id: int
    kind: str
    description: str
    obtained_on: date | None
    source: str
    sha256: str
    proves: tuple[str, ...]
    integrity: str  # ok | modified | missing | no file


@dataclass(frozen=True)
class DeadlineRow:
    id: int
    version: int
    rule_id: str
    title: str
    due: date
    safe_target: date
    citation: str
    confidence: str
    status: str
    status_reason: str
    manual: bool
    overridden: bool
    trigger_event: str
    trigger_date: date | None
    trail: tuple[str, ...]
    changed_by: str
    completed_on: date | None = None  # the day it was marked done
    #: "out of date: incident changed on …" while a recompute that would move it is pending.
    out_of_date: str = ""

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence)


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


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str
    entity: str
    fields: str
    #: The event in words ("Incident date changed from … to … by maria"); "" when not worth a
    #: line (casekit.services.history_text).
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
    extra: dict[str, Any] = field(default_factory=dict)
    #: The open out-of-date marker (casekit.services.deadlines.markers), or None.
    marker: Any = None


# --- the tables, as Core sees them ------------------------------------------------------------


@cache
def _tables() -> SimpleNamespace:
    from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, column, table

    def t(name: str, *cols: Any) -> Any:
        return table(name, column("id", Integer), *cols)

    return SimpleNamespace(
        client=t(
            "client",
            column("name", String),
            column("name_key", String),
            column("preferred_language", String),
            column("phone", String),
            column("phone_safe", Boolean),
            column("email", String),
            column("email_safe", Boolean),
            column("address", String),
            column("address_safe", Boolean),
        ),
        matter=t(
            "matter",
            column("version", Integer),
            column("number", String),
            column("client_id", Integer),
            column("status", String),
            column("attorney_id", Integer),
            column("claims", JSON),
            column("relief_sought", String),
            column("opened_on", Date),
            column("search_text", String),
        ),
        user=t("user", column("name", String), column("role", String), column("active", Boolean)),
        town=t("town", column("name", String)),
        agency=t(
            "agency",
            column("name", String),
            column("kind", String),
            column("town_id", Integer),
            column("employer", String),
        ),
        incident=t(
            "incident",
            column("version", Integer),
            column("matter_id", Integer),
            column("occurred_on", Date),
            column("occurred_at", DateTime(timezone=True)),
            column("town_id", Integer),
            column("agency_id", Integer),
            column("contact_type", String),
            column("violations", JSON),
            column("judicial_warrant", Boolean),
            column("convictions", JSON),
            column("tsdb_match", Boolean),
            column("narrative", String),
        ),
        screening=t(
            "screening",
            column("matter_id", Integer),
            column("incident_id", Integer),
            column("decision", String),
            column("reasons", JSON),
            column("claims", JSON),
            column("law_version", String),
            column("screened_on", Date),
        ),
        custody=t(
            "custodyevent",
            column("matter_id", Integer),
            column("kind", String),
            column("at", DateTime(timezone=True)),
            column("note", String),
            column("version", Integer),
            column("removed_at", DateTime(timezone=True)),
        ),
        party=t(
            "party",
            column("version", Integer),
            column("matter_id", Integer),
            column("role", String),
            column("kind", String),
            column("name", String),
            column("capacity", String),
            column("service_address", String),
        ),
        evidence=t(
            "evidence",
            column("matter_id", Integer),
            column("kind", String),
            column("description", String),
            column("obtained_on", Date),
            column("source", String),
            column("sha256", String),
            column("stored_path", String),
            column("proves", JSON),
        ),
        deadline=t(
            "deadline",
            column("version", Integer),
            column("matter_id", Integer),
            column("rule_id", String),
            column("title", String),
            column("trigger_event", String),
            column("trigger_date", Date),
            column("due", Date),
            column("safe_target", Date),
            column("citation", String),
            column("confidence", String),
            column("status", String),
            column("status_reason", String),
            column("manual", Boolean),
            column("overridden", Boolean),
            column("trail", JSON),
            column("changed_by", String),
            column("completed_on", Date),
        ),
        document=t(
            "document",
            column("matter_id", Integer),
            column("template", String),
            column("language", String),
            column("output_path", String),
            column("generated_at", DateTime(timezone=True)),
            column("generated_by", String),
        ),
        note=t(
            "note",
            column("matter_id", Integer),
            column("author", String),
            column("body", String),
            column("created_at", DateTime(timezone=True)),
        ),
        audit=t(
            "auditevent",
            column("at", DateTime(timezone=True)),
            column("actor", String),
            column("action", String),
            column("entity", String),
            column("matter_id", Integer),
            column("changes", JSON),
        ),
    )


# --- matters list -----------------------------------------------------------------------------


#: A search that matches more matters than this shows "2,000+" and asks for more letters.
SEARCH_CAP = 2000


def _search_ids(conn: Connection, query: str, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of matters matching ``query``, newest first.

    Served by the store's index (FTS5 trigram on SQLite, pg_trgm on PostgreSQL).
    """
    from sqlalchemy.orm import Session

    from casekit.store.search import search_matter_ids

    with Session(bind=conn) as session:
        return search_matter_ids(session, fold(query), limit=limit, offset=offset)


#: The filters ``page_matters`` takes, in the order its statements are cached by.
_FILTERS = ("status", "attorney", "town", "agency", "ids")


@cache
def _matter_statements(used: tuple[str, ...]) -> tuple[Any, Any]:
    """The count and page statements for one combination of filters, built once.

    Every value is a bound parameter (``ids`` an expanding one), so each keystroke reuses the
    statement and SQLAlchemy's compiled form instead of building and compiling them again.
    """
    from sqlalchemy import bindparam, func, literal, select

    T = _tables()
    m, c, u, i, t, a, d = T.matter, T.client, T.user, T.incident, T.town, T.agency, T.deadline
    conditions = {
        "status": lambda: m.c.status == bindparam("status"),
        "attorney": lambda: m.c.attorney_id == bindparam("attorney"),
        "town": lambda: m.c.id.in_(select(i.c.matter_id).where(i.c.town_id == bindparam("town"))),
        "agency": lambda: m.c.id.in_(
            select(i.c.matter_id).where(i.c.agency_id == bindparam("agency"))
        ),
        "ids": lambda: m.c.id.in_(bindparam("ids", expanding=True)),
    }
    where = [conditions[name]() for name in used]
    count = select(func.count()).select_from(m).where(*where)
    first_incident = (
        select(i.c.id)
        .where(i.c.matter_id == m.c.id)
        .order_by(i.c.occurred_on, i.c.id)
        .limit(1)
        .scalar_subquery()
    )
    next_due = (
        select(func.min(d.c.due))
        # "|| ''" keeps SQLite on the (matter_id, status) index (see dashboard()).
        .where(d.c.matter_id == m.c.id, (d.c.status + literal("")) == "open")
        .scalar_subquery()
    )
    page = (
        select(
            m.c.id,
            m.c.number,
            c.c.name,
            m.c.status,
            u.c.name,
            m.c.attorney_id,
            first_incident.label("incident_id"),
            next_due.label("next_due"),
        )
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(*where)
        .order_by(m.c.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
        .subquery()
    )
    rows = (
        select(page, i.c.occurred_on, t.c.name, a.c.name)
        .outerjoin(i, i.c.id == page.c.incident_id)
        .outerjoin(t, t.c.id == i.c.town_id)
        .outerjoin(a, a.c.id == i.c.agency_id)
        .order_by(page.c.id.desc())
    )
    return count, rows


def page_matters(
    svc: Services,
    *,
    query: str = "",
    status: str | None = None,
    attorney: int | None = None,
    town: int | None = None,
    agency: int | None = None,
    limit: int = 50,
    offset: int = 0,
    count: bool = True,
) -> MatterPage:
    """One page of matters, newest number first, with the total that matches.

    ``query`` is matched accent- and case-insensitively against client names, matter numbers,
    towns and agencies. Only ``limit`` rows are read, whatever the size of the office.

    With ``count=False`` a search without filters reads only this page's matches and leaves
    ``total`` as ``None`` (the command palette needs a few rows, not how many match): at
    100,000 matters a one- or two-letter search finds its first page in a millisecond but needs
    tens to count every match. Filtered lists are always counted (the filters need the matching
    ids anyway).
    """
    params = _matter_params(status, attorney, town, agency)
    with svc.engine.connect() as conn:
        if fold(query) and not params and not count:
            ids = _search_ids(conn, query, limit=limit + 1, offset=offset)
            rows = _matter_rows(conn, ids[:limit])
            return MatterPage(rows=rows, total=None, offset=offset, more=len(ids) > limit)
        counted = _count(conn, query, params)
        if fold(query) and not params:
            # A search alone: the ids (newest first) are the answer; the page needs only its
            # own ids (no 2,000-parameter IN lists).
            rows = _matter_rows(conn, counted.ids[offset : offset + limit])
        else:
            if fold(query):
                params["ids"] = counted.ids
            rows = _matter_rows(conn, None, params, limit=limit, offset=offset)
    return MatterPage(
        rows=rows,
        total=counted.total,
        offset=offset,
        capped=counted.capped,
        more=offset + len(rows) < counted.total,
    )


def _matter_params(
    status: str | None, attorney: int | None, town: int | None, agency: int | None
) -> dict[str, Any]:
    given = {"status": status or None, "attorney": attorney, "town": town, "agency": agency}
    return {name: value for name, value in given.items() if value is not None}


@dataclass(frozen=True)
class _Counted:
    total: int
    capped: bool
    #: The matching ids of a search (newest first, at most the cap); empty for no search.
    ids: list[int]


def _count(conn: Connection, query: str, params: dict[str, Any]) -> _Counted:
    ids: list[int] = []
    over = False
    if fold(query):
        ids = _search_ids(conn, query, limit=SEARCH_CAP + 1)
        over = len(ids) > SEARCH_CAP
        ids = ids[:SEARCH_CAP]
        if not params:
            return _Counted(len(ids), over, ids)
        params = {**params, "ids": ids}
    statement, _ = _matter_statements(tuple(name for name in _FILTERS if name in params))
    return _Counted(int(conn.execute(statement, params).scalar() or 0), over, ids)


def _matter_rows(
    conn: Connection,
    ids: list[int] | None,
    params: dict[str, Any] | None = None,
    *,
    limit: int = 0,
    offset: int = 0,
) -> tuple[MatterRow, ...]:
    """The rows of the matters ``ids`` (a page already chosen), or one page of those matching
    ``params``."""
    if ids is not None:
        if not ids:
            return ()
        params, limit = {"ids": ids}, len(ids)
    params = params or {}
    _, statement = _matter_statements(tuple(name for name in _FILTERS if name in params))
    rows = conn.execute(statement, {**params, "limit": limit, "offset": offset}).all()
    return tuple(
        MatterRow(
            id=r.id,
            number=r.number,
            client=r[2],
            status=r.status,
            attorney=r[4] or "",
            town=r[9] or "",
            agency=r[10] or "",
            incident_on=r.occurred_on,
            next_due=r.next_due,
        )
        for r in rows
    )


def find_matters(svc: Services, query: str, *, limit: int = 8) -> tuple[MatterRow, ...]:
    """A few matters for the command palette ("Open matter TA-…")."""
    return page_matters(svc, query=query, limit=limit, count=False).rows


def options(svc: Services, *, for_screening: bool = False) -> Options:
    """Attorneys, towns and agencies for filters and the intake form; with ``for_screening``
    also the firm's law pack and court calendar (the intake form screens as facts are typed)."""
    from sqlalchemy import select

    T = _tables()
    u, t, a = T.user, T.town, T.agency
    with svc.engine.connect() as conn:
        attorneys = conn.execute(
            select(u.c.id, u.c.name).where(u.c.active.is_(True)).order_by(u.c.name)
        ).all()
        towns = conn.execute(select(t.c.id, t.c.name).order_by(t.c.name)).all()
        agencies = conn.execute(
            select(a.c.id, a.c.name, a.c.kind, t.c.name, a.c.employer)
            .outerjoin(t, t.c.id == a.c.town_id)
            .order_by(a.c.name)
        ).all()
    from casekit.services.deadlines.court_calendar import court_calendar
    from casekit.services.law.rules import law_pack

    return Options(
        law_pack=law_pack(svc) if for_screening else None,
        calendar=court_calendar(svc) if for_screening else None,
        attorneys=tuple(Choice(r[0], r[1]) for r in attorneys),
        towns=tuple(Choice(r[0], r[1]) for r in towns),
        agencies=tuple(
            AgencyChoice(id=r[0], name=r[1], kind=r[2], town=r[3] or "", employer=r[4] or "")
            for r in agencies
        ),
    )


# --- one matter -------------------------------------------------------------------------------


def matter_detail(svc: Services, matter_id: int) -> MatterDetail:
    """The whole workspace of one matter. Raises ``NotFound`` if it does not exist."""
    from sqlalchemy import select

    from casekit.errors import NotFound

    T = _tables()
    m, c, u = T.matter, T.client, T.user
    today = svc.today()
    with svc.engine.connect() as conn:
        head = conn.execute(
            select(
                m,
                c.c.name,
                c.c.preferred_language,
                c.c.phone,
                c.c.phone_safe,
                c.c.email,
                c.c.email_safe,
                c.c.address,
                c.c.address_safe,
                u.c.name.label("attorney"),
            )
            .join(c, c.c.id == m.c.client_id)
            .outerjoin(u, u.c.id == m.c.attorney_id)
            .where(m.c.id == matter_id)
        ).first()
        if head is None:
            raise NotFound(f"matter {matter_id} does not exist")
        incidents = _incidents(conn, matter_id)
        custody = conn.execute(
            select(
                T.custody.c.id,
                T.custody.c.version,
                T.custody.c.kind,
                T.custody.c.at,
                T.custody.c.note,
            )
            .where(T.custody.c.matter_id == matter_id)
            .where(T.custody.c.removed_at.is_(None))
            .order_by(T.custody.c.at, T.custody.c.id)
        ).all()
        p = T.party
        parties = conn.execute(
            select(
                p.c.id, p.c.version, p.c.role, p.c.kind, p.c.name, p.c.capacity, p.c.service_address
            )
            .where(p.c.matter_id == matter_id)
            .order_by(p.c.role, p.c.id)
        ).all()
        e = T.evidence
        evidence = conn.execute(
            select(
                e.c.id,
                e.c.kind,
                e.c.description,
                e.c.obtained_on,
                e.c.source,
                e.c.sha256,
                e.c.stored_path,
                e.c.proves,
            )
            .where(e.c.matter_id == matter_id)
            .order_by(e.c.obtained_on, e.c.id)
        ).all()
        from casekit.store.audit import recorded_values

        chained = recorded_values(conn, "evidence", (r[0] for r in evidence), "sha256")
        d = T.deadline
        deadlines = conn.execute(
            select(d).where(d.c.matter_id == matter_id).order_by(d.c.due, d.c.id)
        ).all()
        doc = T.document
        documents = conn.execute(
            select(
                doc.c.id,
                doc.c.template,
                doc.c.language,
                doc.c.output_path,
                doc.c.generated_at,
                doc.c.generated_by,
            )
            .where(doc.c.matter_id == matter_id)
            .order_by(doc.c.generated_at.desc())
        ).all()
        n = T.note
        notes = conn.execute(
            select(n.c.id, n.c.author, n.c.body, n.c.created_at)
            .where(n.c.matter_id == matter_id)
            .order_by(n.c.created_at.desc(), n.c.id.desc())
        ).all()
        au = T.audit
        history = conn.execute(
            select(au.c.at, au.c.actor, au.c.action, au.c.entity, au.c.changes)
            .where(au.c.matter_id == matter_id)
            .order_by(au.c.at.desc(), au.c.id.desc())
            .limit(HISTORY_LIMIT)
        ).all()
        sc = T.screening
        stored = {
            r.incident_id: r
            for r in conn.execute(
                select(sc).where(sc.c.matter_id == matter_id).order_by(sc.c.id)
            ).all()
        }  # the newest row per incident wins
        from casekit.services.deadlines.markers import open_markers_conn

        marker = open_markers_conn(conn, matter_id)
    from casekit.services.history_text import describe
    from casekit.store.sealed import shown

    contact = tuple(
        f"{label}: {shown(value)}" + ("" if safe else "  [NOT safe to contact]")
        for label, value, safe in (
            ("phone", head.phone, head.phone_safe),
            ("e-mail", head.email, head.email_safe),
            ("address", head.address, head.address_safe),
        )
        if value
    )
    timeline = sorted(
        [
            TimelineEntry(
                at=wall_time(inc.occurred_at)
                if inc.occurred_at
                else datetime.combine(inc.occurred_on, datetime.min.time()),
                kind="incident",
                text=f"Incident in {inc.town}: {inc.agency}"
                + (f" ({inc.contact_type})" if inc.contact_type else ""),
            )
            for inc in incidents
        ]
        + [
            TimelineEntry(
                at=wall_time(r.at),
                kind=r.kind,
                text=r.note or labels.sentence(r.kind),
                event_id=r.id,
                version=r.version,
                note=r.note or "",
            )
            for r in custody
        ],
        key=lambda entry: entry.at,
    )
    deadline_rows = tuple(
        DeadlineRow(
            id=r.id,
            version=r.version,
            rule_id=r.rule_id,
            title=r.title,
            due=r.due,
            safe_target=r.safe_target,
            citation=r.citation or "",
            confidence=r.confidence or "",
            status=r.status,
            status_reason=r.status_reason or "",
            manual=bool(r.manual),
            overridden=bool(r.overridden),
            trigger_event=r.trigger_event or "",
            trigger_date=r.trigger_date,
            trail=tuple(r.trail or ()),
            changed_by=r.changed_by or "",
            completed_on=r.completed_on,
            out_of_date=marker.text if marker and r.id in marker.deadline_ids else "",
        )
        for r in deadlines
    )
    return MatterDetail(
        id=head.id,
        version=head.version,
        number=head.number,
        status=head.status,
        client_id=head.client_id,
        client=head.name,
        client_language=head.preferred_language or "",
        contact=contact,
        attorney=head.attorney or "",
        claims=tuple(head.claims or ()),
        relief_sought=head.relief_sought or "",
        opened_on=head.opened_on,
        today=today,
        incidents=incidents,
        timeline=tuple(timeline),
        parties=tuple(
            PartyView(
                id=r[0],
                version=r[1],
                role=r[2],
                kind=r[3] or "",
                name=r[4],
                capacity=r[5] or "",
                service_address=r[6] or "",
            )
            for r in parties
        ),
        evidence=tuple(
            EvidenceView(
                id=r[0],
                kind=r[1],
                description=r[2] or "",
                obtained_on=r[3],
                source=r[4] or "",
                sha256=r[5],
                proves=tuple(r[7] or ()),
                integrity=_integrity(
                    svc.settings.evidence_dir, r[6] or "", r[5], chained.get(r[0], [])
                ),
            )
            for r in evidence
        ),
        deadlines=deadline_rows,
        documents=tuple(
            DocumentView(
                id=r[0],
                template=r[1],
                language=r[2] or "",
                output_path=str(svc.settings.resolve_file(r[3])),
                generated_at=wall_time(r[4]),
                generated_by=r[5] or "",
            )
            for r in documents
        ),
        notes=tuple(
            NoteView(id=r[0], author=r[1], body=r[2], created_at=wall_time(r[3])) for r in notes
        ),
        history=tuple(
            HistoryEntry(
                at=wall_time(r[0]),
                actor=r[1],
                action=r[2],
                entity=r[3],
                fields=", ".join(sorted((r[4] or {}).keys())),
                text=describe(r[3], r[2], r[4] or {}, r[1]),
            )
            for r in history
        ),
        screening=_screenings(svc, incidents, stored, today),
        over_detention=_over_detention(svc, custody),
        marker=marker,
    )


def wall_time(value: datetime) -> datetime:
    """A stored UTC moment as Connecticut wall time, without a zone (what the screens show).

    SQLite hands stored UTC values back without a zone; PostgreSQL with one.
    """
    from datetime import UTC

    from casekit.domain.calendar import LOCAL_TZ

    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL_TZ).replace(tzinfo=None)


def _incidents(conn: Connection, matter_id: int) -> tuple[IncidentView, ...]:
    from sqlalchemy import select

    T = _tables()
    i, t, a = T.incident, T.town, T.agency
    rows = conn.execute(
        select(i, t.c.name.label("town"), a.c.name.label("agency"), a.c.kind.label("kind"))
        .join(t, t.c.id == i.c.town_id)
        .join(a, a.c.id == i.c.agency_id)
        .where(i.c.matter_id == matter_id)
        .order_by(i.c.occurred_on, i.c.id)
    ).all()
    return tuple(
        IncidentView(
            id=r.id,
            version=r.version,
            occurred_on=r.occurred_on,
            occurred_at=r.occurred_at,
            town=r.town,
            agency=r.agency,
            agency_kind=r.kind,
            contact_type=r.contact_type or "",
            violations=tuple(r.violations or ()),
            judicial_warrant=bool(r.judicial_warrant),
            convictions=tuple(str(cv.get("section", "")) for cv in (r.convictions or ())),
            conviction_records=tuple(
                (str(cv.get("section", "")), cv.get("felony_class")) for cv in (r.convictions or ())
            ),
            tsdb_match=bool(r.tsdb_match),
            narrative=r.narrative or "",
        )
        for r in rows
    )


def _integrity(
    evidence_dir: Path, stored_path: str, sha256: str, recorded: Sequence[Any] = ()
) -> str:
    """``ok``, ``modified`` or ``missing``: the stored file hashed again against the record;
    ``tampered`` when the record's hash is not the one the audit chain recorded for the item
    (``casekit.services.evidence.verify_evidence`` applies the same rule)."""
    from casekit.services.evidence.hashing import sha256_file

    if not recorded or not all(r.intact for r in recorded) or recorded[-1].value != sha256:
        return "tampered"
    if not stored_path:
        return "no file"
    path = evidence_dir / stored_path
    if not path.is_file():
        return "missing"
    return "ok" if sha256_file(path) == sha256 else "modified"


def _over_detention(svc: Services, custody: Sequence[Any]) -> str:
    """Hours held past the scheduled release and past the 48-hour cap, in words (computed in
    the domain with the firm's FED_DETAINER_48H rule: casekit.services.timeline)."""
    from casekit.errors import InvalidInput
    from casekit.services.timeline import over_detention_for

    try:
        result = over_detention_for(svc, [(r.kind, r.at) for r in custody])
    except InvalidInput as exc:  # a broken rules.local.toml: say so, show the rest of the matter
        return f"not computed: {exc}"
    return result.summary() if result is not None else ""


# --- screening --------------------------------------------------------------------------------


def _screenings(
    svc: Services, incidents: Sequence[IncidentView], stored: dict[Any, Any], today: date
) -> tuple[ScreeningView, ...]:
    """Each incident's screening in force: the stored one (with the law pack it came from), or
    one decided now when none is stored yet."""
    from casekit.services.deadlines.court_calendar import court_calendar
    from casekit.services.law.rules import law_pack

    pack = law_pack(svc)
    calendar = court_calendar(svc) if len(stored) < len(incidents) else None
    current = pack.version.label
    out = []
    for incident in incidents:
        row = stored.get(incident.id)
        if row is None:
            out.append(screen_incident(incident, today, pack=pack, calendar=calendar))
            continue
        out.append(
            ScreeningView(
                decision=row.decision,
                reasons=tuple(
                    ReasonView(
                        text=r.get("text", ""),
                        citation=r.get("citation", ""),
                        confidence=r.get("confidence", "unknown"),
                    )
                    for r in (row.reasons or ())
                ),
                claims=tuple(_claim_view(c, today) for c in (row.claims or ())),
                notices=tuple(n.text for n in pack.notices_for("trust_act")),
                law_version=row.law_version,
                current_version=current,
                stored=True,
                screened_on=row.screened_on,
            )
        )
    return tuple(out)


def municipal_service_citation() -> str:
    """Where the rule for serving a town or city comes from (the law pack's)."""
    from casekit.domain.lawpack import default_pack

    return default_pack().defendants["municipality"].service_citation


def claim_label(claim_id: str) -> str:
    """How screens name a claim (the law pack's label; the id itself when unknown)."""
    from casekit.domain.lawpack import default_pack

    found = default_pack().claims.get(claim_id)
    return found.label if found else claim_id.replace("_", " ")


def _claim_view(data: dict[str, Any], today: date) -> ClaimView:
    """A stored claim, with its status brought to today: a limitation period that has run
    since the screening makes the claim expired (never offered as available)."""
    limitation = next((d for d in data.get("deadlines", ()) if d.get("kind") == "limitation"), None)
    due = date.fromisoformat(limitation["due"]) if limitation else None
    safe = date.fromisoformat(limitation["safe_target"]) if limitation else None
    status = data.get("status", "")
    note = data.get("note", "")
    if due is not None and due < today and status in ("available", "verify", "optional"):
        status = "expired"
        note = f"Expired: the limitation period ended on {due.isoformat()}. {note}"
    return ClaimView(
        claim=data.get("claim", ""),
        label=data.get("label", data.get("claim", "")),
        status=status,
        confidence=data.get("confidence", "unknown"),
        note=note,
        limitation_due=due,
        limitation_safe=safe,
    )


def screen_incident(
    incident: IncidentView, today: date, *, pack: Any = None, calendar: Any = None
) -> ScreeningView:
    """Screen one stored incident with the domain rules (``pack``: the firm's law pack)."""
    return screen_facts(
        occurred_on=incident.occurred_on,
        agency_kind=incident.agency_kind,
        violations=incident.violations,
        judicial_warrant=incident.judicial_warrant,
        convictions=incident.conviction_records or incident.convictions,
        tsdb_match=incident.tsdb_match,
        today=today,
        pack=pack,
        calendar=calendar,
    )


def screen_facts(
    *,
    occurred_on: date,
    agency_kind: str,
    violations: Sequence[str],
    judicial_warrant: bool,
    convictions: Sequence[str | tuple[str, str | None]],
    tsdb_match: bool,
    today: date,
    pack: Any = None,
    calendar: Any = None,
) -> ScreeningView:
    """Run :func:`casekit.domain.screening.screen` and describe its decision for a screen.

    Pure (no I/O; give the firm's law pack and court calendar, read beforehand): the intake form
    calls it on the UI thread as the facts change, before anything is saved. Facts screening refuses
    (a date after today, an unknown code) come back as ``incomplete`` with the refusal as the
    reason, so the form can show it beside the fields. ``convictions`` are sections, or
    ``(section, recorded class)`` pairs.
    """
    from casekit.domain import screening
    from casekit.domain.model import Conviction
    from casekit.errors import InvalidInput

    pairs = [c if isinstance(c, tuple) else (c, None) for c in convictions]
    facts = screening.ScreeningFacts(
        incident_date=occurred_on,
        actor=agency_kind,
        violations=tuple(violations),
        judicial_warrant=judicial_warrant,
        convictions=tuple(Conviction(s, k) for s, k in pairs if s),
        tsdb_match=tsdb_match,
    )
    try:
        result = screening.screen(facts, today, pack, calendar)
    except InvalidInput as exc:
        return ScreeningView("incomplete", (ReasonView(str(exc)),))
    return ScreeningView(
        decision=result.trust_act_action,
        reasons=tuple(
            ReasonView(text=r.text, citation=r.citation, confidence=r.confidence)
            for r in result.reasons
        ),
        other_claims=tuple(
            ReasonView(
                text=f"{o.title}: {o.note}" if o.note else o.title,
                citation=o.citation,
                confidence=o.confidence,
            )
            for o in result.other_claims
        ),
        claims=tuple(_claim_view(c.to_dict(), today) for c in result.claims),
        notices=tuple(n.text for n in result.notices),
        law_version=result.law_version,
    )


# --- settings ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Closure:
    closed_on: date
    reason: str


def closures(svc: Services) -> tuple[Closure, ...]:
    """The court closures the firm recorded (they move deadlines), by date."""
    from sqlalchemy import Date, String, column, select, table

    c = table("courtclosure", column("closed_on", Date), column("reason", String))
    with svc.engine.connect() as conn:
        rows = conn.execute(select(c.c.closed_on, c.c.reason).order_by(c.c.closed_on)).all()
    return tuple(Closure(r[0], r[1]) for r in rows)
