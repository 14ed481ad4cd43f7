"""The daily reminder digests (``casekit remind``): the office's, one per attorney (with the
deadlines of those they cover for), and the fallback recipient's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from casekit.errors import InvalidInput
from casekit.services.dashboard import OPEN_STATUSES as OPEN_MATTER_STATUSES
from casekit.services.office.settings import reminder_tiers, show_settings
from casekit.services.reports.coverage import CoverageOut, active_coverage
from casekit.services.reports.deadline_exports import deadlines_markdown
from casekit.services.reports.formats import md_text
from casekit.services.reports.reminders import Scope, scoped_report
from casekit.services.reports.rows import DEFAULT_WITHIN, DeadlineReport
from casekit.services.reports.word import firm_settings
from casekit.store.repos import reports as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext


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
    svc: AppContext, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> Digest:
    """The office-wide digest: every open deadline overdue or within ``within`` days, and the
    later deadlines whose reminder day came since the previous weekday."""
    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    day = today or svc.today()
    report = scoped_report(
        svc,
        today=day,
        within=within,
        scope=Scope(redact=True, reminders_since=previous_weekday(day)),
    )
    return _digest(report, recipient="office")


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    email: str


@dataclass
class _Office:
    """What every digest of one run shares: the day, the horizon, the settings, who covers
    whom, and the people."""

    day: date
    within: int
    values: dict[str, str]
    scope: Scope
    covering: dict[int, CoverageOut]
    people: list[_Person] = field(default_factory=list)
    everyone: dict[int, _Person] = field(default_factory=dict)

    def report(self, svc: AppContext, **scope: Any) -> DeadlineReport:
        return scoped_report(
            svc, today=self.day, within=self.within, scope=replace(self.scope, **scope)
        )

    def name(self, person_id: int) -> str:
        return self.everyone[person_id].name


def attorney_digests(
    svc: AppContext, *, today: date | None = None, within: int = DEFAULT_WITHIN
) -> list[Digest]:
    """One digest per active attorney with an open matter or open deadline, one per covering
    attorney, and the fallback digest.

    * An attorney covered on ``today`` (casekit.services.reports.coverage) still gets their own
      digest, which says who covers them; the covering attorney's digest carries a part
      "Covering for ..." with the absent attorney's deadlines (a deadline is never sent to fewer
      people).
    * Matters with no responsible attorney, or an inactive one, go to the fallback recipient
      (``reminders.fallback_email``); with none set, that digest waits in the outbox and the
      failure is reported.
    """
    if within < 1:
        raise InvalidInput("--within must be at least 1 day")
    office = _office(svc, today or svc.today(), within)
    own = {p.id: office.report(svc, attorney_id=p.id, attorney_name=p.name) for p in office.people}
    covered_by: dict[int, list[int]] = {}
    for absent_id, cover in office.covering.items():
        if absent_id in own and cover.covering_id in office.everyone:
            covered_by.setdefault(cover.covering_id, []).append(absent_id)
    recipients = sorted(
        set(own) | set(covered_by),
        key=lambda i: office.name(i).lower() if i in office.everyone else "",
    )
    out = [_attorney_digest(office, i, own, covered_by.get(i, [])) for i in recipients]
    fallback = _fallback_digest(svc, office)
    if fallback is not None:
        out.append(fallback)
    return out


def _office(svc: AppContext, day: date, within: int) -> _Office:
    values = show_settings(svc)
    scope = Scope(
        redact=True,
        tiers=reminder_tiers(svc, values),
        firm=firm_settings(svc),
        reminders_since=previous_weekday(day),
    )
    office = _Office(day, within, values, scope, active_coverage(svc, day))
    with svc.transaction() as session:
        office.people = [
            _Person(r.id, r.name, r.email or "")
            for r in repo.responsible_users(session=session, statuses=OPEN_MATTER_STATUSES)
        ]
        office.everyone = {
            r.id: _Person(r.id, r.name, r.email or "") for r in repo.active_users(session=session)
        }
    return office


def _attorney_digest(
    office: _Office, person_id: int, own: dict[int, DeadlineReport], covers: list[int]
) -> Digest:
    """One attorney's digest: their own deadlines (saying who covers them), then each part
    "Covering for ..."."""
    person = office.everyone[person_id]
    parts: list[str] = []
    overdue = upcoming = 0
    report = own.get(person_id)
    if report is not None:
        note = ""
        cover = office.covering.get(person_id)
        if cover is not None and cover.covering_id in office.everyone:
            note = (
                f"\n_Covered by {md_text(office.name(cover.covering_id))} until "
                f"{cover.ends_on.isoformat()}: they receive these deadlines too._\n"
            )
        parts.append(deadlines_markdown(report, heading="Daily deadline digest") + note)
        overdue += report.overdue
        upcoming += len(report.rows) - report.overdue
    else:
        parts.append(f"# Daily deadline digest: {office.day.isoformat()}\n")
    for absent_id in sorted(covers, key=office.name):
        absent = own[absent_id]
        ends = office.covering[absent_id].ends_on.isoformat()
        parts.append(
            deadlines_markdown(
                absent,
                heading=f"Covering for {office.name(absent_id)} (until {ends})",
                level=2,
                dated=False,
            )
        )
        overdue += absent.overdue
        upcoming += len(absent.rows) - absent.overdue
    return Digest(
        today=office.day,
        markdown="\n".join(parts),
        overdue=overdue,
        upcoming=upcoming,
        attorney=person.name,
        attorney_id=person.id,
        email=person.email,
    )


def _fallback_digest(svc: AppContext, office: _Office) -> Digest | None:
    """The digest of the matters nobody answers for (None when there is nothing in it)."""
    fallback = office.report(svc, unassigned=True)
    if not (fallback.rows or fallback.no_deadline or fallback.reminders):
        return None
    name = office.values.get("reminders.fallback_name", "") or "fallback recipient"
    return Digest(
        today=office.day,
        markdown=deadlines_markdown(fallback, heading="Matters with no responsible attorney")
        + "\n_Nobody is responsible for these matters (no attorney, or one no longer "
        "active): assign a responsible attorney to each._\n",
        overdue=fallback.overdue,
        upcoming=len(fallback.rows) - fallback.overdue,
        attorney=name,
        email=office.values.get("reminders.fallback_email", ""),
        recipient="fallback",
    )
