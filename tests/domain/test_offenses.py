"""Felony-class lookup and the 2025 offense list."""

from __future__ import annotations

import csv
from collections import Counter
from importlib.resources import files

import pytest

from casekit.domain import offenses
from casekit.domain.lawpack import default_pack
from casekit.domain.model import CONFIDENCES


def test_felony_table_matches_its_sources_note():
    # Counts from refdata/FELONIES_SOURCES.md ("CSV contents").
    table = default_pack().felonies
    assert len(table) == 35
    classes = Counter(offenses.classify(row.felony_class) for row in table.values())
    # "B or A" reads A or B either way; "C or B" and "D / C / B" cross the B/C line
    assert classes == {"a_or_b": 29, "conditional": 3, "unclassified": 3}
    plain = Counter(row.felony_class for row in table.values())
    assert (plain["A"], plain["B"], plain["B or A"], plain["C or B"]) == (10, 16, 3, 2)
    confidence = Counter(row.confidence for row in table.values())
    assert confidence == {"confirmed": 29, "secondary": 5, "unverified": 1}
    assert all(row.confidence in CONFIDENCES and row.source for row in table.values())


def test_2025_list_has_the_thirteen_likely_sections():
    listed = default_pack().offenses_2025
    assert sorted(listed) == sorted(
        [
            "53a-71",
            "53a-72a",
            "53a-72b",
            "53-21",
            "53a-64aa",
            "53a-64bb",
            "53a-102a",
            "53a-103a",
            "53a-196e",
            "53a-196f",
            "53a-223",
            "53a-223a",
            "53a-60",
        ]
    )
    assert {row.confidence for row in listed.values()} == {"unverified"}
    assert default_pack().offenses_2025_confidence == "secondary"
    text = files("casekit.domain").joinpath("data", "offenses_2025.csv").read_text("utf-8")
    assert list(csv.DictReader(text.splitlines()))[0].keys() == {
        "section",
        "offense_name",
        "category",
        "confidence",
    }


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("53a-101", "53a-101"),
        ("§ 53a-101", "53a-101"),
        ("C.G.S. 53A-101 (a)(1)", "53a-101(a)(1)"),
        ("Conn. Gen. Stat. § 53-21(a)(2)", "53-21(a)(2)"),
        ("  ", ""),
    ],
)
def test_normalize_section(typed, normalized):
    assert offenses.normalize_section(typed) == normalized


@pytest.mark.parametrize(
    ("section", "status", "felony_class", "on_list"),
    [
        ("53a-101", offenses.CLASS_A_OR_B, "B", False),
        ("53a-101(a)(1)", offenses.CLASS_A_OR_B, "B", False),  # parent section matches
        ("53a-54a", offenses.CLASS_A_OR_B, "A", False),
        ("53a-70", offenses.CLASS_A_OR_B, "B or A", False),
        ("53a-71", offenses.CLASS_CONDITIONAL, "C or B", True),
        ("53a-90a", offenses.CLASS_CONDITIONAL, "D / C / B (escalating)", False),
        ("53a-54d", offenses.CLASS_UNCLASSIFIED, "unclassified", False),
        ("21a-278(a)", offenses.CLASS_UNCLASSIFIED, "unclassified", False),
        ("53-21(a)(2)", offenses.CLASS_A_OR_B, "B", True),
        ("53-21", offenses.CLASS_NOT_IN_TABLE, None, True),  # bare section: subsections differ
        ("53-21(a)(1)", offenses.CLASS_NOT_IN_TABLE, None, True),
        ("53a-60", offenses.CLASS_NOT_IN_TABLE, None, True),
        ("53a-125b", offenses.CLASS_NOT_IN_TABLE, None, False),
    ],
)
def test_lookup(section, status, felony_class, on_list):
    found = offenses.lookup(section)
    assert found.class_status == status
    assert found.felony_class == felony_class
    assert found.on_2025_list is on_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A", "a_or_b"),
        ("b", "a_or_b"),
        ("B or A", "a_or_b"),  # every reading qualifies
        ("B -> A (raised)", "a_or_b"),
        ("C or B", "conditional"),  # readings across the B/C line
        ("D / C / B (escalating)", "conditional"),
        ("C", "below_b"),
        ("D or E", "below_b"),
        ("unclassified", "unclassified"),
    ],
)
def test_classify(text, expected):
    assert offenses.classify(text) == expected
