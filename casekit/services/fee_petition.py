"""The fee petition: the report of fees and costs, and issuing a petition that locks its records.

``fee_report`` computes what a petition would claim (``casekit report fees``): hours and lodestar
by timekeeper and by task, the entries valued at the rate in effect on their dates, exclusions
(no-charge, unrelated to a successful claim), costs and totals; it renders to Markdown, CSV
(UTF-8 with a byte-order mark, so Excel reads "§" and "Nguyễn" right), JSON and the Word exhibit
(``templates/report-fees.docx``, a firm's own copy in ``CASEKIT_HOME/templates`` wins).

``issue_petition`` (``casekit fees petition``) does it for real, in one transaction: it records
the petition, every entry and cost it includes with the rate and value it claims them at, and
the Word exhibit (written to ``CASEKIT_HOME/documents/<matter>/``, recorded with its SHA-256 like
any generated document). From then on the database refuses to change or delete those entries
and costs (migration 0009); ``fee_report(..., petition=N)`` reproduces the petition exactly,
whatever rates or entries change later.

The arithmetic is :mod:`casekit.domain.fees` (exact tenths and cents).
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.domain import fees
from casekit.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.base import Services
    from casekit.store.models import FeePetition, Matter

#: Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
UTF8_BOM = "\ufeff"


# --- plain results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionOut:
    """An issued fee petition."""

    id: int
    matter: str
    number: int
    since: date | None
    through: date
    issued_on: date
    issued_by: str
    hours_tenths: int
    lodestar_cents: int
    excluded_tenths: int
    costs_cents: int
    entries: int
    costs: int
    sha256: str = ""
    path: str = ""
    document_id: int | None = None

    @property
    def total_cents(self) -> int:
        return self.lodestar_cents + self.costs_cents

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "number": self.number,
            "since": self.since.isoformat() if self.since else None,
            "through": self.through.isoformat(),
            "issued_on": self.issued_on.isoformat(),
            "issued_by": self.issued_by,
            "hours": fees.tenths_text(self.hours_tenths),
            "lodestar": fees.cents_decimal(self.lodestar_cents),
            "excluded_hours": fees.tenths_text(self.excluded_tenths),
            "costs": fees.cents_decimal(self.costs_cents),
            "total": fees.cents_decimal(self.total_cents),
            "entries": self.entries,
            "cost_items": self.costs,
            "sha256": self.sha256,
            "path": self.path,
            "document_id": self.document_id,
        }


@dataclass(frozen=True)
class FeeReport:
    """What ``casekit report fees`` shows (a draft, or an issued petition reproduced)."""

    matter: str
    client: str
    defendants: tuple[str, ...]
    attorney: str
    attorney_juris: str
    firm: dict[str, str]
    today: date
    summary: fees.FeeSummary
    petition: PetitionOut | None = None

    def to_dict(self) -> dict[str, Any]:
        s = self.summary
        return {
            "matter": self.matter,
            "today": self.today.isoformat(),
            "since": s.since.isoformat() if s.since else None,
            "through": s.through.isoformat(),
            "petition": self.petition.to_dict() if self.petition else None,
            "by_timekeeper": [
                {
                    "timekeeper": t.name,
                    "role": t.role,
                    "hours": fees.tenths_text(t.tenths),
                    "rates": [fees.cents_decimal(r) for r in t.rates],
                    "lodestar": fees.cents_decimal(t.value_cents),
                    "excluded_hours": fees.tenths_text(t.excluded_tenths),
                }
                for t in s.by_timekeeper
            ],
            "by_category": [
                {
                    "category": c.category,
                    "hours": fees.tenths_text(c.tenths),
                    "lodestar": fees.cents_decimal(c.value_cents),
                }
                for c in s.by_category
            ],
            "entries": [_line_dict(line) for line in s.lines],
            "excluded": [_line_dict(line) for line in s.excluded],
            "costs": [_cost_dict(c) for c in s.costs],
            "costs_not_claimed": [_cost_dict(c) for c in s.costs_excluded],
            "cost_totals": [
                {"kind": t.kind, "amount": fees.cents_decimal(t.cents)} for t in s.cost_totals
            ],
            "missing_rates": [line.entry.id for line in s.missing_rates],
            "totals": {
                "hours": fees.tenths_text(s.hours_tenths),
                "lodestar": fees.cents_decimal(s.lodestar_cents),
                "excluded_hours": fees.tenths_text(s.excluded_tenths),
                "excluded_value": fees.cents_decimal(s.excluded_value_cents),
                "costs": fees.cents_decimal(s.costs_cents),
                "total": fees.cents_decimal(s.total_cents),
            },
        }


def _line_dict(line: fees.FeeLine) -> dict[str, Any]:
    e = line.entry
    return {
        "id": e.id,
        "date": e.worked_on.isoformat(),
        "timekeeper": e.timekeeper,
        "role": e.role,
        "hours": fees.tenths_text(e.tenths),
        "rate": fees.cents_decimal(line.rate.cents_per_hour) if line.rate else None,
        "amount": fees.cents_decimal(line.value_cents) if line.value_cents is not None else None,
        "category": e.category,
        "claim": e.claim,
        "description": e.description,
        "excluded": e.exclusion or None,
        "corrects": e.corrects_id,
        "petitions": list(e.petitions),
    }


def _cost_dict(c: fees.CostFact) -> dict[str, Any]:
    return {
        "id": c.id,
        "date": c.incurred_on.isoformat(),
        "kind": c.kind,
        "description": c.description,
        "amount": fees.cents_decimal(c.cents),
        "receipt_sha256": c.receipt_sha256,
        "corrects": c.corrects_id,
    }


# --- loading ------------------------------------------------------------------------------------


def _facts(
    session: Session, matter_id: int, *, lock: bool = False
) -> tuple[list[fees.TimeFact], list[fees.CostFact], list[fees.RateFact]]:
    """Every time entry and cost of a matter, and the rates of its timekeepers.

    ``lock`` (PostgreSQL): take row locks on the entries and costs, so nobody can change one
    between this read and the petition that locks them for good.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.services.costs import _petitions_by_cost
    from casekit.services.fees import _petitions_by_entry, _rates
    from casekit.store.models import Cost, Evidence, TimeEntry, User

    entry_query = select(TimeEntry).where(col(TimeEntry.matter_id) == matter_id)
    cost_query = select(Cost).where(col(Cost.matter_id) == matter_id)
    if lock and session.get_bind().dialect.name != "sqlite":
        entry_query = entry_query.with_for_update()
        cost_query = cost_query.with_for_update()
    entries = session.scalars(entry_query).all()
    costs = session.scalars(cost_query).all()
    users = {u.id: u for u in session.scalars(select(User)).all()}
    petitions = _petitions_by_entry(session, [e.id for e in entries if e.id is not None])
    cost_petitions = _petitions_by_cost(session, [c.id for c in costs if c.id is not None])
    receipts = {
        ev.id: ev.sha256
        for ev in session.scalars(
            select(Evidence).where(
                col(Evidence.id).in_([c.evidence_id for c in costs if c.evidence_id is not None])
            )
        ).all()
    }
    time_facts = []
    for e in entries:
        user = users[e.user_id]
        assert e.id is not None
        time_facts.append(
            fees.TimeFact(
                id=e.id,
                worked_on=e.worked_on,
                timekeeper_id=e.user_id,
                timekeeper=user.name,
                role=user.role,
                tenths=e.tenths,
                category=e.category,
                claim=e.claim,
                description=e.description,
                billable=e.billable,
                unrelated=e.unrelated,
                corrects_id=e.corrects_id,
                petitions=petitions.get(e.id, ()),
            )
        )
    cost_facts = [
        fees.CostFact(
            id=c.id or 0,
            incurred_on=c.incurred_on,
            kind=c.kind,
            description=c.description,
            cents=c.cents,
            billable=c.billable,
            receipt_sha256=receipts.get(c.evidence_id, "") if c.evidence_id else "",
            receipt_evidence_id=c.evidence_id,
            corrects_id=c.corrects_id,
            petitions=cost_petitions.get(c.id or 0, ()),
        )
        for c in costs
    ]
    return time_facts, cost_facts, _rates(session, {e.user_id for e in entries})


def _parties(session: Session, matter: Matter) -> tuple[str, tuple[str, ...], str, str]:
    """The client's name, the defendants' names, and the responsible attorney (name, juris)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Client, Party, User

    client = session.get(Client, matter.client_id)
    defendants = tuple(
        p.name
        for p in session.scalars(
            select(Party)
            .where(col(Party.matter_id) == matter.id, col(Party.role) == "defendant")
            .order_by(col(Party.id))
        ).all()
    )
    attorney = session.get(User, matter.attorney_id) if matter.attorney_id else None
    return (
        client.name if client is not None else "",
        defendants,
        attorney.name if attorney is not None else "",
        attorney.juris_number if attorney is not None else "",
    )


def _petition_out(session: Session, row: FeePetition, number: str) -> PetitionOut:
    from sqlalchemy import func, select
    from sqlmodel import col

    from casekit.store.models import Document, FeePetitionItem

    counts = session.execute(
        select(
            func.count(col(FeePetitionItem.time_entry_id)), func.count(col(FeePetitionItem.cost_id))
        ).where(col(FeePetitionItem.petition_id) == row.id)
    ).one()
    path = ""
    if row.document_id is not None:
        document = session.get(Document, row.document_id)
        path = document.output_path if document is not None else ""
    assert row.id is not None
    return PetitionOut(
        id=row.id,
        matter=number,
        number=row.number,
        since=row.since,
        through=row.through,
        issued_on=row.issued_on,
        issued_by=row.issued_by,
        hours_tenths=row.hours_tenths,
        lodestar_cents=row.lodestar_cents,
        excluded_tenths=row.excluded_tenths,
        costs_cents=row.costs_cents,
        entries=int(counts[0]),
        costs=int(counts[1]),
        sha256=row.sha256,
        path=path,
        document_id=row.document_id,
    )


def _firm(svc: Services) -> dict[str, str]:
    from casekit.services.reports import firm_settings

    return firm_settings(svc)


# --- the report ---------------------------------------------------------------------------------


def fee_report(
    svc: Services,
    matter: str | int,
    *,
    through: date | None = None,
    since: date | None = None,
    petition: int | None = None,
) -> FeeReport:
    """Fees and costs of a matter: a draft through ``through`` (default today), or petition N.

    Args:
        svc: The services.
        matter: Number or id.
        through: Last day of work and costs included.
        since: First day included (None: from the beginning).
        petition: Reproduce issued petition N exactly (its records, rates and period).

    Raises:
        NotFound: unknown matter or petition.
        InvalidInput: a date after today, or ``since`` after ``through``.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import FeePetition, FeePetitionItem

    today = svc.today()
    if through is not None and through > today:
        raise InvalidInput(f"--through {through.isoformat()} is after today")
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        assert row.id is not None
        client, defendants, attorney, juris = _parties(session, row)
        entries, costs, rates = _facts(session, row.id)
        issued: PetitionOut | None = None
        fixed: dict[int, int] | None = None
        if petition is not None:
            found = session.scalars(
                select(FeePetition).where(
                    col(FeePetition.matter_id) == row.id, col(FeePetition.number) == petition
                )
            ).first()
            if found is None:
                raise NotFound(f"{row.number} has no fee petition {petition}")
            items = session.scalars(
                select(FeePetitionItem).where(col(FeePetitionItem.petition_id) == found.id)
            ).all()
            entry_ids = {i.time_entry_id for i in items if i.time_entry_id is not None}
            cost_ids = {i.cost_id for i in items if i.cost_id is not None}
            entries = [e for e in entries if e.id in entry_ids]
            costs = [c for c in costs if c.id in cost_ids]
            fixed = {
                i.time_entry_id: i.cents_per_hour
                for i in items
                if i.time_entry_id is not None and i.cents_per_hour is not None
            }
            through, since = found.through, found.since
            issued = _petition_out(session, found, row.number)
        summary = fees.summarize(
            entries, rates, costs, through=through or today, since=since, fixed_rates=fixed
        )
        number = row.number
    return FeeReport(
        matter=number,
        client=client,
        defendants=defendants,
        attorney=attorney,
        attorney_juris=juris,
        firm=_firm(svc),
        today=today,
        summary=summary,
        petition=issued,
    )


def list_petitions(svc: Services, matter: str | int) -> list[PetitionOut]:
    """A matter's issued fee petitions, oldest first."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import FeePetition

    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        found = session.scalars(
            select(FeePetition)
            .where(col(FeePetition.matter_id) == row.id)
            .order_by(col(FeePetition.number))
        ).all()
        return [_petition_out(session, p, row.number) for p in found]


# --- issuing ------------------------------------------------------------------------------------


def _declarant(session: Session, name: str | None, attorney: str, juris: str) -> dict[str, str]:
    if name is None:
        return {"name": attorney, "juris_number": juris}
    from casekit.services.fees import find_timekeeper

    user = find_timekeeper(session, name)
    if user.role != "attorney":
        raise InvalidInput(f"{user.name} is not an attorney; the declaration is an attorney's")
    return {"name": user.name, "juris_number": user.juris_number}


def issue_petition(
    svc: Services,
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
    from sqlalchemy import false, func, select, update
    from sqlmodel import col

    from casekit.config import ensure_private_dir
    from casekit.docgen.fees import fees_template_context
    from casekit.docgen.render import free_output_path, render_document
    from casekit.services.office import get_firm
    from casekit.store import repo
    from casekit.store.models import Document, FeePetition, FeePetitionItem, TimeEntry

    today = svc.today()
    if through > today:
        raise InvalidInput(f"--through {through.isoformat()} is after today")
    firm = get_firm(svc)  # a court paper needs the firm's name, address and juris number
    template = _template(svc)
    written: Path | None = None
    try:
        with svc.transaction() as session:
            if session.get_bind().dialect.name == "sqlite":
                # Take SQLite's write lock before reading: nobody changes an entry between the
                # read and the lock (the same trick as repo.add_numbered_matter).
                session.execute(
                    update(TimeEntry.__table__)  # type: ignore[attr-defined]
                    .where(false())
                    .values(tenths=col(TimeEntry.tenths))
                )
            row = repo.find_matter(session=session, ref=matter)
            assert row.id is not None
            client, defendants, attorney, juris = _parties(session, row)
            entries, costs, rates = _facts(session, row.id, lock=True)
            summary = fees.summarize(entries, rates, costs, through=through, since=since)
            if summary.empty:
                raise InvalidInput(
                    f"{row.number} has no time entries or costs through {through.isoformat()}"
                )
            if summary.missing_rates:
                first = summary.missing_rates[0].entry
                more = len(summary.missing_rates) - 1
                raise InvalidInput(
                    f"no hourly rate for {first.timekeeper} on {first.worked_on.isoformat()} "
                    f"(entry #{first.id}{f' and {more} more' if more else ''}): add one with "
                    "casekit rate add"
                )
            last = session.scalar(
                select(func.max(col(FeePetition.number))).where(
                    col(FeePetition.matter_id) == row.id
                )
            )
            number = int(last or 0) + 1
            if last:
                _refuse_repeat(session, row.id, int(last), summary)
            signer = _declarant(session, declarant, attorney, juris)
            context = fees_template_context(
                summary,
                today=today,
                firm={
                    "name": firm.name,
                    "address": firm.address,
                    "phone": firm.phone,
                    "email": firm.email,
                    "juris_number": firm.juris_number,
                },
                matter={"number": row.number, "client": client, "defendants": defendants},
                declarant=signer,
                petition={"number": number, "issued_on": today},
            )
            folder = ensure_private_dir(svc.settings.documents_dir / row.number)
            target = free_output_path(folder, f"{today.isoformat()}-fee-petition-{number}")
            rendered = render_document(template, context, target)
            written = rendered.path
            document = Document(
                matter_id=row.id,
                template="report-fees",
                language="en",
                output_path=str(rendered.path),
                sha256=rendered.sha256,
                generated_by=svc.actor,
            )
            session.add(document)
            session.flush()
            petition = FeePetition(
                matter_id=row.id,
                number=number,
                since=since,
                through=through,
                issued_on=today,
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
            assert petition.id is not None
            items = [
                {
                    "petition_id": petition.id,
                    "time_entry_id": line.entry.id,
                    "cost_id": None,
                    "cents_per_hour": line.rate.cents_per_hour if line.rate else None,
                    "value_cents": line.value_cents or 0,
                }
                for line in (*summary.lines, *summary.excluded)
            ]
            items += [
                {
                    "petition_id": petition.id,
                    "time_entry_id": None,
                    "cost_id": c.id,
                    "cents_per_hour": None,
                    "value_cents": c.cents,
                }
                for c in (*summary.costs, *summary.costs_excluded)
            ]
            # Items are append-only rows (no version, no audit of their own): the petition row
            # above is audited, and the items are what the database locks by.
            from sqlalchemy import insert

            session.execute(insert(FeePetitionItem.__table__), items)  # type: ignore[attr-defined]
            return _petition_out(session, petition, row.number)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise


def _refuse_repeat(session: Session, matter_id: int, last: int, summary: fees.FeeSummary) -> None:
    """Refuse a petition identical to the last one (same period, records and amounts): a
    second press of the key should not file a duplicate."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import FeePetition, FeePetitionItem

    previous = session.scalars(
        select(FeePetition).where(
            col(FeePetition.matter_id) == matter_id, col(FeePetition.number) == last
        )
    ).one()
    items = session.scalars(
        select(FeePetitionItem).where(col(FeePetitionItem.petition_id) == previous.id)
    ).all()
    before = {(i.time_entry_id, i.cost_id, i.value_cents) for i in items}
    now: set[tuple[int | None, int | None, int]]
    now = {(line.entry.id, None, line.value_cents or 0) for line in summary.lines}
    now |= {(line.entry.id, None, line.value_cents or 0) for line in summary.excluded}
    now |= {(None, c.id, c.cents) for c in (*summary.costs, *summary.costs_excluded)}
    if (previous.since, previous.through) == (summary.since, summary.through) and before == now:
        raise InvalidInput(
            f"fee petition {last} already claims exactly these records through "
            f"{summary.through.isoformat()}: nothing new to issue (casekit report fees MATTER "
            f"--petition {last} reproduces it)"
        )


def _template(svc: Services) -> Path:
    """The exhibit template: the firm's own copy (checked) or the shipped one."""
    from casekit.docgen.registry import find_template

    return find_template("report-fees", "en", svc.settings.templates_dir).path


# --- rendering ----------------------------------------------------------------------------------


def _md(value: Any) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return lines


def _claim(claim: str) -> str:
    from casekit.services.fees import claim_label

    return claim_label(claim)


def _note(entry: fees.TimeFact) -> str:
    if entry.corrects_id is None:
        return ""
    verb = "reverses" if entry.tenths < 0 else "replaces"
    return f"{verb} #{entry.corrects_id}"


def fees_markdown(report: FeeReport) -> str:
    """The report as Markdown (also what ``--format md`` prints)."""
    s = report.summary
    period = (
        f"{s.since.isoformat()} to {s.through.isoformat()}"
        if s.since
        else (f"through {s.through.isoformat()}")
    )
    if report.petition is not None:
        state = (
            f"Fee petition {report.petition.number}, issued {report.petition.issued_on} by "
            f"{report.petition.issued_by}: its records are locked."
        )
    else:
        state = "Draft: not an issued fee petition; the records may still change."
    lines = [f"# Fees and costs: {report.matter}, {period}", "", f"_{state}_", ""]
    if s.missing_rates:
        lines += [
            f"**Warning: {len(s.missing_rates)} entries have no hourly rate in effect on their "
            "date (valued at nothing): add one with `casekit rate add`.**",
            "",
        ]
    lines += ["## Summary by timekeeper", ""]
    lines += _table(
        ["Timekeeper", "Role", "Hours", "Rate(s)", "Lodestar", "Hours excluded"],
        [
            [t.name, fees.ROLE_LABELS.get(t.role, t.role), fees.tenths_text(t.tenths),
             "; ".join(fees.money_text(r) for r in t.rates), fees.money_text(t.value_cents),
             fees.tenths_text(t.excluded_tenths)]
            for t in s.by_timekeeper
        ]
        + [["**Total**", "", fees.tenths_text(s.hours_tenths), "",
            fees.money_text(s.lodestar_cents), fees.tenths_text(s.excluded_tenths)]],
    )  # fmt: skip
    lines += ["", "## Summary by task", ""]
    lines += _table(
        ["Task", "Hours", "Lodestar"],
        [
            [fees.CATEGORY_LABELS.get(c.category, c.category), fees.tenths_text(c.tenths),
             fees.money_text(c.value_cents)]
            for c in s.by_category
        ]
        + [["**Total**", fees.tenths_text(s.hours_tenths), fees.money_text(s.lodestar_cents)]],
    )  # fmt: skip
    lines += ["", "## Time entries", ""]
    lines += _table(
        ["#", "Date", "Timekeeper", "Task", "Claim", "Description", "Hours", "Rate", "Amount"],
        [
            [l.entry.id, l.entry.worked_on.isoformat(), l.entry.timekeeper,
             fees.CATEGORY_LABELS.get(l.entry.category, l.entry.category), _claim(l.entry.claim),
             l.entry.description + (f" ({_note(l.entry)})" if _note(l.entry) else ""),
             fees.tenths_text(l.entry.tenths),
             fees.money_text(l.rate.cents_per_hour) if l.rate else "no rate",
             fees.money_text(l.value_cents)]
            for l in s.lines  # noqa: E741
        ],
    )  # fmt: skip
    lines += ["", "## Exclusions (billing judgment)", ""]
    if s.excluded:
        lines += _table(
            ["#", "Date", "Timekeeper", "Description", "Reason", "Hours", "Value"],
            [
                [l.entry.id, l.entry.worked_on.isoformat(), l.entry.timekeeper,
                 l.entry.description, fees.EXCLUSION_LABELS[l.excluded],
                 fees.tenths_text(l.entry.tenths), fees.money_text(l.value_cents)]
                for l in s.excluded  # noqa: E741
            ],
        )  # fmt: skip
    else:
        lines.append("None.")
    lines += ["", "## Costs", ""]
    if s.costs:
        lines += _table(
            ["#", "Date", "Kind", "Description", "Receipt (SHA-256)", "Amount"],
            [
                [c.id, c.incurred_on.isoformat(), fees.COST_LABELS.get(c.kind, c.kind),
                 c.description, c.receipt_sha256[:12] or "none", fees.money_text(c.cents)]
                for c in s.costs
            ],
        )  # fmt: skip
    else:
        lines.append("None.")
    if s.costs_excluded:
        lines += ["", f"_{len(s.costs_excluded)} cost(s) recorded but not claimed._"]
    lines += ["", "## Totals", ""]
    lines += _table(
        ["", "Amount"],
        [
            ["Attorney's fees (lodestar)", fees.money_text(s.lodestar_cents)],
            ["Costs", fees.money_text(s.costs_cents)],
            ["**Total requested**", f"**{fees.money_text(s.total_cents)}**"],
        ],
    )
    if s.rate_sources:
        lines += ["", "## Hourly rates and their sources", ""]
        lines += [f"- {tk}: {src}" for tk, src in s.rate_sources]
    return "\n".join(lines) + "\n"


CSV_HEADERS = [
    "record", "id", "date", "timekeeper", "role", "hours", "rate", "amount", "task_or_kind",
    "claim", "description", "status", "corrects", "receipt_sha256",
]  # fmt: skip


def _text_cell(value: str) -> str:
    from casekit.services.reports import csv_cell

    return str(csv_cell(value))


def fees_csv(report: FeeReport) -> bytes:
    """One row per time entry and cost, for the court's or the opponent's spreadsheet.

    UTF-8 with a byte-order mark (Excel's cue for UTF-8). Numbers are plain (``1234.50``, hours
    ``1.5``) so a spreadsheet can sum them; text that a spreadsheet would run as a formula is
    prefixed with ``'``. ``status`` is ``claimed``, ``no-charge``, ``unrelated`` or
    ``not claimed``.
    """
    s = report.summary
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for line in sorted((*s.lines, *s.excluded), key=lambda x: (x.entry.worked_on, x.entry.id)):
        e = line.entry
        writer.writerow(
            [
                "time", e.id, e.worked_on.isoformat(), _text_cell(e.timekeeper), e.role,
                fees.tenths_text(e.tenths),
                fees.cents_decimal(line.rate.cents_per_hour) if line.rate else "",
                fees.cents_decimal(line.value_cents), e.category, e.claim or "all",
                _text_cell(e.description), e.exclusion or "claimed", e.corrects_id or "", "",
            ]
        )  # fmt: skip
    for c in sorted((*s.costs, *s.costs_excluded), key=lambda x: (x.incurred_on, x.id)):
        writer.writerow(
            [
                "cost", c.id, c.incurred_on.isoformat(), "", "", "", "",
                fees.cents_decimal(c.cents), c.kind, "", _text_cell(c.description),
                "claimed" if c.billable else "not claimed", c.corrects_id or "",
                c.receipt_sha256,
            ]
        )  # fmt: skip
    return (UTF8_BOM + buffer.getvalue()).encode("utf-8")


def fees_json(report: FeeReport) -> bytes:
    return (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def fees_context(report: FeeReport, *, declarant: dict[str, str] | None = None) -> dict[str, Any]:
    """The ``report-fees`` template context for this report."""
    from casekit.docgen.fees import fees_template_context

    petition = None
    if report.petition is not None:
        petition = {"number": report.petition.number, "issued_on": report.petition.issued_on}
    return fees_template_context(
        report.summary,
        today=report.today,
        firm=report.firm,
        matter={
            "number": report.matter,
            "client": report.client,
            "defendants": list(report.defendants),
        },
        declarant=declarant or {"name": report.attorney, "juris_number": report.attorney_juris},
        petition=petition,
    )


def fees_docx(svc: Services, report: FeeReport, out: Path | str) -> Path:
    """Render the Word exhibit into ``out`` (owner-only, atomically; replaces an older file)."""
    from casekit.docgen.render import render_document
    from casekit.services.reports import _output_target, write_output

    template = _template(svc)
    target = _output_target(Path(out))
    with tempfile.TemporaryDirectory(prefix=".casekit-report-", dir=target.parent) as tmp:
        scratch = Path(tmp) / "report-fees.docx"
        render_document(template, fees_context(report), scratch)
        return write_output(target, scratch.read_bytes())
