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
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from casekit.domain import fees
from casekit.domain.records import from_fields
from casekit.domain.text import fold
from casekit.errors import InvalidInput
from casekit.services.base import check_version
from casekit.services.deadlines.preview import preview_in
from casekit.services.fees.checks import KEEP
from casekit.services.plain import PlainResult
from casekit.store import repo as matters_repo
from casekit.store.repos import resolution as repo

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.resolution import Matter, ResolutionEvent, Session

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
class Closed(PlainResult):
    matter: str
    status: str
    outcome: str
    closed_on: date


# --- helpers ------------------------------------------------------------------------------------


def _terms(text: str | None, what: str) -> str:
    tidy = (text or "").strip()
    if len(tidy) > MAX_TERMS:
        raise InvalidInput(f"the {what} are longer than {MAX_TERMS} characters")
    return tidy


def _out(session: Session, row: ResolutionEvent, number: str) -> ResolutionOut:
    return from_fields(
        ResolutionOut,
        row,
        id=int(row.id or 0),
        matter=number,
        party=repo.party_name(session=session, party_id=row.party_id),
    )


def _party_id(session: Session, matter: Matter, ref: str | None) -> int | None:
    """A party of the matter by id or name (folded), or None for no party given."""
    if ref is None or not ref.strip():
        return None
    text = ref.strip()
    for party in repo.parties(session=session, matter_id=matter.id):
        if (text.isdigit() and party.id == int(text)) or fold(party.name) == fold(text):
            return party.id
    # The typed text is not echoed: the plaintiff party is the client.
    raise InvalidInput(
        f"no party with that name or id on {matter.number} (see casekit party list {matter.number})"
    )


def _event(session: Session, event_id: int) -> ResolutionEvent:
    return repo.event(session=session, event_id=event_id)


# --- use cases ----------------------------------------------------------------------------------


class ResolutionFields(TypedDict, total=False):
    """The details of an entry :func:`add_resolution` takes as keywords."""

    dated: date | None
    side: str
    party: str | None
    amount: int | str | None
    terms: str
    injunctive_terms: str
    expires_on: date | None
    court: str


@dataclass(frozen=True)
class ResolutionInput:
    """An entry as given (see :func:`add_resolution`)."""

    kind: str
    dated: date | None = None
    side: str = ""
    party: str | None = None
    amount: int | str | None = None
    terms: str = ""
    injunctive_terms: str = ""
    expires_on: date | None = None
    court: str = ""


def _cents(amount: int | str | None) -> int | None:
    if amount is None or amount == "":
        return None
    cents = amount if isinstance(amount, int) else fees.parse_money(amount)
    if cents < 0:
        raise InvalidInput("the amount cannot be negative")
    return cents


def _checked(entry: ResolutionInput, today: date) -> dict[str, Any]:
    """The entry's values as stored (all but matter and party), or InvalidInput."""
    what = fees.check_choice(entry.kind, fees.RESOLUTION_KINDS, "resolution kind")
    day = entry.dated or today
    if day > today:
        raise InvalidInput(f"the date {day.isoformat()} is after today")
    side = entry.side or {"demand": "plaintiff", "offer": "defendant"}.get(what, "")
    who = fees.check_choice(side, fees.SIDES, "side") if side else ""
    values = {
        "kind": what,
        "dated": day,
        "side": who,
        "cents": _cents(entry.amount),
        "terms": _terms(entry.terms, "terms"),
        "injunctive_terms": _terms(entry.injunctive_terms, "injunctive terms"),
        "expires_on": entry.expires_on,
        "status": "open" if what in ("demand", "offer") else "",
        "court": fees.check_choice(entry.court, fees.COURTS, "court") if entry.court else "",
    }
    _check_kind(values)
    return values


def _check_kind(v: dict[str, Any]) -> None:
    """What each kind of entry needs (and does not take)."""
    what, bare = v["kind"], v["cents"] is None and not v["terms"] and not v["injunctive_terms"]
    if what in ("demand", "offer"):
        if bare:
            raise InvalidInput(f"a {what} needs an amount or terms")
        if v["expires_on"] is not None and v["expires_on"] < v["dated"]:
            raise InvalidInput("the expiry is before the date it was made")
    elif v["expires_on"] is not None:
        raise InvalidInput(f"a {what} does not expire (--expires is for demands and offers)")
    if what == "settlement" and bare:
        raise InvalidInput("a settlement needs an amount or terms")
    if what == "judgment":
        if not v["side"]:
            raise InvalidInput(
                "say in whose favour the judgment entered (--side plaintiff|defendant)"
            )
        if not v["court"]:
            raise InvalidInput("say which court entered the judgment (--court state|federal)")
    elif v["court"]:
        raise InvalidInput("--court is for judgments")


def add_resolution(
    svc: AppContext, matter: str | int, *, kind: str, **details: Unpack[ResolutionFields]
) -> Recorded:
    """Record a demand, offer, settlement or judgment.

    Args:
        svc: The services.
        matter: Number or id.
        kind: ``demand``, ``offer``, ``settlement`` or ``judgment``.
        details: ``dated``: when it was made, agreed or entered (default today; never in the
            future). ``side``: who made it (``plaintiff``/``defendant``); for a judgment, in
            whose favour (defaults: a demand is the plaintiff's, an offer a defendant's; a
            judgment needs it). ``party``: which party (a defendant's name or id on the
            matter), optional. ``amount``: cents (int) or dollars (text). ``terms``: terms in
            words (payment schedule, fees, release ...). ``injunctive_terms``: policy changes,
            training, records ... the agency agrees to or is ordered to do. ``expires_on``:
            when a demand or offer lapses. ``court``: for a judgment, ``state`` or ``federal``
            (which fee-motion rule applies).

    Returns:
        The entry, and for a judgment the deadline recompute it causes (not applied).
    """
    entry = ResolutionInput(kind=kind, **details)
    values = _checked(entry, svc.today())
    with svc.transaction() as session:
        row = matters_repo.find_matter(session=session, ref=matter)
        if row.id is None:
            raise InvalidInput("the matter is not saved yet")
        values["matter_id"] = row.id
        values["party_id"] = _party_id(session, row, entry.party)
        event = repo.add_event(session=session, values=values)
        recompute = None
        if values["kind"] == "judgment":
            recompute = preview_in(session, svc, row.id)[0]
        return Recorded(_out(session, event, row.number), recompute)


def list_resolution(svc: AppContext, matter: str | int) -> list[ResolutionOut]:
    """A matter's resolution log, oldest first."""
    with svc.transaction() as session:
        row = matters_repo.find_matter(session=session, ref=matter)
        rows = repo.events(session=session, matter_id=row.id)
        return [_out(session, r, row.number) for r in rows]


def update_resolution(
    svc: AppContext,
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
        matter = repo.matter(session=session, matter_id=row.matter_id)
        return Recorded(_out(session, row, matter.number))


def remove_resolution(svc: AppContext, event_id: int, *, version: int | None = None) -> Recorded:
    """Remove an entry recorded by mistake (the audit log keeps it). A judgment's removal comes
    back with the deadline recompute it causes."""
    with svc.transaction() as session:
        row = _event(session, event_id)
        check_version(row, version, "entry")
        matter = repo.matter(session=session, matter_id=row.matter_id)
        out = _out(session, row, matter.number)
        repo.delete(session=session, row=row)
        recompute = None
        if out.kind == "judgment":
            recompute = preview_in(session, svc, row.matter_id)[0]
        return Recorded(out, recompute)


def close_matter(
    svc: AppContext,
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
    result = fees.check_choice(outcome, fees.OUTCOMES, "outcome")
    today = svc.today()
    day = closed_on or today
    if day > today:
        raise InvalidInput(f"the closing date {day.isoformat()} is after today")
    with svc.transaction() as session:
        row = matters_repo.find_matter(session=session, ref=matter)
        check_version(row, version, "matter")
        if repo.timer_running(session=session, matter_id=row.id):
            raise InvalidInput(f"a timer is still running on {row.number}: stop it first")
        if day < row.opened_on:
            raise InvalidInput("the closing date is before the matter was opened")
        row.status = "declined" if result == "declined" else "closed"
        row.outcome = result
        row.closed_on = day
        session.flush()
        return Closed(row.number, row.status, result, day)
