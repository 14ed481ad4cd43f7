"""Migration 0014 on SQLite and PostgreSQL: the open deadlines of matters already closed or
declined are closed with them; each database gets its own installation id."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text

from casekit.store import migrate


def test_upgrade_closes_open_deadlines_of_closed_matters(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.clients import add_client
    from casekit.services.deadlines import calendar_export as ics
    from casekit.services.matters import add_matter

    numbers = []
    for name in ("Ana Example", "Bea Example"):
        client = add_client(services, name=name)
        numbers.append(
            add_matter(
                services,
                client=str(client.id),
                incident_date=date(2025, 11, 3),
                town="Ansonia",
                agency="Ansonia Police Department",
                violations=["V1"],
            ).number
        )
    done = deadlines.list_deadlines(services, matter=numbers[0])[0]
    deadlines.set_status_current(services, done.id, "done", "filed")
    first_install = ics.installation_id(services)
    engine = services.engine
    migrate.downgrade(engine, "0009")
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE matter SET status = 'closed' WHERE number = :n"), {"n": numbers[0]}
        )
    migrate.upgrade(engine)

    closed = deadlines.list_deadlines(services, matter=numbers[0], status="all")
    assert {d.status for d in closed if d.id != done.id} == {"superseded"}
    assert {d.status_reason for d in closed if d.id != done.id} == {"matter closed"}
    assert next(d for d in closed if d.id == done.id).status == "done"
    assert deadlines.list_deadlines(services, matter=numbers[1])  # the open matter keeps them
    assert {d.status for d in deadlines.list_deadlines(services, matter=numbers[1])} == {"open"}
    second = ics.installation_id(services)
    assert second and second != first_install  # a new id (downgrade dropped the old one)
    # Closed by the migration the same way as by casekit: reopening restores them.
    from casekit.services.deadlines import lifecycle

    reopened = lifecycle.change_status(services, numbers[0], "active", restore=True)
    assert len(reopened.restored) == len(closed) - 1
