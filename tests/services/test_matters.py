"""Opening matters: numbers, defendants, default claims, validation, lists (both databases)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from casekit.domain.lawpack import default_pack
from casekit.domain.model import (
    CLAIM_1983,
    CLAIM_52571K,
    CLAIM_CLAIMS_COMMISSIONER,
    CLAIM_FALSE_IMPRISONMENT,
    CLAIM_TRUST_ACT,
)
from casekit.errors import InvalidInput, NotFound
from casekit.services import casefile, clients, matters
from casekit.services.base import AppContext
from casekit.services.matters import create
from services.conftest import count_rows


@pytest.fixture
def client_id(services, today: date) -> int:
    return clients.add_client(services, name="José Núñez", language="es").id


def add(services, client_id: int, **overrides):
    fields = {
        "client": str(client_id),
        "incident_date": "2026-01-10",
        "town": "Danbury",
        "agency": "Danbury Police Department",
        "violations": ["V1"],
    }
    fields.update(overrides)
    return matters.add_matter(services, **fields)


def test_municipal_police_matter(services, client_id: int) -> None:
    out = add(services, client_id, incident_time="14:30", narrative="Held on a detainer.")
    assert out.number == "TA-2026-0001"  # the year the matter is opened (CASEKIT_TODAY)
    assert out.status == "intake" and out.opened_on == date(2026, 3, 15)
    assert out.violations == ("V1_DETAIN_ON_DETAINER",)
    assert out.claims == (CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_52571K, CLAIM_FALSE_IMPRISONMENT)
    (defendant,) = out.parties
    assert defendant.name == "City of Danbury"  # a consolidated town and city
    assert (defendant.kind, defendant.capacity) == ("municipality", "official")
    assert "Clerk" in defendant.service_address and defendant.citation == "§ 52-57(b)(1)"
    assert out.notes == ()
    data = out.to_dict()
    assert data["number"] == "TA-2026-0001" and data["incident_time"] == "14:30"

    assert add(services, client_id).number == "TA-2026-0002"


def test_state_agency_defendant_and_note(services, client_id: int) -> None:
    out = add(services, client_id, town="Danbury", agency="Connecticut State Police Troop A")
    (defendant,) = out.parties
    assert (defendant.name, defendant.kind) == ("State of Connecticut", "state")
    assert "Attorney General" in defendant.service_address and defendant.citation == "§ 52-64"
    assert CLAIM_CLAIMS_COMMISSIONER in out.claims and CLAIM_52571K in out.claims
    assert CLAIM_FALSE_IMPRISONMENT not in out.claims
    assert out.notes == ("Connecticut State Police Troop A is based in Southbury, not Danbury",)


def test_corrections_is_state_but_not_police(services, client_id: int) -> None:
    out = add(services, client_id, town="Cheshire", agency="Cheshire Correctional Institution")
    assert out.claims == (CLAIM_TRUST_ACT, CLAIM_1983, CLAIM_CLAIMS_COMMISSIONER)


def test_default_claims_are_those_the_screening_offers_today(services, client_id: int) -> None:
    # today is 2026-03-15: § 52-571k (1 year) has run for a 2025-03-01 incident, so it is not
    # pre-selected (an expired claim is never offered), nor is the Trust Act claim (before the
    # 2025 action took effect); § 1983 and § 7-465 (2 and 3 years) are still open.
    out = add(services, client_id, incident_date="2025-03-01")
    assert out.claims == (CLAIM_1983, CLAIM_FALSE_IMPRISONMENT)
    # a V2-only matter seizes no one: no § 1983 or false-imprisonment claim
    assert add(services, client_id, violations=["V2"]).claims == (CLAIM_TRUST_ACT, CLAIM_52571K)


def test_opening_a_matter_stores_its_screening_with_the_law_version(
    services, client_id: int
) -> None:
    from casekit.services.casefile.stored_screenings import current_screenings

    out = add(services, client_id)
    (stored,) = current_screenings(services, out.number)
    assert stored.decision == "eligible"
    assert stored.law_version == default_pack().version.label
    assert {c["claim"] for c in stored.claims} == set(default_pack().claims)


def test_explicit_claims_and_attorney(services, client_id: int) -> None:
    from casekit.services.office import add_attorney

    add_attorney(services, name="Dana Whitfield", juris="412345")
    out = add(services, client_id, claims=["section-1983", "trust_act"], attorney="dana whitfield")
    assert out.claims == (CLAIM_1983, CLAIM_TRUST_ACT)
    assert out.attorney == "Dana Whitfield"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"incident_date": "2025-02-30"}, "'2025-02-30' is not a real date"),
        ({"incident_date": "2026-03-16"}, "after today"),
        ({"town": "Danbery"}, "unknown town 'Danbery' \\(did you mean \"Danbury\""),
        ({"agency": "Danbury Police"}, 'did you mean "Danbury Police Department"'),
        ({"violations": ["V9"]}, "unknown violation code 'V9'"),
        ({"claims": ["trust"]}, "unknown claim 'trust'"),
        ({"incident_time": "25:00"}, "not HH:MM"),
        ({"attorney": "Nobody"}, "unknown attorney"),
        ({"client": "Nobody Known"}, "no client has that name"),
        ({"client": "4242"}, "no client has id 4242"),
    ],
)
def test_bad_input_writes_nothing(services, client_id: int, overrides: dict, message: str) -> None:
    before = count_rows(services)
    with pytest.raises((InvalidInput, NotFound), match=message):
        add(services, client_id, **overrides)
    assert count_rows(services) == before


def test_numbers_are_unique_under_concurrency(services, client_id: int) -> None:
    """Four intake workers at once: every matter gets its own number."""
    numbers: list[str] = []
    errors: list[BaseException] = []

    def worker() -> None:
        own = AppContext(services.settings)
        try:
            for _ in range(3):
                numbers.append(add(own, client_id).number)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            own.dispose()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(numbers) == [f"TA-2026-{n:04d}" for n in range(1, 13)]


def test_numbers_restart_each_year(services, client_id: int, monkeypatch) -> None:
    assert add(services, client_id).number == "TA-2026-0001"
    monkeypatch.setenv("CASEKIT_TODAY", "2027-01-02")
    assert add(services, client_id).number == "TA-2027-0001"
    assert add(services, client_id).number == "TA-2027-0002"


def test_list_and_show(services, client_id: int) -> None:
    add(services, client_id)
    add(services, client_id, town="Bethel", agency="Connecticut State Police Troop A")
    rows = matters.list_matters(services)
    assert [r.number for r in rows] == ["TA-2026-0001", "TA-2026-0002"]
    first = rows[0].to_dict()
    assert {k: first[k] for k in ("number", "client", "status", "town", "agency")} == {
        "number": "TA-2026-0001",
        "client": "José Núñez",
        "status": "intake",
        "town": "Danbury",
        "agency": "Danbury Police Department",
    }
    assert first["incident_date"] == date(2026, 1, 10)
    assert matters.list_matters(services, status="closed") == []
    with pytest.raises(InvalidInput, match='did you mean "closed"'):
        matters.list_matters(services, status="closd")

    view = casefile.matter_file(services, "ta-2026-0002").to_dict()
    assert view["number"] == "TA-2026-0002"
    assert view["client"]["name"] == "José Núñez"
    assert "a_number" not in view["client"]
    assert view["incidents"][0]["town"] == "Bethel"
    assert view["parties"][0]["name"] == "State of Connecticut"
    assert view["evidence_count"] == 0
    assert {"custody_events", "deadlines", "notes"} <= set(view)
    sensitive = casefile.matter_file(services, "TA-2026-0002", include_sensitive=True)
    assert "a_number" in sensitive.to_dict()["client"]
    with pytest.raises(NotFound):
        casefile.matter_file(services, "TA-2026-0099")


def test_search_text_is_folded(services, client_id: int) -> None:
    from sqlalchemy import select

    from casekit.store.models import Matter

    add(services, client_id)
    with services.engine.connect() as conn:
        text = conn.execute(select(Matter.search_text)).scalar()
    assert text == "jose nunez ta 2026 0001 danbury danbury police department"


def test_deadline_hook_runs_in_the_same_transaction(services, client_id: int, monkeypatch) -> None:
    seen: list[int] = []

    def refresh_matter_deadlines(session, matter_id, svc) -> None:
        seen.append(matter_id)
        raise RuntimeError("deadline engine failed")

    monkeypatch.setattr(create, "refresh_matter_deadlines", refresh_matter_deadlines)
    before = count_rows(services)
    with pytest.raises(RuntimeError):
        add(services, client_id)
    assert len(seen) == 1
    assert count_rows(services) == before  # the failed hook rolled the matter back
