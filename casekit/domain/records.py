"""Building one record from another that names the same fields (a stored row, a list's row), and
a record's plain form (:class:`PlainRecord`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    values = {name: form(getattr(row, name)) for name, _, form in _typed(kind) if name not in named}
    return kind(**values, **named)


def from_values(
    kind: type[_Record],
    values: Sequence[object],
    read: Mapping[str, Callable[[Any], Any]] | None = None,
    **named: object,
) -> _Record:
    """Like :func:`from_row` for a row of plain values: ``values`` are the fields ``named`` does
    not give, in the order ``kind`` declares them. ``read`` maps a declared type (``"date"``) to
    how a value of it is read, where the source gives it in another form (SQLite hands dates
    back as text)."""
    wanted = [(name, declared, form) for name, declared, form in _typed(kind) if name not in named]
    converted = {
        name: (read.get(declared, form) if read else form)(value)
        for (name, declared, form), value in zip(wanted, values, strict=True)
    }
    return kind(**converted, **named)


def _text(value: Any) -> Any:
    return "" if value is None else value


def _tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def _same(value: Any) -> Any:
    return value


@cache
def _typed(kind: type[DataclassInstance]) -> tuple[tuple[str, str, Callable[[Any], Any]], ...]:
    """Each field's name, declared type (as text) and form."""
    out = []
    for f in fields(kind):
        # Annotations are text under ``from __future__ import annotations``, types otherwise.
        declared = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        out.append((f.name, declared, _form(declared)))
    return tuple(out)


def _form(declared: str) -> Callable[[Any], Any]:
    if declared == "str":
        return _text
    if declared == "bool":
        return bool
    if declared == "tuple" or declared.startswith("tuple["):
        return _tuple
    return _same
