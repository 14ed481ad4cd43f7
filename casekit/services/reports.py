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

The agencies report is **de-identified**: matters with an alleged violation counted by agency,
violation code, year or town, never names, matter numbers or dates; a count is shown only when
at least ``min_cell`` clients are behind it, with complementary suppression so that no total
reveals a hidden count (:mod:`casekit.domain.disclosure`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import ensure_private_dir, write_private_file
from casekit.domain.model import MATTER_STATUSES, needs_verify
from casekit.domain.reminders import ReminderTiers, current_tier
from casekit.errors import InvalidInput
from casekit.services.dashboard import OPEN_STATUSES as OPEN_MATTER_STATUSES

if TYPE_CHECKING:
    from casekit.services.base import Services

DEFAULT_WITHIN = 30
#: Every kind a reminder ladder can belong to (casekit.domain.reminders.TIER_KINDS).
_ALL_KINDS = ("limitation", "notice", "filing", "foi", "return", "measure", "manual")
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


#: Characters Markdown reads as markup anywhere in a line: emphasis, code, links, table cells,
#: strike-through. Backslash-escaped; ``<`` and ``>`` become entities, so data never becomes
#: HTML. Parentheses, ``#`` and ``+`` are left alone (markup only at a line start or after a
#: ``]``): the digest is also read as plain text, where "\\(a\\)" would be noise.
_MD_SPECIAL = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_[]|~"}, "<": "&lt;", ">": "&gt;"})
#: An ``&`` that would start an HTML entity ("&lt;", "&#60;") is written ``&amp;``.
_ENTITY = re.compile(r"&(?=#?\w+;)")


def md_text(value: Any) -> str:
    """Data (a name, a title, a citation) made safe for Markdown: one line, no markup.

    ``<script>`` stays text, ``*Pérez*`` is not italic, ``a|b`` does not split a table cell.
    """
    text = "" if value is None else str(value)
    return _ENTITY.sub("&amp;", " ".join(text.split())).translate(_MD_SPECIAL)


def _md(value: Any) -> str:
    """A value for a Markdown table cell."""
    return md_text(value)


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def _csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte-order mark: without it Excel reads the file as Windows-1252 and shows
    "NguyÃ¡»…n" for "Nguyễn" and "Â§" for "§"."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(c) for c in row])
    return buf.getvalue().encode("utf-8-sig")


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _output_target(path: Path | str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise InvalidInput("the output path is a folder; give a file name")
    if target.parent.exists() and not target.parent.is_dir():
        raise InvalidInput("the output path's folder is a file; give a path in a folder")
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
    #: Deadlines beyond the horizon whose reminder day came (the daily digest only; else None).
    reminders: tuple[DeadlineRow, ...] | None = None

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
            **(
                {"reminders": [r.to_dict() for r in self.reminders]}
                if self.reminders is not None
                else {}
            ),
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
    unassigned: bool = False,
    after: date | None = None,
    tiers: ReminderTiers | None = None,
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
        unassigned: Only matters nobody answers for: no responsible attorney, or an inactive one.
        after: Only safe targets after this day (with ``until``: a window further out).
        tiers: The reminder ladders (default: the firm's, from the settings).
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
        # A closed or declined matter's deadlines are closed with it (casekit.services.lifecycle);
        # any left open (entered around it) stay out of digests, reports and calendars too.
        .where(m.c.status.notin_(("closed", "declined")))
    )
    if until is not None:
        query = query.where(d.c.safe_target <= until)
    if after is not None:
        query = query.where(d.c.safe_target > after)
    if attorney_id is not None:
        query = query.where(m.c.attorney_id == attorney_id)
    if unassigned:
        query = query.where(_nobody_answers(m, u))
    if matter is not None:
        from casekit.store import repo

        with svc.transaction() as session:
            matter_id = repo.get_matter(session=session, number=matter).id
        query = query.where(m.c.id == matter_id)
    query = query.order_by(d.c.safe_target, d.c.due, m.c.number, d.c.id)
    with svc.engine.connect() as conn:
        rows = conn.execute(query).all()
    if tiers is None:
        from casekit.services.settings import reminder_tiers

        tiers = reminder_tiers(svc)
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
                tier=current_tier(safe, today, tiers.for_kind(kind)),
                trail=tuple(r[12] or ()) if with_trail else (),
            )
        )
    return out


def _nobody_answers(m: Any, u: Any) -> Any:
    """No responsible attorney, or one no longer active (``u`` is outer-joined)."""
    from sqlalchemy import or_

    return or_(m.c.attorney_id.is_(None), u.c.active.is_(False))


def quiet_matters(
    svc: Services,
    *,
    attorney_id: int | None = None,
    redact: bool = False,
    unassigned: bool = False,
) -> list[QuietMatter]:
    """Open matters (intake, screening, active) with no open deadline, by matter number.

    ``unassigned``: only matters with no responsible attorney (or an inactive one).
    """
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
    if unassigned:
        query = query.where(_nobody_answers(m, u))
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
    attorney_id, attorney_name = resolve_attorney(svc, attorney)
    return _report(
        svc,
        today=today or svc.today(),
        within=within,
        attorney_id=attorney_id,
        attorney_name=attorney_name,
        redact=redact,
    )


def _report(
    svc: Services,
    *,
    today: date,
    within: int,
    attorney_id: int | None = None,
    attorney_name: str | None = None,
    redact: bool = False,
    unassigned: bool = False,
    tiers: ReminderTiers | None = None,
    firm: dict[str, str] | None = None,
    reminders_since: date | None = None,
) -> DeadlineReport:
    """:func:`deadline_report` for one scope (an attorney, the unassigned matters, everything).

    ``reminders_since``: also list the deadlines beyond the horizon whose reminder day (a tier of
    their kind) fell after that day and on or before ``today`` (the daily digest).
    """
    from casekit.domain.reminders import MAX_TIER_DAYS, reminded_since

    if tiers is None:
        from casekit.services.settings import reminder_tiers

        tiers = reminder_tiers(svc)
    horizon = today + timedelta(days=within)
    rows = open_deadline_rows(
        svc,
        today=today,
        until=horizon,
        attorney_id=attorney_id,
        redact=redact,
        unassigned=unassigned,
        tiers=tiers,
    )
    grouped: dict[str, list[DeadlineRow]] = {}
    for row in rows:
        grouped.setdefault(_section_key(row.days_left), []).append(row)
    sections = tuple(
        Section(key, title, tuple(grouped.get(key, ()))) for key, title in _section_titles(within)
    )
    later: tuple[DeadlineRow, ...] | None = None
    if reminders_since is not None:
        furthest = max((max(tiers.for_kind(k) or (0,)) for k in _ALL_KINDS), default=0)
        candidates = open_deadline_rows(
            svc,
            today=today,
            after=horizon,
            until=today + timedelta(days=min(furthest, MAX_TIER_DAYS)),
            attorney_id=attorney_id,
            redact=redact,
            unassigned=unassigned,
            tiers=tiers,
        )
        hits = [
            (r, reminded_since(r.safe_target, reminders_since, today, tiers.for_kind(r.kind)))
            for r in candidates
        ]
        later = tuple(replace(r, tier=hit) for r, hit in hits if hit is not None)
    return DeadlineReport(
        today=today,
        within=within,
        sections=sections,
        no_deadline=tuple(
            quiet_matters(svc, attorney_id=attorney_id, redact=redact, unassigned=unassigned)
        ),
        attorney=attorney_name,
        redacted=redact,
        firm=firm_settings(svc) if firm is None else firm,
        reminders=later,
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


def deadlines_markdown(
    report: DeadlineReport,
    *,
    heading: str = "Deadline reminders",
    level: int = 1,
    dated: bool = True,
) -> str:
    """The report as Markdown (also the body of the daily digest).

    ``level`` is the heading level of its title (a covered attorney's part of a digest is one
    level down). Data is escaped (:func:`md_text`): a name never becomes markup.
    """
    h = "#" * level
    when = f": {report.today.isoformat()}" if dated else ""
    lines = [f"{h} {md_text(heading)}{when}", ""]
    scope = [f"open deadlines overdue or due within {report.within} days"]
    if report.attorney:
        scope.append(f"attorney {md_text(report.attorney)}")
    lines.append(
        f"_{'; '.join(scope)}. Days left count to the safe target (the last business day on or "
        'before the due date). "verify": the rule is not confirmed; check the citation._'
    )
    for section in report.sections:
        lines += ["", f"{h}# {section.title} ({len(section.rows)})", ""]
        if section.rows:
            lines += _md_table(_DEADLINE_HEADERS, (_deadline_cells(r) for r in section.rows))
        else:
            lines.append("None.")
    if report.reminders is not None:
        lines += [
            "",
            f"{h}# Reminders for later deadlines ({len(report.reminders)})",
            "",
            "_Deadlines further out whose reminder day (the tier, in days before the safe "
            "target) has come._",
            "",
        ]
        if report.reminders:
            lines += _md_table(_DEADLINE_HEADERS, (_deadline_cells(r) for r in report.reminders))
        else:
            lines.append("None.")
    lines += ["", f"{h}# Matters with no open deadline ({len(report.no_deadline)})", ""]
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


def render_report_docx(
    svc: Services,
    template: str,
    context: dict[str, Any],
    out: Path,
    *,
    images: dict[str, Any] | None = None,
) -> Path:
    """Render a report template (the firm's copy in ``CASEKIT_HOME/templates`` wins over the
    shipped one) through :mod:`casekit.docgen` into ``out``, owner-only and atomically.

    ``images``: context keys to fill with a picture (:class:`casekit.docgen.chart.Picture`).
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
        render_document(path, context, scratch, images=images)
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
    """Open matters by attorney and status; every matter by stage (status); closed and declined
    matters by outcome (``NOT_RECORDED`` when a matter was closed without one)."""

    today: date
    by_attorney: tuple[CaseloadRow, ...]
    by_stage: tuple[tuple[str, int], ...]
    by_outcome: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "open_statuses": list(OPEN_MATTER_STATUSES),
            "by_attorney": [r.to_dict() for r in self.by_attorney],
            "by_stage": dict(self.by_stage),
            "by_outcome": dict(self.by_outcome),
        }


#: How a closed matter without a recorded outcome is counted.
NOT_RECORDED = "not recorded"


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
        ended: dict[str, int] = dict(
            conn.execute(
                select(m.c.outcome, func.count())
                .where(m.c.status.in_(("closed", "declined")))
                .group_by(m.c.outcome)
            ).all()
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
    return CaseloadReport(
        today=today or svc.today(),
        by_attorney=by_attorney,
        by_stage=by_stage,
        by_outcome=_outcome_counts(ended),
    )


def _outcome_counts(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Every outcome (``domain.fees.OUTCOMES`` order, zeros too), then "not recorded"."""
    from casekit.domain.fees import OUTCOMES

    merged: Counter[str] = Counter()
    for outcome, n in counts.items():
        merged[outcome or NOT_RECORDED] += int(n)
    order = [*OUTCOMES, *sorted(set(merged) - set(OUTCOMES) - {NOT_RECORDED}), NOT_RECORDED]
    return tuple((o, merged.get(o, 0)) for o in order if o != NOT_RECORDED or merged.get(o))


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
    lines += ["", "## Closed matters by outcome", ""]
    lines += _md_table(("Outcome", "Matters"), report.by_outcome)
    return "\n".join(lines) + "\n"


def caseload_csv(report: CaseloadReport) -> bytes:
    """Three blocks in one file: ``table`` says which (by_attorney, by_stage or by_outcome)."""
    headers = ["table", "attorney_or_stage", *OPEN_MATTER_STATUSES, "total"]
    rows: list[list[Any]] = [
        ["by_attorney", r.attorney, *(n for _, n in r.counts), r.total] for r in report.by_attorney
    ]
    rows += [["by_stage", s, *([""] * len(OPEN_MATTER_STATUSES)), n] for s, n in report.by_stage]
    rows += [
        ["by_outcome", o, *([""] * len(OPEN_MATTER_STATUSES)), n] for o, n in report.by_outcome
    ]
    return _csv_bytes(headers, rows)


# --- agencies (de-identified) ---------------------------------------------------------------

#: ``--by`` values and the columns each view shows before the count.
AGENCY_VIEWS: dict[str, tuple[str, ...]] = {
    "agency,code": ("Agency", "Violation"),
    "agency": ("Agency",),
    "agency,year": ("Agency", "Year"),
    "town": ("Town",),
    "code": ("Violation",),
}
DEFAULT_BY = "agency,code"
#: Bars drawn in a chart (the largest counts); the table always has every shown row.
CHART_BARS = 25


@dataclass(frozen=True)
class PatternRow:
    """One shown count: the matters behind one agency (and code or year), town or code."""

    labels: tuple[str, ...]
    count: int

    def to_dict(self, columns: Sequence[str]) -> dict[str, Any]:
        return {
            **{c.lower(): v for c, v in zip(columns, self.labels, strict=True)},
            "count": self.count,
        }

    @property
    def label(self) -> str:
        return " · ".join(self.labels)


@dataclass(frozen=True)
class AgencyOutcome:
    """Closed matters of one agency with one outcome (suppressed below ``min_cell`` too)."""

    agency: str
    outcome: str
    count: int | str

    def to_dict(self) -> dict[str, Any]:
        return {"agency": self.agency, "outcome": self.outcome, "count": self.count}


@dataclass(frozen=True)
class AgenciesReport:
    """De-identified counts of matters: no names, no matter numbers, no exact dates.

    ``rows`` are the counts that may be shown, largest first; ``hidden`` how many were held
    back (fewer than ``min_cell`` clients, or hidden so that no total can reveal them:
    :mod:`casekit.domain.disclosure`); ``total`` the number of matters counted, or None when
    it is itself too small to show.
    """

    today: date
    min_cell: int
    by: str
    columns: tuple[str, ...]
    rows: tuple[PatternRow, ...]
    hidden: int
    primary: int
    total: int | None
    outcomes: tuple[AgencyOutcome, ...] = ()

    @property
    def suppressed(self) -> int:
        return self.hidden

    @property
    def what(self) -> str:
        """``by agency and violation`` ..."""
        return {
            "agency,code": "by agency and violation",
            "agency": "by agency",
            "agency,year": "by agency and year",
            "town": "by town",
            "code": "by violation",
        }[self.by]

    @property
    def title(self) -> str:
        return f"Alleged Trust Act violations {self.what}"

    def note(self) -> str:
        """The suppression rule in one sentence, for every format."""
        total = (
            f"{self.total} matters counted"
            if self.total is not None
            else f"fewer than {self.min_cell} clients' matters counted"
        )
        return (
            f"De-identified: matters with an alleged violation, {self.what}; {total}. "
            f"A count is shown only when at least {self.min_cell} different clients are behind "
            f"it, and no total can be subtracted to reveal a smaller one; {self.hidden} "
            "smaller or protecting groups are not shown."
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "by": self.by,
            "min_cell": self.min_cell,
            "total_matters": self.total,
            "hidden_groups": self.hidden,
            "columns": [c.lower() for c in self.columns],
            "rows": [r.to_dict(self.columns) for r in self.rows],
            "outcomes": [o.to_dict() for o in self.outcomes],
        }


def clean_by(value: str) -> str:
    """``--by`` as one of :data:`AGENCY_VIEWS` ("Agency, Code" works; InvalidInput otherwise)."""
    wanted = ",".join(p.strip().lower() for p in (value or "").split(",") if p.strip())
    wanted = wanted.replace("violation", "code")
    if wanted not in AGENCY_VIEWS:
        raise InvalidInput(f"unknown --by '{value[:30]}' (choose {' | '.join(AGENCY_VIEWS)})")
    return wanted


def pattern_counts(svc: Services) -> Any:
    """Every view's cells (matters and distinct clients), for :func:`protect`."""
    from sqlalchemy import select

    from casekit.domain import codes
    from casekit.domain.disclosure import VIEWS, Counts

    t = _tables()
    i, a, tw, m = t["i"], t["a"], t["t"], t["m"]
    home = t["t"].alias("home")
    with svc.engine.connect() as conn:
        rows = conn.execute(
            select(
                m.c.id,
                m.c.client_id,
                a.c.name,
                a.c.kind,
                home.c.name,
                tw.c.name,
                i.c.occurred_on,
                i.c.violations,
            )  # fmt: skip
            .select_from(i)
            .join(m, m.c.id == i.c.matter_id)
            .join(a, a.c.id == i.c.agency_id)
            .join(tw, tw.c.id == i.c.town_id)
            .outerjoin(home, home.c.id == a.c.town_id)
        ).all()
    matters: dict[str, dict[tuple[str, ...], set[int]]] = {v: {} for v in VIEWS}
    clients: dict[str, dict[tuple[str, ...], set[int]]] = {v: {} for v in VIEWS}
    home_town: dict[str, str] = {}
    all_matters: set[int] = set()
    all_clients: set[int] = set()

    def add(view: str, key: tuple[str, ...], matter: int, client: int) -> None:
        matters[view].setdefault(key, set()).add(matter)
        clients[view].setdefault(key, set()).add(client)

    for matter, client, agency, kind, home_name, town, occurred_on, violations in rows:
        found = set()
        for raw in violations or ():
            try:
                found.add(codes.violation(raw).id)
            except InvalidInput:
                continue
        if not found:
            continue  # the report counts alleged violations
        all_matters.add(matter)
        all_clients.add(client)
        if kind == "municipal_police" and home_name:
            home_town[agency] = home_name
        add("agency", (agency,), matter, client)
        add("town", (town,), matter, client)
        add("agency,year", (agency, f"{occurred_on.year:04d}"), matter, client)
        for code in found:
            add("code", (code,), matter, client)
            add("agency,code", (agency, code), matter, client)
    return Counts(
        matters={v: {k: len(ids) for k, ids in cells.items()} for v, cells in matters.items()},
        clients={v: {k: len(ids) for k, ids in cells.items()} for v, cells in clients.items()},
        total=len(all_matters),
        total_clients=len(all_clients),
        home_town=home_town,
    )


def _agency_outcomes(svc: Services, min_cell: int) -> tuple[AgencyOutcome, ...]:
    """Closed matters with a recorded outcome, counted once per agency their incidents name."""
    from sqlalchemy import select

    t = _tables()
    i, a, m = t["i"], t["a"], t["m"]
    with svc.engine.connect() as conn:
        rows = conn.execute(
            select(a.c.name, m.c.outcome, m.c.id)
            .select_from(i)
            .join(a, a.c.id == i.c.agency_id)
            .join(m, m.c.id == i.c.matter_id)
            .where(m.c.outcome != "")
            .distinct()
        ).all()
    counts: Counter[tuple[str, str]] = Counter((agency, outcome) for agency, outcome, _ in rows)
    return tuple(
        AgencyOutcome(agency, outcome, n if n >= min_cell else f"<{min_cell}")
        for (agency, outcome), n in sorted(counts.items())
    )


def agencies_report(
    svc: Services,
    *,
    by: str = DEFAULT_BY,
    min_cell: int = DEFAULT_MIN_CELL,
    today: date | None = None,
) -> AgenciesReport:
    """Matters with an alleged violation, counted by ``by`` (:data:`AGENCY_VIEWS`).

    A matter counts once per group it falls in (once per agency, and once per code it
    records). Small counts are held back, with complementary suppression so that no total
    reveals them (:mod:`casekit.domain.disclosure`); every view is protected together.
    """
    from casekit.domain.disclosure import protect

    view = clean_by(by)
    if min_cell < 1:
        raise InvalidInput("--min-cell must be at least 1")
    counts = pattern_counts(svc)
    protection = protect(counts, min_cell)
    shown = protection.shown(view, counts)
    order = _view_order(view, shown)
    rows = tuple(PatternRow(key, n) for key, n in sorted(shown.items(), key=order))
    return AgenciesReport(
        today=today or svc.today(),
        min_cell=min_cell,
        by=view,
        columns=AGENCY_VIEWS[view],
        rows=rows,
        hidden=len(protection.hidden[view]),
        primary=protection.primary[view],
        total=None if protection.total_hidden else counts.total,
        outcomes=_agency_outcomes(svc, min_cell),
    )


def _view_order(view: str, shown: dict[tuple[str, ...], int]) -> Any:
    """Largest first; a two-way view keeps each agency's rows together (agencies by their
    largest shown count), years in order."""
    if view == "agency,year":
        return lambda item: (item[0][0], item[0][1])
    if view == "agency,code":
        best: dict[str, int] = {}
        for (agency, _), n in shown.items():
            best[agency] = max(best.get(agency, 0), n)
        return lambda item: (-best[item[0][0]], item[0][0], -item[1], item[0][1])
    return lambda item: (-item[1], item[0])


def agencies_markdown(report: AgenciesReport) -> str:
    lines = [f"# {report.title}: {report.today.isoformat()}", "", f"_{report.note()}_", ""]
    if report.rows:
        lines += _md_table(
            (*report.columns, "Matters"), ((*r.labels, r.count) for r in report.rows)
        )
        lines += ["", *_md_bars(report)]
    else:
        lines.append("No count is large enough to show.")
    lines += ["", "## Outcomes of closed matters by agency", ""]
    if report.outcomes:
        lines += _md_table(
            _OUTCOME_HEADERS, ((o.agency, o.outcome, o.count) for o in report.outcomes)
        )
    else:
        lines.append("None recorded.")
    return "\n".join(lines) + "\n"


_OUTCOME_HEADERS = ("Agency", "Outcome", "Matters")


def _md_bars(report: AgenciesReport, width: int = 40) -> list[str]:
    """A text bar chart (a code block, so every reader lines it up)."""
    return ["```", *text_bars(report, width=width), "```"]


def text_bars(report: AgenciesReport, *, width: int = 40, limit: int = CHART_BARS) -> list[str]:
    """Horizontal bars of the largest shown counts, one line each: label, bar, count."""
    rows = sorted(report.rows, key=lambda r: -r.count)[:limit]
    if not rows:
        return []
    top = max(r.count for r in rows)
    label_width = min(48, max(len(r.label) for r in rows))
    out = []
    for r in rows:
        label = r.label if len(r.label) <= label_width else r.label[: label_width - 1] + "…"
        bar = "█" * max(1, round(r.count / top * width))
        out.append(f"{label:<{label_width}}  {bar} {r.count}")
    return out


def agencies_csv(report: AgenciesReport, table: str = "violations") -> bytes:
    """One table per file: the violation counts (default) or the outcome counts."""
    if table == "outcomes":
        return _csv_bytes(
            [h.lower() for h in _OUTCOME_HEADERS],
            ((o.agency, o.outcome, o.count) for o in report.outcomes),
        )
    return _csv_bytes(
        [*(c.lower() for c in report.columns), "matters"],
        ((*r.labels, r.count) for r in report.rows),
    )


def agencies_template_context(report: AgenciesReport, firm: dict[str, str]) -> dict[str, Any]:
    """The context ``templates/report-agencies.docx`` renders (``chart`` is added at render)."""
    columns = list(report.columns) + [""] * (2 - len(report.columns))
    return {
        "lang": "en",
        "today": report.today,
        "document": {"name": "report-agencies", "title": report.title},
        "firm": dict(firm),
        "title": report.title,
        "note": report.note(),
        "min_cell": report.min_cell,
        "columns": columns,
        "rows": [
            {
                "group": r.labels[0],
                "detail": r.labels[1] if len(r.labels) > 1 else "",
                "count": str(r.count),
            }
            for r in report.rows
        ],
        "chart": "",
        "outcomes": [{k: str(v) for k, v in o.to_dict().items()} for o in report.outcomes],
    }


def agencies_docx(svc: Services, report: AgenciesReport, out: Path) -> Path:
    """The Word report, with a bar chart of the largest counts (casekit.docgen.chart)."""
    from casekit.docgen.chart import bar_chart_png

    context = agencies_template_context(report, firm_settings(svc))
    rows = sorted(report.rows, key=lambda r: -r.count)[:CHART_BARS]
    images = {}
    if rows:
        images["chart"] = bar_chart_png(
            [(r.label, r.count) for r in rows],
            title=f"Matters {report.what} (largest {len(rows)})",
        )
    return render_report_docx(svc, "report-agencies", context, out, images=images)


def to_json(data: Any) -> bytes:
    """Any report's ``to_dict()`` (or a list of them) as UTF-8 JSON."""
    return _json_bytes(data)


# --- daily digest (casekit remind) ----------------------------------------------------------


@dataclass(frozen=True)
class Digest:
    """The daily reminder digest of one attorney, of the fallback recipient, or of the office.

    Client names are reduced to initials: a digest goes to cron mail and e-mail.
    """

    today: date
    markdown: str
    overdue: int
    upcoming: int
    attorney: str = ""
    attorney_id: int | None = None
    email: str = ""
    #: ``attorney-<id>``, ``fallback`` (matters nobody answers for) or ``office``.
    recipient: str = ""
    invalid_email: bool = False

    @property
    def recipient_key(self) -> str:
        if self.recipient:
            return self.recipient
        return f"attorney-{self.attorney_id}" if self.attorney_id is not None else "office"

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


def previous_weekday(day: date) -> date:
    """The weekday before ``day`` (Friday for a Monday): reminder days since then are due.

    The digest runs on weekdays (README cron recipe), so Monday's digest also carries the
    reminder days that fell on the weekend.
    """
    back = {0: 3, 6: 2}.get(day.weekday(), 1)
    return day - timedelta(days=back)


def daily_digest(
    svc: Services, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> Digest:
    """The office-wide digest: every open deadline overdue or within ``within`` days, and the
    later deadlines whose reminder day came since the previous weekday."""
    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    day = today or svc.today()
    report = _report(
        svc, today=day, within=within, redact=True, reminders_since=previous_weekday(day)
    )
    return _digest(report, recipient="office")


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    email: str


def attorney_digests(
    svc: Services, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> list[Digest]:
    """One digest per active attorney with an open matter or open deadline, one per covering
    attorney, and the fallback digest.

    * An attorney covered on ``today`` (casekit.services.coverage) still gets their own digest,
      which says who covers them; the covering attorney's digest carries a part "Covering for
      ..." with the absent attorney's deadlines (a deadline is never sent to fewer people).
    * Matters with no responsible attorney, or an inactive one, go to the fallback recipient
      (``reminders.fallback_email``); with none set, that digest waits in the outbox and the
      failure is reported.
    """
    from sqlalchemy import exists, or_, select

    from casekit.services.coverage import active_coverage
    from casekit.services.settings import reminder_tiers, show_settings

    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    day = today or svc.today()
    since = previous_weekday(day)
    values = show_settings(svc)
    tiers = reminder_tiers(svc, values)
    firm = firm_settings(svc)
    covering = active_coverage(svc, day)  # absent attorney id -> coverage
    t = _tables()
    m, d, u = t["m"], t["d"], t["u"]
    with svc.engine.connect() as conn:
        people = [
            _Person(r.id, r.name, r.email or "")
            for r in conn.execute(
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
        ]
        everyone = {
            r.id: _Person(r.id, r.name, r.email or "")
            for r in conn.execute(
                select(u.c.id, u.c.name, u.c.email).where(u.c.active.is_(True))
            ).all()
        }

    def report_for(person: _Person) -> DeadlineReport:
        return _report(
            svc,
            today=day,
            within=within,
            attorney_id=person.id,
            attorney_name=person.name,
            redact=True,
            tiers=tiers,
            firm=firm,
            reminders_since=since,
        )

    own = {p.id: report_for(p) for p in people}
    covered_by: dict[int, list[int]] = {}
    for absent_id, cover in covering.items():
        if absent_id in own and cover.covering_id in everyone:
            covered_by.setdefault(cover.covering_id, []).append(absent_id)
    out: list[Digest] = []
    recipients = sorted(
        set(own) | set(covered_by), key=lambda i: everyone[i].name.lower() if i in everyone else ""
    )
    for person_id in recipients:
        person = everyone[person_id]
        parts: list[str] = []
        overdue = upcoming = 0
        report = own.get(person_id)
        if report is not None:
            note = ""
            if person_id in covering and covering[person_id].covering_id in everyone:
                cover = covering[person_id]
                note = (
                    f"\n_Covered by {md_text(everyone[cover.covering_id].name)} until "
                    f"{cover.ends_on.isoformat()}: they receive these deadlines too._\n"
                )
            parts.append(deadlines_markdown(report, heading="Daily deadline digest") + note)
            overdue += report.overdue
            upcoming += len(report.rows) - report.overdue
        else:
            parts.append(f"# Daily deadline digest: {day.isoformat()}\n")
        for absent_id in sorted(covered_by.get(person_id, ()), key=lambda i: everyone[i].name):
            absent = own[absent_id]
            ends = covering[absent_id].ends_on.isoformat()
            parts.append(
                deadlines_markdown(
                    absent,
                    heading=f"Covering for {everyone[absent_id].name} (until {ends})",
                    level=2,
                    dated=False,
                )
            )
            overdue += absent.overdue
            upcoming += len(absent.rows) - absent.overdue
        out.append(
            Digest(
                today=day,
                markdown="\n".join(parts),
                overdue=overdue,
                upcoming=upcoming,
                attorney=person.name,
                attorney_id=person.id,
                email=person.email,
            )
        )
    fallback = _report(
        svc,
        today=day,
        within=within,
        redact=True,
        unassigned=True,
        tiers=tiers,
        firm=firm,
        reminders_since=since,
    )
    if fallback.rows or fallback.no_deadline or fallback.reminders:
        name = values.get("reminders.fallback_name", "") or "fallback recipient"
        out.append(
            Digest(
                today=day,
                markdown=deadlines_markdown(
                    fallback, heading="Matters with no responsible attorney"
                )
                + "\n_Nobody is responsible for these matters (no attorney, or one no longer "
                "active): assign a responsible attorney to each._\n",
                overdue=fallback.overdue,
                upcoming=len(fallback.rows) - fallback.overdue,
                attorney=name,
                email=values.get("reminders.fallback_email", ""),
                recipient="fallback",
            )
        )
    return out
