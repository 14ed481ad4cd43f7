"""The resolution log, the fee-motion deadlines a judgment starts, outcomes in the office
reports, and what the dashboard shows (both databases)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from casekit.errors import InvalidInput
from tests.services.fees.conftest import BEN, TODAY, Office, open_matter


def _add(office: Office, **values: Any) -> Any:
    from casekit.services.deadlines.resolution import add_resolution

    return add_resolution(office.svc, office.matter, **values)


def test_demands_offers_and_settlements(office: Office) -> None:
    from casekit.services.deadlines.resolution import list_resolution, update_resolution

    demand = _add(office, kind="demand", dated=date(2027, 1, 5), amount="75000",
                  injunctive_terms="Rescind the detainer policy").event  # fmt: skip
    assert (demand.side, demand.status, demand.cents) == ("plaintiff", "open", 7_500_000)
    offer = _add(office, kind="offer", dated=date(2027, 2, 1), amount="$15,000",
                 expires_on=date(2027, 3, 1), party="City of Danbury").event  # fmt: skip
    assert (offer.side, offer.party) == ("defendant", "City of Danbury")
    rejected = update_resolution(office.svc, offer.id, status="rejected").event
    assert rejected.status == "rejected"
    settled = _add(office, kind="settlement", amount="40000",
                   terms="Fees and costs to be decided by the court",
                   injunctive_terms="Written policy within 90 days").event  # fmt: skip
    assert settled.status == "" and settled.expires_on is None
    assert [e.kind for e in list_resolution(office.svc, office.matter)] == [
        "demand", "offer", "settlement",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": "offer"}, "needs an amount or terms"),
        ({"kind": "settlement"}, "needs an amount or terms"),
        ({"kind": "bribe", "amount": "1"}, "unknown resolution kind"),
        ({"kind": "offer", "amount": "1", "expires_on": date(2026, 1, 1)}, "before the date"),
        ({"kind": "offer", "amount": "1", "dated": date(2027, 3, 16)}, "after today"),
        ({"kind": "settlement", "amount": "1", "expires_on": TODAY}, "does not expire"),
        ({"kind": "judgment", "court": "state"}, "in whose favour"),
        ({"kind": "judgment", "side": "plaintiff"}, "which court"),
        ({"kind": "judgment", "side": "plaintiff", "court": "tax"}, "unknown court"),
        ({"kind": "offer", "amount": "1", "court": "state"}, "--court is for judgments"),
        ({"kind": "offer", "amount": "1", "party": "Nobody"}, "no party"),
        ({"kind": "offer", "amount": "-5"}, "cannot be negative"),
    ],
)
def test_bad_entries_are_refused(office: Office, values: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        _add(office, **values)


def _deadlines(svc: Any, matter: str) -> dict[str, Any]:
    from casekit.services.deadlines import list_deadlines

    return {d.rule_id: d for d in list_deadlines(svc, matter=matter, status="all")}


def test_a_state_judgment_starts_the_practice_book_fee_motion_clock(office: Office) -> None:
    from casekit.services.deadlines import recompute_apply

    recorded = _add(office, kind="judgment", dated=date(2027, 3, 1), side="plaintiff",
                    court="state", amount="25000")  # fmt: skip
    diff = recorded.recompute
    added = {c.rule_id: c for c in diff.changes if c.kind == "added"}
    assert set(added) == {"CT_FEE_MOTION"}  # nothing moves until it is accepted
    assert "CT_FEE_MOTION" not in _deadlines(office.svc, office.matter)
    recompute_apply(office.svc, office.matter, diff)
    deadline = _deadlines(office.svc, office.matter)["CT_FEE_MOTION"]
    assert deadline.due == date(2027, 3, 31)  # 30 days after the judgment
    assert deadline.citation == "Practice Book § 11-21"
    assert deadline.confidence == "secondary" and deadline.verify
    assert deadline.trigger_date == date(2027, 3, 1)


def test_a_federal_judgment_starts_rule_54_and_a_defendant_judgment_nothing(
    office: Office,
) -> None:
    from casekit.services.deadlines import recompute_apply

    lost = _add(office, kind="judgment", dated=date(2027, 2, 1), side="defendant",
                court="federal")  # fmt: skip
    assert not lost.recompute.has_changes
    won = _add(office, kind="judgment", dated=date(2027, 3, 5), side="plaintiff",
               court="federal")  # fmt: skip
    recompute_apply(office.svc, office.matter, won.recompute)
    deadline = _deadlines(office.svc, office.matter)["FED_FEE_MOTION"]
    # 14 days after entry: 2027-03-19, a Friday; the citation and "verify" travel with it.
    assert (deadline.due, deadline.safe_target) == (date(2027, 3, 19), date(2027, 3, 19))
    assert deadline.citation == "Fed. R. Civ. P. 54(d)(2)(B)(i)"
    assert deadline.confidence == "secondary"


def test_removing_the_judgment_shows_the_deadline_going(office: Office) -> None:
    from casekit.services.deadlines import recompute_apply
    from casekit.services.deadlines.resolution import remove_resolution

    won = _add(office, kind="judgment", dated=date(2027, 3, 1), side="plaintiff", court="state")
    recompute_apply(office.svc, office.matter, won.recompute)
    removed = remove_resolution(office.svc, won.event.id)
    assert [c.rule_id for c in removed.recompute.changes if c.kind == "removed"] == [
        "CT_FEE_MOTION"
    ]


def test_close_with_an_outcome(office: Office) -> None:
    from casekit.services import fees
    from casekit.services.deadlines.resolution import close_matter

    timer = fees.start_timer(office.svc, office.matter, timekeeper=BEN)
    with pytest.raises(InvalidInput, match="timer is still running"):
        close_matter(office.svc, office.matter, outcome="settlement")
    fees.discard_timer(office.svc, timer.id)
    with pytest.raises(InvalidInput, match="unknown outcome"):
        close_matter(office.svc, office.matter, outcome="won")
    with pytest.raises(InvalidInput, match="before the matter was opened"):
        close_matter(office.svc, office.matter, outcome="settlement", closed_on=date(2027, 3, 10))
    closed = close_matter(office.svc, office.matter, outcome="settlement")
    assert (closed.status, closed.outcome, closed.closed_on) == ("closed", "settlement", TODAY)
    other = open_matter(office.svc, name="Pedro Páramo")
    assert close_matter(office.svc, other, outcome="declined").status == "declined"


def test_caseload_and_agencies_count_outcomes_with_small_cell_suppression(
    office: Office,
) -> None:
    from casekit.services.deadlines.resolution import close_matter
    from casekit.services.reports import agencies_csv, agencies_report, caseload_report

    close_matter(office.svc, office.matter, outcome="settlement")
    for name in ("Ana Uno", "Ana Dos", "Ana Tres"):
        close_matter(office.svc, open_matter(office.svc, name=name), outcome="injunction")
    open_matter(office.svc, name="Still Open")
    caseload = caseload_report(office.svc)
    assert dict(caseload.by_outcome) == {
        "injunction": 3, "settlement": 1, "judgment": 0, "dismissal": 0, "declined": 0,
    }  # fmt: skip
    assert caseload.to_dict()["by_outcome"]["injunction"] == 3

    report = agencies_report(office.svc, min_cell=3)
    assert [o.to_dict() for o in report.outcomes] == [
        {"agency": "Danbury Police Department", "outcome": "injunction", "count": 3},
        {"agency": "Danbury Police Department", "outcome": "settlement", "count": "<3"},
    ]
    assert b"Danbury Police Department,settlement,<3" in agencies_csv(report, "outcomes")
    assert b"outcome" not in agencies_csv(report)  # the violations table is unchanged


def test_dashboard_lists_offers_about_to_expire_and_my_timers(office: Office) -> None:
    from casekit.services import dashboard, fees

    soon = _add(office, kind="offer", amount="15000", expires_on=TODAY + timedelta(days=5))
    _add(office, kind="demand", amount="90000", expires_on=TODAY + timedelta(days=40))
    lapsed = _add(office, kind="offer", dated=date(2027, 3, 1), amount="9000",
                  expires_on=TODAY - timedelta(days=2))  # fmt: skip
    from casekit.services.deadlines.resolution import update_resolution

    done = _add(office, kind="offer", amount="1000", expires_on=TODAY + timedelta(days=1))
    update_resolution(office.svc, done.event.id, status="withdrawn")
    timer = fees.start_timer(office.svc, office.matter, timekeeper=BEN)

    data = dashboard.dashboard(office.svc)
    assert [(o.event_id, o.days_left, o.cents) for o in data.offers] == [
        (lapsed.event.id, -2, 900_000),
        (soon.event.id, 5, 1_500_000),
    ]
    assert data.offers[0].matter_number == office.matter and data.offers[0].kind == "offer"
    assert [(t.timer_id, t.timekeeper, t.matter_number) for t in data.timers] == [
        (timer.id, BEN, office.matter)
    ]
    assert data.timers[0].started_at.tzinfo is not None
