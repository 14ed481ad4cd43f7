"""Ranking names for the conflict check (casekit.domain.conflicts)."""

from __future__ import annotations

from casekit.domain.conflicts import MIN_SCORE, match_name, rank, required_matches, score_words

NAMES = [
    "José Núñez",
    "Núñez, José",
    "José Núñez Pérez",
    "Jose Martinez",
    "Josefina Nunez",
    "María Pérez-Gómez",
    "Jean-Baptiste Joseph",
    "Town of Danbury",
]


def ranked(query: str) -> list[tuple[str, float]]:
    return [(hit.matched, hit.score) for hit in rank(query, [(n, (n,)) for n in NAMES])]


def test_exact_name_without_accents_finds_the_accented_one() -> None:
    hits = ranked("Jose Nunez")
    assert hits[0] == ("José Núñez", 1.0)
    assert ("Núñez, José", 1.0) in hits  # word order and punctuation do not matter


def test_a_typo_still_finds_the_name_a_little_lower() -> None:
    hits = dict(ranked("jose nunes"))
    assert MIN_SCORE <= hits["José Núñez"] < 1.0
    assert "Jose Martinez" not in hits


def test_swapped_letters_count_as_one_typo() -> None:
    assert "José Núñez" in dict(ranked("jsoe nunez"))


def test_longer_names_rank_below_the_exact_one() -> None:
    hits = dict(ranked("jose nunez"))
    assert hits["José Núñez"] > hits["José Núñez Pérez"] > MIN_SCORE


def test_two_word_query_needs_both_words() -> None:
    assert "Jose Martinez" not in dict(ranked("Jose Nunez"))


def test_three_word_query_may_miss_one() -> None:
    assert required_matches(3) == 2
    assert "María Pérez-Gómez" in dict(ranked("Maria Perez Gomez"))
    assert "José Núñez" in dict(ranked("Jose Antonio Nunez"))


def test_hyphenated_and_run_together_names() -> None:
    assert "Jean-Baptiste Joseph" in dict(ranked("Jean Baptiste"))
    assert score_words(["perezgomez"], ["perez", "gomez"]) >= MIN_SCORE


def test_no_hit_for_an_unrelated_name() -> None:
    assert ranked("Kwame Mensah") == []
    assert ranked("") == []
    assert ranked("--") == []


def test_match_name_reports_the_form_that_matched() -> None:
    match = match_name("Pepe Nunez", ["José Núñez", "Pepe Núñez"])
    assert match is not None
    assert match.matched == "Pepe Núñez"
    assert match.score == 1.0
    assert match_name("Kwame", ["José Núñez"]) is None


def test_rank_orders_best_first_then_by_name() -> None:
    hits = rank("nunez", [(1, ("Zoe Nunez",)), (2, ("Ana Nunez",)), (3, ("Ana Nunes Lima",))])
    assert [h.item for h in hits] == [2, 1, 3]
