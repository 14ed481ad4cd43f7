"""Office reports: deadline reminders, matters with no deadline, caseload, agency patterns.

Each report is built as plain data (frozen dataclasses with ``to_dict``) and rendered by the
functions here to Markdown, CSV, JSON or Word; the CLI draws the terminal tables itself. Nothing
here prints or reads the clock: "today" comes from the caller or :meth:`Services.today`.

Deadline sections are measured against the **safe target** (the last business day on or before
the legal last day; trust-act.md § 3): a deadline is *Overdue* once its safe target has passed,
even if the legal last day is a weekend still ahead. Rows carry the days left to the safe target,
a ``verify`` marker for rules that are not ``confirmed`` and the current reminder tier
(:mod:`casekit.domain.reminders`: 180/90/60/30/14/7/1 days for limitation and notice deadlines,
14/7/1 for the rest).

The agencies report is **de-identified**: counts of alleged violations by agency, town, violation
code and month (``YYYY-MM``), never names or exact dates; a count below ``min_cell`` is shown as
``<N`` (small-cell suppression).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import ensure_private_dir, write_private_file
from casekit.domain.model import MATTER_STATUSES, needs_verify
from casekit.domain.reminders import current_tier, tiers_for
from casekit.errors import InvalidInput
from casekit.services.views import OPEN_STATUSES as OPEN_MATTER_STATUSES

if TYPE_CHECKING:
    from casekit.services.base import Services

DEFAULT_WITHIN = 30
DEFAULT_MIN_CELL = 3
UNASSIGNED = "(unassigned)"
_PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "do", "dos", "van", "von", "y", "e"})


# --- small helpers --------------------------------------------------------------------------


def initials(name: str) -> str:
    """``"Juana Nadie"`` → ``"J. N."``: first and last name initials, particles skipped.

    Used wherever a report may travel (``--redact``, calendars, e-mailed digests).
    """
    words = [w for w in name.replace(",", " ").split() if w[:1].isalpha()]
    significant = [w for w in words if w.lower() not in _PARTICLES] or words
    if not significant:
        return "?"
    picked = significant[:1] + significant[-1:] if len(significant) > 1 else significant
    return " ".join(f"{w[0].upper()}." for w in picked)


def csv_cell(value: Any) -> Any:
    """A value safe to put in a CSV cell that a spreadsheet will open.

    Text starting with ``= + - @`` (or a tab/CR) is prefixed with ``'`` so a spreadsheet shows it
    instead of running it as a formula (file names and sources come from outside the firm).
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _md(value: Any) -> str:
    """A value for a Markdown table cell."""
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def _csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return buf.getvalue().encode("utf-8")


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _output_target(path: Path | str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise InvalidInput("the output path is a folder; give a file name")
    if not target.parent.exists():
        ensure_private_dir(target.parent)  # folders casekit creates are owner-only
    return target


def write_output(path: Path | str, data: bytes) -> Path:
    """Write a report file owner-only (0600) and atomically (temp file, fsync, rename).

    An existing folder keeps its mode: a report written to ``/tmp`` must not lock it down.
    """
    target = _output_target(path)
    write_private_file(target, data)
    return target


def _tables() -> Any:
    from casekit.store.models import Agency, Client, Deadline, Incident, Matter, Town, User

    return {
        "d": Deadline.__table__,  # type: ignore[attr-defined]
        "m": Matter.__table__,  # type: ignore[attr-defined]
        "c": Client.__table__,  # type: ignore[attr-defined]
        "u": User.__table__,  # type: ignore[attr-defined]
        "i": Incident.__table__,  # type: ignore[attr-defined]
        "a": Agency.__table__,  # type: ignore[attr-defined]
        "t": Town.__table__,  # type: ignore[attr-defined]
    }


def resolve_attorney(svc: Services, name: str | None) -> tuple[int | None, str | None]:
    """The user id for an ``--attorney`` filter (InvalidInput when unknown)."""
    if name is None:
        return None, None
    from casekit.store import repo

    with svc.transaction() as session:
        user = repo.find_user(session=session, name=name)
        return user.id, user.name


def firm_settings(svc: Services) -> dict[str, str]:
    """The ``firm.*`` settings as the report templates expect them (``""`` when unset)."""
    from casekit.services.settings import show_settings

    values = show_settings(svc)
    return {
        key: values.get(f"firm.{key}", "")
        for key in ("name", "address", "phone", "email", "juris_number")
    }


# --- deadline report ------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    """One open deadline in a report."""

    deadline_id: int
    version: int
    matter: str
    client: str
    attorney: str
    title: str
    rule_id: str
    kind: str
    due: date
    safe_target: date
    days_left: int
    citation: str
    confidence: str
    tier: int | None
    trail: tuple[str, ...] = ()

    @property
    def verify(self) -> bool:
        return needs_verify(self.confidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "deadline_id": self.deadline_id,
            "matter": self.matter,
            "client": self.client,
            "attorney": self.attorney,
            "title": self.title,
            "rule": self.rule_id,
            "due": self.due.isoformat(),
            "safe_target": self.safe_target.isoformat(),
            "days_left": self.days_left,
            "citation": self.citation,
            "confidence": self.confidence,
            "verify": self.verify,
            "tier": self.tier,
        }

    def template_row(self) -> dict[str, Any]:
        """The row as ``templates/report-deadlines.docx`` reads it."""
        return {
            "matter": self.matter,
            "client": self.client,
            "title": self.title,
            "due": self.due,
            "safe_target": self.safe_target,
            "days_left": self.days_left,
            "citation": self.citation,
            "verify": "verify" if self.verify else "",
            "tier": "" if self.tier is None else self.tier,
        }


@dataclass(frozen=True)
class Section:
    key: str  # overdue | today | week | next
    title: str
    rows: tuple[DeadlineRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "rows": [r.to_dict() for r in self.rows]}


@dataclass(frozen=True)
class QuietMatter:
    """An open matter with no open deadline: nothing will remind anyone about it."""

    matter: str
    client: str
    attorney: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "client": self.client,
            "attorney": self.attorney,
            "status": self.status,
        }


@dataclass(frozen=True)
class DeadlineReport:
    today: date
    within: int
    sections: tuple[Section, ...]
    no_deadline: tuple[QuietMatter, ...]
    attorney: str | None = None
    redacted: bool = False
    firm: dict[str, str] = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        return sum(len(s.rows) for s in self.sections if s.key == "overdue")

    @property
    def rows(self) -> list[DeadlineRow]:
        return [r for s in self.sections for r in s.rows]

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "within": self.within,
            "attorney": self.attorney,
            "redacted": self.redacted,
            "sections": [s.to_dict() for s in self.sections],
            "no_deadline": [q.to_dict() for q in self.no_deadline],
        }


def _section_titles(within: int) -> tuple[tuple[str, str], ...]:
    return (
        ("overdue", "Overdue"),
        ("today", "Today"),
        ("week", "This week"),
        ("next", f"Next {within} days"),
    )


def _section_key(days_left: int) -> str:
    if days_left < 0:
        return "overdue"
    if days_left == 0:
        return "today"
    return "week" if days_left <= 7 else "next"


def open_deadline_rows(
    svc: Services,
    *,
    today: date,
    until: date | None = None,
    attorney_id: int | None = None,
    matter: str | None = None,
    redact: bool = False,
    with_trail: bool = False,
) -> list[DeadlineRow]:
    """Open deadlines (safe target up to ``until``, or all), soonest first.

    Args:
        svc: The services.
        today: The day days-left and tiers are counted from.
        until: Last safe target to include (overdue ones always are); None for every one.
        attorney_id: Only matters this user is responsible for.
        matter: Only this matter (NotFound when unknown).
        redact: Client initials instead of names.
        with_trail: Include each deadline's computation trail.
    """
    from sqlalchemy import select

    t = _tables()
    d, m, c, u = t["d"], t["m"], t["c"], t["u"]
    cols = [
        d.c.id,
        d.c.version,
        m.c.number,
        c.c.name,
        u.c.name,
        d.c.title,
        d.c.rule_id,
        d.c.kind,
        d.c.due,
        d.c.safe_target,
        d.c.citation,
        d.c.confidence,
    ]
    if with_trail:
        cols.append(d.c.trail)
    query = (
        select(*cols)
        .join(m, m.c.id == d.c.matter_id)
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(d.c.status == "open")
    )
    if until is not None:
        query = query.where(d.c.safe_target <= until)
    if attorney_id is not None:
        query = query.where(m.c.attorney_id == attorney_id)
    if matter is not None:
        from casekit.store import repo

        with svc.transaction() as session:
            matter_id = repo.get_matter(session=session, number=matter).id
        query = query.where(m.c.id == matter_id)
    query = query.order_by(d.c.safe_target, d.c.due, m.c.number, d.c.id)
    with svc.engine.connect() as conn:
        rows = conn.execute(query).all()
    out = []
    for r in rows:
        kind = r[7] or ""
        safe = r[9]
        out.append(
            DeadlineRow(
                deadline_id=r[0],
                version=r[1],
                matter=r[2],
                client=initials(r[3]) if redact else r[3],
                attorney=r[4] or "",
                title=r[5],
                rule_id=r[6],
                kind=kind,
                due=r[8],
                safe_target=safe,
                days_left=(safe - today).days,
                citation=r[10] or "",
                confidence=r[11] or "",
                tier=current_tier(safe, today, tiers_for(kind)),
                trail=tuple(r[12] or ()) if with_trail else (),
            )
        )
    return out


def quiet_matters(
    svc: Services, *, attorney_id: int | None = None, redact: bool = False
) -> list[QuietMatter]:
    """Open matters (intake, screening, active) with no open deadline, by matter number."""
    from sqlalchemy import literal_column, select

    t = _tables()
    d, m, c, u = t["d"], t["m"], t["c"], t["u"]
    query = (
        select(m.c.number, c.c.name, u.c.name, m.c.status)
        .join(c, c.c.id == m.c.client_id)
        .outerjoin(u, u.c.id == m.c.attorney_id)
        .where(m.c.status.in_(OPEN_MATTER_STATUSES))
        # `status + ""` keeps SQLite off the partial open-deadline index here: without ANALYZE
        # statistics it would scan every open deadline for each matter (benchmarks/README.md).
        # SELECT 1, not SELECT *: the (matter_id, status) index then answers alone.
        .where(
            ~select(literal_column("1"))
            .where(d.c.matter_id == m.c.id, (d.c.status + "") == "open")
            .exists()
        )
        .order_by(m.c.number)
    )
    if attorney_id is not None:
        query = query.where(m.c.attorney_id == attorney_id)
    with svc.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        QuietMatter(
            matter=r[0],
            client=initials(r[1]) if redact else r[1],
            attorney=r[2] or "",
            status=r[3],
        )
        for r in rows
    ]


def deadline_report(
    svc: Services,
    *,
    within: int = DEFAULT_WITHIN,
    attorney: str | None = None,
    today: date | None = None,
    redact: bool = False,
) -> DeadlineReport:
    """The deadline reminder report.

    Args:
        svc: The services.
        within: Horizon in days for the last section ("Next N days"); at least 1.
        attorney: Only this attorney's matters (InvalidInput when unknown).
        today: The report date (default: :meth:`Services.today`).
        redact: Client initials ("J. N.") instead of names.

    Returns:
        Sections Overdue, Today, This week (next 7 days), Next N days (only open deadlines), and
        the open matters with no open deadline.
    """
    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    today = today or svc.today()
    attorney_id, attorney_name = resolve_attorney(svc, attorney)
    rows = open_deadline_rows(
        svc,
        today=today,
        until=today + timedelta(days=within),
        attorney_id=attorney_id,
        redact=redact,
    )
    grouped: dict[str, list[DeadlineRow]] = {}
    for row in rows:
        grouped.setdefault(_section_key(row.days_left), []).append(row)
    sections = tuple(
        Section(key, title, tuple(grouped.get(key, ()))) for key, title in _section_titles(within)
    )
    firm = firm_settings(svc)
    return DeadlineReport(
        today=today,
        within=within,
        sections=sections,
        no_deadline=tuple(quiet_matters(svc, attorney_id=attorney_id, redact=redact)),
        attorney=attorney_name,
        redacted=redact,
        firm=firm,
    )


_DEADLINE_HEADERS = (
    "Matter",
    "Client",
    "Deadline",
    "Due",
    "Safe target",
    "Days left",
    "Citation",
    "Verify",
    "Tier",
)


def _deadline_cells(r: DeadlineRow) -> list[Any]:
    return [
        r.matter,
        r.client,
        r.title,
        r.due.isoformat(),
        r.safe_target.isoformat(),
        r.days_left,
        r.citation,
        "verify" if r.verify else "",
        "" if r.tier is None else r.tier,
    ]


def deadlines_markdown(report: DeadlineReport, *, heading: str = "Deadline reminders") -> str:
    """The report as Markdown (also the body of the daily digest)."""
    title = f"# {heading}: {report.today.isoformat()}"
    lines = [title, ""]
    scope = [f"open deadlines overdue or due within {report.within} days"]
    if report.attorney:
        scope.append(f"attorney {report.attorney}")
    lines.append(
        f"_{'; '.join(scope)}. Days left count to the safe target (the last business day on or "
        'before the due date). "verify": the rule is not confirmed; check the citation._'
    )
    for section in report.sections:
        lines += ["", f"## {section.title} ({len(section.rows)})", ""]
        if section.rows:
            lines += _md_table(_DEADLINE_HEADERS, (_deadline_cells(r) for r in section.rows))
        else:
            lines.append("None.")
    lines += ["", f"## Matters with no open deadline ({len(report.no_deadline)})", ""]
    if report.no_deadline:
        lines += _md_table(
            ("Matter", "Client", "Attorney", "Status"),
            ((q.matter, q.client, q.attorney or UNASSIGNED, q.status) for q in report.no_deadline),
        )
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def deadlines_csv(report: DeadlineReport) -> bytes:
    """One row per deadline (``section`` column), then one per matter with no open deadline."""
    headers = ["section", *(h.lower().replace(" ", "_") for h in _DEADLINE_HEADERS)]
    rows: list[list[Any]] = [
        [s.title, *_deadline_cells(r)] for s in report.sections for r in s.rows
    ]
    rows += [
        ["No open deadline", q.matter, q.client, "", "", "", "", "", "", ""]
        for q in report.no_deadline
    ]
    return _csv_bytes(headers, rows)


def deadlines_template_context(report: DeadlineReport) -> dict[str, Any]:
    """The context ``templates/report-deadlines.docx`` renders (templates/README.md)."""
    return {
        "lang": "en",
        "today": report.today,
        "document": {"name": "report-deadlines", "title": "Deadline reminders"},
        "firm": dict(report.firm),
        "title": "Deadline reminders",
        "horizon_days": report.within,
        "sections": [
            {"title": s.title, "rows": [r.template_row() for r in s.rows]} for s in report.sections
        ],
        "no_deadline": [{"matter": q.matter, "client": q.client} for q in report.no_deadline],
    }


def render_report_docx(svc: Services, template: str, context: dict[str, Any], out: Path) -> Path:
    """Render a report template (the firm's copy in ``CASEKIT_HOME/templates`` wins over the
    shipped one) through :mod:`casekit.docgen` into ``out``, owner-only and atomically.
    """
    from casekit.docgen.render import render_document
    from casekit.resources import templates_dir

    name = f"{template}.docx"
    own = svc.settings.templates_dir / name
    path = own if own.is_file() else templates_dir() / name
    if not path.is_file():
        raise InvalidInput(f"the template {name} is not installed")
    target = _output_target(out)
    # docgen never overwrites a file; a report may replace yesterday's, so render beside it first.
    with tempfile.TemporaryDirectory(prefix=".casekit-report-", dir=target.parent) as tmp:
        scratch = Path(tmp) / name
        render_document(path, context, scratch)
        return write_output(target, scratch.read_bytes())


# --- no-deadline and caseload ---------------------------------------------------------------


def no_deadline_markdown(items: Sequence[QuietMatter], today: date) -> str:
    lines = [f"# Matters with no open deadline: {today.isoformat()}", ""]
    if items:
        lines += _md_table(
            ("Matter", "Client", "Attorney", "Status"),
            ((q.matter, q.client, q.attorney or UNASSIGNED, q.status) for q in items),
        )
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def no_deadline_csv(items: Sequence[QuietMatter]) -> bytes:
    return _csv_bytes(
        ("matter", "client", "attorney", "status"),
        ((q.matter, q.client, q.attorney, q.status) for q in items),
    )


@dataclass(frozen=True)
class CaseloadRow:
    attorney: str
    counts: tuple[tuple[str, int], ...]  # (status, n) for the open statuses

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def to_dict(self) -> dict[str, Any]:
        return {"attorney": self.attorney, **dict(self.counts), "total": self.total}


@dataclass(frozen=True)
class CaseloadReport:
    """Open matters by attorney and status; every matter by stage (status)."""

    today: date
    by_attorney: tuple[CaseloadRow, ...]
    by_stage: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "open_statuses": list(OPEN_MATTER_STATUSES),
            "by_attorney": [r.to_dict() for r in self.by_attorney],
            "by_stage": dict(self.by_stage),
        }


def caseload_report(svc: Services, *, today: date | None = None) -> CaseloadReport:
    """Open matters per attorney and status, and all matters per stage."""
    from sqlalchemy import func, select

    t = _tables()
    m, u = t["m"], t["u"]
    with svc.engine.connect() as conn:
        per = conn.execute(
            select(u.c.name, m.c.status, func.count())
            .select_from(m)
            .outerjoin(u, u.c.id == m.c.attorney_id)
            .where(m.c.status.in_(OPEN_MATTER_STATUSES))
            .group_by(u.c.name, m.c.status)
        ).all()
        stages: dict[str, int] = dict(
            conn.execute(select(m.c.status, func.count()).group_by(m.c.status)).all()
        )
    table: dict[str, Counter[str]] = {}
    for name, status, n in per:
        table.setdefault(name or UNASSIGNED, Counter())[status] += int(n)
    by_attorney = tuple(
        CaseloadRow(name, tuple((s, table[name][s]) for s in OPEN_MATTER_STATUSES))
        for name in sorted(table, key=lambda n: (n == UNASSIGNED, n.lower()))
    )
    order = list(MATTER_STATUSES) + sorted(set(stages) - set(MATTER_STATUSES))
    by_stage = tuple((s, int(stages.get(s, 0))) for s in order)
    return CaseloadReport(today=today or svc.today(), by_attorney=by_attorney, by_stage=by_stage)


def caseload_markdown(report: CaseloadReport) -> str:
    lines = [f"# Caseload: {report.today.isoformat()}", "", "## Open matters by attorney", ""]
    headers = ("Attorney", *OPEN_MATTER_STATUSES, "Total")
    if report.by_attorney:
        lines += _md_table(
            headers, ((r.attorney, *(n for _, n in r.counts), r.total) for r in report.by_attorney)
        )
    else:
        lines.append("None.")
    lines += ["", "## Matters by stage", ""]
    lines += _md_table(("Stage", "Matters"), report.by_stage)
    return "\n".join(lines) + "\n"


def caseload_csv(report: CaseloadReport) -> bytes:
    """Two blocks in one file: ``table`` says which (by_attorney or by_stage)."""
    headers = ["table", "attorney_or_stage", *OPEN_MATTER_STATUSES, "total"]
    rows: list[list[Any]] = [
        ["by_attorney", r.attorney, *(n for _, n in r.counts), r.total] for r in report.by_attorney
    ]
    rows += [["by_stage", s, *([""] * len(OPEN_MATTER_STATUSES)), n] for s, n in report.by_stage]
    return _csv_bytes(headers, rows)


# --- agencies (de-identified) ---------------------------------------------------------------


@dataclass(frozen=True)
class AgencyCell:
    agency: str
    town: str
    violation: str
    month: str  # YYYY-MM
    count: int | str  # an int, or "<N" when suppressed

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "town": self.town,
            "violation": self.violation,
            "month": self.month,
            "count": self.count,
        }


@dataclass(frozen=True)
class AgenciesReport:
    """De-identified counts: no names, no matter numbers, no exact dates."""

    today: date
    min_cell: int
    cells: tuple[AgencyCell, ...]

    @property
    def suppressed(self) -> int:
        return sum(1 for c in self.cells if isinstance(c.count, str))

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "min_cell": self.min_cell,
            "suppressed_cells": self.suppressed,
            "cells": [c.to_dict() for c in self.cells],
        }


def agencies_report(
    svc: Services, *, min_cell: int = DEFAULT_MIN_CELL, today: date | None = None
) -> AgenciesReport:
    """Alleged violations counted by agency, town, violation code and month.

    One count per incident and violation code it records. Counts below ``min_cell`` are shown
    as ``"<min_cell>"`` so a rare combination cannot point at one person.
    """
    from sqlalchemy import select

    from casekit.domain import codes

    if min_cell < 1:
        raise InvalidInput("--min-cell must be at least 1")
    t = _tables()
    i, a, tw = t["i"], t["a"], t["t"]
    with svc.engine.connect() as conn:
        rows = conn.execute(
            select(a.c.name, tw.c.name, i.c.occurred_on, i.c.violations)
            .select_from(i)
            .join(a, a.c.id == i.c.agency_id)
            .join(tw, tw.c.id == i.c.town_id)
        ).all()
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for agency, town, occurred_on, violations in rows:
        month = f"{occurred_on.year:04d}-{occurred_on.month:02d}"
        for raw in set(violations or ()):
            try:
                code = codes.violation(raw).id
            except InvalidInput:
                continue
            counts[(agency, town, code, month)] += 1
    cells = tuple(
        AgencyCell(
            agency=k[0],
            town=k[1],
            violation=k[2],
            month=k[3],
            count=n if n >= min_cell else f"<{min_cell}",
        )
        for k, n in sorted(counts.items())
    )
    return AgenciesReport(today=today or svc.today(), min_cell=min_cell, cells=cells)


_AGENCY_HEADERS = ("Agency", "Town", "Violation", "Month", "Count")


def _agency_cells(c: AgencyCell) -> list[Any]:
    return [c.agency, c.town, c.violation, c.month, c.count]


def agencies_markdown(report: AgenciesReport) -> str:
    lines = [
        f"# Alleged violations by agency: {report.today.isoformat()}",
        "",
        f"_De-identified: counts of alleged violations by agency, town, violation code and month; "
        f'counts below {report.min_cell} are shown as "<{report.min_cell}"._',
        "",
    ]
    if report.cells:
        lines += _md_table(_AGENCY_HEADERS, (_agency_cells(c) for c in report.cells))
    else:
        lines.append("None.")
    return "\n".join(lines) + "\n"


def agencies_csv(report: AgenciesReport) -> bytes:
    return _csv_bytes(
        [h.lower() for h in _AGENCY_HEADERS], (_agency_cells(c) for c in report.cells)
    )


def agencies_template_context(report: AgenciesReport, firm: dict[str, str]) -> dict[str, Any]:
    """The context ``templates/report-agencies.docx`` renders."""
    return {
        "lang": "en",
        "today": report.today,
        "document": {"name": "report-agencies", "title": "Alleged violations by agency"},
        "firm": dict(firm),
        "title": "Alleged violations by agency",
        "min_cell": report.min_cell,
        "rows": [{k: str(v) for k, v in c.to_dict().items()} for c in report.cells],
    }


def agencies_docx(svc: Services, report: AgenciesReport, out: Path) -> Path:
    context = agencies_template_context(report, firm_settings(svc))
    return render_report_docx(svc, "report-agencies", context, out)


def to_json(data: Any) -> bytes:
    """Any report's ``to_dict()`` (or a list of them) as UTF-8 JSON."""
    return _json_bytes(data)


# --- daily digest (casekit remind) ----------------------------------------------------------


@dataclass(frozen=True)
class Digest:
    """The daily reminder digest of one attorney (or of the whole office).

    Client names are reduced to initials: a digest goes to cron mail and e-mail.
    """

    today: date
    markdown: str
    overdue: int
    upcoming: int
    attorney: str = ""
    attorney_id: int | None = None
    email: str = ""

    @property
    def subject(self) -> str:
        who = f" for {self.attorney}" if self.attorney else ""
        return (
            f"casekit deadlines{who}, {self.today.isoformat()}: "
            f"{self.overdue} overdue, {self.upcoming} upcoming"
        )


def _digest(report: DeadlineReport, **who: Any) -> Digest:
    return Digest(
        today=report.today,
        markdown=deadlines_markdown(report, heading="Daily deadline digest"),
        overdue=report.overdue,
        upcoming=len(report.rows) - report.overdue,
        **who,
    )


def daily_digest(
    svc: Services, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> Digest:
    """The office-wide digest: every open deadline overdue or within ``within`` days."""
    return _digest(deadline_report(svc, within=within, today=today, redact=True))


def attorney_digests(
    svc: Services, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> list[Digest]:
    """One digest per active attorney responsible for an open matter or an open deadline."""
    from sqlalchemy import exists, or_, select

    t = _tables()
    m, d, u = t["m"], t["d"], t["u"]
    with svc.engine.connect() as conn:
        people = conn.execute(
            select(u.c.id, u.c.name, u.c.email)
            .where(u.c.active.is_(True))
            .where(
                exists().where(
                    m.c.attorney_id == u.c.id,
                    or_(
                        m.c.status.in_(OPEN_MATTER_STATUSES),
                        exists().where(d.c.matter_id == m.c.id, d.c.status == "open"),
                    ),
                )
            )
            .order_by(u.c.name)
        ).all()
    out = []
    for user_id, name, email in people:
        report = deadline_report(svc, within=within, attorney=name, today=today, redact=True)
        out.append(_digest(report, attorney=name, attorney_id=user_id, email=email or ""))
    return out
