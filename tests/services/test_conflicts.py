"""Conflict check over clients, parties and agencies (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import InvalidInput
from casekit.services import clients, matters
from casekit.services.conflicts import check_conflicts


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
