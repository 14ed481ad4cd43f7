"""Finding a reference name (a town, an agency) from what someone typed.

Two questions a form asks of a list of names:

* **did you mean** (:func:`closest`): the typed text names nothing in the list; which names are
  close to it? "Danbery" → "Danbury"; "New Haven Police" → "New Haven Police Department"
  (a name holding every word typed counts as close);
* **which names contain it** (:func:`containing`): "Troop" → every State Police troop, "groton"
  → both Groton departments. Every word typed must appear in the name, in any order.

Both compare folded forms (:func:`casekit.domain.text.fold`: case, accents and punctuation do
not matter). Pure functions, no I/O.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from casekit.domain.text import fold

#: How close a folded name must be to the folded text to be offered (difflib's ratio).
CUTOFF = 0.6


def _by_key(choices: Iterable[str]) -> dict[str, str]:
    by_key: dict[str, str] = {}
    for choice in choices:
        by_key.setdefault(fold(choice), choice)
    return by_key


def exact(text: str, choices: Iterable[str]) -> str | None:
    """The choice whose folded form is the folded ``text`` ("hartford" → "Hartford"), or None."""
    return _by_key(choices).get(fold(text))


def closest(text: str, choices: Iterable[str], *, limit: int = 3) -> list[str]:
    """Up to ``limit`` choices close to ``text``, closest first (``[]`` when none is).

    Spelling first (difflib's ratio on folded forms, at least :data:`CUTOFF`), then names that
    hold every word typed, in alphabetical order.
    """
    by_key = _by_key(choices)
    key = fold(text)
    if not key or limit < 1:
        return []
    close = difflib.get_close_matches(key, list(by_key), n=limit, cutoff=CUTOFF)
    if len(close) < limit:
        words = key.split()
        for candidate in sorted(by_key):
            if candidate not in close and all(w in candidate for w in words):
                close.append(candidate)
                if len(close) == limit:
                    break
    return [by_key[c] for c in close]


def _holds(key: str, parts: list[str], word: str) -> bool:
    """A word of three letters or more may be anywhere in the name; a shorter one ("c" in
    "troop c") must start one of its words, or every name would hold it."""
    if len(word) >= 3:
        return word in key
    return any(part.startswith(word) for part in parts)


def containing(text: str, choices: Iterable[str], *, limit: int | None = None) -> list[str]:
    """The choices holding every folded word of ``text`` (anywhere, in any order; a word of
    one or two letters must start a word of the name).

    Names holding more of the typed words as whole words come first ("troop c" lists "... Troop
    C" first), then shorter names before longer ("troop" lists "Connecticut State Police Troop
    A" before the resident troopers), alphabetical within a length. ``[]`` for empty text.
    """
    words = fold(text).split()
    if not words:
        return []
    found: list[tuple[int, int, str, str]] = []
    for key, name in _by_key(choices).items():
        parts = key.split()
        if all(_holds(key, parts, w) for w in words):
            whole = sum(1 for w in words if w in parts)
            found.append((-whole, len(parts), key, name))
    names = [name for *_, name in sorted(found)]
    return names if limit is None else names[:limit]


def did_you_mean(text: str, choices: Iterable[str], *, limit: int = 3) -> str:
    """``' (did you mean "A" or "B"?)'`` for :func:`closest`'s names, or ``''`` for none."""
    close = closest(text, choices, limit=limit)
    if not close:
        return ""
    quoted = [f'"{c}"' for c in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {listed}?)"
