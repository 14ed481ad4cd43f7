"""Records (FOI) requests and their § 1-206 deadlines."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from casekit.cli import app
from casekit.errors import InvalidInput, NotFound
from casekit.services import records as rr
from casekit.store.models import CourtClosure, Deadline

runner = CliRunner()
AGENCY = "Hartford Police Department"


def _deadlines(services, request_id):
    with services.transaction() as s:
        return s.exec(
            select(Deadline).where(Deadline.records_request_id == request_id).order_by(Deadline.id)
        ).all()


def test_create_is_a_draft_without_deadlines(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY.upper())
    assert req.status == "draft" and req.agency == AGENCY and req.matter == number
    assert req.deadlines == ()
    sent = rr.create_records_request(services, number, AGENCY, sent_on=date(2026, 11, 20))
    assert sent.status == "sent" and sent.deadlines == ()


def test_received_computes_response_and_deemed_denial_appeal(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY, sent_on=date(2026, 11, 23))
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))

    assert req.status == "received"
    response = req.deadline("CT_FOI_RESPONSE")
    assert response is not None
    assert (response.due, response.safe_target) == (date(2026, 12, 2), date(2026, 12, 2))
    assert response.citation == "§ 1-206(a)" and response.confidence == "confirmed"
    assert any("Thanksgiving" in step for step in response.trail)
    appeal = req.deadline("CT_FOI_APPEAL")
    assert appeal is not None
    assert appeal.trigger_date == date(2026, 12, 2)
    assert (appeal.due, appeal.safe_target) == (date(2027, 1, 1), date(2026, 12, 31))
    assert appeal.citation == "§ 1-206(b)(1)"
    assert appeal.trail[0].startswith("Deemed denial")

    rows = _deadlines(services, req.id)
    assert {r.rule_id for r in rows} == {"CT_FOI_RESPONSE", "CT_FOI_APPEAL"}
    assert all(r.kind == "foi" and r.status == "open" and r.matter_id for r in rows)


def test_changing_the_received_date_moves_open_deadlines(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY)
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))
    first = req.deadline("CT_FOI_RESPONSE")
    # A correction is saved, but the deadline waits for the attorney's confirmation.
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 30))
    assert req.received_on == date(2026, 11, 30)
    assert req.deadline("CT_FOI_RESPONSE").due == first.due
    pending = {c.rule_id: c for c in req.pending}
    assert pending["CT_FOI_RESPONSE"].kind == "moved"
    assert pending["CT_FOI_RESPONSE"].new_due == date(2026, 12, 4)
    req = rr.update_records_request(services, req.id, apply=True)
    assert req.pending == ()
    moved = req.deadline("CT_FOI_RESPONSE")
    assert moved.id == first.id and moved.due == date(2026, 12, 4)
    assert len(_deadlines(services, req.id)) == 2  # updated in place


def test_court_closure_is_counted(services, make_matter):
    number = make_matter()
    with services.transaction() as s:
        s.add(CourtClosure(closed_on=date(2026, 11, 30), reason="storm"))
    req = rr.create_records_request(services, number, AGENCY)
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))
    assert req.deadline("CT_FOI_RESPONSE").due == date(2026, 12, 3)


def test_denial_restarts_appeal_and_response_is_done(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY)
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))
    req = rr.update_records_request(services, req.id, denial_on=date(2026, 12, 10), apply=True)
    assert req.status == "denied"
    response = req.deadline("CT_FOI_RESPONSE")
    assert response.status == "done"
    appeal = req.deadline("CT_FOI_APPEAL")
    assert appeal.status == "open" and appeal.due == date(2027, 1, 9)
    assert appeal.safe_target == date(2027, 1, 8)  # a Saturday: act by Friday

    # done deadlines never move, even when the received date is corrected afterwards
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 27))
    assert req.deadline("CT_FOI_RESPONSE").due == date(2026, 12, 2)

    req = rr.update_records_request(services, req.id, status="appealed")
    assert req.deadline("CT_FOI_APPEAL").status == "done"
    req = rr.update_records_request(services, req.id, denial_on=date(2026, 12, 20))
    assert req.deadline("CT_FOI_APPEAL").due == date(2027, 1, 9)  # done: not moved


def test_response_without_denial_supersedes_deemed_denial(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY)
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))
    req = rr.update_records_request(services, req.id, response_on=date(2026, 12, 1))
    assert [c.kind for c in req.pending] == ["removed"]  # shown first, not applied
    req = rr.update_records_request(services, req.id, apply=True)
    assert req.status == "answered"
    assert req.deadline("CT_FOI_RESPONSE").status == "done"
    assert req.deadline("CT_FOI_APPEAL") is None
    statuses = {d.rule_id: d.status for d in req.deadlines}
    assert statuses["CT_FOI_APPEAL"] == "superseded"


def test_bad_input(services, make_matter):
    number = make_matter()
    with pytest.raises(NotFound):
        rr.create_records_request(services, "TA-1900-0001", AGENCY)
    with pytest.raises(InvalidInput, match="unknown agency"):
        rr.create_records_request(services, number, "Atlantis Police Department")
    with pytest.raises(NotFound):
        rr.update_records_request(services, 4242, status="sent")
    req = rr.create_records_request(services, number, AGENCY, sent_on=date(2026, 11, 20))
    with pytest.raises(InvalidInput):
        rr.update_records_request(services, req.id, status="lost")
    with pytest.raises(InvalidInput):
        rr.update_records_request(services, req.id, received_on=date(2026, 11, 1))
    assert rr.list_records_requests(services, number)[0].received_on is None


def test_cli(services, make_matter):
    number = make_matter()
    res = runner.invoke(
        app, ["records", "add", number, "--agency", AGENCY, "--sent", "2026-11-23", "--json"]
    )
    assert res.exit_code == 0, res.output
    request_id = json.loads(res.stdout)["id"]
    res = runner.invoke(
        app, ["records", "update", str(request_id), "--received", "2026-11-25", "--json"]
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {d["rule"]: d["due"] for d in data["deadlines"]} == {
        "CT_FOI_RESPONSE": "2026-12-02",
        "CT_FOI_APPEAL": "2027-01-01",
    }
    res = runner.invoke(app, ["records", "list", number, "--json"])
    assert [r["id"] for r in json.loads(res.stdout)] == [request_id]
    res = runner.invoke(app, ["records", "list"])
    assert res.exit_code == 0 and "CT_FOI_RESPONSE" in res.stdout

    res = runner.invoke(app, ["records", "update", str(request_id), "--received", "2026-13-01"])
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    res = runner.invoke(app, ["records", "add", number, "--agency", "Nowhere PD"])
    assert res.exit_code == 2 and "unknown agency" in res.stderr


def test_cli_correction_is_shown_then_applied(services, make_matter):
    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY)
    runner = CliRunner()
    ok = runner.invoke(app, ["records", "update", str(req.id), "--received", "2026-11-25"])
    assert ok.exit_code == 0, ok.output
    shown = runner.invoke(
        app, ["records", "update", str(req.id), "--received", "2026-11-30", "--json"]
    )
    data = json.loads(shown.stdout)
    assert [c["rule"] for c in data["pending"]] == ["CT_FOI_RESPONSE", "CT_FOI_APPEAL"]
    response = next(d for d in data["deadlines"] if d["rule"] == "CT_FOI_RESPONSE")
    assert response["due"] == "2026-12-02"  # not moved yet
    applied = runner.invoke(app, ["records", "update", str(req.id), "--apply", "--json"])
    data = json.loads(applied.stdout)
    assert data["pending"] == []
    response = next(
        d for d in data["deadlines"] if d["rule"] == "CT_FOI_RESPONSE" and d["status"] == "open"
    )
    assert response["due"] == "2026-12-04"


def test_a_closed_matter_takes_no_open_records_deadline_and_reopening_restores_it(
    services, make_matter
):
    from casekit.services.deadlines import lifecycle

    number = make_matter()
    req = rr.create_records_request(services, number, AGENCY, sent_on=date(2026, 11, 23))
    lifecycle.change_status(services, number, "closed")
    req = rr.update_records_request(services, req.id, received_on=date(2026, 11, 25))

    rows = _deadlines(services, req.id)
    assert {r.rule_id for r in rows} == {"CT_FOI_RESPONSE", "CT_FOI_APPEAL"}
    assert {(r.status, r.status_reason, r.closed_with_matter) for r in rows} == {
        ("superseded", "matter closed", True)
    }
    # A second date change on the closed matter moves those rows; it adds no new one.
    rr.update_records_request(services, req.id, received_on=date(2026, 11, 24))
    assert len(_deadlines(services, req.id)) == 2

    lifecycle.change_status(services, number, "active", restore=True)
    back = _deadlines(services, req.id)
    assert len(back) == 2 and {r.status for r in back} == {"open"}
    assert not any(r.closed_with_matter for r in back)
