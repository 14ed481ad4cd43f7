"""A result record as plain JSON values: what the ``to_dict`` of the services' results return."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import Field, fields
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


class PlainResult:
    """A result dataclass whose ``to_dict`` is :func:`plain`: every field, as a plain value."""

    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def plain(
    record: DataclassInstance, *, leave_out: Collection[str] = (), **named: Any
) -> dict[str, Any]:
    """``record``'s fields in the order it declares them, each as a plain value: a date or a
    datetime in ISO form, a tuple a list, a dict a dict, a result its ``to_dict()``; ``None`` and
    other values as they are.

    ``leave_out`` names the fields the dict does not show; ``named`` gives keys their value as it
    is (in its field's place when a field has that name, after the fields otherwise).
    """
    data = {
        f.name: plain_value(getattr(record, f.name))
        for f in fields(record)
        if f.name not in leave_out
    }
    data.update(named)
    return data


def plain_value(value: Any) -> Any:
    """One value as :func:`plain` writes it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain_value(item) for item in value]
    if isinstance(value, dict):
        return {key: plain_value(item) for key, item in value.items()}
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return value
