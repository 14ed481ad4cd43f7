"""The encryption primitives: tokens bound to their place, blind indexes, escrow envelopes."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import DecryptionFailed, InvalidInput, KeyMismatch
from casekit.store import crypto, keys, sealed
from casekit.store.crypto import Cipher

KEY = bytes(range(32))
OTHER = bytes(range(1, 33))


@pytest.fixture(scope="module")
def cipher() -> Cipher:
    return Cipher.single(KEY)


def test_a_token_opens_only_where_it_was_sealed(cipher: Cipher) -> None:
    aad = crypto.column_aad("client", "a_number", 7)
    token = cipher.seal("A012345678", aad)
    assert token.startswith(f"ck1.{cipher.write_kid}.") and "A012345678" not in token
    assert cipher.open(token, aad) == "A012345678"
    for elsewhere in (
        crypto.column_aad("client", "a_number", 8),  # another row
        crypto.column_aad("client", "immigration_status", 7),  # another column
        crypto.column_aad("party", "a_number", 7),  # another table
    ):
        with pytest.raises(DecryptionFailed):
            cipher.open(token, elsewhere)


def test_a_token_is_new_each_time_and_any_changed_byte_is_refused(cipher: Cipher) -> None:
    aad = crypto.column_aad("client", "immigration_status", 1)
    first, second = cipher.seal("TPS pending", aad), cipher.seal("TPS pending", aad)
    assert first != second  # a random nonce per value
    head, payload = first.rsplit(".", 1)
    for i in (0, len(payload) // 2, len(payload) - 2):
        flipped = payload[:i] + ("A" if payload[i] != "A" else "B") + payload[i + 1 :]
        with pytest.raises(DecryptionFailed):
            cipher.open(f"{head}.{flipped}", aad)
    with pytest.raises(DecryptionFailed):
        cipher.open("TPS pending", aad)  # plaintext where a token belongs


def test_padding_hides_the_length_of_short_values(cipher: Cipher) -> None:
    aad = crypto.column_aad("client", "immigration_status", 1)
    lengths = {
        len(cipher.seal(v, aad))
        for v in ("", "TPS", "TPS pending", "undocumented", "lawful permanent resident")
    }
    assert len(lengths) == 1


def test_a_token_of_an_unknown_key_names_the_key_not_the_value(cipher: Cipher) -> None:
    aad = crypto.column_aad("client", "a_number", 1)
    token = Cipher.single(OTHER).seal("A012345678", aad)
    with pytest.raises(KeyMismatch, match=crypto.key_id(OTHER)) as caught:
        cipher.open(token, aad)
    assert "A012345678" not in str(caught.value)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_round_trips(text: str) -> None:
    box = Cipher.single(KEY)
    aad = crypto.column_aad("client", "address", 3)
    assert box.open(box.seal(text, aad), aad) == text


def test_blind_indexes_match_equal_values_in_any_spelling(cipher: Cipher) -> None:
    index = sealed.a_number_index(cipher, "A012345678")
    assert index == sealed.a_number_index(cipher, "a-012-345-678")
    assert index == sealed.a_number_index(cipher, "12345678")  # eight digits: zero-padded
    assert index != sealed.a_number_index(cipher, "A012345679")
    assert index != sealed.a_number_index(Cipher.single(OTHER), "A012345678")  # keyed
    assert sealed.a_number_index(cipher, "") is None
    born = sealed.date_of_birth_index(cipher, date(1990, 5, 17))
    assert born == sealed.date_of_birth_index(cipher, "1990-05-17")
    assert born != index and len(born) == 32 and "1990" not in born
    assert sealed.date_of_birth_index(cipher, None) is None


def test_subkeys_are_independent_of_each_other_and_of_the_master() -> None:
    labels = (crypto.AEAD_LABEL, crypto.INDEX_LABEL, crypto.MANIFEST_LABEL, crypto.KID_LABEL)
    derived = {crypto.derive(KEY, label) for label in labels}
    assert len(derived) == 4 and KEY not in derived


def test_a_cipher_never_prints_its_key(cipher: Cipher) -> None:
    assert KEY.hex() not in repr(cipher) and str(list(KEY)) not in repr(cipher)


def test_escrow_round_trip_and_wrong_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    ring = keys.KeyRing({}, "")
    ring.add(KEY, activate=False)
    ring.add(OTHER, activate=True)
    sealed_file = crypto.escrow_seal(ring.to_payload(), "correct horse battery", n=2**14)
    assert crypto._b64(KEY) not in sealed_file.decode()
    envelope = json.loads(sealed_file)
    assert envelope["kdf"]["name"] == "scrypt" and envelope["key_ids"] == sorted(ring.keys)
    back = keys.KeyRing.from_payload(
        crypto.escrow_open(sealed_file, "correct horse battery"), ring.location
    )
    assert back.active == ring.active and {k: v.key for k, v in back.keys.items()} == {
        k: v.key for k, v in ring.keys.items()
    }
    with pytest.raises(InvalidInput, match="passphrase does not open"):
        crypto.escrow_open(sealed_file, "wrong horse battery")
    with pytest.raises(InvalidInput, match="at least 12"):
        crypto.escrow_seal(ring.to_payload(), "short")
    with pytest.raises(InvalidInput, match="not a casekit escrow"):
        crypto.escrow_open(b"{}", "correct horse battery")


def test_a_key_file_whose_id_does_not_match_its_key_is_refused() -> None:
    ring = keys.KeyRing({}, "")
    ring.add(KEY, activate=True)
    payload = ring.to_payload()
    payload["keys"][ring.active]["key"] = crypto._b64(OTHER)
    with pytest.raises(KeyMismatch, match="damaged"):
        keys.KeyRing.from_payload(payload, ring.location)
