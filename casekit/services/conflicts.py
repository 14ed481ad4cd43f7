"""Conflict check: every client, party and agency that could be the person or entity given.

Three ways to find one:

* **the name**, spelled with typos or transliterated differently: the database keeps only the
  rows that could match (folded words, typo-tolerant ``LIKE`` pieces and phonetic keys:
  :func:`casekit.store.repo.name_prefilter`), :mod:`casekit.domain.conflicts` ranks them. With
  100 k clients the prefilter leaves a few hundred rows, so the check stays interactive;
* **the phone number**: a client with the same number (its last ten digits) is a hit whatever
  the name (:func:`clients_with_phone`);
* **the date of birth**: a client born the same day is a hit when one word of the name matches
  too ("José Pérez" born 1990-05-17 for "Juan Pérez" born that day); a birthday alone is shared
  by hundreds of people in a large office (:func:`clients_born_on`).

Phone numbers and dates of birth are compared in two small functions so that a keyed-hash
"blind index" (the dates of birth encrypted at rest) can replace the comparison in one place.
No message or hit repeats the phone number or date of birth searched for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from casekit.domain.conflicts import PHONETIC_SCORE, match_name, rank, word_similarity
from casekit.domain.text import tokens
from casekit.errors import InvalidInput
from casekit.services.base import Services

DEFAULT_LIMIT = 100
#: Score of a client found by the same phone number.
PHONE_SCORE = 0.9
#: Score of a client born the same day whose name shares a word with the one checked.
BIRTH_SCORE = 0.7
_DIGITS = re.compile(r"\D+")

NAME = "name"
SOUNDS_LIKE = "sounds like"
SAME_PHONE = "same phone"
SAME_BIRTH_DATE = "same date of birth"


@dataclass(frozen=True)
class ConflictHit:
    """One stored name that may be the person or entity checked.

    ``where`` is ``client``, ``party:<role>`` (defendant, plaintiff, witness, opposing_counsel)
    or ``agency``; ``matter`` is the matter number it belongs to (None for an agency or a client
    with no matter yet); ``matched`` is the stored form that matched (legal or preferred name);
    ``reason`` says why: ``name``, ``sounds like``, ``same phone``, ``same date of birth``
    (several joined with "; ").
    """

    name: str
    where: str
    matter: str | None
    score: float
    matched: str
    reason: str = NAME
    client_id: int | None = None  # for a client hit: which client

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def client_forms(name: str, preferred: str) -> tuple[str, ...]:
    """The names a client may be known by: the legal name, and the preferred name with the
    family name ("Pepe" for "José Núñez" gives "Pepe Núñez")."""
    if not preferred.strip():
        return (name,)
    rest = name.split()[1:]
    if len(preferred.split()) == 1 and rest:
        return (name, f"{preferred.strip()} {' '.join(rest)}")
    return (name, preferred.strip())


def phone_digits(phone: str) -> str:
    """The last ten digits of a phone number ("+1 (860) 555-0100" → "8605550100"), or ""."""
    digits = _DIGITS.sub("", phone or "")
    return digits[-10:] if len(digits) >= 7 else ""


def clients_with_phone(conn: Any, phone: str) -> list[tuple[int, str, str]]:
    """``(client id, name, preferred name)`` of the clients whose phone is ``phone``.

    The one place the conflict check compares phone numbers: the database narrows by the last
    four digits, then the numbers are compared digit for digit.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store.models import Client

    wanted = phone_digits(phone)
    if not wanted:
        return []
    rows = conn.execute(
        select(
            col(Client.id), col(Client.name), col(Client.preferred_name), col(Client.phone)
        ).where(col(Client.phone).like(f"%{wanted[-4:]}%"))
    ).all()
    return [(r[0], r[1], r[2]) for r in rows if phone_digits(r[3]) == wanted]


def clients_born_on(conn: Any, cipher: Any, born: date) -> list[tuple[int, str, str]]:
    """``(client id, name, preferred name)`` of the clients born on ``born``.

    The one place the conflict check compares dates of birth: dates of birth are encrypted at
    rest, so it looks up the keyed hash ("blind index") of ``born`` and never needs a plaintext.
    """
    from sqlalchemy import select
    from sqlmodel import col

    from casekit.store import sealed
    from casekit.store.models import Client

    index = sealed.date_of_birth_index(cipher, born)
    rows = conn.execute(
        select(col(Client.id), col(Client.name), col(Client.preferred_name)).where(
            col(Client.date_of_birth_bidx) == index
        )
    ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def _born(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    from casekit import config
    from casekit.domain.bounds import parse_day

    return parse_day(value, config.today(), "the date of birth", echo=False)


def check_conflicts(
    svc: Services,
    name: str,
    *,
    limit: int = DEFAULT_LIMIT,
    phone: str = "",
    date_of_birth: date | str | None = None,
) -> list[ConflictHit]:
    """Clients, parties and agencies that may be ``name`` (or have its phone, or its date of
    birth and part of its name), best match first."""
    from sqlalchemy import func, or_, select
    from sqlmodel import col

    from casekit.store.models import Agency, Client, Matter, Party
    from casekit.store.repo import name_prefilter

    words = tokens(name)
    if not words:
        raise InvalidInput("give a name to check (letters or digits)")
    if limit < 1:
        raise InvalidInput("--limit must be at least 1")
    born = _born(date_of_birth)

    with svc.engine.connect() as conn:
        client_rows = conn.execute(
            select(col(Client.id), col(Client.name), col(Client.preferred_name), col(Matter.number))
            .outerjoin(Matter, col(Matter.client_id) == col(Client.id))
            .where(
                name_prefilter(
                    [col(Client.name_key), func.lower(col(Client.preferred_name))],
                    words,
                    col(Client.name_phonetic),
                )
            )
        ).all()
        party_rows = conn.execute(
            select(col(Party.name), col(Party.role), col(Matter.number))
            .join(Matter, col(Matter.id) == col(Party.matter_id))
            # Rows written without a name_key (older or hand-made) are ranked too.
            .where(
                or_(
                    name_prefilter([col(Party.name_key)], words, col(Party.name_phonetic)),
                    col(Party.name_key) == "",
                )
            )
        ).all()
        agency_rows = conn.execute(select(col(Agency.name))).all()
        by_phone = clients_with_phone(conn, phone) if phone else []
        by_birth = clients_born_on(conn, svc.cipher, born) if born else []
        ids = {cid for cid, _, _ in by_phone + by_birth}
        numbers: dict[int, list[str]] = {}
        if ids:
            for cid, number in conn.execute(
                select(col(Matter.client_id), col(Matter.number)).where(
                    col(Matter.client_id).in_(ids)
                )
            ):
                numbers.setdefault(cid, []).append(number)

    # Candidates as (name, where, matter) with the name forms to rank; a client is one
    # candidate per matter (or one with no matter yet).
    candidates: list[tuple[tuple[str, str, str | None], tuple[str, ...]]] = [
        ((row.name, "client", row.number), client_forms(row.name, row.preferred_name))
        for row in client_rows
    ]
    client_of = {(row.name, "client", row.number): row.id for row in client_rows}
    candidates += [((row.name, f"party:{row.role}", row.number), (row.name,)) for row in party_rows]
    candidates += [((row.name, "agency", None), (row.name,)) for row in agency_rows]
    found: dict[tuple[str, str, str | None], ConflictHit] = {}
    for ranked in rank(name, candidates):
        spelled = match_name(name, [ranked.matched], phonetic=False)
        reason = NAME if spelled is not None and spelled.score >= PHONETIC_SCORE else SOUNDS_LIKE
        found[ranked.item] = ConflictHit(
            *ranked.item,
            score=ranked.score,
            matched=ranked.matched,
            reason=reason,
            client_id=client_of.get(ranked.item),
        )

    def add(cid: int, who: str, score: float, why: str) -> None:
        matters: list[str | None] = list(numbers.get(cid, [])) or [None]
        for number in matters:
            key = (who, "client", number)
            old = found.get(key)
            if old is None:
                found[key] = ConflictHit(who, "client", number, score, who, why, cid)
            elif why not in old.reason:
                found[key] = ConflictHit(
                    who, "client", number, max(old.score, score), old.matched,
                    f"{old.reason}; {why}", cid,
                )  # fmt: skip

    for cid, who, _ in by_phone:
        add(cid, who, PHONE_SCORE, SAME_PHONE)
    for cid, who, preferred in by_birth:
        stored = [w for form in client_forms(who, preferred) for w in tokens(form)]
        if any(word_similarity(q, n) for q in words for n in stored):
            add(cid, who, BIRTH_SCORE, SAME_BIRTH_DATE)
    hits = sorted(found.values(), key=lambda h: (-h.score, h.where, h.name, h.matter or ""))
    return hits[:limit]


def conflicts_for_matter(svc: Services, client: str) -> list[ConflictHit]:
    """Before a new matter for an existing client: others who may be that client (a namesake
    client, a defendant, witness or opposing counsel elsewhere, the same phone, the same date
    of birth and part of the name); the client's own record and matters are left out."""
    return list(check_for_client(svc, client).hits)


@dataclass(frozen=True)
class ClientCheck:
    """A conflict check on an existing client: the client, what was compared, the hits (the
    client's own record and matters left out)."""

    client_id: int
    name: str
    by_phone: bool
    by_birth: bool
    hits: tuple[ConflictHit, ...]


def check_for_client(
    svc: Services, client: str | int, *, changes: dict[str, Any] | None = None
) -> ClientCheck:
    """The conflict check before a new matter for ``client`` (id, A-number or exact name), on
    their stored name, phone and date of birth, or on those in ``changes`` (the values the
    intake form is about to save: ``name``, ``phone``, ``date_of_birth``)."""
    from casekit.store import repo, sealed

    changes = changes or {}
    with svc.transaction() as session:
        row = repo.find_client(session=session, ref=str(client))
        # The date of birth (and a contact field the firm marked sensitive) is sealed at rest.
        opened = sealed.open_client(
            sealed.session_cipher(session), row, marked=sealed.session_marked(session)
        )
        own = int(row.id or 0)
        name = str(changes.get("name") or row.name)
        phone = str(changes["phone"] if "phone" in changes else opened.get("phone", row.phone))
        born = changes["date_of_birth"] if "date_of_birth" in changes else opened["date_of_birth"]
    hits = check_conflicts(svc, name, phone=phone, date_of_birth=born or None)
    return ClientCheck(
        client_id=own,
        name=name,
        by_phone=bool(phone_digits(phone)),
        by_birth=bool(born),
        hits=tuple(h for h in hits if not (h.where == "client" and h.client_id == own)),
    )


# --- the conflict log: what was checked at intake, and what the person decided ---------------

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
    tidy = " ".join((note or "").split())
    if len(tidy) > MAX_CLEARANCE:
        raise InvalidInput(f"the clearance note is longer than {MAX_CLEARANCE} characters")
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


def record_check_in(session: Any, svc: Services, matter_id: int, settled: Settled) -> int:
    """Append ``settled`` to the conflict log of ``matter_id`` inside the caller's transaction.

    The query, the hits and the note name people: they are sealed with the database's key,
    bound to the new row (a token copied elsewhere does not open). Returns the row's id.
    """
    import json

    from casekit.store import crypto, sealed
    from casekit.store.models import ConflictCheck

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
class LoggedCheck:
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

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["at"] = self.at.isoformat() if self.at else None
        data["hits"] = [h.to_dict() for h in self.hits]
        return data


def conflict_log(svc: Services, matter: str | int) -> list[LoggedCheck]:
    """The conflict checks recorded for ``matter`` (number or id), oldest first."""
    import json

    from sqlalchemy import select
    from sqlmodel import col

    from casekit.services.casefile import wall_time
    from casekit.store import crypto, repo, sealed
    from casekit.store.models import ConflictCheck

    with svc.transaction() as session:
        found = repo.find_matter(session=session, ref=matter)
        rows = session.scalars(
            select(ConflictCheck)
            .where(col(ConflictCheck.matter_id) == found.id)
            .order_by(col(ConflictCheck.id))
        ).all()
        cipher = sealed.session_cipher(session)
        out: list[LoggedCheck] = []
        for row in rows:
            assert row.id is not None

            def opened(column: str, token: str, row_id: int = row.id) -> str:
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
