"""Index-backed lookups: matter substring search, client name prefixes, open deadlines.

The indexes come from migration ``0003``. Callers pass text already folded with
``casekit.domain.text.fold`` (lower case, accents and punctuation removed), the same folding
the services store in ``matter.search_text`` and ``client.name_key``.

* SQLite: ``matter_fts`` (FTS5, trigram tokenizer) answers queries of 3 or more characters;
  shorter ones (no trigram to look up) scan with ``LIKE``.
* PostgreSQL: ``ILIKE '%...%'``, which the ``pg_trgm`` GIN index serves.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, literal_column, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session
from sqlmodel import col

from casekit.store.models import Client, Deadline, Matter

#: The FTS5 trigram tokenizer indexes three-character sequences: shorter queries cannot use it.
TRIGRAM = 3


def escape_like(value: str, escape: str = "\\") -> str:
    """``value`` with LIKE wildcards (``%``, ``_``) and the escape character escaped."""
    return value.replace(escape, escape * 2).replace("%", f"{escape}%").replace("_", f"{escape}_")


def _fts_phrase(value: str) -> str:
    # One FTS5 string (a phrase): double quotes doubled, so no query syntax is ever parsed.
    return '"' + value.replace('"', '""') + '"'


def search_matter_ids(session: Session, text: str, *, limit: int, offset: int = 0) -> list[int]:
    """Ids of matters whose ``search_text`` contains ``text``, newest (highest id) first.

    Args:
        session: any session on the casekit database.
        text: already folded search text; surrounding whitespace is ignored. Empty text
            matches every matter.
        limit: at most this many ids (a page).
        offset: ids to skip (the earlier pages).
    """
    needle = text.strip()
    # Core, not ORM: thousands of bare ids are read here per keystroke, and the ORM's per-row
    # loading cost several times the query itself.
    conn = session.connection()
    if conn.dialect.name == "sqlite" and len(needle) >= TRIGRAM:
        rows = conn.execute(
            sql(
                "SELECT rowid FROM matter_fts WHERE matter_fts MATCH :q "
                "ORDER BY rowid DESC LIMIT :limit OFFSET :offset"
            ),
            {"q": _fts_phrase(needle), "limit": limit, "offset": offset},
        )
        return list(rows.scalars().all())
    query = select(col(Matter.id)).order_by(col(Matter.id).desc()).limit(limit).offset(offset)
    if needle:
        query = query.where(col(Matter.search_text).like(f"%{escape_like(needle)}%", escape="\\"))
    return [id_ for id_ in conn.execute(query).scalars().all() if id_ is not None]


def client_ids_with_name_prefix(session: Session, prefix: str, *, limit: int) -> list[int]:
    """Ids of clients whose folded ``name_key`` starts with ``prefix``, by name_key.

    Served by ``ix_client_name_key_nocase`` (SQLite) or ``ix_client_name_key_prefix``
    (PostgreSQL). ``prefix`` must be folded like ``name_key``.
    """
    column = col(Client.name_key)
    pattern = f"{escape_like(prefix.strip())}%"
    if session.get_bind().dialect.name == "sqlite":
        # LIKE ignores case on SQLite: only the NOCASE index can serve it.
        nocase = column.collate("NOCASE")
        query = select(col(Client.id)).where(nocase.like(pattern, escape="\\")).order_by(nocase)
    else:
        query = select(col(Client.id)).where(column.like(pattern, escape="\\")).order_by(column)
    query = query.order_by(col(Client.id)).limit(limit)
    return [id_ for id_ in session.scalars(query) if id_ is not None]


def open_deadline() -> ColumnElement[bool]:
    """``deadline.status = 'open'`` as a literal, so ``ix_deadline_open_safe_target`` applies.

    A partial index serves only queries that imply its condition. PostgreSQL cannot prove that
    from a bound parameter once psycopg prepares the statement (generic plans, after five
    runs); SQLite manages but only by re-preparing. Use this instead of
    ``Deadline.status == "open"`` in agenda queries::

        select(Deadline).where(open_deadline(), Deadline.safe_target <= until)
    """
    return col(Deadline.status) == literal_column("'open'")
