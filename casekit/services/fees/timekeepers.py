"""Timekeepers (attorneys, paralegals, law clerks) and their hourly rates, each with a source."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from casekit.domain import fees
from casekit.domain.records import from_fields
from casekit.domain.text import fold, required_line
from casekit.errors import InvalidInput
from casekit.services.fees.checks import MAX_SOURCE
from casekit.services.fees.results import RateOut, TimekeeperOut
from casekit.store.models import Rate, User
from casekit.store.repo import did_you_mean
from casekit.store.repos import fees as fee_repo
from casekit.store.repos.rows import row_by_id

if TYPE_CHECKING:
    from casekit.services.base import AppContext
    from casekit.store.repos.fees import Session

__all__ = [
    "add_rate",
    "add_timekeeper",
    "find_timekeeper",
    "list_rates",
    "list_timekeepers",
    "rate_facts",
    "remove_rate",
]


def find_timekeeper(session: Session, ref: str | int) -> User:
    """The timekeeper with this id or name (any case or accents), or InvalidInput with hints."""
    text = str(ref).strip()
    if not text:
        raise InvalidInput("give a timekeeper (name or id; see casekit timekeeper list)")
    rows = fee_repo.users_in_roles(session=session, roles=fees.TIMEKEEPER_ROLES)
    for user in rows:
        if (text.isdigit() and user.id == int(text)) or fold(user.name) == fold(text):
            return user
    hint = did_you_mean(text, (u.name for u in rows)) or " (see casekit timekeeper list)"
    raise InvalidInput(f"unknown timekeeper '{text[:80]}'{hint}")


def active_timekeeper(session: Session, ref: str | int) -> User:
    """:func:`find_timekeeper`, refused when they are no longer active."""
    user = find_timekeeper(session, ref)
    if not user.active:
        raise InvalidInput(f"{user.name} is no longer active")
    return user


def rate_facts(session: Session, user_ids: Iterable[int]) -> list[fees.RateFact]:
    """Every rate of these timekeepers, as the domain values them."""
    return [
        from_fields(fees.RateFact, r, timekeeper_id=r.user_id, id=r.id or 0)
        for r in fee_repo.rates_of(session=session, user_ids=user_ids)
    ]


def _timekeeper_out(user: User) -> TimekeeperOut:
    return from_fields(TimekeeperOut, user, id=user.id or 0)


def _rate_out(row: Rate, timekeeper: str) -> RateOut:
    return from_fields(
        RateOut, row, id=row.id or 0, timekeeper_id=row.user_id, timekeeper=timekeeper
    )


def add_timekeeper(
    svc: AppContext, *, name: str, role: str, juris: str = "", email: str = ""
) -> TimekeeperOut:
    """Add a paralegal, law clerk or attorney whose time is billed.

    Attorneys are usually added with ``casekit attorney add`` (they need a juris number to sign);
    they are timekeepers too. Names are unique across the office, any case.
    """
    from casekit.services.clients.fields import clean_email, clean_name
    from casekit.services.office.settings import clean_juris as _juris

    full_name = clean_name(name, "timekeeper name")
    kind = fees.check_choice(role, fees.TIMEKEEPER_ROLES, "timekeeper role")
    juris_number = _juris(juris) if juris.strip() else ""
    if kind == "attorney" and not juris_number:
        raise InvalidInput("an attorney needs a juris number (--juris)")
    email_address = clean_email(email)
    with svc.transaction() as session:
        existing = fee_repo.user_names(session=session)
        if any(fold(n) == fold(full_name) for n in existing):
            raise InvalidInput("an attorney or user with that name already exists")
        user = User(name=full_name, role=kind, juris_number=juris_number, email=email_address)
        session.add(user)
        session.flush()
        return _timekeeper_out(user)


def list_timekeepers(svc: AppContext) -> list[TimekeeperOut]:
    """Every attorney, paralegal and law clerk, attorneys first, then by name."""
    with svc.transaction() as session:
        rows = fee_repo.users_in_roles(session=session, roles=fees.TIMEKEEPER_ROLES)
        out = [_timekeeper_out(u) for u in rows]
    return sorted(out, key=lambda t: (fees.TIMEKEEPER_ROLES.index(t.role), t.name.lower()))


# --- rates --------------------------------------------------------------------------------------


def _rate_source(source: str) -> str:
    return required_line(
        source,
        MAX_SOURCE,
        "the source",
        missing="say where the rate comes from (--source: affidavit, fee survey ...)",
    )


def add_rate(
    svc: AppContext,
    timekeeper: str | int,
    *,
    cents_per_hour: int,
    effective_from: date,
    source: str,
) -> RateOut:
    """Record a timekeeper's hourly rate from ``effective_from`` on.

    Args:
        svc: The services.
        timekeeper: Name or id.
        cents_per_hour: The rate in cents (``fees.parse_money``).
        effective_from: First day it applies; work on or after it is valued at it until the
            next rate starts.
        source: Where it comes from: the affidavit, fee survey or prior award a court will ask
            about. Required.
    """
    if not 1 <= cents_per_hour <= 1_000_000:
        raise InvalidInput("an hourly rate must be between $0.01 and $10,000.00")
    text = _rate_source(source)
    with svc.transaction() as session:
        user = find_timekeeper(session, timekeeper)
        user_id = user.id or 0
        taken = fee_repo.rate_from(session=session, user_id=user_id, effective_from=effective_from)
        if taken is not None:
            raise InvalidInput(
                f"{user.name} already has a rate from {effective_from.isoformat()} "
                f"(rate #{taken.id}); remove it first to change it"
            )
        row = Rate(
            user_id=user_id,
            effective_from=effective_from,
            cents_per_hour=cents_per_hour,
            source=text,
        )
        session.add(row)
        session.flush()
        return _rate_out(row, user.name)


def list_rates(svc: AppContext, timekeeper: str | int | None = None) -> list[RateOut]:
    """Rates by timekeeper, then date."""
    with svc.transaction() as session:
        user_id = None
        if timekeeper is not None:
            user_id = find_timekeeper(session, timekeeper).id
        rows = fee_repo.rates_with_users(session=session, user_id=user_id)
        out = [_rate_out(r, u.name) for r, u in rows]
    return sorted(out, key=lambda r: (r.timekeeper.lower(), r.effective_from))


def remove_rate(svc: AppContext, rate_id: int) -> RateOut:
    """Remove a rate entered by mistake (issued petitions keep the rates they were issued at)."""
    with svc.transaction() as session:
        row = row_by_id(session, Rate, rate_id, f"no rate #{rate_id} (see casekit rate list)")
        user = session.get(User, row.user_id)
        name = user.name if user is not None else ""
        out = _rate_out(row, name)
        session.delete(row)
        return out
