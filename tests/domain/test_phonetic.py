"""The phonetic key of names: spellings that sound alike match, different names do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.domain.conflicts import match_name
from casekit.domain.phonetic import phonetic_key, phonetic_keys

SOUND_ALIKE = [
    ("Muhammad", "Mohammed", "Mohamed", "Muhammed", "Mohammad", "Mohamad"),
    ("Ahmed", "Ahmad"),
    ("Hussein", "Husain", "Hussain", "Husayn"),
    ("Yusuf", "Youssef", "Yousef"),
    ("Ibrahim", "Ebrahim", "Ibraheem"),
    ("Abdul", "Abdel"),
    ("Khalid", "Khaled"),
    ("Gonzalez", "Gonzales", "González"),
    ("Rodriguez", "Rodrigues"),
    ("Jiménez", "Jimenez", "Gimenez"),
    ("Vasquez", "Vazquez"),
    ("Valdez", "Baldez"),
    ("Chavez", "Chaves"),
    ("Lopez", "Lopes"),
    ("Quispe", "Kispe"),
    ("Guadalupe", "Guadelupe"),
    ("Jeffrey", "Geoffrey"),
    ("Philip", "Phillip", "Filip"),
    ("Christopher", "Kristopher"),
    ("Catherine", "Katherine"),
    ("Thomas", "Tomas"),
    ("Oksana", "Oxana"),
    ("Dmitri", "Dmitry"),
    ("Sara", "Sarah"),
    ("John", "Jon"),
    ("Ana", "Anna"),
    ("Nguyen", "Nguyễn", "NGUYEN"),
]

DIFFERENT = [
    ("Hernandez", "Fernandez"),
    ("Maria", "Mario"),
    ("Daniel", "Daniela"),
    ("Juan", "Juana"),
    ("Garcia", "Garza"),
    ("Mahmoud", "Muhammad"),
    ("Rosa", "Rose"),
    ("Perez", "Pereira"),
    ("Ali", "Alicia"),
    ("Jose", "Rosa"),
    ("Luis", "Lucas"),
    ("Pedro", "Pablo"),
]


@pytest.mark.parametrize("names", SOUND_ALIKE, ids=[n[0] for n in SOUND_ALIKE])
def test_spellings_that_sound_alike_share_a_key(names: tuple[str, ...]) -> None:
    keys = {phonetic_key(n) for n in names}
    assert len(keys) == 1 and keys != {""}


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_the_conflict_check_finds_transliterations() -> None:
    hit = match_name("Muhammad Hussein", ["Mohammed Husain"])
    assert hit is not None and 0.6 <= hit.score < 1.0
    assert match_name("Muhammad Hussein", ["Mohammed Husain"], phonetic=False) is None
    assert match_name("Maria Garcia", ["Mario Garza"]) is None


def test_keys_for_the_database() -> None:
    assert phonetic_keys("Mohammed Ali", "Mo") == " mVhVmVd Vli mo "
    assert phonetic_keys("", "  ") == "" and phonetic_key("123") == ""


@given(st.text(max_size=30))
def test_any_text_gives_a_key_of_letters(text: str) -> None:
    key = phonetic_key(text)
    assert key == phonetic_key(text.upper()) or not text.isascii()
    # Letters only: never a LIKE wildcard ("%", "_") or a space in the stored keys.
    assert all(ch.isalpha() for ch in key)
