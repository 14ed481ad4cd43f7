"""Sensitive fields encrypted at rest, on SQLite and PostgreSQL.

The proofs look at the storage itself (the SQLite file's bytes, a plain psycopg or sqlite3 query,
a backup archive) and find only ciphertext; casekit with the key gives the plaintext back.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tarfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from casekit.errors import DecryptionFailed, InvalidInput, KeyMismatch, KeyMissing
from casekit.services import clients
from casekit.services import office as backup
from casekit.services import office as key_service
from casekit.services.base import AppContext
from casekit.services.office import settings as firm
from casekit.store import crypto, keys, sealed

A_NUMBER = "A201555731"
STATUS = "TPS pending, prior removal order"
BIRTH = date(1987, 3, 14)
SECRETS = ("201555731", "TPS pending", "removal", "1987-03-14")


def _add(svc: AppContext, name: str = "Rosa Díaz", **extra: Any) -> int:
    values: dict[str, Any] = {
        "name": name,
        "a_number": A_NUMBER,
        "immigration_status": STATUS,
        "date_of_birth": BIRTH,
        "phone": "(203) 555-0100",
        "address": "12 Elm Street, Danbury, CT",
    }
    values.update(extra)
    return clients.add_client(svc, **values).id


def _raw_rows(svc: AppContext) -> list[tuple[Any, ...]]:
    """The client table as a plain driver sees it (no SQLAlchemy types, no casekit)."""
    query = "SELECT id, a_number, immigration_status, date_of_birth, a_number_bidx FROM client"
    if svc.settings.is_sqlite:
        conn = sqlite3.connect(svc.settings.sqlite_path)
        try:
            return conn.execute(query).fetchall()
        finally:
            conn.close()
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(svc.settings.database_url).set(drivername="postgresql")
    with psycopg.connect(url.render_as_string(hide_password=False)) as conn:
        return conn.execute(query).fetchall()


def test_the_database_holds_ciphertext_and_casekit_gives_plaintext(
    services: AppContext, today: date
) -> None:
    client_id = _add(services)

    [row] = _raw_rows(services)
    assert row[0] == client_id
    for token in row[1:4]:
        assert crypto.is_token(token)
    dump = json.dumps([str(v) for v in row])
    for secret in SECRETS:
        assert secret not in dump
    assert row[4] == sealed.a_number_index(services.cipher, A_NUMBER)

    shown = clients.show_client(services, str(client_id), include_sensitive=True)
    assert (shown.a_number, shown.immigration_status, shown.date_of_birth) == (
        A_NUMBER,
        STATUS,
        BIRTH,
    )
    hidden = clients.show_client(services, str(client_id))
    assert (hidden.a_number, hidden.immigration_status, hidden.date_of_birth) == ("", "", None)


def test_the_sqlite_file_never_contains_the_plaintext(services: AppContext, today: date) -> None:
    if not services.settings.is_sqlite:
        pytest.skip("the file check is SQLite's; PostgreSQL is checked with psycopg above")
    _add(services)
    services.dispose()  # checkpoint the WAL into the file
    conn = sqlite3.connect(services.settings.sqlite_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = b"".join(
        p.read_bytes()
        for p in services.settings.home.iterdir()
        if p.name.startswith("casekit.sqlite")
    )
    for secret in SECRETS:
        assert secret.encode() not in data
    assert "Rosa Díaz".encode() in data  # the name stays searchable: the file was read


def test_a_token_moved_to_another_client_does_not_open(services: AppContext, today: date) -> None:
    first = _add(services, "Rosa Díaz")
    second = _add(services, "Ana Pérez", a_number="A201555732")
    with services.engine.begin() as conn:
        token = conn.execute(
            text("SELECT a_number FROM client WHERE id = :id"), {"id": first}
        ).scalar()
        conn.execute(
            text("UPDATE client SET a_number = :t WHERE id = :id"), {"t": token, "id": second}
        )
    with pytest.raises(DecryptionFailed) as caught:
        clients.show_client(services, str(second), include_sensitive=True)
    assert "201555731" not in str(caught.value)
    # The other columns' tokens cannot be swapped either.
    with services.engine.begin() as conn:
        conn.execute(
            text("UPDATE client SET immigration_status = a_number WHERE id = :id"), {"id": first}
        )
    with pytest.raises(DecryptionFailed):
        clients.show_client(services, str(first), include_sensitive=True)


def test_a_number_lookups_use_the_blind_index(services: AppContext, today: date) -> None:
    client_id = _add(services)
    assert clients.clients_with_a_number(services, "a-201-555-731") == [client_id]
    assert clients.clients_with_a_number(services, "A201555739") == []
    assert clients.show_client(services, "A-201-555-731").id == client_id
    assert clients.clients_with_date_of_birth(services, "1987-03-14") == [client_id]
    assert clients.clients_with_date_of_birth(services, BIRTH.replace(day=15)) == []
    with pytest.raises(InvalidInput, match=f"already recorded \\(id {client_id}\\)"):
        _add(services, "Rosa Diaz Again")


def test_editing_a_client_seals_the_new_value_and_keeps_an_unchanged_one(
    services: AppContext, today: date
) -> None:
    from casekit.store.models import Client

    client_id = _add(services)
    [before] = _raw_rows(services)
    with services.transaction() as session:
        row = session.get(Client, client_id)
        assert row is not None
        row.a_number = A_NUMBER  # typed again, unchanged
        row.immigration_status = "asylum granted"
    [after] = _raw_rows(services)
    assert after[1] == before[1]  # same token: nothing changed, nothing logged
    assert after[2] != before[2] and crypto.is_token(after[2])
    shown = clients.show_client(services, str(client_id), include_sensitive=True)
    assert shown.immigration_status == "asylum granted"


def _other_key(key_file: Path) -> None:
    ring = keys.KeyRing({}, "", keys.KeyLocation("file", key_file))
    ring.add(crypto.new_master_key(), activate=True)
    key_file.unlink()
    keys.save(ring)


def _counts(svc: AppContext) -> dict[str, int]:
    with svc.engine.connect() as conn:
        return {
            t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)  # noqa: S608
            for t in ("client", "auditevent", "encryptionkey", "setting")
        }


@pytest.mark.parametrize("problem", ["missing", "wrong"])
def test_a_missing_or_wrong_key_stops_everything(
    services: AppContext, today: date, key_file: Path, problem: str
) -> None:
    client_id = _add(services)
    before = _counts(services)
    if problem == "missing":
        key_file.unlink()
        error, message = KeyMissing, "the encryption key is missing"
    else:
        _other_key(key_file)
        error, message = KeyMismatch, "the encryption key does not match this database"
    fresh = AppContext(services.settings)  # a new process: the key is looked up again
    try:
        for attempt in (
            lambda: clients.add_client(fresh, name="Someone Else"),
            lambda: clients.show_client(fresh, str(client_id), include_sensitive=True),
            lambda: firm.set_setting(fresh, "firm.name", "Smith LLP"),
        ):
            with pytest.raises(error, match=message) as caught:
                attempt()
            assert "\n" not in str(caught.value)
            assert "Rosa" not in str(caught.value) and A_NUMBER not in str(caught.value)
        assert _counts(fresh) == before
        # No second key was created behind the user's back.
        assert (problem == "missing") == (not key_file.exists())
    finally:
        fresh.dispose()


def test_a_new_sqlite_database_creates_its_key_and_says_where(
    tmp_path: Path, key_file: Path, today: date
) -> None:
    from casekit.config import Settings
    from casekit.services.setup import open_services

    key_file.unlink()
    told: list[str] = []
    home = tmp_path / "fresh"
    svc = AppContext(
        Settings(home=home, database_url=f"sqlite:///{home / 'casekit.sqlite'}", actor="t"),
        notify=told.append,
    )
    from casekit.services.setup import ensure_schema

    ensure_schema(svc)
    svc.cipher  # noqa: B018
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    [note] = told
    assert str(key_file) in note and "export-escrow" in note
    assert not any(p.name.endswith(".json") for p in home.rglob("*"))  # never inside the home
    svc.dispose()
    assert open_services(svc.settings).cipher.write_kid == keys.load(keys.locate()).active  # type: ignore[union-attr]


@pytest.mark.postgres
def test_a_postgresql_database_never_creates_a_key_by_itself(
    pg_url: str, casekit_home: Path, key_file: Path, today: date
) -> None:
    from casekit.config import Settings
    from casekit.services.setup import upgrade_database

    key_file.unlink()
    svc = AppContext(Settings(home=casekit_home, database_url=pg_url, actor="tester"))
    try:
        upgrade_database(svc)  # an empty database: nothing to seal, no key needed yet
        with pytest.raises(KeyMissing, match="run `casekit key init`"):
            clients.add_client(svc, name="Rosa Díaz")
        assert not key_file.exists()
        created = key_service.init_key(svc)
        assert created.registered and key_file.exists()
        assert clients.add_client(svc, name="Rosa Díaz").id
        with pytest.raises(Exception, match="nothing to do"):
            key_service.init_key(svc)
    finally:
        svc.dispose()


@pytest.mark.postgres
def test_a_shared_database_never_adopts_a_personal_key_by_chance(
    pg_url: str, casekit_home: Path, key_file: Path, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casekit.config import Settings
    from casekit.services.setup import upgrade_database

    personal = keys.default_key_file()
    personal.parent.mkdir(parents=True)
    personal.write_bytes(key_file.read_bytes())
    monkeypatch.delenv("CASEKIT_KEY_FILE")
    svc = AppContext(Settings(home=casekit_home, database_url=pg_url, actor="tester"))
    try:
        upgrade_database(svc)
        with pytest.raises(KeyMissing, match="run `casekit key init`"):
            clients.add_client(svc, name="Rosa Díaz")
        assert key_service.init_key(svc).registered  # deliberately: now it is the office key
        assert clients.add_client(svc, name="Rosa Díaz").id
    finally:
        svc.dispose()


def test_rotation_reencrypts_every_value_and_keeps_the_old_key(
    services: AppContext, today: date, key_file: Path
) -> None:
    ids = [_add(services, f"Client {n}", a_number=f"A20155573{n}") for n in range(3)]
    old_kid = services.cipher.write_kid
    before = _raw_rows(services)

    result = key_service.rotate_key(services)

    assert result.old_key_id == old_kid and result.values == 9
    after = _raw_rows(services)
    for old_row, new_row in zip(before, after, strict=True):
        for old_token, new_token in zip(old_row[1:4], new_row[1:4], strict=True):
            assert crypto.token_kid(old_token) == old_kid
            assert crypto.token_kid(new_token) == result.new_key_id
        assert new_row[4] != old_row[4]  # the blind index is keyed too
    ring = keys.load(keys.locate())
    assert ring is not None and ring.active == result.new_key_id
    assert ring.keys[old_kid].retired is not None  # kept, to read old backups and history
    fresh = AppContext(services.settings)
    try:
        assert fresh.cipher.write_kid == result.new_key_id
        for n, client_id in enumerate(ids):
            shown = clients.show_client(fresh, str(client_id), include_sensitive=True)
            assert shown.a_number == f"A20155573{n}" and shown.date_of_birth == BIRTH
        assert clients.clients_with_a_number(fresh, "A201555731") == [ids[1]]
        with fresh.engine.connect() as conn:
            rows = conn.execute(text("SELECT kid, current FROM encryptionkey ORDER BY id")).all()
        assert [(r[0], bool(r[1])) for r in rows] == [
            (old_kid, False),
            (result.new_key_id, True),
        ]
    finally:
        fresh.dispose()


def test_escrow_export_and_import_restore_a_lost_key(
    services: AppContext, today: date, key_file: Path, tmp_path: Path
) -> None:
    client_id = _add(services)
    escrow = tmp_path / "escrow.json"
    out = key_service.export_escrow(services, escrow, "a long escrow passphrase")
    assert oct(escrow.stat().st_mode & 0o777) == "0o600"
    assert services.cipher.write_kid in out.key_ids
    assert crypto._b64(services.cipher.keys[services.cipher.write_kid]) not in escrow.read_text()
    with pytest.raises(InvalidInput, match="already exists"):
        key_service.export_escrow(services, escrow, "a long escrow passphrase")

    key_file.unlink()  # the laptop is lost
    fresh = AppContext(services.settings)
    try:
        with pytest.raises(KeyMissing):
            clients.show_client(fresh, str(client_id), include_sensitive=True)
        with pytest.raises(InvalidInput, match="passphrase"):
            key_service.import_escrow(fresh, escrow, "not the passphrase!")
        restored = key_service.import_escrow(fresh, escrow, "a long escrow passphrase")
        assert restored.added == out.key_ids
        shown = clients.show_client(fresh, str(client_id), include_sensitive=True)
        assert shown.a_number == A_NUMBER
    finally:
        fresh.dispose()


def test_firm_marked_contact_fields_are_sealed_and_unsealed(
    services: AppContext, today: date
) -> None:
    client_id = _add(services)
    with pytest.raises(InvalidInput, match="cannot be marked sensitive \\(name\\)"):
        firm.set_setting(services, "privacy.sensitive_fields", "address, name")

    firm.set_setting(services, "privacy.sensitive_fields", "address, phone")
    with services.engine.connect() as conn:
        phone, address, email = conn.execute(
            text("SELECT phone, address, email FROM client WHERE id = :id"), {"id": client_id}
        ).one()
    assert crypto.is_token(phone) and crypto.is_token(address) and email == ""
    listed = clients.list_clients(services)[0]
    assert (listed.phone, listed.address) == (sealed.HIDDEN, sealed.HIDDEN)
    shown = clients.show_client(services, str(client_id), include_sensitive=True)
    assert (shown.phone, shown.address) == ("(203) 555-0100", "12 Elm Street, Danbury, CT")
    second = _add(services, "Ana Pérez", a_number="", address="3 Oak Lane")
    with services.engine.connect() as conn:
        assert crypto.is_token(
            conn.execute(text("SELECT address FROM client WHERE id = :i"), {"i": second}).scalar()
        )

    firm.set_setting(services, "privacy.sensitive_fields", "")
    with services.engine.connect() as conn:
        assert conn.execute(
            text("SELECT address FROM client WHERE id = :id"), {"id": client_id}
        ).scalar() == ("12 Elm Street, Danbury, CT")


def test_a_backup_holds_ciphertext_only_and_never_the_key(
    services: AppContext, today: date, key_file: Path, tmp_path: Path
) -> None:
    if not services.settings.is_sqlite:
        pytest.skip("the PostgreSQL dump is checked in test_postgresql_dump_holds_ciphertext")
    _add(services)
    made = backup.backup(services, output=tmp_path / "b.tar.gz")
    with tarfile.open(made.path, "r:gz") as tar:
        blobs = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    everything = b"".join(blobs.values())
    for secret in SECRETS:
        assert secret.encode() not in everything
    ring = json.loads(key_file.read_text())
    for entry in ring["keys"].values():
        assert entry["key"].encode() not in everything
    assert "MANIFEST.mac" in blobs


@pytest.mark.postgres
def test_postgresql_dump_holds_ciphertext(
    pg_url: str, casekit_home: Path, today: date, tmp_path: Path
) -> None:
    import shutil

    from casekit.config import Settings
    from casekit.services.setup import upgrade_database

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    svc = AppContext(Settings(home=casekit_home, database_url=pg_url, actor="tester"))
    try:
        upgrade_database(svc)
        _add(svc)
        made = backup.backup(svc, output=tmp_path / "pg.tar.gz")
        with tarfile.open(made.path, "r:gz") as tar:
            dump = tar.extractfile("casekit.sql").read()  # type: ignore[union-attr]
        assert b"ck1." in dump
        for secret in SECRETS:
            assert secret.encode() not in dump
    finally:
        svc.dispose()


def test_key_files_are_private_and_outside_the_home(services: AppContext, key_file: Path) -> None:
    services.cipher  # noqa: B018
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert services.settings.home not in key_file.parents
    assert os.environ["CASEKIT_KEY_FILE"] == str(key_file)


def test_a_key_file_inside_the_home_is_left_out_of_the_backup(
    services: AppContext, today: date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not services.settings.is_sqlite:
        pytest.skip("the archive's members do not depend on the database")
    inside = services.settings.home / "documents" / "office-key.json"
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.write_bytes(Path(os.environ["CASEKIT_KEY_FILE"]).read_bytes())
    monkeypatch.setenv("CASEKIT_KEY_FILE", str(inside))
    _add(services)
    made = backup.backup(services, output=tmp_path / "b.tar.gz")
    with tarfile.open(made.path, "r:gz") as tar:
        assert "documents/office-key.json" not in tar.getnames()
