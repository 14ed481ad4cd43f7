"""What every fees use case checks: descriptions, claims, hours, dates, and the petition lock.

**Locking.** Once a fee petition includes a time entry or a cost (:mod:`.petition`), the
database refuses to change or delete it (triggers, migration 0009). The use cases check first
so the message says what to do instead: record a correction, which adds a *reversal* of the
original and, unless the record is dropped, a *replacement*. Both point at the original.

Messages never contain descriptions or other client data: they name records by id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from casekit.domain import fees
from casekit.domain.fees import claim_label
from casekit.domain.lawpack import default_pack
from casekit.domain.text import required_line
from casekit.errors import InvalidInput
from casekit.store.repos import fees as fee_repo

if TYPE_CHECKING:
    from casekit.store.repos.fees import Session

__all__ = [
    "COST",
    "Change",
    "FORGOTTEN_AFTER_TENTHS",
    "KEEP",
    "MAX_DESCRIPTION",
    "MAX_SOURCE",
    "TIME_ENTRY",
    "RecordKind",
    "changed_columns",
    "check_correctable",
    "check_unlocked",
    "correction_reason",
    "lock_correctable",
    "claim_label",
    "clean_claim",
    "clean_description",
    "not_future",
    "tenths_of",
    "write_correction",
]


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: "Leave this field as it is" in an edit.
KEEP: Any = _Keep()

MAX_DESCRIPTION = 4000
MAX_SOURCE = 500
#: A timer running longer than this was almost certainly forgotten: stopping it asks for hours.
FORGOTTEN_AFTER_TENTHS = 120


def clean_description(text: str, what: str = "description") -> str:
    """A task description: required (courts cut vague or empty entries), tidied, bounded."""
    return required_line(
        text,
        MAX_DESCRIPTION,
        f"the {what}",
        missing=f"the {what} is empty: say what was done (courts cut vague entries)",
    )


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


def tenths_of(value: int | str, *, what: str = "hours") -> int:
    """Hours as tenths: an int as it is (checked), text parsed (``fees.parse_hours``)."""
    if isinstance(value, int):
        if not 1 <= value <= fees.MAX_TENTHS:
            raise InvalidInput(f"{what} must be between 0.1 and 24.0")
        return value
    return fees.parse_hours(value)


def not_future(day: date, today: date, what: str) -> date:
    if day > today:
        raise InvalidInput(f"the {what} {day.isoformat()} is after today")
    return day


_Row = TypeVar("_Row")


#: How an edit checks one field: the column it sets, and the check that gives the value.
Change = tuple[str, Callable[[Any], Any]]


def changed_columns(changes: Mapping[str, Any], checks: Mapping[str, Change]) -> dict[str, Any]:
    """The columns an edit sets, checked, in the order of ``checks`` (field -> column, check);
    a field left out of ``changes`` or given as ``KEEP`` stays as it is."""
    return {
        column: check(changes[field])
        for field, (column, check) in checks.items()
        if changes.get(field, KEEP) is not KEEP
    }


# --- the petition lock, for time entries and costs alike ----------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """A kind of record a fee petition locks, and how messages name it."""

    record: fee_repo.Record
    label: str  # "time entry"
    command: str  # "time": casekit time correct ...
    edit_hint: str  # how to edit one instead, with {id}


TIME_ENTRY = RecordKind("time_entry", "time entry", "time", "casekit time edit {id} ...")
COST = RecordKind("cost", "cost", "cost", "casekit cost edit ...")


def check_unlocked(
    session: Session, kind: RecordKind, record_id: int, *, negative: bool, verb: str
) -> None:
    """Refuse to change (``verb``) a reversal or a record a fee petition includes."""
    if negative:
        raise InvalidInput(
            f"{kind.label} #{record_id} is the reversal half of a correction and cannot be {verb}"
        )
    petitions = fee_repo.petition_numbers(session=session, record=kind.record, ids=[record_id])
    if petitions.get(record_id):
        listed = ", ".join(str(n) for n in petitions[record_id])
        raise InvalidInput(
            f"{kind.label} #{record_id} is in fee petition {listed} and is locked: record a "
            f"correction instead (casekit {kind.command} correct {record_id} ... --reason R)"
        )


def check_correctable(
    session: Session, kind: RecordKind, record_id: int, *, negative: bool
) -> None:
    """Refuse to correct a reversal, a record no petition includes, or one corrected already."""
    if negative:
        raise InvalidInput(f"{kind.label} #{record_id} is itself a reversal; it cannot change")
    petitions = fee_repo.petition_numbers(session=session, record=kind.record, ids=[record_id])
    if not petitions.get(record_id):
        raise InvalidInput(
            f"{kind.label} #{record_id} is in no fee petition: edit it instead "
            f"({kind.edit_hint.format(id=record_id)})"
        )
    done = fee_repo.reversal_of(session=session, record=kind.record, record_id=record_id)
    if done is not None:
        raise InvalidInput(
            f"{kind.label} #{record_id} was corrected already (reversal #{done}); correct its "
            "replacement instead"
        )


def correction_reason(
    reason: str, changes: Mapping[str, object], *, drop: bool, options: str
) -> str:
    """The correction's reason, cleaned; refuse one that neither drops the record nor changes
    anything (``options`` names the options that change it: ``--hours, --category ...``)."""
    why = clean_description(reason, "reason")
    if not drop and all(v is KEEP for v in changes.values()):
        raise InvalidInput(f"give what changes ({options}), or --drop")
    return why


def lock_correctable(
    session: Session,
    kind: RecordKind,
    record_id: int,
    find: Callable[[Session, int], _Row],
    *,
    amount: str,
    copied: tuple[str, ...],
) -> tuple[_Row, dict[str, Any]]:
    """Lock a record against a concurrent correction, read it (``find``) and check that it may
    be corrected (its ``amount`` column is negative on a reversal); return it and the values
    of its ``copied`` columns, which the reversal and the replacement start from."""
    fee_repo.lock_for_correction(session=session, record=kind.record, record_id=record_id)
    original = find(session, record_id)
    check_correctable(session, kind, record_id, negative=getattr(original, amount) < 0)
    return original, {name: getattr(original, name) for name in copied}


def write_correction(
    session: Session,
    model: Callable[..., _Row],
    record_id: int,
    reversal: dict[str, Any],
    replacement: dict[str, Any] | None,
    **both: Any,
) -> list[_Row]:
    """Add the reversal of record ``record_id`` and, unless ``replacement`` is None, its
    replacement: ``model`` rows of those columns (and ``both``'s), each pointing at the original.
    Returns them, written (flushed)."""
    made = [model(**reversal, corrects_id=record_id, **both)]
    if replacement is not None:
        made.append(model(**replacement, corrects_id=record_id, **both))
    session.add_all(made)
    session.flush()
    return made
