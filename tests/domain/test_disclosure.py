"""Small-cell protection of the pattern report: primary and complementary suppression."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.domain.disclosure import VIEWS, Counts, protect


def counts_from(matters: list[tuple[int, str, str, str, tuple[str, ...]]]) -> Counts:
    """``(client, agency, town, year, codes)`` per matter → every view's cells (one incident
    per matter, as most are)."""
    cells: dict[str, Counter] = {v: Counter() for v in VIEWS}
    people: dict[str, dict] = {v: {} for v in VIEWS}

    def add(view: str, key: tuple[str, ...], client: int) -> None:
        cells[view][key] += 1
        people[view].setdefault(key, set()).add(client)

    for client, agency, town, year, codes in matters:
        add("agency", (agency,), client)
        add("town", (town,), client)
        add("agency,year", (agency, year), client)
        for code in codes:
            add("code", (code,), client)
            add("agency,code", (agency, code), client)
    return Counts(
        matters={v: dict(c) for v, c in cells.items()},
        clients={v: {k: len(s) for k, s in p.items()} for v, p in people.items()},
        total=len(matters),
        total_clients=len({m[0] for m in matters}),
        home_town={m[1]: m[2] for m in matters if m[1].endswith("PD")},
    )


def office(rows: list[tuple[str, str, str, tuple[str, ...], int]]) -> Counts:
    """``(agency, town, year, codes, how many)``: that many matters, each its own client."""
    out = []
    for agency, town, year, codes, n in rows:
        out += [(len(out) + i, agency, town, year, codes) for i in range(n)]
    return counts_from(out)


def test_primary_suppression_counts_clients_not_matters():
    # One client with three matters at Derby is still one person.
    counts = counts_from(
        [(1, "Derby PD", "Derby", "2026", ("V1",))] * 3
        + [(2 + i, "Hartford PD", "Hartford", "2026", ("V1",)) for i in range(5)]
    )
    p = protect(counts, 3)
    assert ("Derby PD",) in p.hidden["agency"] and ("Hartford PD",) not in p.hidden["agency"]
    assert p.primary["agency"] == 1


def test_a_single_hidden_cell_is_protected_by_a_complementary_one():
    # Hartford: 10 matters, 8 in 2025 and 2 in 2026. Showing 2025 = 8 next to Hartford = 10
    # would give 2026 = 2: the 2025 count is hidden too.
    counts = office(
        [
            ("Hartford PD", "Hartford", "2025", ("V1",), 8),
            ("Hartford PD", "Hartford", "2026", ("V1",), 2),
            ("Derby PD", "Derby", "2025", ("V2",), 6),
        ]
    )
    p = protect(counts, 3)
    assert p.hidden["agency,year"] == {("Hartford PD", "2026"), ("Hartford PD", "2025")}
    assert p.primary["agency,year"] == 1
    assert ("Hartford PD",) not in p.hidden["agency"]  # the total itself stays


def test_remainder_of_at_least_k_needs_no_complement():
    counts = office(
        [
            ("Hartford PD", "Hartford", "2025", ("V1",), 8),
            ("Hartford PD", "Hartford", "2026", ("V1",), 1),
            ("Hartford PD", "Hartford", "2024", ("V1",), 2),
            ("Derby PD", "Derby", "2025", ("V2",), 6),
        ]
    )
    p = protect(counts, 3)
    # Hidden 2026 (1) and 2024 (2): the remainder 11 - 8 = 3 says nothing below 3.
    assert ("Hartford PD", "2025") not in p.hidden["agency,year"]


def test_the_grand_total_cannot_reveal_a_small_agency():
    counts = office(
        [
            ("Hartford PD", "Hartford", "2025", ("V1",), 7),
            ("Derby PD", "Derby", "2025", ("V1",), 5),
            ("Avon PD", "Avon", "2025", ("V1",), 1),
        ]
    )
    p = protect(counts, 3)
    shown = p.shown("agency", counts)
    assert counts.total - sum(shown.values()) not in (1, 2)
    assert ("Derby PD",) in p.hidden["agency"]  # the smallest shown one covers Avon's 1
    assert not p.total_hidden


def test_a_hidden_agency_is_hidden_in_every_breakdown():
    counts = office(
        [
            ("Hartford PD", "Hartford", "2025", ("V1",), 7),
            ("Derby PD", "Derby", "2025", ("V1", "V2"), 5),
            ("Avon PD", "Avon", "2025", ("V1",), 1),
        ]
    )
    p = protect(counts, 3)
    assert not [k for k in p.shown("agency,code", counts) if k[0] == "Derby PD"]
    assert not [k for k in p.shown("agency,year", counts) if k[0] == "Derby PD"]


def test_a_town_is_hidden_when_it_differs_a_little_from_its_own_police():
    counts = office(
        [
            ("Hartford PD", "Hartford", "2025", ("V1",), 6),
            ("Troop H", "Hartford", "2025", ("V1",), 1),  # a trooper's matter in Hartford
            ("Derby PD", "Derby", "2025", ("V1",), 9),
        ]
    )
    p = protect(counts, 3)
    assert ("Hartford",) in p.hidden["town"]  # 7 - 6 would show the trooper's single matter
    assert ("Derby",) not in p.hidden["town"]


def test_a_tiny_office_shows_nothing():
    counts = office([("Hartford PD", "Hartford", "2025", ("V1",), 2)])
    p = protect(counts, 3)
    assert p.total_hidden
    assert all(not p.shown(v, counts) for v in VIEWS)


def test_min_cell_one_hides_nothing():
    counts = office([("Hartford PD", "Hartford", "2025", ("V1",), 1)])
    p = protect(counts, 1)
    assert all(not p.hidden[v] for v in VIEWS) and not p.total_hidden


AGENCIES = ["Hartford PD", "Derby PD", "Avon PD", "Troop H", "York CI"]
TOWN = {"Hartford PD": "Hartford", "Derby PD": "Derby", "Avon PD": "Avon"}
matter = st.tuples(
    st.integers(0, 40),  # client (some clients have several matters)
    st.sampled_from(AGENCIES),
    st.sampled_from(["Hartford", "Derby", "Avon", "Enfield"]),
    st.sampled_from(["2024", "2025", "2026"]),
    st.lists(st.sampled_from(["V1", "V2", "V3"]), min_size=1, max_size=2, unique=True),
).map(lambda m: (m[0], m[1], TOWN.get(m[1], m[2]), m[3], tuple(m[4])))


@settings(max_examples=300, deadline=None)
@given(st.lists(matter, max_size=60), st.integers(2, 5))
def test_no_published_total_reveals_a_small_count(matters, k):
    counts = counts_from(matters)
    p = protect(counts, k)
    shown = {v: p.shown(v, counts) for v in VIEWS}
    # 1. Every shown count stands for at least k clients.
    for view in VIEWS:
        for key in shown[view]:
            assert counts.clients[view][key] >= k
    # 2. A shown agency's breakdown by year leaves a remainder of 0 or at least k.
    for (agency,), total in shown["agency"].items():
        parts = sum(n for (a, _), n in shown["agency,year"].items() if a == agency)
        assert total - parts <= 0 or total - parts >= k
    # 3. The one-way views leave a remainder of 0 or at least k from the number of matters.
    if not p.total_hidden:
        for view in ("agency", "town"):
            rest = counts.total - sum(shown[view].values())
            assert rest <= 0 or rest >= k
    # 4. Nothing of a hidden agency shows in a breakdown.
    for (agency,) in p.hidden["agency"]:
        assert not [key for key in shown["agency,year"] if key[0] == agency]
