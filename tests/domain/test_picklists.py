"""Did-you-mean for towns and substring match for agencies (table-driven, on the seed lists)."""

from __future__ import annotations

import csv
from functools import cache

import pytest

from casekit.domain import picklists
from casekit.resources import db_dir


@cache
def towns() -> tuple[str, ...]:
    with open(db_dir() / "seed" / "towns.csv", newline="", encoding="utf-8") as f:
        return tuple(row["town"] for row in csv.DictReader(f))


@cache
def agencies() -> tuple[str, ...]:
    with open(db_dir() / "seed" / "agencies.csv", newline="", encoding="utf-8") as f:
        return tuple(row["name"] for row in csv.DictReader(f))


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("Danbery", "Danbury"),
        ("Norwhich", "Norwich"),
        ("Hartfrd", "Hartford"),
        ("stamfrod", "Stamford"),
        ("new haven", "New Haven"),
        ("Bridgport", "Bridgeport"),
        ("WATERBURRY", "Waterbury"),
        ("Willimantic", None),  # not a town (a part of Windham): nothing close enough
    ],
)
def test_did_you_mean_a_town(typed: str, first: str | None) -> None:
    close = picklists.closest(typed, towns())
    if first is None:
        assert typed not in towns()
        return
    assert close[0] == first
    assert len(close) <= 3
    assert picklists.did_you_mean(typed, towns()).startswith(f' (did you mean "{first}"')


@pytest.mark.parametrize(
    ("typed", "expected", "at_least"),
    [
        ("Troop", "Connecticut State Police Troop A", 12),
        ("troop c", "Connecticut State Police Troop C", 1),
        ("groton", "Groton City Police Department", 3),
        ("police department danbury", "Danbury Police Department", 1),
        ("DÁNBURY", "Danbury Police Department", 1),
    ],
)
def test_agencies_by_any_part_of_the_name(typed: str, expected: str, at_least: int) -> None:
    found = picklists.containing(typed, agencies())
    assert found[0] == expected
    assert len(found) >= at_least
    assert all(all(w in n.lower() for w in typed.lower().split()) for n in found if typed.isascii())


def test_troop_lists_the_troops_before_the_resident_troopers() -> None:
    found = picklists.containing("Troop", agencies())
    troops = [n for n in found if n.startswith("Connecticut State Police Troop ")]
    assert found[: len(troops)] == troops and len(troops) >= 10


@pytest.mark.parametrize("typed", ["", "   ", "--"])
def test_nothing_typed_finds_nothing(typed: str) -> None:
    assert picklists.containing(typed, agencies()) == []
    assert picklists.closest(typed, towns()) == []
    assert picklists.did_you_mean(typed, towns()) == ""


def test_exact_ignores_case_and_accents() -> None:
    assert picklists.exact("hartford", towns()) == "Hartford"
    assert picklists.exact("Hartfrd", towns()) is None
