"""Building one record from another that names the same fields (a stored row, a list's row)."""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")


def from_fields(kind: type[_Record], row: object, **named: object) -> _Record:
    """A ``kind`` from the attributes of ``row`` that bear its field names; ``named`` gives the
    fields ``row`` calls otherwise or holds in another form (``receipt_evidence_id=...``)."""
    values = {f.name: getattr(row, f.name) for f in fields(kind) if f.name not in named}
    return kind(**values, **named)
