"""validate_intake: one validation path, field → message, for the services, the CLI and the form."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from casekit.errors import InvalidInput
from casekit.services.clients import ClientInput
from casekit.services.matters.inputs import (
    CustodyInput,
    ExistingClientIntake,
    MatterInput,
    NewClientIntake,
)
from casekit.services.matters.spec import check_matter
from casekit.services.matters.validation import first_problem, validate_intake

TODAY = date(2026, 3, 15)
MATTER: dict[str, Any] = {
    "incident_date": "2026-01-10",
    "town": "Danbury",
    "agency": "Danbury Police Department",
    "violations": ("V1",),
}


def intake(client: dict[str, Any] | None = None, **matter: Any) -> NewClientIntake:
    custody = matter.pop("custody", ())
    return NewClientIntake(
        client=ClientInput(**{"name": "Ana Ruiz", **(client or {})}),
        matter=MatterInput(**{**MATTER, **matter}),
        custody=tuple(CustodyInput(kind=k, at=at) for k, at in custody),
    )


def test_a_good_intake_has_nothing_to_fix() -> None:
    assert validate_intake(intake(), TODAY) == {}


@pytest.mark.parametrize(
    ("client", "matter", "expected"),
    [
        ({"name": "  "}, {}, {"name": "client name is empty"}),
        ({"email": "ana@"}, {}, {"email": "e-mail is not a valid e-mail address"}),
        ({"phone_safe": True}, {}, {"phone_safe": "--safe-phone needs a phone"}),
        (
            {"date_of_birth": "1990-02-30"},
            {},
            {"date_of_birth": "date of birth is not a real date (expected YYYY-MM-DD)"},
        ),
        ({"a_number": "12"}, {}, {"a_number": "A-number must be 'A' followed by 8 or 9 digits"}),
        (
            {},
            {"incident_date": "2026-05-01"},
            {"incident_date": "incident date 2026-05-01 is after today (2026-03-15)"},
        ),
        (
            {},
            {"incident_time": "25:00"},
            {"incident_time": "incident time '25:00' is not HH:MM (24-hour clock)"},
        ),
        (
            {},
            {"convictions": ((" ", None),)},
            {"convictions": "a conviction needs a statute section, e.g. 53a-101"},
        ),
    ],
)
def test_each_wrong_field_has_its_message(
    client: dict[str, Any], matter: dict[str, Any], expected: dict[str, str]
) -> None:
    assert validate_intake(intake(client, **matter), TODAY) == expected


def test_every_problem_is_listed_in_the_order_the_service_checks_them() -> None:
    problems = validate_intake(
        intake(
            {"name": "", "email": "x"},
            incident_time="7pm",
            custody=[("arrest", "2026-02-30 10:00")],
        ),
        TODAY,
    )
    assert list(problems) == ["name", "email", "incident_time", "custody.arrest"]
    with pytest.raises(InvalidInput, match="client name is empty"):
        first_problem(problems)


def test_without_echo_no_message_repeats_what_was_typed() -> None:
    problems = validate_intake(
        intake(
            incident_date="2026-05-01",
            incident_time="25:61",
            custody=[("release", "2026-13-01 10:00")],
        ),
        TODAY,
        echo=False,
    )
    assert problems == {
        "incident_date": "incident date is after today (2026-03-15)",
        "incident_time": "incident time is not HH:MM (24-hour clock)",
        "custody.release": "release time is not a real date and time (expected YYYY-MM-DD HH:MM)",
    }


def test_an_existing_client_is_checked_on_what_the_form_changes() -> None:
    existing = ExistingClientIntake(
        client=7,
        client_changes={"email": "nope", "phone": "860-555-0100"},
        matter=MatterInput(**MATTER),
    )
    assert validate_intake(existing, TODAY) == {"email": "e-mail is not a valid e-mail address"}


def test_the_service_refuses_with_the_first_message() -> None:
    with pytest.raises(InvalidInput, match="'2025-02-30' is not a real date"):
        check_matter(MatterInput(**{**MATTER, "incident_date": "2025-02-30"}), TODAY)
