"""Sessions: one transaction per use case, every change recorded in the audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from casekit.errors import ConflictError, InvalidInput
from casekit.store import audit, sealed

if TYPE_CHECKING:
    from casekit.store.crypto import Cipher


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
    sealed.install(session)  # first: the audit must see sealed values, never plaintext
    audit.install(session)
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
    finally:
        session.close()
