"""Sessions: one transaction per use case, the acting user recorded for the audit log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError as SAIntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from casekit.errors import ConflictError, InvalidInput


@contextmanager
def transaction(engine: Engine, *, actor: str) -> Iterator[Session]:
    """Yield a session inside one transaction: everything commits together or nothing does.

    A stale ``version`` (someone else saved first) becomes a ``ConflictError``; a constraint
    violation becomes an ``InvalidInput``. Neither message contains row values.
    """
    session = Session(engine, expire_on_commit=False)
    session.info["actor"] = actor
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
