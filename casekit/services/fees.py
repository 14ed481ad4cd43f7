"""Time kept on matters: timekeepers, their rates, time entries, corrections and the timer.

Every write is one transaction and goes through the ORM, so the audit log records it
(:mod:`casekit.store.audit`). Hours are whole tenths and rates whole cents
(:mod:`casekit.domain.fees`).

**Locking.** Once a fee petition includes an entry (:mod:`casekit.services.fee_petition`), the
database refuses to change or delete it (triggers, migration 0009). These functions check first
so the message says what to do instead: record a correction (:func:`correct_time_entry`), which
adds a *reversal* of the original (negative hours) and, unless the work is dropped, a
*replacement* with the corrected values. Both point at the original; nothing disappears.

**Timer.** A timer's start is a row in the database (``timer``), so it survives a restart and
shows on every screen of whoever started it. Stopping it records one entry (rounded up to the
next tenth) and removes the timer in the same transaction. The time comes from
:meth:`Services.now`, which a test replaces.

Messages never contain descriptions or other client data: they name entries by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from casekit.domain import fees
from casekit.domain.lawpack import default_pack
from casekit.errors import InvalidInput, NotFound
from casekit.services.base import check_version

if TYPE_CHECKING:
    from sqlmodel import Session

    from casekit.services.base import Services
    from casekit.store.models import Matter, TimeEntry, Timer, User


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: "Leave this field as it is" in an edit.
KEEP: Any = _Keep()

MAX_DESCRIPTION = 4000
MAX_SOURCE = 500
#: A timer running longer than this was almost certainly forgotten: stopping it asks for hours.
FORGOTTEN_AFTER_TENTHS = 120


# --- plain results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimekeeperOut:
    """Someone whose time is billed: an attorney, paralegal or law clerk (a ``User``)."""

    id: int
    name: str
    role: str
    juris_number: str = ""
    email: str = ""
    active: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "juris_number": self.juris_number,
            "email": self.email,
            "active": self.active,
        }


@dataclass(frozen=True)
class RateOut:
    """A timekeeper's hourly rate from a date on, and its source."""

    id: int
    timekeeper_id: int
    timekeeper: str
    effective_from: date
    cents_per_hour: int
    source: str

    @property
    def rate(self) -> str:
        return fees.money_text(self.cents_per_hour)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "timekeeper_id": self.timekeeper_id,
            "timekeeper": self.timekeeper,
            "effective_from": self.effective_from.isoformat(),
            "rate": fees.cents_decimal(self.cents_per_hour),
            "source": self.source,
        }


@dataclass(frozen=True)
class TimeEntryOut:
    """One time entry as lists show it.

    ``petitions`` are the numbers of the fee petitions that include it: a non-empty tuple means
    the entry is locked. ``rate_cents``/``value_cents`` are its value at the rate in effect on
    its date (None when the timekeeper has no rate for that day).
    """

    id: int
    version: int
    matter: str
    worked_on: date
    timekeeper_id: int
    timekeeper: str
    role: str
    tenths: int
    category: str
    claim: str
    description: str
    billable: bool
    unrelated: bool
    corrects_id: int | None
    source: str
    petitions: tuple[int, ...] = ()
    rate_cents: int | None = None
    value_cents: int | None = None

    @property
    def hours(self) -> str:
        return fees.tenths_text(self.tenths)

    @property
    def locked(self) -> bool:
        return bool(self.petitions) or self.tenths < 0

    @property
    def exclusion(self) -> str:
        if not self.billable:
            return fees.NO_CHARGE
        return fees.UNRELATED if self.unrelated else ""

    def to_fact(self) -> fees.TimeFact:
        return fees.TimeFact(
            id=self.id,
            worked_on=self.worked_on,
            timekeeper_id=self.timekeeper_id,
            timekeeper=self.timekeeper,
            role=self.role,
            tenths=self.tenths,
            category=self.category,
            claim=self.claim,
            description=self.description,
            billable=self.billable,
            unrelated=self.unrelated,
            corrects_id=self.corrects_id,
            petitions=self.petitions,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "matter": self.matter,
            "date": self.worked_on.isoformat(),
            "timekeeper": self.timekeeper,
            "role": self.role,
            "hours": self.hours,
            "category": self.category,
            "claim": self.claim,
            "description": self.description,
            "billable": self.billable,
            "unrelated": self.unrelated,
            "corrects": self.corrects_id,
            "source": self.source,
            "locked": self.locked,
            "petitions": list(self.petitions),
            "rate": fees.cents_decimal(self.rate_cents),
            "value": fees.cents_decimal(self.value_cents),
        }


@dataclass(frozen=True)
class TimerOut:
    """A running timer."""

    id: int
    version: int
    matter_id: int
    matter: str
    timekeeper_id: int
    timekeeper: str
    started_at: datetime
    started_by: str

    def elapsed_seconds(self, now: datetime) -> float:
        return (now - self.started_at).total_seconds()

    def tenths(self, now: datetime) -> int:
        """The time so far as billable tenths (rounded up to six minutes, at least 0.1)."""
        return fees.elapsed_tenths(max(0.0, self.elapsed_seconds(now)))

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "matter": self.matter,
            "timekeeper": self.timekeeper,
            "started_at": self.started_at.isoformat(),
            "started_by": self.started_by,
        }
        if now is not None:
            out["elapsed_minutes"] = int(max(0.0, self.elapsed_seconds(now)) // 60)
            out["hours"] = fees.tenths_text(self.tenths(now))
        return out


# --- checks -------------------------------------------------------------------------------------


def clean_description(text: str, what: str = "description") -> str:
    """A task description: required (courts cut vague or empty entries), tidied, bounded."""
    tidy = " ".join((text or "").split())
    if not tidy:
        raise InvalidInput(f"the {what} is empty: say what was done (courts cut vague entries)")
    if len(tidy) > MAX_DESCRIPTION:
        raise InvalidInput(f"the {what} is longer than {MAX_DESCRIPTION} characters")
    return tidy


def clean_claim(value: str | None, matter_claims: list[str] | tuple[str, ...]) -> str:
    """The claim an entry served: a key of the matter's claims, or "" (all of them)."""
    text = (value or "").strip().lower().replace("-", "_")
    if text in ("", "all", "any", "general"):
        return ""
    known = default_pack().claims
    if text not in known:
        raise InvalidInput(f"unknown claim '{text[:40]}' (known: all, {', '.join(known)})")
    if text not in matter_claims:
        chosen = ", ".join(matter_claims) or "none"
        raise InvalidInput(f"the matter does not plead {text} (its claims: {chosen})")
    return text


def claim_label(claim: str) -> str:
    """How a claim is named in a report ("All claims" for "")."""
    if not claim:
        return "All claims"
    found = default_pack().claims.get(claim)
    return found.label if found else claim


def _tenths(value: int | str, *, what: str = "hours") -> int:
    if isinstance(value, int):
        if not 1 <= value <= fees.MAX_TENTHS:
            raise InvalidInput(f"{what} must be between 0.1 and 24.0")
        return value
    return fees.parse_hours(value)


def _not_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise InvalidInput(f"the {what} {day.isoformat()} is after today")
    return day


# --- look-ups -----------------------------------------------------------------------------------


def _matter(session: Session, ref: str | int) -> Matter:
    from casekit.store import repo

    return repo.find_matter(session=session, ref=ref)


def find_timekeeper(session: Session, ref: str | int) -> User:
    """The timekeeper with this id or name (any case or accents), or InvalidInput with hints."""
    from sqlalchemy import select

    from casekit.domain.text import fold
    from casekit.store.models import User
    from casekit.store.repo import did_you_mean

    text = str(ref).strip()
    if not text:
        raise InvalidInput("give a timekeeper (name or id; see casekit timekeeper list)")
    rows = [u for u in session.scalars(select(User)).all() if u.role in fees.TIMEKEEPER_ROLES]
    for user in rows:
        if (text.isdigit() and user.id == int(text)) or fold(user.name) == fold(text):
            return user
    hint = did_you_mean(text, (u.name for u in rows)) or " (see casekit timekeeper list)"
    raise InvalidInput(f"unknown timekeeper '{text[:80]}'{hint}")


def _petitions_by_entry(session: Session, entry_ids: list[int]) -> dict[int, tuple[int, ...]]:
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import FeePetition, FeePetitionItem

    if not entry_ids:
        return {}
    found: dict[int, list[int]] = {}
    for chunk in range(0, len(entry_ids), 500):
        rows = session.execute(
            select(col(FeePetitionItem.time_entry_id), col(FeePetition.number))
            .join(FeePetition, col(FeePetition.id) == col(FeePetitionItem.petition_id))
            .where(col(FeePetitionItem.time_entry_id).in_(entry_ids[chunk : chunk + 500]))
        ).all()
        for entry_id, number in rows:
            found.setdefault(int(entry_id), []).append(int(number))
    return {k: tuple(sorted(set(v))) for k, v in found.items()}


def _rates(session: Session, user_ids: set[int]) -> list[fees.RateFact]:
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Rate

    if not user_ids:
        return []
    rows = session.scalars(select(Rate).where(col(Rate.user_id).in_(sorted(user_ids)))).all()
    return [
        fees.RateFact(
            timekeeper_id=r.user_id,
            effective_from=r.effective_from,
            cents_per_hour=r.cents_per_hour,
            source=r.source,
            id=r.id or 0,
        )
        for r in rows
    ]


def _entry_out(
    entry: TimeEntry,
    number: str,
    user: User,
    petitions: tuple[int, ...],
    rates: list[fees.RateFact],
) -> TimeEntryOut:
    assert entry.id is not None and user.id is not None
    rate = fees.rate_on(rates, user.id, entry.worked_on)
    return TimeEntryOut(
        id=entry.id,
        version=entry.version,
        matter=number,
        worked_on=entry.worked_on,
        timekeeper_id=user.id,
        timekeeper=user.name,
        role=user.role,
        tenths=entry.tenths,
        category=entry.category,
        claim=entry.claim,
        description=entry.description,
        billable=entry.billable,
        unrelated=entry.unrelated,
        corrects_id=entry.corrects_id,
        source=entry.source,
        petitions=petitions,
        rate_cents=rate.cents_per_hour if rate else None,
        value_cents=fees.entry_value(entry.tenths, rate.cents_per_hour) if rate else None,
    )


def _one_entry(session: Session, entry: TimeEntry) -> TimeEntryOut:
    from casekit.store.models import Matter, User

    assert entry.id is not None
    matter = session.get(Matter, entry.matter_id)
    user = session.get(User, entry.user_id)
    assert matter is not None and user is not None
    petitions = _petitions_by_entry(session, [entry.id]).get(entry.id, ())
    return _entry_out(entry, matter.number, user, petitions, _rates(session, {entry.user_id}))


def _entry(session: Session, entry_id: int) -> TimeEntry:
    from casekit.store.models import TimeEntry

    row = session.get(TimeEntry, entry_id)
    if row is None:
        raise NotFound(f"no time entry #{entry_id} (see casekit time list MATTER)")
    return row


def _check_unlocked(session: Session, entry: TimeEntry, verb: str) -> None:
    assert entry.id is not None
    if entry.tenths < 0:
        raise InvalidInput(
            f"time entry #{entry.id} is the reversal half of a correction and cannot be {verb}"
        )
    petitions = _petitions_by_entry(session, [entry.id]).get(entry.id)
    if petitions:
        listed = ", ".join(str(n) for n in petitions)
        raise InvalidInput(
            f"time entry #{entry.id} is in fee petition {listed} and is locked: record a "
            f"correction instead (casekit time correct {entry.id} ... --reason R)"
        )


# --- timekeepers --------------------------------------------------------------------------------


def _timekeeper_out(user: User) -> TimekeeperOut:
    assert user.id is not None
    return TimekeeperOut(
        id=user.id,
        name=user.name,
        role=user.role,
        juris_number=user.juris_number,
        email=user.email,
        active=user.active,
    )


def add_timekeeper(
    svc: Services, *, name: str, role: str, juris: str = "", email: str = ""
) -> TimekeeperOut:
    """Add a paralegal, law clerk or attorney whose time is billed.

    Attorneys are usually added with ``casekit attorney add`` (they need a juris number to sign);
    they are timekeepers too. Names are unique across the office, any case.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.domain.text import fold
    from casekit.services.clients import clean_email, clean_name
    from casekit.services.office import clean_juris as _juris
    from casekit.store.models import User

    full_name = clean_name(name, "timekeeper name")
    kind = fees.check_choice(role, fees.TIMEKEEPER_ROLES, "timekeeper role")
    juris_number = _juris(juris) if juris.strip() else ""
    if kind == "attorney" and not juris_number:
        raise InvalidInput("an attorney needs a juris number (--juris)")
    email_address = clean_email(email)
    with svc.transaction() as session:
        existing = session.scalars(select(col(User.name))).all()
        if any(fold(n) == fold(full_name) for n in existing):
            raise InvalidInput("an attorney or user with that name already exists")
        user = User(name=full_name, role=kind, juris_number=juris_number, email=email_address)
        session.add(user)
        session.flush()
        return _timekeeper_out(user)


def list_timekeepers(svc: Services) -> list[TimekeeperOut]:
    """Every attorney, paralegal and law clerk, attorneys first, then by name."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import User

    with svc.transaction() as session:
        rows = session.scalars(select(User).where(col(User.role).in_(fees.TIMEKEEPER_ROLES))).all()
        out = [_timekeeper_out(u) for u in rows]
    return sorted(out, key=lambda t: (fees.TIMEKEEPER_ROLES.index(t.role), t.name.lower()))


# --- rates --------------------------------------------------------------------------------------


def add_rate(
    svc: Services,
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
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Rate

    if not 1 <= cents_per_hour <= 1_000_000:
        raise InvalidInput("an hourly rate must be between $0.01 and $10,000.00")
    text = " ".join((source or "").split())
    if not text:
        raise InvalidInput("say where the rate comes from (--source: affidavit, fee survey ...)")
    if len(text) > MAX_SOURCE:
        raise InvalidInput(f"the source is longer than {MAX_SOURCE} characters")
    with svc.transaction() as session:
        user = find_timekeeper(session, timekeeper)
        assert user.id is not None
        taken = session.scalars(
            select(Rate).where(
                col(Rate.user_id) == user.id, col(Rate.effective_from) == effective_from
            )
        ).first()
        if taken is not None:
            raise InvalidInput(
                f"{user.name} already has a rate from {effective_from.isoformat()} "
                f"(rate #{taken.id}); remove it first to change it"
            )
        row = Rate(
            user_id=user.id,
            effective_from=effective_from,
            cents_per_hour=cents_per_hour,
            source=text,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return RateOut(row.id, user.id, user.name, effective_from, cents_per_hour, text)


def list_rates(svc: Services, timekeeper: str | int | None = None) -> list[RateOut]:
    """Rates by timekeeper, then date."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Rate, User

    with svc.transaction() as session:
        query = select(Rate, User).join(User, col(User.id) == col(Rate.user_id))
        if timekeeper is not None:
            query = query.where(col(Rate.user_id) == find_timekeeper(session, timekeeper).id)
        rows = session.execute(query).all()
        out = [
            RateOut(r.id or 0, u.id or 0, u.name, r.effective_from, r.cents_per_hour, r.source)
            for r, u in rows
        ]
    return sorted(out, key=lambda r: (r.timekeeper.lower(), r.effective_from))


def remove_rate(svc: Services, rate_id: int) -> RateOut:
    """Remove a rate entered by mistake (issued petitions keep the rates they were issued at)."""
    from casekit.store.models import Rate, User

    with svc.transaction() as session:
        row = session.get(Rate, rate_id)
        if row is None:
            raise NotFound(f"no rate #{rate_id} (see casekit rate list)")
        user = session.get(User, row.user_id)
        assert user is not None
        out = RateOut(rate_id, row.user_id, user.name, row.effective_from, row.cents_per_hour,
                      row.source)  # fmt: skip
        session.delete(row)
        return out


# --- time entries -------------------------------------------------------------------------------


def add_time_entry(
    svc: Services,
    matter: str | int,
    *,
    timekeeper: str | int,
    hours: int | str,
    category: str,
    description: str,
    worked_on: date | None = None,
    claim: str = "",
    billable: bool = True,
    unrelated: bool = False,
) -> TimeEntryOut:
    """Record work done on a matter.

    Args:
        svc: The services.
        matter: Number (``TA-2026-0001``) or id.
        timekeeper: Name or id of the attorney, paralegal or law clerk.
        hours: Tenths (an int) or text (``"1.5"``, ``"0:45"``, see ``fees.parse_hours``).
        category: One of ``fees.TASK_CATEGORIES``.
        description: What was done (required).
        worked_on: The day (default today; never in the future).
        claim: The claim it served (one of the matter's claims), or "" for all.
        billable: False records it as no-charge (shown as an exclusion).
        unrelated: Marked unrelated to a successful claim (shown as an exclusion).
    """
    from casekit.store.models import TimeEntry

    tenths = _tenths(hours)
    kind = fees.check_choice(category, fees.TASK_CATEGORIES, "task category")
    text = clean_description(description)
    today = svc.today()
    day = _not_future(worked_on or today, today, "work date")
    with svc.transaction() as session:
        row = _matter(session, matter)
        user = find_timekeeper(session, timekeeper)
        if not user.active:
            raise InvalidInput(f"{user.name} is no longer active")
        assert row.id is not None and user.id is not None
        entry = TimeEntry(
            matter_id=row.id,
            user_id=user.id,
            worked_on=day,
            tenths=tenths,
            category=kind,
            claim=clean_claim(claim, row.claims),
            description=text,
            billable=billable,
            unrelated=unrelated,
        )
        session.add(entry)
        session.flush()
        return _entry_out(entry, row.number, user, (), _rates(session, {user.id}))


def list_time_entries(
    svc: Services,
    matter: str | int,
    *,
    through: date | None = None,
    since: date | None = None,
) -> list[TimeEntryOut]:
    """A matter's time entries by date (then id), each with its value and petitions."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import TimeEntry, User

    with svc.transaction() as session:
        row = _matter(session, matter)
        query = (
            select(TimeEntry, User)
            .join(User, col(User.id) == col(TimeEntry.user_id))
            .where(col(TimeEntry.matter_id) == row.id)
        )
        if through is not None:
            query = query.where(col(TimeEntry.worked_on) <= through)
        if since is not None:
            query = query.where(col(TimeEntry.worked_on) >= since)
        pairs = session.execute(query.order_by(col(TimeEntry.worked_on), col(TimeEntry.id))).all()
        ids = [e.id for e, _ in pairs if e.id is not None]
        petitions = _petitions_by_entry(session, ids)
        rates = _rates(session, {u.id for _, u in pairs if u.id is not None})
        return [_entry_out(e, row.number, u, petitions.get(e.id or 0, ()), rates) for e, u in pairs]


def edit_time_entry(
    svc: Services,
    entry_id: int,
    *,
    version: int | None = None,
    worked_on: date = KEEP,
    timekeeper: str | int = KEEP,
    hours: int | str = KEEP,
    category: str = KEEP,
    claim: str = KEEP,
    description: str = KEEP,
    billable: bool = KEEP,
    unrelated: bool = KEEP,
) -> TimeEntryOut:
    """Change an entry no fee petition includes yet (a locked one needs a correction).

    ``version`` is the entry's version when it was shown: someone else's save in between is a
    ConflictError, never silently overwritten.
    """
    from casekit.store.models import Matter

    changes: dict[str, Any] = {}
    if hours is not KEEP:
        changes["tenths"] = _tenths(hours)
    if category is not KEEP:
        changes["category"] = fees.check_choice(category, fees.TASK_CATEGORIES, "task category")
    if description is not KEEP:
        changes["description"] = clean_description(description)
    if worked_on is not KEEP:
        changes["worked_on"] = _not_future(worked_on, svc.today(), "work date")
    if billable is not KEEP:
        changes["billable"] = bool(billable)
    if unrelated is not KEEP:
        changes["unrelated"] = bool(unrelated)
    with svc.transaction() as session:
        entry = _entry(session, entry_id)
        check_version(entry, version, "time entry")
        _check_unlocked(session, entry, "changed")
        if timekeeper is not KEEP:
            user = find_timekeeper(session, timekeeper)
            changes["user_id"] = user.id
        if claim is not KEEP:
            matter = session.get(Matter, entry.matter_id)
            assert matter is not None
            changes["claim"] = clean_claim(claim, matter.claims)
        for key, value in changes.items():
            setattr(entry, key, value)
        session.flush()
        return _one_entry(session, entry)


def remove_time_entry(svc: Services, entry_id: int, *, version: int | None = None) -> TimeEntryOut:
    """Delete an entry no fee petition includes (the audit log keeps what it said)."""
    with svc.transaction() as session:
        entry = _entry(session, entry_id)
        check_version(entry, version, "time entry")
        _check_unlocked(session, entry, "removed")
        out = _one_entry(session, entry)
        session.delete(entry)
        return out


def correct_time_entry(
    svc: Services,
    entry_id: int,
    *,
    reason: str,
    drop: bool = False,
    worked_on: date = KEEP,
    timekeeper: str | int = KEEP,
    hours: int | str = KEEP,
    category: str = KEEP,
    claim: str = KEEP,
    description: str = KEEP,
    billable: bool = KEEP,
    unrelated: bool = KEEP,
) -> list[TimeEntryOut]:
    """Correct an entry a fee petition includes: a reversal and (unless ``drop``) a replacement.

    The original stays as it was. The reversal repeats it with negative hours (so the two cancel
    to the cent, at the same rate); the replacement carries the original's values with the
    changes given. Both point at the original and say why in their description.

    Returns:
        The new entries: ``[reversal]`` or ``[reversal, replacement]``.

    Raises:
        InvalidInput: the entry is not locked (edit it instead), is itself a reversal, was
            corrected already, no change was given, or the reason is empty.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Matter, TimeEntry

    why = clean_description(reason, "reason")
    wanted = {
        "worked_on": worked_on,
        "timekeeper": timekeeper,
        "hours": hours,
        "category": category,
        "claim": claim,
        "description": description,
        "billable": billable,
        "unrelated": unrelated,
    }
    if not drop and all(v is KEEP for v in wanted.values()):
        raise InvalidInput("give what changes (--hours, --category ...), or --drop")
    with svc.transaction() as session:
        if session.get_bind().dialect.name != "sqlite":
            session.execute(
                select(col(TimeEntry.id)).where(col(TimeEntry.id) == entry_id).with_for_update()
            )
        original = _entry(session, entry_id)
        if original.tenths < 0:
            raise InvalidInput(f"time entry #{entry_id} is itself a reversal; it cannot change")
        petitions = _petitions_by_entry(session, [entry_id]).get(entry_id)
        if not petitions:
            raise InvalidInput(
                f"time entry #{entry_id} is in no fee petition: edit it instead "
                f"(casekit time edit {entry_id} ...)"
            )
        done = session.scalars(
            select(col(TimeEntry.id)).where(
                col(TimeEntry.corrects_id) == entry_id, col(TimeEntry.tenths) < 0
            )
        ).first()
        if done is not None:
            raise InvalidInput(
                f"time entry #{entry_id} was corrected already (reversal #{done}); correct its "
                "replacement instead"
            )
        matter = session.get(Matter, original.matter_id)
        assert matter is not None
        reversal = TimeEntry(
            matter_id=original.matter_id,
            user_id=original.user_id,
            worked_on=original.worked_on,
            tenths=-original.tenths,
            category=original.category,
            claim=original.claim,
            description=f"Reversal of entry #{entry_id}: {why}",
            billable=original.billable,
            unrelated=original.unrelated,
            corrects_id=entry_id,
            source="correction",
        )
        session.add(reversal)
        made = [reversal]
        if not drop:
            user_id = original.user_id
            if timekeeper is not KEEP:
                user_id = find_timekeeper(session, timekeeper).id or user_id
            replacement = TimeEntry(
                matter_id=original.matter_id,
                user_id=user_id,
                worked_on=original.worked_on
                if worked_on is KEEP
                else _not_future(worked_on, svc.today(), "work date"),
                tenths=original.tenths if hours is KEEP else _tenths(hours),
                category=original.category
                if category is KEEP
                else fees.check_choice(category, fees.TASK_CATEGORIES, "task category"),
                claim=original.claim if claim is KEEP else clean_claim(claim, matter.claims),
                description=original.description
                if description is KEEP
                else clean_description(description),
                billable=original.billable if billable is KEEP else bool(billable),
                unrelated=original.unrelated if unrelated is KEEP else bool(unrelated),
                corrects_id=entry_id,
                source="correction",
            )
            session.add(replacement)
            made.append(replacement)
        session.flush()
        return [_one_entry(session, e) for e in made]


# --- the timer ----------------------------------------------------------------------------------


def _timer_out(session: Session, timer: Timer) -> TimerOut:
    from casekit.store.models import Matter, User

    matter = session.get(Matter, timer.matter_id)
    user = session.get(User, timer.user_id)
    assert matter is not None and user is not None and timer.id is not None
    return TimerOut(
        id=timer.id,
        version=timer.version,
        matter_id=timer.matter_id,
        matter=matter.number,
        timekeeper_id=timer.user_id,
        timekeeper=user.name,
        started_at=timer.started_at,
        started_by=timer.started_by,
    )


def start_timer(svc: Services, matter: str | int, *, timekeeper: str | int) -> TimerOut:
    """Start a timer for ``timekeeper`` on ``matter`` (one running timer per timekeeper)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Matter, Timer

    with svc.transaction() as session:
        row = _matter(session, matter)
        user = find_timekeeper(session, timekeeper)
        if not user.active:
            raise InvalidInput(f"{user.name} is no longer active")
        running = session.scalars(select(Timer).where(col(Timer.user_id) == user.id)).first()
        if running is not None:
            other = session.get(Matter, running.matter_id)
            where = other.number if other is not None else f"matter {running.matter_id}"
            raise InvalidInput(f"{user.name}'s timer is already running on {where}; stop it first")
        assert row.id is not None and user.id is not None
        timer = Timer(matter_id=row.id, user_id=user.id, started_at=svc.now(), started_by=svc.actor)
        session.add(timer)
        session.flush()
        return _timer_out(session, timer)


def running_timers(svc: Services, *, everyone: bool = False) -> list[TimerOut]:
    """The running timers started by this user (``everyone``: the whole office's)."""
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Timer

    with svc.transaction() as session:
        query = select(Timer).order_by(col(Timer.started_at))
        if not everyone:
            query = query.where(col(Timer.started_by) == svc.actor)
        return [_timer_out(session, t) for t in session.scalars(query).all()]


def _timer(session: Session, timer_id: int) -> Timer:
    from casekit.store.models import Timer

    row = session.get(Timer, timer_id)
    if row is None:
        raise NotFound(f"timer #{timer_id} is not running (it was stopped already)")
    return row


def stop_timer(
    svc: Services,
    timer_id: int,
    *,
    category: str,
    description: str,
    hours: int | str | None = None,
    claim: str = "",
    billable: bool = True,
    unrelated: bool = False,
    version: int | None = None,
) -> TimeEntryOut:
    """Stop a timer: one time entry for the time it ran, and the timer gone, in one transaction.

    The hours are the time since the start rounded up to the next tenth (at least 0.1), unless
    ``hours`` overrides them (the attorney corrects a timer left running over lunch). The entry
    is dated the day the timer started, in Connecticut time.

    Raises:
        NotFound: the timer was stopped already (here or on another screen).
        InvalidInput: the timer ran more than 24 hours and no ``hours`` were given.
    """
    from casekit.domain.calendar import LOCAL_TZ
    from casekit.store.models import Matter, TimeEntry, User

    kind = fees.check_choice(category, fees.TASK_CATEGORIES, "task category")
    text = clean_description(description)
    now = svc.now()
    with svc.transaction() as session:
        timer = _timer(session, timer_id)
        check_version(timer, version, "timer")
        if hours is not None:
            tenths = _tenths(hours)
        else:
            tenths = fees.elapsed_tenths((now - timer.started_at).total_seconds())
            if tenths > fees.MAX_TENTHS:
                raise InvalidInput(
                    "the timer ran more than 24 hours (left running?): give the hours worked"
                )
        matter = session.get(Matter, timer.matter_id)
        user = session.get(User, timer.user_id)
        assert matter is not None and user is not None and user.id is not None
        entry = TimeEntry(
            matter_id=timer.matter_id,
            user_id=timer.user_id,
            # The day it started in Connecticut; never after "today" (a pinned CASEKIT_TODAY).
            worked_on=min(timer.started_at.astimezone(LOCAL_TZ).date(), svc.today()),
            tenths=tenths,
            category=kind,
            claim=clean_claim(claim, matter.claims),
            description=text,
            billable=billable,
            unrelated=unrelated,
            source="timer",
        )
        session.add(entry)
        session.delete(timer)
        session.flush()
        return _entry_out(entry, matter.number, user, (), _rates(session, {user.id}))


def discard_timer(svc: Services, timer_id: int, *, version: int | None = None) -> TimerOut:
    """Stop a timer without recording any time (it was started by mistake)."""
    with svc.transaction() as session:
        timer = _timer(session, timer_id)
        check_version(timer, version, "timer")
        out = _timer_out(session, timer)
        session.delete(timer)
        return out
