"""Fixtures for the fees, costs and resolution tests (SQLite and PostgreSQL, like ``services``).

``today`` pins ``CASEKIT_TODAY`` to 2027-03-15. ``office`` is a firm with three timekeepers (two
attorneys, one paralegal with a Vietnamese name), two rates each, and one matter for a client
whose name needs UTF-8, opened through the services the way intake opens one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from tests import factories
from tests.factories import pin_today, set_firm

#: Not the suite's 2026-03-15: the expected figures here (the rate in effect, periods since the
#: 2025 matter) were worked out for 2027-03-15.
TODAY = date(2027, 3, 15)
FIRM = {
    "firm.name": "Smith & Jones <LLP>",
    "firm.address": "100 Pearl Street, Hartford, CT 06103",
    "firm.juris_number": "123456",
}
ANA = "Ana Whitfield"
BEN = "Ben Okafor"
LAN = "Nguyễn Thị Lan"
#: (timekeeper, first day, dollars an hour, source)
RATES = (
    (ANA, "2025-01-01", "300", "Affidavit of Ana Whitfield, ¶ 4"),
    (ANA, "2026-01-01", "340", "2026 Connecticut fee survey"),
    (BEN, "2025-01-01", "250", "Affidavit of Ben Okafor, ¶ 3"),
    (BEN, "2026-03-01", "333.33", "Award in Doe v. Town (D. Conn.)"),
    (LAN, "2025-01-01", "110", "Affidavit of Ana Whitfield, ¶ 9"),
    (LAN, "2026-01-01", "125", "2026 Connecticut fee survey"),
)


@dataclass
class Office:
    svc: Any
    matter: str


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> date:
    return pin_today(monkeypatch, TODAY)


def open_matter(svc: Any, name: str = "María José Núñez", attorney: str = ANA) -> str:
    """:func:`tests.factories.open_matter`, with Ana Whitfield as the attorney."""
    return factories.open_matter(svc, name, attorney)


@pytest.fixture
def office(services: Any) -> Office:
    from casekit.domain.fees import parse_money
    from casekit.services import fees
    from casekit.services.office import add_attorney

    set_firm(services, firm=FIRM)
    add_attorney(services, name=ANA, juris="411111", email="ana@example.org")
    add_attorney(services, name=BEN, juris="422222")
    fees.add_timekeeper(services, name=LAN, role="paralegal")
    for who, day, dollars, source in RATES:
        fees.add_rate(
            services,
            who,
            cents_per_hour=parse_money(dollars),
            effective_from=date.fromisoformat(day),
            source=source,
        )
    return Office(services, open_matter(services))
