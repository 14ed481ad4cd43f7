"""Building one record from another that names the same fields (a stored row, a list's row), and
a record's plain form (:class:`PlainRecord`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import Field, asdict, fields
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")


class PlainRecord:
    """A mix-in for a dataclass whose plain, JSON-ready form is its fields in order
    (:func:`dataclasses.asdict`): :meth:`to_dict`, what ``--json`` prints."""

    __slots__ = ()
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def from_fields(kind: type[_Record], row: object, **named: object) -> _Record:
    """A ``kind`` from the attributes of ``row`` that bear its field names; ``named`` gives the
    fields ``row`` calls otherwise or holds in another form (``receipt_evidence_id=...``)."""
    values = {f.name: getattr(row, f.name) for f in fields(kind) if f.name not in named}
    return kind(**values, **named)


def from_row(kind: type[_Record], row: object, **named: object) -> _Record:
    """Like :func:`from_fields`, with each value in the form the record declares: a text field
    the row leaves empty (``None``) is ``""``, a tuple field is a tuple of the row's list (empty
    for ``None``), a flag is a ``bool``; other values are copied as they are."""
    values = {name: form(getattr(row, name)) for name, form in _forms(kind) if name not in named}
    return kind(**values, **named)


def _text(value: Any) -> Any:
    return "" if value is None else value


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def _same(value: Any) -> Any:
    return value


@cache
def _forms(kind: type[DataclassInstance]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return tuple((f.name, _form(f)) for f in fields(kind))


def _form(f: Field[Any]) -> Callable[[Any], Any]:
    # Annotations are text under ``from __future__ import annotations``, types otherwise.
    declared = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
    if declared == "str":
        return _text
    if declared == "bool":
        return bool
    if declared == "tuple" or declared.startswith("tuple["):
        return _tuple
    return _same
