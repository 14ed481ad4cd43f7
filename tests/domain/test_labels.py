"""Words for people (issue 15 item 7): stored words read as a person would say them."""

from __future__ import annotations

import pytest

from casekit.domain import labels
from casekit.domain.lawpack import default_pack
from casekit.domain.model import CUSTODY_KINDS, EVIDENCE_KINDS, PARTY_ROLES


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("release_to_ice", "Release to ICE"),
        ("scheduled_release", "Scheduled release"),
        ("opposing_counsel", "Opposing counsel"),
        ("foi-response", "FOI response"),
        ("arrest", "Arrest"),
    ],
)
def test_sentence(stored: str, shown: str) -> None:
    assert labels.sentence(stored) == shown


def test_no_stored_word_leaks_underscores_or_hyphens() -> None:
    for value in (*CUSTODY_KINDS, *PARTY_ROLES, *EVIDENCE_KINDS):
        assert "_" not in labels.word(value) and "-" not in labels.word(value), value


@pytest.mark.parametrize(
    ("code", "shown"),
    [("pt", "Portuguese"), ("es", "Spanish"), ("pt-BR", "Portuguese (pt-BR)"), ("xx", "xx")],
)
def test_language(code: str, shown: str) -> None:
    assert labels.language(code) == shown
    assert labels.language(None) == "—"


@pytest.mark.parametrize(
    ("n", "shown"),
    [(0, "0 possible conflicts"), (1, "1 possible conflict"), (2, "2 possible conflicts")],
)
def test_count_plural(n: int, shown: str) -> None:
    assert labels.count(n, "possible conflict") == shown
    assert labels.count(3, "party", "parties") == "3 parties"


def test_claim_labels_come_from_the_law_pack() -> None:
    claims = default_pack().claims
    assert claims["false_imprisonment_7465"].label == "False imprisonment (§ 7-465)"
