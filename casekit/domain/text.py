"""Folding and fuzzy comparison of names, for conflict checks and search.

Names reach casekit typed by a paralegal on the phone, copied from a booking sheet, or spelled by
the client in another alphabet's transliteration: "José Núñez", "JOSE NUNEZ", "Jose Nunes". Every
comparison therefore works on the *folded* form (:func:`fold`) and tolerates a small number of
typing mistakes per word (:func:`typo_budget`).

It also holds the text rules input shares: a field on one line (:func:`one_line`), a length
limit (:func:`at_most`) and both with "not empty" (:func:`required_line`), written once so every
field gives the same messages.

Pure functions: no I/O, no database, nothing from other casekit layers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from casekit.errors import InvalidInput

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL_LETTERS = str.maketrans(
    {
        "đ": "d",  # Vietnamese (Đặng) and South Slavic
        "ð": "d",
        "ł": "l",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ı": "i",  # dotless i (Turkish)
        "ħ": "h",
        "ŧ": "t",
    }
)
# Apostrophes join a name ("O'Brien" is one word); every other punctuation mark separates words
# ("Jean-Baptiste", "Pérez-Gómez").
_DROP_APOSTROPHES = str.maketrans(dict.fromkeys("'’ʼ‘`´"))
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_ASCII_SEPARATORS = re.compile("[^a-z0-9]+")


def and_join(items: Sequence[str], word: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``: items in a sentence, ``word`` before the last."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def at_most(text: str, most: int, what: str) -> str:
    """``text`` as it is, or InvalidInput ("<what> is longer than <most> characters")."""
    if len(text) > most:
        raise InvalidInput(f"{what} is longer than {most} characters")
    return text


def one_line(text: str | None) -> str:
    """``text`` on one line: each run of whitespace (newlines, tabs, spaces) one space, none at
    either end; ``None`` is ``""``.

    >>> one_line("  snow   storm ")
    'snow storm'
    """
    return " ".join((text or "").split())


def required_line(text: str | None, most: int, what: str, *, missing: str) -> str:
    """``text`` on one line (:func:`one_line`); InvalidInput(``missing``) when that leaves
    nothing, and :func:`at_most`'s when it is longer than ``most`` characters."""
    line = one_line(text)
    if not line:
        raise InvalidInput(missing)
    return at_most(line, most, what)


def fold(text: str) -> str:
    """Lower-case, strip accents, drop punctuation and collapse whitespace.

    >>> fold("  María  Pérez-Gómez ")
    'maria perez gomez'
    >>> fold("Nguyễn Văn Đức")
    'nguyen van duc'
    >>> fold("O'Brien")
    'obrien'
    """
    lowered = text.casefold().translate(_DROP_APOSTROPHES)
    if not lowered.isascii():
        # NFKD maps compatibility letters to plain ones that may be capitals ("𝘼" -> "A"), so
        # fold case again after it; the second NFKD decomposes what that case fold produced.
        decomposed = unicodedata.normalize("NFKD", lowered).casefold()
        decomposed = unicodedata.normalize("NFKD", decomposed).translate(_SPECIAL_LETTERS)
        lowered = _COMBINING_MARKS.sub("", decomposed.translate(_DROP_APOSTROPHES))
    if lowered.isascii():  # the common case, without a loop over characters
        return one_line(_ASCII_SEPARATORS.sub(" ", lowered))
    chars: list[str] = []
    for ch in lowered:
        category = unicodedata.category(ch)
        if category.startswith("M"):  # combining marks outside the common block
            continue
        chars.append(ch if category[0] in "LN" else " ")
    return one_line("".join(chars))


def tokens(text: str) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()


def typo_budget(token: str) -> int:
    """How many typing mistakes a word of this length may carry and still match.

    Words of three letters or fewer must match exactly (otherwise "Ana" would find "Eva"); four
    to eight letters allow one mistake, nine or more allow two. The budget follows the word the
    user typed, so the database prefilter (:func:`typo_pieces`) and the ranking agree.
    """
    n = len(token)
    if n <= 3:
        return 0
    if n <= 8:
        return 1
    return 2


def edit_distance(a: str, b: str, *, limit: int | None = None) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, swaps.

    With ``limit``, the computation stops early and returns ``limit + 1`` as soon as the distance
    is known to exceed it (the common case when ranking thousands of names).
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if limit is not None and min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def similarity(a: str, b: str) -> float:
    """1.0 for identical folded strings, falling towards 0.0 as they differ."""
    fa, fb = fold(a), fold(b)
    if not fa and not fb:
        return 1.0
    return 1.0 - edit_distance(fa, fb) / max(len(fa), len(fb))


@lru_cache(maxsize=1 << 16)
def token_similarity(query_token: str, name_token: str) -> float:
    """How well one folded query word matches one folded name word (0.0 = not at all).

    Within the typo budget the score is ``1 - distance / length``; a query word of four letters
    or more that starts the name word ("Guad" for "Guadalupe") scores 0.8. Cached: names repeat
    a small vocabulary, so a conflict check over thousands of rows computes few distances.
    """
    if query_token == name_token:
        return 1.0
    budget = typo_budget(query_token)
    if budget:
        distance = edit_distance(query_token, name_token, limit=budget)
        if distance <= budget:
            return 1.0 - distance / max(len(query_token), len(name_token))
    if len(query_token) >= 4 and name_token.startswith(query_token):
        return 0.8
    return 0.0


def typo_pieces(token: str) -> list[str]:
    """Substrings of which at least one survives in any spelling within the typo budget.

    Splitting a word into ``budget + 1`` pieces guarantees (pigeonhole) that a misspelling with
    at most ``budget`` mistakes leaves one piece intact, so a database can prefilter candidates
    with ``LIKE '%piece%'`` and never miss a match the ranking would accept.
    """
    parts = typo_budget(token) + 1
    if parts == 1:
        return [token]
    size, extra = divmod(len(token), parts)
    pieces: list[str] = []
    start = 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        pieces.append(token[start:end])
        start = end
    return pieces
