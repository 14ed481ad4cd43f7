"""Rows for the evidence, records and reports tests, inserted directly with the store models.

Plain functions (the conftests wrap them in fixtures), shared by ``tests/evidence`` and
``tests/reports``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlmodel import select

from casekit.services.base import AppContext
from casekit.store.models import Agency, Client, Deadline, Incident, Matter, Town, User


def get_or_create(session: Any, model: Any, name: str, **values: Any) -> Any:
    row = session.exec(select(model).where(model.name == name)).first()
    if row is None:
        row = model(name=name, **values)
        session.add(row)
        session.flush()
    return row


class MatterFactory:
    """Insert a client, a matter and (optionally) an incident; return the matter number."""

    def __init__(self, services: AppContext) -> None:
        self.services = services
        self.n = 0

    def __call__(
        self,
        *,
        client_name: str = "Juana Nadie",
        violations: tuple[str, ...] = ("V1_DETAIN_ON_DETAINER",),
        town: str = "Hartford",
        agency: str = "Hartford Police Department",
        occurred_on: date = date(2026, 3, 14),
        attorney: str | None = "Ada Lawyer",
        attorney_email: str = "",
        status: str = "active",
        incident: bool = True,
        judicial_warrant: bool = False,
        a_number: str = "A123456789",
        immigration_status: str = "pending asylum",
        date_of_birth: date | None = date(1990, 5, 17),
    ) -> str:
        self.n += 1
        number = f"TA-2026-{self.n:04d}"
        with self.services.transaction() as s:
            t = get_or_create(
                s,
                Town,
                town,
                county="Hartford",
                judicial_district="Hartford",
                jd_court_location="Hartford",
                jd_courthouse_address="95 Washington St",
                judicial_district_before_2025_10_01="Hartford",
            )
            a = get_or_create(s, Agency, agency, kind="municipal_police", town_id=t.id)
            user_id = None
            if attorney:
                u = get_or_create(s, User, attorney, role="attorney", email=attorney_email)
                if attorney_email and u.email != attorney_email:
                    u.email = attorney_email
                user_id = u.id
            c = Client(
                name=client_name,
                name_key=client_name.lower(),
                a_number=a_number,
                immigration_status=immigration_status,
                date_of_birth=date_of_birth,
            )
            s.add(c)
            s.flush()
            m = Matter(
                number=number,
                client_id=c.id,
                status=status,
                attorney_id=user_id,
                opened_on=date(2026, 3, 20),
                search_text=number.lower(),
            )
            s.add(m)
            s.flush()
            if incident:
                s.add(
                    Incident(
                        matter_id=m.id,
                        occurred_on=occurred_on,
                        town_id=t.id,
                        agency_id=a.id,
                        violations=list(violations),
                        judicial_warrant=judicial_warrant,
                    )
                )
        return number


def add_deadline(
    services: AppContext,
    number: str,
    *,
    due: date,
    safe_target: date | None = None,
    rule_id: str = "CT_TORT_SOL",
    title: str = "Commence tort action (serve process)",
    kind: str = "limitation",
    citation: str = "§ 52-577",
    confidence: str = "confirmed",
    status: str = "open",
    trail: tuple[str, ...] = ("Trigger: incident.",),
) -> int:
    """Insert a deadline row on matter ``number``; return its id."""
    with services.transaction() as s:
        m = s.exec(select(Matter).where(Matter.number == number)).one()
        row = Deadline(
            matter_id=m.id,
            key=f"{rule_id}:{due.isoformat()}",
            rule_id=rule_id,
            title=title,
            kind=kind,
            trigger_event="incident",
            trigger_date=date(2026, 3, 14),
            due=due,
            safe_target=safe_target or due,
            citation=citation,
            confidence=confidence,
            status=status,
            trail=list(trail),
            updated_at=datetime(2026, 11, 1, tzinfo=UTC),
        )
        s.add(row)
        s.flush()
        assert row.id is not None
        return row.id
