"""Folding and typo-tolerant comparison of names (casekit.domain.text)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.domain.text import (
    and_join,
    at_most,
    edit_distance,
    fold,
    one_line,
    required_line,
    similarity,
    token_similarity,
    tokens,
    typo_budget,
    typo_pieces,
)
from casekit.errors import InvalidInput


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("José Núñez", "jose nunez"),
        ("  MARÍA   Pérez-Gómez ", "maria perez gomez"),
        ("Jean-Baptiste Joseph", "jean baptiste joseph"),
        ("Thiago Conceição", "thiago conceicao"),
        ("Nguyễn Văn Đức", "nguyen van duc"),
        ("Ouédraogo, Aminata", "ouedraogo aminata"),
        ("O'Brien", "obrien"),
        ("Straße", "strasse"),
        ("TA-2026-0001", "ta 2026 0001"),
        ("Smith & Jones <LLP>", "smith jones llp"),
        ("", ""),
        ("—", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@given(st.text())
def test_fold_is_idempotent_and_clean(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert all(ch.isalnum() or ch == " " for ch in once)


def test_tokens() -> None:
    assert tokens("Núñez, José") == ["nunez", "jose"]


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("nunez", "nunez", 0),
        ("nunez", "nunes", 1),
        ("jose", "jsoe", 1),  # a swap is one mistake
        ("perez", "peres", 1),
        ("", "abc", 3),
        ("kitten", "sitting", 3),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_distance(b, a) == distance


def test_edit_distance_stops_early_past_the_limit() -> None:
    assert edit_distance("abcdefgh", "zyxwvuts", limit=2) == 3
    assert edit_distance("nunez", "nunes", limit=1) == 1


def test_typo_budget_grows_with_length() -> None:
    assert [typo_budget(w) for w in ("ana", "jose", "martinez", "guadalupes")] == [0, 1, 1, 2]


def test_token_similarity() -> None:
    assert token_similarity("nunez", "nunez") == 1.0
    assert 0.7 < token_similarity("nunes", "nunez") < 1.0
    assert token_similarity("ana", "eva") == 0.0  # short words must match exactly
    assert token_similarity("guad", "guadalupe") == 0.8  # a typed beginning
    assert token_similarity("nunez", "martinez") == 0.0


def test_similarity_ignores_case_accents_and_punctuation() -> None:
    assert similarity("José Núñez", "JOSE NUNEZ") == 1.0
    assert similarity("", "") == 1.0
    assert similarity("abc", "xyz") == 0.0


@given(st.text(alphabet="abcdefghij", min_size=1, max_size=14), st.data())
def test_a_typo_within_budget_leaves_a_piece_intact(word: str, data: st.DataObject) -> None:
    """The SQL prefilter relies on this: one of the pieces survives every allowed typo."""
    budget = typo_budget(word)
    typo = word
    for _ in range(budget):
        position = data.draw(st.integers(0, max(len(typo) - 1, 0)))
        action = data.draw(st.sampled_from(["sub", "del", "ins"]))
        if action == "sub" and typo:
            typo = typo[:position] + "z" + typo[position + 1 :]
        elif action == "del" and len(typo) > 1:
            typo = typo[:position] + typo[position + 1 :]
        else:
            typo = typo[:position] + "y" + typo[position:]
    assert any(piece in typo for piece in typo_pieces(word))


def test_at_most_keeps_text_within_the_limit_and_names_what_is_too_long() -> None:
    assert at_most("abc", 3, "the note") == "abc"
    with pytest.raises(InvalidInput, match="^the note is longer than 2 characters$"):
        at_most("abc", 2, "the note")


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (None, ""),
        ("", ""),
        (" \t\n ", ""),
        ("snow storm", "snow storm"),
        ("  snow\n\n storm\t", "snow storm"),
        ("Governor's\r\norder:  closed", "Governor's order: closed"),
        ("no\u00a0break", "no break"),  # every Unicode space, as str.split sees it
    ],
)
def test_one_line(raw: str | None, line: str) -> None:
    assert one_line(raw) == line


@given(st.text() | st.none())
def test_one_line_is_idempotent_and_single_spaced(text: str | None) -> None:
    line = one_line(text)
    assert one_line(line) == line
    assert line == line.strip()
    assert "  " not in line
    assert not any(ch.isspace() and ch != " " for ch in line)


@pytest.mark.parametrize(
    ("raw", "outcome"),
    [
        (" snow\n storm ", "snow storm"),
        ("abcdefghij", "abcdefghij"),  # exactly the limit
        (None, "give the reason"),
        ("", "give the reason"),
        (" \n ", "give the reason"),
        ("abcdefghijk", "the reason is longer than 10 characters"),
        ("a    b\n\n c    d", "a b c d"),  # the limit counts the text on one line
    ],
)
def test_required_line(raw: str | None, outcome: str) -> None:
    if outcome.startswith(("give", "the reason is")):
        with pytest.raises(InvalidInput) as caught:
            required_line(raw, 10, "the reason", missing="give the reason")
        assert caught.value.message == outcome
    else:
        assert required_line(raw, 10, "the reason", missing="give the reason") == outcome


def test_and_join() -> None:
    assert and_join([]) == ""
    assert and_join(["a"]) == "a"
    assert and_join(("a", "b")) == "a and b"
    assert and_join(["a", "b", "c"], "y") == "a, b y c"
