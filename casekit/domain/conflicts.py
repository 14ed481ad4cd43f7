"""Conflict-check ranking: which stored names could be the person or entity the user typed.

A missed conflict (the firm already represents, or is suing, the caller's cousin under another
spelling) is worse than an extra line to read, so matching is generous: case, accents, punctuation
and word order are ignored, and each word may carry a typing mistake or two
(:func:`casekit.domain.text.typo_budget`). "Jose Nunez" finds "José Núñez" and "Núñez, José";
"jose nunes" finds him too, a little lower.

Scoring, for query words Q and name words N (both folded):

* every query word is paired with its best unused name word (:func:`token_similarity`);
* a query of one or two words must match all of them; a longer query may miss one (a middle name
  the client did not give at intake);
* ``score = 0.85 * mean(pair scores over Q) + 0.15 * (paired name words / len(N))``, so an exact
  full name outranks a longer name that merely contains the query;
* names run together or split differently ("Perezgomez" / "Pérez-Gómez") also match, through the
  concatenated forms (tried only when the words alone do not match);
* words that *sound* alike ("Muhammad" / "Mohammed", :func:`casekit.domain.phonetic.phonetic_key`)
  pair with :data:`PHONETIC_SCORE` when their spellings are further apart than a typo.

Pure: the store prefilters candidates (see :func:`required_matches` and
:func:`casekit.domain.text.typo_pieces`), this module ranks them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from casekit.domain.phonetic import phonetic_key
from casekit.domain.text import edit_distance, token_similarity, tokens, typo_budget

T = TypeVar("T")

MIN_SCORE = 0.6
"""Hits scoring below this are not shown."""

QUERY_WEIGHT = 0.85
"""Share of the score that measures how much of the query was found."""

PHONETIC_SCORE = 0.75
"""A word pair that sounds alike but is spelled further apart than a typo: below any spelling
match of a long word (a typo scores 1 - 1/len), above :data:`MIN_SCORE`."""


def word_similarity(query_token: str, name_token: str, *, phonetic: bool = True) -> float:
    """:func:`~casekit.domain.text.token_similarity`, or :data:`PHONETIC_SCORE` for words that
    sound alike (same non-empty phonetic key) when the spelling alone does not match."""
    score = token_similarity(query_token, name_token)
    if score or not phonetic:
        return score
    key = phonetic_key(query_token)
    return PHONETIC_SCORE if key and key == phonetic_key(name_token) else 0.0


@dataclass(frozen=True)
class NameMatch:
    """How well one stored name matches the query."""

    score: float
    matched: str
    """The stored form that matched (a client's legal or preferred name, an agency's name)."""


@dataclass(frozen=True)
class Ranked(Generic[T]):
    """A candidate that matched, with its score, best first in :func:`rank`'s result."""

    item: T
    score: float
    matched: str


def required_matches(query_word_count: int) -> int:
    """How many query words a name must contain for a hit (one may be missing from 3 words on)."""
    return query_word_count if query_word_count <= 2 else query_word_count - 1


def _pair_scores(
    query: Sequence[str], name: Sequence[str], *, phonetic: bool = True
) -> list[float]:
    """Greedy best-first pairing of query words with name words; one score per query word."""
    pairs = sorted(
        (
            (word_similarity(q, n, phonetic=phonetic), qi, ni)
            for qi, q in enumerate(query)
            for ni, n in enumerate(name)
        ),
        reverse=True,
    )
    scores = [0.0] * len(query)
    used_q: set[int] = set()
    used_n: set[int] = set()
    for score, qi, ni in pairs:
        if score <= 0.0:
            break
        if qi in used_q or ni in used_n:
            continue
        scores[qi] = score
        used_q.add(qi)
        used_n.add(ni)
    return scores


def _joined_score(query: Sequence[str], name: Sequence[str]) -> float:
    """Score of the words run together ("perezgomez" against "perez gomez")."""
    q, n = "".join(query), "".join(name)
    budget = typo_budget(q)
    distance = edit_distance(q, n, limit=budget)
    if distance > budget:
        return 0.0
    return 1.0 - distance / max(len(q), len(n))


def score_words(query: Sequence[str], name: Sequence[str], *, phonetic: bool = True) -> float:
    """Score folded query words against folded name words (0.0 = no hit).

    ``phonetic=False`` scores spelling alone (to tell a "sounds like" hit from a spelled one).
    """
    if not query or not name:
        return 0.0
    scores = _pair_scores(query, name, phonetic=phonetic)
    found = sum(1 for s in scores if s > 0.0)
    best = 0.0
    if found >= required_matches(len(query)):
        query_part = sum(scores) / len(query)
        name_part = min(found, len(name)) / len(name)
        best = QUERY_WEIGHT * query_part + (1 - QUERY_WEIGHT) * name_part
    if best < MIN_SCORE and (len(query) > 1 or len(name) > 1):
        best = _joined_score(query, name)
    return best


def _best_form(
    query_words: Sequence[str], forms: Iterable[str], *, phonetic: bool = True
) -> NameMatch | None:
    best: NameMatch | None = None
    for form in forms:
        if not form:
            continue
        score = score_words(query_words, tokens(form), phonetic=phonetic)
        if score >= MIN_SCORE and (best is None or score > best.score):
            best = NameMatch(score=round(score, 3), matched=form)
    return best


def match_name(query: str, forms: Iterable[str], *, phonetic: bool = True) -> NameMatch | None:
    """The best-matching form of one stored name, or ``None`` if no form reaches MIN_SCORE."""
    return _best_form(tokens(query), forms, phonetic=phonetic)


def rank(query: str, candidates: Iterable[tuple[T, Sequence[str]]]) -> list[Ranked[T]]:
    """Rank ``(item, name forms)`` candidates against ``query``, best first.

    Ties keep a stable, readable order (by the matched form). Candidates below
    :data:`MIN_SCORE` are left out.
    """
    query_words = tokens(query)
    if not query_words:
        return []
    hits: list[Ranked[T]] = []
    for item, forms in candidates:
        best = _best_form(query_words, forms)
        if best is not None:
            hits.append(Ranked(item=item, score=best.score, matched=best.matched))
    hits.sort(key=lambda hit: (-hit.score, hit.matched))
    return hits
