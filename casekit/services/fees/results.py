"""What the time-keeping use cases return: timekeepers, rates, time entries and timers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from casekit.domain import fees
from casekit.domain.records import PlainRecord, from_fields
from casekit.services.plain import plain


@dataclass(frozen=True)
class TimekeeperOut(PlainRecord):
    """Someone whose time is billed: an attorney, paralegal or law clerk (a ``User``)."""

    id: int
    name: str
    role: str
    juris_number: str = ""
    email: str = ""
    active: bool = True


@dataclass(frozen=True, kw_only=True)
class RateOut(fees.RateFact):
    """A timekeeper's hourly rate from a date on, and its source: the domain's
    :class:`~casekit.domain.fees.RateFact` with the timekeeper's name."""

    timekeeper: str

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


@dataclass(frozen=True, kw_only=True)
class TimeEntryOut(fees.TimeFact):
    """One time entry as lists show it: the domain's :class:`~casekit.domain.fees.TimeFact` with
    the row's version, the matter's number, where the entry came from, and its value.

    ``rate_cents``/``value_cents`` are its value at the rate in effect on its date (None when the
    timekeeper has no rate for that day).
    """

    version: int
    matter: str
    source: str
    rate_cents: int | None = None
    value_cents: int | None = None

    @property
    def hours(self) -> str:
        return fees.tenths_text(self.tenths)

    @property
    def locked(self) -> bool:
        """In a fee petition, or a reversal: neither is edited."""
        return super().locked or self.reversal

    def status(self, locked: str = "petition {}") -> str:
        """Its marks in a list: the exclusion, the entry it reverses or replaces, and the fee
        petitions that lock it (``locked`` words them, their numbers in place of ``{}``)."""
        words = []
        if self.exclusion:
            words.append(self.exclusion)
        if self.corrects_id is not None:
            words.append(f"{'reverses' if self.tenths < 0 else 'replaces'} #{self.corrects_id}")
        if self.petitions:
            words.append(locked.format(", ".join(str(n) for n in self.petitions)))
        return "; ".join(words)

    def to_fact(self) -> fees.TimeFact:
        return from_fields(fees.TimeFact, self)

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
        """Its fields as plain values but the row's version and ids; with ``now``, the time so
        far."""
        out = plain(self, leave_out=("version", "matter_id", "timekeeper_id"))
        if now is not None:
            out["elapsed_minutes"] = int(max(0.0, self.elapsed_seconds(now)) // 60)
            out["hours"] = fees.tenths_text(self.tenths(now))
        return out
