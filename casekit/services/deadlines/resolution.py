"""The resolution log: demands and offers, settlement terms, judgments, and the matter's outcome.

* A **demand** (the plaintiff's) or an **offer** (a defendant's) has a date, who made it, an
  amount and/or terms, injunctive terms and an expiry; its status moves from ``open`` to
  ``accepted``, ``rejected``, ``withdrawn`` or ``expired``. The dashboard lists open ones about to
  expire (:mod:`casekit.services.dashboard`).
* A **settlement** records the agreed terms.
* A **judgment** records the date, the court (``state`` or ``federal``) and in whose favour it
  entered. A judgment for the plaintiff starts the fee-motion deadline of that court
  (``CT_FEE_MOTION`` / ``FED_FEE_MOTION`` in the law data): the recompute it causes is returned
  for the attorney to accept, as for every trigger (nothing moves silently).
* **Closing** a matter records its outcome (``injunction``, ``settlement``, ``judgment``,
  ``dismissal``, ``declined``), which the caseload and agencies reports count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.domain import fees
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import check_version
from casekit.services.fees import KEEP

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.base import Services
    from casekit.store.models import Matter, ResolutionEvent

MAX_TERMS = 8000
#: Days ahead the dashboard looks for offers and demands about to expire.
EXPIRY_HORIZON = 14


@dataclass(frozen=True)
class ResolutionOut:
    """One entry of the resolution log."""

    id: int
    version: int
    matter: str
    kind: str
    dated: date
    side: str
    party: str
    cents: int | None
    terms: str
    injunctive_terms: str
    expires_on: date | None
    status: str
    court: str

    @property
    def amount(self) -> str:
        return fees.money_text(self.cents)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "kind": self.kind,
            "date": self.dated.isoformat(),
            "side": self.side,
            "party": self.party,
            "amount": fees.cents_decimal(self.cents) if self.cents is not None else None,
            "terms": self.terms,
            "injunctive_terms": self.injunctive_terms,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
            "status": self.status,
            "court": self.court,
        }


@dataclass(frozen=True)
class Recorded:
    """What recording an entry did: the entry, and for a judgment the deadline recompute."""

    event: ResolutionOut
    recompute: Any = None  # services.deadlines.RecomputeDiff


@dataclass(frozen=True)
class Closed:
    matter: str
    status: str
    outcome: str
    closed_on: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "matter": self.matter,
            "status": self.status,
            "outcome": self.outcome,
            "closed_on": self.closed_on.isoformat(),
        }


# --- helpers ------------------------------------------------------------------------------------


def _terms(text: str | None, what: str) -> str:
    tidy = (text or "").strip()
    if len(tidy) > MAX_TERMS:
        raise InvalidInput(f"the {what} are longer than {MAX_TERMS} characters")
    return tidy


def _out(session: Session, row: ResolutionEvent, number: str) -> ResolutionOut:
    from casekit.store.models import Party

    party = session.get(Party, row.party_id) if row.party_id is not None else None
    assert row.id is not None
    return ResolutionOut(
        id=row.id,
        version=row.version,
        matter=number,
        kind=row.kind,
        dated=row.dated,
        side=row.side,
        party=party.name if party is not None else "",
        cents=row.cents,
        terms=row.terms,
        injunctive_terms=row.injunctive_terms,
        expires_on=row.expires_on,
        status=row.status,
        court=row.court,
    )


def _party_id(session: Session, matter: Matter, ref: str | None) -> int | None:
    """A party of the matter by id or name (folded), or None for no party given."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.domain.text import fold
    from casekit.store.models import Party

    if ref is None or not ref.strip():
        return None
    text = ref.strip()
    parties = session.scalars(select(Party).where(col(Party.matter_id) == matter.id)).all()
    for party in parties:
        if (text.isdigit() and party.id == int(text)) or fold(party.name) == fold(text):
            return party.id
    # The typed text is not echoed: the plaintiff party is the client.
    raise InvalidInput(
        f"no party with that name or id on {matter.number} (see casekit party list {matter.number})"
    )


def _event(session: Session, event_id: int) -> ResolutionEvent:
    from casekit.store.models import ResolutionEvent

    row = session.get(ResolutionEvent, event_id)
    if row is None:
        raise NotFound(f"no resolution entry #{event_id} (see casekit resolution list MATTER)")
    return row


# --- use cases ----------------------------------------------------------------------------------


def add_resolution(
    svc: Services,
    matter: str | int,
    *,
    kind: str,
    dated: date | None = None,
    side: str = "",
    party: str | None = None,
    amount: int | str | None = None,
    terms: str = "",
    injunctive_terms: str = "",
    expires_on: date | None = None,
    court: str = "",
) -> Recorded:
    """Record a demand, offer, settlement or judgment.

    Args:
        svc: The services.
        matter: Number or id.
        kind: ``demand``, ``offer``, ``settlement`` or ``judgment``.
        dated: When it was made, agreed or entered (default today; never in the future).
        side: Who made it (``plaintiff``/``defendant``); for a judgment, in whose favour.
            Defaults: a demand is the plaintiff's, an offer a defendant's; a judgment needs it.
        party: Which party (a defendant's name or id on the matter), optional.
        amount: Cents (int) or dollars (text).
        terms: Terms in words (payment schedule, fees, release ...).
        injunctive_terms: Policy changes, training, records ... the agency agrees to or is
            ordered to do.
        expires_on: When a demand or offer lapses.
        court: For a judgment: ``state`` or ``federal`` (which fee-motion rule applies).

    Returns:
        The entry, and for a judgment the deadline recompute it causes (not applied).
    """
    from casekit.store import repo
    from casekit.store.models import ResolutionEvent

    what = fees.check_choice(kind, fees.RESOLUTION_KINDS, "resolution kind")
    today = svc.today()
    day = dated or today
    if day > today:
        raise InvalidInput(f"the date {day.isoformat()} is after today")
    if not side:
        side = {"demand": "plaintiff", "offer": "defendant"}.get(what, "")
    who = fees.check_choice(side, fees.SIDES, "side") if side else ""
    cents = None
    if amount is not None and amount != "":
        cents = amount if isinstance(amount, int) else fees.parse_money(amount)
        if cents < 0:
            raise InvalidInput("the amount cannot be negative")
    text = _terms(terms, "terms")
    injunctive = _terms(injunctive_terms, "injunctive terms")
    where = fees.check_choice(court, fees.COURTS, "court") if court else ""
    if what in ("demand", "offer"):
        if cents is None and not text and not injunctive:
            raise InvalidInput(f"a {what} needs an amount or terms")
        if expires_on is not None and expires_on < day:
            raise InvalidInput("the expiry is before the date it was made")
        status = "open"
    else:
        if expires_on is not None:
            raise InvalidInput(f"a {what} does not expire (--expires is for demands and offers)")
        status = ""
    if what == "settlement" and cents is None and not text and not injunctive:
        raise InvalidInput("a settlement needs an amount or terms")
    if what == "judgment":
        if not who:
            raise InvalidInput(
                "say in whose favour the judgment entered (--side plaintiff|defendant)"
            )
        if not where:
            raise InvalidInput("say which court entered the judgment (--court state|federal)")
    elif where:
        raise InvalidInput("--court is for judgments")
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        assert row.id is not None
        event = ResolutionEvent(
            matter_id=row.id,
            kind=what,
            dated=day,
            side=who,
            party_id=_party_id(session, row, party),
            cents=cents,
            terms=text,
            injunctive_terms=injunctive,
            expires_on=expires_on,
            status=status,
            court=where,
        )
        session.add(event)
        session.flush()
        recompute = None
        if what == "judgment":
            from casekit.services.deadlines.preview import preview_in as _preview_in

            recompute = _preview_in(session, svc, row.id)[0]
        return Recorded(_out(session, event, row.number), recompute)


def list_resolution(svc: Services, matter: str | int) -> list[ResolutionOut]:
    """A matter's resolution log, oldest first."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import ResolutionEvent

    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        rows = session.scalars(
            select(ResolutionEvent)
            .where(col(ResolutionEvent.matter_id) == row.id)
            .order_by(col(ResolutionEvent.dated), col(ResolutionEvent.id))
        ).all()
        return [_out(session, r, row.number) for r in rows]


def update_resolution(
    svc: Services,
    event_id: int,
    *,
    version: int | None = None,
    status: str = KEEP,
    expires_on: date | None = KEEP,
    terms: str = KEEP,
    injunctive_terms: str = KEEP,
    amount: int | str | None = KEEP,
) -> Recorded:
    """Move a demand or offer (accepted, rejected, withdrawn, expired) or correct an entry.

    A changed judgment (its date, court or side cannot change here: remove it and record it
    again) is never silently re-planned.
    """
    from casekit.store.models import Matter

    with svc.transaction() as session:
        row = _event(session, event_id)
        check_version(row, version, "entry")
        if status is not KEEP:
            if row.kind not in ("demand", "offer"):
                raise InvalidInput(f"a {row.kind} has no status (only demands and offers do)")
            row.status = fees.check_choice(status, fees.OFFER_STATUSES, "status")
        if expires_on is not KEEP:
            if row.kind not in ("demand", "offer"):
                raise InvalidInput(f"a {row.kind} does not expire")
            if expires_on is not None and expires_on < row.dated:
                raise InvalidInput("the expiry is before the date it was made")
            row.expires_on = expires_on
        if terms is not KEEP:
            row.terms = _terms(terms, "terms")
        if injunctive_terms is not KEEP:
            row.injunctive_terms = _terms(injunctive_terms, "injunctive terms")
        if amount is not KEEP:
            if amount is None or amount == "":
                row.cents = None
            else:
                row.cents = amount if isinstance(amount, int) else fees.parse_money(amount)
        session.flush()
        matter = session.get(Matter, row.matter_id)
        assert matter is not None
        return Recorded(_out(session, row, matter.number))


def remove_resolution(svc: Services, event_id: int, *, version: int | None = None) -> Recorded:
    """Remove an entry recorded by mistake (the audit log keeps it). A judgment's removal comes
    back with the deadline recompute it causes."""
    from casekit.store.models import Matter

    with svc.transaction() as session:
        row = _event(session, event_id)
        check_version(row, version, "entry")
        matter = session.get(Matter, row.matter_id)
        assert matter is not None and matter.id is not None
        out = _out(session, row, matter.number)
        session.delete(row)
        session.flush()
        recompute = None
        if out.kind == "judgment":
            from casekit.services.deadlines.preview import preview_in as _preview_in

            recompute = _preview_in(session, svc, matter.id)[0]
        return Recorded(out, recompute)


def close_matter(
    svc: Services,
    matter: str | int,
    *,
    outcome: str,
    closed_on: date | None = None,
    version: int | None = None,
) -> Closed:
    """Close a matter with its outcome (``declined`` sets the status ``declined``).

    Raises:
        InvalidInput: an unknown outcome, a date after today, or a timer still running on it.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import repo
    from casekit.store.models import Timer

    result = fees.check_choice(outcome, fees.OUTCOMES, "outcome")
    today = svc.today()
    day = closed_on or today
    if day > today:
        raise InvalidInput(f"the closing date {day.isoformat()} is after today")
    with svc.transaction() as session:
        row = repo.find_matter(session=session, ref=matter)
        check_version(row, version, "matter")
        if session.scalars(select(col(Timer.id)).where(col(Timer.matter_id) == row.id)).first():
            raise InvalidInput(f"a timer is still running on {row.number}: stop it first")
        if day < row.opened_on:
            raise InvalidInput("the closing date is before the matter was opened")
        row.status = "declined" if result == "declined" else "closed"
        row.outcome = result
        row.closed_on = day
        session.flush()
        return Closed(row.number, row.status, result, day)
