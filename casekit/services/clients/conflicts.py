"""The conflict check: every client, party and agency that could be the person or entity given.

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
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit import config
from casekit.domain.bounds import parse_day
from casekit.domain.conflicts import PHONETIC_SCORE, match_name, rank, word_similarity
from casekit.domain.text import tokens
from casekit.errors import InvalidInput
from casekit.services.base import AppContext
from casekit.services.plain import PlainResult
from casekit.store import repo, sealed
from casekit.store.repos import clients as client_rows

if TYPE_CHECKING:
    from casekit.store.crypto import Cipher
    from casekit.store.repos.clients import Connection

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
class ConflictHit(PlainResult):
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


def clients_with_phone(conn: Connection, phone: str) -> list[tuple[int, str, str]]:
    """``(client id, name, preferred name)`` of the clients whose phone is ``phone``.

    The one place the conflict check compares phone numbers: the database narrows by the last
    four digits, then the numbers are compared digit for digit.
    """
    wanted = phone_digits(phone)
    if not wanted:
        return []
    rows = client_rows.clients_by_phone_tail(session=conn, tail=wanted[-4:])
    return [(r[0], r[1], r[2]) for r in rows if phone_digits(r[3]) == wanted]


def clients_born_on(conn: Connection, cipher: Cipher, born: date) -> list[tuple[int, str, str]]:
    """``(client id, name, preferred name)`` of the clients born on ``born``.

    The one place the conflict check compares dates of birth: dates of birth are encrypted at
    rest, so it looks up the keyed hash ("blind index") of ``born`` and never needs a plaintext.
    """
    return client_rows.clients_by_birth_index(session=conn, cipher=cipher, born=born)


def _born(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return parse_day(value, config.today(), "the date of birth", echo=False)


def check_conflicts(
    svc: AppContext,
    name: str,
    *,
    limit: int = DEFAULT_LIMIT,
    phone: str = "",
    date_of_birth: date | str | None = None,
) -> list[ConflictHit]:
    """Clients, parties and agencies that may be ``name`` (or have its phone, or its date of
    birth and part of its name), best match first."""
    words = tokens(name)
    if not words:
        raise InvalidInput("give a name to check (letters or digits)")
    if limit < 1:
        raise InvalidInput("--limit must be at least 1")
    born = _born(date_of_birth)
    with svc.engine.connect() as conn:
        found = _by_name(
            name,
            client_rows.client_name_rows(session=conn, words=words),
            client_rows.party_name_rows(session=conn, words=words),
            client_rows.agency_names(session=conn),
        )
        by_phone = clients_with_phone(conn, phone) if phone else []
        by_birth = clients_born_on(conn, svc.cipher, born) if born else []
        ids = {cid for cid, _, _ in by_phone + by_birth}
        numbers = client_rows.matter_numbers_of(session=conn, client_ids=ids) if ids else {}
    for cid, who, _ in by_phone:
        _add_client_hit(found, numbers, (cid, who), PHONE_SCORE, SAME_PHONE)
    for cid, who, preferred in by_birth:
        stored = [w for form in client_forms(who, preferred) for w in tokens(form)]
        if any(word_similarity(q, n) for q in words for n in stored):
            _add_client_hit(found, numbers, (cid, who), BIRTH_SCORE, SAME_BIRTH_DATE)
    hits = sorted(found.values(), key=lambda h: (-h.score, h.where, h.name, h.matter or ""))
    return hits[:limit]


_Key = tuple[str, str, str | None]


def _by_name(
    name: str, client_rows_: Sequence[Any], party_rows: Sequence[Any], agencies: Sequence[str]
) -> dict[_Key, ConflictHit]:
    """The stored names ranked against ``name``: a client is one candidate per matter (or one
    with no matter yet)."""
    candidates: list[tuple[_Key, tuple[str, ...]]] = [
        ((row.name, "client", row.number), client_forms(row.name, row.preferred_name))
        for row in client_rows_
    ]
    client_of = {(row.name, "client", row.number): row.id for row in client_rows_}
    candidates += [((row.name, f"party:{row.role}", row.number), (row.name,)) for row in party_rows]
    candidates += [((agency, "agency", None), (agency,)) for agency in agencies]
    found: dict[_Key, ConflictHit] = {}
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
    return found


def _add_client_hit(
    found: dict[_Key, ConflictHit],
    numbers: dict[int, list[str]],
    client: tuple[int, str],
    score: float,
    why: str,
) -> None:
    """Add (or strengthen) the hit on a client found by phone or date of birth."""
    cid, who = client
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


def conflicts_for_matter(svc: AppContext, client: str) -> list[ConflictHit]:
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
    svc: AppContext, client: str | int, *, changes: dict[str, Any] | None = None
) -> ClientCheck:
    """The conflict check before a new matter for ``client`` (id, A-number or exact name), on
    their stored name, phone and date of birth, or on those in ``changes`` (the values the
    intake form is about to save: ``name``, ``phone``, ``date_of_birth``)."""
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
