"""The services' views that are a domain record plus a few fields: they are that record, and their
plain form keeps the keys and the order the CLI's ``--json`` prints."""

from __future__ import annotations

from datetime import date

from casekit.domain import fees
from casekit.domain.model import Attorney, Client
from casekit.services.clients.records import ClientOut
from casekit.services.fees.costs import CostOut
from casekit.services.fees.results import TimeEntryOut
from casekit.services.office.settings import AttorneyOut

DAY = date(2026, 3, 2)


def test_a_client_view_is_a_client_with_its_id_first_and_sensitive_fields_on_request() -> None:
    shown = ClientOut(id=7, name="Ana", date_of_birth=DAY, a_number="A1", matters=("TA-1",))
    assert isinstance(shown, Client)
    assert list(shown.to_dict()) == [
        "id", "name", "preferred_name", "preferred_language", "phone", "phone_safe", "email",
        "email_safe", "address", "address_safe", "matters", "version",
    ]  # fmt: skip
    asked = ClientOut(id=7, name="Ana", date_of_birth=DAY, sensitive_included=True).to_dict()
    assert list(asked)[-4:] == ["date_of_birth", "a_number", "immigration_status", "version"]
    assert asked["date_of_birth"] == DAY and asked["matters"] == []


def test_an_attorney_view_is_an_attorney_with_its_id_first() -> None:
    out = AttorneyOut(id=3, name="Maria", juris_number="412345", phone="860")
    assert out.to_domain() == Attorney("Maria", "412345", phone="860")
    assert out.to_dict() == {
        "id": 3, "name": "Maria", "juris_number": "412345", "email": "", "phone": "860",
        "active": True,
    }  # fmt: skip


def _entry(tenths: int, petitions: tuple[int, ...] = ()) -> TimeEntryOut:
    return TimeEntryOut(
        id=1, worked_on=DAY, timekeeper_id=2, timekeeper="M", role="attorney", tenths=tenths,
        category="drafting", petitions=petitions, version=1, matter="TA-1", source="manual",
    )  # fmt: skip


def test_an_entry_view_is_its_fact_but_a_reversal_is_locked_too() -> None:
    reversal = _entry(-5)
    assert reversal.to_fact() == fees.TimeFact(
        id=1, worked_on=DAY, timekeeper_id=2, timekeeper="M", role="attorney", tenths=-5,
        category="drafting",
    )  # fmt: skip
    assert reversal.locked and not reversal.to_fact().locked
    assert _entry(5, (1,)).locked and not _entry(5).locked


def test_a_cost_view_is_its_fact_and_names_its_receipt() -> None:
    cost = CostOut(
        id=4, incurred_on=DAY, kind="filing", description="fee", cents=-40500,
        receipt_evidence_id=9, version=1, matter="TA-1",
    )  # fmt: skip
    assert cost.receipt_evidence_id == 9 and cost.to_dict()["receipt_evidence_id"] == 9
    assert cost.locked and not cost.to_fact().locked
