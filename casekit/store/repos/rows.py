"""What the repositories share: one row by its id, or ``NotFound`` with the caller's words."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session

from casekit.errors import NotFound
from casekit.store.models.base import TableBase

_Row = TypeVar("_Row", bound=TableBase)


def row_by_id(session: Session, model: type[_Row], row_id: int, missing: str) -> _Row:
    """The ``model`` row with id ``row_id``; ``NotFound(missing)`` when there is none."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(missing)
    return row
