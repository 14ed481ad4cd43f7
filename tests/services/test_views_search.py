"""The matters list the TUI pages through: search, filters, totals and pages (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.services import casefile as views
from casekit.services import clients, matters
from casekit.services.base import AppContext
from casekit.services.casefile import matter_list

PEOPLE = [
    ("José Núñez", "Danbury", "Danbury Police Department"),
    ("Maria Nunez", "Hartford", "Hartford Police Department"),
    ("Ana Smith", "Danbury", "Danbury Police Department"),
    ("Luis Núñez-O'Brien", "Hartford", "Hartford Police Department"),
    ("Wei Chen", "Hartford", "Hartford Police Department"),
]


@pytest.fixture
def office(services: AppContext, today: date) -> dict[str, str]:
    """Five matters, opened in PEOPLE's order (the last is the newest)."""
    numbers: dict[str, str] = {}
    for name, town, agency in PEOPLE:
        client = clients.add_client(services, name=name)
        out = matters.add_matter(
            services,
            client=str(client.id),
            incident_date="2026-01-10",
            town=town,
            agency=agency,
            violations=["V1"],
        )
        numbers[name] = out.number
    return numbers


def names(page: views.MatterPage) -> list[str]:
    return [row.client for row in page.rows]


def test_search_is_accent_and_case_insensitive_newest_first(
    services: AppContext, office: dict[str, str]
) -> None:
    page = views.page_matters(services, query="NUNEZ")
    assert names(page) == ["Luis Núñez-O'Brien", "Maria Nunez", "José Núñez"]
    assert (page.total, page.offset, page.capped) == (3, 0, False)
    assert views.page_matters(services, query="núñ").total == 3  # two letters and up
    assert names(views.page_matters(services, query="chen")) == ["Wei Chen"]


def test_search_finds_numbers_towns_and_agencies(
    services: AppContext, office: dict[str, str]
) -> None:
    number = office["Ana Smith"]
    assert names(views.page_matters(services, query=number.lower())) == ["Ana Smith"]
    assert set(names(views.page_matters(services, query="danbury"))) == {
        "José Núñez",
        "Ana Smith",
    }
    row = views.page_matters(services, query="smith").rows[0]
    assert (row.number, row.town, row.agency) == (
        number,
        "Danbury",
        "Danbury Police Department",
    )


def test_search_pages_through_every_match_once(
    services: AppContext, office: dict[str, str]
) -> None:
    first = views.page_matters(services, query="nunez", limit=2)
    second = views.page_matters(services, query="nunez", limit=2, offset=2)
    assert names(first) == ["Luis Núñez-O'Brien", "Maria Nunez"]
    assert names(second) == ["José Núñez"]
    assert first.total == second.total == 3
    assert (first.offset, second.offset) == (0, 2)
    assert views.page_matters(services, query="nunez", limit=2, offset=4).rows == ()


def test_search_with_filters(services: AppContext, office: dict[str, str]) -> None:
    hartford = next(t.id for t in views.options(services).towns if t.label == "Hartford")
    page = views.page_matters(services, query="nunez", town=hartford, limit=1, offset=1)
    assert names(page) == ["Maria Nunez"] and page.total == 2 and page.offset == 1
    assert views.page_matters(services, query="nunez", status="closed").total == 0
    everyone_open = views.page_matters(services, status="intake")
    assert everyone_open.total == 5 and len(everyone_open.rows) == 5


def test_a_search_past_the_cap_says_so(
    services: AppContext, office: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matter_list, "SEARCH_CAP", 2)
    page = views.page_matters(services, query="a")  # every one of the five
    assert page.capped and page.total == 2 and len(page.rows) == 2


def test_nothing_matches(services: AppContext, office: dict[str, str]) -> None:
    page = views.page_matters(services, query="zzzz")
    assert page.rows == () and page.total == 0 and not page.capped


def test_a_page_without_counting(services: AppContext, office: dict[str, str]) -> None:
    first = views.page_matters(services, query="nunez", limit=2, count=False)
    assert names(first) == ["Luis Núñez-O'Brien", "Maria Nunez"]
    assert first.total is None and first.more
    last = views.page_matters(services, query="nunez", limit=2, offset=2, count=False)
    assert names(last) == ["José Núñez"] and not last.more and last.offset == 2
    # Filters are always counted (they need the matching ids anyway).
    hartford = next(t.id for t in views.options(services).towns if t.label == "Hartford")
    filtered = views.page_matters(services, query="nunez", town=hartford, count=False)
    assert filtered.total == 2 and not filtered.more
    assert views.page_matters(services, count=False).total == 5
