"""Issuing a fee petition (``casekit fees petition``), in one transaction.

It records the petition, every entry and cost it includes with the rate and value it claims them
at, and the Word exhibit (written to ``CASEKIT_HOME/documents/<matter>/``, recorded with its
SHA-256 like any generated document). From then on the database refuses to change or delete
those entries and costs (migration 0009).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.config import ensure_private_dir
from casekit.docgen.fees import fees_template_context
from casekit.domain import fees
from casekit.errors import InvalidInput
from casekit.services.fees.loading import matter_facts, parties, petition_out
from casekit.services.fees.petition_results import PetitionOut
from casekit.services.fees.timekeepers import find_timekeeper
from casekit.store import repo
from casekit.store.models import Document, FeePetition
from casekit.store.repos import fees as fee_repo

if TYPE_CHECKING:
    from casekit.docgen.render import RenderedDocument
    from casekit.domain.model import Firm
    from casekit.services.base import AppContext
    from casekit.store.repos.fees import Session

__all__ = ["issue_petition", "petition_template"]


def petition_template(svc: AppContext) -> Path:
    """The exhibit template: the firm's own copy (checked) or the shipped one."""
    # lazily: resolution imports this package on the recompute path
    from casekit.docgen.registry import find_template

    return find_template("report-fees", "en", svc.settings.templates_dir).path


def _declarant(session: Session, name: str | None, attorney: str, juris: str) -> dict[str, str]:
    if name is None:
        return {"name": attorney, "juris_number": juris}
    user = find_timekeeper(session, name)
    if user.role != "attorney":
        raise InvalidInput(f"{user.name} is not an attorney; the declaration is an attorney's")
    return {"name": user.name, "juris_number": user.juris_number}


def _check_claimable(summary: fees.FeeSummary, number: str, through: date) -> None:
    if summary.empty:
        raise InvalidInput(f"{number} has no time entries or costs through {through.isoformat()}")
    if summary.missing_rates:
        first = summary.missing_rates[0].entry
        more = len(summary.missing_rates) - 1
        raise InvalidInput(
            f"no hourly rate for {first.timekeeper} on {first.worked_on.isoformat()} "
            f"(entry #{first.id}{f' and {more} more' if more else ''}): add one with "
            "casekit rate add"
        )


def _items(summary: fees.FeeSummary) -> list[dict[str, Any]]:
    """Every record the petition includes, with the rate and value it claims it at."""
    items = [
        {
            "time_entry_id": line.entry.id,
            "cost_id": None,
            "cents_per_hour": line.rate.cents_per_hour if line.rate else None,
            "value_cents": line.value_cents or 0,
        }
        for line in (*summary.lines, *summary.excluded)
    ]
    items += [
        {"time_entry_id": None, "cost_id": c.id, "cents_per_hour": None, "value_cents": c.cents}
        for c in (*summary.costs, *summary.costs_excluded)
    ]
    return items


def _refuse_repeat(session: Session, matter_id: int, last: int, summary: fees.FeeSummary) -> None:
    """Refuse a petition identical to the last one (same period, records and amounts): a
    second press of the key should not file a duplicate."""
    previous = fee_repo.find_petition(session=session, matter_id=matter_id, number=last)
    if previous is None:
        return
    items = fee_repo.petition_items(session=session, petition_id=previous.id)
    before = {(i.time_entry_id, i.cost_id, i.value_cents) for i in items}
    now = {(i["time_entry_id"], i["cost_id"], i["value_cents"]) for i in _items(summary)}
    if (previous.since, previous.through) == (summary.since, summary.through) and before == now:
        raise InvalidInput(
            f"fee petition {last} already claims exactly these records through "
            f"{summary.through.isoformat()}: nothing new to issue (casekit report fees MATTER "
            f"--petition {last} reproduces it)"
        )


@dataclass(frozen=True)
class _Exhibit:
    """What the exhibit of petition ``number`` prints besides the summary."""

    template: Path
    firm: Firm
    matter: dict[str, Any]
    declarant: dict[str, str]
    number: int
    today: date


def _render(svc: AppContext, summary: fees.FeeSummary, job: _Exhibit) -> RenderedDocument:
    """Write the exhibit into the matter's documents folder."""
    # lazily: resolution imports this package on the recompute path
    from casekit.docgen.render import free_output_path, render_document

    firm = job.firm
    context = fees_template_context(
        summary,
        today=job.today,
        firm={
            "name": firm.name,
            "address": firm.address,
            "phone": firm.phone,
            "email": firm.email,
            "juris_number": firm.juris_number,
        },
        matter=job.matter,
        declarant=job.declarant,
        petition={"number": job.number, "issued_on": job.today},
    )
    number = job.matter["number"]
    folder = ensure_private_dir(svc.settings.documents_dir / number)
    target = free_output_path(folder, f"{job.today.isoformat()}-fee-petition-{job.number}")
    return render_document(job.template, context, target)


def _record(
    svc: AppContext,
    session: Session,
    matter_id: int,
    summary: fees.FeeSummary,
    exhibit: tuple[_Exhibit, RenderedDocument],
) -> FeePetition:
    """Record the exhibit's document, the petition and its items (which lock the records)."""
    job, rendered = exhibit
    document = Document(
        matter_id=matter_id,
        template="report-fees",
        language="en",
        output_path=str(rendered.path),
        sha256=rendered.sha256,
        generated_by=svc.actor,
    )
    session.add(document)
    session.flush()
    petition = FeePetition(
        matter_id=matter_id,
        number=job.number,
        since=summary.since,
        through=summary.through,
        issued_on=job.today,
        issued_by=svc.actor,
        hours_tenths=summary.hours_tenths,
        lodestar_cents=summary.lodestar_cents,
        excluded_tenths=summary.excluded_tenths,
        costs_cents=summary.costs_cents,
        document_id=document.id,
        sha256=rendered.sha256,
    )
    session.add(petition)
    session.flush()
    # Items are append-only rows (no version, no audit of their own): the petition row above is
    # audited, and the items are what the database locks by.
    fee_repo.insert_petition_items(
        session=session,
        items=[{"petition_id": petition.id or 0, **item} for item in _items(summary)],
    )
    return petition


def issue_petition(
    svc: AppContext,
    matter: str | int,
    *,
    through: date,
    since: date | None = None,
    declarant: str | None = None,
) -> PetitionOut:
    """Issue fee petition N+1 for ``matter``: record it, lock its records, write its exhibit.

    Every time entry (claimed or excluded) and cost dated in the period is included, with the
    rate and value it is claimed at; the database then refuses to change or delete them. The Word
    exhibit goes to ``CASEKIT_HOME/documents/<matter>/<today>-fee-petition-<N>.docx`` and is
    recorded with its SHA-256 (it shows in ``casekit documents list``). All of it is one
    transaction: on any failure nothing is recorded and the file is removed.

    Args:
        svc: The services.
        matter: Number or id.
        through: Last day of work and costs included (not after today).
        since: First day included (a supplemental petition); None: from the beginning.
        declarant: The attorney who signs the declaration (default: the matter's attorney).

    Raises:
        ConfigurationError: the firm's name, address or juris number is not set.
        InvalidInput: nothing to claim in the period, an entry without a rate in effect, dates.
    """
    # lazily: resolution imports this package on the recompute path
    from casekit.services.office.settings import get_firm

    today = svc.today()
    if through > today:
        raise InvalidInput(f"--through {through.isoformat()} is after today")
    firm = get_firm(svc)  # a court paper needs the firm's name, address and juris number
    template = petition_template(svc)
    written: Path | None = None
    try:
        with svc.transaction() as session:
            fee_repo.take_write_lock(session=session)
            row = repo.find_matter(session=session, ref=matter)
            matter_id = row.id or 0
            client, defendants, attorney, juris = parties(session, row)
            entries, costs, rates = matter_facts(session, matter_id, lock=True)
            summary = fees.summarize(entries, rates, costs, through=through, since=since)
            _check_claimable(summary, row.number, through)
            last = fee_repo.last_petition_number(session=session, matter_id=matter_id)
            if last:
                _refuse_repeat(session, matter_id, last, summary)
            job = _Exhibit(
                template=template,
                firm=firm,
                matter={"number": row.number, "client": client, "defendants": defendants},
                declarant=_declarant(session, declarant, attorney, juris),
                number=last + 1,
                today=today,
            )
            rendered = _render(svc, summary, job)
            written = rendered.path
            petition = _record(svc, session, matter_id, summary, (job, rendered))
            return petition_out(session, petition, row.number)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
