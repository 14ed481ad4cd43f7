"""The pure parts of the office's access control: names, prefixes, verifiers, URLs."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from casekit.errors import InvalidInput
from casekit.services.documents.files import is_temporary, is_vault_blob
from casekit.store import office
from casekit.store.snapshots import libpq_url


def test_scram_verifier_matches_the_rfc_7677_example() -> None:
    """RFC 7677 section 3: user "user", password "pencil"; the exchange's proof checks out."""
    salt = base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ==")
    verifier = office.scram_verifier("pencil", salt=salt)
    method, rest = verifier.split("$", 1)
    params, keys = rest.split("$")
    assert method == "SCRAM-SHA-256" and params == "4096:W22ZaJ0SNY7soEsUEjb6gQ=="
    stored_key, server_key = (base64.b64decode(k) for k in keys.split(":"))
    nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    auth = (
        f"n=user,r=rOprNGfwEbeRWgbNEkqO,r={nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,"
        f"c=biws,r={nonce}"
    ).encode()
    proof = base64.b64decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
    signature = hmac.new(stored_key, auth, hashlib.sha256).digest()
    client_key = bytes(a ^ b for a, b in zip(proof, signature, strict=True))
    assert hashlib.sha256(client_key).digest() == stored_key
    server_signature = hmac.new(server_key, auth, hashlib.sha256).digest()
    assert base64.b64encode(server_signature) == b"6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
    assert office.scram_verifier("pencil") != office.scram_verifier("pencil")  # random salt


def test_role_prefix_is_derived_from_the_database_and_fits_postgresql() -> None:
    assert office.derive_prefix("casekit") == "ck_casekit_"
    assert office.derive_prefix("Law-Office 2") == "ck_law_office_2_"
    long = office.derive_prefix("x" * 63)
    assert len(long + "paralegal") <= 63
    assert long != office.derive_prefix("x" * 62 + "y")  # truncated names stay distinct


@pytest.mark.parametrize("bad", ["", "1abc", "a-b", "a b", 'a"b', "x" * 64, "pg_admin", "é"])
def test_role_names_are_checked(bad: str) -> None:
    with pytest.raises(InvalidInput):
        office.check_role_name(bad)


def test_sensitive_columns_include_their_derived_forms() -> None:
    for column in ("a_number", "a_number_ct", "a_number_hash", "date_of_birth_enc"):
        assert office.is_sensitive_column("client", column)
    for column in ("name", "a_numbers", "phone"):
        assert not office.is_sensitive_column("client", column)
    assert not office.is_sensitive_column("matter", "a_number")


def test_libpq_url_drops_the_driver_and_the_password() -> None:
    url = "postgresql+psycopg://maria:s3cret@db.example:5433/casekit"
    assert libpq_url(url) == "postgresql://maria@db.example:5433/casekit"
    assert libpq_url("postgresql://u@h/db") == "postgresql://u@h/db"


@pytest.mark.parametrize(
    ("name", "temporary"),
    [
        (".incoming-abc", True),
        (".restore-20260101T000000Z-aa", True),
        (".backup-xyz", True),
        (".letter.docx.tmp-1234", True),
        (".2026-03-15-demand-letter.docx.k2j3.tmp", True),
        (".casekit-backup-x.tar.gz.partial-99", True),
        ("2026-03-15-demand-letter.docx", False),
        (".casekit-swept", False),
        ("notes.tmp", False),
    ],
)
def test_temporary_names(name: str, temporary: bool) -> None:
    assert is_temporary(name) is temporary


def test_vault_blob_names() -> None:
    sha = "ab" + "c" * 62
    assert is_vault_blob(f"ab/{sha}")
    assert not is_vault_blob(f"cd/{sha}")
    assert not is_vault_blob("ab/abcdef")
