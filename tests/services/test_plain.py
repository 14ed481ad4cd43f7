"""casekit.services.plain: a result record as plain JSON values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from casekit.services.plain import PlainResult, plain


@dataclass(frozen=True)
class _Inner:
    code: str

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.upper()}


@dataclass(frozen=True)
class _Record:
    id: int
    on: date | None
    at: datetime
    names: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    inner: _Inner | None
    inners: tuple[_Inner, ...]
    extra: dict[str, Any] = field(default_factory=dict)


def _record(**changes: Any) -> _Record:
    values: dict[str, Any] = {
        "id": 7,
        "on": date(2026, 1, 2),
        "at": datetime(2026, 1, 2, 9, 30),
        "names": ("a", "b"),
        "pairs": (("x", "y"),),
        "inner": _Inner("v1"),
        "inners": (_Inner("e1"),),
        "extra": {"when": date(2026, 3, 4), "seen": ("p",)},
    }
    return _Record(**(values | changes))


def test_each_field_as_a_plain_value_in_declared_order() -> None:
    data = plain(_record())

    assert list(data) == ["id", "on", "at", "names", "pairs", "inner", "inners", "extra"]
    assert data == {
        "id": 7,
        "on": "2026-01-02",
        "at": "2026-01-02T09:30:00",
        "names": ["a", "b"],
        "pairs": [["x", "y"]],
        "inner": {"code": "V1"},
        "inners": [{"code": "E1"}],
        "extra": {"when": "2026-03-04", "seen": ["p"]},
    }


def test_none_stays_none() -> None:
    data = plain(_record(on=None, inner=None))

    assert data["on"] is None
    assert data["inner"] is None


def test_leave_out_and_named_values() -> None:
    data = plain(_record(), leave_out=("pairs", "inners", "extra"), id="seven", note="added")

    assert list(data) == ["id", "on", "at", "names", "inner", "note"]
    assert data["id"] == "seven"
    assert data["note"] == "added"


@dataclass(frozen=True)
class _Result(PlainResult):
    on: date
    names: tuple[str, ...] = ()


def test_a_plain_result_is_its_fields_as_plain_values() -> None:
    assert _Result(date(2026, 5, 6), ("x",)).to_dict() == {"on": "2026-05-06", "names": ["x"]}
