"""Service of process recorded on a matter: the date of process, the return date, the marshal.

``casekit matter process M --process-date D --return-date D --marshal-delivery D [--apply]``
(and the TUI's ``p`` dialog). The return date is checked by the domain's process chain
(``casekit.domain.process``: a Tuesday, after the date of process, not later than the law pack's
return-date rule allows, a day courts are open); a date with a problem is refused with the
problem named. From the recorded dates the planner adds the serve-by, return-to-court and
marshal-delivery deadlines (rules ``CT_SERVICE_BEFORE_RETURN``, ``CT_RETURN_TO_COURT``,
``CT_MARSHAL_SERVICE``, and ``CT_RETURN_DATE_MAX`` from the date of process); they are tracked
and reminded like every other deadline. Without ``apply`` nothing is written: the chain and the
deadlines it would add are shown. The complaint prints the recorded return date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain.process import ProcessChain, process_chain
from casekit.errors import InvalidInput, NotFound
from casekit.services.deadlines.court_calendar import court_calendar_in
from casekit.services.deadlines.facts import live_rows, load_matters
from casekit.services.deadlines.manual import refuse_closed
from casekit.services.deadlines.preview import Plan, diff_matter, matter_id_in
from casekit.services.deadlines.recompute import apply_diff_in
from casekit.services.deadlines.results import RecomputeDiff
from casekit.services.law.rules import law_pack
from casekit.services.plain import PlainResult
from casekit.store.repos import deadlines as repo

if TYPE_CHECKING:
    from casekit.domain.calendar import CourtCalendar
    from casekit.domain.lawpack import LawPack
    from casekit.services.base import AppContext
    from casekit.store.models import Matter
    from casekit.store.repos.deadlines import Session


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()
#: The trigger events of the process chain's rules.
PROCESS_EVENTS = ("process", "return_date", "marshal_delivery")


@dataclass(frozen=True)
class ProcessOut(PlainResult):
    """The recorded (or previewed) service of process and what it does to the deadlines."""

    matter: str
    process_date: date | None
    return_date: date | None
    marshal_delivery: date | None
    latest_return: date | None
    serve_by: date | None
    return_to_court_by: date | None
    citations: tuple[str, ...]
    confidence: str
    applied: bool
    recompute: RecomputeDiff


def _day(value: Any, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{what} '{text[:20]}' is not a real date (expected YYYY-MM-DD)"
        ) from None


def _dates(
    row: Matter, process_date: Any, return_date: Any, marshal_delivery: Any, today: date
) -> tuple[date | None, date | None, date | None]:
    """The process dates asked for (``KEEP``: as recorded), checked."""
    process = row.process_on if process_date is KEEP else _day(process_date, "--process-date")
    back = row.return_on if return_date is KEEP else _day(return_date, "--return-date")
    marshal = (
        row.marshal_delivery_on
        if marshal_delivery is KEEP
        else _day(marshal_delivery, "--marshal-delivery")
    )
    for label, value in (("date of process", process), ("marshal delivery", marshal)):
        if value is not None and value > today:
            raise InvalidInput(f"the {label} {value.isoformat()} is after today")
    if back is not None and process is None:
        raise InvalidInput("a return date needs the date of process (--process-date)")
    return process, back, marshal


def _process_diff(
    session: Session,
    svc: AppContext,
    matter_id: int,
    dates: tuple[date | None, date | None, date | None],
    pack: LawPack,
    calendar: CourtCalendar,
) -> tuple[RecomputeDiff, Plan]:
    """The recompute the process dates cause, limited to the process chain's deadlines."""
    process, back, marshal = dates
    data = load_matters(session, [matter_id])[matter_id]
    if data.facts is not None:
        data.facts = replace(
            data.facts, process_date=process, return_date=back, marshal_delivery_date=marshal
        )
    rows = live_rows(session, [matter_id]).get(matter_id, [])
    full, plan = diff_matter(data, rows, pack.rules, calendar, svc.today())
    # Only the process chain's deadlines: other pending changes stay for the recompute.
    ours = {r.id for r in pack.rules.planned if r.trigger_event in PROCESS_EVENTS}
    diff = replace(
        full,
        added=tuple(c for c in full.added if c.rule_id in ours),
        moved=tuple(c for c in full.moved if c.rule_id in ours),
        removed=tuple(c for c in full.removed if c.rule_id in ours),
        restated=tuple(c for c in full.restated if c.rule_id in ours),
    )
    return diff, plan


def _matter_row(session: Session, matter_id: int) -> Matter:
    row = repo.matter(session=session, matter_id=matter_id)
    if row is None:
        raise NotFound(f"no matter with id {matter_id}")
    return row


def record_process(
    svc: AppContext,
    matter: str | int,
    *,
    process_date: date | str | None = KEEP,
    return_date: date | str | None = KEEP,
    marshal_delivery: date | str | None = KEEP,
    apply: bool = False,
) -> ProcessOut:
    """Check and (with ``apply``) record the service-of-process dates; plan their deadlines.

    Dates left as ``KEEP`` stay as recorded; None clears one.

    Raises:
        InvalidInput: A bad date, a return date without a date of process, a return date the
            process chain finds a problem with, a date of process or marshal delivery after
            today, or a closed matter.
        NotFound: No such matter.
    """
    pack = law_pack(svc)
    with svc.transaction() as session:
        matter_id = matter_id_in(session, matter)
        refuse_closed(session, matter_id)
        row = _matter_row(session, matter_id)
        dates = _dates(row, process_date, return_date, marshal_delivery, svc.today())
        process, back, marshal = dates
        calendar = court_calendar_in(session)
        chain = process_chain(process, pack.rules, calendar, back) if process else None
        if chain is not None and chain.problems:
            raise InvalidInput("; ".join(chain.problems))
        diff, plan = _process_diff(session, svc, matter_id, dates, pack, calendar)
        if apply:
            row.process_on, row.return_on, row.marshal_delivery_on = process, back, marshal
            session.add(row)
            session.flush()
            apply_diff_in(session, svc, matter_id, diff, plan, version=pack.version.label)
        return _out(str(row.number), dates, chain, apply, diff)


def _out(
    number: str,
    dates: tuple[date | None, date | None, date | None],
    chain: ProcessChain | None,
    applied: bool,
    diff: RecomputeDiff,
) -> ProcessOut:
    process, back, marshal = dates
    return ProcessOut(
        matter=number,
        process_date=process,
        return_date=back,
        marshal_delivery=marshal,
        latest_return=chain.latest_return.due if chain else None,
        serve_by=chain.serve_by.safe_target if chain else None,
        return_to_court_by=chain.return_to_court_by.safe_target if chain else None,
        citations=chain.citations if chain else (),
        confidence=chain.confidence if chain else "",
        applied=applied,
        recompute=diff,
    )


def recorded(svc: AppContext, matter: str | int) -> tuple[date | None, date | None, date | None]:
    """The recorded date of process, return date and marshal delivery (None when not recorded)."""
    with svc.transaction() as session:
        row = _matter_row(session, matter_id_in(session, matter))
        return row.process_on, row.return_on, row.marshal_delivery_on
