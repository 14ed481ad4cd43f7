"""The conflict log: what was checked before a matter opened, what was found, and the decision.

:func:`settle` decides (a hit on a defendant, witness or agency needs a clearance note),
:func:`record_check_in` appends the decision to the new matter's log inside its transaction (the
query, hits and note sealed with the database's key), :func:`conflict_log` reads it back.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.domain.text import at_most, one_line
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.casefile import wall_time
from casekit.services.clients.conflicts import ConflictHit
from casekit.services.plain import PlainResult
from casekit.store import crypto, repo, sealed
from casekit.store.models import ConflictCheck
from casekit.store.repos import clients as client_rows

if TYPE_CHECKING:
    from casekit.store.repos.clients import Session


#: Decisions recorded in the conflict log.
NO_HITS = "no_hits"
EXISTING_CLIENT = "existing_client"
CLEARED = "cleared"
CONFIRMED = "confirmed"
DECISIONS = {
    NO_HITS: "no possible conflict",
    EXISTING_CLIENT: "same person: the existing client",
    CLEARED: "cleared with a note",
    CONFIRMED: "namesakes looked at, saved",
}
MAX_CLEARANCE = 2000
_TABLE = "conflictcheck"


#: Where a hit must be cleared with a note before a matter opens: the other side of a matter
#: (a defendant, opposing counsel), a witness, or an agency. A client or a plaintiff elsewhere
#: is on the office's side: the same person (use that client) or a namesake.
CLEARANCE_WHERE = frozenset(
    {"party:defendant", "party:witness", "party:opposing_counsel", "agency"}
)


def needs_clearance(hit: ConflictHit) -> bool:
    """Whether ``hit`` must be cleared with a note before a matter opens
    (:data:`CLEARANCE_WHERE`)."""
    return hit.where in CLEARANCE_WHERE


@dataclass(frozen=True)
class Settled:
    """A conflict check as it will be recorded: what was checked, what was found, and the
    decision (:func:`settle`)."""

    name: str
    by_phone: bool
    by_birth: bool
    hits: tuple[ConflictHit, ...]
    decision: str
    note: str = ""

    @property
    def to_clear(self) -> tuple[ConflictHit, ...]:
        return tuple(h for h in self.hits if needs_clearance(h))


def clearance_message(count: int, how: str) -> str:
    """The refusal when ``count`` hits need clearing and no note was given (no names in it)."""
    return (
        f"the conflict check found {count} possible conflict(s) with a defendant, witness or "
        f"agency; nothing was saved: look at them, then {how}"
    )


def settle(
    name: str,
    hits: Sequence[ConflictHit],
    *,
    existing_client: int | None = None,
    note: str = "",
    how: str = "clear them with a note",
    by_phone: bool = False,
    by_birth: bool = False,
) -> Settled:
    """The decision on a conflict check before a matter opens (nothing is written here).

    ``existing_client`` is the client the matter is for when intake found them in the office
    (their own hits are left out: they are not a conflict). Hits on a defendant, witness or
    agency need a clearance ``note``; without one, InvalidInput (saying ``how`` to give it).
    """
    kept = tuple(
        h for h in hits if not (h.where == "client" and h.client_id == existing_client)
    ) if existing_client is not None else tuple(hits)  # fmt: skip
    tidy = at_most(one_line(note), MAX_CLEARANCE, "the clearance note")
    to_clear = [h for h in kept if needs_clearance(h)]
    if to_clear and not tidy:
        raise InvalidInput(clearance_message(len(to_clear), how))
    if to_clear:
        decision = CLEARED
    elif kept:
        decision = CONFIRMED
    elif existing_client is not None:
        decision = EXISTING_CLIENT
    else:
        decision = NO_HITS
    return Settled(name, by_phone, by_birth, kept, decision, tidy)


def record_check_in(session: Session, svc: AppContext, matter_id: int, settled: Settled) -> int:
    """Append ``settled`` to the conflict log of ``matter_id`` inside the caller's transaction.

    The query, the hits and the note name people: they are sealed with the database's key,
    bound to the new row (a token copied elsewhere does not open). Returns the row's id.
    """
    cipher = sealed.session_cipher(session)
    (row_id,) = sealed.allocate_ids(session.connection(), _TABLE, 1)

    def seal(column: str, plain: str) -> str:
        return str(cipher.seal(plain, crypto.column_aad(_TABLE, column, row_id)))

    query = {"name": settled.name, "phone": settled.by_phone, "date_of_birth": settled.by_birth}
    row = ConflictCheck(
        id=row_id,
        matter_id=matter_id,
        checked_by=svc.actor,
        query=seal("query", json.dumps(query, ensure_ascii=False)),
        hits=seal("hits", json.dumps([h.to_dict() for h in settled.hits], ensure_ascii=False)),
        hit_count=len(settled.hits),
        clearance_count=len(settled.to_clear),
        decision=settled.decision,
        cleared_by=svc.actor if settled.decision == CLEARED else "",
        note=seal("note", settled.note),
    )
    session.add(row)
    session.flush()
    return row_id


@dataclass(frozen=True)
class LoggedCheck(PlainResult):
    """One entry of a matter's conflict log, opened (for someone holding the key)."""

    at: Any
    checked_by: str
    name: str
    by_phone: bool
    by_birth: bool
    hits: tuple[ConflictHit, ...]
    clearance_count: int
    decision: str
    cleared_by: str
    note: str

    @property
    def decision_text(self) -> str:
        return DECISIONS.get(self.decision, self.decision)


def conflict_log(svc: AppContext, matter: str | int) -> list[LoggedCheck]:
    """The conflict checks recorded for ``matter`` (number or id), oldest first."""
    with svc.transaction() as session:
        found = repo.find_matter(session=session, ref=matter)
        rows = client_rows.conflict_checks(session=session, matter_id=found.id)
        cipher = sealed.session_cipher(session)
        out: list[LoggedCheck] = []
        for row in rows:

            def opened(column: str, token: str, row_id: int = int(row.id or 0)) -> str:
                return cipher.open(token, crypto.column_aad(_TABLE, column, row_id))

            query = json.loads(opened("query", row.query))
            hits = tuple(ConflictHit(**h) for h in json.loads(opened("hits", row.hits)))
            out.append(
                LoggedCheck(
                    at=wall_time(row.created_at),
                    checked_by=row.checked_by,
                    name=str(query.get("name", "")),
                    by_phone=bool(query.get("phone")),
                    by_birth=bool(query.get("date_of_birth")),
                    hits=hits,
                    clearance_count=row.clearance_count,
                    decision=row.decision,
                    cleared_by=row.cleared_by,
                    note=opened("note", row.note),
                )
            )
        return out
