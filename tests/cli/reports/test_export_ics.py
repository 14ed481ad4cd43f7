"""casekit export ics: one all-day event per open deadline, stable UIDs, alarms at the tiers."""

from __future__ import annotations

import stat
from datetime import date, timedelta

from icalendar import Calendar
from sqlmodel import select
from typer.testing import CliRunner

from casekit.cli import app
from casekit.services.deadlines import calendar_export as ics
from casekit.store.models import Deadline

runner = CliRunner()
TODAY = date(2026, 11, 20)


def uid(svc, deadline_id):
    return ics.uid_for(deadline_id, ics.installation_id(svc))


def _events(path):
    return {str(e["UID"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def _export(tmp_path, name, *args):
    out = tmp_path / name
    res = runner.invoke(
        app, ["export", "ics", "--output", str(out), "--today", TODAY.isoformat(), *args]
    )
    assert res.exit_code == 0, res.output
    return out


def test_events(services, make_matter, deadline, tmp_path):
    a = make_matter(client_name="Juana Nadie")
    limitation = deadline(
        a,
        due=date(2027, 3, 14),
        safe_target=date(2027, 3, 12),
        confidence="unknown",
        citation="§ 54-192h (2025); § 52-577",
        trail=("Trigger: incident 2026-03-14.", "Verify."),
    )
    foi = deadline(
        a,
        due=date(2026, 12, 2),
        kind="foi",
        rule_id="CT_FOI_RESPONSE",
        title="Agency answers",
        citation="§ 1-206(a)",
    )
    deadline(a, due=date(2026, 12, 3), status="done")
    out = _export(tmp_path, "a.ics")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600

    events = _events(out)
    assert set(events) == {uid(services, limitation), uid(services, foi)}
    ev = events[uid(services, limitation)]
    assert ev.decoded("DTSTART") == date(2027, 3, 12)  # the safe target, all day
    assert ev.decoded("DTEND") == date(2027, 3, 13)
    assert int(ev["SEQUENCE"]) == 1
    assert ev.decoded("LAST-MODIFIED").year == 2026
    assert "DTSTAMP" in ev
    summary = str(ev["SUMMARY"])
    assert summary.startswith(f"{a} (J. N.): ") and "[verify]" in summary
    description = str(ev["DESCRIPTION"])
    for needle in (
        "2027-03-14",
        "§ 54-192h (2025); § 52-577",
        "unknown",
        "VERIFY",
        "Trigger: incident 2026-03-14.",
    ):
        assert needle in description
    for text in (summary, description):
        assert "Juana" not in text and "Nadie" not in text

    triggers = sorted(a.decoded("TRIGGER") for a in ev.walk("VALARM"))
    assert triggers == [timedelta(days=-d) for d in (90, 60, 30, 14, 7, 1)]  # 180 already past
    assert {str(a["ACTION"]) for a in ev.walk("VALARM")} == {"DISPLAY"}
    foi_triggers = sorted(a.decoded("TRIGGER") for a in events[uid(services, foi)].walk("VALARM"))
    assert foi_triggers == [timedelta(days=-7), timedelta(days=-1)]  # 14 days already past


def test_uids_stable_and_sequence_rises(services, make_matter, deadline, tmp_path):
    a = make_matter()
    b = make_matter(client_name="Otra Persona")
    ids = [deadline(a, due=date(2027, 1, 5)), deadline(b, due=date(2027, 2, 5))]
    first = _events(_export(tmp_path, "1.ics"))
    with services.transaction() as s:
        row = s.exec(select(Deadline).where(Deadline.id == ids[0])).one()
        row.due = row.safe_target = date(2027, 1, 6)
    second = _events(_export(tmp_path, "2.ics"))
    assert set(first) == set(second) == {uid(services, i) for i in ids}
    moved = uid(services, ids[0])
    assert int(second[moved]["SEQUENCE"]) == int(first[moved]["SEQUENCE"]) + 1
    assert second[moved].decoded("DTSTART") == date(2027, 1, 6)
    assert second[moved].decoded("LAST-MODIFIED") > first[moved].decoded("LAST-MODIFIED")


def test_filters(services, make_matter, deadline, tmp_path):
    a = make_matter(attorney="Ada Lawyer")
    b = make_matter(attorney="Bo Counsel")
    da, db = deadline(a, due=date(2027, 1, 5)), deadline(b, due=date(2027, 1, 6))
    assert set(_events(_export(tmp_path, "m.ics", "--matter", a))) == {uid(services, da)}
    assert set(_events(_export(tmp_path, "b.ics", "--attorney", "Bo Counsel"))) == {
        uid(services, db)
    }
    res = runner.invoke(
        app, ["export", "ics", "--output", str(tmp_path / "x.ics"), "--matter", "TA-1900-0001"]
    )
    assert res.exit_code == 2 and not (tmp_path / "x.ics").exists()


def test_overdue_and_today_deadlines_still_alert(services, make_matter, deadline, tmp_path):
    a = make_matter()
    late = deadline(a, due=date(2026, 11, 2))
    now = deadline(a, due=TODAY)
    events = _events(_export(tmp_path, "late.ics"))
    assert all(list(ev.walk("VALARM")) for ev in events.values())  # every event alerts
    for key, word in ((uid(services, late), "OVERDUE"), (uid(services, now), "today")):
        (alarm,) = events[key].walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(0) and word in str(alarm["DESCRIPTION"])
