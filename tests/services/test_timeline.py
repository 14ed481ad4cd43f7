"""Changing a matter after intake: incident corrections and custody events are saved, and the
deadline recompute they cause is returned for approval, never applied silently."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from casekit.cli import app
from casekit.errors import ConflictError, InvalidInput, NotFound
from casekit.services import casefile, clients, deadlines, matters
from casekit.services import casefile as timeline

from .conftest import count_rows


def _matter(svc, today: date) -> str:
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


def _due(svc, number: str, rule: str) -> date:
    (row,) = [d for d in deadlines.list_deadlines(svc, matter=number) if d.rule_id == rule]
    return row.due


def test_release_restates_1983_only_after_approval(services, today: date) -> None:
    number = _matter(services, today)
    assert _due(services, number, "FED_1983_SOL") == date(2028, 11, 3)
    diff = timeline.add_custody_event(services, number, kind="release", at="2025-11-06T09:30")
    # Both § 1983 accrual readings (incident, release: Wallace v. Kato) are shown; the earlier,
    # the incident date, stays the safe target (trust-act.md § 4).
    assert not diff.moved
    restated = {c.rule_id: c for c in diff.restated}
    assert set(restated) == {"FED_1983_SOL"}
    assert restated["FED_1983_SOL"].new_due == date(2028, 11, 3)
    assert any("due 2028-11-06" in step for step in restated["FED_1983_SOL"].trail)
    deadlines.recompute_apply(services, number, expected=diff)
    assert _due(services, number, "FED_1983_SOL") == date(2028, 11, 3)
    assert not deadlines.recompute_preview(services, number).has_changes
    events = timeline.list_custody_events(services, number)
    assert [(e.kind, e.at.strftime("%Y-%m-%d %H:%M")) for e in events] == [
        ("release", "2025-11-06 09:30")
    ]


def test_incident_date_correction_previews_every_incident_rule(services, today: date) -> None:
    number = _matter(services, today)
    diff = timeline.update_incident(services, number, occurred_on="2025-11-04")
    moved = {c.rule_id: c for c in diff.moved}
    assert moved["CT_7465_NOTICE"].old_due == date(2026, 5, 3)
    assert moved["CT_7465_NOTICE"].new_due == date(2026, 5, 4)
    assert moved["CT_TORT_SOL"].new_due == date(2028, 11, 4)
    assert _due(services, number, "CT_7465_NOTICE") == date(2026, 5, 3)


def test_stale_incident_version_is_a_conflict(services, today: date) -> None:
    number = _matter(services, today)
    timeline.update_incident(services, number, narrative="first edit")
    with pytest.raises(ConflictError):
        timeline.update_incident(services, number, narrative="stale edit", version=1)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kind": "relase", "at": "2025-11-06T09:30"}, InvalidInput),
        ({"kind": "release", "at": "2025-11-31T09:30"}, InvalidInput),
        ({"kind": "release", "at": "2099-01-01T09:30"}, InvalidInput),
    ],
)
def test_bad_custody_event_writes_nothing(services, today: date, kwargs, error) -> None:
    from casekit.store import models as m

    number = _matter(services, today)
    before = count_rows(services, m.CustodyEvent, m.AuditEvent)
    with pytest.raises(error):
        timeline.add_custody_event(services, number, **kwargs)
    assert count_rows(services, m.CustodyEvent, m.AuditEvent) == before


def test_unknown_matter_and_status(services, today: date) -> None:
    with pytest.raises(NotFound):
        timeline.list_custody_events(services, "TA-2099-0001")
    number = _matter(services, today)
    with pytest.raises(InvalidInput, match="did you mean"):
        timeline.set_matter_status(services, number, "actve")
    timeline.set_matter_status(services, number, "closed")
    (row,) = [r for r in matters.list_matters(services) if r.number == number]
    assert row.status == "closed"


def test_cli_custody_and_update(services, today: date) -> None:
    number = _matter(services, today)
    runner = CliRunner()
    result = runner.invoke(
        app, ["custody", "add", number, "--kind", "release", "--at", "2025-11-06T09:30", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"FED_1983_SOL"' in result.stdout
    result = runner.invoke(app, ["matter", "update", number, "--incident-date", "2025-02-30"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "not a real date" in result.stderr


def _held(svc, number: str) -> None:
    # Scheduled release Friday 2025-11-07 17:00; handed to ICE Tuesday 2025-11-11 20:00.
    # 48 hours not counting Saturday, Sunday or Veterans Day (Tuesday 11-11) end Wednesday
    # 2025-11-12 17:00... so within the cap; a firm rule of 24 hours ends Monday 17:00.
    timeline.add_custody_event(svc, number, kind="scheduled_release", at="2025-11-07T17:00")
    timeline.add_custody_event(svc, number, kind="release_to_ice", at="2025-11-11T20:00")


def test_over_detention_in_matter_show_and_custody_list(services, today: date) -> None:
    number = _matter(services, today)
    _held(services, number)
    shown = casefile.matter_file(services, number)
    assert shown.over_detention is not None
    assert shown.over_detention.hours_past_release == 99.0
    assert shown.over_detention.hours_past_cap == 0.0
    data = shown.to_dict()["over_detention"]
    assert data["hours_past_release"] == 99.0 and data["firm_override"] is False
    runner = CliRunner()
    text = runner.invoke(app, ["matter", "show", number]).stdout
    assert "over-detention: 99.0 h past the scheduled release; 0.0 h past the 48-hour cap" in text
    listed = runner.invoke(app, ["custody", "list", number])
    assert listed.exit_code == 0, listed.stderr
    assert "when (Connecticut time)" in listed.stdout
    assert "2025-11-07 17:00" in listed.stdout  # wall time, not UTC (22:00)
    assert "over-detention: 99.0 h past the scheduled release" in listed.stdout


def test_over_detention_respects_the_firms_48_hour_rule(services, today: date) -> None:
    number = _matter(services, today)
    _held(services, number)
    home = services.settings.home
    home.mkdir(parents=True, exist_ok=True)
    (home / "rules.local.toml").write_text(
        '[rules.FED_DETAINER_48H]\nperiod = 24\nnote = "firm reading"\n', encoding="utf-8"
    )
    over = casefile.matter_file(services, number).over_detention
    assert over is not None and over.overridden
    # 24 counted hours from Friday 17:00 end Monday 17:00: held 27 hours past them.
    assert over.hours_past_cap == 27.0
    text = CliRunner().invoke(app, ["custody", "list", number]).stdout
    assert "27.0 h past the 48-hour cap" in text and "firm rule" in text
