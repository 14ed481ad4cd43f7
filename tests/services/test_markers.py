"""Deadlines you can trust at a glance (issue 15, item 4): an incident change whose recompute is
not accepted leaves the deadlines "out of date" until accepted or kept with a reason; the day a
deadline was done is recorded and cleared when it is reopened. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casekit.errors import ConflictError, InvalidInput
from casekit.services import casefile as timeline
from casekit.services import casefile as views
from casekit.services import clients, dashboard, deadlines, matters
from casekit.services.deadlines import markers
from casekit.store.models import AuditEvent, Deadline, Matter, RecomputeMarker


def _matter(svc) -> str:
    clients.add_client(svc, name="María Pérez-Gómez")
    out = matters.add_matter(
        svc,
        client="María Pérez-Gómez",
        incident_date="2025-11-03",
        town="Danbury",
        agency="Danbury Police Department",
        violations=["V1_DETAIN_ON_DETAINER"],
    )
    return out.number


def _markers(svc) -> list[RecomputeMarker]:
    with svc.transaction() as session:
        rows = session.exec(select(RecomputeMarker).order_by(RecomputeMarker.id)).scalars().all()
        for row in rows:
            session.expunge(row)
        return list(rows)


def test_rejected_incident_change_marks_until_accepted(services, today: date) -> None:
    number = _matter(services)
    diff = timeline.update_incident(services, number, occurred_on="2025-11-04")
    assert diff.moved
    marker = markers.open_marker(services, number)
    assert marker is not None
    assert marker.text == (
        f"out of date: incident changed on {today.isoformat()} "
        "(incident date 2025-11-03 → 2025-11-04)"
    )
    assert set(marker.deadline_ids) == {c.deadline_id for c in diff.moved}
    detail = views.matter_detail(services, _id(services, number))
    assert detail.marker is not None and detail.marker.id == marker.id
    stale = {r.id for r in detail.deadlines if r.out_of_date}
    assert stale == set(marker.deadline_ids)
    board = dashboard.dashboard(services)
    assert board.counts.out_of_date == 1
    flagged = {r.deadline_id for s in board.sections for r in s.rows if r.out_of_date}
    assert flagged <= stale
    # A second change keeps the first "from".
    timeline.update_incident(services, number, occurred_on="2025-11-05")
    again = markers.open_marker(services, number)
    assert again is not None and again.id == marker.id
    assert "(incident date 2025-11-03 → 2025-11-05)" in again.text
    deadlines.recompute_apply(services, number)
    assert markers.open_marker(services, number) is None
    (row,) = _markers(services)
    assert row.resolution == "accepted" and row.resolved_by == "tester"
    assert dashboard.dashboard(services).counts.out_of_date == 0
    assert not any(r.out_of_date for r in views.matter_detail(services, row.matter_id).deadlines)


def test_keep_with_reason_clears_and_is_stored(services, today: date) -> None:
    number = _matter(services)
    timeline.update_incident(services, number, occurred_on="2025-11-04")
    with pytest.raises(InvalidInput, match="needs a reason"):
        markers.keep(services, number, "  ")
    marker = markers.open_marker(services, number)
    assert marker is not None
    with pytest.raises(ConflictError):
        markers.keep(services, number, "typo", version=marker.version + 1)
    assert markers.keep(services, number, "the police report has the 3rd", version=marker.version)
    assert markers.open_marker(services, number) is None
    (row,) = _markers(services)
    assert (row.resolution, row.reason, row.resolved_on) == (
        "kept",
        "the police report has the 3rd",
        today,
    )
    with services.engine.connect() as conn:
        events = conn.execute(
            select(AuditEvent.changes).where(AuditEvent.entity == "recomputemarker")
        ).all()
    assert any("resolution" in e[0] for e in events)
    with pytest.raises(InvalidInput, match="not out of date"):
        markers.keep(services, number, "again")


def test_putting_the_date_back_clears_the_marker(services, today: date) -> None:  # noqa: ARG001
    number = _matter(services)
    timeline.update_incident(services, number, occurred_on="2025-11-04")
    timeline.update_incident(services, number, occurred_on="2025-11-03")
    assert markers.open_marker(services, number) is None
    assert [r.resolution for r in _markers(services)] == ["cleared"]


def test_done_records_the_day_and_reopen_clears_it(services, today: date) -> None:
    number = _matter(services)
    row = deadlines.list_deadlines(services, matter=number)[0]
    done = deadlines.set_status(services, row.id, "done", "filed", version=row.version)
    assert done.completed_on == today
    with services.transaction() as session:
        assert session.get(Deadline, row.id).completed_on == today
    detail = views.matter_detail(services, _id(services, number))
    assert next(d for d in detail.deadlines if d.id == row.id).completed_on == today
    reopened = deadlines.set_status(services, row.id, "open", version=done.version)
    assert reopened.status == "open" and reopened.completed_on is None


def _id(svc, number: str) -> int:
    (row,) = views.find_matters(svc, number)
    return row.id


def test_cli_keep_and_reopen(services, today: date) -> None:  # noqa: ARG001
    from typer.testing import CliRunner

    from casekit.cli import app

    number = _matter(services)
    timeline.update_incident(services, number, occurred_on="2025-11-04")
    runner = CliRunner()
    shown = runner.invoke(app, ["deadlines", "recompute", number])
    assert shown.exit_code == 0, shown.stderr
    assert "out of date: incident changed on" in shown.stdout
    assert f"casekit deadlines keep {number} --reason R" in shown.stdout
    refused = runner.invoke(app, ["deadlines", "keep", number, "--reason", ""])
    assert refused.exit_code == 2 and "needs a reason" in refused.stderr
    kept = runner.invoke(app, ["deadlines", "keep", number, "--reason", "report says the 3rd"])
    assert kept.exit_code == 0, kept.stderr
    assert markers.open_marker(services, number) is None
    row = deadlines.list_deadlines(services, matter=number)[0]
    done = runner.invoke(app, ["deadlines", "done", str(row.id), "--reason", "served"])
    assert done.exit_code == 0, done.stderr
    listed = runner.invoke(app, ["deadlines", "list", "--matter", number, "--status", "done"])
    assert f"done {today.isoformat()}" in listed.stdout
    again = runner.invoke(app, ["deadlines", "reopen", str(row.id), "--reason", "by mistake"])
    assert again.exit_code == 0, again.stderr
    assert deadlines.list_deadlines(services, matter=number, status="done") == []


def test_demo_matters_have_a_history(services, today: date) -> None:  # noqa: ARG001
    from casekit.services import demo

    demo.run_demo(services, matters=6)
    texts = []
    stale = 0
    with services.engine.connect() as conn:
        ids = [r[0] for r in conn.execute(select(Matter.id))]
    for matter_id in ids:
        detail = views.matter_detail(services, matter_id)
        texts += [h.text for h in detail.history]
        stale += detail.marker is not None
    assert any(
        t.startswith("Incident date changed from ") and t.endswith(" by maria") for t in texts
    )
    assert any(t == "Note written by pedro" for t in texts)
    assert any(t.startswith("Deadline marked done") and t.endswith("by pedro") for t in texts)
    assert any(
        t == "Out-of-date marker cleared: the recompute was accepted by maria" for t in texts
    )
    assert stale == 1
    demo.run_demo(services, matters=6)  # a second run adds nothing
    with services.engine.connect() as conn:
        assert len(conn.execute(select(RecomputeMarker)).all()) == 2
