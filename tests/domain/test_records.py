"""casekit.domain.records: records built from rows naming the same fields."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from casekit.domain.records import PlainRecord, from_fields, from_row, from_values


@dataclass(frozen=True)
class _View:
    id: int
    name: str
    tags: tuple[str, ...]
    flag: bool
    note: str = ""


def test_from_row_puts_values_in_the_declared_form() -> None:
    row = SimpleNamespace(id=3, name=None, tags=["a", "b"], flag=None, note="kept")
    assert from_row(_View, row) == _View(3, "", ("a", "b"), False, "kept")
    assert from_row(_View, SimpleNamespace(id=1, name="x", tags=None, flag=1, note=None)) == _View(
        1, "x", (), True, ""
    )


def test_from_values_reads_a_plain_row_in_field_order() -> None:
    # The fields ``named`` leaves, in declared order, in the declared form; ``read`` by type.
    assert from_values(_View, (3, None, ["a"], 0), note="n") == _View(3, "", ("a",), False, "n")
    shout = {"str": str.upper}
    assert from_values(_View, (1, "x", None, 1, "y"), shout) == _View(1, "X", (), True, "Y")


def test_named_fields_are_taken_as_given() -> None:
    row = SimpleNamespace(id=3, name="n", tags=[], flag=True)
    assert from_row(_View, row, note=None).note is None
    assert from_fields(_View, SimpleNamespace(**vars(row), note=None)).note is None


def test_plain_record_is_its_fields_in_order() -> None:
    @dataclass(frozen=True)
    class Row(PlainRecord):
        b: str
        a: tuple[int, ...] = (1,)

    assert list(Row("x").to_dict().items()) == [("b", "x"), ("a", (1,))]
