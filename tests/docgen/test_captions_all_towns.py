"""The caption's court for all 169 towns, read from the database as migrated (both databases)
and checked against towns.csv; one complaint per courthouse rendered and read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from casekit.docgen.context import build_context
from casekit.docgen.render import render_document
from casekit.resources import templates_dir
from casekit.store.seed import read_seed_csv
from tests.docgen.helpers import read_back
from tests.docgen.sample import EXTRA, FIRM, MATTERS, TODAY

AFTER = date(2026, 12, 4)
BEFORE = date(2025, 9, 15)  # before P.A. 25-91 moved six towns to the Litchfield J.D.


def _towns(services: Any) -> list[Any]:
    from casekit.services.reference import list_towns

    return list_towns(services)


def _caption_court(town: Any, day: date) -> dict[str, Any]:
    matter = replace(MATTERS["nunez"], incident_town=town)
    context = build_context("complaint", matter, FIRM, TODAY, "en", {**EXTRA, "filing_date": day})
    return dict(context["court"])


def test_every_towns_caption_court_comes_from_the_table(services: Any) -> None:
    table = {row["town"]: row for row in read_seed_csv("towns.csv")}
    stored = _towns(services)
    assert len(stored) == len(table) == 169
    for town in stored:
        row = table[town.name]
        court = _caption_court(town, AFTER)
        assert court["district"] == row["judicial_district"]
        assert court["court_town"] == row["jd_court_town"], town.name
        # Nothing descriptive leaks into "AT ...": no parenthesis, quote or street address.
        assert not set(court["court_town"]) & set("()',0123456789"), town.name
        assert court["address"] == row["jd_civil_courthouse_address"]
        before = _caption_court(town, BEFORE)
        assert before["district"] == row["judicial_district_before_2025_10_01"]
        if row["judicial_district_before_2025_10_01"] != row["judicial_district"]:
            # The old district's court sat in its own name town (Hartford, New Britain).
            assert before["court_town"] == row["judicial_district_before_2025_10_01"]


def test_one_complaint_per_courthouse_reads_back(services: Any, tmp_path: Path) -> None:
    first: dict[str, Any] = {}
    for town in _towns(services):
        first.setdefault(town.jd_court_town, town)
    assert len(first) == 13  # the thirteen judicial districts' civil courthouses
    for court_town, town in sorted(first.items()):
        matter = replace(MATTERS["nunez"], incident_town=town)
        context = build_context(
            "complaint", matter, FIRM, TODAY, "en", {**EXTRA, "filing_date": AFTER}
        )
        out = tmp_path / f"{town.name}.docx"
        render_document(templates_dir() / "complaint.docx", context, out)
        caption = read_back(out).tables[0]
        assert caption[1][2] == f"J.D. OF {town.judicial_district.upper()}"
        assert caption[2][2] == f"AT {court_town.upper()}"
