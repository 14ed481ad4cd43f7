"""Migration 0011: municipal legal names reach towns, agencies and defendants already stored,
and the seeded cities agree with the list compiled with sources (tests/data/ct_cities.csv)."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import Engine, text

from casekit.store import migrate
from casekit.store.seed import read_seed_csv

CITIES = Path(__file__).resolve().parent.parent / "data" / "ct_cities.csv"


def _cities() -> dict[str, dict[str, str]]:
    with CITIES.open(encoding="utf-8", newline="") as fh:
        return {row["legal_name"]: row for row in csv.DictReader(fh)}


def test_every_seeded_city_is_on_the_sourced_list() -> None:
    listed = _cities()
    assert all(row["source"].strip() for row in listed.values())  # each with its source
    seeded = {
        row["legal_name"]
        for row in read_seed_csv("municipalities.csv")
        if not row["legal_name"].startswith("Town of ")
    }
    employers = {
        row["employer"]
        for row in read_seed_csv("agencies.csv")
        if row["employer"].startswith(("City of ", "Borough of "))
    }
    assert seeded | employers == set(listed)
    for row in read_seed_csv("municipalities.csv"):
        assert row["source"] and row["confidence"] in ("secondary", "unverified")
        if row["legal_name"].startswith("Town of "):
            assert row["form"] == "town"
        else:
            assert row["confidence"] == "secondary" and row["legal_name"] in listed
            assert listed[row["legal_name"]]["town"] == row["town"]
    # Every municipal police department's employer is a municipality's legal name (or one of
    # the two employers inside Groton).
    legal = {row["town"]: row["legal_name"] for row in read_seed_csv("municipalities.csv")}
    for row in read_seed_csv("agencies.csv"):
        if row["kind"] == "municipal_police" and row["town"] != "Groton":
            assert row["employer"] == legal[row["town"]], row["name"]


def test_names_in_a_new_database(migrated_engine: Engine) -> None:
    with migrated_engine.connect() as conn:
        towns = dict(conn.execute(text("SELECT name, legal_name FROM town")).all())
        employers = dict(conn.execute(text("SELECT name, employer FROM agency")).all())
        titles = dict(conn.execute(text("SELECT name, clerk_title FROM town")).all())
    assert towns["Hartford"] == "City of Hartford"
    assert towns["West Hartford"] == "Town of West Hartford"
    assert towns["Naugatuck"] == "Borough of Naugatuck"
    assert towns["Groton"] == "Town of Groton"
    assert employers["Groton City Police Department"] == "City of Groton"
    assert employers["Hartford Police Department"] == "City of Hartford"
    assert titles["Waterbury"] == "Town Clerk" and titles["New London"] == "City Clerk"


def test_an_existing_database_gets_the_names(migrated_engine: Engine) -> None:
    """A database at 0005 with the old names, a defendant stored under one, and a clerk address
    the firm entered: after 0011 the names are right and the firm's address is kept."""
    migrate.downgrade(migrated_engine, "0005")
    with migrated_engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE agency SET employer = 'Town of Hartford' "
                "WHERE name = 'Hartford Police Department'"
            )
        )
        conn.execute(
            text("UPDATE town SET clerk_address = '550 Main Street' WHERE name = 'Hartford'")
        )
        conn.execute(
            text(
                "INSERT INTO client (created_at, updated_at, version, name, name_key, "
                "preferred_name, preferred_language, phone, phone_safe, email, email_safe, "
                "address, address_safe, a_number, immigration_status) VALUES "
                "(CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'Muhammad Ali', 'muhammad ali', '', "
                "'en', '', false, '', false, '', false, '', '')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO matter (created_at, updated_at, version, number, client_id, "
                "status, claims, relief_sought, opened_on, search_text) VALUES "
                "(CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1, 'TA-2026-0001', "
                "(SELECT id FROM client), 'active', '[]', '', '2026-01-05', '')"
            )
        )
        for name, address in (
            ("Town of Hartford", "Town Clerk, Town of Hartford, 550 Main Street"),
            ("Town of Hartford (typed by the firm)", "City Hall"),
        ):
            conn.execute(
                text(
                    "INSERT INTO party (created_at, updated_at, version, matter_id, role, kind, "
                    "name, name_key, capacity, service_address) VALUES (CURRENT_TIMESTAMP, "
                    "CURRENT_TIMESTAMP, 1, (SELECT id FROM matter), 'defendant', "
                    "'municipality', :name, '', 'official', :address)"
                ),
                {"name": name, "address": address},
            )
    migrate.upgrade(migrated_engine)
    with migrated_engine.connect() as conn:
        parties = conn.execute(
            text("SELECT name, service_address, version FROM party ORDER BY id")
        ).all()
        town = conn.execute(
            text("SELECT legal_name, clerk_address FROM town WHERE name = 'Hartford'")
        ).one()
        employer = conn.execute(
            text("SELECT employer FROM agency WHERE name = 'Hartford Police Department'")
        ).scalar_one()
        phonetic = conn.execute(text("SELECT name_phonetic FROM client")).scalar_one()
    assert tuple(parties[0]) == ("City of Hartford", "Clerk, City of Hartford, 550 Main Street", 2)
    assert tuple(parties[1]) == ("Town of Hartford (typed by the firm)", "City Hall", 1)
    assert tuple(town) == ("City of Hartford", "550 Main Street")  # the firm's address kept
    assert employer == "City of Hartford"
    assert phonetic == " mVhVmVd Vli "
