"""Repository functions: look-ups and inserts the use cases share.

Every function takes the session as the keyword-only ``session`` argument and leaves the
transaction to its caller. Messages never contain client data: a client is named by id, never by
name, date of birth or A-number. Reference names (towns, agencies) are public and are echoed, with
"did you mean …" suggestions.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select, update
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlmodel import Session, col

from casekit.domain import picklists
from casekit.domain.conflicts import required_matches
from casekit.domain.phonetic import phonetic_key
from casekit.domain.text import fold, typo_pieces
from casekit.errors import ConflictError, InvalidInput, NotFound
from casekit.store import sealed
from casekit.store.models import Agency, Client, Matter, Setting, Town, User
from casekit.store.office import last_matter_number
from casekit.store.repos.rows import row_by_id
from casekit.store.sealed import normalise_a_number

MATTER_PREFIX = "TA"
NUMBER_ATTEMPTS = 20


# --- suggestions --------------------------------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str], *, limit: int = 3) -> str:
    """``' (did you mean "A" or "B"?)'``, or ``''`` when nothing is close.

    Compares folded forms, so "danbery" suggests "Danbury" and "danbury police" suggests
    "Danbury Police Department" (:func:`casekit.domain.picklists.closest`).
    """

    return picklists.did_you_mean(word, choices, limit=limit)


# --- reference data -------------------------------------------------------------------------------


_Named = TypeVar("_Named", Town, Agency, User)


def _by_name(session: Session, model: type[_Named], name: str, what: str, listing: str) -> _Named:
    """The row of ``model`` whose name folds like ``name``; else InvalidInput with suggestions."""
    key = fold(name)
    rows = session.scalars(select(model)).all()
    for row in rows:
        if fold(row.name) == key:
            return row
    hint = did_you_mean(name, (r.name for r in rows)) or f" (see {listing})"
    raise InvalidInput(f"unknown {what} '{name.strip()[:80]}'{hint}")


def find_town(*, session: Session, name: str) -> Town:
    """The town called ``name`` (any case, accents or punctuation), or InvalidInput."""
    return _by_name(session, Town, name, "town", "casekit towns")


def find_agency(*, session: Session, name: str) -> Agency:
    """The agency called ``name`` (any case, accents or punctuation), or InvalidInput."""
    return _by_name(session, Agency, name, "agency", "casekit agencies")


def agency_kinds(*, session: Session) -> list[str]:
    """The kinds of agency in the reference table (municipal_police, state_police, ...)."""
    return list(session.scalars(select(col(Agency.kind)).distinct().order_by(col(Agency.kind))))


# --- clients ----------------------------------------------------------------------------------


def clients_by_a_number(*, session: Session, a_number: str) -> list[int]:
    """Ids of the clients with this A-number, compared by blind index (never plaintext)."""

    index = sealed.a_number_index(sealed.session_cipher(session), a_number)
    if index is None:
        return []
    return list(
        session.scalars(
            select(col(Client.id))
            .where(col(Client.a_number_bidx) == index)
            .order_by(col(Client.id))
        )
    )


def clients_by_date_of_birth(*, session: Session, date_of_birth: date) -> list[int]:
    """Ids of the clients born on ``date_of_birth``, compared by blind index."""

    index = sealed.date_of_birth_index(sealed.session_cipher(session), date_of_birth)
    return list(
        session.scalars(
            select(col(Client.id))
            .where(col(Client.date_of_birth_bidx) == index)
            .order_by(col(Client.id))
        )
    )


def looks_like_a_number(text: str) -> bool:
    """Whether ``text`` is written like an A-number ("A123456789", "A-123-456-789")."""

    return bool(re.fullmatch(r"A\d{9}", normalise_a_number(text))) and text.strip()[:1] in "Aa"


def find_client(*, session: Session, ref: str) -> Client:
    """The client whose id is ``ref``, whose A-number is ``ref`` (by blind index), or whose name
    folds to the same words.

    Several clients with one name: InvalidInput listing their ids (never their names).
    """
    text = ref.strip()
    if not text:
        raise InvalidInput("give a client id, A-number or name")
    if text.isdigit():
        missing = f"no client has id {text} (see casekit client list)"
        return row_by_id(session, Client, int(text), missing)
    if looks_like_a_number(text):
        found = clients_by_a_number(session=session, a_number=text)
        if not found:
            raise NotFound("no client has that A-number (see casekit client list)")
        if len(found) > 1:
            listed = ", ".join(str(i) for i in found[:10])
            raise InvalidInput(f"{len(found)} clients have that A-number (ids {listed})")
        return session.get_one(Client, found[0])
    ids = list(
        session.scalars(
            select(col(Client.id))
            .where(col(Client.name_key) == fold(text))
            .order_by(col(Client.id))
        )
    )
    if not ids:
        raise NotFound(
            "no client has that name (see casekit client list, or casekit conflicts NAME "
            "for similar spellings)"
        )
    if len(ids) > 1:
        listed = ", ".join(str(i) for i in ids[:10])
        raise InvalidInput(f"{len(ids)} clients have that name (ids {listed}): give the id")
    return session.get_one(Client, ids[0])


def name_prefilter(
    columns: Sequence[Any], query_words: Sequence[str], phonetic_column: Any = None
) -> ColumnElement[bool]:
    """A SQL condition keeping the rows whose names could match ``query_words``.

    Mirrors :func:`casekit.domain.conflicts.score_words`: each query word must appear in one of
    ``columns`` (folded or lower-cased text), allowing its typo budget (a word survives a typo
    in at least one of its :func:`~casekit.domain.text.typo_pieces`), or, with
    ``phonetic_column``, its phonetic key must be one of the row's (" mVhVmVd Vli "); a query of
    three or more words may miss one. Folded words and phonetic keys hold only letters and
    digits, so no LIKE escaping is needed.
    """

    per_word = []
    for word in query_words:
        tests = [column.like(f"%{piece}%") for column in columns for piece in typo_pieces(word)]
        key = phonetic_key(word) if phonetic_column is not None else ""
        if key:
            tests.append(phonetic_column.like(f"% {key} %"))
        per_word.append(or_(*tests))
    if not per_word:
        return false()
    needed = required_matches(len(per_word))
    if needed == len(per_word):
        return and_(*per_word)
    hits = functools.reduce(operator.add, (case((cond, 1), else_=0) for cond in per_word))
    return hits >= needed


# --- matters ----------------------------------------------------------------------------------


def get_matter(*, session: Session, number: str) -> Matter:
    """The matter with this number (``ta-2026-0001`` works too), or NotFound."""
    normal = number.strip().upper()
    matter = session.scalars(select(Matter).where(col(Matter.number) == normal)).first()
    if matter is None:
        raise NotFound(f"no matter {normal} (see casekit matter list)")
    return matter


def matter_id_of(*, session: Session, number: str | None) -> int | None:
    """The id of the matter with this number (NotFound if there is none); None for no number
    (a list of every matter's rows)."""
    return None if number is None else get_matter(session=session, number=number).id


def find_matter(*, session: Session, ref: str | int) -> Matter:
    """The matter with this id (an int, or digits) or number (``TA-2026-0001``), or NotFound."""
    if isinstance(ref, int) or str(ref).strip().isdigit():
        missing = f"no matter with id {int(ref)} (see casekit matter list)"
        return row_by_id(session, Matter, int(ref), missing)
    return get_matter(session=session, number=str(ref))


def next_matter_number(*, session: Session, year: int) -> str:
    """The next free ``TA-YYYY-NNNN`` for ``year`` (four digits, more after 9,999 matters)."""
    prefix = f"{MATTER_PREFIX}-{year:04d}-"
    # Behind an ethical wall (PostgreSQL) the newest number may belong to a matter this role
    # cannot see: a function that sees every number answers instead.

    available, walled_last = last_matter_number(session.connection(), prefix, prefix[:-1] + ".")
    if available:
        sequence = int(walled_last.rsplit("-", 1)[1]) + 1 if walled_last else 1
        return f"{prefix}{sequence:04d}"
    # A range, not LIKE: SQLite's LIKE ignores case and so cannot use the index on number.
    last = session.scalars(
        select(col(Matter.number))
        .where(col(Matter.number) >= prefix, col(Matter.number) < prefix[:-1] + ".")
        .order_by(func.length(col(Matter.number)).desc(), col(Matter.number).desc())
        .limit(1)
    ).first()
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def _successor(number: str) -> str:
    """``TA-2026-0007`` → ``TA-2026-0008`` ("" stays "", which sorts below every number)."""
    if not number:
        return ""
    prefix, sequence = number.rsplit("-", 1)
    return f"{prefix}-{int(sequence) + 1:04d}"


def add_numbered_matter(*, session: Session, year: int, build: Callable[[str], Matter]) -> Matter:
    """Insert the matter ``build(number)`` under the next free number for ``year``.

    Two intake workers may open matters at the same moment. The unique constraint on
    ``matter.number`` decides: on PostgreSQL the insert runs in a savepoint and a collision
    retries with the next number. On SQLite a savepoint opened before any write would commit
    early (pysqlite begins transactions only on DML), and SQLite has a single writer anyway, so
    the write lock is taken first (a no-op UPDATE) and nobody can take the number between the
    read and the insert.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(Matter.__table__).where(false()).values(number=Matter.number))  # type: ignore[attr-defined]
        matter = build(next_matter_number(session=session, year=year))
        session.add(matter)
        session.flush()
        return matter
    tried = ""
    for _ in range(NUMBER_ATTEMPTS):
        # Never below a number that already collided: an uncommitted insert by someone else
        # is invisible to the read, so each retry moves at least one past the last attempt.
        number = max(
            next_matter_number(session=session, year=year),
            _successor(tried),
            key=lambda n: (len(n), n),  # 4 digits sort as text; 10000 needs the length first
        )
        matter = build(number)
        try:
            with session.begin_nested():
                session.add(matter)
        except SAIntegrityError as exc:
            taken = session.scalars(select(col(Matter.id)).where(col(Matter.number) == number))
            if taken.first() is None and not _number_collision(exc):
                raise  # some other constraint: let the transaction report it
            tried = number
            continue
        return matter
    raise ConflictError("could not allocate a matter number (too many at once); try again")


def _number_collision(exc: SAIntegrityError) -> bool:
    """Whether the unique matter number refused the insert (the matter may be walled off)."""
    diag = getattr(exc.orig, "diag", None)
    return getattr(diag, "constraint_name", None) == "ix_matter_number"


# --- people and settings ------------------------------------------------------------------------


def find_user(*, session: Session, name: str) -> User:
    """The attorney or staff member called ``name`` (any case or accents), or InvalidInput."""
    return _by_name(session, User, name, "attorney", "casekit attorney list")


def settings_map(*, session: Session) -> dict[str, str]:
    """Every stored setting, key → value."""
    return {s.key: s.value for s in session.scalars(select(Setting))}


def put_setting(*, session: Session, key: str, value: str) -> Setting:
    """Create or change one setting (through the ORM, so the audit log sees it)."""
    setting = session.scalars(select(Setting).where(col(Setting.key) == key)).first()
    if setting is None:
        setting = Setting(key=key, value=value)
        session.add(setting)
    elif setting.value != value:
        setting.value = value
    session.flush()
    return setting
