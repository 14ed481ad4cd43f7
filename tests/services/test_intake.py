"""Intake in one transaction: client and matter together, or nothing (both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import InvalidInput
from casekit.services import casefile, clients, deadlines, matters
from casekit.services.matters import create
from services.conftest import count_rows
from services.intake_helpers import open_intake

FIELDS = {
    "name": "Guadalupe Díaz",
    "language": "es",
    "phone": "203-555-0101",
    "phone_safe": True,
    "incident_date": "2026-01-10",
    "incident_time": "22:15",
    "town": "Danbury",
    "agency": "Danbury Police Department",
    "violations": ["V1"],
}


def test_open_intake_writes_client_and_matter(services, today: date) -> None:
    out = open_intake(
        services,
        **FIELDS,
        judicial_warrant=True,
        convictions=[("53a-101", "b"), ("21a-279", None)],
        tsdb_match=True,
        narrative="Held after bail was posted.",
    )
    assert out.number == "TA-2026-0001" and out.client == "Guadalupe Díaz"
    assert out.judicial_warrant and out.tsdb_match
    assert out.convictions == (
        {"section": "53a-101", "felony_class": "B"},
        {"section": "21a-279", "felony_class": None},
    )
    client = clients.show_client(services, str(out.client_id))
    assert client.matters == (out.number,) and client.phone_safe
    assert client.preferred_language == "es"
    (incident,) = casefile.matter_file(services, out.number).incidents
    assert incident["judicial_warrant"] is True and incident["tsdb_match"] is True
    assert incident["convictions"][0] == {"section": "53a-101", "felony_class": "B"}
    assert incident["time"] == "22:15"
    assert deadlines.list_deadlines(services, matter=out.number)  # computed in the same unit


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"agency": "Danbery Police"}, "did you mean"),
        ({"town": "Nowhere"}, "unknown town"),
        ({"attorney": "Nobody Known"}, "unknown attorney"),
        ({"incident_date": "2099-01-01"}, "after today"),
        ({"name": "  "}, "client name is empty"),
        ({"convictions": [("53a-101", "Z")]}, "unknown felony class"),
        ({"convictions": [(" ", None)]}, "statute section"),
    ],
)
def test_a_refused_intake_leaves_no_client(services, today: date, change, message) -> None:
    before = count_rows(services)
    with pytest.raises(InvalidInput, match=message) as caught:
        open_intake(services, **{**FIELDS, **change})
    assert "Guadalupe" not in str(caught.value)
    assert count_rows(services) == before


def test_a_failure_after_the_client_row_rolls_it_back(
    services, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client is inserted before the matter: a later failure must take it back out."""

    def broken(*_args: object) -> int:
        raise RuntimeError("deadline engine failed")

    monkeypatch.setattr(create, "refresh_matter_deadlines", broken)
    before = count_rows(services)
    with pytest.raises(RuntimeError):
        open_intake(services, **FIELDS)
    assert count_rows(services) == before
    assert clients.list_clients(services) == []


def test_add_matter_keeps_its_behaviour_and_takes_exception_facts(services, today: date) -> None:
    client = clients.add_client(services, name="Luis Chen")
    plain = matters.add_matter(
        services,
        client=client.id,
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
    )
    assert not plain.judicial_warrant and plain.convictions == () and not plain.tsdb_match
    out = matters.add_matter(
        services,
        client="Luis Chen",
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        judicial_warrant=True,
        convictions=[("53a-101", None), ("53a-101", None)],
    )
    (incident,) = casefile.matter_file(services, out.number).incidents
    assert incident["judicial_warrant"] is True
    assert incident["convictions"] == [{"section": "53a-101", "felony_class": None}]
