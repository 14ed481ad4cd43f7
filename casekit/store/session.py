"""Sessions: one transaction per use case, every change recorded in the audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Engine, event, inspect
from sqlalchemy.exc import DataError as SADataError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlalchemy.orm import ORMExecuteState, defer
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session as Session  # the session type services name (store re-exports it)

from casekit.errors import AccessDenied, ConflictError, InvalidInput
from casekit.store import audit, guard, sealed
from casekit.store.engine import busy_error
from casekit.store.office import hidden_columns

if TYPE_CHECKING:
    from casekit.store.crypto import Cipher

#: SQLSTATE insufficient_privilege: a missing GRANT, or a row-level security WITH CHECK.
INSUFFICIENT_PRIVILEGE = "42501"


def access_denied(exc: BaseException) -> AccessDenied | None:
    """The user-facing error for a PostgreSQL privilege refusal, or None for anything else.

    The message names the table or column (schema names, never row values).
    """
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return None
    diag = getattr(orig, "diag", None)
    detail = str(getattr(diag, "message_primary", "") or "").strip()
    if "row-level security" in detail:
        return AccessDenied(
            "that matter is restricted to its team (an ethical wall) and your database role "
            "is not on it; nothing was saved"
        )
    detail = detail.replace("permission denied for ", "")
    return AccessDenied(
        f"your database role is not allowed to do this ({detail[:80]}); nothing was saved"
    )


def _leave_out_hidden_columns(state: ORMExecuteState) -> None:
    """On PostgreSQL, load entities without the columns this role may not read.

    A paralegal's role has no SELECT on the sensitive client columns (casekit.store.office):
    loading a whole ``Client`` would fail. Those columns are deferred instead, so everything
    else works, and only reading one of them fails (with the privilege error).
    """
    if (
        not state.is_select
        or state.is_column_load
        or state.session.get_bind().dialect.name != "postgresql"
    ):
        return
    hidden_by_table: dict[str, frozenset[str]] | None = None
    options = []
    # Whole entities only: a statement that names its columns never asks for a hidden one.
    entities = [
        d["entity"]
        for d in getattr(state.statement, "column_descriptions", ())
        if d.get("entity") is not None and d.get("expr") is d.get("entity")
    ]
    for entity in entities:
        mapper = inspect(entity).mapper
        table = getattr(mapper.local_table, "name", None)
        if table is None:
            continue
        if hidden_by_table is None:
            hidden_by_table = hidden_columns(state.session.connection())
        for column in hidden_by_table.get(table, ()):
            prop = mapper.get_property_by_column(mapper.local_table.c[column])
            options.append(defer(getattr(mapper.class_, prop.key)))
    if options:
        state.statement = state.statement.options(*options)


def install_column_guard(session: Session) -> None:
    event.listen(session, "do_orm_execute", _leave_out_hidden_columns)


@contextmanager
def transaction(
    engine: Engine,
    *,
    actor: str,
    cipher: Cipher | None = None,
    notify: Callable[[str], None] | None = None,
) -> Iterator[Session]:
    """Yield a session inside one transaction: everything commits together or nothing does.

    Every ORM create, update and delete in it writes an ``AuditEvent`` by ``actor``
    (:mod:`casekit.store.audit`), and updates bump ``updated_at``. Plaintext assigned to a
    sealed client field is sealed before each flush (:mod:`casekit.store.sealed`) with
    ``cipher``; without one, the key is found and checked on first need
    (:func:`casekit.store.keys.resolve`; a new key's location goes to ``notify``).

    A stale ``version`` (someone else saved first) becomes a ``ConflictError``; a constraint
    violation becomes an ``InvalidInput``. Neither message contains row values. Any exception
    inside the block rolls everything back.
    """
    session = Session(engine, expire_on_commit=False)
    session.info["actor"] = actor
    if cipher is not None:
        session.info["cipher"] = cipher
    if notify is not None:
        session.info["notify"] = notify
    guard.install(session)  # before sealing: it checks what the user gave
    sealed.install(session)  # before the audit: it must see sealed values, never plaintext
    audit.install(session)
    install_column_guard(session)
    try:
        with session.begin():
            yield session
    except StaleDataError as exc:
        raise ConflictError(
            "someone else changed this record since you opened it; reload it and try again"
        ) from exc
    except SAIntegrityError as exc:
        raise InvalidInput(
            f"the database refused the change ({type(exc.orig).__name__}); nothing was saved"
        ) from exc
    except (SADataError, OverflowError) as exc:
        # A number too large for its column, text the database cannot hold: bad input, which
        # a parser should have caught first (never a row value in the message).
        raise InvalidInput(
            "a value is out of range or malformed for the database; nothing was saved"
        ) from exc
    except DBAPIError as exc:
        denied = access_denied(exc)
        if denied is not None:
            raise denied from exc
        busy = busy_error(exc)
        if busy is not None:
            raise busy from exc
        raise
    finally:
        session.close()
