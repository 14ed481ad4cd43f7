"""A matter's lifecycle on SQLite and PostgreSQL: closing closes its open deadlines (audited),
reopening restores them, a closed matter plans nothing and takes no new deadline, and the next
ICS export cancels what it exported before (checked with two independent parsers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casekit.errors import ConflictError, InvalidInput

from .conftest import cli, cli_json
from .test_matters import open_matter


def _statuses(svc: Any, number: str) -> dict[int, tuple[str, str, bool]]:
    from casekit.services.deadlines import list_deadlines
    from casekit.store.models import Deadline

    ids = [d.id for d in list_deadlines(svc, matter=number, status="all")]
    with svc.transaction() as session:
        rows = [session.get(Deadline, i) for i in ids]
        return {r.id: (r.status, r.status_reason, r.closed_with_matter) for r in rows if r}


def test_closing_closes_open_deadlines_and_reopening_restores_them(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines import lifecycle
    from casekit.services.office import list_events

    number = open_matter(services, claims=("false_imprisonment_7465",))
    manual = deadlines.add_manual(services, number, "Scheduling order", "2026-09-01")
    opened = deadlines.list_deadlines(services, matter=number)
    done = opened[0]
    deadlines.set_status_current(services, done.id, "done", "filed")
    shown = lifecycle.closing_preview(services, number)
    assert done.id not in {d.id for d in shown} and manual.id in {d.id for d in shown}

    change = lifecycle.change_status(services, number, "closed", shown=[d.id for d in shown])
    assert {d.id for d in change.closed} == {d.id for d in shown}
    after = _statuses(services, number)
    assert after[done.id] == ("done", "filed", False)  # done ones untouched
    for d in shown:
        assert after[d.id] == ("superseded", "matter closed", True)
    assert deadlines.list_deadlines(services, matter=number) == []
    # Each update is in the audit log.
    events = list_events(services, matter=number, entity="deadline", limit=200)
    closed_ids = {
        e.entity_id for e in events if e.action == "update" and "closed_with_matter" in e.changes
    }
    assert closed_ids == {d.id for d in shown}
    # Closed: nothing planned, nothing added.
    assert not deadlines.recompute_preview(services, number).has_changes
    with pytest.raises(InvalidInput, match="takes no new deadline"):
        deadlines.add_manual(services, number, "Another", "2026-10-01")

    reopened = lifecycle.change_status(services, number, "active", restore=True)
    assert {d.id for d in reopened.restored} == {d.id for d in shown}
    back = _statuses(services, number)
    for d in shown:
        assert back[d.id] == ("open", "", False)
    restored_manual = next(d for d in reopened.restored if d.id == manual.id)
    assert restored_manual.due == manual.due and restored_manual.manual
    assert not deadlines.recompute_preview(services, number).has_changes


def test_declining_says_so_and_a_stale_preview_is_refused(services: Any) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines import lifecycle

    number = open_matter(services)
    shown = lifecycle.closing_preview(services, number)
    deadlines.add_manual(services, number, "Late addition", "2026-09-01")
    with pytest.raises(ConflictError):
        lifecycle.change_status(services, number, "declined", shown=[d.id for d in shown])
    assert lifecycle.closing_preview(services, number)  # nothing was written
    lifecycle.change_status(services, number, "declined")
    reasons = {r for _, r, c in _statuses(services, number).values() if c}
    assert reasons == {"matter closed (declined)"}
    # Reopened without restoring: they stay closed until `deadlines restore --apply`.
    change = lifecycle.change_status(services, number, "active")
    assert change.still_closed and not change.restored
    assert deadlines.list_deadlines(services, matter=number) == []
    preview = cli_json("deadlines", "restore", number)
    assert preview["applied"] is False and len(preview["deadlines"]) == len(change.still_closed)
    applied = cli_json("deadlines", "restore", number, "--apply")
    assert len(applied["deadlines"]) == len(change.still_closed)
    assert len(deadlines.list_deadlines(services, matter=number)) == len(change.still_closed)


def test_cli_close_asks_and_no_answer_writes_nothing(services: Any) -> None:
    from casekit.services import deadlines

    number = open_matter(services)
    before = len(deadlines.list_deadlines(services, matter=number))
    refused = cli("matter", "update", number, "--status", "closed")
    assert refused.exit_code == 1
    assert "will be closed with the matter" in refused.stdout
    assert len(deadlines.list_deadlines(services, matter=number)) == before
    from typer.testing import CliRunner

    from casekit.cli import app

    close = ["matter", "update", number, "--status", "closed"]
    said_no = CliRunner().invoke(app, close, input="n\n")
    assert said_no.exit_code == 1
    assert len(deadlines.list_deadlines(services, matter=number)) == before
    ok = CliRunner().invoke(app, close, input="y\n")
    assert ok.exit_code == 0, ok.stderr
    assert f"closed {before} deadline(s)" in ok.stdout
    assert deadlines.list_deadlines(services, matter=number) == []
    shown = cli_json("matter", "update", number, "--status", "active", "--yes")
    assert shown["status"] == "active" and len(shown["restored_deadlines"]) == before
    again = cli_json("matter", "update", number, "--status", "closed", "--yes")
    assert len(again["closed_deadlines"]) == before


def _parse_both(path: Path) -> dict[str, dict[str, Any]]:
    """Every VEVENT by UID, read by icalendar and by vobject; both must agree."""
    import vobject
    from icalendar import Calendar

    data = path.read_bytes()
    first = {
        str(e["UID"]): {"status": str(e["STATUS"]), "sequence": int(e["SEQUENCE"]), "event": e}
        for e in Calendar.from_ical(data).walk("VEVENT")
    }
    parsed = vobject.readOne(data.decode("utf-8"))
    second = {
        ev.uid.value: {"status": ev.status.value, "sequence": int(ev.sequence.value)}
        for ev in parsed.vevent_list
    }
    assert {k: (v["status"], v["sequence"]) for k, v in first.items()} == {
        k: (v["status"], v["sequence"]) for k, v in second.items()
    }
    return first


def test_ics_cancels_deadlines_of_a_closed_matter(services: Any, tmp_path: Path) -> None:
    from casekit.services import deadlines
    from casekit.services.deadlines import calendar_export as ics
    from casekit.services.deadlines import lifecycle

    number = open_matter(services, claims=("false_imprisonment_7465",))
    other = open_matter(services, name="Otra Persona")
    install = ics.installation_id(services)
    assert install and ics.installation_id(services) == install
    first = _parse_both(_export(tmp_path / "1.ics"))
    assert {v["status"] for v in first.values()} == {"CONFIRMED"}
    assert all(f".{install}@casekit" in uid for uid in first)
    mine = {d.id for d in deadlines.list_deadlines(services, matter=number)}
    done = deadlines.list_deadlines(services, matter=other)[0]
    deadlines.set_status_current(services, done.id, "done", "Secret reason Nguyễn")
    lifecycle.change_status(services, number, "closed")

    second = _parse_both(_export(tmp_path / "2.ics"))
    cancelled = {uid for uid, v in second.items() if v["status"] == "CANCELLED"}
    expected = {ics.uid_for(i, install) for i in (*mine, done.id)}
    assert cancelled == expected
    for uid in cancelled:
        assert second[uid]["sequence"] > first[uid]["sequence"]
        text = second[uid]["event"].to_ical().decode("utf-8")
        assert "Secret" not in text and "matter closed" not in text
    assert "Secret" not in (tmp_path / "2.ics").read_text(encoding="utf-8")
    # The next export cancels them again with the same SEQUENCE (nothing changed).
    third = _parse_both(_export(tmp_path / "3.ics"))
    for uid in cancelled:
        assert third[uid] == {**second[uid], "event": third[uid]["event"]}
    # Restored: confirmed again, with a SEQUENCE above the cancellation's.
    lifecycle.change_status(services, number, "active", restore=True)
    fourth = _parse_both(_export(tmp_path / "4.ics"))
    for i in mine:
        uid = ics.uid_for(i, install)
        assert fourth[uid]["status"] == "CONFIRMED"
        assert fourth[uid]["sequence"] > second[uid]["sequence"]


def _export(path: Path) -> Path:
    result = cli("export", "ics", "--output", str(path), "--today", date(2026, 6, 1).isoformat())
    assert result.exit_code == 0, result.stderr
    return path
