"""Conflict check over clients, parties and agencies (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import InvalidInput
from casekit.services import clients, matters
from casekit.services.clients.conflicts import check_conflicts


@pytest.fixture
def people(services, today: date) -> None:
    jose = clients.add_client(services, name="José Núñez", preferred_name="Pepe")
    clients.add_client(services, name="Jose Martinez")
    clients.add_client(services, name="María Pérez-Gómez")
    matters.add_matter(
        services,
        client=str(jose.id),
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
    )


def where(hits) -> set[tuple[str, str, str | None]]:
    return {(h.name, h.where, h.matter) for h in hits}


def test_accents_case_and_typos(services, people) -> None:
    exact = check_conflicts(services, "Jose Nunez")
    assert exact[0].name == "José Núñez" and exact[0].where == "client"
    assert exact[0].matter == "TA-2026-0001" and exact[0].score == 1.0
    assert exact[0].to_dict() == {
        "name": "José Núñez",
        "where": "client",
        "matter": "TA-2026-0001",
        "score": 1.0,
        "matched": "José Núñez",
        "reason": "name",
        "client_id": exact[0].client_id,
    }
    typo = check_conflicts(services, "jose nunes")
    assert ("José Núñez", "client", "TA-2026-0001") in where(typo)
    assert all(h.name != "Jose Martinez" for h in typo)
    assert check_conflicts(services, "NUNEZ, JOSE")[0].name == "José Núñez"


def test_preferred_name_matches(services, people) -> None:
    hits = check_conflicts(services, "Pepe Nunez")
    assert hits[0].name == "José Núñez" and hits[0].matched == "Pepe Núñez"


def test_client_without_matter_has_no_number(services, people) -> None:
    hits = check_conflicts(services, "maria perez gomez")
    assert ("María Pérez-Gómez", "client", None) in where(hits)


def test_parties_and_agencies_say_where(services, people) -> None:
    hits = where(check_conflicts(services, "Danbury"))
    assert ("City of Danbury", "party:defendant", "TA-2026-0001") in hits
    assert ("Danbury Police Department", "agency", None) in hits


def test_party_rows_without_name_key_are_still_checked(services, people) -> None:
    from sqlalchemy import insert, select

    from casekit.store.models import Matter, Party

    with services.transaction() as session:
        matter_id = session.scalar(select(Matter.id))
        session.execute(
            insert(Party),
            [{"matter_id": matter_id, "role": "witness", "name": "Ngozi Okafor", "name_key": ""}],
        )
    hits = check_conflicts(services, "ngozi okafor")
    assert ("Ngozi Okafor", "party:witness", "TA-2026-0001") in where(hits)


def test_limit_and_empty_query(services, people) -> None:
    assert len(check_conflicts(services, "jose", limit=1)) == 1
    with pytest.raises(InvalidInput):
        check_conflicts(services, " -- ")


# --- sounds alike, phone, date of birth -------------------------------------------------------


@pytest.fixture
def more_people(services, today: date) -> dict[str, int]:
    ids = {}
    for name, phone, dob in (
        ("Mohammed Husain", "(860) 555-0142", "1988-02-29"),
        ("Rosa Delgado", "860.555.0199", "1990-05-17"),
        ("Juan Pérez Ortiz", "", "1979-12-01"),
    ):
        ids[name] = clients.add_client(services, name=name, phone=phone, date_of_birth=dob).id
    return ids


def test_names_that_sound_alike(services, more_people) -> None:
    hits = check_conflicts(services, "Muhammad Hussein")
    assert [(h.name, h.reason) for h in hits if h.where == "client"] == [
        ("Mohammed Husain", "sounds like")
    ]
    assert hits[0].score < 1.0


def test_the_same_phone_number_whatever_the_name(services, more_people) -> None:
    hits = check_conflicts(services, "R. D.", phone="+1 860 555 0199")
    assert [(h.name, h.reason) for h in hits] == [("Rosa Delgado", "same phone")]
    assert check_conflicts(services, "Rosa Delgado", phone="8605550199")[0].reason == (
        "name; same phone"
    )
    assert check_conflicts(services, "Nadie", phone="860-555-0100") == []


def test_the_same_birth_date_with_part_of_the_name(services, more_people) -> None:
    hits = check_conflicts(services, "José Pérez", date_of_birth="1979-12-01")
    assert [(h.name, h.reason) for h in hits] == [("Juan Pérez Ortiz", "same date of birth")]
    # A birthday alone is no conflict: hundreds of clients share one.
    assert check_conflicts(services, "Ana Lopez", date_of_birth="1979-12-01") == []
    with pytest.raises(InvalidInput, match="not a real date"):
        check_conflicts(services, "Ana", date_of_birth="1979-13-01")


def test_a_client_edit_keeps_the_phonetic_keys(services, more_people) -> None:
    from casekit.store.models import Client

    with services.transaction() as session:
        row = session.get(Client, more_people["Rosa Delgado"])
        row.name = "Rosa Youssef"
    assert check_conflicts(services, "Rosa Yusuf")[0].name == "Rosa Youssef"
