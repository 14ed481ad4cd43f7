"""Parties: defendants from the registries with the deadline preview they cause, and people
(both databases)."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import ConflictError, InvalidInput, NotFound
from casekit.services import casefile as parties
from casekit.services import clients, deadlines, matters
from services.conftest import count_rows


@pytest.fixture
def number(services, today: date) -> str:
    client = clients.add_client(services, name="José Núñez")
    return matters.add_matter(
        services,
        client=client.id,
        incident_date="2026-01-10",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1"],
    ).number


def _rules(diff) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    return {
        kind: {c.rule_id for c in getattr(diff, kind)} for kind in ("added", "moved", "removed")
    }


def test_state_defendant_from_an_agency_previews_its_notice(services, number: str) -> None:
    party = parties.add_party(
        services, number, role="defendant", agency="Connecticut State Police Troop A"
    )
    assert (party.name, party.kind, party.capacity) == ("State of Connecticut", "state", "official")
    assert party.citation == "§ 52-64" and "Attorney General" in party.service_address
    assert party.agency == "Connecticut State Police Troop A"
    assert party.recompute is not None
    assert "CT_CLAIMS_COMMISSIONER" in _rules(party.recompute)["added"]
    # Nothing moved yet: the attorney accepts the preview.
    assert "CT_CLAIMS_COMMISSIONER" not in {d.rule_id for d in deadlines.list_deadlines(services)}
    deadlines.recompute_apply(services, number, expected=party.recompute)
    assert "CT_CLAIMS_COMMISSIONER" in {d.rule_id for d in deadlines.list_deadlines(services)}


def test_town_defendant_and_duplicates(services, number: str) -> None:
    with pytest.raises(InvalidInput, match="City of Danbury is already a defendant"):
        parties.add_party(services, number, role="defendant", town="danbury")
    with pytest.raises(InvalidInput, match="already a defendant"):
        parties.add_party(services, number, role="defendant", agency="Danbury Police Department")
    party = parties.add_party(services, number, role="defendant", town="Hartford")
    assert (party.name, party.kind, party.town) == ("City of Hartford", "municipality", "Hartford")
    assert party.citation == "§ 52-57(b)(1)"
    assert party.service_address.startswith("Clerk, City of Hartford")
    assert party.recompute is not None
    assert "CT_7465_NOTICE" in _rules(party.recompute)["added"]  # one notice per municipality
    # A resident-trooper town has no police department of its own, and is still a town.
    andover = parties.add_party(services, number, role="defendant", town="Andover")
    assert (andover.name, andover.kind) == ("Town of Andover", "municipality")


def test_officer_sued_individually(services, number: str) -> None:
    party = parties.add_party(
        services,
        number,
        role="Defendant",
        name="Officer  Pat Doe",
        agency="Danbury Police Department",
    )
    assert (party.name, party.kind, party.capacity) == ("Officer Pat Doe", "person", "individual")
    assert party.recompute is not None  # § 52-571k applies to a police officer
    with pytest.raises(InvalidInput, match="that person is already a defendant") as caught:
        parties.add_party(
            services,
            number,
            role="defendant",
            name="officer pat doe",
            agency="Danbury Police Department",
            capacity="individual",
        )
    assert "Pat" not in str(caught.value)


def test_people_and_the_list(services, number: str) -> None:
    witness = parties.add_party(services, number, role="witness", name="Rosa Díaz")
    assert (witness.kind, witness.recompute) == ("person", None)
    parties.add_party(services, number, role="opposing counsel", name="Assistant AG")
    parties.add_party(services, number, role="plaintiff", name="José Núñez")
    roles = [p.role for p in parties.list_parties(services, number)]
    assert roles == ["defendant", "plaintiff", "witness", "opposing_counsel"]
    assert witness.to_dict()["recompute"] is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "defendent", "agency": "Danbury Police Department"}, 'did you mean "defendant"'),
        ({"role": "defendant", "agency": "Danbery Police"}, "did you mean"),
        ({"role": "defendant", "town": "Danbery"}, 'did you mean "Danbury"'),
        ({"role": "defendant"}, "from the registry"),
        (
            {"role": "defendant", "agency": "Danbury Police Department", "town": "Danbury"},
            "not both",
        ),
        (
            {"role": "defendant", "agency": "Danbury Police Department", "capacity": "oficial"},
            "did you mean",
        ),
        (
            {"role": "defendant", "agency": "Danbury Police Department", "capacity": "individual"},
            "needs --name",
        ),
        (
            {
                "role": "defendant",
                "agency": "Danbury Police Department",
                "name": "Chief X",
                "capacity": "official",
            },
            "against the employer",
        ),
        ({"role": "defendant", "town": "Danbury", "name": "X"}, "leave out --name"),
        ({"role": "witness"}, "needs a name"),
        ({"role": "witness", "name": "A", "agency": "Danbury Police Department"}, "is a person"),
        ({"role": "witness", "name": "x" * 300}, "longer than"),
    ],
)
def test_bad_party_writes_nothing(services, number: str, kwargs, message: str) -> None:
    from casekit.store import models as m

    before = count_rows(services, m.Party, m.AuditEvent)
    with pytest.raises(InvalidInput, match=message):
        parties.add_party(services, number, **kwargs)
    assert count_rows(services, m.Party, m.AuditEvent) == before


def test_remove_a_defendant_previews_the_removal(services, number: str) -> None:
    added = parties.add_party(
        services, number, role="defendant", agency="Connecticut State Police Troop A"
    )
    assert added.recompute is not None
    deadlines.recompute_apply(services, number, expected=added.recompute)
    with pytest.raises(ConflictError):
        parties.remove_party(services, added.id, version=added.version + 1)
    removed = parties.remove_party(services, added.id, version=added.version)
    assert removed.name == "State of Connecticut" and removed.recompute is not None
    assert "CT_CLAIMS_COMMISSIONER" in _rules(removed.recompute)["removed"]
    open_rules = {d.rule_id for d in deadlines.list_deadlines(services, matter=number)}
    assert "CT_CLAIMS_COMMISSIONER" in open_rules  # still open until the attorney accepts
    deadlines.recompute_apply(services, number, expected=removed.recompute)
    open_rules = {d.rule_id for d in deadlines.list_deadlines(services, matter=number)}
    assert "CT_CLAIMS_COMMISSIONER" not in open_rules
    assert [p.name for p in parties.list_parties(services, number)] == ["City of Danbury"]
    with pytest.raises(NotFound):
        parties.remove_party(services, added.id, version=None)


def test_remove_a_witness_has_no_preview(services, number: str) -> None:
    witness = parties.add_party(services, number, role="witness", name="Rosa Díaz")
    assert parties.remove_party(services, witness.id, version=witness.version).recompute is None


def test_unknown_matter(services, today: date) -> None:
    with pytest.raises(NotFound):
        parties.add_party(services, "TA-2099-0001", role="witness", name="A")
