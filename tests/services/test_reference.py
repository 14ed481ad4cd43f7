"""Towns and agencies (both databases)."""

from __future__ import annotations

import pytest

from casekit.errors import InvalidInput
from casekit.services.reference import list_agencies, list_towns


def test_towns(services) -> None:
    towns = list_towns(services)
    assert len(towns) == 169
    avon = next(t for t in towns if t.name == "Avon")
    assert avon.judicial_district == "Litchfield"
    assert avon.judicial_district_before_2025_10_01 == "Hartford"
    assert avon.jd_court_location


def test_agencies_filtered(services) -> None:
    assert len(list_agencies(services)) == 211
    danbury = list_agencies(services, town="danbury")
    assert "Danbury Police Department" in {a.name for a in danbury}
    assert all(a.town == "Danbury" for a in danbury)
    state = list_agencies(services, kind="State Police")
    assert state and all(a.kind == "state_police" for a in state)


def test_unknown_town_or_kind(services) -> None:
    with pytest.raises(InvalidInput, match='did you mean "Danbury"'):
        list_agencies(services, town="Danbery")
    with pytest.raises(InvalidInput, match='did you mean "municipal_police"'):
        list_agencies(services, kind="municipal_polise")
