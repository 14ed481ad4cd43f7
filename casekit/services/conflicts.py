"""Conflict check: every client, party and agency whose name could be the one given.

The database keeps only the names that could match (folded words, typo-tolerant ``LIKE``
pieces: :func:`casekit.store.repo.name_prefilter`); :mod:`casekit.domain.conflicts` ranks them.
With 100 k clients the prefilter leaves a few hundred rows, so the check stays interactive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from casekit.domain.conflicts import rank
from casekit.domain.text import tokens
from casekit.errors import InvalidInput
from casekit.services.base import Services

DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class ConflictHit:
    """One stored name that may be the person or entity checked.

    ``where`` is ``client``, ``party:<role>`` (defendant, plaintiff, witness, opposing_counsel)
    or ``agency``; ``matter`` is the matter number it belongs to (None for an agency or a client
    with no matter yet); ``matched`` is the stored form that matched (legal or preferred name).
    """

    name: str
    where: str
    matter: str | None
    score: float
    matched: str

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


def check_conflicts(svc: Services, name: str, *, limit: int = DEFAULT_LIMIT) -> list[ConflictHit]:
    """Clients, parties and agencies whose name may be ``name``, best match first."""
    from sqlalchemy import func, or_, select
    from sqlmodel import col

    from casekit.store.models import Agency, Client, Matter, Party
    from casekit.store.repo import name_prefilter

    words = tokens(name)
    if not words:
        raise InvalidInput("give a name to check (letters or digits)")
    if limit < 1:
        raise InvalidInput("--limit must be at least 1")

    with svc.engine.connect() as conn:
        client_rows = conn.execute(
            select(col(Client.name), col(Client.preferred_name), col(Matter.number))
            .outerjoin(Matter, col(Matter.client_id) == col(Client.id))
            .where(
                name_prefilter(
                    [col(Client.name_key), func.lower(col(Client.preferred_name))], words
                )
            )
        ).all()
        party_rows = conn.execute(
            select(col(Party.name), col(Party.role), col(Matter.number))
            .join(Matter, col(Matter.id) == col(Party.matter_id))
            # Rows written without a name_key (older or hand-made) are ranked too.
            .where(or_(name_prefilter([col(Party.name_key)], words), col(Party.name_key) == ""))
        ).all()
        agency_rows = conn.execute(select(col(Agency.name))).all()

    # Candidates as (name, where, matter) with the name forms to rank; a client is one
    # candidate per matter (or one with no matter yet).
    candidates: list[tuple[tuple[str, str, str | None], tuple[str, ...]]] = [
        ((row.name, "client", row.number), client_forms(row.name, row.preferred_name))
        for row in client_rows
    ]
    candidates += [((row.name, f"party:{row.role}", row.number), (row.name,)) for row in party_rows]
    candidates += [((row.name, "agency", None), (row.name,)) for row in agency_rows]
    hits = [
        ConflictHit(*ranked.item, score=ranked.score, matched=ranked.matched)
        for ranked in rank(name, candidates)
    ]
    hits.sort(key=lambda h: (-h.score, h.where, h.name, h.matter or ""))
    return hits[:limit]
