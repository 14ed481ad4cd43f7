"""Notes on a matter: signed by the actor, validated, listed oldest first (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import InvalidInput, NotFound
from casekit.services import casefile, clients, matters
from casekit.services.casefile import notes
from services.conftest import count_rows


@pytest.fixture
def number(services, today: date) -> str:
    client = clients.add_client(services, name="Ana García")
    return matters.add_matter(
        services,
        client=client.id,
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
    ).number


def test_add_and_list(services, number: str) -> None:
    assert notes.list_notes(services, number) == []
    first = notes.add_note(services, number, "  Client called back; prefers Spanish.  ")
    assert first.body == "Client called back; prefers Spanish."
    assert (first.author, first.matter) == ("tester", number)
    assert first.at.utcoffset() is not None  # Connecticut wall time, zone attached
    second = notes.add_note(services, number.lower(), "Sent the FOI request.")
    assert [n.id for n in notes.list_notes(services, number)] == [first.id, second.id]
    assert first.to_dict()["at"].startswith(first.at.strftime("%Y-%m-%dT%H:%M"))
    view = casefile.matter_file(services, number)
    assert [n["body"] for n in view.notes] == [first.body, second.body]


def test_by_matter_id(services, number: str) -> None:
    from sqlalchemy import text

    with services.engine.connect() as conn:
        matter_id = conn.execute(text("SELECT id FROM matter")).scalar_one()
    assert notes.add_note(services, matter_id, "by id").matter == number


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "empty"), ("   \n ", "empty"), ("x" * (notes.MAX_NOTE + 1), "longer than")],
)
def test_bad_note_writes_nothing(services, number: str, body: str, message: str) -> None:
    from casekit.store import models as m

    before = count_rows(services, m.Note, m.AuditEvent)
    with pytest.raises(InvalidInput, match=message) as caught:
        notes.add_note(services, number, body)
    assert "x" * 20 not in str(caught.value)  # the text is never repeated
    assert count_rows(services, m.Note, m.AuditEvent) == before


def test_unknown_matter(services, today: date) -> None:
    with pytest.raises(NotFound):
        notes.add_note(services, "TA-2099-0001", "hello")
    with pytest.raises(NotFound):
        notes.list_notes(services, 999)
