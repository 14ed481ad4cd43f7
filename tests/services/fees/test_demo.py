"""The demo shows every part of issue 18 on a fresh database (both databases)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select


def test_demo_has_fees_offers_outcomes_and_a_fee_motion(services: Any) -> None:
    from casekit.services import dashboard
    from casekit.services.demo import run_demo
    from casekit.services.fees import fee_report, list_timekeepers
    from casekit.services.reports import caseload_report
    from casekit.store.models import Cost, Deadline, Matter, Rate, TimeEntry

    run_demo(services, matters=80, seed=7)
    assert "paralegal" in {t.role for t in list_timekeepers(services)}
    with services.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Rate)) >= 6
        assert session.scalar(select(func.count()).select_from(TimeEntry)) >= 30
        assert session.scalar(select(func.count()).select_from(Cost)) >= 5
        billed = session.scalars(select(TimeEntry.matter_id)).first()
        number = session.get(Matter, billed).number
        fee_motions = session.scalars(
            select(Deadline.rule_id).where(Deadline.rule_id == "CT_FEE_MOTION")
        ).all()
    report = fee_report(services, number)
    assert report.summary.lodestar_cents > 0 and report.summary.missing_rates == ()
    offers = dashboard.dashboard(services).offers
    assert offers and any(o.days_left < 0 for o in offers)
    outcomes = dict(caseload_report(services).by_outcome)
    assert sum(outcomes.values()) > 0 and "not recorded" not in outcomes
    assert fee_motions == ["CT_FEE_MOTION"]
