"""A phonetic key for names: "Muhammad" and "Mohammed" sound alike and get the same key.

The conflict check (:mod:`casekit.domain.conflicts`) already forgives a typo or two, but
transliterated names differ by more than typos: Muhammad / Mohammed / Mohamed, Hussein /
Husain, Yusuf / Youssef, Gonzalez / Gonzales, Vasquez / Vazquez, Jeffrey / Geoffrey. The key
written here keeps what such spellings share and drops what they vary:

* the word is folded (no accents, lower case) and doubled letters count once;
* spellings of one sound become one symbol: ``ph``→f, ``th``→t, ``kh``→h, ``ck``/``q``/hard
  ``c``→k, soft ``c``→s, soft ``g``→j, ``z``→s, ``v``→b (Spanish b/v), ``x``→ks, ``ch``→C,
  ``sh``/``sch``→S; the silent ``u`` of ``gue``/``gui``/``que``/``qui`` is dropped;
* an ``h`` that no vowel follows is silent (Sarah, John, Ahmed);
* each run of vowels inside the word is one placeholder ``V`` (the vowels are what
  transliterations disagree on), but the vowels that *end* the word are kept as written
  (``y`` read as ``i``): Maria and Mario, Daniel and Daniela, García and Garza stay apart.

Designed for recall, like the rest of the conflict check: a phonetic hit is shown with a lower
score than a spelling hit, and a person reads it. Keys are stored with each client and party
(``name_phonetic``) so the database can find them; changing the algorithm means recomputing
those columns (a migration).

Pure: no I/O, nothing from other casekit layers but :mod:`casekit.domain.text`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from casekit.domain.text import fold

_VOWELS = frozenset("aeiou")
_SOFT = frozenset("eiy")
# Multi-letter spellings of one sound, longest first (applied in this order).
_DIGRAPHS = (
    ("sch", "S"),
    ("chr", "kr"),
    ("ch", "C"),
    ("sh", "S"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "h"),
    ("gh", "g"),
    ("ck", "k"),
    ("dj", "j"),
)
_DOUBLES = re.compile(r"(.)\1+")


def _is_vowel(word: str, i: int) -> bool:
    """Whether ``word[i]`` is sounded as a vowel (``y`` is, unless it starts a syllable)."""
    ch = word[i]
    if ch in _VOWELS or ch == "w":
        return True
    if ch != "y":
        return False
    after = word[i + 1] if i + 1 < len(word) else ""
    before = word[i - 1] if i else ""
    # "Yusuf", "Maya": a y before a vowel, at the start or after a vowel, is a consonant.
    return not (after in _VOWELS and (i == 0 or before in _VOWELS))


@lru_cache(maxsize=1 << 15)
def phonetic_key(word: str) -> str:
    """The phonetic key of one word ("" for a word with no letters).

    >>> phonetic_key("Muhammad") == phonetic_key("Mohammed") == "mVhVmVd"
    True
    >>> phonetic_key("María"), phonetic_key("Mario")
    ('mVria', 'mVrio')
    """
    w = "".join(ch for ch in fold(word) if ch.isalpha())
    if not w:
        return ""
    w = _DOUBLES.sub(r"\1", w)
    for spelled, sound in _DIGRAPHS:
        w = w.replace(spelled, sound)
    out: list[str] = []
    tail = ""  # the vowels being read; kept as written if they end the word
    i = 0
    while i < len(w):
        ch = w[i]
        nxt = w[i + 1] if i + 1 < len(w) else ""
        if _is_vowel(w, i):
            tail += "i" if ch == "y" else ("u" if ch == "w" else ch)
            i += 1
            continue
        if ch == "h" and not (nxt and _is_vowel(w, i + 1)):
            i += 1  # silent: "Sarah", "John", "Ahmed" (the vowels around it stay one run)
            continue
        if tail:
            out.append("V")
            tail = ""
        i += _consonant(w, i, out)
        i += 1
    key = "".join(out)
    if tail:
        key = f"V{tail}" if not key else key + tail
    return _DOUBLES.sub(r"\1", key)


def _consonant(w: str, i: int, out: list[str]) -> int:
    """Append the sound of the consonant ``w[i]``; return how many following letters it
    swallows (the silent u of "gue", "gui", "que")."""
    ch = w[i]
    nxt = w[i + 1] if i + 1 < len(w) else ""
    if ch == "c":
        out.append("s" if nxt in _SOFT else "k")
    elif ch == "g":
        if nxt == "u" and i + 2 < len(w) and w[i + 2] in "ei":
            out.append("g")
            return 1  # the silent u of "gue", "gui"
        out.append("j" if nxt in _SOFT else "g")
    elif ch == "q":
        out.append("k")
        if nxt == "u":
            return 1  # "que", "qui", "Quispe"
    elif ch == "x":
        out.append("s" if i == 0 else "ks")
    else:
        out.append(_PLAIN.get(ch, ch))
    return 0


#: Consonants spelled one way and heard another (Spanish z and v).
_PLAIN = {"z": "s", "v": "b"}


def phonetic_keys(*names: str) -> str:
    """The keys of every word of ``names``, space-separated with a space at each end, for a
    whole-word ``LIKE '% key %'`` in the database (" mVhVmVd Vli ")."""
    keys: list[str] = []
    for name in names:
        for word in fold(name).split():
            key = phonetic_key(word)
            if key and key not in keys:
                keys.append(key)
    return f" {' '.join(keys)} " if keys else ""
