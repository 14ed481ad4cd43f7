"""Clients: intake, list, show, validation (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import InvalidInput, NotFound
from casekit.services import clients
from services.conftest import count_rows


def test_add_list_show(services, today: date) -> None:
    added = clients.add_client(
        services,
        name="  José   Núñez ",
        preferred_name="Pepe",
        language="ES",
        phone="(860) 555-0101",
        phone_safe=True,
        email="pepe@mail.example",
        date_of_birth="1990-02-03",
        a_number="A-123-456-789",
        immigration_status="asylum pending",
    )
    assert added.name == "José Núñez"
    assert added.preferred_language == "es"
    assert "date_of_birth" not in added.to_dict()  # sensitive values are not echoed back

    listed = clients.list_clients(services)
    assert [c.name for c in listed] == ["José Núñez"]
    assert set(listed[0].to_dict()) >= {"id", "name", "preferred_language", "matters"}
    assert "a_number" not in listed[0].to_dict()

    shown = clients.show_client(services, "jose nunez")  # any case, no accents
    assert shown.id == added.id and shown.phone_safe and not shown.email_safe
    assert "immigration_status" not in shown.to_dict()
    full = clients.show_client(services, str(added.id), include_sensitive=True).to_dict()
    assert full["date_of_birth"] == date(1990, 2, 3)
    assert full["a_number"] == "A123456789"
    assert full["immigration_status"] == "asylum pending"


def test_name_key_is_folded(services, today: date) -> None:
    from sqlalchemy import select

    from casekit.store.models import Client

    clients.add_client(services, name="María Pérez-Gómez")
    with services.engine.connect() as conn:
        assert conn.execute(select(Client.name_key)).scalar() == "maria perez gomez"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "client name is empty"),
        ({"name": "   "}, "client name is empty"),
        ({"name": "José", "date_of_birth": "1990-02-30"}, "date of birth is not a real date"),
        ({"name": "José", "date_of_birth": "2030-01-01"}, "date of birth is in the future"),
        ({"name": "José", "email": "not-an-address"}, "not a valid e-mail"),
        ({"name": "José", "language": "xx"}, "unknown language code 'xx'"),
        ({"name": "José", "language": "spanish"}, "unknown language code"),
        ({"name": "José", "phone": "12"}, "not a valid phone number"),
        ({"name": "José", "a_number": "B12"}, "A-number must be"),
        ({"name": "José", "phone_safe": True}, "--safe-phone needs a phone"),
    ],
)
def test_bad_input_writes_nothing(services, today: date, fields: dict, message: str) -> None:
    before = count_rows(services)
    with pytest.raises(InvalidInput, match=message) as err:
        clients.add_client(services, **fields)
    assert count_rows(services) == before
    assert "1990" not in str(err.value)  # a date of birth is never repeated


def test_show_unknown_and_ambiguous(services, today: date) -> None:
    with pytest.raises(NotFound):
        clients.show_client(services, "Nobody Here")
    with pytest.raises(NotFound):
        clients.show_client(services, "999")
    a = clients.add_client(services, name="Ana Silva")
    b = clients.add_client(services, name="ANA SILVA")
    with pytest.raises(InvalidInput, match=f"ids {a.id}, {b.id}") as err:
        clients.show_client(services, "ana silva")
    assert "Silva" not in str(err.value)  # ids only, never the name


def test_list_pages(services, today: date) -> None:
    for name in ("Carla", "Ana", "Beto"):
        clients.add_client(services, name=name)
    assert [c.name for c in clients.list_clients(services, limit=2)] == ["Ana", "Beto"]
    assert [c.name for c in clients.list_clients(services, limit=2, offset=2)] == ["Carla"]
