"""Firm settings and attorneys (both databases)."""

from __future__ import annotations

import pytest

from casekit.errors import ConfigurationError, InvalidInput
from casekit.services.office import settings
from services.conftest import count_rows


def test_set_and_show(services) -> None:
    assert settings.show_settings(services)["firm.name"] == ""
    assert settings.set_setting(services, "firm.name", "  Legal  Aid ") == {
        "key": "firm.name",
        "value": "Legal Aid",
    }
    settings.set_setting(services, "FIRM.NAME", "Other Aid")  # keys ignore case
    settings.set_setting(services, "smtp.starttls", "yes")
    settings.set_setting(services, "smtp.port", "587")
    shown = settings.show_settings(services)
    assert shown["firm.name"] == "Other Aid"
    assert shown["smtp.starttls"] == "true" and shown["smtp.port"] == "587"
    assert list(shown) == list(settings.KNOWN_KEYS)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("firm.nmae", "x", "unknown setting 'firm.nmae' \\(known: firm.name, firm.address"),
        ("smtp.port", "99999", "smtp.port must be"),
        ("smtp.starttls", "maybe", "true or false"),
        ("firm.email", "nope", "not a valid e-mail"),
        ("firm.juris_number", "12ab", "juris number"),
    ],
)
def test_bad_settings_write_nothing(services, key: str, value: str, message: str) -> None:
    before = count_rows(services)
    with pytest.raises(InvalidInput, match=message):
        settings.set_setting(services, key, value)
    assert count_rows(services) == before


def test_get_firm_names_the_missing_setting(services) -> None:
    settings.set_setting(services, "firm.name", "Legal Aid")
    settings.set_setting(services, "firm.address", "1 Main St, Hartford, CT")
    with pytest.raises(ConfigurationError, match="firm.juris_number is not set: run casekit"):
        settings.get_firm(services)
    settings.set_setting(services, "firm.juris_number", "412345")
    firm = settings.get_firm(services)
    assert (firm.name, firm.juris_number, firm.phone) == ("Legal Aid", "412345", "")


def test_attorneys(services) -> None:
    added = settings.add_attorney(
        services, name="Dana Whitfield", juris="412345", email="dana@firm.example"
    )
    assert added.to_domain().juris_number == "412345"
    settings.add_attorney(services, name="Álvaro Ruiz", juris="412346")
    assert [a.name for a in settings.list_attorneys(services)] == ["Dana Whitfield", "Álvaro Ruiz"]
    with pytest.raises(InvalidInput, match="already exists"):
        settings.add_attorney(services, name="dana whitfield", juris="412347")
    with pytest.raises(InvalidInput, match="juris number"):
        settings.add_attorney(services, name="New Person", juris="x")
